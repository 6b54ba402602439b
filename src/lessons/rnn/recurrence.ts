/**
 * rnn/recurrence — the recurrent network: a hidden state that depends on the
 * current input and on the previous hidden state, h_t = σ(x_t·w_x + h_{t−1}·w_h + b),
 * with the same weights at every step. Demos step the engine's rnnCell.
 */
import { randUniform, rnnCell, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { randomRnn, rounded, runRnn } from './common.js';
import { drawUnrolled, sub } from './diagrams.js';
import { fixed, fmtDecimals, fmtInt } from '../../i18n/numbers.js';

/** A scalar RNN (input 1, hidden 1), so every number of the formula can be shown. */
function scalarRnn(seed: number) {
  const r = randUniform([3], seed, 0, 1).data;
  const wx = Math.round((0.6 + 0.8 * r[0]) * 100) / 100;
  const wh = Math.round((0.4 + 0.5 * r[1]) * 100) / 100;
  const b = Math.round((-0.2 + 0.4 * r[2]) * 100) / 100;
  const xs = Array.from(randUniform([6], seed + 1, -1, 1).data, (v) => Math.round(v * 10) / 10);
  xs[0] = 1; // a clear first input, to follow how long it echoes
  const w = { weightIh: new Tensor([1, 1], [wx]), weightHh: new Tensor([1, 1], [wh]), biasIh: new Tensor([1], [b]) };
  const hs: number[] = [];
  let h: Tensor | undefined;
  for (const x of xs) {
    h = rnnCell(new Tensor([1], [x]), h, w);
    hs.push(h.data[0]);
  }
  return { wx, wh, b, xs, hs };
}

const sgn = (v: number, d = 2): string => (v < 0 ? `(${fmtDecimals(v, d)})` : fmtDecimals(v, d));

function scalarDemo(seed: number): Block[] {
  const { wx, wh, b, xs, hs } = scalarRnn(seed);
  const rows = xs.map((x, i) => {
    const prev = i === 0 ? 0 : hs[i - 1];
    const z = x * wx + prev * wh + b;
    return [`${i + 1}`, fixed(x, 1), fixed(prev, 3), fixed(z, 3), fixed(hs[i], 3)];
  });
  const z2 = xs[1] * wx + hs[0] * wh + b;
  return [
    { kind: 'facts', rows: [{ label: 'wₓ', value: fmtDecimals(wx) }, { label: 'wₕ', value: fmtDecimals(wh) }, { label: 'b', value: fmtDecimals(b) }] },
    {
      kind: 'table',
      head: ['t', 'xₜ', 'hₜ₋₁', 'xₜ·wₓ + hₜ₋₁·wₕ + b', msg('hₜ = tanh(…) (engine)', 'hₜ = tanh(…)（引擎）')],
      rows,
      align: ['left', 'right', 'right', 'right', 'right'],
    },
    { kind: 'sparkline', label: msg('h₁ … h₆', 'h₁ … h₆'), values: hs },
    {
      kind: 'text',
      text: msg(
        `Step 2 by hand: h₂ = tanh(${sgn(xs[1], 1)}·${fmtDecimals(wx)} + ${sgn(hs[0], 3)}·${fmtDecimals(wh)} + ${sgn(b)}) = tanh(${fmtDecimals(z2, 3)}) = ${fmtDecimals(Math.tanh(z2), 3)}; the engine's rnnCell gives ${fmtDecimals(hs[1], 3)}. ` +
          `The term h₁·wₕ is how x₁ reaches step 2, and through h₂ it reaches step 3, and so on, each time multiplied by wₕ = ${fmtDecimals(wh)} again.`,
        `手算第 2 步：h₂ = tanh(${sgn(xs[1], 1)}·${fmtDecimals(wx)} + ${sgn(hs[0], 3)}·${fmtDecimals(wh)} + ${sgn(b)}) = tanh(${fmtDecimals(z2, 3)}) = ${fmtDecimals(Math.tanh(z2), 3)}；引擎的 rnnCell 算出 ${fmtDecimals(hs[1], 3)}。` +
          `h₁·wₕ 这一项就是 x₁ 传到第 2 步的途径；再通过 h₂ 传到第 3 步，依此类推，每次都要再乘一次 wₕ = ${fmtDecimals(wh)}。`,
      ),
    },
  ];
}

const VEC = { I: 2, H: 3, T: 5 };

function vectorDemo(seed: number): Block[] {
  const { I, H, T } = VEC;
  const w0 = randomRnn(I, H, seed);
  const w = { weightIh: rounded(w0.weightIh, 1), weightHh: rounded(w0.weightHh, 1), biasIh: rounded(w0.biasIh!, 1) };
  const xs = rounded(randUniform([T, I], seed + 5, -1, 1), 1);
  const hs = runRnn(xs, w);
  const hMat = new Tensor([T, H], hs.flatMap((h) => Array.from(h.data)));
  const params = H * I + H * H + H;
  return [
    { kind: 'matrix', label: msg(`x₁ … x${sub(T)}, one row per step`, `x₁ … x${sub(T)}，每步一行`), tensor: xs, precision: 1 },
    { kind: 'matrix', label: msg(`Wₓ [H, I] = [${H}, ${I}]`, `Wₓ [H, I] = [${H}, ${I}]`), tensor: w.weightIh, precision: 1 },
    { kind: 'matrix', label: msg(`Wₕ [H, H] = [${H}, ${H}]: the previous h in, the new h out`, `Wₕ [H, H] = [${H}, ${H}]：输入上一步的 h，输出新的 h`), tensor: w.weightHh, precision: 1 },
    { kind: 'matrix', label: msg('b', 'b'), tensor: w.biasIh, precision: 1 },
    { kind: 'matrix', label: msg(`h₁ … h${sub(T)} from rnnCell, one row per step`, `rnnCell 算出的 h₁ … h${sub(T)}，每步一行`), tensor: hMat, precision: 3 },
    { kind: 'heatmap', label: msg('the same hidden states as shades (rows: steps)', '同样的隐藏状态，用深浅表示（行：时间步）'), tensor: hMat, min: -1, max: 1, rowLabels: hs.map((_, t) => `h${sub(t + 1)}`) },
    {
      kind: 'text',
      text: msg(
        `${T} steps, one set of weights: Wₓ has ${H * I} numbers, Wₕ ${H * H}, b ${H}, ${fmtInt(params)} in all, whether the sequence has ${T} steps or ${fmtInt(10000)}.`,
        `${T} 步，只有一组权重：Wₓ 有 ${H * I} 个数，Wₕ 有 ${H * H} 个，b 有 ${H} 个，一共 ${fmtInt(params)} 个，不管序列是 ${T} 步还是 ${fmtInt(10000)} 步都一样。`,
      ),
    },
  ];
}

export const recurrence: Lesson = {
  id: 'rnn/recurrence',
  topic: 'rnn',
  section: 'RNN › 结构',
  title: msg('The recurrent network', '循环神经网络的结构'),
  summary: msg('A hidden state that remembers: h depends on the current input and on its own previous value', '会记忆的隐藏状态：h 既取决于当前输入，也取决于它自己上一步的值'),
  steps: [
    {
      kind: 'text',
      title: msg('A network with a memory', '有记忆的网络'),
      key: 'hidden-state',
      body: msg(
        'You read a sentence one word at a time, and you understand each word using what came before it. An ordinary network cannot do that: it sees one input and forgets it.\n\n' +
          'A recurrent neural network (RNN) keeps a hidden state, written s or h. At each time step t it computes the new hidden value from two things: the current input xₜ AND the hidden value of the previous step, hₜ₋₁. ' +
          'A weight matrix W (here Wₕ) weights that previous hidden value when it is fed back in as an input to this step.',
        '你读一句话是一个词一个词地读，并且借助前面读过的内容来理解每个词。普通的神经网络做不到：它看到一个输入，随后就忘了。\n\n' +
          '循环神经网络（RNN）保存一个隐藏状态，记作 s 或 h。在每个时间步 t（笔记里叫“时间片”），它用两样东西计算新的隐藏值：当前的输入 xₜ，以及上一步的隐藏值 hₜ₋₁。' +
          '权重矩阵 W（这里写作 Wₕ）就是把上一步的隐藏值作为这一步的输入时所乘的权重。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Folded and unrolled', '折叠与展开'),
      key: 'unrolled',
      draw: drawUnrolled,
      caption: msg(
        'Left: the loop, h feeds back into itself through Wₕ. Right: the same network unrolled over time, one copy per step, h passed from each step to the next; h₀, the state before the first step, is usually all zeros. V turns h into an output oₜ when one is needed.',
        '左边：循环，h 经过 Wₕ 回到自己。右边：同一个网络按时间展开，每一步一份拷贝，h 从每一步传给下一步；第一步之前的状态 h₀ 通常全为零。需要输出时，V 把 h 变成输出 oₜ。',
      ),
    },
    {
      kind: 'formula',
      title: msg('One step', '一步的计算'),
      key: 'one-step',
      intro: msg(
        'With single numbers instead of vectors, one step is the formula below. σ is the activation; PyTorch’s RNN uses tanh. Change xₜ, hₜ₋₁ and the weights; set wₕ = 0 to see a network without memory.',
        '把向量换成单个数，一步的计算就是下面的公式。σ 是激活函数，PyTorch 的 RNN 用 tanh。改改 xₜ、hₜ₋₁ 和权重；把 wₕ 设为 0，看看没有记忆的网络是什么样。',
      ),
      formula: {
        symbolic: 'hₜ = σ(xₜ·wₓ + hₜ₋₁·wₕ + b),  σ = tanh',
        substituted: 'hₜ = tanh({x}·{wx} + {h}·{wh} + {b})',
        expr: 'tanh(x * wx + h * wh + b)',
        vars: [
          { name: 'x', value: 0.5, label: msg('current input xₜ', '当前输入 xₜ'), min: -100, max: 100 },
          { name: 'h', value: 0.8, label: msg('previous hidden hₜ₋₁', '上一步的隐藏值 hₜ₋₁'), min: -1, max: 1 },
          { name: 'wx', value: 1, label: msg('input weight wₓ', '输入权重 wₓ'), min: -10, max: 10 },
          { name: 'wh', value: 0.5, label: msg('recurrent weight wₕ', '循环权重 wₕ'), min: -10, max: 10 },
          { name: 'b', value: 0, label: msg('bias b', '偏置 b'), min: -10, max: 10 },
        ],
        result: { name: 'hₜ', label: msg('new hidden value', '新的隐藏值') },
        note: (v, r) => {
          if (v.wh === 0) return msg('wₕ = 0: hₜ₋₁ is ignored; this is an ordinary neuron with no memory.', 'wₕ = 0：hₜ₋₁ 被忽略，这就是一个没有记忆的普通神经元。');
          if (Math.abs(r) > 0.99) return msg('|hₜ| is close to 1: tanh is saturated, and small changes of the inputs barely move hₜ.', '|hₜ| 接近 1：tanh 饱和了，输入的小变化几乎不会改变 hₜ。');
          const without = Math.tanh(v.x * v.wx + v.b);
          return msg(`Without the memory term (wₕ = 0) hₜ would be ${fmtDecimals(without, 3)}.`, `如果去掉记忆项（wₕ = 0），hₜ 会是 ${fmtDecimals(without, 3)}。`);
        },
      },
    },
    {
      kind: 'demo',
      title: msg('Six steps with single numbers', '用单个数走六步'),
      key: 'scalar-demo',
      intro: msg(
        'A scalar RNN (one input, one hidden number) reads six inputs, starting with x₁ = 1. Each row is the formula above; hₜ comes from the engine’s rnnCell. Press r for other weights and inputs.',
        '一个标量 RNN（一个输入、一个隐藏数）读入六个输入，第一个是 x₁ = 1。每一行都是上面的公式；hₜ 由引擎的 rnnCell 计算。按 r 换一组权重和输入。',
      ),
      run: (env) => scalarDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('With vectors', '换成向量'),
      key: 'vectors',
      body: msg(
        'In a real RNN xₜ and hₜ are vectors, so the weights are matrices: hₜ = tanh(Wₓ·xₜ + Wₕ·hₜ₋₁ + b). With input size I and hidden size H, Wₓ is H×I and Wₕ is H×H (square: it maps the old state to a new state of the same size).\n\n' +
          'A convention for all the RNN and LSTM lessons and quiz questions: vectors are columns and the matrix comes first, Wₓ·xₜ, as PyTorch stores the weights (weight_ih_l0 is H×I). The notes write xₜ·wₓ, the same computation with row vectors, where the matrix is the transpose, I×H.\n\n' +
          'The key point: the same Wₓ, Wₕ and b are used at every step. The network learns one rule for "update the memory with a new input" and applies it again and again, so the number of parameters does not depend on the length of the sequence.',
        '真正的 RNN 里 xₜ 和 hₜ 都是向量，所以权重是矩阵：hₜ = tanh(Wₓ·xₜ + Wₕ·hₜ₋₁ + b)。若输入大小为 I、隐藏大小为 H，Wₓ 是 H×I，Wₕ 是 H×H（方阵：它把旧状态映射成同样大小的新状态）。\n\n' +
          '所有 RNN 和 LSTM 的课程与测验题都采用同一个约定：向量是列向量，矩阵写在前面，即 Wₓ·xₜ，这与 PyTorch 存放权重的方式一致（weight_ih_l0 是 H×I）。笔记写作 xₜ·wₓ，那是用行向量表示的同一个计算，矩阵是它的转置，即 I×H。\n\n' +
          '关键在于：每一步用的都是同一组 Wₓ、Wₕ 和 b。网络学到的是一条“用新的输入更新记忆”的规则，然后一遍又一遍地使用它，所以参数个数与序列长度无关。',
      ),
    },
    {
      kind: 'demo',
      title: msg('A small vector RNN', '一个小的向量 RNN'),
      key: 'vector-demo',
      intro: msg(
        `Input size I = ${VEC.I}, hidden size H = ${VEC.H}, ${VEC.T} steps, weights rounded to one decimal so you can follow them.`,
        `输入大小 I = ${VEC.I}，隐藏大小 H = ${VEC.H}，共 ${VEC.T} 步，权重保留一位小数，方便你跟着算。`,
      ),
      run: (env) => vectorDemo(env.seed),
    },
    {
      kind: 'check',
      title: msg('What does hₜ depend on?', 'hₜ 取决于什么？'),
      check: {
        question: msg('In an RNN, the hidden value hₜ at step t is computed from…', '在 RNN 中，第 t 步的隐藏值 hₜ 是由什么算出来的？'),
        options: [
          msg('the current input xₜ and the previous hidden value hₜ₋₁', '当前输入 xₜ 和上一步的隐藏值 hₜ₋₁'),
          msg('the current input xₜ only', '只有当前输入 xₜ'),
          msg('the previous hidden value hₜ₋₁ only', '只有上一步的隐藏值 hₜ₋₁'),
          msg('all earlier inputs x₁ … xₜ, each with its own matrix', '之前所有的输入 x₁ … xₜ，每个都有自己的矩阵'),
        ],
        answer: 0,
        explain: msg(
          'hₜ = σ(xₜ·wₓ + hₜ₋₁·wₕ + b): the new input and the old state. Earlier inputs reach hₜ only through hₜ₋₁.',
          'hₜ = σ(xₜ·wₓ + hₜ₋₁·wₕ + b)：新的输入加上旧的状态。更早的输入只能通过 hₜ₋₁ 影响 hₜ。',
        ),
        wrong: {
          1: msg('That is an ordinary network, with no memory: set wₕ = 0 in the formula step to see it.', '那是没有记忆的普通网络：在公式那一步把 wₕ 设为 0 就能看到。'),
          2: msg('Without xₜ the network could not read new input at all.', '没有 xₜ，网络根本读不到新的输入。'),
          3: msg('Earlier inputs do matter, but only through hₜ₋₁, and the same Wₓ is used at every step.', '更早的输入确实有影响，但只通过 hₜ₋₁；而且每一步都用同一个 Wₓ。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('Longer sequences', '更长的序列'),
      check: {
        question: msg(
          `An RNN with I = ${VEC.I} and H = ${VEC.H} has ${fmtInt(VEC.H * VEC.I + VEC.H * VEC.H + VEC.H)} parameters (Wₓ, Wₕ, b). How many does it have when it reads a sequence of 100 steps instead of ${VEC.T}?`,
          `一个 I = ${VEC.I}、H = ${VEC.H} 的 RNN 有 ${fmtInt(VEC.H * VEC.I + VEC.H * VEC.H + VEC.H)} 个参数（Wₓ、Wₕ、b）。当它读入 100 步而不是 ${VEC.T} 步的序列时，有多少个参数？`,
        ),
        options: [
          msg(`${fmtInt(VEC.H * VEC.I + VEC.H * VEC.H + VEC.H)}: the same`, `${fmtInt(VEC.H * VEC.I + VEC.H * VEC.H + VEC.H)}：不变`),
          msg(`${fmtInt((100 / VEC.T) * (VEC.H * VEC.I + VEC.H * VEC.H + VEC.H))}: ${100 / VEC.T} times as many`, `${fmtInt((100 / VEC.T) * (VEC.H * VEC.I + VEC.H * VEC.H + VEC.H))}：是原来的 ${100 / VEC.T} 倍`),
          msg(`${fmtInt(100 * VEC.H * VEC.H)}: one Wₕ per step`, `${fmtInt(100 * VEC.H * VEC.H)}：每步一个 Wₕ`),
        ],
        answer: 0,
        explain: msg('The unrolled copies share one set of weights; only the amount of computation grows with the length.', '展开后的各个拷贝共享同一组权重；随长度增长的只是计算量。'),
        wrong: {
          1: msg('Unrolling copies the computation, not the weights.', '展开复制的是计算，不是权重。'),
          2: msg('There is only one Wₕ, used at every step.', '只有一个 Wₕ，每一步都用它。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'rnn T=6 H=3',
      note: msg(
        'A random RNN with 6 steps and hidden size 3, the first two steps worked out with their numbers. Add `seed=5` for other weights. For the scalar formula by hand: `let h = tanh(0.5*1 + 0.8*0.5 + 0)`, then `let h = tanh(0*1 + h*0.5 + 0)` a few times to watch the memory fade.',
        '一个 6 步、隐藏大小为 3 的随机 RNN，前两步连同数字一起算给你看。加上 `seed=5` 换一组权重。想手算标量公式：`let h = tanh(0.5*1 + 0.8*0.5 + 0)`，再输入几次 `let h = tanh(0*1 + h*0.5 + 0)`，看记忆如何衰减。',
      ),
    },
  ],
};
