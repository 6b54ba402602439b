/**
 * grad — after conv: the shared weights' gradient, summed over every position
 * (weight sharing); after a pool: where the gradient goes (max: only the
 * winners). grad rnn T=50 gain=0.9: ‖∂L/∂h_t‖ for every step, vanishing or exploding.
 */
import { backward } from '../../engine/autograd/backward.js';
import * as fn from '../../engine/autograd/functional.js';
import { conv2dBackwardWork } from '../../engine/ops/conv.js';
import { rnnBpttGradNorms } from '../../engine/ops/recurrent.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { shownHighlights } from '../../view/matrix-shown.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult, type CommandResult, type ReplContext } from '../context.js';
import { optionNumber } from '../resolve.js';
import type { ParsedArgs } from '../spec.js';
import { orthogonal } from '../../engine/random.js';
import { replRand, tensorJson } from '../tensors.js';
import { fmtValue } from '../../i18n/numbers.js';
import type { ConvRun, PoolRun, RnnGradRun } from '../runs.js';
import { fmtInt } from '../../i18n/numbers.js';
import { checkConvWork } from './conv-values.js';
import { checkPoolWork } from './pool-values.js';

export const grad: ReplCommand = {
  spec: {
    name: 'grad',
    summary: msg('gradients: after conv/pool, or for an RNN over time (grad rnn T=50 gain=1.1)', '梯度：conv/pool 之后的梯度，或 RNN 随时间的梯度（grad rnn T=50 gain=1.1）'),
    usage: 'grad   (after conv x … or pool x …)   |   grad rnn [T=50] [gain=0.9] [H=8] [seed=N]',
    examples: ['conv x F=3 K=2', 'grad', 'grad rnn T=50 gain=0.9', 'grad rnn T=50 gain=1.1'],
    positionals: [{ name: 'what', kind: 'word', optional: true, help: msg('rnn, or nothing for the last conv/pool', 'rnn；不写则针对上一个 conv/pool') }],
    options: [
      { key: 'T', aliases: ['steps'], help: msg('time steps (default 50)', '时间步数（默认 50）') },
      { key: 'gain', aliases: ['g'], help: msg('scale of the recurrent weights (< 1 vanishing, > 1 exploding)', '循环权重的缩放（< 1 消失，> 1 爆炸）') },
      { key: 'H', aliases: ['hidden'], help: msg('hidden size (default 8)', '隐藏层大小（默认 8）') },
      { key: 'seed', aliases: [], help: msg('seed of the weights', '权重的随机种子') },
    ],
  },
  run(args, ctx) {
    const what = args.positionals.what;
    if (what && what.kind === 'word') {
      if (what.word.toLowerCase() !== 'rnn') {
        throw new UserError(msg(`grad ${what.word}? Use grad rnn, or grad alone after conv x/pool x.`, `grad ${what.word}？请用 grad rnn，或在 conv x/pool x 之后单独输入 grad。`), what.start, what.end - what.start);
      }
      return gradRnn(ctx, args);
    }
    const last = ctx.last;
    if (last?.command === 'conv') return gradConv(last.data);
    if (last?.command === 'pool') return gradPool(last.data, ctx.width);
    throw new UserError(
      msg('grad follows a conv or pool on numbers: let x = rand 6x6x1, then conv x F=3 K=2, then grad. Or try grad rnn T=50 gain=1.1.', 'grad 要在对数值做 conv 或 pool 之后使用：先 let x = rand 6x6x1，再 conv x F=3 K=2，然后 grad。也可以试试 grad rnn T=50 gain=1.1。'),
    );
  },
};

/** A tensor of the last run as a leaf of a new graph (the run's own tensor is left as it was). */
function leaf(t: Tensor): Tensor {
  const l = new Tensor(t.shape, t.data);
  l.requiresGrad = true;
  return l;
}

function gradConv(r: ConvRun): CommandResult {
  // The backward pass is about twice the forward: a conv that just fitted may not.
  const [K0, C0, F0] = r.weight.shape;
  const [, H0, W0] = r.input.shape;
  const settings = { C: C0, H: H0, W: W0, K: K0, F: F0, S: r.stride, P: r.padding, dilation: r.dilation };
  checkConvWork(r.name ?? 'x', settings, conv2dBackwardWork, msg('grad after this conv', '这次卷积之后的 grad'), 'grad');
  // Through the tape, as training computes it: L = Σ y, backward(L) fills each .grad.
  const [input, weight, bias] = [r.input, r.weight, r.bias].map(leaf);
  backward(fn.sum(fn.op('conv2d', { input, weight, bias }, { stride: r.stride, padding: r.padding, dilation: r.dilation })));
  const g = { gradInput: input.grad!, gradWeight: weight.grad!, gradBias: bias.grad! };
  const [K, C, F] = r.weight.shape;
  const [, H2, W2] = r.output.shape;
  const [, H, W] = r.input.shape;
  // Weight [0,0,0,0] by hand: the input value under it at every output position.
  const parts: number[] = [];
  for (let oy = 0; oy < H2; oy++) {
    for (let ox = 0; ox < W2; ox++) {
      const y = oy * r.stride - r.padding;
      const x = ox * r.stride - r.padding;
      parts.push(y >= 0 && y < H && x >= 0 && x < W ? r.input.data[y * W + x] : 0);
    }
  }
  const byHand = parts.reduce((a, b) => a + b, 0);
  const shown = parts.length > 10 ? [...parts.slice(0, 8).map((v) => fmtValue(v)), '…'] : parts.map((v) => fmtValue(v));
  const blocks: Block[] = [
    { kind: 'title', text: msg('Weight sharing: one filter, one gradient, summed over every position', '权值共享：一个滤波器只有一组梯度，由所有位置累加而来') },
    {
      kind: 'text',
      text: msg(
        `Take L = the sum of all ${fmtInt(r.output.size)} outputs. Filter k is used at all ${H2}·${W2} = ${H2 * W2} positions of its depth slice, so ∂L/∂w adds up the input under each weight at every one of those positions.`,
        `取 L = 全部 ${fmtInt(r.output.size)} 个输出之和。滤波器 k 在它的深度切片上的 ${H2}·${W2} = ${H2 * W2} 个位置都被使用，所以 ∂L/∂w 要把每个权重在这些位置下面的输入值全部加起来。`,
      ),
    },
    {
      kind: 'formula',
      label: msg('Weight w[0,0,0,0] (top-left of filter 0):', '权重 w[0,0,0,0]（滤波器 0 的左上角）：'),
      lines: [`∂L/∂w = Σ x = ${shown.join(' + ')}`, `       = ${fmtValue(byHand)}   (engine: ${fmtValue(g.gradWeight.data[0])})`],
    },
    { kind: 'matrix', label: msg('∂L/∂w for filter 0', '滤波器 0 的 ∂L/∂w'), tensor: { shape: [C, F, F], data: g.gradWeight.data.subarray(0, C * F * F) }, layout: 'CHW', precision: 2 },
    {
      kind: 'facts',
      rows: [
        { label: msg('∂L/∂b (each filter)', '∂L/∂b（每个滤波器）'), value: msg(`${fmtValue(g.gradBias.data[0])} = one per position (${H2 * W2})`, `${fmtValue(g.gradBias.data[0])} = 每个位置贡献 1（共 ${H2 * W2} 个）`) },
        { label: msg('weights updated', '更新的权重'), value: msg(`${K === 1 ? '1 set (one depth slice)' : `${K} sets (one per depth slice)`}, not ${K * H2 * W2}`, `${K} 组（每个深度切片一组），而不是 ${K * H2 * W2} 组`) },
      ],
    },
    { kind: 'text', tone: 'muted', text: msg('Neurons in different depth slices use different filters, so their gradients are never mixed.', '不同深度切片的神经元使用不同的滤波器，所以它们的梯度不会混在一起。') },
  ];
  // What the gradient was taken of: the conv's own input, weights and bias, with ∂L/∂y = 1 everywhere (L = Σ y).
  const of = () => ({ input: tensorJson(r.input), weight: tensorJson(r.weight), bias: tensorJson(r.bias), hyper: { S: r.stride, P: r.padding, dilation: r.dilation }, grad_output: 'ones (L = sum of every output)' });
  return commandResult('grad', { json: () => ({ command: 'grad', ok: true, of: 'conv', ...of(), grad_weight: tensorJson(g.gradWeight), grad_bias: tensorJson(g.gradBias), grad_input: tensorJson(g.gradInput) }), blocks: () => blocks });
}

function gradPool(r: PoolRun, width: number): CommandResult {
  if (r.kind === 'lp') {
    throw new UserError(msg('grad after L2 pooling is not drawn; try pool x F=2 S=2 max (or avg), then grad.', '暂不显示 L2 池化之后的梯度；试试 pool x F=2 S=2 max（或 avg），再输入 grad。'));
  }
  checkPoolWork(r.input, r.name ?? 'x', r, 'grad');
  // L = Σ y through the tape: max pooling routes each window's 1 to its first maximum, average pooling shares it.
  const input = leaf(r.input);
  backward(fn.sum(fn.op(r.kind === 'max' ? 'max_pool2d' : 'avg_pool2d', { input }, { kernel_size: r.F, stride: r.S, padding: r.P, ceil_mode: r.ceil })));
  const gi = input.grad!;
  const [, H, W] = gi.shape;
  let count = 0;
  for (let i = 0; i < gi.size; i++) if (gi.data[i] !== 0) count++;
  const blocks = (): Block[] => [
    {
      kind: 'title',
      text: r.kind === 'max' ? msg('Backprop through max pooling: only the winners get a gradient', '最大池化的反向传播：只有每个窗口的最大值得到梯度') : msg('Backprop through average pooling: the gradient is shared equally', '平均池化的反向传播：梯度被平均分配'),
    },
    {
      kind: 'text',
      text:
        r.kind === 'max'
          ? msg(
              `With ∂L/∂y = 1 for every output, ${count} of ${gi.size} input cells receive a gradient: each window passes it to the cell that won; the others get 0 (a cell that wins two overlapping windows gets both).`,
              `当每个输出的 ∂L/∂y = 1 时，${gi.size} 个输入中只有 ${count} 个得到梯度：每个窗口把梯度交给它的最大值；其余为 0（同时赢下两个重叠窗口的格子会得到两份）。`,
            )
          : msg(`With ∂L/∂y = 1 for every output, each window hands 1/${r.F * r.F} to each of its cells (overlaps add up).`, `当每个输出的 ∂L/∂y = 1 时，每个窗口给其中每个格子 1/${r.F * r.F}（重叠处相加）。`),
    },
    // The cells reached, marked where the matrix can show them (a large input has a million).
    { kind: 'matrix', label: msg('∂L/∂x', '∂L/∂x'), tensor: gi, layout: 'CHW', precision: 2, highlight: shownHighlights({ tensor: gi, layout: 'CHW' }, width, (c, y, x) => gi.data[(c * H + y) * W + x] !== 0, 'star') },
  ];
  const of = () => ({ input: tensorJson(r.input), hyper: { F: r.F, S: r.S, P: r.P, ceil: r.ceil }, grad_output: 'ones (L = sum of every output)' });
  return commandResult('grad', { json: () => ({ command: 'grad', ok: true, of: 'pool', pool: r.kind, ...of(), grad_input: tensorJson(gi), cells_reached: count }), blocks });
}

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** 50 → ₅₀ */
function sub(n: number): string {
  return String(n).replace(/[0-9]/g, (d) => SUB[Number(d)]);
}

function gradRnn(ctx: ReplContext, args: ParsedArgs): CommandResult {
  const T = optionNumber(ctx, args, 'T', { what: msg('the number of steps T', '步数 T'), integer: true, min: 2, max: 1000, default: 50 })!;
  const gain = optionNumber(ctx, args, 'gain', { what: msg('the gain', '增益'), min: 0, max: 10, default: 0.9 })!;
  const H = optionNumber(ctx, args, 'H', { what: msg('the hidden size H', '隐藏层大小 H'), integer: true, min: 1, max: 256, default: 8 })!;
  const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 7 })!;
  const I = 3;
  const q = orthogonal(H, seed);
  const weightHh = new Tensor([H, H], q.data.map((v) => v * gain));
  const weightIh = replRand([H, I], seed + 1);
  // Tiny inputs keep tanh in its linear range, so the gain alone decides the trend.
  const input = new Tensor([T, I], replRand([T, I], seed + 2).data.map((v) => v * 1e-3));
  const r = rnnBpttGradNorms(input, null, { weightIh, weightHh, biasIh: new Tensor([H]), biasHh: new Tensor([H]) });
  // Steps count from 1 as in the lessons: x₁ … x_T make h₁ … h_T from h₀ = 0, and the
  // gradient is shown for t = 0 … T (T + 1 values; t = 0 is the initial state).
  const norms = [Math.hypot(...r.gradH0.data), ...Array.from(r.gradNorms.data)];
  const grads = new Tensor([T + 1, H], [...r.gradH0.data, ...r.grads.data]);
  ctx.last = { command: 'grad-rnn', data: { T, H, gain, norms, grads } satisfies RnnGradRun };
  const first = norms[0];
  const lastN = norms[T];
  // Without tanh′ the length would change by exactly ×gain per step (Q is orthogonal).
  const pure = gain ** T * Math.sqrt(H);
  const share = first / pure;
  const trend = gain < 1 ? msg('vanishing', '消失') : gain > 1 ? msg('exploding', '爆炸') : msg('steady', '基本不变');
  const shareText =
    Math.abs(share - 1) < 0.01
      ? msg('the measured value agrees with it to within 1%', '测得的值与它相差不到 1%')
      : msg(
          `the measured value is ${(100 * share).toFixed(1)}% of it, because each step's tanh′ = 1 − h² is a little below 1`,
          `测得的值是它的 ${(100 * share).toFixed(1)}%，因为每一步的 tanh′ = 1 − h² 都略小于 1`,
        );
  const blocks: Block[] = [
    { kind: 'title', text: msg(`‖∂L/∂hₜ‖ over ${T} steps, gain ${gain}: ${trend.en}`, `${T} 步中的 ‖∂L/∂hₜ‖，增益 ${gain}：${trend.zh}`) },
    {
      kind: 'text',
      text: msg(
        `x₁ … x${sub(T)} produce h₁ … h${sub(T)}, starting from h₀ = 0, and L is the sum of h${sub(T)}, so ‖∂L/∂h${sub(T)}‖ = √${H} = ${fmtValue(lastN)}. ` +
          `Going back one step multiplies the gradient by W_hhᵀ (here ${gain} × an orthogonal matrix, which multiplies its length by exactly ${gain}) and by tanh′ ≤ 1. ` +
          `After ${T} steps back, at t = 0, it is ${fmtValue(first)}. The pure power would be ${gain}^${T}·√${H} = ${fmtValue(pure)}; ${shareText.en}.`,
        `x₁ … x${sub(T)} 从 h₀ = 0 开始算出 h₁ … h${sub(T)}，L = h${sub(T)} 各分量之和，所以 ‖∂L/∂h${sub(T)}‖ = √${H} = ${fmtValue(lastN)}。` +
          `每往回走一步，梯度乘以 W_hhᵀ（这里是 ${gain} × 正交矩阵，正好把长度乘以 ${gain}），还要乘以 tanh′ ≤ 1。` +
          `往回 ${T} 步到 t = 0 时，它是 ${fmtValue(first)}。单纯的幂是 ${gain}^${T}·√${H} = ${fmtValue(pure)}；${shareText.zh}。`,
      ),
    },
    { kind: 'chart', label: msg('‖∂L/∂hₜ‖ (log scale)', '‖∂L/∂hₜ‖（对数坐标）'), series: [{ label: msg(`gain ${gain}`, `增益 ${gain}`), values: norms }], log: true, xStart: 0, xStep: 1, xLabel: 't' },
    {
      kind: 'text',
      tone: 'muted',
      text:
        gain > 1
          ? msg('Exploding: try clip max=1 to see what gradient clipping does.', '梯度爆炸：输入 clip max=1 看看梯度截断的效果。')
          : msg('Vanishing: early steps barely learn from the loss. Clipping cannot help here (try clip max=1).', '梯度消失：较早的时间步几乎学不到东西。截断对此无能为力（试试 clip max=1）。'),
    },
  ];
  // Everything needed to recompute the norms: the input, both weight matrices (biases 0), and L = Σ h_T.
  const recompute = () => ({ input: tensorJson(input), weight_ih: tensorJson(weightIh), weight_hh: tensorJson(weightHh), bias_ih: tensorJson(new Tensor([H])), bias_hh: tensorJson(new Tensor([H])), h0: tensorJson(new Tensor([H])), loss: 'sum(h_T)' });
  return commandResult('grad', { json: () => ({ command: 'grad', ok: true, of: 'rnn', T, H, gain, seed, ...recompute(), t_from: 0, grad_norms: norms, grads: tensorJson(grads) }), blocks: () => blocks });
}
