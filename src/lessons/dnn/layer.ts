/**
 * dnn — the notes' "# DNN": h = σ(x·W + b). One layer of a deep network is a
 * matrix product plus a bias, passed through a nonlinearity.
 */
import { F, sigmoidScalar, Tensor } from '../../engine/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { DrawOptions, Lesson } from '../types.js';
import { Canvas } from './canvas.js';
import { fcParamCount, sub, teachTensor } from './helpers.js';
import { fixed, fmtInt, fmtNum, paren } from '../../i18n/numbers.js';
import { clipLine } from '../../view/layout.js';

const IN = 4;

/** A small positive number with 2 significant digits, 6.1·10⁻⁶. */
function sci(v: number): string {
  const [m, e] = v.toExponential(1).split('e');
  return `${m}·10${String(Number(e)).replace(/[-0-9]/g, (c) => '⁻⁰¹²³⁴⁵⁶⁷⁸⁹'['-0123456789'.indexOf(c)])}`;
}
const OUT = 3;

/** One neuron, then the whole layer as a row vector times a matrix. */
function drawLayer(o: DrawOptions): string[] {
  const c = new Canvas();
  const en = o.lang === 'en';
  const acc = o.theme.accent;
  c.put(0, 2, en ? 'One neuron: weigh every input, add a bias, squash with σ' : '一个神经元：每个输入乘上权重，加偏置，再经过 σ');
  c.put(2, 4, 'x₁ ──w₁₁──╮');
  c.put(3, 4, 'x₂ ──w₂₁──┼──► Σ + b₁ = z₁ ──► σ ──► h₁');
  c.put(4, 4, 'x₃ ──w₃₁──╯');
  c.put(3, 46, en ? '(neuron 1)' : '（第 1 个神经元）', o.theme.muted);
  c.put(6, 2, en ? 'The whole layer at once: row × matrix + bias' : '整层一起算：行向量 × 矩阵 + 偏置');
  const r = 8;
  c.put(r, 17, '┌          ┐');
  c.put(r + 1, 17, '│ ');
  c.put(r + 1, 19, 'w₁₁', acc);
  c.put(r + 1, 24, 'w₁₂ │');
  c.put(r + 2, 4, '[x₁ x₂ x₃] · │ ');
  c.put(r + 2, 19, 'w₂₁', acc);
  c.put(r + 2, 24, 'w₂₂ │ + [b₁ b₂] = [z₁ z₂] ──σ──► [h₁ h₂]');
  c.put(r + 3, 17, '│ ');
  c.put(r + 3, 19, 'w₃₁', acc);
  c.put(r + 3, 24, 'w₃₂ │');
  c.put(r + 4, 17, '└          ┘');
  c.put(r + 5, 7, '1×3');
  c.put(r + 5, 21, '3×2');
  c.put(r + 5, 34, '1×2');
  c.put(r + 5, 46, '1×2');
  c.put(r + 5, 65, '1×2');
  c.put(r + 6, 18, en ? '▲ column 1 = neuron 1\'s weights' : '▲ 第 1 列 = 第 1 个神经元的权重');
  // Laid out for 80 columns; narrower screens clip rather than wrap.
  return o.width >= 80 ? c.lines() : c.lines().map((l) => clipLine(l, o.width));
}

/** The seeded numbers of the layer demo: x [1, IN], W as the notes write it [IN, OUT], b [OUT]. */
export function layerDemoNumbers(seed: number): { x: Tensor; W: Tensor; b: Tensor; z: Tensor; a: Tensor; s: Tensor } {
  const x = teachTensor([1, IN], seed * 7 + 1, -2, 2, 0.5);
  const W = teachTensor([IN, OUT], seed * 7 + 2, -1, 1, 0.1);
  const b = teachTensor([OUT], seed * 7 + 3, -0.5, 0.5, 0.1);
  // The engine's linear keeps PyTorch's layout: weight [out, in], output = x·weightᵀ + b,
  // so the notes' W [in, out] goes in transposed.
  const z = F.linear(x, F.transpose(W, 0, 1), b);
  return { x, W, b, z, a: F.relu(z), s: F.sigmoid(z) };
}

function layerDemo(seed: number): Block[] {
  const { x, W, b, z, a, s } = layerDemoNumbers(seed);
  const terms = Array.from({ length: IN }, (_, i) => `x${sub(i + 1)}·w${sub(i + 1)}${sub(1)}`).join(' + ');
  const nums = Array.from({ length: IN }, (_, i) => `${paren(x.data[i], 1)}·${paren(W.data[i * OUT], 1)}`).join(' + ');
  const z1 = `z₁ = ${terms} + b₁`;
  const z1n = `z₁ = ${nums} + ${paren(b.data[0], 1)} = ${fixed(z.data[0], 3)}`;
  const neuron = (j: number): Msg => msg(`neuron ${j + 1}`, `神经元 ${j + 1}`);
  return [
    { kind: 'matrix', label: 'x', tensor: x, precision: 1 },
    { kind: 'matrix', label: msg('W (4 inputs × 3 neurons)', 'W（4 个输入 × 3 个神经元）'), tensor: W, precision: 1 },
    { kind: 'matrix', label: 'b', tensor: b, precision: 1 },
    {
      kind: 'formula',
      label: msg('Neuron 1 uses column 1 of W:', '神经元 1 用 W 的第 1 列：'),
      lines: [z1, z1n],
    },
    {
      kind: 'table',
      head: [msg('neuron', '神经元'), msg('z = x·W + b (linear)', 'z = x·W + b（线性）'), 'ReLU: max(0, z)', 'sigmoid: σ(z)'],
      // One rule for every number in this view: 3 decimals.
      rows: Array.from({ length: OUT }, (_, j) => [neuron(j), fixed(z.data[j], 3), fixed(a.data[j], 3), fixed(s.data[j], 3)]),
      align: ['left', 'right', 'right', 'right'],
    },
    { kind: 'bars', label: msg('h = σ(z), always between 0 and 1', 'h = σ(z)，总在 0 和 1 之间'), items: Array.from({ length: OUT }, (_, j) => ({ label: neuron(j), value: s.data[j] })), precision: 3 },
    {
      kind: 'text',
      text: msg(
        `Linear passes z through unchanged. ReLU turns every negative z into 0 and keeps the rest. Sigmoid squeezes every z into (0, 1): σ(0) = ${fmtNum(sigmoidScalar(0))}, large z → near 1, very negative z → near 0.`,
        `线性激活把 z 原样输出。ReLU 把负的 z 变成 0，其余不变。sigmoid 把任何 z 压进 (0, 1)：σ(0) = ${fmtNum(sigmoidScalar(0))}，z 很大时接近 1，z 是绝对值很大的负数时接近 0。`,
      ),
    },
  ];
}

function activationChart(): Block[] {
  const zs = Array.from({ length: 17 }, (_, i) => -4 + i * 0.5);
  const z = new Tensor([zs.length], zs);
  const r = F.relu(z);
  const s = F.sigmoid(z);
  // One chart per curve, each on its own y scale: on a shared −4 … 4 scale sigmoid's (0, 1)
  // is a row and a half (it looks like a step), and ReLU's 0s and positive side hide under the others.
  const chart = (label: ReturnType<typeof msg>, name: string | ReturnType<typeof msg>, values: number[]): Block => ({
    kind: 'chart',
    label,
    series: [{ label: name, values }],
    xStart: -4,
    xStep: 0.5,
    xLabel: 'z',
    height: 6,
  });
  return [
    chart(msg('linear: z itself, z from −4 to 4 (each chart has its own y scale)', '线性：z 本身，z 从 −4 到 4（每张图的 y 刻度各不相同）'), msg('linear z', '线性 z'), zs),
    chart(msg('ReLU: 0 for z < 0, then z', 'ReLU：z < 0 时为 0，之后为 z'), 'ReLU', Array.from(r.data)),
    chart(msg(`sigmoid: from near 0 to near 1, σ(0) = ${fmtNum(sigmoidScalar(0))}`, `sigmoid：从接近 0 到接近 1，σ(0) = ${fmtNum(sigmoidScalar(0))}`), 'sigmoid', Array.from(s.data)),
    {
      kind: 'table',
      head: ['z', '−4', '−1', '0', '1', '4'],
      rows: [
        ['ReLU', ...[-4, -1, 0, 1, 4].map((v) => fixed(r.data[zs.indexOf(v)], 3))],
        ['σ', ...[-4, -1, 0, 1, 4].map((v) => fixed(s.data[zs.indexOf(v)], 3))],
      ],
      align: ['left', 'right', 'right', 'right', 'right', 'right'],
    },
  ];
}

/** Two linear layers without an activation between them are one linear layer. */
export function collapseNumbers(seed: number): { x: Tensor; W1: Tensor; W2: Tensor; W12: Tensor; twoSteps: Tensor; oneStep: Tensor; withRelu: Tensor } {
  const x = teachTensor([1, 3], seed * 11 + 5, -2, 2);
  const W1 = teachTensor([3, 3], seed * 11 + 6, -2, 2);
  const W2 = teachTensor([3, 2], seed * 11 + 7, -2, 2);
  // Row vectors as in the notes (x·W); the engine's linear wants PyTorch's [out, in], hence Wᵀ.
  const layer = (input: Tensor, W: Tensor) => F.linear(input, F.transpose(W, 0, 1));
  const hidden = layer(x, W1);
  const twoSteps = layer(hidden, W2);
  const W12 = F.matmul(W1, W2);
  const oneStep = layer(x, W12);
  const withRelu = layer(F.relu(hidden), W2);
  return { x, W1, W2, W12, twoSteps, oneStep, withRelu };
}

function collapseDemo(seed: number): Block[] {
  const n = collapseNumbers(seed);
  const v = (t: Tensor) => `[${Array.from(t.data, (x) => fmtNum(x)).join(', ')}]`;
  const same = n.withRelu.data.every((x, i) => Math.abs(x - n.twoSteps.data[i]) < 1e-6);
  return [
    { kind: 'matrix', label: 'x', tensor: n.x },
    { kind: 'matrix', label: 'W₁', tensor: n.W1 },
    { kind: 'matrix', label: 'W₂', tensor: n.W2 },
    { kind: 'matrix', label: 'W₁·W₂', tensor: n.W12 },
    {
      kind: 'facts',
      rows: [
        { label: msg('two layers (x·W₁)·W₂', '两层 (x·W₁)·W₂'), value: v(n.twoSteps) },
        { label: msg('one layer x·(W₁·W₂)', '一层 x·(W₁·W₂)'), value: v(n.oneStep) },
        { label: msg('with ReLU: ReLU(x·W₁)·W₂', '加 ReLU：ReLU(x·W₁)·W₂'), value: v(n.withRelu) },
      ],
    },
    {
      kind: 'text',
      text: same
        ? msg(
            'This time x·W₁ had no negative entries, so ReLU changed nothing; press r for other numbers and watch the third row differ.',
            '这一次 x·W₁ 没有负数，ReLU 什么也没改变；按 r 换一组数，看第三行如何变得不同。',
          )
        : msg(
            'The first two rows are equal: without an activation, two layers are just one matrix W₁·W₂. With ReLU in between the result is different, and no single matrix does that for every x.',
            '前两行相等：没有激活函数，两层只相当于一个矩阵 W₁·W₂。中间加上 ReLU，结果就不同了，而且没有哪个单独的矩阵能对所有 x 都做到这一点。',
          ),
    },
  ];
}

const paramsExample = fcParamCount(IN, OUT);

export const dnnLayer: Lesson = {
  id: 'dnn',
  topic: 'dnn',
  title: msg('A layer: h = σ(x·W + b)', '一层网络：h = σ(x·W + b)'),
  summary: msg('One layer is a matrix product plus a bias, through a nonlinearity; deep = many layers.', '一层 = 矩阵乘法 + 偏置，再经过非线性函数；深度网络 = 很多层叠在一起。'),
  section: '# DNN',
  steps: [
    {
      kind: 'text',
      key: 'neuron',
      title: msg('A neuron', '神经元'),
      body: msg(
        'A neuron takes a few numbers, multiplies each by its own weight, adds them up with one extra number (the bias), and passes the sum through a function σ.\nThe weights say how much each input matters; the bias shifts the sum whatever the inputs are, and so moves the point where σ switches on; σ decides what comes out.',
        '一个神经元接收几个数，每个数乘上各自的权重，全部加起来再加一个额外的数（偏置），最后把和送进一个函数 σ。\n权重表示每个输入有多重要；偏置不管输入是什么都把和整体平移，从而移动 σ “打开”的位置；σ 决定最终输出什么。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('From one neuron to a layer', '从一个神经元到一层'),
      draw: drawLayer,
      caption: msg(
        'A layer is many neurons reading the same input. Put each neuron\'s weights in one column of W and the whole layer is one product x·W.',
        '一层就是许多神经元读同一个输入。把每个神经元的权重放进 W 的一列，整层就是一次乘法 x·W。',
      ),
    },
    {
      kind: 'text',
      key: 'rule',
      title: msg('The rule', '公式'),
      body: msg(
        'h = σ(x·W + b)\n' +
          'x: the input, a row of n numbers (1×n).\n' +
          'W: the weights, n×m, one column per neuron.\n' +
          'b: the biases, m numbers, one per neuron.\n' +
          'σ: the activation, applied to each number on its own.\n' +
          'h: the layer\'s output, m numbers — the next layer\'s input.\n' +
          'The notes write it h_t = σ(x_t·w_xt + b): x_t is the input and w_xt the weights that multiply it. The t will become a time step in the RNN lessons.',
        'h = σ(x·W + b)\n' +
          'x：输入，一行 n 个数（1×n）。\n' +
          'W：权重，n×m，每个神经元占一列。\n' +
          'b：偏置，m 个数，每个神经元一个。\n' +
          'σ：激活函数，对每个数分别计算。\n' +
          'h：这一层的输出，m 个数，也就是下一层的输入。\n' +
          '笔记里写作 h_t = σ(x_t·w_xt + b)：x_t 是输入，w_xt 是与它相乘的权重。到了 RNN 那几课，t 表示时间步。',
      ),
    },
    {
      kind: 'formula',
      key: 'neuron-live',
      title: msg('One neuron, live', '一个神经元，动手算'),
      intro: msg(
        'Two inputs, two weights, one bias, and sigmoid as σ. Change the numbers and watch h: it always stays strictly between 0 and 1. Far from z = 0 it comes so close to 0 or 1 that the note says how far it still is.',
        '两个输入、两个权重、一个偏置，σ 取 sigmoid。改一改这些数，看 h 怎么变：它始终严格介于 0 和 1 之间。z 离 0 很远时，h 会非常接近 0 或 1，下面的提示会告诉你还差多少。',
      ),
      formula: {
        symbolic: 'h = σ(x₁·w₁ + x₂·w₂ + b),   σ(z) = 1/(1 + e^(−z))',
        substituted: 'h = σ({x1}·{w1} + {x2}·{w2} + {b})',
        expr: '1 / (1 + exp(-(x1*w1 + x2*w2 + b)))',
        vars: [
          { name: 'x1', value: 1, label: msg('first input', '第一个输入'), min: -100, max: 100 },
          { name: 'w1', value: 0.5, label: msg('its weight', '它的权重'), min: -100, max: 100 },
          { name: 'x2', value: 2, label: msg('second input', '第二个输入'), min: -100, max: 100 },
          { name: 'w2', value: -1, label: msg('its weight', '它的权重'), min: -100, max: 100 },
          { name: 'b', value: 0.5, label: msg('bias', '偏置'), min: -100, max: 100 },
        ],
        result: { name: 'h', label: msg('the neuron\'s output', '神经元的输出') },
        note: (v) => {
          const z = v.x1 * v.w1 + v.x2 * v.w2 + v.b;
          if (z === 0) return msg('z = 0 exactly: σ(0) = 0.5, the middle of the curve.', 'z 正好为 0：σ(0) = 0.5，曲线的正中间。');
          if (Math.abs(z) >= 6) {
            // The distance to the nearer end, σ(−|z|), computed directly: 1 − σ(z) would round to 0.
            const gap = sci(1 / (1 + Math.exp(Math.abs(z))));
            const where = z > 0 ? msg(`h = 1 − ${gap}`, `h = 1 − ${gap}`) : msg(`h = ${gap}`, `h = ${gap}`);
            const unseen = z > 0 && 1 / (1 + Math.exp(-z)) === 1;
            return msg(
              `z = ${fmtNum(z)}: σ is saturated here — ${where.en}, stuck near ${z > 0 ? 1 : 0}, and it barely moves when the inputs change.` +
                (unseen ? ' That is closer to 1 than the computer’s numbers can show, so the result above reads 1; h itself is still below 1.' : ''),
              `z = ${fmtNum(z)}：σ 已经饱和——${where.zh}，贴近 ${z > 0 ? 1 : 0}，输入再怎么变它也几乎不动。` +
                (unseen ? '它离 1 近到计算机的浮点数已经分辨不出，所以上面的结果显示为 1；h 本身仍然小于 1。' : ''),
            );
          }
          return null;
        },
      },
    },
    {
      kind: 'demo',
      key: 'layer-demo',
      title: msg('A layer of 3 neurons on 4 numbers', '一层 3 个神经元，输入 4 个数'),
      intro: msg(
        'The engine\'s linear op computes z = x·W + b; then the same z goes through three activations. Press r for new numbers.',
        '引擎的 linear 运算计算 z = x·W + b；同一个 z 再分别经过三种激活函数。按 r 换一组数。',
      ),
      run: (env) => layerDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('Linear, ReLU and sigmoid side by side', '线性、ReLU 和 sigmoid 对比'),
      intro: msg('Each activation works on one number at a time. Here they are on z = −4 … 4, computed by the engine.', '激活函数每次只处理一个数。下面是引擎在 z = −4 … 4 上算出的结果。'),
      run: () => activationChart(),
    },
    {
      kind: 'text',
      key: 'why-deep',
      title: msg('Why σ, and why "deep"', '为什么要 σ，什么是“深”'),
      body: msg(
        'Without σ a layer is only x·W + b, and two such layers in a row, (x·W₁)·W₂, equal one layer with the matrix W₁·W₂. Stacking would add nothing.\n' +
          'A nonlinear σ such as ReLU or sigmoid breaks this, so every extra layer can build new features from the previous ones. A deep network is many layers like this, each output h feeding the next.\n' +
          'Depth has a price in training. The gradient that reaches the first layers is a product with one factor per layer above them, so in a deep stack it can shrink towards 0 (vanish) or blow up (explode). A saturated sigmoid, whose slope is nearly 0 (see the note in the live formula), makes it vanish. This happens in any deep feed-forward network, not only in RNNs; ReLU, careful initialization, batch normalization and residual connections are the usual remedies.',
        '没有 σ 的话，一层只是 x·W + b，连续两层 (x·W₁)·W₂ 就等于矩阵为 W₁·W₂ 的一层，叠再多也没用。\n' +
          'ReLU、sigmoid 这样的非线性 σ 打破了这一点，于是每多一层，都能在前一层的基础上组合出新特征。深度网络就是很多这样的层，每层的输出 h 作为下一层的输入。\n' +
          '深度在训练时也有代价。传到前几层的梯度是一个连乘积，它上面的每一层各贡献一个因子，所以在很深的网络里，梯度可能缩向 0（消失），也可能变得极大（爆炸）。饱和的 sigmoid 斜率几乎为 0（见动手算那一步的提示），会让梯度消失。任何很深的前馈网络都会遇到这个问题，不只是 RNN；常用的对策有 ReLU、精心的初始化、批归一化和残差连接。',
      ),
    },
    {
      kind: 'demo',
      title: msg('Two linear layers collapse into one', '两个线性层会合并成一个'),
      intro: msg('Whole numbers so you can check by hand. Press r for new ones.', '用整数，方便你手算验证。按 r 换一组。'),
      run: (env) => collapseDemo(env.seed),
    },
    { kind: 'experiment', key: 'experiment-no-nonlinearity', id: 'no-nonlinearity' },
    {
      kind: 'formula',
      key: 'params',
      title: msg('How many numbers a layer learns', '一层要学多少个数'),
      intro: msg(
        'Every neuron has one weight per input plus its bias. Try n = 3072: one small 32×32×3 colour image, flattened.',
        '每个神经元对每个输入有一个权重，再加一个偏置。试试 n = 3072：一张 32×32×3 的小彩色图像展平后的长度。',
      ),
      formula: {
        symbolic: 'params = n·m + m',
        substituted: 'params = {n}·{m} + {m}',
        expr: 'n*m + m',
        vars: [
          { name: 'n', value: IN, label: msg('inputs', '输入个数'), min: 1, max: 10_000_000, integer: true },
          { name: 'm', value: OUT, label: msg('neurons', '神经元个数'), min: 1, max: 100_000, integer: true },
        ],
        result: { name: 'params', label: msg('weights + biases', '权重 + 偏置') },
        note: (v, r) =>
          v.n >= 1000
            ? msg(
                `${fmtInt(r)} parameters for a single layer: with images as input this grows fast — the problem convolutional networks solve.`,
                `仅一层就有 ${fmtInt(r)} 个参数：输入是图像时，这个数增长得很快——卷积网络要解决的正是这个问题。`,
              )
            : null,
      },
    },
    {
      kind: 'check',
      check: {
        question: msg(
          `An input of ${IN} numbers goes into a layer of ${OUT} neurons, h = σ(x·W + b). What is the shape of W, and how many parameters does the layer learn?`,
          `由 ${IN} 个数组成的输入送进一层 ${OUT} 个神经元，h = σ(x·W + b)。W 是什么形状？这一层要学多少个参数？`,
        ),
        options: [
          msg(`${IN}×${OUT}, ${paramsExample.total} parameters`, `${IN}×${OUT}，${paramsExample.total} 个参数`),
          msg(`${IN}×${OUT}, ${paramsExample.weights} parameters`, `${IN}×${OUT}，${paramsExample.weights} 个参数`),
          msg(`${OUT}×${OUT}, ${OUT * OUT + OUT} parameters`, `${OUT}×${OUT}，${OUT * OUT + OUT} 个参数`),
          msg(`${IN}×${IN}, ${IN * IN} parameters`, `${IN}×${IN}，${IN * IN} 个参数`),
        ],
        answer: 0,
        explain: msg(
          `x is 1×${IN}, so W needs ${IN} rows; each of the ${OUT} neurons owns a column, so W is ${IN}×${OUT} = ${paramsExample.weights} weights. Add ${paramsExample.biases} biases: ${paramsExample.total}.`,
          `x 是 1×${IN}，所以 W 要有 ${IN} 行；${OUT} 个神经元各占一列，所以 W 是 ${IN}×${OUT}，共 ${paramsExample.weights} 个权重。再加 ${paramsExample.biases} 个偏置：${paramsExample.total}。`,
        ),
        wrong: {
          1: msg(`The shape is right, but each neuron also learns a bias: ${paramsExample.weights} + ${paramsExample.biases}.`, `形状对了，但每个神经元还要学一个偏置：${paramsExample.weights} + ${paramsExample.biases}。`),
          2: msg(`x·W only works when W has one row per input: ${IN} rows, not ${OUT}.`, `只有 W 的行数等于输入个数时 x·W 才成立：应是 ${IN} 行，不是 ${OUT} 行。`),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg('Two layers with no activation between them: h = (x·W₁)·W₂. What do they amount to?', '两层之间没有激活函数：h = (x·W₁)·W₂。它们相当于什么？'),
        options: [
          msg('One linear layer with the matrix W₁·W₂', '一个矩阵为 W₁·W₂ 的线性层'),
          msg('A deeper network that can learn more than one layer', '一个更深、比一层能学到更多的网络'),
          msg('A ReLU layer', '一个 ReLU 层'),
          msg('Nothing: the output is always zero', '什么都不是：输出总是 0'),
        ],
        answer: 0,
        explain: msg(
          'Matrix products can be regrouped: (x·W₁)·W₂ = x·(W₁·W₂). Without σ between them the two layers are one layer; the nonlinearity is what makes depth useful.',
          '矩阵乘法可以重新结合：(x·W₁)·W₂ = x·(W₁·W₂)。中间没有 σ，两层就等于一层；正是非线性让“深”变得有用。',
        ),
        wrong: {
          1: msg('More layers only help if something nonlinear sits between them; here (x·W₁)·W₂ = x·(W₁·W₂).', '只有层与层之间有非线性，层数多才有用；这里 (x·W₁)·W₂ = x·(W₁·W₂)。'),
          2: msg('ReLU is max(0, z), a nonlinearity; there is none in this formula.', 'ReLU 是 max(0, z)，是非线性函数；这个公式里没有它。'),
        },
      },
    },
    {
      kind: 'try',
      command: `fc ${IN} -> ${OUT}`,
      note: msg(
        'The REPL counts the weights and biases of a fully connected layer. Then try `sigmoid [-2, -0.5, 0, 0.5, 2]` and `relu [-2, -0.5, 0, 0.5, 2]`.',
        'REPL 会算出全连接层的权重和偏置个数。接着试试 `sigmoid [-2, -0.5, 0, 0.5, 2]` 和 `relu [-2, -0.5, 0, 0.5, 2]`。',
      ),
    },
  ],
};
