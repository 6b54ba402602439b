/**
 * Tensors in the REPL: making seeded ones (`rand 6x6x1 seed=7`), reading
 * variables as images [C,H,W] or sequences [T,features], and naming shapes
 * both ways — the notes' W×H×D and PyTorch's layout.
 */
import { randNormal, randUniform } from '../engine/random.js';
import { Tensor } from '../engine/tensor.js';
import { fmtInt, msg, type Msg } from '../i18n/index.js';
import { UserError, type ReplContext } from './context.js';
import { lookup, type Place } from './resolve.js';
import type { Arg } from './spec.js';

/** Values made or run in the REPL stay small enough to show and to compute at once. */
export const REPL_MAX_ELEMENTS = 4_000_000;
/** Multiply-adds one REPL command may spend (≈ a second or two on a slow laptop). */
export const REPL_MAX_MACS = 2e9;

export function checkElements(n: number, what: Msg): void {
  if (n > REPL_MAX_ELEMENTS) {
    throw new UserError(
      msg(
        `${what.en} would hold ${fmtInt(n)} numbers; the REPL works on at most ${fmtInt(REPL_MAX_ELEMENTS)} at a time. Use smaller sizes (the shape commands such as conv 224x224x3 F=3 work on any size).`,
        `${what.zh}需要 ${fmtInt(n)} 个数；REPL 一次最多处理 ${fmtInt(REPL_MAX_ELEMENTS)} 个。请用更小的尺寸（只算形状的命令，如 conv 224x224x3 F=3，不受此限制）。`,
      ),
    );
  }
}

export function checkCost(macs: number): void {
  if (macs > REPL_MAX_MACS) {
    throw new UserError(
      msg(
        `That would take ${fmtInt(macs)} multiply-adds — too slow to run here (limit ${fmtInt(REPL_MAX_MACS)}). Use a smaller input or fewer filters; conv on a volume (conv 224x224x3 F=3 K=64) gives the shapes instantly.`,
        `这需要 ${fmtInt(macs)} 次乘加，在这里运行太慢（上限 ${fmtInt(REPL_MAX_MACS)}）。请用更小的输入或更少的滤波器；对数据体尺寸做 conv（如 conv 224x224x3 F=3 K=64）可以立即得到形状。`,
      ),
    );
  }
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
  const t = tensorVar(ctx, a);
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

export function tensorVar(ctx: ReplContext, a: Arg): { tensor: Tensor; name: string } {
  const place: Place = { start: a.start, end: a.end };
  if (a.kind !== 'term' || !('name' in a.term)) {
    throw new UserError(msg('Give the name of a variable holding numbers, e.g. x after let x = rand 6x6x1.', '请给出保存数值的变量名，例如先 let x = rand 6x6x1 再用 x。'), a.start, a.end - a.start);
  }
  const v = lookup(ctx, a.term.name, place);
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

/** Round for display and JSON consumers that compare with tolerance. */
export function r4(v: number): number {
  return Math.round(v * 1e4) / 1e4;
}

/** A seeded orthogonal n×n matrix (Gram–Schmidt on normal numbers): all its singular values are 1. */
export function orthogonal(n: number, seed: number): Tensor {
  const a = randNormal([n, n], seed);
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = Array.from(a.data.subarray(i * n, (i + 1) * n));
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += row[k] * q[j * n + k];
      for (let k = 0; k < n; k++) row[k] -= dot * q[j * n + k];
    }
    const norm = Math.hypot(...row) || 1;
    for (let k = 0; k < n; k++) q[i * n + k] = row[k] / norm;
  }
  return new Tensor([n, n], Float32Array.from(q));
}
