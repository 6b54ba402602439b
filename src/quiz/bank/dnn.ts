/**
 * Quiz bank: deep (fully connected) neural networks, lesson 'dnn'.
 * One neuron computes h = σ(x·w + b); numbers are computed here, not typed.
 */
import { msg } from '../../i18n/index.js';
import type { Question } from '../types.js';
import { fmtInt } from '../../i18n/numbers.js';

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));
/** Weights plus biases of a dense layer from n inputs to m outputs. */
const denseParams = (n: number, m: number): number => n * m + m;

const mlp1 = denseParams(784, 100);
const mlp2 = denseParams(100, 10);

export const questions: Question[] = [
  {
    id: 'dnn/neuron-sigmoid-zero',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#neuron-live',
    kind: 'numeric',
    prompt: msg(
      'A neuron computes h = σ(x·w + b) with the sigmoid σ. For x = 2, w = 0.5 and b = −1, what is h?',
      '一个神经元计算 h = σ(x·w + b)，其中 σ 是 sigmoid 函数。当 x = 2、w = 0.5、b = −1 时，h 等于多少？',
    ),
    answer: sigmoid(2 * 0.5 - 1),
    tolerance: 0.001,
    explain: msg(
      'The weighted input is z = 2·0.5 + (−1) = 0, so h = σ(0) = 1/(1 + e⁰) = 1/2 = 0.5.',
      '加权输入 z = 2·0.5 + (−1) = 0，因此 h = σ(0) = 1/(1 + e⁰) = 1/2 = 0.5。',
    ),
    hint: msg('Work out the weighted input z first; σ(0) sits exactly halfway.', '先算加权输入 z；σ(0) 正好落在中点。'),
  },
  {
    id: 'dnn/neuron-sigmoid-two',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#neuron-live',
    kind: 'numeric',
    prompt: msg(
      'h = σ(x·w + b) with the sigmoid σ(z) = 1/(1 + e^(−z)). For x = 1, w = 3 and b = −1, what is h? (three decimals)',
      'h = σ(x·w + b)，sigmoid 为 σ(z) = 1/(1 + e^(−z))。当 x = 1、w = 3、b = −1 时，h 是多少？（保留三位小数）',
    ),
    answer: sigmoid(1 * 3 - 1),
    tolerance: 0.001,
    explain: msg(
      `z = 1·3 − 1 = 2, so h = 1/(1 + e^(−2)) = 1/(1 + 0.1353) ≈ ${sigmoid(2).toFixed(3)}.`,
      `z = 1·3 − 1 = 2，所以 h = 1/(1 + e^(−2)) = 1/(1 + 0.1353) ≈ ${sigmoid(2).toFixed(3)}。`,
    ),
    hint: msg('Compute z first; e^(−2) ≈ 0.135.', '先算 z；e^(−2) ≈ 0.135。'),
  },
  {
    id: 'dnn/sigmoid-formula',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#neuron-live',
    kind: 'formula',
    prompt: msg(
      'Type the sigmoid activation σ(z) as an expression in z (use exp()).',
      '请用 z 写出 sigmoid 激活函数 σ(z) 的表达式（可使用 exp()）。',
    ),
    answer: '1 / (1 + exp(-z))',
    vars: ['z'],
    explain: msg(
      'σ(z) = 1/(1 + e^(−z)); it squashes any real z into (0, 1), with σ(0) = 0.5.',
      'σ(z) = 1/(1 + e^(−z))；它把任意实数 z 压缩到 (0, 1) 区间，且 σ(0) = 0.5。',
    ),
    hint: msg('Large positive z should give values close to 1.', 'z 很大时，结果应接近 1。'),
  },
  {
    id: 'dnn/sigmoid-range',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#neuron-live',
    kind: 'choice',
    prompt: msg('What is the range of the sigmoid function, i.e. the set of all the values σ(z) can take?', 'sigmoid 函数的值域是什么（即 σ(z) 能取到的全部值构成的集合）？'),
    options: [
      msg('(0, 1)', '(0, 1)'),
      msg('[0, 1]', '[0, 1]'),
      msg('(−1, 1)', '(−1, 1)'),
      msg('[0, +∞)', '[0, +∞)'),
    ],
    answer: 0,
    explain: msg(
      'e^(−z) > 0, so 1/(1 + e^(−z)) is always strictly between 0 and 1, and every value in between is reached: the range is the open interval (0, 1). [0, 1] would include 0 and 1, which σ never reaches; (−1, 1) is the range of tanh; [0, +∞) is that of ReLU.',
      '因为 e^(−z) > 0，1/(1 + e^(−z)) 始终严格介于 0 和 1 之间，而且这之间的每个值都能取到：值域是开区间 (0, 1)。[0, 1] 包含了 σ 永远取不到的 0 和 1；(−1, 1) 是 tanh 的值域；[0, +∞) 是 ReLU 的值域。',
    ),
    hint: msg('Look at 1/(1 + e^(−z)) as z → −∞ and z → +∞.', '看 z → −∞ 和 z → +∞ 时 1/(1 + e^(−z)) 的取值。'),
  },
  {
    id: 'dnn/dense-params-formula',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#params',
    kind: 'formula',
    prompt: msg(
      'A fully connected layer maps N inputs to M outputs, one bias per output. Type its number of trainable parameters in N and M.',
      '一个全连接层把 N 个输入映射到 M 个输出，每个输出有一个偏置。请用 N 和 M 写出它的可训练参数个数。',
    ),
    answer: 'N*M + M',
    vars: ['N', 'M'],
    explain: msg(
      'Each of the M neurons has N weights plus 1 bias: M·(N + 1) = N·M + M.',
      'M 个神经元各有 N 个权重和 1 个偏置：M·(N + 1) = N·M + M。',
    ),
    hint: msg('Count one neuron first, then multiply.', '先数一个神经元的参数，再乘以神经元个数。'),
  },
  {
    id: 'dnn/mlp-params',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#params',
    kind: 'numeric',
    prompt: msg(
      'An MLP for 28×28 digit images has layers 784 → 100 → 10 (fully connected, with biases). How many trainable parameters does it have in total?',
      '一个处理 28×28 数字图像的多层感知机，结构为 784 → 100 → 10（全连接，含偏置）。它一共有多少个可训练参数？',
    ),
    answer: mlp1 + mlp2,
    explain: msg(
      `784·100 + 100 = ${fmtInt(mlp1)}; 100·10 + 10 = ${fmtInt(mlp2)}; total ${fmtInt(mlp1 + mlp2)}.`,
      `784·100 + 100 = ${fmtInt(mlp1)}；100·10 + 10 = ${fmtInt(mlp2)}；合计 ${fmtInt(mlp1 + mlp2)}。`,
    ),
    hint: msg('Each layer has inputs·outputs weights plus one bias per output.', '每层有“输入数×输出数”个权重，外加每个输出一个偏置。'),
  },
  {
    id: 'dnn/no-activation-collapses',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#why-deep',
    kind: 'truefalse',
    prompt: msg(
      'True or false: a network of ten stacked linear layers with no activation functions can model functions that a single linear layer cannot.',
      '判断：十个线性层直接堆叠、中间没有任何激活函数，这样的网络能表示单个线性层表示不了的函数。',
    ),
    answer: false,
    explain: msg(
      'A product of linear maps is itself linear: (x·W₁ + b₁)·W₂ + b₂ = x·(W₁·W₂) + (b₁·W₂ + b₂). Without a nonlinearity such as σ, depth adds nothing.',
      '线性映射的复合仍是线性映射：(x·W₁ + b₁)·W₂ + b₂ = x·(W₁·W₂) + (b₁·W₂ + b₂)。没有 σ 这样的非线性，加深网络毫无作用。',
    ),
    hint: msg('Compose two layers y = x·W + b by hand.', '把两个 y = x·W + b 层手动复合一下。'),
  },
  {
    id: 'dnn/neuron-forward-order',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#neuron',
    kind: 'order',
    prompt: msg('Put the steps of one neuron’s forward pass in order.', '请把单个神经元前向计算的步骤排好顺序。'),
    items: [
      msg('Multiply each input by its weight', '把每个输入乘以对应的权重'),
      msg('Sum the weighted inputs', '把加权后的输入求和'),
      msg('Add the bias b', '加上偏置 b'),
      msg('Apply the activation σ to get h', '经过激活函数 σ 得到 h'),
    ],
    explain: msg(
      'h = σ(Σᵢ xᵢ·wᵢ + b): weight, sum, add the bias, then the nonlinearity.',
      'h = σ(Σᵢ xᵢ·wᵢ + b)：先加权，再求和，加上偏置，最后过非线性函数。',
    ),
    hint: msg('h = σ(Σ xᵢ·wᵢ + b): read it from the inside out.', 'h = σ(Σ xᵢ·wᵢ + b)：从里往外读。'),
  },
  {
    id: 'dnn/bias-role',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#neuron',
    kind: 'choice',
    prompt: msg('In h = σ(x·w + b), what does the bias b let the neuron do?', '在 h = σ(x·w + b) 中，偏置 b 让神经元能够做什么？'),
    options: [
      msg('Shift where σ switches on, whatever the input', '平移 σ 开始“打开”的位置，与输入无关'),
      msg('Scale how strongly each input counts', '调节每个输入在加权和中占多大分量'),
      msg('Make the neuron nonlinear, so that layers do not collapse', '让神经元变成非线性，使多层不会合并成一层'),
      msg('Normalize the inputs to zero mean before they are weighted', '在加权之前把输入归一化为零均值'),
    ],
    answer: 0,
    explain: msg(
      'b is added to the weighted sum, so it moves the threshold of σ left or right; the weights scale the inputs and σ supplies the nonlinearity.',
      'b 加在加权和上，因此能把 σ 的阈值左右平移；缩放输入靠的是权重，非线性来自 σ。',
    ),
    hint: msg('b does not multiply any input.', 'b 不与任何输入相乘。'),
  },
  {
    id: 'dnn/vanishing-not-only-rnn',
    topic: 'dnn',
    lesson: 'dnn',
    taught: 'dnn#why-deep',
    kind: 'truefalse',
    prompt: msg(
      'True or false: vanishing and exploding gradients are a problem of recurrent networks only; a deep feed-forward network of many layers does not have it.',
      '判断：梯度消失和梯度爆炸只是循环神经网络的问题；层数很多的前馈网络不会遇到。',
    ),
    answer: false,
    explain: msg(
      'The gradient reaching the first layers of any deep stack is a product of one factor per layer, so it can vanish or explode there too — that is why ReLU, careful initialization, batch normalization and residual connections exist. What is special about an RNN is that it multiplies by the same matrix at every time step.',
      '任何很深的网络，传到前几层的梯度都是每层一个因子的连乘积，所以同样会消失或爆炸——ReLU、精心的初始化、批归一化和残差连接正是为此而生。RNN 的特别之处在于，它在每个时间步乘的都是同一个矩阵。',
    ),
    hint: msg('How is the gradient of the first layer of a 50-layer network computed?', '一个 50 层网络第一层的梯度是怎样算出来的？'),
  },
];
