/**
 * rnn/gradients — vanishing and exploding gradients: backpropagation through
 * time multiplies by the same Wₕ at every step; gradient clipping tames the
 * exploding case and cannot help the vanishing one. The required demo charts
 * ‖∂L/∂hₜ‖ over 50 steps for Wₕ = gain × an orthogonal matrix, with and
 * without clipGradNorm(max_norm = 1).
 */
import { clipGradNorm, randNormal, rnnBpttGradNorms, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../ui/blocks.js';
import { fmtNum } from '../cnn/pool-fc-draw.js';
import type { Lesson } from '../types.js';
import { fmtSci, norm, orthogonal, scaled } from './common.js';
import { drawChains } from './diagrams.js';

export const GAINS = [0.9, 1.0, 1.1] as const;
/** Steps back from the loss to h₀: the chart runs over h₀ … h₅₀. */
export const STEPS = 50;
const H = 16;
const I = 4;
const MAX_NORM = 1;

export interface GainRun {
  gain: number;
  /** ‖∂L/∂hₜ‖ for t = 0 … STEPS. */
  raw: number[];
  /** The same after clipping each step's gradient to norm ≤ 1. */
  clipped: number[];
  /** Clipping all steps' gradients together, as clip_grad_norm_ does. */
  global: { totalNorm: number; coef: number; first: number; last: number };
}

/**
 * A tanh RNN with Wₕ = gain·Q (Q orthogonal: it turns vectors without
 * stretching them) and tiny inputs, so tanh′ ≈ 1 and the gradient is shaped by
 * Wₕ alone. The loss is sum(h₅₀)/√H, so the last gradient has length 1.
 */
export function gradientRuns(seed: number): GainRun[] {
  const T = STEPS + 1;
  const Q = orthogonal(H, seed);
  const weightIh = scaled(randNormal([H, I], seed + 1), 1 / Math.sqrt(I));
  const xs = scaled(randNormal([T, I], seed + 2), 1e-5);
  return GAINS.map((gain) => {
    const r = rnnBpttGradNorms(xs, null, { weightIh, weightHh: scaled(Q, gain) });
    const per = Array.from({ length: T }, (_, t) => new Tensor([H], Array.from(r.grads.data.slice(t * H, (t + 1) * H), (v) => v / Math.sqrt(H))));
    const raw = per.map((g) => norm(g.data));
    const clipped = per.map((g) => norm(clipGradNorm([g], MAX_NORM).grads[0].data));
    const all = clipGradNorm(per, MAX_NORM);
    return {
      gain,
      raw,
      clipped,
      global: { totalNorm: all.totalNorm, coef: all.coef, first: norm(all.grads[0].data), last: norm(all.grads[T - 1].data) },
    };
  });
}

const label = (g: number) => msg(`gain ${fmtNum(g, 1)}`, `增益 ${fmtNum(g, 1)}`);

function chartDemo(seed: number): Block[] {
  const runs = gradientRuns(seed);
  const rows = runs.map((r) => [fmtNum(r.gain, 1), fmtSci(r.raw[0]), fmtSci(r.clipped[0]), fmtSci(r.raw[STEPS])]);
  const [v, , e] = runs;
  return [
    {
      kind: 'chart',
      label: msg('‖∂L/∂hₜ‖, no clipping', '‖∂L/∂hₜ‖，不截断'),
      series: runs.map((r) => ({ label: label(r.gain), values: r.raw })),
      log: true,
      xStart: 0,
      xStep: 1,
      xLabel: msg('step t (the loss is at t = 50)', '时间步 t（损失在 t = 50）'),
    },
    {
      kind: 'chart',
      label: msg(`illustration: each step's gradient clipped on its own to norm ≤ ${MAX_NORM}`, `示意：每一步的梯度各自截断到范数 ≤ ${MAX_NORM}`),
      series: runs.map((r) => ({ label: label(r.gain), values: r.clipped })),
      log: true,
      xStart: 0,
      xStep: 1,
      xLabel: msg('step t', '时间步 t'),
    },
    {
      kind: 'table',
      head: [msg('gain', '增益'), '‖∂L/∂h₀‖', msg('clipped', '截断后'), '‖∂L/∂h₅₀‖'],
      rows,
      align: ['left', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `Going back 50 steps, gain ${fmtNum(v.gain, 1)} shrinks the gradient to ${fmtSci(v.raw[0])} (0.9⁵⁰ = ${fmtSci(0.9 ** 50)}) and gain ${fmtNum(e.gain, 1)} blows it up to ${fmtSci(e.raw[0])} (1.1⁵⁰ = ${fmtSci(1.1 ** 50)}). ` +
          `The second chart is only an illustration, clipping each step on its own: no gradient stays above ${MAX_NORM}, and the vanishing curve is untouched, because clipping only ever scales down. Real clipping (clip_grad_norm_, two steps on) uses one factor for all of them.`,
        `往回 50 步，增益 ${fmtNum(v.gain, 1)} 把梯度缩小到 ${fmtSci(v.raw[0])}（0.9⁵⁰ = ${fmtSci(0.9 ** 50)}），增益 ${fmtNum(e.gain, 1)} 把它放大到 ${fmtSci(e.raw[0])}（1.1⁵⁰ = ${fmtSci(1.1 ** 50)}）。` +
          `第二张图只是示意：每一步各自截断，于是没有梯度超过 ${MAX_NORM}；消失的曲线纹丝不动，因为截断只会缩小，从不放大。真正的截断（clip_grad_norm_，见后两步）对所有梯度使用同一个系数。`,
      ),
    },
  ];
}

function clipDemo(seed: number): Block[] {
  const runs = gradientRuns(seed);
  const rows = runs.map((r) => {
    const g = r.global;
    return [fmtNum(r.gain, 1), fmtSci(g.totalNorm), fmtSci(g.coef), fmtSci(r.raw[0] / r.raw[STEPS]), fmtSci(g.first / g.last)];
  });
  const e = runs[2];
  return [
    {
      kind: 'table',
      head: [msg('gain', '增益'), msg('total ‖g‖', '总 ‖g‖'), msg('× coef', '× 系数'), msg('‖g₀‖/‖g₅₀‖ before', '之前 ‖g₀‖/‖g₅₀‖'), msg('after', '之后')],
      rows,
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `With gain ${fmtNum(e.gain, 1)} the whole gradient has length ${fmtSci(e.global.totalNorm)}; clipping multiplies every part of it by ${fmtSci(e.global.coef)}, so the update has length ${MAX_NORM}. ` +
          'The last column equals the one before it: the direction, and so the balance between far and near steps, is kept. Clipping fixes the size of a step, not what the gradient says.',
        `增益 ${fmtNum(e.gain, 1)} 时整个梯度的长度是 ${fmtSci(e.global.totalNorm)}；截断把它的每一部分都乘以 ${fmtSci(e.global.coef)}，于是更新的长度变成 ${MAX_NORM}。` +
          '最后一列和它前面一列相同：方向不变，远处和近处各步之间的比例也就不变。截断修正的是一步更新的大小，而不是梯度的内容。',
      ),
    },
  ];
}

export const gradients: Lesson = {
  id: 'rnn/gradients',
  topic: 'rnn',
  section: 'RNN › 梯度消失/爆炸',
  title: msg('Vanishing and exploding gradients', '梯度消失与梯度爆炸'),
  summary: msg('The same Wₕ at every step makes gradients shrink or grow exponentially; clipping tames only the growing kind', '每一步都用同一个 Wₕ，使梯度指数级地缩小或增大；截断只能制服增大的那种'),
  steps: [
    {
      kind: 'text',
      title: msg('Backpropagation through time', '沿时间反向传播'),
      body: msg(
        'To train an RNN, unroll it and backpropagate as in any deep network, from the loss back to the first step. The chain rule gives, one step at a time:\n\n' +
          '  ∂L/∂hₜ₋₁ = Wₕᵀ·(∂L/∂hₜ ⊙ (1 − hₜ²))\n\n' +
          'So the gradient that reaches a step k steps back has been multiplied k times by Wₕᵀ (and by tanh′ = 1 − h², which is at most 1). A product of many factors tends to either die out or blow up.',
        '训练 RNN 时，先把它展开，再像任何深层网络一样从损失一直反向传播到第一步。链式法则每次往回走一步：\n\n' +
          '  ∂L/∂hₜ₋₁ = Wₕᵀ·(∂L/∂hₜ ⊙ (1 − hₜ²))\n\n' +
          '所以传到 k 步之前的梯度，已经被 Wₕᵀ 乘了 k 次（还要乘 tanh′ = 1 − h²，它最大为 1）。很多因子连乘，结果往往不是趋于消失，就是爆炸。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Different matrices, or the same one', '不同的矩阵，还是同一个矩阵'),
      draw: drawChains,
    },
    {
      kind: 'text',
      title: msg('Why mainly in RNNs', '为什么主要出现在 RNN 中'),
      body: msg(
        'Vanishing and exploding gradients live mainly in RNNs, because every time step uses the same weight matrix. ' +
          'A deep feed-forward network (DNN) also multiplies many matrices, but they are different matrices, and careful scaling of each one at initialization (such as Xavier or He initialization) keeps the product in a healthy range.\n\n' +
          'An RNN cannot do that: there is only Wₕ, raised to the power of the number of steps. If it stretches vectors by a factor γ, k steps stretch them by about γᵏ, and sequences are often tens or hundreds of steps long.',
        '梯度消失和梯度爆炸主要出现在 RNN 中，因为每个时间步都使用同一个权重矩阵。' +
          '深层前馈网络（DNN）虽然也要把许多矩阵相乘，但那是不同的矩阵，在初始化时精心设置每个矩阵的比例（比如 Xavier 或 He 初始化），就能让乘积保持在合适的范围内。\n\n' +
          'RNN 做不到这一点：只有一个 Wₕ，步数是多少就乘多少次方。如果它把向量放大 γ 倍，k 步之后就大约放大 γᵏ 倍，而序列往往有几十、几百步长。',
      ),
    },
    {
      kind: 'formula',
      title: msg('Powers of one factor', '同一个因子的幂'),
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
          const exact = msg(`γᵏ = ${fmtSci(r)}. `, `γᵏ = ${fmtSci(r)}。`);
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
      intro: msg(
        `A tanh RNN with H = ${H} and Wₕ = gain × Q, where Q is an orthogonal matrix (built by Gram–Schmidt from seeded random numbers; it rotates vectors without stretching them). The inputs are tiny, so tanh′ ≈ 1 and only the gain matters. ` +
          'The engine’s rnnBpttGradNorms backpropagates from step 50. Press r for another Q.',
        `一个 H = ${H} 的 tanh RNN，Wₕ = 增益 × Q，Q 是正交矩阵（用 Gram–Schmidt 方法由带种子的随机数构造；它只旋转向量，不拉伸）。输入非常小，所以 tanh′ ≈ 1，只有增益起作用。` +
          '引擎的 rnnBpttGradNorms 从第 50 步开始反向传播。按 r 换一个 Q。',
      ),
      run: (env) => chartDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Exploding: clip it', '梯度爆炸：截断它'),
      body: msg(
        'Exploding gradients have a simple cure, gradient clipping. Pick a threshold θ. Before each update, measure the length of the gradient; if it is longer than θ, shrink it to length θ:\n\n' +
          '  if ‖g‖ > θ:  g ← g · θ/‖g‖\n\n' +
          'The direction is kept, only the length is capped, so one unlucky batch cannot throw the weights far away. In PyTorch this is torch.nn.utils.clip_grad_norm_, which the engine’s clipGradNorm follows.',
        '梯度爆炸有一个简单的办法：梯度截断。选一个阈值 θ。每次更新之前先量一下梯度的长度；如果比 θ 长，就把它缩短到 θ：\n\n' +
          '  若 ‖g‖ > θ：g ← g · θ/‖g‖\n\n' +
          '方向不变，只是长度有了上限，这样一个倒霉的批次也不会把权重甩得很远。在 PyTorch 中这就是 torch.nn.utils.clip_grad_norm_，引擎的 clipGradNorm 与它一致。',
      ),
    },
    {
      kind: 'demo',
      title: msg('What clipping keeps', '截断保留了什么'),
      intro: msg(
        `The same three runs, now clipped all together, the way clip_grad_norm_ treats a list of gradients: the 51 step gradients are multiplied by one common factor so that their total length is ≤ ${MAX_NORM}.`,
        `还是这三次运行，现在像 clip_grad_norm_ 处理一组梯度那样整体截断：51 步的梯度都乘以同一个系数，使它们的总长度 ≤ ${MAX_NORM}。`,
      ),
      run: (env) => clipDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Vanishing: no threshold trick', '梯度消失：没有阈值的办法'),
      body: msg(
        'Why not the reverse, "if the gradient is too small, scale it up"? Because a small gradient is not necessarily a fault. Long-term dependencies themselves produce small gradients: a word 40 steps back often really does matter little. ' +
          'A threshold cannot tell "small because it vanished" from "small because it is small", and inflating every small gradient would mostly amplify noise.\n\n' +
          'And as the last demo showed, rescaling the whole gradient never changes the balance between far and near steps. Vanishing gradients need a different network: the LSTM, with gates and an additive cell state (lesson lstm/cell-state).',
        '为什么不反过来，“梯度太小就把它放大”？因为梯度小并不一定是错误。长期依赖本身就会产生很小的梯度：40 步之前的一个词，往往确实没什么影响。' +
          '阈值分不清“因为消失而变小”和“本来就小”，把所有小梯度都放大，多半只会放大噪声。\n\n' +
          '而且上一个演示表明，整体缩放梯度永远不会改变远处和近处各步之间的比例。梯度消失需要换一种网络：带有门和加法式细胞状态的 LSTM（lstm/cell-state 一课）。',
      ),
    },
    {
      kind: 'check',
      title: msg('What can clipping fix?', '截断能解决什么？'),
      check: {
        question: msg(
          `With gain 0.9, ‖∂L/∂h₀‖ is about 0.9⁵⁰ = ${fmtSci(0.9 ** 50)}. What does clipping with max_norm = 1 do to it?`,
          `增益为 0.9 时，‖∂L/∂h₀‖ 约为 0.9⁵⁰ = ${fmtSci(0.9 ** 50)}。用 max_norm = 1 截断，会对它怎样？`,
        ),
        options: [
          msg('Nothing: clipping only shrinks gradients longer than the threshold', '什么也不做：截断只缩短比阈值长的梯度'),
          msg('It scales it up to 1', '把它放大到 1'),
          msg('It sets it to 0, since it is too small to matter', '把它置为 0，因为它太小，无关紧要'),
          msg('It flips its sign', '把它的符号反过来'),
        ],
        answer: 0,
        explain: msg(
          'coef = min(1, max_norm/‖g‖) is 1 for a short gradient, so it passes unchanged. Clipping is a cure for exploding gradients only.',
          '系数 = min(1, max_norm/‖g‖)，对短的梯度它等于 1，所以梯度原样通过。截断只能治梯度爆炸。',
        ),
        wrong: {
          1: msg('Clipping never scales up; see the second chart, where the gain 0.9 curve is unchanged.', '截断从不放大；看第二张图，增益 0.9 的曲线没有变化。'),
          2: msg('Clipping rescales, it never zeroes a gradient.', '截断只是缩放，从不把梯度置零。'),
          3: msg('Scaling by a positive coefficient keeps the direction.', '乘以一个正的系数，方向保持不变。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('Why RNNs?', '为什么是 RNN？'),
      check: {
        question: msg('Why are vanishing and exploding gradients mainly an RNN problem?', '为什么梯度消失和梯度爆炸主要是 RNN 的问题？'),
        options: [
          msg('Every step uses the same Wₕ, so the gradient is multiplied by the same matrix again and again', '每一步都用同一个 Wₕ，梯度被同一个矩阵一遍又一遍地乘'),
          msg('RNNs use tanh, and tanh has no derivative', 'RNN 用 tanh，而 tanh 没有导数'),
          msg('A DNN never multiplies matrices during backpropagation', 'DNN 在反向传播中从不做矩阵乘法'),
          msg('RNNs have more parameters than DNNs', 'RNN 的参数比 DNN 多'),
        ],
        answer: 0,
        explain: msg(
          'The same factor raised to a power shrinks or grows exponentially. A DNN multiplies different matrices, each of which can be scaled carefully.',
          '同一个因子的幂会指数级地缩小或增大。DNN 乘的是不同的矩阵，每一个都可以精心调整比例。',
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
        'The exploding case in the REPL. Then type `clip max=1` to clip it, and try `grad rnn T=50 gain=0.9` followed by `clip max=1`: the early, vanishing steps stay just as tiny. `let g = 0.9^50` gives the bare factor.',
        'REPL 里的梯度爆炸。接着输入 `clip max=1` 截断它；再试试 `grad rnn T=50 gain=0.9` 之后输入 `clip max=1`：前面那些消失的梯度依然一样小。`let g = 0.9^50` 给出单纯的因子。',
      ),
    },
  ],
};
