/**
 * Quiz bank: recurrent networks (rnn/recurrence, rnn/long-term, rnn/gradients).
 * Numbers are computed here, not typed, so the answer and the worked
 * solution always agree.
 */
import { msg } from '../../i18n/index.js';
import type { Question } from '../types.js';
import { fmtInt } from '../../i18n/numbers.js';

// rnn/recurrence: a vanilla RNN with input size I = 10 and hidden size H = 20.
const I = 10;
const H = 20;
const rnnWx = I * H;
const rnnWh = H * H;
const rnnParams = rnnWx + rnnWh + H;

// A linear scalar RNN (σ = identity), wₓ = 1, wₕ = 0.5, inputs 1, 0, 0.
const wh = 0.5;
const h1 = 1 * 1 + wh * 0;
const h2 = 1 * 0 + wh * h1;
const h3 = 1 * 0 + wh * h2;

// One tanh step: x = 1, h_prev = 0.5, wₓ = 0.5, wₕ = 1, b = 0.
const tanhPre = 0.5 * 1 + 1 * 0.5 + 0;
const tanhStep = Math.tanh(tanhPre);

// rnn/long-term: the notes' subject at step 2, verb at step 9.
const gap = 9 - 2;
const influence = wh ** gap;

// rnn/gradients
const vanish = 0.9 ** 50;
const explode = 1.1 ** 50;
const halvingSteps = Math.ceil(Math.log(1000) / Math.log(2));
const clipG = [30, 40];
const clipNorm = Math.hypot(clipG[0], clipG[1]);
const clipMax = 5;
const clipped = clipG.map((g) => (g * clipMax) / clipNorm);

export const questions: Question[] = [
  // ───────────────────────────── rnn/recurrence ─────────────────────────────
  {
    id: 'rnn/recurrence/depends-on',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#hidden-state',
    kind: 'choice',
    prompt: msg(
      'In a vanilla RNN, hₜ = σ(Wₓ·xₜ + Wₕ·hₜ₋₁ + b). What does the new hidden state hₜ depend on?',
      '普通 RNN 中 hₜ = σ(Wₓ·xₜ + Wₕ·hₜ₋₁ + b)。新的隐藏状态 hₜ 取决于什么？',
    ),
    options: [
      msg('Only the current input xₜ', '只取决于当前输入 xₜ'),
      msg('The input xₜ and the previous state hₜ₋₁', '输入 xₜ 和上一步的状态 hₜ₋₁'),
      msg('Only the previous hidden state hₜ₋₁', '只取决于上一步的隐藏状态 hₜ₋₁'),
      msg('The input xₜ and the following state hₜ₊₁', '输入 xₜ 和下一步的状态 hₜ₊₁'),
    ],
    answer: 1,
    explain: msg(
      'Both terms sit inside σ: Wₓ·xₜ brings in the new input and Wₕ·hₜ₋₁ brings in what the network remembered. Wₕ is the weight on the previous hidden value fed back as an input; that loop is what makes the network recurrent.',
      'σ 里有两项：Wₓ·xₜ 带来新的输入，Wₕ·hₜ₋₁ 带来网络此前记住的内容。Wₕ 就是把上一步隐藏值当作这一步输入时所用的权重，正是这个回路让网络成为“循环”网络。',
    ),
    hint: msg('Look at the two products inside σ.', '看 σ 里面的两个乘积。'),
  },
  {
    id: 'rnn/recurrence/shared-weights',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#vectors',
    kind: 'truefalse',
    prompt: msg(
      'True or false: an RNN learns a separate Wₕ for every time step, so a sequence of 50 steps uses 50 different recurrent matrices.',
      '判断：RNN 为每个时间步各学一个 Wₕ，所以 50 步长的序列要用 50 个不同的循环权重矩阵。',
    ),
    answer: false,
    explain: msg(
      'False. The same Wₓ, Wₕ and b are applied at every step. Unrolling the RNN over 50 steps draws 50 copies of one cell, but they all share a single set of weights; that is also why the parameter count does not depend on the sequence length.',
      '错误。每个时间步用的都是同一组 Wₓ、Wₕ 和 b。把 RNN 展开 50 步，画出来是同一个单元的 50 个副本，它们共用一套权重；这也是参数量与序列长度无关的原因。',
    ),
    hint: msg('Does the number of parameters change with the sequence length?', '参数数量会随序列长度变化吗？'),
  },
  {
    id: 'rnn/recurrence/wh-shape',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#vectors',
    kind: 'choice',
    prompt: msg(
      `An RNN has input size ${I} and hidden size ${H}, with column vectors as in the lessons: hₜ = σ(Wₓ·xₜ + Wₕ·hₜ₋₁ + b). What is the shape of Wₕ?`,
      `某 RNN 输入维度为 ${I}，隐藏维度为 ${H}，和课程中一样按列向量写作 hₜ = σ(Wₓ·xₜ + Wₕ·hₜ₋₁ + b)。Wₕ 的形状是什么？`,
    ),
    options: [
      msg(`${I}×${H}`, `${I}×${H} 的矩阵`),
      msg(`${H}×${H}`, `${H}×${H} 的矩阵`),
      msg(`${H}×${I}`, `${H}×${I} 的矩阵`),
      msg(`1×${H}`, `1×${H} 的矩阵`),
    ],
    answer: 1,
    explain: msg(
      `Wₕ maps the previous hidden state (${H} values) to a new hidden state (${H} values), so it is ${H}×${H}. Wₓ maps the ${I}-value input to ${H} values and is ${H}×${I} (with row vectors, as in the notes, it would be its transpose, ${I}×${H}; Wₕ is ${H}×${H} either way).`,
      `Wₕ 把上一步的隐藏状态（${H} 个值）映射成新的隐藏状态（${H} 个值），所以是 ${H}×${H}。Wₓ 把 ${I} 维输入映射到 ${H} 维，是 ${H}×${I}（若像笔记那样用行向量，则是它的转置 ${I}×${H}；Wₕ 无论哪种写法都是 ${H}×${H}）。`,
    ),
    hint: msg('hₜ₋₁ goes in, something the size of hₜ comes out.', '输入是 hₜ₋₁，输出要和 hₜ 一样大。'),
  },
  {
    id: 'rnn/recurrence/param-count',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#vector-demo',
    kind: 'numeric',
    prompt: msg(
      `How many trainable parameters does a vanilla RNN cell have with input size ${I}, hidden size ${H} and one bias vector?`,
      `输入维度 ${I}、隐藏维度 ${H}、只有一个偏置向量的普通 RNN 单元，共有多少个可训练参数？`,
    ),
    answer: rnnParams,
    explain: msg(
      `Wₓ: ${H}×${I} = ${rnnWx}; Wₕ: ${H}×${H} = ${rnnWh}; b: ${H}. Total ${rnnWx} + ${rnnWh} + ${H} = ${fmtInt(rnnParams)}. (PyTorch's nn.RNN keeps two bias vectors, which adds another ${H}.)`,
      `Wₓ：${H}×${I} = ${rnnWx}；Wₕ：${H}×${H} = ${rnnWh}；b：${H}。合计 ${rnnWx} + ${rnnWh} + ${H} = ${fmtInt(rnnParams)}。（PyTorch 的 nn.RNN 有两个偏置向量，会再多 ${H} 个。）`,
    ),
    hint: msg('Count Wₓ, Wₕ and b separately.', '分别数 Wₓ、Wₕ 和 b。'),
  },
  {
    id: 'rnn/recurrence/params-unrolled',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#vectors',
    kind: 'numeric',
    prompt: msg(
      `An RNN cell has ${fmtInt(rnnParams)} parameters. It is unrolled over a sequence of 100 steps for training. How many distinct trainable parameters does the unrolled network have?`,
      `某 RNN 单元有 ${fmtInt(rnnParams)} 个参数。训练时把它在 100 步长的序列上展开。展开后的网络有多少个不同的可训练参数？`,
    ),
    answer: rnnParams,
    explain: msg(
      `Still ${fmtInt(rnnParams)}. The 100 copies in the unrolled picture all reuse the same Wₓ, Wₕ and b; unrolling changes how much computation is done, not how many weights exist.`,
      `仍然是 ${fmtInt(rnnParams)}。展开图中的 100 个副本都复用同一组 Wₓ、Wₕ 和 b；展开只增加计算量，不增加权重数量。`,
    ),
    hint: msg('Weights are shared across time.', '权重在时间维度上共享。'),
  },
  {
    id: 'rnn/recurrence/linear-trace',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#scalar-demo',
    kind: 'numeric',
    prompt: msg(
      `A scalar RNN with no activation: hₜ = 1·xₜ + ${wh}·hₜ₋₁ (no bias), h₀ = 0. The inputs are x₁ = 1, x₂ = 0, x₃ = 0. What is h₃?`,
      `一个不带激活函数的标量 RNN：hₜ = 1·xₜ + ${wh}·hₜ₋₁（无偏置），h₀ = 0。输入为 x₁ = 1、x₂ = 0、x₃ = 0。h₃ 等于多少？`,
    ),
    answer: h3,
    tolerance: 1e-3,
    explain: msg(
      `h₁ = 1·1 + ${wh}·0 = ${h1}; h₂ = 0 + ${wh}·${h1} = ${h2}; h₃ = 0 + ${wh}·${h2} = ${h3}. The input from step 1 is still there, but it halves at every step.`,
      `h₁ = 1·1 + ${wh}·0 = ${h1}；h₂ = 0 + ${wh}·${h1} = ${h2}；h₃ = 0 + ${wh}·${h2} = ${h3}。第 1 步的输入还在，但每过一步就减半。`,
    ),
    hint: msg('Apply the rule three times, starting from h₀ = 0.', '从 h₀ = 0 开始，把公式连用三次。'),
  },
  {
    id: 'rnn/recurrence/tanh-step',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#one-step',
    kind: 'numeric',
    prompt: msg(
      'A scalar RNN uses σ = tanh, wₓ = 0.5, wₕ = 1 and b = 0. With hₜ₋₁ = 0.5 and xₜ = 1, what is hₜ? (3 decimal places)',
      '一个标量 RNN 取 σ = tanh，wₓ = 0.5，wₕ = 1，b = 0。若 hₜ₋₁ = 0.5，xₜ = 1，hₜ 等于多少？（保留 3 位小数）',
    ),
    answer: tanhStep,
    tolerance: 1e-3,
    explain: msg(
      `Pre-activation: 1·0.5 + 0.5·1 + 0 = ${tanhPre}. hₜ = tanh(${tanhPre}) ≈ ${tanhStep.toFixed(4)}.`,
      `激活前的值：1·0.5 + 0.5·1 + 0 = ${tanhPre}。hₜ = tanh(${tanhPre}) ≈ ${tanhStep.toFixed(4)}。`,
    ),
    hint: msg('First compute xₜ·wₓ + hₜ₋₁·wₕ + b, then apply tanh.', '先算 xₜ·wₓ + hₜ₋₁·wₕ + b，再取 tanh。'),
  },
  {
    id: 'rnn/recurrence/param-formula',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#vector-demo',
    kind: 'formula',
    prompt: msg(
      'Write the number of parameters of a vanilla RNN cell with input size I, hidden size H and one bias vector, in terms of I and H.',
      '用 I 和 H 写出普通 RNN 单元的参数量：输入维度为 I，隐藏维度为 H，只有一个偏置向量。',
    ),
    answer: 'H*(I+H)+H',
    vars: ['H', 'I'],
    explain: msg(
      'Wₓ has H·I weights, Wₕ has H·H, b has H: H·I + H·H + H = H·(I + H) + H. For I = 10, H = 20: 20·30 + 20 = 620.',
      'Wₓ 有 H·I 个权重，Wₕ 有 H·H 个，b 有 H 个：H·I + H·H + H = H·(I + H) + H。例如 I = 10、H = 20 时：20·30 + 20 = 620。',
    ),
    hint: msg('Wₓ is H×I, Wₕ is H×H, b has H entries.', 'Wₓ 是 H×I，Wₕ 是 H×H，b 有 H 个元素。'),
  },
  {
    id: 'rnn/recurrence/unrolled-order',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    taught: 'rnn/recurrence#unrolled',
    kind: 'order',
    prompt: msg(
      'Put the steps of running an RNN over the sequence x₁, x₂, …, x_T in order.',
      '把 RNN 处理序列 x₁, x₂, …, x_T 的步骤按顺序排好。',
    ),
    items: [
      msg('Set the initial hidden state h₀ (usually zeros)', '设定初始隐藏状态 h₀（通常为全零）'),
      msg('Read x₁ and compute h₁ from x₁ and h₀', '读入 x₁，由 x₁ 和 h₀ 算出 h₁'),
      msg('Read x₂ and compute h₂ from x₂ and h₁', '读入 x₂，由 x₂ 和 h₁ 算出 h₂'),
      msg('Continue the same way up to h_T', '以同样方式一直算到 h_T'),
      msg('Use h_T (or every hₜ) to make the prediction', '用 h_T（或每一步的 hₜ）做预测'),
    ],
    explain: msg(
      'Each hidden state needs the one before it, so the steps run strictly one after another, with the same weights at every step. The last state (or all of them) feeds the output layer.',
      '每个隐藏状态都需要前一个状态，所以各步只能严格依次计算，每一步用同一组权重。最后一个状态（或全部状态）送入输出层。',
    ),
    hint: msg('hₜ cannot be computed before hₜ₋₁.', 'hₜ 必须在 hₜ₋₁ 之后才能算。'),
  },

  // ───────────────────────────── rnn/long-term ─────────────────────────────
  {
    id: 'rnn/long-term/why-hard',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#fading',
    kind: 'choice',
    prompt: msg(
      'A sentence has its subject (singular or plural) at step 2 and the verb that must agree with it at step 9. Why does a plain RNN often pick the wrong verb form?',
      '一句话的主语（单数或复数）在第 2 步，需要与之一致的动词在第 9 步。普通 RNN 为什么常常选错动词形式？',
    ),
    options: [
      msg('The RNN can read at most 8 words, so the verb is cut off', 'RNN 最多只能读 8 个词，动词被截掉了'),
      msg('The RNN reads the verb before it reads the subject', 'RNN 先读到动词，后读到主语'),
      msg('Later words keep rewriting h and cover the subject', '后面的词不断改写 h，把主语的特征盖住了'),
      msg('Its weights are reset after every word it reads', '每读完一个词，网络的权重都会被重新初始化'),
    ],
    answer: 2,
    explain: msg(
      'Every step rewrites the whole hidden state from the new input and the old state. After 7 more updates (steps 3 to 9, with the six words "that we saw in the yard" in between), what step 2 contributed has been diluted or covered by the later words, so by step 9 the network has lost the singular/plural information.',
      '每一步都用新输入和旧状态重写整个隐藏状态。再经过 7 次更新（第 3 步到第 9 步，中间隔着 “that we saw in the yard” 六个词），第 2 步留下的信息已被后来的词冲淡或覆盖，到第 9 步时网络已丢失了单复数信息。',
    ),
    hint: msg('What happens to the hidden state at every step?', '每一步隐藏状态会发生什么？'),
  },
  {
    id: 'rnn/long-term/gap',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#subject-verb',
    kind: 'numeric',
    prompt: msg(
      'The subject is read at step 2 and the verb at step 9. How many recurrent updates (applications of Wₕ) lie between h₂ and h₉?',
      '主语在第 2 步读入，动词在第 9 步。从 h₂ 到 h₉ 之间要经过多少次循环更新（乘以 Wₕ 的次数）？',
    ),
    answer: gap,
    explain: msg(
      `h₃, h₄, …, h₉ are each computed from the previous state once: 9 − 2 = ${gap} updates.`,
      `h₃、h₄、…、h₉ 各由前一状态计算一次：9 − 2 = ${gap} 次更新。`,
    ),
    hint: msg('Count the states after h₂ up to h₉.', '数一数 h₂ 之后到 h₉ 有几个状态。'),
  },
  {
    id: 'rnn/long-term/influence',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#fraction-per-step',
    kind: 'numeric',
    prompt: msg(
      `In a linear scalar RNN hₜ = xₜ + ${wh}·hₜ₋₁, by how much does h₉ change when x₂ changes by 1? (4 decimal places)`,
      `线性标量 RNN：hₜ = xₜ + ${wh}·hₜ₋₁。当 x₂ 增加 1 时，h₉ 会变化多少？（保留 4 位小数）`,
    ),
    answer: influence,
    tolerance: 1e-4,
    explain: msg(
      `x₂ enters h₂ with weight 1, then is multiplied by ${wh} at each of the ${gap} updates to h₉: ${wh}^${gap} = ${influence}. The subject is still there, but under 1% of its original size.`,
      `x₂ 以权重 1 进入 h₂，之后到 h₉ 的 ${gap} 次更新每次乘以 ${wh}：${wh}^${gap} = ${influence}。主语的信息还在，但已不到原来的 1%。`,
    ),
    hint: msg(`Multiply by ${wh} once per update.`, `每更新一次乘一次 ${wh}。`),
  },
  {
    id: 'rnn/long-term/influence-formula',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#fraction-per-step',
    kind: 'formula',
    prompt: msg(
      'In a linear scalar RNN hₜ = u·xₜ + w·hₜ₋₁, write how much h_(t+k) changes per unit change of hₜ, in terms of w and k.',
      '线性标量 RNN：hₜ = u·xₜ + w·hₜ₋₁。用 w 和 k 写出：hₜ 每变化 1，h_(t+k) 变化多少。',
    ),
    answer: 'w^k',
    vars: ['w', 'k'],
    explain: msg(
      'Each update multiplies the old state by w, so k updates multiply it by w·w·…·w = w^k. With |w| < 1 this shrinks geometrically (0.5^7 ≈ 0.0078); with |w| > 1 it grows.',
      '每次更新都把旧状态乘以 w，k 次更新就是 w·w·…·w = w^k。|w| < 1 时按几何级数缩小（0.5^7 ≈ 0.0078）；|w| > 1 时则增大。',
    ),
    hint: msg('One factor of w per step.', '每一步一个 w 因子。'),
  },
  {
    id: 'rnn/long-term/short-vs-long',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#gap-grows',
    kind: 'truefalse',
    prompt: msg(
      'True or false: a plain RNN can usually use a word from 2 steps back, but finds it much harder to use a word from 50 steps back.',
      '判断：普通 RNN 通常能利用 2 步之前的词，但要利用 50 步之前的词就困难得多。',
    ),
    answer: true,
    explain: msg(
      'True. The trouble grows with the distance: each step between the word and the place it is needed is one more overwrite of the hidden state and one more factor in the gradient. Short gaps are fine; long gaps are the problem.',
      '正确。困难随距离增加：词与需要它的位置之间每隔一步，隐藏状态就多被覆盖一次，梯度里也多一个因子。短距离没问题，长距离才是难点。',
    ),
    hint: msg('Does the difficulty depend on the distance?', '难度和距离有关吗？'),
  },
  {
    id: 'rnn/long-term/not-weights',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#fading',
    kind: 'truefalse',
    prompt: msg(
      'True or false: a long-term dependency is lost because the RNN changes its weights while it reads the sentence.',
      '判断：长期依赖之所以丢失，是因为 RNN 在读句子的过程中改变了自己的权重。',
    ),
    answer: false,
    explain: msg(
      'False. While reading a sentence the weights are fixed. What fades is the information in the hidden state: each step rebuilds hₜ from xₜ and hₜ₋₁, so an early feature is mixed with, and covered by, everything read after it.',
      '错误。读一句话时权重是固定的。消失的是隐藏状态里的信息：每一步都由 xₜ 和 hₜ₋₁ 重新算出 hₜ，早期的特征会被之后读到的内容混合、覆盖。',
    ),
    hint: msg('What is rewritten at every step: the weights or the state?', '每一步被重写的是权重还是状态？'),
  },
  {
    id: 'rnn/long-term/lstm-fix',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    taught: 'rnn/long-term#learning',
    kind: 'choice',
    prompt: msg(
      'How does an LSTM handle the step-2 subject / step-9 verb example better than a plain RNN?',
      '对于“第 2 步主语、第 9 步动词”的例子，LSTM 为什么比普通 RNN 处理得好？',
    ),
    options: [
      msg('It reads the whole sentence backwards', '它把整句话倒过来读'),
      msg('It has a separate weight matrix for each time step', '它为每个时间步配一个单独的权重矩阵'),
      msg('It uses a larger learning rate', '它使用更大的学习率'),
      msg('Its gates keep the feature in the cell state', '它的门把主语特征留在单元状态中'),
    ],
    answer: 3,
    explain: msg(
      'The LSTM adds a cell state controlled by gates. With the forget gate near 1 and the input gate near 0, the subject feature passes along the cell state almost untouched, so at t9 it is still available to choose singular or plural.',
      'LSTM 增加了由门控制的单元状态。遗忘门接近 1、输入门接近 0 时，主语特征几乎原样沿单元状态传递，到 t9 时仍可用来判断单数还是复数。',
    ),
    hint: msg('Gates control which features flow on and which are dropped.', '门控制哪些特征继续流动、哪些被丢弃。'),
  },

  // ───────────────────────────── rnn/gradients ─────────────────────────────
  {
    id: 'rnn/gradients/vanish-50',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#power',
    kind: 'numeric',
    prompt: msg(
      'Backpropagating through 50 time steps multiplies the gradient norm by about 0.9 per step. What fraction of it is left? (4 decimal places)',
      '在 50 个时间步上反向传播，梯度范数每步大约乘以 0.9。最后还剩原来的多少？（保留 4 位小数）',
    ),
    answer: vanish,
    tolerance: 2e-4,
    explain: msg(
      `0.9^50 ≈ ${vanish.toFixed(5)}: about 0.5% of the gradient reaches the state 50 steps back. A gain only slightly below 1 still vanishes geometrically over many steps.`,
      `0.9^50 ≈ ${vanish.toFixed(5)}：只有约 0.5% 的梯度能传回 50 步之前的状态。每步增益只比 1 小一点，步数一多也会按几何级数消失。`,
    ),
    hint: msg('Compute 0.9^50.', '算 0.9^50。'),
  },
  {
    id: 'rnn/gradients/explode-50',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#power',
    kind: 'numeric',
    prompt: msg(
      'Backpropagating through 50 time steps multiplies the gradient norm by about 1.1 per step. By what factor has it grown? (nearest whole number)',
      '在 50 个时间步上反向传播，梯度范数每步大约乘以 1.1。总共放大到原来的多少倍？（取整数）',
    ),
    answer: explode,
    tolerance: 0.5,
    explain: msg(
      `1.1^50 ≈ ${explode.toFixed(1)}. A 10% gain per step becomes a ${Math.round(explode)}-fold blow-up: the gradient explodes.`,
      `1.1^50 ≈ ${explode.toFixed(1)}。每步只多 10%，50 步后就放大到原来的约 ${Math.round(explode)} 倍：梯度爆炸。`,
    ),
    hint: msg('Compute 1.1^50.', '算 1.1^50。'),
  },
  {
    id: 'rnn/gradients/why-rnn',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#same-matrix',
    kind: 'choice',
    prompt: msg(
      'Deep feed-forward networks can also suffer from vanishing and exploding gradients. Why are they especially severe in RNNs?',
      '深层前馈网络也可能出现梯度消失和梯度爆炸。为什么它们在 RNN 中尤其严重？',
    ),
    options: [
      msg('The same Wₕ multiplies the gradient at every step', '每一步都用同一个 Wₕ 去乘梯度'),
      msg('RNNs use ReLU, which always sets gradients to zero', 'RNN 用 ReLU，而 ReLU 总让梯度变成零'),
      msg('RNNs have more parameters than deep feed-forward nets', 'RNN 的参数比深层前馈网络多'),
      msg('RNNs have no bias terms to keep gradients stable', 'RNN 没有偏置项来稳定梯度'),
    ],
    answer: 0,
    explain: msg(
      'Every time step reuses the same weight matrix, so going back T steps multiplies by roughly the same factor T times: gain^T. A deep feed-forward network also multiplies many matrices, but they are different, and each layer can be kept in range by careful initialisation (Xavier, He), ReLU, BatchNorm and residual connections. One shared Wₕ cannot be tuned step by step.',
      '每个时间步复用同一个权重矩阵，反向经过 T 步就相当于把大致相同的因子连乘 T 次：增益^T。深层前馈网络虽然也要连乘很多矩阵，但它们各不相同，可以靠精心的初始化（Xavier、He）、ReLU、BatchNorm 和残差连接让每一层保持在合适的范围。一个共享的 Wₕ 却没法一步一步地分别调整。',
    ),
    hint: msg('What is special about the weights used at each time step?', '每个时间步用的权重有什么特别之处？'),
  },
  {
    id: 'rnn/gradients/clip-vanishing',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#no-threshold',
    kind: 'truefalse',
    prompt: msg(
      'True or false: gradient clipping fixes vanishing gradients just as well as exploding ones.',
      '判断：梯度截断既能解决梯度爆炸，也同样能解决梯度消失。',
    ),
    answer: false,
    explain: msg(
      'False. Clipping only caps a gradient that is too large. A tiny gradient cannot simply be scaled up by a threshold, because a small gradient is not always an error: long-term structure in the data can genuinely produce small gradients. Vanishing needs a change of architecture, such as the LSTM.',
      '错误。截断只是把过大的梯度压下来。过小的梯度不能简单地按阈值放大，因为小梯度不一定是错误：数据中真实的长期依赖结构本身也会产生很小的梯度。梯度消失需要改结构来解决，比如 LSTM。',
    ),
    hint: msg('Can you tell a "too small" gradient from a genuinely small one?', '你能区分“太小的”梯度和本来就小的梯度吗？'),
  },
  {
    id: 'rnn/gradients/clip-direction',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#clipping',
    kind: 'truefalse',
    prompt: msg(
      'True or false: clipping by norm (g ← g·c/‖g‖ when ‖g‖ > c) keeps the direction of the gradient and only shortens it.',
      '判断：按范数截断（当 ‖g‖ > c 时 g ← g·c/‖g‖）保持梯度方向不变，只是把它缩短。',
    ),
    answer: true,
    explain: msg(
      'True. Every component is multiplied by the same positive number c/‖g‖, so the vector points the same way and its new norm is exactly c.',
      '正确。每个分量都乘以同一个正数 c/‖g‖，所以向量方向不变，新的范数恰好等于 c。',
    ),
    hint: msg('Are all components scaled by the same factor?', '所有分量是否乘以同一个因子？'),
  },
  {
    id: 'rnn/gradients/clip-value',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#clipping',
    kind: 'numeric',
    prompt: msg(
      `A gradient g = [${clipG.join(', ')}] is clipped by norm with threshold c = ${clipMax}. What is the first component after clipping?`,
      `梯度 g = [${clipG.join(', ')}] 按范数截断，阈值 c = ${clipMax}。截断后第一个分量是多少？`,
    ),
    answer: clipped[0],
    tolerance: 1e-3,
    explain: msg(
      `‖g‖ = √(${clipG[0]}² + ${clipG[1]}²) = ${clipNorm} > ${clipMax}, so scale by ${clipMax}/${clipNorm} = ${clipMax / clipNorm}: g becomes [${clipped.join(', ')}], whose norm is ${clipMax}.`,
      `‖g‖ = √(${clipG[0]}² + ${clipG[1]}²) = ${clipNorm} > ${clipMax}，所以乘以 ${clipMax}/${clipNorm} = ${clipMax / clipNorm}：g 变为 [${clipped.join(', ')}]，范数为 ${clipMax}。`,
    ),
    hint: msg('First compute the norm √(30² + 40²).', '先算范数 √(30² + 40²)。'),
  },
  {
    id: 'rnn/gradients/clip-formula',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#clipping',
    kind: 'formula',
    prompt: msg(
      'A gradient has norm n, larger than the clipping threshold c. After clipping by norm, what does a component g become? Use g, c and n.',
      '梯度的范数为 n，大于截断阈值 c。按范数截断后，某个分量 g 变成多少？用 g、c、n 表示。',
    ),
    answer: 'g*c/n',
    vars: ['g', 'c', 'n'],
    explain: msg(
      'The whole vector is multiplied by c/n, so each component becomes g·c/n and the new norm is n·c/n = c. Example: g = 30, n = 50, c = 5 gives 3.',
      '整个向量乘以 c/n，每个分量变为 g·c/n，新范数为 n·c/n = c。例如 g = 30、n = 50、c = 5 时得 3。',
    ),
    hint: msg('Which factor turns a norm of n into a norm of c?', '哪个因子能把范数 n 变成 c？'),
  },
  {
    id: 'rnn/gradients/halving-steps',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#power',
    kind: 'numeric',
    prompt: msg(
      'Each step back in time halves the gradient norm. After how many steps is it first below 1/1000 of its starting value?',
      '每往回传一个时间步，梯度范数就减半。至少经过多少步，它会首次小于初始值的 1/1000？',
    ),
    answer: halvingSteps,
    explain: msg(
      `0.5^9 = ${0.5 ** 9} is still above 0.001, but 0.5^10 = ${0.5 ** 10} is below it, so ${halvingSteps} steps. Ten words back, the signal is already under a thousandth.`,
      `0.5^9 = ${0.5 ** 9} 仍大于 0.001，而 0.5^10 = ${0.5 ** 10} 小于它，所以是 ${halvingSteps} 步。仅仅往回 10 个词，信号就不到千分之一了。`,
    ),
    hint: msg('2^10 = 1024.', '提示：2^10 = 1024。'),
  },
  {
    id: 'rnn/gradients/bptt-order',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#bptt',
    kind: 'order',
    prompt: msg(
      'Put one training step of an RNN with backpropagation through time (BPTT) and gradient clipping in order.',
      '把 RNN 用随时间反向传播（BPTT）加梯度截断做一次训练的步骤按顺序排好。',
    ),
    items: [
      msg('Run forward over all T steps, keeping every hidden state', '前向计算全部 T 步，保存每个隐藏状态'),
      msg('Compute the loss from the outputs', '由输出计算损失'),
      msg(
        'Send the gradient back from step T to step 1, multiplying by a Jacobian at each step',
        '把梯度从第 T 步传回第 1 步，每一步乘以一个雅可比矩阵',
      ),
      msg('Add up the gradient contributions of every step for the shared Wₓ, Wₕ, b', '把各步对共享的 Wₓ、Wₕ、b 的梯度贡献相加'),
      msg('Clip the gradient if its norm exceeds the threshold', '若梯度范数超过阈值则截断'),
      msg('Update the weights', '更新权重'),
    ],
    explain: msg(
      'BPTT is ordinary backprop on the unrolled network: forward pass, loss, backward pass through every step. Because the weights are shared, their gradient is the sum over steps. Clipping acts on that summed gradient just before the update.',
      'BPTT 就是在展开后的网络上做普通反向传播：前向、算损失、逐步反向。因为权重共享，它的梯度是各步之和。截断作用在这个求和后的梯度上，紧接在更新之前。',
    ),
    hint: msg('Clipping needs the finished gradient.', '截断需要已经算完的梯度。'),
  },
  {
    id: 'rnn/gradients/explode-symptom',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    taught: 'rnn/gradients#clipping',
    kind: 'choice',
    prompt: msg(
      'While training an RNN the loss suddenly jumps to a huge value and then becomes NaN. What is the most likely cause and the usual remedy?',
      '训练 RNN 时，损失突然跳到一个巨大的值，随后变成 NaN。最可能的原因和通常的对策是什么？',
    ),
    options: [
      msg('Exploding gradients; clip the gradient norm', '梯度爆炸；对梯度范数做截断'),
      msg('Vanishing gradients; clip the gradient norm', '梯度消失；对梯度范数做截断'),
      msg('Too few parameters; add more hidden units', '参数太少；增加隐藏单元'),
      msg('The sequence is too short; pad it', '序列太短；进行填充'),
    ],
    answer: 0,
    explain: msg(
      'A gain above 1 per step makes the gradient grow geometrically (1.1^50 ≈ 117), so one update throws the weights far away and the numbers overflow. Clipping caps the length of the update. Vanishing gradients do not produce NaN; they make learning of long-range effects stall, and clipping would not help them.',
      '每步增益大于 1 时梯度按几何级数增长（1.1^50 ≈ 117），一次更新就把权重推得很远，数值溢出。截断限制了更新的长度。梯度消失不会导致 NaN，它只会让长距离依赖学不动，截断对它也没有帮助。',
    ),
    hint: msg('Huge values come from growth, not decay.', '巨大的数值来自增长，而不是衰减。'),
  },
];
