/**
 * rnn/gradients — vanishing and exploding gradients: backpropagation through
 * time multiplies by the same Wₕ at every step; gradient clipping tames the
 * exploding case and cannot help the vanishing one. The required demo charts
 * ‖∂L/∂hₜ‖ over 50 steps for Wₕ = gain × an orthogonal matrix, with and
 * without clipGradNorm(max_norm = 1).
 */
import { clipGradNorm, randNormal, rnnBpttGradNorms, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { orthogonal } from '../../engine/index.js';
import { norm, scaled } from './common.js';
import { drawChains } from './diagrams.js';
import { fmtDecimals, fmtSig3 } from '../../i18n/numbers.js';

export const GAINS = [0.9, 1.0, 1.1] as const;
/** Time steps: x₁ … x₅₀ make h₁ … h₅₀ from h₀ = 0; the chart shows ∂L/∂hₜ for t = 0 … 50 (51 gradients). */
export const STEPS = 50;
const H = 16;
const I = 4;
const MAX_NORM = 1;

export interface GainRun {
  gain: number;
  /** ‖∂L/∂hₜ‖ for t = 0 … STEPS (t = 0 is the initial state h₀). */
  raw: number[];
  /** The same after clip_grad_norm_(max_norm = 1) on all STEPS + 1 of them together. */
  clipped: number[];
  /** That clipping: the total length of all the gradients and the one factor that scales each of them. */
  global: { totalNorm: number; coef: number; first: number; last: number };
}

/**
 * A tanh RNN with Wₕ = gain·Q (Q orthogonal: it turns vectors without
 * stretching them) and tiny inputs, so tanh′ ≈ 1 and the gradient is shaped by
 * Wₕ alone. The loss is sum(h₅₀)/√H, so the last gradient has length 1 and
 * ∂L/∂h₀ has been multiplied by Wₕᵀ fifty times.
 */
export function gradientRuns(seed: number): GainRun[] {
  const Q = orthogonal(H, seed);
  const weightIh = scaled(randNormal([H, I], seed + 1), 1 / Math.sqrt(I));
  const xs = scaled(randNormal([STEPS, I], seed + 2), 1e-5);
  return GAINS.map((gain) => {
    const r = rnnBpttGradNorms(xs, null, { weightIh, weightHh: scaled(Q, gain) });
    const unit = (d: ArrayLike<number>) => new Tensor([H], Array.from(d, (v) => v / Math.sqrt(H)));
    const per = [unit(r.gradH0.data), ...Array.from({ length: STEPS }, (_, t) => unit(r.grads.data.slice(t * H, (t + 1) * H)))];
    const raw = per.map((g) => norm(g.data));
    const all = clipGradNorm(per, MAX_NORM);
    const clipped = all.grads.map((g) => norm(g.data));
    return {
      gain,
      raw,
      clipped,
      global: { totalNorm: all.totalNorm, coef: all.coef, first: clipped[0], last: clipped[STEPS] },
    };
  });
}

const label = (g: number) => msg(`gain ${fmtDecimals(g, 1)}`, `增益 ${fmtDecimals(g, 1)}`);

function chartDemo(seed: number): Block[] {
  const runs = gradientRuns(seed);
  const rows = runs.map((r) => [fmtDecimals(r.gain, 1), fmtSig3(r.raw[0]), fmtSig3(r.gain ** STEPS), fmtSig3(r.raw[STEPS])]);
  const [v, , e] = runs;
  return [
    {
      kind: 'chart',
      label: msg('‖∂L/∂hₜ‖, no clipping', '‖∂L/∂hₜ‖，不截断'),
      series: runs.map((r) => ({ label: label(r.gain), values: r.raw })),
      log: true,
      xStart: 0,
      xStep: 1,
      xLabel: msg('step t (h₀ is the initial state; the loss is at t = 50)', '时间步 t（h₀ 是初始状态；损失在 t = 50）'),
    },
    {
      kind: 'table',
      head: [msg('gain', '增益'), '‖∂L/∂h₀‖', msg('gain⁵⁰', '增益⁵⁰'), '‖∂L/∂h₅₀‖'],
      rows,
      align: ['left', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `From h₅₀ back to h₀ the gradient is multiplied by Wₕᵀ fifty times. Gain ${fmtDecimals(v.gain, 1)} shrinks it to ${fmtSig3(v.raw[0])} (0.9⁵⁰ = ${fmtSig3(0.9 ** 50)}); gain ${fmtDecimals(e.gain, 1)} blows it up to ${fmtSig3(e.raw[0])} (1.1⁵⁰ = ${fmtSig3(1.1 ** 50)}). ` +
          'The measured values are slightly below the pure powers, because each step also multiplies by tanh′ = 1 − h², which is just under 1.',
        `从 h₅₀ 回到 h₀，梯度被 Wₕᵀ 乘了 50 次。增益 ${fmtDecimals(v.gain, 1)} 把它缩小到 ${fmtSig3(v.raw[0])}（0.9⁵⁰ = ${fmtSig3(0.9 ** 50)}）；增益 ${fmtDecimals(e.gain, 1)} 把它放大到 ${fmtSig3(e.raw[0])}（1.1⁵⁰ = ${fmtSig3(1.1 ** 50)}）。` +
          '测得的值比单纯的幂略小，因为每一步还要乘以 tanh′ = 1 − h²，它略小于 1。',
      ),
    },
  ];
}

function clipDemo(seed: number): Block[] {
  const runs = gradientRuns(seed);
  const rows = runs.map((r) => {
    const g = r.global;
    return [fmtDecimals(r.gain, 1), fmtSig3(g.totalNorm), fmtSig3(g.coef), fmtSig3(r.raw[0]), fmtSig3(g.first), fmtSig3(r.raw[0] / r.raw[STEPS]), fmtSig3(g.first / g.last)];
  });
  const [v, , e] = runs;
  return [
    {
      kind: 'chart',
      label: msg(`‖∂L/∂hₜ‖ after clip_grad_norm_(max_norm = ${MAX_NORM}) on all 51 together`, `对全部 51 个梯度一起做 clip_grad_norm_(max_norm = ${MAX_NORM}) 之后的 ‖∂L/∂hₜ‖`),
      series: runs.map((r) => ({ label: label(r.gain), values: r.clipped })),
      log: true,
      xStart: 0,
      xStep: 1,
      xLabel: msg('step t', '时间步 t'),
    },
    {
      kind: 'table',
      head: [msg('gain', '增益'), msg('total ‖g‖', '总 ‖g‖'), msg('factor', '系数'), msg('‖g₀‖ before', '截断前 ‖g₀‖'), msg('after', '截断后'), msg('‖g₀‖/‖g₅₀‖ before', '截断前 ‖g₀‖/‖g₅₀‖'), msg('after', '截断后')],
      rows,
      align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `With gain ${fmtDecimals(e.gain, 1)} all the gradients together have length ${fmtSig3(e.global.totalNorm)}; clipping multiplies every one of them by ${fmtSig3(e.global.coef)}, so the total length becomes ${MAX_NORM}. ` +
          `With gain ${fmtDecimals(v.gain, 1)} the total is ${fmtSig3(v.global.totalNorm)}, also above ${MAX_NORM}, so the same rule multiplies everything by ${fmtSig3(v.global.coef)}: the tiny ‖∂L/∂h₀‖ gets smaller still (${fmtSig3(v.raw[0])} → ${fmtSig3(v.global.first)}). ` +
          'The last two columns are equal: one common factor keeps the direction, and so the balance between far and near steps. Clipping limits the size of an update; it cannot bring back a vanished gradient.',
        `增益 ${fmtDecimals(e.gain, 1)} 时，所有梯度合在一起的长度是 ${fmtSig3(e.global.totalNorm)}；截断把其中每一个都乘以 ${fmtSig3(e.global.coef)}，总长度于是变成 ${MAX_NORM}。` +
          `增益 ${fmtDecimals(v.gain, 1)} 时总长度是 ${fmtSig3(v.global.totalNorm)}，同样超过 ${MAX_NORM}，于是同一条规则把所有梯度都乘以 ${fmtSig3(v.global.coef)}：本来就很小的 ‖∂L/∂h₀‖ 变得更小（${fmtSig3(v.raw[0])} → ${fmtSig3(v.global.first)}）。` +
          '最后两列相等：同一个系数保持了方向，也就保持了远处和近处各步之间的比例。截断限制的是一次更新的大小，无法找回已经消失的梯度。',
      ),
    },
  ];
}

export const gradients: Lesson = {
  id: 'rnn/gradients',
  topic: 'rnn',
  section: 'RNN › 梯度消失/爆炸',
  title: msg('Vanishing and exploding gradients', '梯度消失与梯度爆炸'),
  summary: msg('The same Wₕ at every step makes gradients shrink or grow exponentially; clipping tames only the growing kind', '每一步都用同一个 Wₕ，梯度因此指数级地缩小或增大；截断只对增大（爆炸）有效'),
  steps: [
    {
      kind: 'text',
      title: msg('Backpropagation through time', '沿时间反向传播'),
      key: 'bptt',
      body: msg(
        'To train an RNN, unroll it and backpropagate as in any deep network, from the loss back to the first step. The chain rule gives, one step at a time:\n\n' +
          '  ∂L/∂hₜ₋₁ = Wₕᵀ·(∂L/∂hₜ ⊙ (1 − hₜ²))\n\n' +
          'So the gradient that reaches a step k steps back has been multiplied k times by Wₕᵀ (and by tanh′ = 1 − h², which is at most 1). A product of many factors tends to either die out or blow up.\n\n' +
          'Because every step uses the same Wₓ, Wₕ and b, the gradient of each weight is the sum of the contributions from all the steps. That sum is what the update (and gradient clipping, below) works on.',
        '训练 RNN 时，先把它展开，再像任何深层网络一样从损失一直反向传播到第一步。链式法则每次往回走一步：\n\n' +
          '  ∂L/∂hₜ₋₁ = Wₕᵀ·(∂L/∂hₜ ⊙ (1 − hₜ²))\n\n' +
          '所以传到 k 步之前的梯度，已经被 Wₕᵀ 乘了 k 次（还要乘 tanh′ = 1 − h²，它最大为 1）。很多因子连乘，结果往往不是趋于消失，就是爆炸。\n\n' +
          '因为每一步用的都是同一组 Wₓ、Wₕ 和 b，每个权重的梯度就是所有步贡献之和。更新（以及后面讲的梯度截断）作用的正是这个和。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Different matrices, or the same one', '不同的矩阵，还是同一个矩阵'),
      draw: drawChains,
    },
    {
      kind: 'text',
      title: msg('Deep networks in general, RNNs in particular', '深层网络都有，RNN 尤其严重'),
      key: 'same-matrix',
      body: msg(
        'Vanishing and exploding gradients are not an RNN invention: any deep network multiplies its gradient by one matrix per layer, and a deep feed-forward network (DNN) can suffer from them too. ' +
          'That is why DNNs use ReLU, careful initialization (Xavier or He), BatchNorm and residual connections: each layer has its own matrix, and each can be scaled so that the product stays in a healthy range.\n\n' +
          'The notes say the problem lives mainly in RNNs, and the reason is that an RNN uses the same weight matrix at every time step. There is only Wₕ, raised to the power of the number of steps, and it cannot be tuned step by step. ' +
          'If it stretches vectors by a factor γ, k steps stretch them by about γᵏ, and sequences are often tens or hundreds of steps long.',
        '梯度消失和梯度爆炸并不是 RNN 独有的：任何深层网络都要在每一层把梯度乘以一个矩阵，深层前馈网络（DNN）同样可能出现这两个问题。' +
          '所以 DNN 才会用 ReLU、精心的初始化（Xavier 或 He 初始化）、BatchNorm 和残差连接：每一层有自己的矩阵，可以分别调整比例，让乘积保持在合适的范围内。\n\n' +
          '笔记说这个问题主要存在于 RNN 中，原因是 RNN 在每个时间步都使用同一个权重矩阵。只有一个 Wₕ，步数是多少就乘多少次方，没法一步一步地分别调整。' +
          '如果它把向量放大 γ 倍，k 步之后就大约放大 γᵏ 倍，而序列往往长达几十甚至几百步。',
      ),
    },
    {
      kind: 'formula',
      title: msg('Powers of one factor', '同一个因子的幂'),
      key: 'power',
      intro: msg(
        'With a stretch factor γ per step, the gradient k steps back is about γᵏ times the last one. Try γ = 0.9, 1 and 1.1 with k = 50, then longer gaps.',
        '每一步的放大系数为 γ 时，k 步之前的梯度大约是最后一步的 γᵏ 倍。试试 k = 50 时 γ = 0.9、1 和 1.1，再试试更长的间隔。',
      ),
      formula: {
        symbolic: '‖∂L/∂hₜ₋ₖ‖ ≈ γᵏ · ‖∂L/∂hₜ‖',
        substituted: '{gamma}^{k}',
        expr: 'gamma ^ k',
        vars: [
          { name: 'gamma', value: 0.9, label: msg('γ, stretch per step', 'γ，每步的放大系数'), min: 0, max: 3 },
          { name: 'k', value: STEPS, label: msg('steps back', '往回的步数'), min: 0, max: 1000, integer: true },
        ],
        result: { name: 'γᵏ', label: msg('relative gradient', '相对梯度') },
        note: (v, r) => {
          const exact = msg(`γᵏ = ${fmtSig3(r)}. `, `γᵏ = ${fmtSig3(r)}。`);
          let why: ReturnType<typeof msg> | null = null;
          if (v.gamma < 1 && r < 0.01) why = msg('Vanishing: the early steps get almost no training signal.', '梯度消失：前面的步骤几乎得不到训练信号。');
          else if (v.gamma > 1 && r > 100) why = msg('Exploding: one update this large can throw the weights far off; this is what clipping is for.', '梯度爆炸：这么大的一次更新会把权重甩得很远；截断就是为此准备的。');
          else if (v.gamma === 1) why = msg('γ = 1 keeps the gradient exactly; with a tanh RNN this is hard to hold, since tanh′ ≤ 1 shrinks it further.', 'γ = 1 时梯度不变；但在 tanh RNN 中很难保持，因为 tanh′ ≤ 1 还会让它继续变小。');
          return why ? msg(exact.en + why.en, exact.zh + why.zh) : exact;
        },
      },
    },
    {
      kind: 'demo',
      title: msg('50 steps, three gains', '50 步，三种增益'),
      key: 'gains',
      intro: msg(
        `A tanh RNN with H = ${H} and Wₕ = gain × Q, where Q is an orthogonal matrix (built by Gram–Schmidt from seeded random numbers; it rotates vectors without stretching them). The inputs are tiny, so tanh′ ≈ 1 and only the gain matters. ` +
          'It reads 50 inputs, x₁ … x₅₀, starting from h₀ = 0. The loss is taken at h₅₀, and the engine’s rnnBpttGradNorms backpropagates to every hₜ, t = 0 … 50: 51 gradients. Press r for another Q.',
        `一个 H = ${H} 的 tanh RNN，Wₕ = 增益 × Q，Q 是正交矩阵（用 Gram–Schmidt 方法由带种子的随机数构造；它只旋转向量，不拉伸）。输入非常小，所以 tanh′ ≈ 1，只有增益起作用。` +
          '它从 h₀ = 0 开始读入 50 个输入 x₁ … x₅₀。损失在 h₅₀ 处计算，引擎的 rnnBpttGradNorms 把梯度传回每一个 hₜ（t = 0 … 50），共 51 个梯度。按 r 换一个 Q。',
      ),
      run: (env) => chartDemo(env.seed),
    },
    { kind: 'experiment', key: 'experiment-vanishing-gradients', id: 'vanishing-gradients' },
    {
      kind: 'text',
      title: msg('Exploding: clip it', '梯度爆炸：截断它'),
      key: 'clipping',
      body: msg(
        'Exploding gradients show up in training as a loss that suddenly jumps to a huge value or becomes NaN. They have a simple cure, gradient clipping. Pick a threshold θ (max_norm). Before each update, put all the gradients together into one long vector g and measure its length ‖g‖. Then multiply every gradient by one common factor:\n\n' +
          '  g ← g · min(1, θ/‖g‖)\n\n' +
          'If ‖g‖ ≤ θ the factor is 1 and nothing changes; if ‖g‖ > θ, g is shrunk to length θ. The direction is kept, only the length is capped, so one unlucky batch cannot throw the weights far away. ' +
          'In PyTorch this is torch.nn.utils.clip_grad_norm_(parameters, max_norm), which the engine’s clipGradNorm follows.',
        '梯度爆炸在训练中的表现是：损失突然跳到一个巨大的值，或者变成 NaN。它有一个简单的办法：梯度截断。选一个阈值 θ（max_norm）。每次更新之前，把所有梯度合起来看作一个长向量 g，量出它的长度 ‖g‖，然后把每个梯度都乘以同一个系数：\n\n' +
          '  g ← g · min(1, θ/‖g‖)\n\n' +
          '若 ‖g‖ ≤ θ，系数为 1，什么都不变；若 ‖g‖ > θ，g 被缩短到长度 θ。方向不变，只是长度有了上限，这样一个不走运的批次也不会把权重甩得很远。' +
          '在 PyTorch 中这就是 torch.nn.utils.clip_grad_norm_(parameters, max_norm)，引擎的 clipGradNorm 与它一致。',
      ),
    },
    {
      kind: 'demo',
      title: msg('What clipping keeps', '截断保留了什么'),
      key: 'clip-demo',
      intro: msg(
        `The same three runs, clipped the way clip_grad_norm_ treats a list of gradients: the 51 gradients (t = 0 … 50) are multiplied by one common factor min(1, ${MAX_NORM}/‖g‖), so that their total length is at most ${MAX_NORM}. ` +
          '(In training, clipping acts on the weights’ gradients, which add up these per-step parts; the factor works the same way.)',
        `还是这三次运行，按 clip_grad_norm_ 处理一组梯度的方式截断：51 个梯度（t = 0 … 50）都乘以同一个系数 min(1, ${MAX_NORM}/‖g‖)，使它们的总长度不超过 ${MAX_NORM}。` +
          '（训练时截断作用在权重的梯度上，它们是这些逐步梯度的累加；系数的作用方式相同。）',
      ),
      run: (env) => clipDemo(env.seed),
    },
    { kind: 'experiment', key: 'experiment-exploding-gradients', id: 'exploding-gradients' },
    {
      kind: 'text',
      title: msg('Vanishing: no threshold trick', '梯度消失：没有阈值的办法'),
      key: 'no-threshold',
      body: msg(
        'Why not the reverse, "if the gradient is too small, scale it up"? Because a small gradient is not necessarily a fault. Long-term dependencies themselves produce small gradients: a word 40 steps back often really does matter little. ' +
          'A threshold cannot tell "small because it vanished" from "small because it is small", and inflating every small gradient would mostly amplify noise.\n\n' +
          'And as the last demo showed, clipping multiplies every gradient by the same factor of at most 1: it never changes the balance between far and near steps, and it never makes a small gradient larger. Vanishing gradients need a different network: the LSTM, with gates and an additive cell state (lesson lstm/cell-state).',
        '为什么不反过来，“梯度太小就把它放大”？因为梯度小并不一定是错误。长期依赖本身就会产生很小的梯度：40 步之前的一个词，往往确实没什么影响。' +
          '阈值分不清“因为消失而变小”和“本来就小”，把所有小梯度都放大，多半只会放大噪声。\n\n' +
          '而且上一个演示表明，截断把每个梯度都乘以同一个不大于 1 的系数：既不会改变远处和近处各步之间的比例，也不会把小梯度变大。梯度消失需要换一种网络：带有门和加法式单元状态的 LSTM（lstm/cell-state 一课）。',
      ),
    },
    {
      kind: 'check',
      title: msg('What does clipping do to a vanished gradient?', '截断会怎样处理已经消失的梯度？'),
      check: {
        question: (env) => {
          const v = gradientRuns(env.seed)[0];
          return msg(
            `In the gain-0.9 run, ‖∂L/∂h₀‖ is about 0.9⁵⁰ = ${fmtSig3(0.9 ** 50)}, and all 51 gradients together have length ${fmtSig3(v.global.totalNorm)}. What does clip_grad_norm_ with max_norm = 1 do to ‖∂L/∂h₀‖?`,
            `增益 0.9 的那次运行中，‖∂L/∂h₀‖ 约为 0.9⁵⁰ = ${fmtSig3(0.9 ** 50)}，51 个梯度合起来的长度是 ${fmtSig3(v.global.totalNorm)}。用 max_norm = 1 的 clip_grad_norm_ 截断，‖∂L/∂h₀‖ 会怎样？`,
          );
        },
        options: [
          msg('It is multiplied by the same factor as every step', '和每一步一样乘以同一个系数'),
          msg('It is scaled up until it reaches length 1', '被放大，直到长度为 1'),
          msg('It is left alone; only the larger gradients shrink', '保持不变，只有较大的梯度被缩短'),
          msg('It is set to 0 as too small to matter', '因为太小而被置为 0'),
        ],
        answer: 0,
        explain: msg(
          'clip_grad_norm_ measures the length of all the gradients together and multiplies every one of them by min(1, max_norm/‖g‖), here about 0.44 (see the table in “What clipping keeps”). So ‖∂L/∂h₀‖ gets smaller still, and its ratio to ‖∂L/∂h₅₀‖ stays the same: clipping does not help vanishing gradients.',
          'clip_grad_norm_ 量的是所有梯度合起来的长度，并把其中每一个都乘以 min(1, max_norm/‖g‖)，这里约为 0.44（见“截断保留了什么”那一步的表）。所以 ‖∂L/∂h₀‖ 变得更小，它与 ‖∂L/∂h₅₀‖ 的比值不变：截断对梯度消失没有帮助。',
        ),
        wrong: {
          1: msg('Clipping never scales up: the factor min(1, max_norm/‖g‖) is at most 1.', '截断从不放大：系数 min(1, max_norm/‖g‖) 最大为 1。'),
          2: msg('There is one factor for all the gradients together, not one per step; the total here is above 1, so every step is scaled down.', '所有梯度共用一个系数，而不是每一步各算一个；这里总长度超过 1，所以每一步都被缩小。'),
          3: msg('Clipping rescales, it never zeroes a gradient.', '截断只是缩放，从不把梯度置零。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('Why RNNs?', '为什么是 RNN？'),
      check: {
        question: msg(
          'Deep feed-forward networks can have vanishing and exploding gradients too. What makes them especially hard to avoid in an RNN?',
          '深层前馈网络也会出现梯度消失和梯度爆炸。为什么在 RNN 中它们尤其难以避免？',
        ),
        options: [
          msg('The same Wₕ multiplies the gradient at every step', '每一步都用同一个 Wₕ 去乘梯度'),
          msg('tanh has no derivative, so the gradient chain breaks', 'tanh 没有导数，梯度链因此中断'),
          msg('Only RNNs multiply matrices in backpropagation', '只有 RNN 在反向传播中做矩阵乘法'),
          msg('An RNN has more parameters than a DNN', 'RNN 的参数比 DNN 多'),
        ],
        answer: 0,
        explain: msg(
          'One matrix raised to a power shrinks or grows exponentially, and it cannot be scaled step by step. A DNN multiplies different matrices, each of which can be initialized (and normalized) on its own.',
          '同一个矩阵的幂会指数级地缩小或增大，而且没法一步一步地分别调整。DNN 乘的是不同的矩阵，每一个都可以单独初始化（和归一化）。',
        ),
        wrong: {
          1: msg('tanh′(z) = 1 − tanh²(z) exists everywhere; it is at most 1, which only adds to the shrinking.', 'tanh′(z) = 1 − tanh²(z) 处处存在；它最大为 1，只会让梯度更小。'),
          2: msg('A DNN multiplies many matrices too, but different ones, so careful scaling can keep the product stable.', 'DNN 也要乘很多矩阵，但它们各不相同，精心调整比例就能让乘积保持稳定。'),
          3: msg('An RNN shares one set of weights over all steps; parameter count is not the cause.', 'RNN 在所有步骤间共享一组权重；原因不在参数个数。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'grad rnn T=50 gain=1.1',
      note: msg(
        'The exploding case in the REPL, 50 steps with ∂L/∂hₜ for t = 0 … 50 as here. Then type `clip max=1` to clip it, and try `grad rnn T=50 gain=0.9` followed by `clip max=1`: the early, vanishing steps only get smaller. `let g = 0.9^50` gives the bare factor.',
        'REPL 里的梯度爆炸：和这里一样是 50 步，显示 t = 0 … 50 的 ∂L/∂hₜ。接着输入 `clip max=1` 截断它；再试试 `grad rnn T=50 gain=0.9` 之后输入 `clip max=1`：前面那些消失的梯度只会变得更小。`let g = 0.9^50` 给出单纯的因子。',
      ),
    },
  ],
};
