/**
 * Tensors in the REPL: making seeded ones (`rand 6x6x1 seed=7`), reading
 * variables as images [C,H,W] or sequences [T,features], and naming shapes
 * both ways — the notes' W×H×D and PyTorch's layout.
 */
import { randUniform } from '../engine/random.js';
import { Tensor } from '../engine/tensor.js';
import { msg, type Msg } from '../i18n/index.js';
import { UserError, type ReplContext } from './context.js';
import { lookup, type Place } from './resolve.js';
import type { Arg } from './spec.js';
import { fmtInt } from '../i18n/numbers.js';

/**
 * Values made or run in the REPL stay small enough to show and to compute at once:
 * drawing, printing and JSON cost about a microsecond per number, so a million
 * numbers is already a second or two (as mathjs's own limit on a result).
 */
export const REPL_MAX_ELEMENTS = 1_000_000;
/**
 * Work units (engine WORK_COST: ≈ multiply-adds) one REPL command may spend: about
 * half a second of engine time on a slow laptop, leaving room for drawing the result.
 * The engine's own work budget (getWorkBudget) is the backstop behind this.
 */
export const REPL_MAX_WORK = 1e9;

/** Refuses a value of more than REPL_MAX_ELEMENTS numbers; `tryInstead` names a smaller setting when the command knows one. */
export function checkElements(n: number, what: Msg, tryInstead?: Msg): void {
  if (n > REPL_MAX_ELEMENTS) {
    const hint = tryInstead ?? msg('Use smaller sizes (the shape commands such as conv 224x224x3 F=3 work on any size).', '请用更小的尺寸（只算形状的命令，如 conv 224x224x3 F=3，不受此限制）。');
    throw new UserError(
      msg(
        `${what.en} would hold ${fmtInt(n)} numbers; the REPL works on at most ${fmtInt(REPL_MAX_ELEMENTS)} at a time. ${hint.en}`,
        `${what.zh}需要 ${fmtInt(n)} 个数；REPL 一次最多处理 ${fmtInt(REPL_MAX_ELEMENTS)} 个。${hint.zh}`,
      ),
    );
  }
}

function fmtWork(n: number): string {
  return n >= 1e15 || !Number.isFinite(n) ? n.toExponential(2) : fmtInt(n);
}

/**
 * Refuses, before any engine work, a command whose estimated work (from the engine's
 * own cost functions) is more than a few seconds; `tryInstead` names a smaller setting.
 */
export function checkWork(units: number, what: Msg, tryInstead: Msg): void {
  if (units <= REPL_MAX_WORK) return;
  throw new UserError(
    msg(
      `${what.en} would take about ${fmtWork(units)} steps of work (≈ multiply-adds) — more than a few seconds here (the REPL's limit is ${fmtWork(REPL_MAX_WORK)}). ${tryInstead.en}`,
      `${what.zh}大约需要 ${fmtWork(units)} 步计算（约等于乘加次数），在这里要超过几秒钟（REPL 的上限是 ${fmtWork(REPL_MAX_WORK)}）。${tryInstead.zh}`,
    ),
  );
}

/** The largest value below `from` (down to 1) whose cost fits the REPL's limit, if any. */
export function largestFitting(from: number, cost: (v: number) => number): number | undefined {
  // Bounded: a kernel is at most as large as the input plus its padding, but stay quick whatever comes.
  for (let v = from - 1; v >= Math.max(1, from - 100_000); v--) {
    try {
      if (cost(v) <= REPL_MAX_WORK) return v;
    } catch {
      // A setting the shapes do not allow (e.g. a kernel larger than the input): try the next one.
    }
  }
  return undefined;
}

/** Seeded numbers in [−1, 1) rounded to two decimals, so every product can be checked by hand. */
export function replRand(shape: readonly number[], seed: number): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  checkElements(n, msg('That tensor', '这个张量'));
  const t = randUniform(shape, seed, -1, 1);
  for (let i = 0; i < t.data.length; i++) t.data[i] = Math.round(t.data[i] * 100) / 100;
  return t;
}

/** A variable as an image [C, H, W]: a 2-D matrix is one channel. */
export function imageVar(ctx: ReplContext, a: Arg): { tensor: Tensor; name: string } {
  const t = tensorVar(ctx, a, 'rand 6x6x1');
  if (t.tensor.rank === 2) return { tensor: t.tensor.reshape([1, t.tensor.shape[0], t.tensor.shape[1]]), name: t.name };
  if (t.tensor.rank === 3) return t;
  throw new UserError(
    msg(
      `${t.name} has shape [${t.tensor.shape.join(', ')}]; an image needs 2 dimensions (H×W) or 3 ([C, H, W]). Make one with let ${t.name} = rand 6x6x1.`,
      `${t.name} 的形状是 [${t.tensor.shape.join(', ')}]；图像需要 2 维（H×W）或 3 维（[C, H, W]）。可以用 let ${t.name} = rand 6x6x1 生成。`,
    ),
    a.start,
    a.end - a.start,
  );
}

export function tensorVar(ctx: ReplContext, a: Arg, example = 'rand 8x3'): { tensor: Tensor; name: string } {
  const place: Place = { start: a.start, end: a.end };
  if (a.kind !== 'term' || !('name' in a.term)) {
    throw new UserError(msg('Give the name of a variable holding numbers, e.g. x after let x = rand 6x6x1.', '请给出保存数值的变量名，例如先 let x = rand 6x6x1 再用 x。'), a.start, a.end - a.start);
  }
  const v = lookup(ctx, a.term.name, place, example);
  if (v.kind === 'tensor') return { tensor: v.tensor, name: a.term.name };
  if (v.kind === 'number') return { tensor: Tensor.fromNested([v.value]), name: a.term.name };
  throw new UserError(msg(`${a.term.name} holds ${v.display}, not numbers.`, `${a.term.name} 的值是 ${v.display}，不是数字。`), a.start, a.end - a.start);
}

/** "6×6×1 (W×H×D) · PyTorch [1, 6, 6]" for an image tensor [C, H, W]. */
export function imageShapeText(t: Tensor): Msg {
  const [C, H, W] = t.shape;
  return msg(`${W}×${H}×${C} (W×H×D) · PyTorch [${C}, ${H}, ${W}]`, `${W}×${H}×${C}（宽×高×深）· PyTorch [${C}, ${H}, ${W}]`);
}

/** "T=6 steps × 3 features · PyTorch [6, 3]" for a sequence [T, F]. */
export function seqShapeText(t: Tensor, rowName = msg('steps', '步'), colName = msg('features', '个特征')): Msg {
  const [T, F] = t.shape;
  return msg(`${T} ${rowName.en} × ${F} ${colName.en} · PyTorch [${T}, ${F}]`, `${T} ${rowName.zh} × ${F} ${colName.zh} · PyTorch [${T}, ${F}]`);
}

export function tensorJson(t: Tensor): { shape: number[]; data: number[] } {
  return { shape: [...t.shape], data: Array.from(t.data) };
}
