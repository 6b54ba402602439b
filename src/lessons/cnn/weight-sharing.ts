/**
 * cnn/weight-sharing — the notes' "权值共享": sharing controls the parameter
 * count; in backprop the gradients of all neurons of a depth slice are summed
 * into the gradient of the shared weights; one update per slice; different
 * slices do not share; filter = kernel.
 */
import { conv2dBackward, Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { teachTensor } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { drawWeightSharing } from './conv-diagrams.js';
import { fmtInt, fmtNum } from '../../i18n/numbers.js';

/** AlexNet's first conv layer, the classic example (CS231n). */
const ALEX = convOutputShapeOrThrow({ inC: 3, inH: 227, inW: 227, outChannels: 96, kernel: 11, stride: 4 });
const [ALEX_K, ALEX_H, ALEX_W] = ALEX.outShape;
const ALEX_NEURONS = ALEX_K * ALEX_H * ALEX_W;
const ALEX_PER = ALEX.params.perFilter;
const ALEX_UNSHARED = ALEX_NEURONS * ALEX_PER;

const SIDE = 4;
const F = 2;
const O = SIDE - F + 1;
const ETA = 0.1;

export interface ShareNumbers {
  x: Tensor;
  w: Tensor;
  dy: Tensor;
  /** Per output position (i, j): dL/dy[i,j] · x[i+u, j+v], the neuron's own gradient for w[u,v]. */
  contributions: { i: number; j: number; g: number; grads: number[] }[];
  sum: number[];
  gradWeight: Tensor;
  gradBias: Tensor;
}

export function shareNumbers(seed: number): ShareNumbers {
  const x = teachTensor([1, SIDE, SIDE], seed * 43 + 1, -2, 3);
  const w = teachTensor([1, 1, F, F], seed * 43 + 2, -1, 1);
  const dy = teachTensor([1, O, O], seed * 43 + 3, -1, 2);
  const contributions: ShareNumbers['contributions'] = [];
  const sum = new Array<number>(F * F).fill(0);
  for (let i = 0; i < O; i++) {
    for (let j = 0; j < O; j++) {
      const g = dy.get(0, i, j);
      const grads: number[] = [];
      for (let u = 0; u < F; u++) for (let v = 0; v < F; v++) grads.push(g * x.get(0, i + u, j + v));
      grads.forEach((q, k) => (sum[k] += q));
      contributions.push({ i, j, g, grads });
    }
  }
  const { gradWeight, gradBias } = conv2dBackward(x, w, new Tensor([1]), dy);
  return { x, w, dy, contributions, sum, gradWeight, gradBias };
}

const TAPS = ['w₀₀', 'w₀₁', 'w₁₀', 'w₁₁'];

function shareDemo(seed: number): Block[] {
  const n = shareNumbers(seed);
  const same = n.sum.every((v, k) => Math.abs(v - n.gradWeight.data[k]) < 1e-5);
  const updated = new Tensor([F, F], Array.from(n.w.data, (v, k) => v - ETA * n.gradWeight.data[k]));
  return [
    { kind: 'matrix', label: msg('input x', '输入 x'), tensor: n.x },
    { kind: 'matrix', label: msg('shared filter w', '共享的滤波器 w'), tensor: n.w.reshape([F, F]) },
    { kind: 'matrix', label: msg('dL/dy: the gradient arriving at each output neuron', 'dL/dy：到达每个输出神经元的梯度'), tensor: n.dy },
    {
      kind: 'table',
      head: [msg('neuron', '神经元'), 'dL/dy', ...TAPS.map((t) => `∂/∂${t}`)],
      rows: n.contributions.map((c) => [`(${c.i}, ${c.j})`, fmtNum(c.g), ...c.grads.map((q) => fmtNum(q))]),
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
      foot: [msg('Σ slice', 'Σ 切片'), fmtNum(n.gradBias.data[0]), ...n.sum.map((q) => fmtNum(q))],
    },
    { kind: 'matrix', label: msg('the engine\'s grad_weight (conv2d_backward)', '引擎的 grad_weight（conv2d_backward）'), tensor: n.gradWeight.reshape([F, F]) },
    {
      kind: 'text',
      text: same
        ? msg(
            `Row by row: neuron (i, j) computed y = Σ w[u,v]·x[i+u, j+v] + b, so its own gradient for w[u,v] is dL/dy · x[i+u, j+v]. The Σ row adds the ${n.contributions.length} neurons of the slice and equals the engine's grad_weight. The dL/dy column sums to grad_bias = ${fmtNum(n.gradBias.data[0])}.`,
            `逐行看：神经元 (i, j) 计算 y = Σ w[u,v]·x[i+u, j+v] + b，所以它对 w[u,v] 的梯度是 dL/dy · x[i+u, j+v]。Σ 行把这个切片的 ${n.contributions.length} 个神经元加起来，正好等于引擎的 grad_weight。dL/dy 一列之和就是 grad_bias = ${fmtNum(n.gradBias.data[0])}。`,
          )
        : msg('The Σ row and the engine disagree: please report this.', 'Σ 行与引擎结果不一致：请报告这个问题。'),
    },
    { kind: 'matrix', label: msg(`one update: w − ${ETA}·grad_weight`, `一次更新：w − ${ETA}·grad_weight`), tensor: updated, precision: 2 },
  ];
}

/** Two filters: changing the gradient of slice 1 leaves filter 0's gradient alone. */
export function slicesNumbers(seed: number): { x: Tensor; w: Tensor; dy: Tensor; dy2: Tensor; before: Tensor; after: Tensor } {
  const x = teachTensor([1, SIDE, SIDE], seed * 47 + 1, -2, 3);
  const w = teachTensor([2, 1, F, F], seed * 47 + 2, -1, 1);
  const dy = teachTensor([2, O, O], seed * 47 + 3, -1, 2);
  const d2 = Float32Array.from(dy.data);
  for (let k = O * O; k < 2 * O * O; k++) d2[k] += 1;
  const dy2 = new Tensor(dy.shape, d2);
  const before = conv2dBackward(x, w, undefined, dy).gradWeight;
  const after = conv2dBackward(x, w, undefined, dy2).gradWeight;
  return { x, w, dy, dy2, before, after };
}

function slicesDemo(seed: number): Block[] {
  const n = slicesNumbers(seed);
  const per = F * F;
  const row = (t: Tensor, k: number) => Array.from(t.data.slice(k * per, (k + 1) * per), (v) => fmtNum(v)).join(', ');
  const unchanged = n.before.data.slice(0, per).every((v, k) => v === n.after.data[k]);
  return [
    { kind: 'matrix', label: msg('dL/dy for 2 depth slices', '2 个深度切片的 dL/dy'), tensor: n.dy },
    {
      kind: 'table',
      head: [msg('filter', '滤波器'), msg('grad_weight', 'grad_weight'), msg('after adding 1 to slice 1\'s dL/dy', '给切片 1 的 dL/dy 全部加 1 之后')],
      rows: [0, 1].map((k) => [`w${k === 0 ? '⁰' : '¹'}`, `[${row(n.before, k)}]`, `[${row(n.after, k)}]`]),
    },
    {
      kind: 'text',
      text: unchanged
        ? msg(
            'Filter w⁰ gets exactly the same gradient: it only sums the neurons of slice 0. Filter w¹ changed. Neurons in different depth slices do not share weights, so each slice sums and updates its own set.',
            '滤波器 w⁰ 的梯度完全没变：它只累加切片 0 中的神经元。w¹ 变了。不同深度切片的神经元不共享权重，所以每个切片累加并更新自己的那一套。',
          )
        : msg('Filter w⁰ changed, which should not happen: please report this.', '滤波器 w⁰ 变了，这不应该发生：请报告这个问题。'),
    },
  ];
}

export const weightSharing: Lesson = {
  id: 'cnn/weight-sharing',
  topic: 'cnn',
  title: msg('Weight sharing', '权值共享'),
  summary: msg('All neurons of a depth slice use one filter; their gradients are summed into its gradient.', '一个深度切片里的所有神经元共用一个滤波器；它们的梯度相加，得到这个滤波器的梯度。'),
  section: '#### 权值共享',
  steps: [
    {
      kind: 'text',
      key: 'one-filter-per-slice',
      title: msg('One filter per slice', '每个切片一个滤波器'),
      body: msg(
        'If a detector (say, for a vertical edge) is useful at one place in the image, it is useful everywhere. So all neurons in one depth slice of a conv layer use the same weights: the slice\'s filter (also called its kernel — filter and kernel are two names for the same thing).\n' +
          'Weight sharing is how a conv layer keeps its number of parameters under control.',
        '如果一个检测器（比如检测竖直边缘）在图像某处有用，那它在任何地方都有用。所以卷积层中同一个深度切片里的所有神经元使用同一组权重：这个切片的滤波器（filter，也叫卷积核 kernel——两个名字指同一个东西）。\n' +
          '卷积层正是靠权值共享把参数数量控制住的。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Depth slices and their filters', '深度切片和它们的滤波器'),
      draw: drawWeightSharing,
    },
    {
      kind: 'text',
      key: 'how-much',
      title: msg('How much it saves', '能省多少'),
      body: msg(
        `AlexNet's first conv layer (the 2012 paper's model): ${ALEX.inputText} in, 96 filters of 11×11×3, stride 4 → ${ALEX.outputText} = ${fmtInt(ALEX_NEURONS)} neurons, each with ${ALEX.params.weightsPerFilter} weights + 1 bias.\n` +
          `Without sharing: ${fmtInt(ALEX_NEURONS)} · ${ALEX_PER} = ${fmtInt(ALEX_UNSHARED)} parameters.\n` +
          `With sharing: ${ALEX.params.worked} parameters — one set per depth slice.`,
        `AlexNet（2012 年论文中的模型）的第一个卷积层：输入 ${ALEX.inputText}，96 个 11×11×3 的滤波器，步长 4 → ${ALEX.outputText} = ${fmtInt(ALEX_NEURONS)} 个神经元，每个有 ${ALEX.params.weightsPerFilter} 个权重 + 1 个偏置。\n` +
          `不共享：${fmtInt(ALEX_NEURONS)} · ${ALEX_PER} = ${fmtInt(ALEX_UNSHARED)} 个参数。\n` +
          `共享：${ALEX.params.worked} 个参数——每个深度切片一套。`,
      ),
    },
    {
      kind: 'formula',
      key: 'unshared-formula',
      title: msg('Parameters if every neuron had its own weights', '如果每个神经元都有自己的权重'),
      formula: {
        symbolic: 'params = W₂·H₂·K·(F·F·D + 1)',
        substituted: 'params = {W2}·{H2}·{K}·({F}·{F}·{D} + 1)',
        expr: 'W2*H2*K*(F*F*D + 1)',
        vars: [
          { name: 'W2', value: ALEX_W, label: msg('output width', '输出宽度'), min: 1, max: 100_000, integer: true },
          { name: 'H2', value: ALEX_H, label: msg('output height', '输出高度'), min: 1, max: 100_000, integer: true },
          { name: 'K', value: ALEX_K, label: msg('filters (output depth)', '滤波器个数（输出深度）'), min: 1, max: 100_000, integer: true },
          { name: 'F', value: 11, label: msg('filter size', '滤波器尺寸'), min: 1, max: 1000, integer: true },
          { name: 'D', value: 3, label: msg('input depth', '输入深度'), min: 1, max: 100_000, integer: true },
        ],
        result: { name: 'params', label: msg('without sharing', '不共享时') },
        note: (v, r) => {
          const shared = convOutputShapeOrThrow({ inC: v.D, inH: v.F, inW: v.F, outChannels: v.K, kernel: v.F }).params.total;
          return msg(
            `With sharing: K·(F·F·D + 1) = ${fmtInt(shared)}. Without sharing there are ${fmtInt(r / shared)} times as many (= W₂·H₂, one copy per position).`,
            `共享时：K·(F·F·D + 1) = ${fmtInt(shared)}。不共享时的参数量是它的 ${fmtInt(r / shared)} 倍（= W₂·H₂，每个位置一份）。`,
          );
        },
      },
    },
    { kind: 'experiment', key: 'experiment-weight-sharing', id: 'weight-sharing' },
    {
      kind: 'text',
      key: 'backprop',
      title: msg('Backprop with shared weights', '共享权重的反向传播'),
      body: msg(
        'In backprop every neuron computes the gradient for its weights, as usual. But in one depth slice those weights are the same filter. So the gradients of all neurons in the slice are added up: the sum is the gradient of the shared weights.\n' +
          'Each slice therefore updates exactly one set of weights. Neurons in different depth slices do not share weights, so their gradients never mix.',
        '反向传播时，每个神经元照常算出它那份权重的梯度。可在同一个深度切片里，这些“各自的权重”其实是同一个滤波器，所以要把切片里所有神经元的梯度加起来，这个和才是共享权重的梯度。\n' +
          '于是每个切片只更新一套权重。不同深度切片的神经元不共用权重，它们的梯度也就不会混在一起。',
      ),
    },
    {
      kind: 'demo',
      title: msg('Nine neurons, one gradient', '九个神经元，一个梯度'),
      intro: msg(`A ${SIDE}×${SIDE} input, one ${F}×${F} filter, so a ${O}×${O} slice of neurons. Every neuron's own gradient, then their sum, against the engine. Press r for new numbers.`, `一个 ${SIDE}×${SIDE} 的输入，一个 ${F}×${F} 的滤波器，所以有一个 ${O}×${O} 的神经元切片。先看每个神经元自己的梯度，再看它们的和，与引擎对照。按 r 换一组数。`),
      run: (env) => shareDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('Different slices, different weights', '不同切片，不同权重'),
      intro: msg('Two filters → two depth slices. Change only the gradients reaching slice 1. Press r for new numbers.', '两个滤波器 → 两个深度切片。只改变到达切片 1 的梯度。按 r 换一组数。'),
      run: (env) => slicesDemo(env.seed),
    },
    {
      kind: 'check',
      check: {
        question: msg('A conv layer outputs a 3×3×2 volume. How many neurons\' gradients are added to get the gradient of filter 0?', '一个卷积层输出 3×3×2 的数据体。要把多少个神经元的梯度相加，才得到滤波器 0 的梯度？'),
        options: [msg('9', '9'), msg('18', '18'), msg('1', '1'), msg('4', '4')],
        answer: 0,
        explain: msg('Filter 0 is shared by the 3×3 = 9 neurons of depth slice 0; their gradients are summed. Slice 1 has its own filter.', '滤波器 0 由深度切片 0 的 3×3 = 9 个神经元共享；把它们的梯度相加。切片 1 有自己的滤波器。'),
        wrong: {
          1: msg('18 counts both slices, but slice 1 uses a different filter: its gradients go to filter 1.', '18 把两个切片都算上了，但切片 1 用的是另一个滤波器：它的梯度归滤波器 1。'),
          2: msg('All 9 neurons of the slice used filter 0, so all 9 contribute.', '切片里 9 个神经元都用了滤波器 0，所以 9 个都有贡献。'),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg('Do two neurons at the same position but in different depth slices share weights?', '位置相同但处在不同深度切片的两个神经元共享权重吗？'),
        options: [
          msg('No: each depth slice has a filter of its own', '不共享：每个深度切片有自己的滤波器'),
          msg('Yes: they look at the same region of the input', '共享：因为它们看的是输入中的同一块区域'),
          msg('Yes, but only the biases of the two slices', '共享，但两个切片只共享偏置'),
        ],
        answer: 0,
        explain: msg('Sharing is within a slice (across positions). Across depth, every slice is a different filter looking for something else in the same region.', '共享发生在切片内部（跨位置）。沿深度方向，每个切片都是不同的滤波器，在同一块区域里寻找不同的东西。'),
        wrong: {
          1: msg('Same region, different filters: that is how a layer detects several features at one place.', '区域相同，滤波器不同：层就是这样在同一位置检测多种特征的。'),
          2: msg('Each filter has its own bias too: K filters, K biases.', '每个滤波器也有自己的偏置：K 个滤波器，K 个偏置。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'conv 227x227x3 F=11 S=4 K=96',
      note: msg(`The first layer of the 2012 paper's AlexNet: ${fmtInt(ALEX.params.total)} parameters thanks to sharing.`, `2012 年论文中 AlexNet 的第一层：得益于权值共享，只有 ${fmtInt(ALEX.params.total)} 个参数。`),
    },
  ],
};

