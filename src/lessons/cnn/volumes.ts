/**
 * cnn/volumes — the notes' "卷积神经网络的各层中的神经元是3维排列": neurons
 * arranged in width × height × depth, the CIFAR-10 example (32×32×3 in,
 * 1×1×10 out) and local connectivity.
 */
import { F, randUniform, type Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow, poolOutputShapeOrThrow } from '../../teach/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { VolumeItem } from '../../view/figures/types.js';
import { fcNeuronWeights, pick } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { drawVolumes3d } from './conv-diagrams.js';
import { fixed, fmtInt } from '../../i18n/numbers.js';

export const CIFAR_CLASSES: readonly Msg[] = [
  msg('airplane', '飞机'),
  msg('automobile', '汽车'),
  msg('bird', '鸟'),
  msg('cat', '猫'),
  msg('deer', '鹿'),
  msg('dog', '狗'),
  msg('frog', '青蛙'),
  msg('horse', '马'),
  msg('ship', '船'),
  msg('truck', '卡车'),
];

/** The output of a CIFAR-10 net: the whole 32×32×3 image reduced to 10 scores (a layer seeing all of it). */
const cifarOut = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: CIFAR_CLASSES.length, kernel: 32 });
/** A conv neuron with a 5×5 filter on the CIFAR-10 input. */
const conv5 = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: 16, kernel: 5, padding: 2 });
const IMAGE_NUMBERS = fcNeuronWeights(32, 32, 3);

export interface CifarVolume extends VolumeItem {
  width: number;
  height: number;
  depth: number;
}

/** A small CIFAR-10 ConvNet's volumes, each size from the shape rules; K1, K2 picked by the seed. */
export function cifarVolumes(seed: number): CifarVolume[] {
  const K1 = pick([6, 8, 12, 16], seed);
  const K2 = pick([16, 20, 32], seed + 1);
  const c1 = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: K1, kernel: 5, padding: 2 });
  const [, h1, w1] = c1.outShape;
  const p1 = poolOutputShapeOrThrow({ inC: K1, inH: h1, inW: w1, kernel: 2 });
  const [, h2, w2] = p1.outShape;
  const c2 = convOutputShapeOrThrow({ inC: K1, inH: h2, inW: w2, outChannels: K2, kernel: 5, padding: 2 });
  const [, h3, w3] = c2.outShape;
  const p2 = poolOutputShapeOrThrow({ inC: K2, inH: h3, inW: w3, kernel: 2 });
  const [, h4, w4] = p2.outShape;
  // The last layer sees the whole volume: a "filter" as large as it is.
  const fc = convOutputShapeOrThrow({ inC: K2, inH: h4, inW: w4, outChannels: CIFAR_CLASSES.length, kernel: [h4, w4] });
  const [k5, h5, w5] = fc.outShape;
  return [
    { width: 32, height: 32, depth: 3, label: msg('input', '输入') },
    { width: w1, height: h1, depth: K1, label: 'conv1', op: `conv F=5 P=2 K=${K1}` },
    { width: w2, height: h2, depth: K1, label: 'pool1', op: 'pool F=2' },
    { width: w3, height: h3, depth: K2, label: 'conv2', op: `conv F=5 P=2 K=${K2}` },
    { width: w4, height: h4, depth: K2, label: 'pool2', op: 'pool F=2' },
    { width: w5, height: h5, depth: k5, label: msg('scores', '分数'), op: `fc ${k5}` },
  ];
}

function volumesDemo(seed: number): Block[] {
  const vols = cifarVolumes(seed);
  return [
    { kind: 'volumes', items: vols },
    {
      kind: 'table',
      head: [msg('volume', '数据体'), msg('width', '宽'), msg('height', '高'), msg('depth', '深'), msg('neurons W·H·D', '神经元数 W·H·D')],
      rows: vols.map((v) => [typeof v.label === 'string' ? v.label : v.label!, String(v.width), String(v.height), String(v.depth), fmtInt(v.width * v.height * v.depth)]),
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `Width and height shrink, depth changes with the number of filters; at the end 1×1×${vols[vols.length - 1].depth}: one column of class scores. The network has ${vols.length - 1} layers — that is its depth in the other sense.`,
        `宽和高逐渐缩小，深度随滤波器个数变化；最后是 1×1×${vols[vols.length - 1].depth}：一列类别分数。这个网络有 ${vols.length - 1} 层——这是另一种意义上的“深度”。`,
      ),
    },
  ];
}

/** Seeded 32×32×3 image and an untrained scoring layer: 10 scores in a [10, 1, 1] volume. */
export function scoreNumbers(seed: number): { image: Tensor; scores: Tensor; probs: Tensor } {
  const image = randUniform([3, 32, 32], seed * 17 + 1, 0, 1);
  const n = IMAGE_NUMBERS;
  const w = randUniform([CIFAR_CLASSES.length, n], seed * 17 + 2, -0.05, 0.05);
  const scores = F.reshape(F.linear(F.reshape(image, [1, n]), w), [CIFAR_CLASSES.length, 1, 1]);
  const probs = F.softmax(F.reshape(scores, [CIFAR_CLASSES.length]));
  return { image, scores, probs };
}

function scoresDemo(seed: number): Block[] {
  const { image, scores } = scoreNumbers(seed);
  const vals = Array.from(scores.data);
  const best = vals.indexOf(Math.max(...vals));
  const lo = Math.min(0, ...vals);
  const hi = Math.max(0, ...vals);
  return [
    {
      kind: 'facts',
      rows: [
        { label: msg('input volume', '输入数据体'), value: msg(`${image.shape[2]}×${image.shape[1]}×${image.shape[0]} (PyTorch [${image.shape.join(', ')}]) = ${fmtInt(image.size)} numbers`, `${image.shape[2]}×${image.shape[1]}×${image.shape[0]}（PyTorch [${image.shape.join(', ')}]）= ${fmtInt(image.size)} 个数`) },
        { label: msg('output volume', '输出数据体'), value: msg(`1×1×${scores.shape[0]} (PyTorch [${scores.shape.join(', ')}]) = ${scores.size} scores`, `1×1×${scores.shape[0]}（PyTorch [${scores.shape.join(', ')}]）= ${scores.size} 个分数`) },
      ],
    },
    {
      kind: 'bars',
      label: msg('the 10 scores, one per depth position', '10 个分数，深度方向每个位置一个'),
      items: CIFAR_CLASSES.map((c, i) => ({ label: msg(`${i} ${c.en}`, `${i} ${c.zh}`), value: vals[i] })),
      min: lo,
      max: hi,
      precision: 2,
    },
    {
      kind: 'text',
      text: msg(
        `Depth position ${best} (${CIFAR_CLASSES[best].en}) has the highest score, ${fixed(vals[best])}. The weights are random, so this guess means nothing yet; training changes the weights until the right class scores highest.`,
        `深度位置 ${best}（${CIFAR_CLASSES[best].zh}）的分数最高，为 ${fixed(vals[best])}。权重是随机的，所以这个猜测还没有意义；训练会不断调整权重，直到正确的类别得分最高。`,
      ),
    },
  ];
}

export const volumes: Lesson = {
  id: 'cnn/volumes',
  topic: 'cnn',
  title: msg('Neurons in three dimensions', '三维排列的神经元'),
  summary: msg('Every layer is a volume: width × height × depth. CIFAR-10 goes 32×32×3 in, 1×1×10 out.', '每一层都是一个数据体：宽 × 高 × 深。CIFAR-10：输入 32×32×3，输出 1×1×10。'),
  section: '#### 卷积神经网络的各层中的神经元是3维排列',
  steps: [
    {
      kind: 'text',
      key: 'three-dims',
      title: msg('From a row to a block', '从一行到一块'),
      body: msg(
        'In the DNN lesson a layer was a row of neurons. A CNN arranges the neurons of every layer in three dimensions:\n' +
          '• width\n• height\n• depth — the third dimension of the activation volume (for the input image: its colour channels).\n' +
          'The numbers a layer outputs form a block of the same shape, called an activation volume.',
        'DNN 课里，一层是一排神经元。CNN 把每一层的神经元排成三维：\n' +
          '• 宽度\n• 高度\n• 深度——激活数据体的第三个维度（对输入图像来说就是颜色通道）。\n' +
          '一层输出的数也组成同样形状的一块，叫做激活数据体。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('A ConvNet as volumes (CIFAR-10)', '用数据体看 ConvNet（CIFAR-10）'),
      draw: drawVolumes3d,
      caption: msg(
        `Input: a CIFAR-10 image, ${cifarOut.inputText}. Output: ${cifarOut.outputText}, one score per class, lined up along depth.`,
        `输入：一张 CIFAR-10 图像，${cifarOut.inputText}。输出：${cifarOut.outputText}，每个类别一个分数，沿深度方向排列。`,
      ),
    },
    {
      kind: 'text',
      key: 'two-depths',
      title: msg('Two meanings of "depth"', '“深度”的两种意思'),
      body: msg(
        'Depth of a volume: its third dimension — 3 for an RGB image, 16 after a conv layer with 16 filters.\n' +
          'Depth of a network: how many layers it has. A "deep" network has many layers.\n' +
          'They are unrelated: a 2-layer network can output a volume of depth 512.',
        '数据体的深度：它的第三个维度——RGB 图像是 3，经过 16 个滤波器的卷积层后是 16。\n' +
          '网络的深度：网络有多少层。“深度”网络就是层数很多的网络。\n' +
          '二者毫无关系：一个只有 2 层的网络也可以输出深度为 512 的数据体。',
      ),
    },
    {
      kind: 'check',
      check: {
        question: msg(`A conv layer turns ${conv5.inputText} into ${conv5.outputText}. What is the depth of its output volume?`, `一个卷积层把 ${conv5.inputText} 变成 ${conv5.outputText}。它的输出数据体深度是多少？`),
        options: [
          msg(String(conv5.outShape[0]), String(conv5.outShape[0])),
          msg('3', '3'),
          msg('1: it is one layer', '1：它是一层'),
          msg(String(conv5.outShape[1]), String(conv5.outShape[1])),
        ],
        answer: 0,
        explain: msg(
          `Depth is the third number of W×H×D: ${conv5.outShape[0]}, one slice per filter. It says nothing about how many layers the network has.`,
          `深度是 W×H×D 中的第三个数：${conv5.outShape[0]}，每个滤波器一个切片。它和网络有多少层无关。`,
        ),
        wrong: {
          1: msg('3 is the depth of the input (its colour channels); the output has one slice per filter.', '3 是输入的深度（颜色通道数）；输出的每个切片对应一个滤波器。'),
          2: msg('That is the depth of a network (its number of layers), a different meaning.', '那是网络的深度（层数），是另一种意思。'),
          3: msg(`${conv5.outShape[1]} is the height (and width), the first two numbers.`, `${conv5.outShape[1]} 是高（和宽），前两个数。`),
        },
      },
    },
    {
      kind: 'text',
      key: 'cifar',
      title: msg('CIFAR-10, start to end', 'CIFAR-10，从头到尾'),
      body: msg(
        `CIFAR-10 images are 32×32 pixels with 3 colour channels, so the input volume is ${cifarOut.inputText}: width 32, height 32, depth 3. A W×H×D volume holds W·H·D numbers, here 32·32·3 = 3,072.\n` +
          `The output volume is ${cifarOut.outputText}. By the end of the network the full-size image has been squeezed into a single vector of class scores, and that vector is laid out along the depth dimension.\n` +
          'On the way, a neuron is not connected to the whole previous layer, only to a small region of it.',
        `CIFAR-10 的图像是 32×32 像素、3 个颜色通道，所以输入数据体是 ${cifarOut.inputText}：宽 32、高 32、深 3。W×H×D 的数据体共有 W·H·D 个数，这里是 32·32·3 = 3,072 个。\n` +
          `输出数据体是 ${cifarOut.outputText}。到网络的最后，整张图像被压缩成一个包含类别分数的向量，这个向量沿深度方向排列。\n` +
          '在中间的各层里，一个神经元不与前一层全部相连，只与其中一小块区域相连。',
      ),
    },
    {
      kind: 'demo',
      title: msg('The volumes of a small CIFAR-10 net', '一个小型 CIFAR-10 网络的数据体'),
      intro: msg('Sizes from the engine\'s shape rules. Press r for other filter counts.', '尺寸来自引擎的形状规则。按 r 换一组滤波器个数。'),
      run: (env) => volumesDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('Ten scores along depth', '沿深度排列的十个分数'),
      intro: msg('A random 32×32×3 image goes through an untrained layer that sees all of it. Press r for another image and other weights.', '一张随机的 32×32×3 图像经过一个看到全图、尚未训练的层。按 r 换图像和权重。'),
      run: (env) => scoresDemo(env.seed),
    },
    {
      kind: 'text',
      key: 'small-region',
      title: msg('Only a small region', '只连一小块'),
      body: msg(
        `A neuron of the last layer above sees all ${fmtInt(IMAGE_NUMBERS)} input numbers. A conv neuron with a 5×5 filter sees only a ${conv5.receptiveField.text} region: ${conv5.receptiveField.taps} connections. Neighbouring neurons look at neighbouring regions, so the layer still covers the whole image.`,
        `上面最后一层的神经元看到全部 ${fmtInt(IMAGE_NUMBERS)} 个输入数。而使用 5×5 滤波器的卷积神经元只看 ${conv5.receptiveField.text} 的一块区域：${conv5.receptiveField.taps} 个连接。相邻的神经元看相邻的区域，所以整层仍然覆盖整张图像。`,
      ),
    },
    {
      kind: 'check',
      check: {
        question: msg('A ConvNet classifies CIFAR-10 images into 10 classes. What is its output volume?', '一个 ConvNet 把 CIFAR-10 图像分成 10 类。它的输出数据体是什么？'),
        options: [msg(cifarOut.outputText, cifarOut.outputText), msg('10×10×1', '10×10×1'), msg('32×32×10', '32×32×10'), msg('10×1×1', '10×1×1')],
        answer: 0,
        explain: msg(
          `Width 1, height 1, depth ${cifarOut.outShape[0]}: the image is reduced to a vector of class scores arranged along depth.`,
          `宽 1、高 1、深 ${cifarOut.outShape[0]}：图像被压缩成一个沿深度方向排列的类别分数向量。`,
        ),
        wrong: {
          1: msg('That would be 100 numbers spread over width and height; the 10 scores lie along depth.', '那是铺在宽和高上的 100 个数；10 个分数是沿深度排列的。'),
          2: msg('That keeps the full image size; the scores are for the whole image, so width and height shrink to 1.', '那保留了整张图的尺寸；分数是对整张图给出的，所以宽和高缩到 1。'),
          3: msg('W×H×D order: 10×1×1 puts the 10 along the width. The notes put the class scores along depth.', '按 W×H×D 的顺序，10×1×1 是把 10 放在宽度上。笔记中类别分数沿深度排列。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'net 32x32x3 | conv F=5 P=2 K=16 | relu | pool F=2 | fc 10',
      note: msg('The output column shows every volume as W×H×D, ending in 1×1×10.', '“输出”一列把每个数据体写成 W×H×D，最后是 1×1×10。'),
    },
  ],
};
