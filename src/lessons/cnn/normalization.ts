/**
 * cnn/normalization — the normalization layers of early ConvNets (local
 * response normalization, inspired by lateral inhibition), why they fell out
 * of use (their effect is tiny), and how that differs from the layer norm of
 * Transformers.
 */
import { F, layerNormWithStats, randNormal, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { fmtFormulaNumber } from '../formula.js';
import { drawLrn } from './pool-fc-draw.js';
import { fmtDecimals } from '../../i18n/numbers.js';

/** AlexNet's constants (Krizhevsky et al. 2012). */
export const LRN = { n: 5, k: 2, alpha: 1e-4, beta: 0.75 } as const;

/**
 * Local response normalization across channels, as in the AlexNet paper:
 * b_c = a_c / (k + α·Σ a_j²)^β over the n channels centred on c (fewer at the
 * edges). PyTorch's LocalResponseNorm divides α by n; the paper does not.
 * The engine has no LRN op (no current network uses one), so it is written out here.
 */
export function localResponseNorm(a: readonly number[], p: { n: number; k: number; alpha: number; beta: number } = LRN): { out: number[]; sums: number[] } {
  const half = Math.floor(p.n / 2);
  const sums = a.map((_, c) => {
    let s = 0;
    for (let j = Math.max(0, c - half); j <= Math.min(a.length - 1, c + half); j++) s += a[j] * a[j];
    return s;
  });
  return { out: a.map((v, c) => v / Math.pow(p.k + p.alpha * sums[c], p.beta)), sums };
}

/** One pixel's depth column after a ReLU: 8 channels, some large. */
function column(seed: number): number[] {
  let raw = randNormal([8], seed, 20);
  // Keep a few channels active (a column with every channel at 0 would show nothing).
  if (Array.from(raw.data).filter((v) => v > 0.05).length < 3) raw = new Tensor([8], Array.from(raw.data, (v) => -v));
  const z = F.relu(raw);
  return Array.from(z.data, (v) => Math.round(v * 10) / 10);
}

function lrnDemo(seed: number): Block[] {
  const a = column(seed);
  const { out, sums } = localResponseNorm(a);
  const noNeighbours = 1 / Math.pow(LRN.k, LRN.beta);
  const ratios = a.map((v, i) => (v === 0 ? null : out[i] / v));
  const live = ratios.filter((r): r is number => r !== null);
  const minR = Math.min(...live);
  const maxR = Math.max(...live);
  const max = Math.max(...a, 1e-9);
  const order = (v: number[]) => v.map((_, i) => i).sort((i, j) => v[j] - v[i] || i - j).join(',');
  const sameOrder = order(a) === order(out);
  const rows = a.map((v, i) => [`a${i}`, fmtDecimals(v, 1), fmtDecimals(sums[i], 0), fmtDecimals(out[i], 2), ratios[i] === null ? '—' : fmtDecimals(ratios[i]!, 4)]);
  return [
    { kind: 'bars', label: msg('before: a (ReLU outputs, 8 channels)', '之前：a（ReLU 输出，8 个通道）'), items: a.map((v, i) => ({ label: `a${i}`, value: v })), min: 0, max, precision: 1 },
    { kind: 'bars', label: msg('after: b = LRN(a), same scale', '之后：b = LRN(a)，同一刻度'), items: out.map((v, i) => ({ label: `b${i}`, value: v })), min: 0, max, precision: 2 },
    {
      kind: 'table',
      head: [msg('channel', '通道'), 'a', msg('Σ a² (5 around)', 'Σ a²（附近 5 个）'), 'b', 'b / a'],
      rows,
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `Without any neighbours every number would be multiplied by 1/k^β = 1/${LRN.k}^${LRN.beta} = ${fmtDecimals(noNeighbours, 4)}. ` +
          `With them, b/a ranges from ${fmtDecimals(minR, 4)} to ${fmtDecimals(maxR, 4)}: the neighbours change the result by at most ${fmtDecimals((1 - minR / noNeighbours) * 100, 1)}%. ` +
          (sameOrder ? 'The order of the channels stays the same. ' : 'Here the order of two channels even changes. ') +
          'It is a mild, smooth damping, the kind of thing the next layers can largely absorb.',
        `如果没有邻居，每个数都只是乘以 1/k^β = 1/${LRN.k}^${LRN.beta} = ${fmtDecimals(noNeighbours, 4)}。` +
          `算上邻居，b/a 在 ${fmtDecimals(minR, 4)} 到 ${fmtDecimals(maxR, 4)} 之间：邻居对结果的影响最多只有 ${fmtDecimals((1 - minR / noNeighbours) * 100, 1)}%。` +
          (sameOrder ? '各通道的大小顺序没有变。' : '这一次甚至有两个通道的大小顺序变了。') +
          '这是一种温和、平滑的压低，后面的层基本上都能把它吸收掉。',
      ),
    },
  ];
}

function layerNormDemo(seed: number): Block[] {
  const x = randNormal([8], seed + 7, 2);
  const shifted = new Tensor([8], Array.from(x.data, (v) => Math.round((v + 3) * 100) / 100));
  const r = layerNormWithStats(shifted, [8]);
  const out = Array.from(r.output.data);
  const mean = r.mean.data[0];
  const variance = r.variance.data[0];
  const outMean = out.reduce((s, v) => s + v, 0) / out.length;
  const outVar = out.reduce((s, v) => s + (v - outMean) ** 2, 0) / out.length;
  const rows = out.map((y, i) => [`${i}`, fmtDecimals(shifted.data[i]), fmtDecimals(shifted.data[i] - mean, 3), fmtDecimals(y, 3)]);
  return [
    { kind: 'matrix', label: msg('one token’s 8 features x', '一个词元的 8 个特征 x'), tensor: shifted, precision: 2 },
    {
      kind: 'facts',
      rows: [
        { label: msg('mean μ', '均值 μ'), value: fmtDecimals(mean, 4) },
        { label: msg('variance σ²', '方差 σ²'), value: fmtDecimals(variance, 4) },
        { label: msg('√(σ² + ε), ε = 10⁻⁵', '√(σ² + ε)，ε = 10⁻⁵'), value: fmtDecimals(1 / r.rstd.data[0], 4) },
      ],
    },
    { kind: 'table', head: ['i', 'x', 'x − μ', 'y = (x − μ)/√(σ² + ε)'], rows, align: ['left', 'right', 'right', 'right'] },
    {
      kind: 'text',
      text: msg(
        `After layer norm the 8 features have mean ${fmtDecimals(outMean, 4)} and variance ${fmtDecimals(outVar, 4)}, whatever the input was. ` +
          'A learned scale γ and shift β (here γ = 1, β = 0) then let the network pick the range it wants.',
        `做完层归一化后，这 8 个特征的均值是 ${fmtDecimals(outMean, 4)}，方差是 ${fmtDecimals(outVar, 4)}，与输入无关。` + '之后再乘一个可学习的缩放 γ、加一个平移 β（这里 γ = 1，β = 0），让网络自己选择想要的范围。',
      ),
    },
  ];
}

export const normalization: Lesson = {
  id: 'cnn/normalization',
  topic: 'cnn',
  section: 'CNN › 归一化层',
  title: msg('Normalization layers', '归一化层'),
  summary: msg('The brain-inspired normalization of early ConvNets, why it faded, and the layer norm of Transformers', '早期 ConvNet 中受大脑启发的归一化层、它为何被淘汰，以及 Transformer 中的层归一化'),
  steps: [
    {
      kind: 'text',
      key: 'brain',
      title: msg('An idea from the brain', '来自大脑的想法'),
      body: msg(
        'In the brain, a strongly firing neuron tends to quiet its neighbours. This is called lateral inhibition, and it makes the strongest signal stand out.\n\n' +
          'Early ConvNet designers proposed many kinds of normalization layers, some of them meant to copy this inhibition. ' +
          'The best known is local response normalization (LRN) in AlexNet (2012): each activation is divided by a number that grows with the activity of the same pixel in neighbouring channels. ' +
          'ZF Net (2013) used a similar contrast normalization.',
        '在大脑中，一个强烈放电的神经元往往会让它的邻居安静下来。这叫侧抑制，它让最强的信号更加突出。\n\n' +
          '早期设计 ConvNet 的人提出了很多种归一化层，其中一些就是想模仿这种抑制机制。' +
          '最有名的是 AlexNet（2012）中的局部响应归一化（LRN）：每个激活值都除以一个数，邻近通道在同一像素上越活跃，这个数就越大。' +
          'ZF Net（2013）也用了类似的对比度归一化。',
      ),
    },
    {
      kind: 'diagram',
      key: 'lrn-depth',
      title: msg('Neighbours across the depth', '沿深度方向的邻居'),
      draw: drawLrn,
      caption: msg(
        'LRN looks along the depth at one pixel: channel 3 is compared with channels 1 to 5. It has no weights to learn, only fixed constants k, n, α, β, and it rescales values without changing the shape: W×H×D in, W×H×D out.',
        'LRN 在一个像素上沿深度方向看：通道 3 与通道 1 到 5 相比较。它没有要学习的权重，只有固定的常数 k、n、α、β；它只重新缩放数值，不改变形状：输入 W×H×D，输出还是 W×H×D。',
      ),
    },
    {
      kind: 'formula',
      key: 'lrn-formula',
      title: msg('Local response normalization', '局部响应归一化'),
      intro: msg(
        `b = a/(k + α·S)^β, where S is the sum of squares of the n = ${LRN.n} activations around a (itself included). The defaults are AlexNet's constants. Try a large S, or set α to 0.`,
        `b = a/(k + α·S)^β，其中 S 是 a 附近 n = ${LRN.n} 个激活值（包括它自己）的平方和。默认值是 AlexNet 用的常数。试试很大的 S，或者把 α 设为 0。`,
      ),
      formula: {
        symbolic: 'b = a / (k + α·S)^β',
        substituted: 'b = {a} / ({k} + {alpha}·{S})^{beta}',
        expr: 'a / (k + alpha * S)^beta',
        vars: [
          { name: 'a', value: 10, label: msg('the activation', '激活值'), min: -1000, max: 1000 },
          { name: 'S', value: 200, label: msg('Σ a² of the 5 neighbours', '5 个邻居的 Σ a²'), min: 0, max: 1e7 },
          { name: 'k', value: LRN.k, label: msg('constant k', '常数 k'), min: 0, max: 10 },
          { name: 'alpha', value: LRN.alpha, label: msg('α, strength', 'α，强度'), min: 0, max: 1 },
          { name: 'beta', value: LRN.beta, label: msg('β, exponent', 'β，指数'), min: 0, max: 2 },
        ],
        result: { name: 'b', label: msg('normalized activation', '归一化后的激活值') },
        note: (v, b) => {
          if (v.k === 0 && (v.alpha === 0 || v.S === 0)) return msg('k = 0 and α·S = 0: the denominator is 0.', 'k = 0 且 α·S = 0：分母为 0。');
          if (v.k <= 0 || v.a === 0) return null;
          const alone = v.a / Math.pow(v.k, v.beta);
          const pct = (1 - b / alone) * 100;
          return msg(
            `Without neighbours (S = 0) b would be ${fmtFormulaNumber(alone)}; the neighbours lower it by ${Number(pct.toPrecision(3))}%.`,
            `没有邻居（S = 0）时 b 是 ${fmtFormulaNumber(alone)}；邻居让它降低了 ${Number(pct.toPrecision(3))}%。`,
          );
        },
      },
    },
    {
      kind: 'demo',
      title: msg('LRN on one depth column', '对一个深度列做 LRN'),
      intro: msg(
        `Eight channels at one pixel, after a ReLU, normalized with AlexNet's constants (n = ${LRN.n}, k = ${LRN.k}, α = ${LRN.alpha}, β = ${LRN.beta}). Press r for other numbers.`,
        `一个像素上的 8 个通道（经过 ReLU），用 AlexNet 的常数做归一化（n = ${LRN.n}，k = ${LRN.k}，α = ${LRN.alpha}，β = ${LRN.beta}）。按 r 换一组数。`,
      ),
      run: (env) => lrnDemo(env.seed),
    },
    {
      kind: 'text',
      key: 'why-gone',
      title: msg('Why they went away', '为什么被淘汰'),
      body: msg(
        'These layers have fallen out of favour. In practice their contribution turned out to be very small, if there was any at all, while they still cost memory and time. ' +
          'The VGG authors (2014) tried LRN and found it did not improve accuracy on ImageNet, so they left it out; later networks followed.\n\n' +
          'Do not confuse them with batch normalization (Ioffe and Szegedy, 2015), which ResNet and most modern ConvNets use. BatchNorm has a different goal: it standardizes each channel over a batch so that deep networks train faster and more stably, and it learns a scale and a shift per channel.',
        '这些层后来都不再流行了。实践证明，它们的作用即使有，也极其有限，却仍要占用内存和计算时间。' +
          'VGG 的作者（2014）试过 LRN，发现它在 ImageNet 上并不能提高准确率，于是去掉了它；之后的网络也都不再使用。\n\n' +
          '不要把它们和批归一化（BatchNorm，Ioffe 和 Szegedy，2015）混为一谈，ResNet 和大多数现代 ConvNet 都用 BatchNorm。它的目的不同：它在一个批次上把每个通道标准化，让深层网络训练得更快、更稳定，并且每个通道学习一个缩放和一个平移。',
      ),
    },
    {
      kind: 'check',
      title: msg('What happened to LRN?', 'LRN 后来怎样了？'),
      check: {
        question: msg('Why did normalization layers such as LRN disappear from ConvNets?', '为什么 LRN 这类归一化层从 ConvNet 中消失了？'),
        options: [
          msg('In practice they helped very little, if at all', '实践中它们的作用极其有限，甚至没有作用'),
          msg('They had too many weights to learn for each channel', '它们在每个通道上需要学习的权重实在太多了'),
          msg('They only work on grayscale images', '它们只对灰度图像有效'),
          msg('They made the volume smaller, like pooling', '它们像池化一样把数据体变小'),
        ],
        answer: 0,
        explain: msg(
          'Experiments showed their contribution to accuracy was minimal, so the cost was not worth it. The demo shows why: with the usual constants the layer is only a mild, smooth damping.',
          '实验表明它们对准确率的贡献微乎其微，不值得付出代价。演示里也能看出原因：用常见的常数时，这一层只是一种温和、平滑的压低。',
        ),
        wrong: {
          1: msg('LRN learns nothing: k, n, α and β are fixed constants chosen by hand.', 'LRN 什么也不学：k、n、α、β 都是人工选定的固定常数。'),
          2: msg('LRN works on any number of channels; colour or grayscale does not matter.', 'LRN 适用于任意通道数，彩色还是灰度都无所谓。'),
          3: msg('Normalization keeps the shape: W×H×D in, W×H×D out. Shrinking is what pooling does.', '归一化不改变形状：输入 W×H×D，输出还是 W×H×D。缩小是池化做的事。'),
        },
      },
    },
    {
      kind: 'text',
      key: 'layer-norm',
      title: msg('Layer norm is something else', '层归一化是另一回事'),
      body: msg(
        'Transformers use layer normalization after every sublayer (the "Add & Norm" step). It is not about inhibition. ' +
          'It takes one token’s feature vector, subtracts its mean and divides by its standard deviation, so every vector reaches the next layer at the same scale. ' +
          'Then a learned γ and β rescale it. This keeps very deep stacks trainable.\n\n' +
          'You will meet it again in the lesson transformer/encoder.',
        'Transformer 在每个子层之后都做层归一化（即 “Add & Norm” 那一步）。它和抑制机制无关。' +
          '它对一个词元的特征向量减去均值、再除以标准差，让每个向量都以同样的尺度进入下一层。' +
          '然后再用可学习的 γ 和 β 重新缩放。这样很深的网络也能训练得动。\n\n' +
          '在 transformer/encoder 这一课中你还会再见到它。',
      ),
    },
    {
      kind: 'demo',
      title: msg('Layer norm on one token', '对一个词元做层归一化'),
      intro: msg('The engine’s layer norm on a vector of 8 features (press r for another).', '用引擎的层归一化处理一个 8 维特征向量（按 r 换一个）。'),
      run: (env) => layerNormDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('LRN or layer norm?', 'LRN 还是层归一化？'),
      check: {
        question: msg('Which is true of the layer norm used in Transformers?', '关于 Transformer 中的层归一化，哪一项是对的？'),
        options: [
          msg('It standardizes each token’s features, then applies a learned γ and β', '把每个词元的特征标准化，再用可学习的 γ、β 变换'),
          msg('It is AlexNet’s LRN, applied to tokens', '它就是从 AlexNet 借来的 LRN，用在词元上'),
          msg('It damps each channel by the activity of neighbouring channels at the same pixel', '它用同一像素上邻近各通道的活跃程度来压低每一个通道'),
          msg('It was dropped because it helped very little', '它因为作用极其有限而被淘汰了'),
        ],
        answer: 0,
        explain: msg(
          'Layer norm standardizes a whole feature vector with its own mean and variance and has learned parameters; it is used in every Transformer layer.',
          '层归一化用向量自己的均值和方差把整个特征向量标准化，并且有可学习的参数；每个 Transformer 层里都用到它。',
        ),
        wrong: {
          1: msg('LRN divides by neighbours’ squared activity with fixed constants; layer norm subtracts the mean and divides by the standard deviation.', 'LRN 用固定常数、按邻居的平方和去除；层归一化是减去均值再除以标准差。'),
          2: msg('That describes LRN, the brain-inspired layer of early ConvNets.', '这描述的是 LRN，早期 ConvNet 里受大脑启发的那一层。'),
          3: msg('That is the fate of LRN-style layers in ConvNets; layer norm is in every Transformer.', '被淘汰的是 ConvNet 里 LRN 这类层；层归一化在每个 Transformer 中都有。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'layernorm [1, 2, 3, 6]',
      note: msg(
        'Layer norm on one token’s four features, with μ, σ² and the result: mean 0, variance 1. Try a matrix: each row is normalized on its own.',
        '对一个词元的四个特征做层归一化，显示 μ、σ² 和结果：均值 0、方差 1。试试矩阵：每一行各自归一化。',
      ),
    },
    {
      kind: 'try',
      command: 'net 28x28x1 | conv F=3 K=8 | bn | relu | pool F=2',
      note: msg(
        'A small network with the normalization that stayed, BatchNorm (bn): see that it learns 2 numbers per channel (γ and β), unlike LRN, which learns none.',
        '一个带有 BatchNorm（bn）的小网络，BatchNorm 是留下来的那种归一化：可以看到它每个通道学习 2 个数（γ 和 β），而 LRN 一个也不学。',
      ),
    },
  ],
};
