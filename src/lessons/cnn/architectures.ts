/**
 * cnn/architectures — the famous ConvNets (LeNet, AlexNet, ZF Net, GoogLeNet,
 * VGGNet, ResNet): what each one brought, with parameter totals computed at
 * run time from the REPL's network tables (src/repl/nets), so the lesson and
 * `net NAME` always agree.
 */
import { convOutputShapeOrThrow, receptiveFieldAfter } from '../../teach/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import { ALEXNET_PAPER_PARAMS, netFacts } from '../../repl/nets/facts.js';
import { findNet } from '../../repl/nets/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { drawTimeline, type TimelineItem } from './pool-fc-draw.js';
import { fmtDecimals, fmtInt } from '../../i18n/numbers.js';

export { netFacts, type NetFacts } from '../../repl/nets/facts.js';

/** Millions at 3 significant digits (0.0617M, 6.62M, 61.1M, 138M): one rule for the whole timeline. */
/** A share at one decimal, always (96.0%, not 96% beside 95.8%). */
const pct = (part: number, whole: number): string => `${(part / whole).toFixed(1)}%`;

const millions = (n: number): string => `${Number((n / 1e6).toPrecision(3))}M`;

interface NetEntry {
  id: string;
  year: number;
  idea: Msg;
}

const ENTRIES: readonly NetEntry[] = [
  { id: 'lenet5', year: 1998, idea: msg('first working ConvNets: digits, zip codes', '第一批成功的 ConvNet：手写数字、邮编') },
  { id: 'alexnet', year: 2012, idea: msg('deeper and bigger, convs stacked, GPUs; won ImageNet', '更深更大，卷积层直接堆叠，用 GPU；赢得 ImageNet') },
  { id: 'zfnet', year: 2013, idea: msg('tuned AlexNet: smaller first filter and stride', '调优的 AlexNet：更小的首层滤波器和步长') },
  { id: 'googlenet', year: 2014, idea: msg('Inception modules: far fewer parameters', 'Inception 模块：参数大大减少') },
  { id: 'vgg16', year: 2014, idea: msg('depth matters: only 3×3 convs and 2×2 pools', '深度很关键：只用 3×3 卷积和 2×2 池化') },
  { id: 'resnet50', year: 2015, idea: msg('skip connections F(x) + x: up to 152 layers', '跳跃连接 F(x) + x：最多 152 层') },
];

function timeline(o: Parameters<typeof drawTimeline>[1]): string[] {
  const items: TimelineItem[] = ENTRIES.map((e) => {
    const f = netFacts(e.id);
    return { year: e.year, name: f.title, idea: e.idea, params: millions(f.params) };
  });
  return drawTimeline(items, o);
}

// ---------------------------------------------------------------------------
// Worked numbers for the prose, all from the engine's shape rules.

/** GoogLeNet's trick: a 1×1 conv shrinks the depth before the expensive 5×5. */
function inceptionSaving() {
  const D = 192;
  const direct = convOutputShapeOrThrow({ inC: D, inH: 28, inW: 28, outChannels: 32, kernel: 5, padding: 2 }).params.total;
  const reduce = convOutputShapeOrThrow({ inC: D, inH: 28, inW: 28, outChannels: 16, kernel: 1 }).params.total;
  const after = convOutputShapeOrThrow({ inC: 16, inH: 28, inW: 28, outChannels: 32, kernel: 5, padding: 2 }).params.total;
  return { D, direct, reduce, after, ratio: direct / (reduce + after) };
}

/** VGG's trick: three 3×3 convs see as far as one 7×7 with fewer weights. */
function vggStack() {
  const C = 512;
  const rf = receptiveFieldAfter([
    { kind: 'conv', kernel: 3, stride: 1 },
    { kind: 'conv', kernel: 3, stride: 1 },
    { kind: 'conv', kernel: 3, stride: 1 },
  ]).receptiveField[0];
  const one3 = convOutputShapeOrThrow({ inC: C, inH: 14, inW: 14, outChannels: C, kernel: 3, padding: 1 }).params.total;
  const one7 = convOutputShapeOrThrow({ inC: C, inH: 14, inW: 14, outChannels: C, kernel: 7, padding: 3 }).params.total;
  return { C, rf, three: 3 * one3, one7 };
}

function tableDemo(): Block[] {
  const rows = ENTRIES.map((e) => {
    const f = netFacts(e.id);
    return [f.title, String(e.year), fmtInt(f.params), `${pct(100 * f.fcParams, f.params)}`];
  });
  const r18 = netFacts('resnet18');
  rows.push([r18.title, '2015', fmtInt(r18.params), `${pct(100 * r18.fcParams, r18.params)}`]);
  const all = [...ENTRIES.map((e) => netFacts(e.id)), r18];
  const max = Math.max(...all.map((f) => f.params / 1e6));
  return [
    {
      kind: 'table',
      head: [msg('network', '网络'), msg('year', '年份'), msg('parameters', '参数'), msg('in FC layers', '在全连接层')],
      rows,
      align: ['left', 'left', 'right', 'right'],
    },
    {
      kind: 'bars',
      label: msg('parameters, millions', '参数量（百万）'),
      items: all.map((f) => ({ label: f.title, value: f.params / 1e6 })),
      min: 0,
      max,
      precision: 2,
    },
    {
      kind: 'text',
      text: (() => {
        const vgg = netFacts('vgg16');
        const alex = netFacts('alexnet');
        const g = netFacts('googlenet');
        return msg(
          `The FC layers are where the bulk is: ${pct(100 * vgg.fcParams, vgg.params)} of VGG16 and ${pct(100 * alex.fcParams, alex.params)} of AlexNet. ` +
            `GoogLeNet and ResNet end with an average pool and one small classifier; AlexNet has ${fmtDecimals(alex.params / g.params, 1)} times as many parameters as GoogLeNet.`,
          `大部分参数都在全连接层：VGG16 的 ${pct(100 * vgg.fcParams, vgg.params)}，AlexNet 的 ${pct(100 * alex.fcParams, alex.params)}。` +
            `GoogLeNet 和 ResNet 以平均池化加一个小分类器结尾；AlexNet 的参数量是 GoogLeNet 的 ${fmtDecimals(alex.params / g.params, 1)} 倍。`,
        );
      })(),
    },
  ];
}

// For the check questions (static text), built once when the lesson loads.
const VGG = netFacts('vgg16');
const VGG_FC6 = (() => {
  const l = findNet('vgg16')!.build().layers.find((x) => x.type === 'fc')!;
  return { what: typeof l.what === 'string' ? l.what : l.what.en, params: l.params };
})();
const VGG_CONV1 = convOutputShapeOrThrow({ inC: 3, inH: 224, inW: 224, outChannels: 64, kernel: 3, padding: 1 }).params.worked;

export const architectures: Lesson = {
  id: 'cnn/architectures',
  topic: 'cnn',
  section: 'CNN › 有名结构体',
  title: msg('Famous ConvNets', '有名的 ConvNet 结构'),
  summary: msg('LeNet, AlexNet, ZF Net, GoogLeNet, VGGNet and ResNet: what each one brought, and their sizes', 'LeNet、AlexNet、ZF Net、GoogLeNet、VGGNet 与 ResNet：各自带来了什么，以及它们的规模'),
  steps: [
    {
      kind: 'text',
      title: msg('A short history in six networks', '六个网络讲完一段历史'),
      body: msg(
        'A few ConvNets have names everyone knows. Four of the six below won the ImageNet challenge (ILSVRC: about 1.2 million training images in 1000 classes), and each is remembered for one idea that later networks kept.\n\n' +
          'All the parameter counts in this lesson are computed from the same layer tables the REPL uses for `net NAME`, from the engine’s shape rules.',
        '有几个 ConvNet 的名字几乎无人不知。下面六个里有四个赢得过 ImageNet 挑战赛（ILSVRC：约 120 万张训练图像，1000 个类别），而且每个都留下了一个被后来的网络沿用的想法。\n\n' +
          '这一课里所有的参数量，都是用 REPL 中 `net NAME` 所用的同一套层表、按引擎的形状规则算出来的。',
      ),
    },
    {
      kind: 'diagram',
      key: 'timeline',
      title: msg('The timeline', '时间线'),
      draw: timeline,
      caption: msg(
        "Parameters in millions (M, 3 significant digits), counted for the variants `net NAME` builds: LeNet-5 in its modern form, ZF Net as drawn in its paper, the others as torchvision builds them. " +
          "AlexNet's 61.1M is torchvision's one-GPU variant; the 2012 paper's two-GPU model has about 60M (see the AlexNet step).",
        '参数量以百万（M）为单位，保留 3 位有效数字，按 `net NAME` 构建的版本计算：LeNet-5 用现代版，ZF Net 按论文中的结构图，其余按 torchvision 的实现。' +
          'AlexNet 的 61.1M 是 torchvision 的单 GPU 版本；2012 年论文中的双 GPU 模型约 60M（见 AlexNet 那一步）。',
      ),
    },
    {
      kind: 'text',
      key: 'lenet',
      title: msg('LeNet (1998)', 'LeNet（1998）'),
      body: () => {
        const f = netFacts('lenet5');
        return msg(
          `Yann LeCun and colleagues built the first successful applications of ConvNets in the 1990s. The best known, LeNet-5 (1998), read handwritten digits such as zip codes and bank cheques.\n\n` +
            `It already has the whole recipe: conv, pool, conv, pool, then fully connected layers. On a 32×32 grey image it needs only ${fmtInt(f.params)} parameters.`,
          `Yann LeCun 等人在 20 世纪 90 年代做出了第一批成功的 ConvNet 应用。其中最有名的是 LeNet-5（1998），用来识别邮编、银行支票上的手写数字。\n\n` +
            `它已经具备了完整的套路：卷积、池化、卷积、池化，然后是全连接层。在 32×32 的灰度图像上，它只需要 ${fmtInt(f.params)} 个参数。`,
        );
      },
    },
    {
      kind: 'text',
      key: 'alexnet',
      title: msg('AlexNet (2012)', 'AlexNet（2012）'),
      body: () => {
        const a = netFacts('alexnet');
        const l = netFacts('lenet5');
        const c1 = convOutputShapeOrThrow({ inC: 3, inH: 227, inW: 227, outChannels: 96, kernel: 11, stride: 4 });
        return msg(
          `Alex Krizhevsky, Ilya Sutskever and Geoffrey Hinton made ConvNets popular in computer vision. AlexNet won ILSVRC 2012 by a wide margin: a top-5 error of 15.3%, against 26.2% for the runner-up.\n\n` +
            `Its design is close to LeNet but much deeper and bigger, and it stacks conv layers directly on top of each other (before, each conv was usually followed at once by a pool). ` +
            `It also used ReLU, dropout, overlapping pooling and two GPUs.\n\n` +
            `Which AlexNet? The paper's model (a 227×227×3 input — the paper writes 224×224×3, but only 227 gives its 55×55 first layer, as CS231n points out — 96 filters in the first layer, some layers split between the two GPUs) has about 60 million parameters, as the paper says (${fmtInt(ALEXNET_PAPER_PARAMS)} counted from its layer sizes). Its first layer, 96 filters of 11×11×3 with stride 4, turns 227×227×3 into ${c1.outputText}: ${c1.width!.worked}. ` +
            `The REPL builds torchvision's variant, a one-GPU version from Krizhevsky's 2014 follow-up paper with 64 first-layer filters: ${fmtInt(a.params)} parameters, ${fmtDecimals(a.params / l.params, 0)} times LeNet-5.`,
          `Alex Krizhevsky、Ilya Sutskever 和 Geoffrey Hinton 让 ConvNet 在计算机视觉中流行起来。AlexNet 以巨大的优势赢得了 ILSVRC 2012：top-5 错误率 15.3%，第二名是 26.2%。\n\n` +
            `它的结构和 LeNet 相近，但更深、更大，并且把卷积层直接一层层堆叠起来（在此之前，通常每个卷积层后面都紧跟一个池化层）。` +
            `它还用了 ReLU、dropout、重叠池化和两块 GPU。\n\n` +
            `说的是哪个 AlexNet？论文中的模型（输入 227×227×3——论文里写的是 224×224×3，但只有 227 才能得到它第一层的 55×55，CS231n 也指出了这一点；第一层 96 个滤波器，部分层分在两块 GPU 上）约有 6000 万个参数，这是论文给出的数字（按论文中的各层尺寸算是 ${fmtInt(ALEXNET_PAPER_PARAMS)} 个）。它的第一层用 96 个步长为 4 的 11×11×3 滤波器，把 227×227×3 变成 ${c1.outputText}：${c1.width!.worked}。` +
            `REPL 构建的是 torchvision 的版本，即 Krizhevsky 2014 年后续论文中的单 GPU 版本，第一层有 64 个滤波器：${fmtInt(a.params)} 个参数，是 LeNet-5 的 ${fmtDecimals(a.params / l.params, 0)} 倍。`,
        );
      },
    },
    {
      kind: 'text',
      key: 'zfnet',
      title: msg('ZF Net (2013)', 'ZF Net（2013）'),
      body: () => {
        const z = netFacts('zfnet');
        const first = convOutputShapeOrThrow({ inC: 3, inH: 224, inW: 224, outChannels: 96, kernel: 7, stride: 2, padding: 1 });
        return msg(
          `Matthew Zeiler and Rob Fergus won ILSVRC 2013 with an improved AlexNet. They did not change the idea, they tuned the hyperparameters: the middle conv layers got bigger, and the first layer got a smaller filter and stride ` +
            `(7×7 with S=2 instead of 11×11 with S=4, so 224×224×3 becomes ${first.outputText}). Their paper is also famous for visualizing what each layer has learned.\n\n` +
            `The REPL's version has ${fmtInt(z.params)} parameters.`,
          `Matthew Zeiler 和 Rob Fergus 用改进后的 AlexNet 赢得了 ILSVRC 2013。他们没有改变思路，而是调整了超参数：中间的卷积层变大了，第一层的滤波器和步长变小了` +
            `（用 7×7、S=2 代替 11×11、S=4，于是 224×224×3 变成 ${first.outputText}）。他们的论文还因为把每一层学到的东西可视化而出名。\n\n` +
            `REPL 中的版本有 ${fmtInt(z.params)} 个参数。`,
        );
      },
    },
    {
      kind: 'text',
      key: 'googlenet',
      title: msg('GoogLeNet (2014)', 'GoogLeNet（2014）'),
      body: () => {
        const g = netFacts('googlenet');
        const a = netFacts('alexnet');
        const s = inceptionSaving();
        return msg(
          `Christian Szegedy and colleagues at Google won ILSVRC 2014. Their main contribution is the Inception module: several filter sizes side by side, with cheap 1×1 convs that shrink the depth first. ` +
            `A 5×5 conv from ${s.D} to 32 channels costs ${fmtInt(s.direct)} parameters; a 1×1 down to 16 first, then the 5×5, costs ${fmtInt(s.reduce)} + ${fmtInt(s.after)} = ${fmtInt(s.reduce + s.after)}: the direct conv needs ${fmtDecimals(s.ratio, 1)} times as many.\n\n` +
            `It also ends with an average pool instead of big FC layers. The paper says it uses 12 times fewer parameters than AlexNet. torchvision's GoogLeNet, which adds BatchNorm after every conv (BatchNorm came a few months later, from Ioffe and Szegedy, 2015), has ${fmtInt(g.params)}: the REPL's AlexNet has ${fmtDecimals(a.params / g.params, 1)} times as many. Later versions followed, up to Inception-v4.`,
          `Google 的 Christian Szegedy 等人赢得了 ILSVRC 2014。他们的主要贡献是 Inception 模块：几种大小的滤波器并排放置，并先用便宜的 1×1 卷积压缩深度。` +
            `从 ${s.D} 个通道到 32 个通道的 5×5 卷积需要 ${fmtInt(s.direct)} 个参数；先用 1×1 压到 16 个通道再做 5×5，只需要 ${fmtInt(s.reduce)} + ${fmtInt(s.after)} = ${fmtInt(s.reduce + s.after)} 个，直接卷积的参数量是它的 ${fmtDecimals(s.ratio, 1)} 倍。\n\n` +
            `它还用平均池化代替了末端的大型全连接层。论文称其参数量只有 AlexNet 的 1/12。torchvision 的 GoogLeNet 在每个卷积后都加了 BatchNorm（BatchNorm 由 Ioffe 和 Szegedy 于 2015 年提出，比 GoogLeNet 晚几个月），共有 ${fmtInt(g.params)} 个参数：REPL 中 AlexNet 的参数量是它的 ${fmtDecimals(a.params / g.params, 1)} 倍。之后还有多个后续版本，一直到 Inception-v4。`,
        );
      },
    },
    {
      kind: 'text',
      key: 'vgg',
      title: msg('VGGNet (2014)', 'VGGNet（2014）'),
      body: () => {
        const v = netFacts('vgg16');
        const s = vggStack();
        return msg(
          `Karen Simonyan and Andrew Zisserman came second in ILSVRC 2014 and showed that depth is a key ingredient. Their best network has 16 conv and FC layers and a very regular design: only 3×3 convs (S=1, P=1) and 2×2 max pools (S=2), from start to end. The first layer, 64 filters of 3×3×3, has only ${VGG_CONV1} parameters.\n\n` +
            `Why only 3×3? Three of them in a row see a ${s.rf}×${s.rf} region, like one 7×7 conv, but with ${fmtInt(s.three)} instead of ${fmtInt(s.one7)} parameters at depth ${s.C}, and with three ReLUs instead of one.\n\n` +
            `The price: VGG16 is expensive to run and has ${fmtInt(v.params)} parameters, ${pct(100 * v.fcParams, v.params)} of them in the FC layers. Its trained weights were published and are still widely used.`,
          `Karen Simonyan 和 Andrew Zisserman 在 ILSVRC 2014 中获得第二名，他们证明了深度是一个关键因素。他们最好的网络有 16 个卷积层和全连接层，结构非常规整：从头到尾只用 3×3 卷积（S=1，P=1）和 2×2 最大池化（S=2）。第一层是 64 个 3×3×3 的滤波器，只有 ${VGG_CONV1} 个参数。\n\n` +
            `为什么只用 3×3？连着三个 3×3 卷积能看到 ${s.rf}×${s.rf} 的区域，和一个 7×7 卷积一样，但在深度 ${s.C} 时只需要 ${fmtInt(s.three)} 个参数，而不是 ${fmtInt(s.one7)} 个，而且有三个 ReLU 而不是一个。\n\n` +
            `代价是：VGG16 计算量很大，有 ${fmtInt(v.params)} 个参数，其中 ${pct(100 * v.fcParams, v.params)} 在全连接层。它训练好的权重已经公开，至今仍被广泛使用。`,
        );
      },
    },
    {
      kind: 'text',
      key: 'resnet',
      title: msg('ResNet (2015)', 'ResNet（2015）'),
      body: () => {
        const r18 = netFacts('resnet18');
        const r50 = netFacts('resnet50');
        return msg(
          `Kaiming He and colleagues won ILSVRC 2015 with a 152-layer Residual Network (top-5 error 3.57%). The new idea is the skip connection: a block computes F(x) and outputs F(x) + x, so the signal and its gradient can pass straight through many layers. ` +
            `Without it, adding more layers to an already deep plain network made even its training error worse (the paper calls this degradation). ` +
            `Deep feed-forward stacks also have an older problem: the gradient that reaches the first layers is a product of one factor per layer, so it can vanish or explode. ReLU, careful initialization and batch normalization (Ioffe and Szegedy, 2015) answer that one, and ResNets put BatchNorm after every conv. ` +
            `They also have no big FC layers at the end: a global average pool and one classifier.\n\n` +
            `They became the default ConvNet for years. In the REPL, ResNet-18 has ${fmtInt(r18.params)} parameters and ResNet-50 ${fmtInt(r50.params)}, both deeper than VGG16 yet much smaller.`,
          `何恺明等人用 152 层的残差网络（ResNet）赢得了 ILSVRC 2015（top-5 错误率 3.57%）。新的想法是跳跃连接：一个块计算 F(x)，输出 F(x) + x，这样信号和它的梯度可以直接穿过很多层。` +
            `没有跳跃连接时，给本来就很深的普通网络再加层，连训练误差都会变大（论文称之为退化问题）。` +
            `很深的前馈网络还有一个更早就有的问题：传到前几层的梯度是每层一个因子连乘的结果，可能消失，也可能爆炸。ReLU、精心的初始化和批归一化（BatchNorm，Ioffe 和 Szegedy，2015）都是针对这个问题的，ResNet 在每个卷积后面都加了 BatchNorm。` +
            `它的末端也没有大型全连接层：只有一个全局平均池化和一个分类器。\n\n` +
            `此后多年它都是默认的 ConvNet。在 REPL 中，ResNet-18 有 ${fmtInt(r18.params)} 个参数，ResNet-50 有 ${fmtInt(r50.params)} 个，都比 VGG16 深，却小得多。`,
        );
      },
    },
    {
      kind: 'demo',
      title: msg('Side by side', '放在一起比较'),
      intro: msg('Every number below is built layer by layer from the REPL’s tables when you open this step.', '下面每个数都是打开这一步时，按 REPL 的层表逐层算出来的。'),
      run: () => tableDemo(),
    },
    {
      kind: 'check',
      title: msg('Who did what?', '谁做了什么？'),
      check: {
        question: msg('Which network introduced the Inception module, cutting the parameter count far below AlexNet’s?', '哪个网络提出了 Inception 模块，让参数量远低于 AlexNet？'),
        options: [msg('GoogLeNet', 'GoogLeNet'), msg('VGGNet', 'VGGNet'), msg('ZF Net', 'ZF Net'), msg('ResNet-152', 'ResNet-152')],
        answer: 0,
        explain: msg(
          'GoogLeNet (Szegedy et al., 2014) stacks Inception modules, with 1×1 convs shrinking the depth before the bigger filters, and ends with an average pool instead of large FC layers.',
          'GoogLeNet（Szegedy 等，2014）堆叠 Inception 模块，在较大的滤波器之前先用 1×1 卷积压缩深度，并用平均池化代替末端的大型全连接层。',
        ),
        wrong: {
          1: msg(`VGGNet went the other way: simple 3×3 stacks and ${millions(VGG.params)} parameters.`, `VGGNet 走的是另一条路：简单的 3×3 堆叠，${millions(VGG.params)} 个参数。`),
          2: msg('ZF Net kept AlexNet’s design and tuned its hyperparameters.', 'ZF Net 保留了 AlexNet 的结构，只调整了超参数。'),
          3: msg('ResNet’s idea is the skip connection, F(x) + x.', 'ResNet 的想法是跳跃连接 F(x) + x。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('Where is VGG16 heavy?', 'VGG16 重在哪里？'),
      check: {
        question: msg('Most of VGG16’s parameters are in…', 'VGG16 的大部分参数在……'),
        options: [
          msg('its fully connected layers, above all the first one', '全连接层，尤其是第一个'),
          msg('its 13 conv layers, because there are so many', '13 个卷积层，因为它们数量多'),
          msg('its pooling layers', '池化层'),
          msg('the first conv layer, which sees the full 224×224 image', '第一个卷积层，因为它看的是完整的 224×224 图像'),
        ],
        answer: 0,
        explain: msg(
          `The FC layers hold ${pct(100 * VGG.fcParams, VGG.params)} of the ${fmtInt(VGG.params)} parameters; the first one alone (${VGG_FC6.what}) has ${fmtInt(VGG_FC6.params)}.`,
          `${fmtInt(VGG.params)} 个参数中有 ${pct(100 * VGG.fcParams, VGG.params)} 在全连接层；仅第一个（${VGG_FC6.what}）就有 ${fmtInt(VGG_FC6.params)} 个。`,
        ),
        wrong: {
          1: msg('Each conv layer has small shared 3×3 filters: a few million parameters at most.', '每个卷积层的滤波器都是小而共享的 3×3：最多几百万个参数。'),
          2: msg('Pooling layers have no parameters at all.', '池化层根本没有参数。'),
          3: msg(`A conv layer’s size does not depend on the image size: the first one has only ${VGG_CONV1} parameters.`, `卷积层的参数量与图像大小无关：第一层只有 ${VGG_CONV1} 个参数。`),
        },
      },
    },
    {
      kind: 'try',
      command: 'net vgg16',
      note: msg(
        'The whole VGG16, layer by layer, with output sizes and parameters. Then try `net alexnet`, `net googlenet`, `net resnet50`, or `net` for the list.',
        '逐层列出整个 VGG16 的输出尺寸和参数量。再试试 `net alexnet`、`net googlenet`、`net resnet50`，或者输入 `net` 看列表。',
      ),
    },
  ],
};
