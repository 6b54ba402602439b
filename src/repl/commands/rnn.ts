/** rnn T=6 H=3: a vanilla RNN stepping through a sequence, h_t from x_t and h_{t−1} with the formula's numbers. */
import { rnnCell } from '../../engine/ops/recurrent.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { optionNumber } from '../resolve.js';
import { replRand, seqShapeText, tensorJson, tensorVar } from '../tensors.js';
import { UserError, commandResult } from '../context.js';
import { fmtValue } from '../../i18n/numbers.js';
import { RECURRENT_WEIGHT_OPTIONS, ownRecurrentWeights, weightsSource } from './recurrent-weights.js';

/** Two fixed decimals, so the numbers of a vector and a table column read alike (0.20 beside 0.29). */
export function fixed2(v: number): string {
  if (!Number.isFinite(v)) return fmtValue(v);
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

export function vec(d: ArrayLike<number>): string {
  return `[${Array.from(d, fixed2).join(', ')}]`;
}

function seqFromVar(ctx: Parameters<ReplCommand['run']>[1], args: Parameters<ReplCommand['run']>[0]): Tensor {
  for (const key of ['T', 'I']) {
    const o = args.options[key];
    if (o) throw new UserError(msg(`${key}= comes from your sequence (rows = steps T, columns = features I); leave it out.`, `${key}= 由你的序列决定（行数 = 步数 T，列数 = 特征数 I）；请去掉它。`), o.start, o.end - o.start);
  }
  const v = tensorVar(ctx, args.positionals.seq, '[[1, 0], [0, 1], [1, 1]]').tensor;
  const t = v.rank === 3 && v.shape[0] === 1 ? v.reshape([v.shape[1], v.shape[2]]) : v.rank === 1 ? v.reshape([v.shape[0], 1]) : v;
  const place = args.positionals.seq;
  if (t.rank !== 2) throw new UserError(msg(`A sequence is a matrix [T, features]; this one has shape [${v.shape.join(', ')}].`, `序列应是矩阵 [T, 特征数]；这个的形状是 [${v.shape.join(', ')}]。`), place.start, place.end - place.start);
  if (t.shape[0] > 64 || t.shape[1] > 16) throw new UserError(msg(`rnn draws at most 64 steps of 16 features; this sequence is [${t.shape.join(', ')}].`, `rnn 最多画 64 步、每步 16 个特征；这个序列是 [${t.shape.join(', ')}]。`), place.start, place.end - place.start);
  return t;
}

export const rnn: ReplCommand = {
  spec: {
    name: 'rnn',
    summary: msg('an RNN over a sequence: hₜ = tanh(W_x·xₜ + W_h·hₜ₋₁ + b) step by step', 'RNN 处理一个序列：逐步计算 hₜ = tanh(W_x·xₜ + W_h·hₜ₋₁ + b)'),
    usage: 'rnn [T=6] [H=3] [I=2] [seed=N]   or   rnn SEQ [H=3]   (SEQ: a let variable, rows = steps)   [wx=W_x wh=W_h [b=b]: your weights]',
    examples: ['rnn T=6 H=3', 'rnn T=4 H=2 seed=5', 'let s = [[1, 0], [0, 1], [1, 1]]', 'rnn s H=2', 'let Wx = [[1, 0], [0, 1]]', 'let Wh = [[0.5, 0], [0, 0.5]]', 'rnn s wx=Wx wh=Wh'],
    positionals: [{ name: 'seq', kind: 'number', optional: true, help: msg('your sequence: a variable [T, features]', '你的序列：变量 [T, 特征数]') }],
    options: [
      { key: 'T', aliases: ['steps'], help: msg('time steps (default 6)', '时间步数（默认 6）') },
      { key: 'H', aliases: ['hidden'], help: msg('hidden size (default 3)', '隐藏层大小（默认 3）') },
      { key: 'I', aliases: ['input'], help: msg('input size per step (default 2)', '每步输入的大小（默认 2）') },
      { key: 'seed', aliases: [], help: msg('seed of inputs and weights', '输入与权重的种子') },
      ...RECURRENT_WEIGHT_OPTIONS,
    ],
  },
  run(args, ctx) {
    // Her sequence when she names one (its rows are the steps), else seeded numbers of size T×I (T, I read first, as before).
    // Her weights (wx=, wh=, b=) fix H, and I when there is no sequence; her sequence fixes T and I.
    const seq = args.positionals.seq ? seqFromVar(ctx, args) : null;
    const own = ownRecurrentWeights(ctx, args, 1, seq?.shape[1]);
    const size = seq ? null : [optionNumber(ctx, args, 'T', { what: msg('T', 'T'), integer: true, min: 1, max: 64, default: 6 })!, own ? own.I : optionNumber(ctx, args, 'I', { what: msg('I', 'I'), integer: true, min: 1, max: 16, default: 2 })!];
    const H = own ? own.H : optionNumber(ctx, args, 'H', { what: msg('H', 'H'), integer: true, min: 1, max: 16, default: 3 })!;
    const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 3 })!;
    const x = seq ?? replRand(size!, seed);
    const [T, I] = x.shape;
    const w = own ? { weightIh: own.weightIh, weightHh: own.weightHh, biasIh: own.bias, biasHh: new Tensor([H]) } : { weightIh: replRand([H, I], seed + 1), weightHh: replRand([H, H], seed + 2), biasIh: replRand([H], seed + 3), biasHh: new Tensor([H]) };
    const hs: Tensor[] = [];
    let h = new Tensor([H]);
    const rows: string[][] = [];
    const lines: string[] = [];
    for (let t = 0; t < T; t++) {
      const xt = new Tensor([I], x.data.subarray(t * I, (t + 1) * I));
      const next = rnnCell(xt, h, w);
      // Steps count from 1 with h₀ = 0, as the lessons and the quiz write them.
      rows.push([String(t + 1), vec(xt.data), vec(h.data), vec(next.data)]);
      if (t < 2) {
        const pre = Array.from({ length: H }, (_, j) => {
          let s = w.biasIh.data[j];
          for (let k = 0; k < I; k++) s += w.weightIh.data[j * I + k] * xt.data[k];
          for (let k = 0; k < H; k++) s += w.weightHh.data[j * H + k] * h.data[k];
          return s;
        });
        lines.push(`h${sub(t + 1)} = tanh(W_x·${vec(xt.data)} + W_h·${vec(h.data)} + b)`, `   = tanh(${vec(pre)}) = ${vec(next.data)}`);
      }
      hs.push(next);
      h = next;
    }
    const output = new Tensor([T, H], Float32Array.from(hs.flatMap((t) => Array.from(t.data))));
    const blocks: Block[] = [
      { kind: 'title', text: msg(`RNN: ${T} steps, hidden size ${H}`, `RNN：${T} 个时间步，隐藏层大小 ${H}`) },
      { kind: 'formula', lines: ['hₜ = tanh(W_x·xₜ + W_h·hₜ₋₁ + b)    (t = 1, 2, …; h₀ = 0)'] },
      { kind: 'matrix', label: 'W_x', tensor: w.weightIh, precision: 2 },
      { kind: 'matrix', label: 'W_h', tensor: w.weightHh, precision: 2 },
      { kind: 'matrix', label: 'b', tensor: w.biasIh, precision: 2 },
      { kind: 'text', tone: 'muted', text: weightsSource(own, seed) },
      { kind: 'formula', label: msg('The first two steps with their numbers:', '前两步的具体数值：'), lines },
      { kind: 'table', head: ['t', 'xₜ', 'hₜ₋₁', 'hₜ'], rows },
      { kind: 'text', text: msg('The same W_x, W_h and b are used at every step: hₜ carries what the network remembers from earlier inputs.', '每一步都使用同一组 W_x、W_h 和 b：hₜ 携带着网络对之前输入的记忆。') },
      { kind: 'facts', rows: [{ label: msg('inputs', '输入'), value: seqShapeText(x) }, { label: msg('hidden states', '隐藏状态'), value: seqShapeText(output, msg('steps', '步'), msg('numbers', '个数')) }] },
    ];
    return commandResult('rnn', { json: () => ({ command: 'rnn', ok: true, T, H, I, input: tensorJson(x), weight_ih: tensorJson(w.weightIh), weight_hh: tensorJson(w.weightHh), bias: tensorJson(w.biasIh), bias_hh: tensorJson(w.biasHh), output: tensorJson(output), weightsFrom: own ? 'yours' : 'seeded', biasFrom: own ? own.biasFrom : 'seeded' }), blocks: () => blocks });
  },
};

const SUB = '₀₁₂₃₄₅₆₇₈₉';
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => SUB[Number(d)]);
}
