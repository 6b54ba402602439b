/**
 * rnn/long-term — long-term dependencies: every step rewrites h, so what an
 * early input left in it fades; the notes' example (the verb at step 9 must
 * agree with the subject at step 2), measured by perturbing x₂ and by the
 * engine's rnnBpttGradNorms over growing gaps.
 */
import { randNormal, rnnBpttGradNorms, Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { norm, randomRnn, runRnn } from './common.js';
import { drawSentence, SENTENCE } from './diagrams.js';
import { fmtDecimals, fmtSig3 } from '../../i18n/numbers.js';

const NET = { I: 4, H: 16 };

/** Run the sentence twice: feature 0 of x₂ is +1 ("plural") or −1 ("singular"). */
export function subjectExperiment(seed: number) {
  const { I, H } = NET;
  const T = SENTENCE.length;
  const w = randomRnn(I, H, seed);
  const base = randNormal([T, I], seed + 3);
  const withSubject = (v: number) => {
    const d = Float32Array.from(base.data);
    d[1 * I + 0] = v;
    return new Tensor([T, I], d);
  };
  const plural = withSubject(1);
  const a = runRnn(plural, w);
  const b = runRnn(withSubject(-1), w);
  const diffs = a.map((h, t) => norm(Array.from(h.data, (v, i) => v - b[t].data[i])));
  const grads = Array.from(rnnBpttGradNorms(plural, null, w).gradNorms.data);
  const keep = diffs[T - 1] / diffs[1];
  const perStep = Math.pow(keep, 1 / (T - 2));
  return { T, diffs, grads, keep, perStep };
}

function subjectDemo(seed: number): Block[] {
  const e = subjectExperiment(seed);
  const rows = SENTENCE.map((word, t) => [`${t + 1}`, word, t === 0 ? '—' : fmtSig3(e.diffs[t]), fmtSig3(e.grads[t])]);
  return [
    {
      kind: 'bars',
      label: msg('‖h(cats) − h(cat)‖ at each step', '每一步的 ‖h(cats) − h(cat)‖'),
      items: SENTENCE.slice(1).map((word, i) => ({ label: `${i + 2} ${word}`, value: e.diffs[i + 1] })),
      min: 0,
      max: Math.max(...e.diffs),
      precision: 3,
    },
    {
      kind: 'table',
      head: ['t', msg('word', '词'), '‖Δhₜ‖', msg('‖∂sum(h₉)/∂hₜ‖', '‖∂sum(h₉)/∂hₜ‖')],
      rows,
      align: ['left', 'left', 'right', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `Flipping the subject changes h₂ by ${fmtSig3(e.diffs[1])}, but by step 9 only ${fmtSig3(e.diffs[8])} is left: ${fmtDecimals(100 * e.keep, 1)}% of it. ` +
          `On average each step kept a fraction r ≈ ${fmtDecimals(e.perStep, 2)} of the difference (r⁷ = ${fmtDecimals(100 * e.keep, 1)}%). ` +
          `The last column is the gradient from the verb's step back to each step (the engine's rnnBpttGradNorms): it shrinks the same way.`,
        `把主语翻转后，h₂ 变化了 ${fmtSig3(e.diffs[1])}，但到第 9 步只剩下 ${fmtSig3(e.diffs[8])}：原来的 ${fmtDecimals(100 * e.keep, 1)}%。` +
          `平均每一步只保留了差别的 r ≈ ${fmtDecimals(e.perStep, 2)}（r⁷ = ${fmtDecimals(100 * e.keep, 1)}%）。` +
          `最后一列是从动词那一步传回每一步的梯度（引擎的 rnnBpttGradNorms），它也以同样的方式变小。`,
      ),
    },
  ];
}

const GAP = 40;

/** How much h at the end depends on h k steps earlier, for k = 0 … GAP (float64 in the engine). */
export function gapCurve(seed: number): number[] {
  const { I, H } = NET;
  const T = GAP + 1;
  const w = randomRnn(I, H, seed);
  const xs = randNormal([T, I], seed + 3);
  const g = rnnBpttGradNorms(xs, null, w).gradNorms.data;
  return Array.from({ length: T }, (_, k) => g[T - 1 - k] / g[T - 1]);
}

function gapDemo(seed: number): Block[] {
  const c = gapCurve(seed);
  const at = [1, 7, 20, GAP];
  return [
    {
      kind: 'chart',
      label: msg('‖∂L/∂h at k steps back‖ ÷ ‖∂L/∂h at the end‖', '‖往回 k 步处的 ∂L/∂h‖ ÷ ‖末尾的 ∂L/∂h‖'),
      series: [{ label: msg('same RNN, random inputs', '同一个 RNN，随机输入'), values: c }],
      log: true,
      xStart: 0,
      xStep: 1,
      xLabel: msg('gap k (steps back)', '间隔 k（往回的步数）'),
    },
    { kind: 'facts', rows: at.map((k) => ({ label: msg(`gap ${k}`, `间隔 ${k}`), value: fmtSig3(c[k]) })) },
    {
      kind: 'text',
      text: msg(
        `A gap of 7 (step 2 to step 9) leaves ${fmtSig3(c[7])} of the signal; a gap of 20 leaves ${fmtSig3(c[20])}; a gap of ${GAP}, ${fmtSig3(c[GAP])}. The further apart two words are, the less the RNN can connect them.`,
        `间隔 7（第 2 步到第 9 步）时信号只剩 ${fmtSig3(c[7])}；间隔 20 时剩 ${fmtSig3(c[20])}；间隔 ${GAP} 时剩 ${fmtSig3(c[GAP])}。两个词隔得越远，RNN 越难把它们联系起来。`,
      ),
    },
  ];
}

export const longTerm: Lesson = {
  id: 'rnn/long-term',
  topic: 'rnn',
  section: 'RNN › Long Term Dependencies',
  title: msg('Long-term dependencies', '长期依赖'),
  summary: msg('Why a plain RNN forgets: each step rewrites h, and distant information fades', '普通 RNN 为什么会遗忘：每一步都改写 h，远处的信息逐渐消失'),
  steps: [
    {
      kind: 'text',
      title: msg('The memory fades', '记忆会褪色'),
      key: 'fading',
      body: msg(
        'In principle hₜ can carry anything the RNN has seen. In practice every step rewrites it: the old state is multiplied by Wₕ, mixed with the new input and squashed by tanh.\n\n' +
          'After many such steps, the features an early input left in h have been overwritten by everything that came after. ' +
          'This is the problem of long-term dependencies: as the gap between two pieces of information grows, a plain RNN loses the ability to connect them.',
        '理论上 hₜ 可以携带 RNN 看到过的任何信息。但实际上每一步都会改写它：旧状态乘以 Wₕ，再和新的输入混在一起，经过 tanh 压缩。\n\n' +
          '经过许多步之后，早先的输入留在 h 里的特征已经被后来的内容覆盖了。' +
          '这就是长期依赖问题：两条信息之间的间隔越大，普通 RNN 就越没有能力把它们联系起来。',
      ),
    },
    {
      kind: 'text',
      title: msg('Singular or plural?', '单数还是复数？'),
      key: 'subject-verb',
      body: msg(
        'Take the sentence "The cats that we saw in the yard were hungry". To choose "were" rather than "was" at step 9, the network must still know at step 9 that the subject at step 2 was plural, "cats" and not "cat".\n\n' +
          'Six words come between them (that, we, saw, in, the, yard), and h is rewritten seven times, at steps 3 to 9, so the information has to survive seven rewrites of h.',
        '看这个英语句子：“The cats that we saw in the yard were hungry”。英语的谓语动词要和主语的单复数一致。要在第 9 步选 “were” 而不是 “was”，网络在第 9 步时必须仍然记得第 2 步的主语是复数，是 “cats” 而不是 “cat”。\n\n' +
          '两者之间隔着六个词（that、we、saw、in、the、yard），而 h 从第 3 步到第 9 步共被改写七次，所以这条信息要经过七次改写依然保留下来。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Seven steps apart', '相隔七步'),
      draw: drawSentence,
      caption: msg('The subject enters at step 2; the verb is chosen at step 9. Everything in between passes through the same Wₕ and tanh.', '主语在第 2 步进入，动词在第 9 步选出。中间的每一步都要经过同一个 Wₕ 和 tanh。'),
    },
    {
      kind: 'demo',
      title: msg('Does step 9 still know?', '第 9 步还记得吗？'),
      intro: msg(
        `A random RNN (H = ${NET.H}) reads the sentence twice. The only difference: one input number at step 2, +1 for "cats", −1 for "cat". We measure how different h is at each later step. Press r for another network.`,
        `一个随机的 RNN（H = ${NET.H}）把这个句子读两遍。唯一的区别是第 2 步的一个输入数：“cats” 为 +1，“cat” 为 −1。我们测量之后每一步的 h 相差多少。按 r 换一个网络。`,
      ),
      run: (env) => subjectDemo(env.seed),
    },
    {
      kind: 'formula',
      title: msg('Fading step by step', '一步一步地衰减'),
      key: 'fraction-per-step',
      intro: msg(
        'If each step keeps a fraction r of what an input left in h, then after a gap of k steps only rᵏ is left. The demo measured r for you; try it here, and try large gaps.',
        '如果输入在 h 中留下的信息每一步只保留比例 r，那么隔 k 步之后只剩下 rᵏ。演示已经帮你测出了 r；在这里试试，也试试很大的间隔。',
      ),
      formula: {
        symbolic: '‖Δhₜ₊ₖ‖ / ‖Δhₜ‖ ≈ rᵏ',
        substituted: '{r}^{k}',
        expr: 'r ^ k',
        vars: [
          { name: 'r', value: 0.6, label: msg('fraction kept per step', '每步保留的比例'), min: 0, max: 2 },
          { name: 'k', value: 7, label: msg('gap in steps', '间隔步数'), min: 0, max: 1000, integer: true },
        ],
        result: { name: 'rᵏ', label: msg('fraction left', '剩下的比例') },
        note: (v, res) => {
          if (v.r > 1) return msg('r > 1: the signal grows instead; that is the exploding case of the next lesson.', 'r > 1：信号反而变大；这是下一课讲的梯度爆炸的情形。');
          if (v.r === 1) return msg('r = 1: nothing is lost. Keeping r close to 1 is what the LSTM’s cell state is built for.', 'r = 1：什么都不丢。LSTM 的单元状态就是为了让 r 接近 1 而设计的。');
          if (v.r <= 0) return null;
          const k1 = Math.ceil(Math.log(0.01) / Math.log(v.r));
          return msg(`${fmtSig3(res * 100)}% is left. With r = ${v.r}, less than 1% survives any gap of ${k1} steps or more.`, `剩下 ${fmtSig3(res * 100)}%。r = ${v.r} 时，只要间隔达到 ${k1} 步或更多，剩下的就不到 1%。`);
        },
      },
    },
    {
      kind: 'demo',
      title: msg('The gap grows', '间隔越来越大'),
      key: 'gap-grows',
      intro: msg(
        `The same kind of RNN reads ${GAP + 1} random inputs. The engine backpropagates from the last step and reports how strongly the end depends on each earlier step (log scale).`,
        `同样的 RNN 读入 ${GAP + 1} 个随机输入。引擎从最后一步做反向传播，报告末尾对之前每一步的依赖有多强（对数刻度）。`,
      ),
      run: (env) => gapDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('Why it matters for learning', '为什么这会影响学习'),
      key: 'learning',
      body: msg(
        'To learn the rule "plural subject → were", training must send a signal from the verb at step 9 back to the subject at step 2. That signal is the gradient, and as the demo shows it arrives shrunk by the same factor.\n\n' +
          'So a plain RNN learns short-range patterns well and long-range ones poorly. The next lesson, rnn/gradients, looks at this shrinking (and its opposite, growing) gradient. ' +
          'The LSTM (lesson lstm/cell-state) was designed for it: its gates can carry the feature from step 2 to step 9 almost untouched.',
        '要学会“主语是复数 → 用 were”这条规则，训练必须把一个信号从第 9 步的动词传回第 2 步的主语。这个信号就是梯度，而演示表明它传回来时也按同样的比例缩小了。\n\n' +
          '所以普通 RNN 学短距离的规律学得好，学长距离的规律学得差。下一课 rnn/gradients 讨论这种不断变小（以及相反的、不断变大）的梯度。' +
          'LSTM（lstm/cell-state 一课）就是为此设计的：它的门可以把第 2 步的特征几乎原封不动地带到第 9 步。',
      ),
    },
    { kind: 'experiment', key: 'experiment-rnn-vs-lstm', id: 'rnn-vs-lstm' },
    {
      kind: 'check',
      title: msg('What goes wrong?', '问题出在哪里？'),
      check: {
        question: msg(
          'A plain RNN often picks "was" in "The cats that we saw in the yard … hungry". Why?',
          '在 “The cats that we saw in the yard … hungry” 里，普通 RNN 常常选成 “was”。为什么？',
        ),
        options: [
          msg('Later steps have mostly overwritten what "cats" left in h', '后面的步骤已把 “cats” 留下的信息大半覆盖'),
          msg('An RNN cannot see step 2 at all: hₜ depends only on xₜ', 'RNN 根本看不到第 2 步：hₜ 只取决于 xₜ'),
          msg('Each step has different weights, and step 9 was never trained', '每一步的权重都不同，第 9 步从来没有训练过'),
          msg('The hidden state is too small to hold even a single bit', '隐藏状态太小，连一个比特的信息都存不下'),
        ],
        answer: 0,
        explain: msg(
          'Step 2 does reach step 9, through h, but every step in between rewrites h, so only a small fraction rᵏ of the subject’s trace survives, and the gradient that would teach the rule shrinks the same way.',
          '第 2 步确实能通过 h 影响第 9 步，但中间每一步都会改写 h，主语留下的痕迹只剩很小的 rᵏ；用来学会这条规则的梯度也以同样的方式缩小。',
        ),
        wrong: {
          1: msg('hₜ depends on xₜ and hₜ₋₁, so earlier inputs do reach it, only weakened.', 'hₜ 取决于 xₜ 和 hₜ₋₁，所以更早的输入确实能影响它，只是被削弱了。'),
          2: msg('All steps share the same weights.', '所有步骤共享同一组权重。'),
          3: msg(`Even the demo's H = ${NET.H} numbers could store it; the problem is that it is not kept.`, `即使是演示里 H = ${NET.H} 的隐藏状态也存得下；问题在于信息没有被保留下来。`),
        },
      },
    },
    {
      kind: 'try',
      command: 'grad rnn T=50 gain=0.9',
      note: msg(
        'How strongly the last step of a 50-step RNN depends on each earlier one: the gradient norm fades with the gap. And the formula by hand: `let r = 0.6^7`.',
        '50 步 RNN 的最后一步对之前每一步的依赖有多强：梯度范数随间隔衰减。再手算一下公式：`let r = 0.6^7`。',
      ),
    },
  ],
};

