/**
 * cnn/fc — the fully connected layer at the end of a ConvNet: a matrix
 * multiply plus a bias (the engine's linear), how many parameters it costs
 * (7×7×512 → 4096), and why it is the same thing as a conv whose filter covers
 * the whole input.
 */
import { conv2d, F, randUniform, Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow, poolOutputShapeOrThrow } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import { findNet } from '../../repl/nets/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { drawFc } from './pool-fc-draw.js';
import { fmtDecimals, fmtInt } from '../../i18n/numbers.js';

/** A small volume [C, H, W] and an FC layer on it, with numbers easy to follow. */
function smallLayer(seed: number) {
  const C = 3;
  const H = 2;
  const W = 2;
  const N = 4;
  const inF = C * H * W;
  const round = (t: Tensor, scale: number) => new Tensor(t.shape, Array.from(t.data, (v) => Math.round(v * scale) / scale));
  const x = round(randUniform([C, H, W], seed, -2.5, 2.5), 1);
  const weight = round(randUniform([N, inF], seed + 1, -1, 1), 10);
  const bias = round(randUniform([N], seed + 2, -1, 1), 10);
  return { C, H, W, N, inF, x, weight, bias };
}

/** A share at one decimal, always (96.0%, not 96% beside 95.8%). */
const pct = (part: number, whole: number): string => `${(part / whole).toFixed(1)}%`;

const sgn = (v: number): string => (v < 0 ? `(${fmtDecimals(v)})` : fmtDecimals(v));

function linearDemo(seed: number): Block[] {
  const { inF, N, x, weight, bias } = smallLayer(seed);
  const flat = F.reshape(x, [inF]);
  const y = F.linear(flat, weight, bias);
  const terms = Array.from(flat.data, (v, i) => `${sgn(v)}·${sgn(weight.get(0, i))}`);
  const dot = Array.from(flat.data).reduce((s, v, i) => s + v * weight.get(0, i), 0);
  return [
    { kind: 'matrix', label: 'x', tensor: x },
    { kind: 'matrix', label: msg(`x flattened: ${inF} numbers`, `展平后的 x：${inF} 个数`), tensor: flat },
    { kind: 'matrix', label: msg(`weight, stored as PyTorch does: [out, in] = [${N}, ${inF}]`, `权重，按 PyTorch 的方式存为 [out, in] = [${N}, ${inF}]`), tensor: weight, precision: 1 },
    { kind: 'matrix', label: msg('bias b', '偏置 b'), tensor: bias, precision: 1 },
    { kind: 'matrix', label: msg('y = linear(x) = x·Wᵀ + b', 'y = linear(x) = x·Wᵀ + b'), tensor: y, precision: 2 },
    {
      kind: 'text',
      text: msg(
        `The first output by hand: y₀ = ${terms.join(' + ')} + ${sgn(bias.data[0])} = ${fmtDecimals(dot, 2)} + ${sgn(bias.data[0])} = ${fmtDecimals(dot + bias.data[0], 2)}. ` +
          `The engine says ${fmtDecimals(y.data[0], 2)}. Every output is such a sum over all ${inF} inputs: ${fmtInt(inF * N)} weights and ${N} biases in total.`,
        `手算第一个输出：y₀ = ${terms.join(' + ')} + ${sgn(bias.data[0])} = ${fmtDecimals(dot, 2)} + ${sgn(bias.data[0])} = ${fmtDecimals(dot + bias.data[0], 2)}。` +
          `引擎算出 ${fmtDecimals(y.data[0], 2)}。每个输出都是对全部 ${inF} 个输入这样求和：一共 ${fmtInt(inF * N)} 个权重和 ${N} 个偏置。`,
      ),
    },
  ];
}

function convDemo(seed: number): Block[] {
  const { C, H, W, N, inF, x, weight, bias } = smallLayer(seed);
  const y = F.linear(F.reshape(x, [inF]), weight, bias);
  // The same weights viewed as N filters of size C×H×W (PyTorch's flatten order is C, H, W).
  const filters = weight.reshape([N, C, H, W]);
  const yc = conv2d(x, filters, bias);
  const diff = Math.max(...Array.from(y.data, (v, i) => Math.abs(v - yc.data[i])));
  const e = convOutputShapeOrThrow({ inC: C, inH: H, inW: W, outChannels: N, kernel: H });
  return [
    { kind: 'matrix', label: msg(`fc: linear(x) → ${N} numbers`, `全连接：linear(x) → ${N} 个数`), tensor: y, precision: 4 },
    { kind: 'matrix', label: msg(`conv: ${N} filters of ${W}×${H}×${C}, S=1, P=0`, `卷积：${N} 个 ${W}×${H}×${C} 的滤波器，S=1，P=0`), tensor: yc, precision: 4 },
    {
      kind: 'facts',
      rows: [
        { label: msg('fc parameters', '全连接参数'), value: fmtInt(weight.size + bias.size) },
        { label: msg('conv parameters', '卷积参数'), value: `${e.params.worked}` },
        { label: msg('largest difference', '最大差值'), value: diff === 0 ? '0' : diff.toExponential(1) },
      ],
    },
    {
      kind: 'text',
      text: msg(
        `Same weights, same numbers${diff === 0 ? '' : ' (up to float32 rounding: the two ops add the products in a different order)'}: the conv filter is exactly as big as its input, so it fits in one place only and reads every number, which is what an FC neuron does.`,
        `同样的权重，同样的结果${diff === 0 ? '' : '（只差 float32 的舍入误差：两个运算把乘积相加的顺序不同）'}：卷积的滤波器和输入一样大，只放得下一个位置，而且读取每一个数，这正是全连接神经元做的事。`,
      ),
    },
  ];
}

// ---------------------------------------------------------------------------
// Numbers for the prose, from the engine's rules and the REPL's VGG16 table.

function vggFacts() {
  const built = findNet('vgg16')!.build();
  const fcs = built.layers.filter((l) => l.type === 'fc');
  const fc6 = fcs[0];
  const fcTotal = fcs.reduce((s, l) => s + l.params, 0);
  return { total: built.params, fc6: fc6.params, fcTotal, fcCount: fcs.length };
}

const FCQ = { W: 7, H: 7, D: 512, N: 4096 };
const fcqParams = FCQ.W * FCQ.H * FCQ.D * FCQ.N + FCQ.N;
// The parameter question: VGG16's last FC layer, read from the REPL's table.
const LAST = (() => {
  const fcs = findNet('vgg16')!.build().layers.filter((x) => x.type === 'fc');
  const width = (l: (typeof fcs)[number]) => ('depth' in l.output ? l.output.depth : l.output.features);
  return { inF: width(fcs[fcs.length - 2]), out: width(fcs[fcs.length - 1]), params: fcs[fcs.length - 1].params };
})();
const fcqConv = convOutputShapeOrThrow({ inC: FCQ.D, inH: FCQ.H, inW: FCQ.W, outChannels: FCQ.N, kernel: FCQ.W });

export const fc: Lesson = {
  id: 'cnn/fc',
  topic: 'cnn',
  section: 'CNN › 全连接层',
  title: msg('Fully connected layers', '全连接层'),
  summary: msg('The classic layer at the end of a ConvNet: a matrix multiply plus a bias, its huge parameter count, and FC as a conv', 'ConvNet 末端的经典层：矩阵乘法加偏置、巨大的参数量，以及把全连接看成卷积'),
  steps: [
    {
      kind: 'text',
      key: 'ordinary',
      title: msg('Just like an ordinary network', '和普通神经网络一样'),
      body: msg(
        'After the conv and pool layers have found features, a ConvNet usually ends with one or more fully connected (FC) layers. They are exactly the layers of an ordinary neural network: each neuron is connected to every activation of the previous layer.\n\n' +
          'So the volume is first flattened into one long vector x. The activations are then a matrix multiplication followed by a bias offset, y = x·W + b, usually followed by a ReLU. ' +
          'The last FC layer gives the class scores: on CIFAR-10, 10 numbers, a 1×1×10 volume.',
        '卷积层和池化层找出特征之后，ConvNet 通常以一个或几个全连接（FC）层结束。它们和普通神经网络里的层完全一样：每个神经元都与上一层的所有激活值相连。\n\n' +
          '所以先把数据体展平成一个长向量 x。然后激活值就是一次矩阵乘法再加上偏置：y = x·W + b，之后通常再接一个 ReLU。' +
          '最后一个全连接层给出各类别的分数：在 CIFAR-10 上是 10 个数，也就是 1×1×10 的数据体。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Everything connected to everything', '每个输入连到每个输出'),
      draw: drawFc,
      caption: msg(
        'The weights form a matrix with one row per input and one column per output. Nothing is shared: every connection has its own weight.',
        '权重组成一个矩阵：每个输入一行，每个输出一列。没有任何共享：每条连接都有自己的权重。',
      ),
    },
    {
      kind: 'demo',
      title: msg('An FC layer on real numbers', '用真实的数跑一个全连接层'),
      intro: msg(
        "A 2×2×3 volume goes through an FC layer with 4 outputs, computed by the engine's linear (PyTorch's nn.Linear). Press r for other numbers.",
        '一个 2×2×3 的数据体经过一个有 4 个输出的全连接层，由引擎的 linear（即 PyTorch 的 nn.Linear）计算。按 r 换一组数。',
      ),
      run: (env) => linearDemo(env.seed),
    },
    {
      kind: 'formula',
      key: 'count',
      title: msg('Counting the parameters', '数一数参数'),
      intro: msg(
        'A W×H×D volume flattened gives W·H·D inputs. Each of the N outputs has one weight per input plus one bias. The defaults are the first FC layer of VGG16. Change them.',
        '一个 W×H×D 的数据体展平后有 W·H·D 个输入。N 个输出中的每一个都有每个输入一个权重，再加一个偏置。默认值是 VGG16 的第一个全连接层。改改看。',
      ),
      formula: {
        symbolic: 'params = W·H·D·N + N',
        substituted: 'params = {W}·{H}·{D}·{N} + {N}',
        expr: 'W * H * D * N + N',
        vars: [
          { name: 'W', value: FCQ.W, label: msg('input width', '输入宽度'), min: 1, max: 4096, integer: true },
          { name: 'H', value: FCQ.H, label: msg('input height', '输入高度'), min: 1, max: 4096, integer: true },
          { name: 'D', value: FCQ.D, label: msg('input depth', '输入深度'), min: 1, max: 65536, integer: true },
          { name: 'N', value: FCQ.N, label: msg('outputs', '输出个数'), min: 1, max: 65536, integer: true },
        ],
        result: { name: 'params', label: msg('parameters', '参数个数') },
        note: (v, r) => {
          const mb = (r * 4) / 1e6;
          return msg(`As float32 that is ${fmtDecimals(mb, 1)} MB for this one layer.`, `按 float32 存储，仅这一层就要 ${fmtDecimals(mb, 1)} MB。`);
        },
      },
    },
    {
      kind: 'text',
      key: 'where-params',
      title: msg('Where the parameters are', '参数都在哪儿'),
      body: () => {
        const v = vggFacts();
        return msg(
          `Take VGG16. Its last pool leaves a ${FCQ.W}×${FCQ.H}×${FCQ.D} volume, and the first FC layer maps it to ${fmtInt(FCQ.N)} numbers: ${fmtInt(FCQ.W * FCQ.H * FCQ.D)}·${fmtInt(FCQ.N)} + ${fmtInt(FCQ.N)} = ${fmtInt(v.fc6)} parameters. ` +
            `The whole network has ${fmtInt(v.total)}, so this one layer holds ${pct(100 * v.fc6, v.total)} of them, and its ${v.fcCount} FC layers together ${pct(100 * v.fcTotal, v.total)}.\n\n` +
            'The conv layers, with their small shared filters, are cheap by comparison. That is why later networks such as GoogLeNet and ResNet replace the big FC layers with an average pool and keep only a small final classifier.',
          `以 VGG16 为例。它最后一个池化层输出 ${FCQ.W}×${FCQ.H}×${FCQ.D} 的数据体，第一个全连接层把它映射成 ${fmtInt(FCQ.N)} 个数：${fmtInt(FCQ.W * FCQ.H * FCQ.D)}·${fmtInt(FCQ.N)} + ${fmtInt(FCQ.N)} = ${fmtInt(v.fc6)} 个参数。` +
            `整个网络有 ${fmtInt(v.total)} 个参数，所以仅这一层就占了 ${pct(100 * v.fc6, v.total)}，${v.fcCount} 个全连接层加起来占 ${pct(100 * v.fcTotal, v.total)}。\n\n` +
            '相比之下，卷积层的滤波器小而且共享，便宜得多。所以后来的 GoogLeNet、ResNet 等网络用平均池化代替了大的全连接层，只保留一个小小的最终分类器。',
        );
      },
    },
    {
      kind: 'check',
      title: msg('Count them', '数一数'),
      check: {
        question: msg(
          `VGG16's last layer is fully connected, ${fmtInt(LAST.inF)} → ${fmtInt(LAST.out)}. How many parameters does it have?`,
          `VGG16 的最后一层是全连接层，${fmtInt(LAST.inF)} → ${fmtInt(LAST.out)}。它有多少个参数？`,
        ),
        options: [
          msg(fmtInt(LAST.params), fmtInt(LAST.params)),
          msg(fmtInt(LAST.inF * LAST.out), fmtInt(LAST.inF * LAST.out)),
          msg(fmtInt(LAST.inF + LAST.out), fmtInt(LAST.inF + LAST.out)),
          msg(fmtInt(LAST.out), fmtInt(LAST.out)),
        ],
        answer: 0,
        explain: msg(
          `${fmtInt(LAST.inF)}·${fmtInt(LAST.out)} weights (every input to every output) + ${fmtInt(LAST.out)} biases = ${fmtInt(LAST.params)}, the number \`net vgg16\` shows for fc8.`,
          `${fmtInt(LAST.inF)}·${fmtInt(LAST.out)} 个权重（每个输入连到每个输出）+ ${fmtInt(LAST.out)} 个偏置 = ${fmtInt(LAST.params)}，正是 \`net vgg16\` 给 fc8 显示的数。`,
        ),
        wrong: {
          1: msg('Those are the weights only; each output neuron also has a bias.', '这只是权重；每个输出神经元还有一个偏置。'),
          2: msg('Inputs and outputs are multiplied, not added: every input connects to every output.', '输入数和输出数要相乘，而不是相加：每个输入都连到每个输出。'),
          3: msg('That is the number of neurons (and of biases), not of parameters.', '这是神经元（也是偏置）的个数，不是参数个数。'),
        },
      },
    },
    {
      kind: 'text',
      key: 'conv-in-disguise',
      title: msg('An FC layer is a conv in disguise', '全连接层其实就是卷积层'),
      body: () => {
        let side = 384;
        for (let i = 0; i < 5; i++) side = poolOutputShapeOrThrow({ inC: 512, inH: side, inW: side, kernel: 2, stride: 2 }).outShape[2];
        const big = convOutputShapeOrThrow({ inC: FCQ.D, inH: side, inW: side, outChannels: FCQ.N, kernel: FCQ.W });
        const n = big.outShape[2];
        return msg(
          `The only difference between FC and conv layers is that conv neurons look at a small region and share their weights. So any FC layer can be written as a conv: ` +
            `give the filter the size of the whole input. For ${FCQ.W}×${FCQ.H}×${FCQ.D} → ${fmtInt(FCQ.N)} that is a conv with F=${FCQ.W}, P=0, S=1, K=${FCQ.N}: output ${fcqConv.outputText}, parameters ${fcqConv.params.worked}, the same as the FC layer. ` +
            `The next FC layer, ${fmtInt(FCQ.N)} → ${fmtInt(FCQ.N)}, becomes a conv with F=1.\n\n` +
            `Why bother? The converted network can slide over a larger image in one pass. On a 384×384 image, VGG16's five 2×2 pools leave ${side}×${side}×${FCQ.D}; the F=${FCQ.W} "FC" conv then gives ${big.outputText}, ` +
            `class scores at ${n}·${n} = ${n * n} positions, far cheaper than running the network on ${n * n} separate crops.`,
          `全连接层和卷积层唯一的区别是：卷积层的神经元只看一小块区域，并且共享权重。所以任何全连接层都可以写成卷积层：` +
            `让滤波器和整个输入一样大。对 ${FCQ.W}×${FCQ.H}×${FCQ.D} → ${fmtInt(FCQ.N)}，就是 F=${FCQ.W}、P=0、S=1、K=${FCQ.N} 的卷积：输出 ${fcqConv.outputText}，参数 ${fcqConv.params.worked}，和全连接层完全一样。` +
            `下一个全连接层 ${fmtInt(FCQ.N)} → ${fmtInt(FCQ.N)} 则变成 F=1 的卷积。\n\n` +
            `这样做有什么好处？转换后的网络可以一次滑过更大的图像。在 384×384 的图像上，VGG16 的五个 2×2 池化层之后剩下 ${side}×${side}×${FCQ.D}；F=${FCQ.W} 的“全连接”卷积输出 ${big.outputText}，` +
            `也就是 ${n}·${n} = ${n * n} 个位置上的类别分数，比把网络分别在 ${n * n} 个裁剪块上跑一遍便宜得多。`,
        );
      },
    },
    {
      kind: 'demo',
      title: msg('FC and conv give the same numbers', '全连接和卷积算出一样的数'),
      intro: msg(
        'The weights of the FC layer above, reshaped into 4 filters of 2×2×3, run by the engine’s conv2d on the same volume.',
        '把上面全连接层的权重变形成 4 个 2×2×3 的滤波器，用引擎的 conv2d 在同一个数据体上运行。',
      ),
      run: (env) => convDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('Which conv?', '哪个卷积？'),
      check: {
        question: msg(
          `An FC layer maps a ${FCQ.W}×${FCQ.H}×${FCQ.D} volume to ${fmtInt(FCQ.N)} numbers. Which conv layer computes the same thing?`,
          `一个全连接层把 ${FCQ.W}×${FCQ.H}×${FCQ.D} 的数据体映射为 ${fmtInt(FCQ.N)} 个数。哪个卷积层做的是同一件事？`,
        ),
        options: [
          msg(`F=${FCQ.W}, S=1, P=0, K=${FCQ.N}`, `F=${FCQ.W}，S=1，P=0，K=${FCQ.N}`),
          msg(`F=1, S=1, P=0, K=${FCQ.N}`, `F=1，S=1，P=0，K=${FCQ.N}`),
          msg(`F=${FCQ.W}, S=1, P=0, K=${FCQ.D}`, `F=${FCQ.W}，S=1，P=0，K=${FCQ.D}`),
          msg(`F=3, S=1, P=1, K=${FCQ.N}`, `F=3，S=1，P=1，K=${FCQ.N}`),
        ],
        answer: 0,
        explain: msg(
          `A ${FCQ.W}×${FCQ.W} filter covers the whole ${FCQ.W}×${FCQ.H} input, so there is one position: output ${fcqConv.outputText}, with ${fcqConv.params.worked} parameters, exactly the FC layer's ${fmtInt(fcqParams)}.`,
          `${FCQ.W}×${FCQ.W} 的滤波器覆盖整个 ${FCQ.W}×${FCQ.H} 的输入，只有一个位置：输出 ${fcqConv.outputText}，参数 ${fcqConv.params.worked}，正好等于全连接层的 ${fmtInt(fcqParams)}。`,
        ),
        wrong: {
          1: msg(`F=1 sees one pixel at a time and gives ${FCQ.W}×${FCQ.H}×${FCQ.N}; it is the right choice only when the input is already 1×1.`, `F=1 每次只看一个像素，输出 ${FCQ.W}×${FCQ.H}×${FCQ.N}；只有输入已经是 1×1 时它才对。`),
          2: msg(`K is the number of outputs, ${fmtInt(FCQ.N)}, not the input depth.`, `K 是输出个数 ${fmtInt(FCQ.N)}，不是输入深度。`),
          3: msg('A 3×3 filter sees only a small region and keeps the 7×7 size; an FC neuron sees everything.', '3×3 的滤波器只看一小块区域，输出仍是 7×7；全连接神经元要看到全部输入。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'fc 7x7x512 -> 4096',
      note: msg(
        'The REPL flattens the volume and counts the weights, biases and memory. Compare with `conv 7x7x512 F=7 K=4096`.',
        'REPL 会把数据体展平，并算出权重、偏置和内存。再和 `conv 7x7x512 F=7 K=4096` 比一比。',
      ),
    },
  ],
};
