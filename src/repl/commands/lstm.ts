/**
 * lstm T=8 H=4 (or lstm s H=4 on a let sequence): every step's forget, input
 * and output gates as bars, the candidate, the cell state and h — the
 * conveyor belt in numbers.
 */
import { lstmWithGates } from '../../engine/ops/recurrent.js';
import type { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { optionNumber } from '../resolve.js';
import { replRand, seqShapeText, tensorJson, tensorVar } from '../tensors.js';
import { fixed2, sub } from './rnn.js';
import { RECURRENT_WEIGHT_OPTIONS, ownRecurrentWeights, weightsSource } from './recurrent-weights.js';

/** A value in [0, 1] as an 8-cell bar: characters only, readable without colour. */
export function miniBar(v: number): string {
  const n = Math.max(0, Math.min(8, Math.round(v * 8)));
  return '█'.repeat(n) + '░'.repeat(8 - n);
}

export const lstm: ReplCommand = {
  spec: {
    name: 'lstm',
    summary: msg('an LSTM over a sequence: gates, cell state and h at every step', 'LSTM 处理一个序列：每一步的门、单元状态和 h'),
    usage: 'lstm [T=8] [H=4] [I=2] [seed=N]   or   lstm SEQ [H=4]   (SEQ: a let variable, rows = steps)   [wx=W_x wh=W_h [b=b]: your weights, gates i, f, g, o]',
    examples: ['lstm T=8 H=4', 'let s = rand 6x3', 'lstm s H=2', 'let Wx = rand 4x3', 'let Wh = rand 4x1', 'lstm s wx=Wx wh=Wh'],
    positionals: [{ name: 'seq', kind: 'number', optional: true, help: msg('a sequence variable [T, features]', '序列变量 [T, 特征数]') }],
    options: [
      { key: 'T', aliases: ['steps'], help: msg('time steps (default 8)', '时间步数（默认 8）') },
      { key: 'H', aliases: ['hidden'], help: msg('hidden size (default 4)', '隐藏层大小（默认 4）') },
      { key: 'I', aliases: ['input'], help: msg('input size per step (default 2)', '每步输入的大小（默认 2）') },
      { key: 'seed', aliases: [], help: msg('seed of inputs and weights', '输入与权重的种子') },
      ...RECURRENT_WEIGHT_OPTIONS,
    ],
  },
  run(args, ctx) {
    const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 5 })!;
    let x: Tensor;
    if (args.positionals.seq) {
      // The sequence fixes T and I: an option beside it would be silently ignored, so say so.
      for (const key of ['T', 'I']) {
        const o = args.options[key];
        if (o) throw new UserError(msg(`${key}= comes from your sequence (rows = steps T, columns = features I); leave it out.`, `${key}= 由你的序列决定（行数 = 步数 T，列数 = 特征数 I）；请去掉它。`), o.start, o.end - o.start);
      }
      const v = tensorVar(ctx, args.positionals.seq).tensor;
      const t = v.rank === 3 && v.shape[0] === 1 ? v.reshape([v.shape[1], v.shape[2]]) : v.rank === 1 ? v.reshape([v.shape[0], 1]) : v;
      if (t.rank !== 2) throw new UserError(msg(`A sequence is a matrix [T, features]; this one has shape [${v.shape.join(', ')}].`, `序列应是矩阵 [T, 特征数]；这个的形状是 [${v.shape.join(', ')}]。`));
      if (t.shape[0] > 64) throw new UserError(msg('At most 64 steps are drawn here.', '这里最多画 64 步。'));
      x = t;
    } else if (args.options.wx) {
      // Her weights without a sequence: seeded inputs whose size I is her W_x's column count.
      const T = optionNumber(ctx, args, 'T', { what: msg('T', 'T'), integer: true, min: 1, max: 64, default: 8 })!;
      const own = ownRecurrentWeights(ctx, args, 4, undefined);
      x = replRand([T, own!.I], seed);
    } else {
      const T = optionNumber(ctx, args, 'T', { what: msg('T', 'T'), integer: true, min: 1, max: 64, default: 8 })!;
      const I = optionNumber(ctx, args, 'I', { what: msg('I', 'I'), integer: true, min: 1, max: 16, default: 2 })!;
      x = replRand([T, I], seed);
    }
    const [T, I] = x.shape;
    // Her weights (wx=, wh=, b=, PyTorch's gate order i, f, g, o) fix H; else seeded ones of size H.
    const own = ownRecurrentWeights(ctx, args, 4, I);
    const H = own ? own.H : optionNumber(ctx, args, 'H', { what: msg('H', 'H'), integer: true, min: 1, max: 16, default: 4 })!;
    const w = own ? { weightIh: own.weightIh, weightHh: own.weightHh, biasIh: own.bias, biasHh: null } : { weightIh: replRand([4 * H, I], seed + 1), weightHh: replRand([4 * H, H], seed + 2), biasIh: replRand([4 * H], seed + 3), biasHh: null };
    const r = lstmWithGates(x, null, null, w);
    const at = (t: Tensor, step: number, j: number) => t.data[step * H + j];
    const blocks: Block[] = [
      { kind: 'title', text: msg(`LSTM: ${T} steps, hidden size ${H}`, `LSTM：${T} 个时间步，隐藏层大小 ${H}`) },
      {
        kind: 'formula',
        lines: ['fₜ, iₜ, oₜ = σ(W·[hₜ₋₁, xₜ] + b)    gₜ = tanh(W_g·[hₜ₋₁, xₜ] + b_g)', 'cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ          hₜ = oₜ ⊙ tanh(cₜ)'],
      },
      {
        kind: 'text',
        tone: 'muted',
        text: msg(
          'f (forget) near 1 keeps the old cell state on the conveyor belt; i (input) decides how much of the candidate g is written; o (output) decides how much of the cell is shown as h. In each table, row j is the j-th of the H numbers of the gates, c and h.',
          'f（遗忘门）接近 1 时，旧的单元状态沿“传送带”保留下来；i（输入门）决定写入多少候选值 g；o（输出门）决定把多少单元状态输出为 h。每张表中第 j 行是门、c 和 h 的第 j 个分量（共 H 个）。',
        ),
      },
      { kind: 'text', tone: 'muted', text: weightsSource(own, seed) },
    ];
    const shownSteps = T <= 8 ? [...Array(T).keys()] : [0, 1, 2, T - 3, T - 2, T - 1];
    for (const t of shownSteps) {
      const rows = Array.from({ length: H }, (_, j) => [
        String(j),
        `${miniBar(at(r.forgetGate, t, j))} ${fixed2(at(r.forgetGate, t, j))}`,
        `${miniBar(at(r.inputGate, t, j))} ${fixed2(at(r.inputGate, t, j))}`,
        `${miniBar(at(r.outputGate, t, j))} ${fixed2(at(r.outputGate, t, j))}`,
        fixed2(at(r.cellGate, t, j)),
        fixed2(at(r.cells, t, j)),
        fixed2(at(r.output, t, j)),
      ]);
      // A long input vector is shown by its ends (a sequence may have thousands of features).
      const xs = Array.from(x.data.subarray(t * I, (t + 1) * I), fixed2);
      const xt = (I > 12 ? [...xs.slice(0, 8), '…', ...xs.slice(-2)] : xs).join(', ');
      blocks.push({ kind: 'text', text: msg(`step t=${t + 1}  x${sub(t + 1)} = [${xt}]`, `第 t=${t + 1} 步  x${sub(t + 1)} = [${xt}]`) });
      blocks.push({ kind: 'table', head: [msg('j', 'j'), msg('forget f', '遗忘 f'), msg('input i', '输入 i'), msg('output o', '输出 o'), 'g', 'c', 'h'], rows, align: ['right', 'left', 'left', 'left', 'right', 'right', 'right'] });
      if (T > 8 && t === 2) blocks.push({ kind: 'text', tone: 'muted', text: msg(`… steps 4 to ${T - 3} …`, `…… 第 4 到 ${T - 3} 步 ……`) });
    }
    blocks.push({ kind: 'chart', label: msg('c[0], the first of the H numbers of the cell state, over time', '单元状态的第一个分量 c[0] 随时间的变化'), series: [{ label: 'c[0]', values: Array.from({ length: T }, (_, t) => at(r.cells, t, 0)) }], xStart: 1, xLabel: 't' });
    blocks.push({ kind: 'facts', rows: [{ label: msg('inputs', '输入'), value: seqShapeText(x) }, { label: msg('weights', '权重'), value: `W_ih [${4 * H}, ${I}], W_hh [${4 * H}, ${H}] (i, f, g, o)` }] });
    return commandResult('lstm', { json: () => ({ command: 'lstm', ok: true, T, H, I, input: tensorJson(x), weight_ih: tensorJson(w.weightIh), weight_hh: tensorJson(w.weightHh), bias: tensorJson(w.biasIh), weightsFrom: own ? 'yours' : 'seeded', biasFrom: own ? own.biasFrom : 'seeded', output: tensorJson(r.output), cell: tensorJson(r.cells), forget_gate: tensorJson(r.forgetGate), input_gate: tensorJson(r.inputGate), output_gate: tensorJson(r.outputGate), cell_gate: tensorJson(r.cellGate) }), blocks: () => blocks });
  },
};
