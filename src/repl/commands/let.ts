/**
 * let NAME = VALUE. Plain numbers and lists are stored without loading mathjs
 * (so `nnlearn run 'let W = 227' 'conv Wx227x3 F=11 S=4'` stays instant);
 * anything else is evaluated in the mathjs sandbox.
 */
import { randomInt } from 'node:crypto';
import { Tensor } from '../../engine/tensor.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult, type Value } from '../context.js';
import { fail } from '../parser.js';
import { describeValue } from './session-cmds.js';
import { mathToTensor, mirrorBindings } from '../values.js';
import { isName } from '../terms.js';
import { isReservedName, reservedNameMessage } from '../../evaluator/reserved.js';
import { lex } from '../lexer.js';
import { parseArgs } from '../parser.js';
import { isFailure } from '../spec.js';
import { optionNumber, resolveNumber, resolveVolume } from '../resolve.js';
import { replRand } from '../tensors.js';
import type { ReplContext } from '../context.js';

const RAND_SPEC = {
  name: 'rand',
  summary: msg('seeded random numbers', '带种子的随机数'),
  usage: 'let x = rand W×H×D [seed=N]   or   let s = rand ROWS×COLS [seed=N]',
  examples: ['let x = rand 6x6x1 seed=7', 'let s = rand 8x3'],
  positionals: [{ name: 'size', kind: 'size' as const, help: msg('a size such as 6x6x1 (W×H×D) or 8x3 (rows×columns)', '尺寸，例如 6x6x1（宽×高×深）或 8x3（行×列）') }],
  options: [{ key: 'seed', aliases: [], help: msg('the seed (same seed, same numbers)', '随机种子（同一种子得到同样的数）') }],
};

/** rand 6x6x1 → an image [1, 6, 6] (W×H×D as in the notes); rand 8x3 → a matrix of 8 rows and 3 columns. */
function readRand(ctx: ReplContext, text: string, offset: number): { tensor: Tensor; source: string; seed: number; fresh: boolean } {
  const tokens = lex(text).slice(1).map((t) => ({ ...t, start: t.start + offset, end: t.end + offset }));
  const args = parseArgs(RAND_SPEC, tokens, ' '.repeat(offset) + text);
  if (isFailure(args)) throw new UserError(args.error, args.column, args.length);
  // No seed= : a fresh one each time (printed, so she can ask for the same numbers again).
  const given = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, max: 2 ** 31 });
  const seed = given ?? randomInt(1, 100_000);
  const a = args.positionals.size;
  let shape: number[];
  if (a.kind === 'volume' && a.volume.depth === null) {
    const rows = resolveNumber(ctx, a.volume.width, { what: msg('the number of rows', '行数'), integer: true, min: 1 }, a);
    const cols = resolveNumber(ctx, a.volume.height, { what: msg('the number of columns', '列数'), integer: true, min: 1 }, a);
    shape = [rows, cols];
  } else if (a.kind === 'volume') {
    const v = resolveVolume(ctx, a.volume, a);
    shape = [v.depth, v.height, v.width];
  } else if (a.kind === 'term') {
    shape = [resolveNumber(ctx, a.term, { what: msg('the length', '长度'), integer: true, min: 1 }, a)];
  } else throw new UserError(RAND_SPEC.summary);
  return { tensor: replRand(shape, seed), source: `rand ${a.kind === 'volume' ? a.volume.text : a.kind === 'term' ? a.term.text : ''} seed=${seed}`, seed, fresh: given === undefined };
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** Names the REPL reads as commands cannot be variables too. */
let reserved: () => ReadonlySet<string> = () => new Set();
export function setReservedNames(f: () => ReadonlySet<string>): void {
  reserved = f;
}

export const letCmd: ReplCommand = {
  spec: {
    name: 'let',
    summary: msg('name a value: let W = 227, let x = [[1,2],[3,4]]', '给值命名：let W = 227、let x = [[1,2],[3,4]]'),
    usage: 'let NAME = VALUE',
    examples: ['let W = 227', 'let x = [[1,2],[3,4]]', 'let y = x * x'],
    parse(tokens, line) {
      const name = tokens[0];
      const eq = tokens[1];
      if (!name || name.kind !== 'chunk' || !isName(name.text)) {
        return fail(msg('let needs a name first: let W = 227', 'let 后面先写变量名：let W = 227'), name?.start ?? line.length);
      }
      if (isReservedName(name.text)) return fail(reservedNameMessage(name.text), name.start, name.text.length);
      if (reserved().has(name.text.toLowerCase())) {
        return fail(
          msg(`"${name.text}" is a command name; choose another variable name.`, `“${name.text}”是命令名，请换一个变量名。`),
          name.start,
          name.text.length,
        );
      }
      if (!eq || eq.kind !== 'eq') {
        return fail(msg(`Write let ${name.text} = VALUE (the "=" is missing).`, `请写成 let ${name.text} = 值（缺少“=”）。`), name.end);
      }
      const expr = line.slice(eq.end).trim();
      if (!expr) return fail(msg(`let ${name.text} = needs a value after "=".`, `let ${name.text} = 的“=”后面需要一个值。`), line.length);
      return { positionals: { name: { kind: 'word', word: name.text, start: name.start, end: name.end }, value: { kind: 'list', text: expr, start: eq.end + 1, end: line.length } }, options: {}, flags: [] };
    },
  },
  async run(args, ctx) {
    const nameArg = args.positionals.name;
    const valueArg = args.positionals.value;
    if (nameArg.kind !== 'word' || valueArg.kind !== 'list') throw new UserError(msg('let NAME = VALUE', 'let 名称 = 值'));
    const name = nameArg.word;
    const text = valueArg.text;
    const place = { start: valueArg.start, end: valueArg.end };
    let value: Value;
    let notice: import('../../i18n/index.js').Msg | undefined;
    const rand = /^rand\b/i.test(text) ? readRand(ctx, text, place.start) : null;
    if (rand) {
      value = { kind: 'tensor', tensor: rand.tensor, source: rand.source };
    } else if (NUMBER.test(text)) {
      value = { kind: 'number', value: Number(text) };
    } else {
      const math = await ctx.math();
      const r = await math.evaluate(text);
      // let y = (x = 3) + 1 assigns x too: file it as mathjs has it.
      mirrorBindings(ctx, r.bindings, text);
      notice = r.notice;
      if (!r.ok) throw new UserError(r.notice ? { en: `${r.error.en} (${r.notice.en})`, zh: `${r.error.zh}（${r.notice.zh}）` } : r.error, place.start, place.end - place.start);
      const v = r.value;
      if (v.kind === 'number') value = { kind: 'number', value: v.value };
      else if (v.kind === 'matrix') value = { kind: 'tensor', tensor: mathToTensor(v, place) as Tensor };
      else value = { kind: 'text', display: r.display };
    }
    await setVar(ctx, name, value);
    const blocks: Block[] = [...(notice ? [{ kind: 'warning' as const, text: notice }] : []), { kind: 'text', text: `${name} = ${describeValue(value)}` }];
    if (rand?.fresh) {
      const again = `let ${name} = ${rand.source}`;
      blocks.push({ kind: 'text', tone: 'muted', text: msg(`A fresh seed: seed=${rand.seed}. ${again} gives these numbers again.`, `新的随机种子：seed=${rand.seed}。输入 ${again} 可再次得到这些数。`) });
    }
    const overflow = value.kind === 'tensor' && !rand ? nonFiniteNote(value.tensor, text) : undefined;
    if (overflow) blocks.push({ kind: 'warning', text: overflow });
    return commandResult('let', { json: () => ({ command: 'let', ok: true, name, value: valueJson(value), ...(rand ? { seed: rand.seed } : {}) }), blocks: () => blocks }, { binds: { name, ...(rand ? { seed: rand.seed } : {}) } });
  },
};

/**
 * Numbers are kept as float32 (as PyTorch's default): a literal beyond ±3.4·10³⁸ becomes ±∞.
 * Say so, rather than echo a ∞ (or JSON's null) she never typed.
 */
function nonFiniteNote(t: Tensor, text: string): Msg | undefined {
  let inf = 0;
  let nan = 0;
  for (const v of t.data) {
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
  }
  if (inf + nan === 0) return undefined;
  const typedHuge = /\d(e\+?\d{2,}|\d{39,})/i.test(text);
  if (inf > 0 && typedHuge) {
    return msg(
      `${inf} number${inf === 1 ? ' is' : 's are'} beyond float32's largest value (about 3.4e38) and overflowed to ∞ (numbers here are float32, as PyTorch's default).`,
      `有 ${inf} 个数超出了 float32 的最大值（约 3.4e38），溢出为 ∞（这里的数都是 float32，同 PyTorch 的默认类型）。`,
    );
  }
  return msg(
    `This holds ${inf ? `${inf} infinite` : ''}${inf && nan ? ' and ' : ''}${nan ? `${nan} NaN (not a number)` : ''} value${inf + nan === 1 ? '' : 's'}; results computed from ${inf + nan === 1 ? 'it' : 'them'} can be undefined.`,
    `其中有 ${inf ? `${inf} 个无穷大` : ''}${inf && nan ? '和 ' : ''}${nan ? `${nan} 个 NaN（非数）` : ''}；由它们算出的结果可能没有定义。`,
  );
}

export function valueJson(v: Value): unknown {
  if (v.kind === 'number') return v.value;
  if (v.kind === 'text') return v.display;
  return { shape: [...v.tensor.shape], data: Array.from(v.tensor.data) };
}

/** Binds a name in the REPL and, if mathjs is running, in its scope too. */
export async function setVar(ctx: import('../context.js').ReplContext, name: string, value: Value): Promise<void> {
  ctx.vars.set(name, value);
  await ctx.syncVar?.(name, value);
}
