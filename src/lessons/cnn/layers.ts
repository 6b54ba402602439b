/**
 * cnn/layers — the notes' "层构成": input, conv, ReLU (often merged into the
 * conv), pooling, fully connected; a small CIFAR-10 stack with its volumes.
 */
import { F, maxPool2d, runOp, type Tensor } from '../../engine/index.js';
import { poolOutputShapeOrThrow } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { pick, teachTensor } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { cifarStack, drawLayerStack } from './conv-diagrams.js';
import { fmtInt } from '../../i18n/numbers.js';

const STACK = cifarStack(12);
const CONV_PARAMS = STACK[1].params;
const FC_PARAMS = STACK[4].params;
const POOLED = poolOutputShapeOrThrow({ inC: 12, inH: 32, inW: 32, kernel: 2, stride: 2 });

function stackDemo(seed: number): Block[] {
  const K = pick([8, 12, 16, 32], seed);
  const layers = cifarStack(K);
  const parts = layers.map((l) => l.out.split('×').map(Number));
  const ops = ['', `conv F=3 P=1 K=${K}`, 'relu', 'pool F=2 S=2', 'fc 10'];
  return [
    {
      kind: 'volumes',
      items: layers.map((l, i) => ({ width: parts[i][0], height: parts[i][1], depth: parts[i][2], label: l.name, op: ops[i] || undefined })),
    },
    {
      kind: 'table',
      head: [msg('layer', '层'), msg('output W×H×D', '输出 W×H×D'), msg('what it does', '做什么'), msg('parameters', '参数')],
      rows: layers.map((l) => [l.name, l.out, l.role, fmtInt(l.params)]),
      align: ['left', 'right', 'left', 'right'],
      foot: [msg('total', '合计'), '', '', fmtInt(layers.reduce((a, l) => a + l.params, 0))],
    },
    {
      kind: 'text',
      text: msg(
        `Conv: ${K}·(3·3·3 + 1) = ${fmtInt(layers[1].params)}. FC: ${layers[3].out} = ${fmtInt(parts[3].reduce((a, b) => a * b, 1))} numbers, each connected to 10 neurons, + 10 biases = ${fmtInt(layers[4].params)}. ReLU and pooling learn nothing.`,
        `卷积：${K}·(3·3·3 + 1) = ${fmtInt(layers[1].params)}。全连接：${layers[3].out} = ${fmtInt(parts[3].reduce((a, b) => a * b, 1))} 个数，每个都连到 10 个神经元，再加 10 个偏置 = ${fmtInt(layers[4].params)}。ReLU 和池化不学习任何参数。`,
      ),
    },
  ];
}

/** A real forward pass through a tiny stack: 6×6×1 → conv (2 filters 3×3, P=1) → ReLU → max pool 2 → FC 3. */
export function forwardNumbers(seed: number): { x: Tensor; w: Tensor; conv: Tensor; act: Tensor; pooled: Tensor; fcW: Tensor; scores: Tensor } {
  const x = teachTensor([1, 6, 6], seed * 19 + 1, 0, 3);
  const w = teachTensor([2, 1, 3, 3], seed * 19 + 2, -1, 1);
  const conv = runOp('conv2d', { input: x, weight: w }, { stride: 1, padding: 1 }).output;
  const act = F.relu(conv);
  const pooled = maxPool2d(act, { kernelSize: 2, stride: 2 }).output;
  const fcW = teachTensor([3, pooled.size], seed * 19 + 3, -1, 1, 0.5);
  const scores = F.linear(F.reshape(pooled, [1, pooled.size]), fcW);
  return { x, w, conv, act, pooled, fcW, scores };
}

function forwardDemo(seed: number): Block[] {
  const n = forwardNumbers(seed);
  const negatives = Array.from(n.conv.data).filter((v) => v < 0).length;
  const dims = (t: Tensor) => `${t.shape[t.shape.length - 1]}×${t.shape[t.shape.length - 2]}×${t.shape.length === 3 ? t.shape[0] : 1}`;
  return [
    { kind: 'matrix', label: msg('INPUT: an image', '输入层：一张图像'), tensor: n.x },
    { kind: 'matrix', label: msg('CONV: 2 filters 3×3, padding 1', '卷积层：2 个 3×3 滤波器，填充 1'), tensor: n.conv },
    { kind: 'matrix', label: msg('RELU: max(0, x), same size', 'ReLU 层：max(0, x)，尺寸不变'), tensor: n.act },
    { kind: 'matrix', label: msg('POOL: max of each 2×2 block', '池化层：每个 2×2 块取最大值'), tensor: n.pooled },
    { kind: 'matrix', label: msg('FC: 3 class scores', '全连接层：3 个类别分数'), tensor: n.scores },
    {
      kind: 'text',
      text: msg(
        `Shapes: ${dims(n.x)} → ${dims(n.conv)} → ${dims(n.act)} → ${dims(n.pooled)} → 3 scores. ReLU set ${negatives} negative number${negatives === 1 ? '' : 's'} to 0 and kept the shape; pooling halved width and height; the FC layer read all ${n.pooled.size} pooled numbers.`,
        `形状：${dims(n.x)} → ${dims(n.conv)} → ${dims(n.act)} → ${dims(n.pooled)} → 3 个分数。ReLU 把 ${negatives} 个负数变成 0，形状不变；池化让宽和高减半；全连接层读取全部 ${n.pooled.size} 个池化后的数。`,
      ),
    },
  ];
}

export const layers: Lesson = {
  id: 'cnn/layers',
  topic: 'cnn',
  title: msg('The layers of a ConvNet', 'ConvNet 的各层'),
  summary: msg('Input, conv, ReLU, pooling, fully connected: what each does to the volume.', '输入层、卷积层、ReLU 层、池化层、全连接层：每层对数据体做了什么。'),
  section: '## 层构成',
  steps: [
    {
      kind: 'text',
      key: 'pipeline',
      title: msg('A pipeline of volumes', '数据体的流水线'),
      body: msg(
        'A ConvNet is a sequence of layers. Each layer takes a volume in and gives a volume out, and only a few kinds of layer are needed.\n\n' +
          'The most common layout is INPUT → [[CONV → RELU]×N → POOL]×M → [FC → RELU]×K → FC: N conv layers, each with its ReLU, then a pool; that block M times; then K fully connected layers with ReLU, and a last FC that gives the class scores. So there are N·M conv layers and K + 1 FC layers (usually N ≤ 3 and K < 3).',
        'ConvNet 由一串层组成。每一层接收一个数据体、输出一个数据体，用到的层也只有几种。\n\n' +
          '最常见的结构是 INPUT → [[CONV → RELU]×N → POOL]×M → [FC → RELU]×K → FC：N 个卷积层（各带一个 ReLU）之后接一个池化层；这样的块重复 M 次；然后是 K 个带 ReLU 的全连接层，最后一个全连接层输出类别分数。所以共有 N·M 个卷积层、K + 1 个全连接层（通常 N ≤ 3，K < 3）。',
      ),
    },
    {
      kind: 'text',
      key: 'five-layers',
      title: msg('Five kinds of layer', '五种层'),
      body: msg(
        '• Input layer: holds the raw pixels, e.g. 32×32×3.\n' +
          '• Convolutional layer: each neuron computes a dot product between its small filter and a small region of the input; K filters give depth K.\n' +
          '• ReLU layer: max(0, x) on every number; the size does not change. It is usually merged into the conv layer above it ("conv + ReLU").\n' +
          '• Pooling layer: downsamples width and height, e.g. 32×32 → 16×16; depth stays.\n' +
          '• Fully connected layer: every neuron sees every number of the previous volume, like the DNN lesson; at the end it gives the class scores.',
        '• 输入层：存放原始像素，例如 32×32×3。\n' +
          '• 卷积层：每个神经元计算自己的小滤波器与输入中一小块区域的点积；K 个滤波器得到深度 K。\n' +
          '• ReLU 层：对每个数取 max(0, x)，尺寸不变。它通常并入前面的卷积层，合称“卷积 + ReLU”。\n' +
          '• 池化层：在宽和高上下采样，例如 32×32 → 16×16；深度不变。\n' +
          '• 全连接层：每个神经元看前一个数据体的全部数，和 DNN 课里一样；在最后输出类别分数。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('A small CIFAR-10 net', '一个小型 CIFAR-10 网络'),
      draw: drawLayerStack,
      caption: msg(
        `Sizes from the shape rules: conv (F=3, P=1) keeps 32×32, pooling halves it, FC flattens ${POOLED.outputText} into 10 scores.`,
        `尺寸来自形状规则：卷积（F=3，P=1）保持 32×32，池化减半，全连接把 ${POOLED.outputText} 展平后变成 10 个分数。`,
      ),
    },
    {
      kind: 'demo',
      title: msg('The stack, volume by volume', '逐个数据体看这个网络'),
      intro: msg('Press r for another number of filters K.', '按 r 换一个滤波器个数 K。'),
      run: (env) => stackDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('Numbers through every layer', '数字走过每一层'),
      intro: msg('A tiny 6×6×1 image through conv → ReLU → pool → FC, computed by the engine. Press r for new numbers.', '一张 6×6×1 的小图像依次经过 卷积 → ReLU → 池化 → 全连接，由引擎计算。按 r 换一组数。'),
      run: (env) => forwardDemo(env.seed),
    },
    {
      kind: 'text',
      key: 'which-learn',
      title: msg('Which layers learn', '哪些层在学习'),
      body: msg(
        `Only conv and fully connected layers have weights and biases (here ${fmtInt(CONV_PARAMS)} and ${fmtInt(FC_PARAMS)}). ReLU and pooling are fixed functions with nothing to learn, so diagrams and frameworks often count "conv + ReLU" as one layer.`,
        `只有卷积层和全连接层有权重和偏置（这里分别是 ${fmtInt(CONV_PARAMS)} 和 ${fmtInt(FC_PARAMS)} 个）。ReLU 和池化是固定的函数，没有要学的东西，所以图示和框架里常把“卷积 + ReLU”算作一层。`,
      ),
    },
    {
      kind: 'check',
      check: {
        question: msg('Which layers have parameters to learn?', '哪些层有需要学习的参数？'),
        options: [
          msg('Conv and fully connected', '卷积层和全连接层'),
          msg('Conv, ReLU and pooling', '卷积层、ReLU 层和池化层'),
          msg('Fully connected, but not conv', '仅全连接层'),
          msg('The five kinds, input included', '五种层都有，包括输入层'),
        ],
        answer: 0,
        explain: msg('Conv layers learn their filters, FC layers their weight matrix; both have biases. ReLU is max(0, x) and pooling takes a max or mean: fixed rules.', '卷积层学习滤波器，全连接层学习权重矩阵，两者都有偏置。ReLU 是 max(0, x)，池化取最大值或平均值：都是固定规则。'),
        wrong: {
          1: msg('ReLU and pooling have no weights: they apply the same fixed rule to every number or window.', 'ReLU 和池化没有权重：它们对每个数或每个窗口都用同样的固定规则。'),
          2: msg(`The conv filters are learned too: ${fmtInt(CONV_PARAMS)} parameters in this net.`, `卷积滤波器也要学习：这个网络里有 ${fmtInt(CONV_PARAMS)} 个参数。`),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg(`A pooling layer with a 2×2 window and stride 2 gets a ${POOLED.inputText} volume. What comes out?`, `一个 2×2 窗口、步长 2 的池化层接收 ${POOLED.inputText} 的数据体。输出是什么？`),
        options: [msg(POOLED.outputText, POOLED.outputText), msg('16×16×6', '16×16×6'), msg('32×32×12', '32×32×12'), msg('16×16×1', '16×16×1')],
        answer: 0,
        explain: msg(`Pooling halves width and height and works on each depth slice separately: ${POOLED.inputText} → ${POOLED.outputText}.`, `池化让宽和高减半，并且在每个深度切片上分别进行：${POOLED.inputText} → ${POOLED.outputText}。`),
        wrong: {
          1: msg('Pooling does not touch the depth: every slice is pooled on its own.', '池化不改变深度：每个切片各自池化。'),
          2: msg('That is ReLU: it keeps the size. Pooling downsamples.', '那是 ReLU：它不改变尺寸。池化才会下采样。'),
          3: msg('Pooling does not mix slices together; depth stays 12.', '池化不会把切片混在一起；深度仍是 12。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'net 32x32x3 | conv F=3 P=1 K=12 | relu | pool F=2 | fc 10',
      note: msg('The same stack in the REPL, with parameters per layer. Add another conv + relu + pool before fc and watch the volumes.', 'REPL 里的同一个网络，逐层列出参数。在 fc 前再加一组 conv + relu + pool，看数据体怎么变。'),
    },
  ],
};
