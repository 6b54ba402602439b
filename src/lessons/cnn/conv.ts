/**
 * cnn/conv — the notes' "卷积层 / 作用": filters as deep as the input, each
 * output number one neuron's output, fewer parameters; the sliding dot
 * product on real numbers and the feature map.
 */
import { runOp, type Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow } from '../../teach/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { teachTensor } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { drawSlidingWindow } from './conv-diagrams.js';
import { fmtInt, fmtNum, paren } from '../../i18n/numbers.js';

const C = 2;
const N = 5;
const F = 3;

const cifar5 = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: 16, kernel: 5 });

/** The demo's numbers: x [C, N, N], one filter [1, C, F, F], bias, the engine's output and one position. */
export function slideNumbers(seed: number): { x: Tensor; w: Tensor; b: Tensor; y: Tensor; at: [number, number]; perChannel: number[]; products: number[][] } {
  const x = teachTensor([C, N, N], seed * 23 + 1, -2, 3);
  const w = teachTensor([1, C, F, F], seed * 23 + 2, -1, 1);
  const b = teachTensor([1], seed * 23 + 3, -1, 1);
  const y = runOp('conv2d', { input: x, weight: w, bias: b }, { stride: 1, padding: 0 }).output;
  const O = N - F + 1;
  const at: [number, number] = [Math.floor(seed * 5) % O, Math.floor(seed * 2 + 1) % O];
  const products: number[][] = [];
  const perChannel: number[] = [];
  for (let c = 0; c < C; c++) {
    const p: number[] = [];
    for (let u = 0; u < F; u++) for (let v = 0; v < F; v++) p.push(x.get(c, at[0] + u, at[1] + v) * w.get(0, c, u, v));
    products.push(p);
    perChannel.push(p.reduce((a, q) => a + q, 0));
  }
  return { x, w, b, y, at, perChannel, products };
}

function slideDemo(seed: number): Block[] {
  const n = slideNumbers(seed);
  const [i, j] = n.at;
  const window: number[][] = [];
  for (let u = 0; u < F; u++) for (let v = 0; v < F; v++) window.push([i + u, j + v]);
  const lines: Msg[] = [];
  for (let c = 0; c < C; c++) {
    const terms: string[] = [];
    for (let u = 0; u < F; u++) for (let v = 0; v < F; v++) terms.push(`${paren(n.x.get(c, i + u, j + v))}·${paren(n.w.get(0, c, u, v))}`);
    const sum = `${terms.join(' + ')} = ${fmtNum(n.perChannel[c])}`;
    lines.push(msg(`slice ${c}: ${sum}`, `切片 ${c}：${sum}`));
  }
  const total = n.perChannel.reduce((a, q) => a + q, 0) + n.b.data[0];
  const engine = n.y.get(0, i, j);
  const y = `y[${i},${j}] = ${n.perChannel.map((q) => paren(q)).join(' + ')} + ${paren(n.b.data[0])} = ${fmtNum(total)}`;
  lines.push(msg(y, y));
  return [
    { kind: 'matrix', label: msg(`input x: the window at row ${i}, column ${j}`, `输入 x：窗口在第 ${i} 行、第 ${j} 列`), tensor: n.x, highlight: { cells: window } },
    { kind: 'matrix', label: msg(`filter w, ${F}×${F}×${C}: as deep as the input`, `滤波器 w，${F}×${F}×${C}：深度与输入相同`), tensor: n.w.reshape([C, F, F]) },
    { kind: 'formula', label: msg(`Dot product, depth slice by depth slice, then the bias b = ${fmtNum(n.b.data[0])}:`, `逐个深度切片做点积，再加偏置 b = ${fmtNum(n.b.data[0])}：`), lines },
    { kind: 'matrix', label: msg('feature map y (engine conv2d)', '特征图 y（引擎 conv2d）'), tensor: n.y, highlight: { cells: [[i, j]], style: 'star' } },
    {
      kind: 'text',
      text: msg(
        `The engine's y[${i},${j}] is ${fmtNum(engine)}, the same as the sum written out. Each of the ${n.y.size} numbers of the map is one such dot product: the output of one neuron looking at one ${F}×${F}×${C} patch.`,
        `引擎算出的 y[${i},${j}] 是 ${fmtNum(engine)}，和上面手写的和相同。特征图上的 ${n.y.size} 个数，每个都是这样一次点积：一个神经元看一块 ${F}×${F}×${C} 区域的输出。`,
      ),
    },
  ];
}

/** Several filters: each gives one feature map; the maps stack along depth. */
export function manyFilterNumbers(seed: number): { x: Tensor; w: Tensor; y: Tensor } {
  const x = teachTensor([3, 6, 6], seed * 29 + 1, 0, 2);
  const w = teachTensor([2, 3, 3, 3], seed * 29 + 2, -1, 1);
  const y = runOp('conv2d', { input: x, weight: w }, { stride: 1, padding: 0 }).output;
  return { x, w, y };
}

function manyFiltersDemo(seed: number): Block[] {
  const { x, w, y } = manyFilterNumbers(seed);
  const e = convOutputShapeOrThrow({ inC: x.shape[0], inH: x.shape[1], inW: x.shape[2], outChannels: w.shape[0], kernel: w.shape[2] });
  return [
    { kind: 'volumes', items: [{ width: 6, height: 6, depth: 3, label: msg('input', '输入') }, { width: y.shape[2], height: y.shape[1], depth: y.shape[0], label: msg('output', '输出'), op: `conv F=3 K=${w.shape[0]}` }] },
    { kind: 'matrix', label: msg('input x', '输入 x'), tensor: x },
    { kind: 'matrix', label: msg('output: one feature map per filter', '输出：每个滤波器一张特征图'), tensor: y },
    {
      kind: 'facts',
      rows: [
        { label: msg('weight shape', '权重形状'), value: msg(`[${w.shape.join(', ')}] = K filters of ${e.receptiveField.text}`, `[${w.shape.join(', ')}] = K 个 ${e.receptiveField.text} 的滤波器`) },
        { label: msg('parameters', '参数'), value: `K·(F·F·D + 1) = ${e.params.worked}` },
        { label: msg('fully connected instead', '若改用全连接'), value: msg(`${fmtInt(e.fullyConnected.total)} parameters`, `${fmtInt(e.fullyConnected.total)} 个参数`) },
      ],
    },
  ];
}

export const conv: Lesson = {
  id: 'cnn/conv',
  topic: 'cnn',
  title: msg('The convolutional layer', '卷积层'),
  summary: msg('A filter slides over the input; each dot product is one neuron\'s output; the results form a feature map.', '滤波器在输入上滑动；每次点积就是一个神经元的输出；结果组成特征图。'),
  section: '### 卷积层',
  steps: [
    {
      kind: 'text',
      key: 'sliding-filter',
      title: msg('A small filter, slid everywhere', '一个小滤波器，滑遍全图'),
      body: msg(
        'A conv layer owns a few filters (also called kernels). A filter is small in width and height, e.g. 5×5, but always as deep as its input: 5×5×3 on an RGB image.\n' +
          'Slide the filter across the input. At each position, multiply the filter with the numbers under it, add everything up and add the bias: one number. The numbers from all positions form a 2-D feature map (activation map).',
        '卷积层有若干个滤波器（也叫卷积核）。滤波器的宽和高很小，例如 5×5，但深度总是和输入一致：在 RGB 图像上就是 5×5×3。\n' +
          '让滤波器在输入上滑动。每到一个位置，把滤波器和它下面的数逐个相乘，全部加起来再加上偏置：得到一个数。所有位置的数组成一张二维的特征图（激活图）。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('The sliding window', '滑动窗口'),
      draw: drawSlidingWindow,
    },
    {
      kind: 'text',
      key: 'feature-map',
      title: msg('Each number is a neuron', '每个数就是一个神经元'),
      body: msg(
        'Look at one number of the feature map: it is the output of one neuron that is connected to one small patch of the input, with the filter as its weights.\n' +
          'So a feature map is a grid of neurons that all use the same weights; K filters give K maps, stacked along depth: an output volume of depth K.\n' +
          'How wide is a map? With stride S (the step of the slide) and zero-padding P (a border of zeros), W₂ = (W₁ − F + 2P)/S + 1, and the same for the height; the lesson cnn/stride-padding works it out. With S = 1 and P = 0 the filter fits W₁ − F + 1 times: a 3×3 filter on 7×7 gives 5×5.\n' +
          'Because a neuron only sees a patch, and all neurons of a map share one filter, the layer needs far fewer parameters than a fully connected one.',
        '看特征图上的一个数：它是一个神经元的输出，这个神经元只与输入中的一小块相连，它的权重就是滤波器。\n' +
          '所以一张特征图就是排成网格、共用同一组权重的一群神经元；K 个滤波器得到 K 张图，沿深度叠起来，就是深度为 K 的输出数据体。\n' +
          '特征图有多宽？设步长为 S（每次滑动的格数）、零填充为 P（四周补的一圈零），则 W₂ = (W₁ − F + 2P)/S + 1，高度同理；cnn/stride-padding 这一课会详细推导。S = 1、P = 0 时滤波器能放 W₁ − F + 1 次：3×3 的滤波器在 7×7 上得到 5×5。\n' +
          '因为每个神经元只看一小块，而且同一张图上的神经元共用一个滤波器，卷积层需要的参数比全连接层少得多。',
      ),
    },
    {
      kind: 'demo',
      key: 'dot-product',
      title: msg('One dot product, written out', '把一次点积完整写出来'),
      intro: msg(`A ${N}×${N}×${C} input and one ${F}×${F}×${C} filter, whole numbers. Press r for new numbers and another window.`, `一个 ${N}×${N}×${C} 的输入和一个 ${F}×${F}×${C} 的滤波器，都是整数。按 r 换一组数和窗口位置。`),
      run: (env) => slideDemo(env.seed),
    },
    {
      kind: 'formula',
      key: 'params',
      title: msg('How many parameters', '参数有多少'),
      intro: msg('Each filter: F·F·D weights plus 1 bias. D must equal the input depth. The image size does not appear.', '每个滤波器：F·F·D 个权重加 1 个偏置。D 必须等于输入的深度。公式里没有图像尺寸。'),
      formula: {
        symbolic: 'params = K·(F·F·D + 1)',
        substituted: 'params = {K}·({F}·{F}·{D} + 1)',
        expr: 'K*(F*F*D + 1)',
        vars: [
          { name: 'K', value: 16, label: msg('number of filters', '滤波器个数'), min: 1, max: 100_000, integer: true },
          { name: 'F', value: 5, label: msg('filter size', '滤波器尺寸'), min: 1, max: 1000, integer: true },
          { name: 'D', value: 3, label: msg('input depth', '输入深度'), min: 1, max: 100_000, integer: true },
        ],
        result: { name: 'params', label: msg('weights + biases', '权重 + 偏置') },
        note: (v) =>
          v.F === 1
            ? msg('F = 1: a 1×1 filter looks at one position and mixes the D channels there.', 'F = 1：1×1 滤波器只看一个位置，把那里的 D 个通道混合起来。')
            : v.D === 3
              ? msg(`D = 3: an RGB input. Each filter is ${v.F}×${v.F}×3.`, `D = 3：RGB 输入。每个滤波器是 ${v.F}×${v.F}×3。`)
              : null,
      },
    },
    {
      kind: 'demo',
      title: msg('Two filters, two feature maps', '两个滤波器，两张特征图'),
      intro: msg('A 6×6×3 input and two 3×3×3 filters. Press r for new numbers.', '一个 6×6×3 的输入和两个 3×3×3 的滤波器。按 r 换一组数。'),
      run: (env) => manyFiltersDemo(env.seed),
    },
    {
      kind: 'check',
      check: {
        question: msg('A conv layer with 5×5 filters reads a 32×32×3 image. What is the shape of one filter?', '一个使用 5×5 滤波器的卷积层读取一张 32×32×3 的图像。一个滤波器的形状是什么？'),
        options: [msg(cifar5.receptiveField.text, cifar5.receptiveField.text), msg('5×5×1', '5×5×1'), msg('5×5×16', '5×5×16'), msg('32×32×3', '32×32×3')],
        answer: 0,
        explain: msg(
          `Small in width and height (5×5), full in depth (3, the input's depth): ${cifar5.receptiveField.text} = ${cifar5.params.weightsPerFilter} weights, plus a bias.`,
          `宽和高很小（5×5），深度完整（3，即输入的深度）：${cifar5.receptiveField.text} = ${cifar5.params.weightsPerFilter} 个权重，另加一个偏置。`,
        ),
        wrong: {
          1: msg('A filter always spans the whole input depth: all 3 colour channels.', '滤波器在深度方向总是覆盖整个输入：全部 3 个颜色通道。'),
          2: msg('16 would be the number of filters (the output depth), not the depth of one filter.', '16 可能是滤波器的个数（输出深度），而不是一个滤波器的深度。'),
          3: msg('That is the whole image: a neuron with such a filter would be fully connected.', '那是整张图像：用这样的滤波器，神经元就成了全连接的。'),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg('What is ONE number of a feature map?', '特征图上的一个数是什么？'),
        options: [
          msg('One neuron’s output on one small patch of the input', '一个神经元在输入的一小块上的输出'),
          msg('The sum of all the numbers in the input image', '输入图像中所有数的总和'),
          msg('One of the filter’s weights after training', '训练后滤波器里的一个权重'),
          msg('The filter dotted with one whole depth slice of the image', '滤波器与整张图像某一个深度切片的点积'),
        ],
        answer: 0,
        explain: msg('Each position of the window gives one number: the filter dotted with the patch under it, plus the bias — exactly what one neuron with local connections computes.', '窗口的每个位置给出一个数：滤波器与它下面那一小块的点积，再加偏置——这正是一个局部连接的神经元所算的。'),
        wrong: {
          1: msg('Each number only sees the patch under the window, not the whole image.', '每个数只看窗口下的那一块，而不是整张图。'),
          2: msg('The weights are the filter; the feature map holds the outputs computed with them.', '权重在滤波器里；特征图里放的是用它们算出来的输出。'),
          3: msg('The filter spans all depth slices at once, but only a small patch in width and height.', '滤波器一次覆盖所有深度切片，但在宽和高上只覆盖一小块。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'conv 32x32x3 F=5 K=16',
      note: msg('The REPL works out the output volume, the parameters K·(F·F·D + 1) and the receptive field. Change F and K.', 'REPL 会算出输出数据体、参数 K·(F·F·D + 1) 和感受野。改改 F 和 K。'),
    },
  ],
};
