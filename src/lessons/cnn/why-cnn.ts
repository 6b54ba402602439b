/**
 * cnn/why-cnn — the notes' opening of "# CNN": three problems of fully
 * connected networks on large images, and that CNNs solve all three.
 */
import { conv2d, F, Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { fcNeuronWeights, pick, teachTensor } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { drawFlatten } from './conv-diagrams.js';
import { fixed, fmtInt } from '../../i18n/numbers.js';

const SMALL = fcNeuronWeights(32, 32, 3);
const LARGE = fcNeuronWeights(200, 200, 3);
/** A conv layer on either image: 16 filters of 5×5×3 (padding 2 keeps the size). */
const convSmall = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: 16, kernel: 5, padding: 2 });
const convLarge = convOutputShapeOrThrow({ inC: 3, inH: 200, inW: 200, outChannels: 16, kernel: 5, padding: 2 });

/** Weights per image size: one FC neuron, a 100-neuron FC layer, one 5×5 filter, 16 filters. */
export function countRows(seed: number): { size: string; fcNeuron: number; fcLayer: number; filter: number; convLayer: number }[] {
  const extra = pick([28, 64, 96, 128, 224, 256, 512], seed);
  return [32, 200, extra].map((s) => {
    const conv = convOutputShapeOrThrow({ inC: 3, inH: s, inW: s, outChannels: 16, kernel: 5, padding: 2 });
    const neuron = fcNeuronWeights(s, s, 3);
    return { size: `${s}×${s}×3`, fcNeuron: neuron, fcLayer: 100 * (neuron + 1), filter: conv.params.weightsPerFilter, convLayer: conv.params.total };
  });
}

function countDemo(seed: number): Block[] {
  const rows = countRows(seed);
  return [
    {
      kind: 'table',
      head: [msg('image', '图像'), msg('1 FC neuron', '1 个全连接神经元'), msg('FC, 100 neurons', '全连接 100 个'), msg('1 filter 5×5×3', '1 个 5×5×3 滤波器'), msg('conv, 16 filters', '卷积 16 个')],
      rows: rows.map((r) => [r.size, fmtInt(r.fcNeuron), fmtInt(r.fcLayer), fmtInt(r.filter), fmtInt(r.convLayer)]),
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        'The FC columns grow with the image: every neuron needs one weight per input number (W·H·D). The conv columns stay the same: a filter only covers 5×5×3 and is reused at every position. (FC layer: weights + 1 bias per neuron; conv: 16·(75 + 1).)',
        '全连接那两列随图像变大：每个神经元对每个输入数都要一个权重（W·H·D）。卷积那两列不变：一个滤波器只覆盖 5×5×3，并在每个位置重复使用。（全连接层：权重加每个神经元 1 个偏置；卷积：16·(75 + 1)。）',
      ),
    },
    {
      kind: 'facts',
      rows: [
        { label: msg('conv 16 filters, 200×200×3', '卷积 16 个滤波器，200×200×3'), value: msg(`${fmtInt(convLarge.params.total)} parameters`, `${fmtInt(convLarge.params.total)} 个参数`) },
        {
          label: msg('FC with the same output', '输出相同的全连接层'),
          value: msg(`${fmtInt(convLarge.fullyConnected.total)} parameters (${fmtInt(Math.round(convLarge.fullyConnected.ratio))} times as many)`, `${fmtInt(convLarge.fullyConnected.total)} 个参数（是卷积层的 ${fmtInt(Math.round(convLarge.fullyConnected.ratio))} 倍）`),
        },
      ],
    },
  ];
}

const SIDE = 6;

/** A small pattern at a seeded place, and the same pattern one column to the right. */
export function shiftNumbers(seed: number): { a: Tensor; b: Tensor; filter: Tensor; mapA: Tensor; mapB: Tensor; fcA: number; fcB: number; at: [number, number] } {
  const pattern = teachTensor([2, 2], seed * 13 + 1, 1, 3);
  const r = Math.floor((seed * 7) % (SIDE - 1));
  const c = Math.floor((seed * 3) % (SIDE - 2));
  const place = (col: number): Tensor => {
    const d = new Float32Array(SIDE * SIDE);
    for (let i = 0; i < 2; i++) for (let j = 0; j < 2; j++) d[(r + i) * SIDE + col + j] = pattern.data[i * 2 + j];
    return new Tensor([1, SIDE, SIDE], d);
  };
  const a = place(c);
  const b = place(c + 1);
  // The filter looks for the pattern itself.
  const filter = pattern.reshape([1, 1, 2, 2]);
  const mapA = conv2d(a, filter);
  const mapB = conv2d(b, filter);
  // One fully connected neuron with its own weight for each of the 36 pixels.
  const w = teachTensor([1, SIDE * SIDE], seed * 13 + 2, -1, 1, 0.1);
  const fcA = F.linear(F.reshape(a, [1, SIDE * SIDE]), w).data[0];
  const fcB = F.linear(F.reshape(b, [1, SIDE * SIDE]), w).data[0];
  return { a, b, filter, mapA, mapB, fcA, fcB, at: [r, c] };
}

function argmax2d(t: Tensor): [number, number] {
  let best = 0;
  for (let i = 1; i < t.size; i++) if (t.data[i] > t.data[best]) best = i;
  const W = t.shape[t.shape.length - 1];
  return [Math.floor(best / W), best % W];
}

function shiftDemo(seed: number): Block[] {
  const n = shiftNumbers(seed);
  const [r, c] = n.at;
  const cellsA = [[r, c], [r, c + 1], [r + 1, c], [r + 1, c + 1]];
  const cellsB = cellsA.map(([i, j]) => [i, j + 1]);
  const pa = argmax2d(n.mapA);
  const pb = argmax2d(n.mapB);
  return [
    { kind: 'matrix', label: msg('image A', '图像 A'), tensor: n.a, highlight: { cells: cellsA } },
    { kind: 'matrix', label: msg('image B = A moved one column right', '图像 B = A 向右移一列'), tensor: n.b, highlight: { cells: cellsB } },
    { kind: 'matrix', label: msg('filter (the pattern itself)', '滤波器（就是这个图案）'), tensor: n.filter.reshape([2, 2]) },
    { kind: 'matrix', label: msg('feature map of A', 'A 的特征图'), tensor: n.mapA, highlight: { cells: [pa], style: 'star' } },
    { kind: 'matrix', label: msg('feature map of B', 'B 的特征图'), tensor: n.mapB, highlight: { cells: [pb], style: 'star' } },
    {
      kind: 'facts',
      rows: [
        { label: msg('conv: strongest response', '卷积：最强响应'), value: msg(`A at (${pa.join(', ')}), B at (${pb.join(', ')}): same value ${fixed(n.mapA.data[pa[0] * n.mapA.shape[2] + pa[1]], 0)}`, `A 在 (${pa.join(', ')})，B 在 (${pb.join(', ')})：数值同为 ${fixed(n.mapA.data[pa[0] * n.mapA.shape[2] + pa[1]], 0)}`) },
        { label: msg('one FC neuron on the 36 pixels', '一个全连接神经元（36 个像素）'), value: msg(`A → ${fixed(n.fcA)}, B → ${fixed(n.fcB)}`, `A → ${fixed(n.fcA)}，B → ${fixed(n.fcB)}`) },
      ],
    },
    {
      kind: 'text',
      text: msg(
        `The feature map moves with the pattern: the conv layer keeps "where" and finds the pattern wherever it is. The FC neuron sees a vector of ${SIDE * SIDE} numbers with a separate weight for each; after flattening, the pixel below (r, c) is just index (r+1)·${SIDE} + c. Shifting the pattern changes its answer, so it must learn the pattern again at every position.`,
        `特征图跟着图案一起移动：卷积层保留了“在哪里”，图案出现在哪里都能找到。全连接神经元看到的是一个 ${SIDE * SIDE} 个数的向量，每个数一个独立的权重；展平后，(r, c) 下方的像素只是下标 (r+1)·${SIDE} + c。图案一移动，它的输出就变了，所以它得在每个位置分别重新学这个图案。`,
      ),
    },
  ];
}

export const whyCnn: Lesson = {
  id: 'cnn/why-cnn',
  topic: 'cnn',
  title: msg('Why convolutional networks?', '为什么要用卷积神经网络？'),
  summary: msg('Three problems of fully connected networks on large images, and how CNNs solve them.', '全连接网络处理大图像的三个问题，以及卷积网络如何解决它们。'),
  section: '# CNN',
  steps: [
    {
      kind: 'text',
      key: 'images-are-big',
      title: msg('Images are big', '图像很大'),
      body: msg(
        `In a fully connected layer every neuron is connected to every input number. A tiny 32×32 colour image (3 channels: red, green, blue) is already ${fmtInt(SMALL)} numbers; a modest 200×200×3 photo is ${fmtInt(LARGE)}.\n` +
          'And before a fully connected layer can read an image at all, the image has to be flattened into one long vector.',
        `全连接层里，每个神经元都和每一个输入数相连。一张 32×32 的小彩色图像（红、绿、蓝 3 个通道）就已经有 ${fmtInt(SMALL)} 个数；一张普通的 200×200×3 照片有 ${fmtInt(LARGE)} 个。\n` +
          '而且全连接层要读图像，得先把图像展平成一个长向量。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Flattening', '展平'),
      draw: drawFlatten,
      caption: msg('Row after row goes into the vector. Left/right neighbours stay together; neighbours above/below end up a whole row apart.', '图像一行接一行放进向量。左右相邻的还挨着；上下相邻的却相隔一整行。'),
    },
    {
      kind: 'text',
      key: 'three-problems',
      title: msg('Three problems', '三个问题'),
      body: msg(
        'A fully connected network on large images has three clear weaknesses:\n' +
          '1) Flattening the image into a vector throws away its spatial information: which pixels were next to which.\n' +
          '2) Far too many parameters: the network is inefficient and hard to train.\n' +
          '3) So many parameters also make it overfit quickly: it memorises the training images instead of learning what carries over to new ones.\n' +
          'Convolutional neural networks (CNNs) solve all three.',
        '拿全连接网络处理大图像，有三个明显的毛病：\n' +
          '1) 图像一展平成向量，空间信息就没了：网络不再知道哪些像素原本挨在一起。\n' +
          '2) 参数多得离谱：计算低效，训练困难。\n' +
          '3) 参数这么多，网络很快就会过拟合：它把训练图像背了下来，而没有学到对新图像也管用的规律。\n' +
          '卷积神经网络（CNN）把这三个问题都解决了。',
      ),
    },
    {
      kind: 'formula',
      key: 'fc-neuron-weights',
      title: msg('Weights of one fully connected neuron', '一个全连接神经元的权重数'),
      intro: msg('One weight per input number. Try your own image size.', '每个输入数一个权重。试试你自己的图像尺寸。'),
      formula: {
        symbolic: 'n = W·H·D',
        substituted: 'n = {W}·{H}·{D}',
        expr: 'W*H*D',
        vars: [
          { name: 'W', value: 200, label: msg('image width', '图像宽度'), min: 1, max: 100_000, integer: true },
          { name: 'H', value: 200, label: msg('image height', '图像高度'), min: 1, max: 100_000, integer: true },
          { name: 'D', value: 3, label: msg('channels (depth)', '通道数（深度）'), min: 1, max: 10_000, integer: true },
        ],
        result: { name: 'n', label: msg('weights of ONE neuron', '一个神经元的权重数') },
        note: (v, n) =>
          v.W === 32 && v.H === 32 && v.D === 3
            ? msg('32×32×3 is a CIFAR-10 image: the smallest case, and already this many.', '32×32×3 是 CIFAR-10 的图像：最小的情形，就已经这么多。')
            : n >= 100_000
              ? msg(`${fmtInt(n)} weights for one neuron; a layer has hundreds or thousands of neurons.`, `一个神经元就要 ${fmtInt(n)} 个权重；而一层有成百上千个神经元。`)
              : null,
      },
    },
    {
      kind: 'demo',
      key: 'fc-vs-conv',
      title: msg('Counting parameters: FC against conv', '数参数：全连接对比卷积'),
      intro: msg('All counts come from the engine\'s shape rules. Press r for another image size in the third row.', '所有数字来自引擎的形状规则。按 r 让第三行换一个图像尺寸。'),
      run: (env) => countDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('A pattern moves one pixel', '图案移动一个像素'),
      intro: msg('The same small pattern in two places. A conv filter and one FC neuron look at both. Press r for another pattern and place.', '同一个小图案出现在两个位置。一个卷积滤波器和一个全连接神经元分别去看。按 r 换图案和位置。'),
      run: (env) => shiftDemo(env.seed),
    },
    {
      kind: 'text',
      key: 'how-cnns-solve',
      title: msg('How CNNs solve all three', 'CNN 如何解决这三个问题'),
      body: (_env) =>
        msg(
          '1) Spatial information: a CNN keeps the image as a 3-D block (width × height × depth) and slides small filters over it, so neighbours stay neighbours.\n' +
            `2) Parameters: each neuron connects only to a small region, and all positions share one filter. A 5×5×3 filter has ${convSmall.params.weightsPerFilter} weights + 1 bias on a 32×32 image and on a 200×200 image alike; 16 filters: ${fmtInt(convSmall.params.total)}.\n` +
            '3) Overfitting: with far fewer parameters there is far less room to memorise the training images.',
          '1) 空间信息：CNN 把图像保持为三维的块（宽 × 高 × 深），用小滤波器在上面滑动，相邻的像素始终相邻。\n' +
            `2) 参数：每个神经元只连接一小块区域，所有位置共用同一个滤波器。一个 5×5×3 的滤波器在 32×32 和 200×200 的图像上都是 ${convSmall.params.weightsPerFilter} 个权重 + 1 个偏置；16 个滤波器共 ${fmtInt(convSmall.params.total)} 个参数。\n` +
            '3) 过拟合：参数少得多，网络死记训练图像的余地也就小得多。',
        ),
    },
    { kind: 'experiment', key: 'experiment-fc-vs-cnn', id: 'fc-vs-cnn' },
    {
      kind: 'check',
      check: {
        question: msg('How many weights does ONE fully connected neuron need on a 200×200×3 image?', '在 200×200×3 的图像上，一个全连接神经元需要多少个权重？'),
        options: [msg(fmtInt(LARGE), fmtInt(LARGE)), msg(fmtInt(LARGE / 3), fmtInt(LARGE / 3)), msg(fmtInt(LARGE + 1), fmtInt(LARGE + 1)), msg(fmtInt(convLarge.params.weightsPerFilter), fmtInt(convLarge.params.weightsPerFilter))],
        answer: 0,
        explain: msg(`One weight per input number: 200·200·3 = ${fmtInt(LARGE)}.`, `每个输入数一个权重：200·200·3 = ${fmtInt(LARGE)}。`),
        wrong: {
          1: msg(`That is 200·200: the image has 3 channels, and each of them is input too.`, `这是 200·200：图像有 3 个通道，每个通道的数也都是输入。`),
          2: msg(`${fmtInt(LARGE + 1)} counts the bias too; the question asks for the weights, one per input number.`, `${fmtInt(LARGE + 1)} 把偏置也算进去了；题目问的是权重，每个输入数一个。`),
          3: msg('That is a 5×5×3 conv filter, which looks at a small region only. An FC neuron sees the whole image.', '那是 5×5×3 卷积滤波器的权重数，它只看一小块区域。全连接神经元看的是整张图。'),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg('Why does a conv layer\'s parameter count stay the same when the image gets bigger?', '为什么图像变大时，卷积层的参数个数不变？'),
        options: [
          msg('Its filters are small and reused at every position', '滤波器很小，并在每个位置重复使用'),
          msg('The image is always shrunk to 32×32 before the layer', '图像在进入这一层之前总会先缩小到 32×32'),
          msg('Conv layers have no biases, only shared weights', '卷积层没有偏置，只有共享的权重'),
          msg('The conv layer flattens the image into a shorter vector', '卷积层把图像展平成更短的向量'),
        ],
        answer: 0,
        explain: msg(
          'The parameters are the filters: K·(F·F·D + 1). Nothing in that depends on the image\'s width or height — only the number of positions the filters visit does.',
          '参数就是滤波器：K·(F·F·D + 1)。这里面没有图像的宽和高——只有滤波器经过的位置数随图像变化。',
        ),
        wrong: {
          1: msg('No resizing is involved: the same filters simply slide over more positions.', '不涉及缩放：同样的滤波器只是滑过更多位置。'),
          2: msg('Conv filters do have a bias each (the +1 in F·F·D + 1); that is not the reason.', '每个卷积滤波器都有一个偏置（F·F·D + 1 中的 +1）；这不是原因。'),
          3: msg('Flattening is exactly what a conv layer avoids: it keeps the 3-D layout.', '卷积层恰恰避免了展平：它保留三维排列。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'conv 200x200x3 F=5 P=2 K=16',
      note: msg('Look at the line "fully connected instead": the same output from an FC layer. Then try 32x32x3.', '看“若改用全连接”那一行：用全连接层得到同样的输出要多少参数。再试试 32x32x3。'),
    },
  ],
};
