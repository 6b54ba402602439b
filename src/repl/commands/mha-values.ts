/**
 * mha X with her numbers: her sequence X [L, E] and, optionally, her own projections
 * under PyTorch's names (nn.MultiheadAttention): in_proj_weight [3E, E] (W_Q, W_K, W_V
 * stacked), in_proj_bias [3E], out_proj_weight [E, E], out_proj_bias [E]. A weight she
 * does not give is seeded (and said so); a bias she does not give is 0.
 */
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import { UserError, type ReplContext } from '../context.js';
import { lookup } from '../resolve.js';
import type { OptionSpec, ParsedArgs } from '../spec.js';
import { replRand, tensorVar } from '../tensors.js';

export const MHA_WEIGHT_OPTIONS: readonly OptionSpec[] = [
  { key: 'win', aliases: ['in_proj_weight'], help: msg('your in_proj_weight [3E, E] (W_Q, W_K, W_V stacked)', '你的 in_proj_weight [3E, E]（W_Q、W_K、W_V 叠在一起）') },
  { key: 'bin', aliases: ['in_proj_bias'], help: msg('your in_proj_bias [3E] (0 without it)', '你的 in_proj_bias [3E]（不给则为 0）') },
  { key: 'wout', aliases: ['out_proj_weight'], help: msg('your out_proj_weight [E, E]', '你的 out_proj_weight [E, E]') },
  { key: 'bout', aliases: ['out_proj_bias'], help: msg('your out_proj_bias [E] (0 without it)', '你的 out_proj_bias [E]（不给则为 0）') },
];

const PT: Record<string, string> = { win: 'in_proj_weight', bin: 'in_proj_bias', wout: 'out_proj_weight', bout: 'out_proj_bias' };

export interface MhaNumbers {
  x: Tensor;
  w: { inProjWeight: Tensor; inProjBias: Tensor; outProjWeight: Tensor; outProjBias: Tensor };
  /** Which of the four are hers, for the screen and --json. */
  yours: Record<'in_proj_weight' | 'in_proj_bias' | 'out_proj_weight' | 'out_proj_bias', boolean>;
}

function own(ctx: ReplContext, args: ParsedArgs, key: string, shape: number[], E: number): Tensor | undefined {
  const o = args.options[key];
  if (!o) return undefined;
  const at: [number, number] = [o.start, o.end - o.start];
  if (!('name' in o.term)) throw new UserError(msg(`${key}= takes a variable name.`, `${key}= 后面要写变量名。`), ...at);
  const v = lookup(ctx, o.term.name, o, `rand ${shape.join('x')}`);
  const t = v.kind === 'tensor' ? v.tensor : v.kind === 'number' ? new Tensor([1], [v.value]) : undefined;
  const same = t && (shape.length === 1 ? t.size === shape[0] : t.rank === 2 && t.shape[0] === shape[0] && t.shape[1] === shape[1]);
  if (!t || !same) {
    const has = t ? `[${t.shape.join(', ')}]` : v.kind;
    throw new UserError(msg(`${key} (PyTorch ${PT[key]}) must be [${shape.join(', ')}] (E = ${E}, the columns of X); ${o.term.name} has shape ${has}.`, `${key}（PyTorch 的 ${PT[key]}）必须是 [${shape.join(', ')}]（E = ${E}，即 X 的列数）；${o.term.name} 的形状是 ${has}。`), ...at);
  }
  return t.reshape(shape);
}

/** Her X and projections (seeded where she gave none), checked against E = X's columns. */
export function mhaOnValues(ctx: ReplContext, args: ParsedArgs, seed: number): MhaNumbers {
  for (const key of ['L', 'E']) {
    const o = args.options[key];
    if (o) throw new UserError(msg(`${key}= comes from your X (rows = tokens L, columns = width E); leave it out.`, `${key}= 由你的 X 决定（行数 = 词数 L，列数 = 宽度 E）；请去掉它。`), o.start, o.end - o.start);
  }
  const a = args.positionals.x;
  const { tensor: v, name } = tensorVar(ctx, a, '[[1, 0], [0, 1], [1, 1]]');
  const x = v.rank === 3 && v.shape[0] === 1 ? v.reshape([v.shape[1], v.shape[2]]) : v;
  if (x.rank !== 2 || x.shape[0] > 64 || x.shape[1] > 128) {
    throw new UserError(msg(`X must be a matrix [L, E] (one row per token, L ≤ 64, E ≤ 128); ${name} has shape [${v.shape.join(', ')}].`, `X 必须是矩阵 [L, E]（每行一个词，L ≤ 64，E ≤ 128）；${name} 的形状是 [${v.shape.join(', ')}]。`), a.start, a.end - a.start);
  }
  const E = x.shape[1];
  const scale = (t: Tensor, s: number) => new Tensor(t.shape, t.data.map((n) => n * s));
  const win = own(ctx, args, 'win', [3 * E, E], E);
  const bin = own(ctx, args, 'bin', [3 * E], E);
  const wout = own(ctx, args, 'wout', [E, E], E);
  const bout = own(ctx, args, 'bout', [E], E);
  return {
    x,
    // Seeded projections as mha L= E= draws them (large enough that each head's attention is visibly peaked).
    w: { inProjWeight: win ?? scale(replRand([3 * E, E], seed + 1), 2), inProjBias: bin ?? new Tensor([3 * E]), outProjWeight: wout ?? scale(replRand([E, E], seed + 2), 1 / Math.sqrt(E)), outProjBias: bout ?? new Tensor([E]) },
    yours: { in_proj_weight: !!win, in_proj_bias: !!bin, out_proj_weight: !!wout, out_proj_bias: !!bout },
  };
}

/** Where each projection came from: no number on screen is a surprise. */
export function mhaSource(name: string, y: MhaNumbers['yours'], seed: number): ReturnType<typeof msg> {
  const part = (k: keyof MhaNumbers['yours'], bias: boolean) => (y[k] ? ['yours', '你的'] : bias ? ['0', '0'] : [`random, seed=${seed}`, `种子 seed=${seed} 的随机数`]);
  const list = (['in_proj_weight', 'in_proj_bias', 'out_proj_weight', 'out_proj_bias'] as const).map((k) => [k, part(k, k.endsWith('bias'))] as const);
  return msg(`Input X = ${name} (yours). ${list.map(([k, p]) => `${k}: ${p[0]}`).join('; ')}.`, `输入 X = ${name}（你的）。${list.map(([k, p]) => `${k}：${p[1]}`).join('；')}。`);
}
