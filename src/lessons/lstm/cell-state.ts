/**
 * lstm/cell-state — why the LSTM solves the long-term dependency problem:
 * gates decide what flows on and what is lost, and the cell state runs along
 * the whole chain like a conveyor belt. Demo: a one-unit LSTM (engine's
 * lstmWithGates) writes the subject at step 2 and keeps it to step 9 when
 * its forget gate is near 1, and loses it when the gate is near 0.
 */
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { beltExperiment, SENTENCE } from './common.js';
import { drawChain } from './diagrams.js';
import { fixed, fmtDecimals, fmtSci } from '../../i18n/numbers.js';

function fLabel(f: number): string {
  return `f ≈ ${fmtDecimals(f, 2)}`;
}

function beltDemo(seed: number): Block[] {
  const runs = beltExperiment(seed);
  const [keep, half, lose] = runs;
  const iGate = keep.plural.inputGate.data;
  const rows = SENTENCE.map((word, t) => [String(t + 1), word, fixed(iGate[t], 2), ...runs.map((r) => fixed(r.plural.cells.data[t], 3))]);
  const pct = (r: (typeof runs)[number]) => fmtDecimals((100 * r.c9) / r.c2, 1);
  return [
    {
      kind: 'table',
      head: ['t', msg('word', '词'), msg('input gate i', '输入门 i'), ...runs.map((r) => `c (${fLabel(r.f)})`)],
      rows,
      align: ['right', 'left', 'right', 'right', 'right', 'right'],
    },
    {
      kind: 'chart',
      label: msg('the cell state cₜ along the sentence', '单元状态 cₜ 沿句子的变化'),
      series: runs.map((r) => ({ label: fLabel(r.f), values: Array.from(r.plural.cells.data) })),
      xStart: 1,
      xStep: 1,
      height: 10,
      xLabel: msg('step t (2 = "cats", 9 = "were")', '时间步 t（2 = “cats”，9 = “were”）'),
    },
    {
      kind: 'bars',
      label: msg('|h₉(cats) − h₉(cat)|: what step 9 can still tell apart', '|h₉(cats) − h₉(cat)|：第 9 步还能分辨出多少'),
      items: runs.map((r) => ({ label: fLabel(r.f), value: Math.abs(r.dh9) })),
      min: 0,
      max: Math.max(...runs.map((r) => Math.abs(r.dh9)), 1e-9),
      precision: 3,
    },
    {
      kind: 'text',
      text: msg(
        `At step 2 the input gate opens (i = ${fmtDecimals(iGate[1], 2)}) and the LSTM writes c₂ = ${fmtDecimals(keep.c2, 3)}. ` +
          `With the forget gate at ${fmtDecimals(keep.f, 2)} the belt still carries c₉ = ${fmtDecimals(keep.c9, 3)} at "were", ${pct(keep)}% of it. ` +
          `With f = ${fmtDecimals(half.f, 2)} only ${pct(half)}% is left (${fmtDecimals(half.f, 2)}⁷ ≈ ${fmtDecimals(100 * half.f ** 7, 1)}%), and with f ≈ ${fmtDecimals(lose.f, 2)} the subject is gone after one step: ` +
          `c₉ = ${fmtDecimals(lose.c9, 3)} is just the noise of the last word.`,
        `在第 2 步，输入门打开（i = ${fmtDecimals(iGate[1], 2)}），LSTM 写入 c₂ = ${fmtDecimals(keep.c2, 3)}。` +
          `遗忘门为 ${fmtDecimals(keep.f, 2)} 时，到 “were” 那一步传送带上仍有 c₉ = ${fmtDecimals(keep.c9, 3)}，保留了 ${pct(keep)}%。` +
          `f = ${fmtDecimals(half.f, 2)} 时只剩 ${pct(half)}%（${fmtDecimals(half.f, 2)}⁷ ≈ ${fmtDecimals(100 * half.f ** 7, 1)}%）；f ≈ ${fmtDecimals(lose.f, 2)} 时主语一步之后就没了：` +
          `c₉ = ${fmtDecimals(lose.c9, 3)} 只是最后一个词带来的噪声。`,
      ),
    },
    {
      kind: 'text',
      text: msg(
        `Reading "cat" instead of "cats" (−1 instead of +1 at step 2) changes h₉ by ${fmtDecimals(Math.abs(keep.dh9), 3)} when f ≈ ${fmtDecimals(keep.f, 2)}, ` +
          `but ${lose.dh9 === 0 ? 'not at all (in float32)' : `only by ${fmtSci(Math.abs(lose.dh9))}`} when f ≈ ${fmtDecimals(lose.f, 2)}: only the first LSTM can still choose between "was" and "were".`,
        `把 “cats” 换成 “cat”（第 2 步输入 −1 而不是 +1）：f ≈ ${fmtDecimals(keep.f, 2)} 时 h₉ 变化 ${fmtDecimals(Math.abs(keep.dh9), 3)}，` +
          `f ≈ ${fmtDecimals(lose.f, 2)} 时${lose.dh9 === 0 ? '完全不变（float32 精度下）' : `只变化 ${fmtSci(Math.abs(lose.dh9))}`}：只有第一个 LSTM 到第 9 步还能在 “was” 和 “were” 之间做出选择。`,
      ),
    },
  ];
}

export const cellState: Lesson = {
  id: 'lstm/cell-state',
  topic: 'lstm',
  section: 'RNN › LSTM',
  title: msg('LSTM: the cell state', 'LSTM：单元状态'),
  summary: msg('How an LSTM carries a feature across many steps: gates and the conveyor belt', 'LSTM 如何把一个特征带过许多步：门与“传送带”'),
  steps: [
    {
      kind: 'text',
      title: msg('Where the plain RNN fails', '普通 RNN 的问题'),
      body: msg(
        'A plain RNN rewrites its hidden state h at every step, so what an early word left in h is soon overwritten. That is the long-term dependency problem of lesson rnn/long-term.\n\n' +
          'The LSTM (Long Short-Term Memory) fixes it with gates: small layers that decide, at every step, which features flow on and which are dropped. ' +
          'Nothing is overwritten unless a gate lets it be.',
        '普通 RNN 每一步都会改写隐藏状态 h，所以一个早先的词留在 h 里的信息很快就被覆盖了。这就是 rnn/long-term 一课讲的长期依赖问题。\n\n' +
          'LSTM（长短期记忆网络）用“门”（gate）来解决它：门是一些小的网络层，在每一步决定哪些特征继续往下传、哪些被丢掉。' +
          '只要门不允许，信息就不会被覆盖。',
      ),
    },
    {
      kind: 'text',
      title: msg('Cats … were', 'Cats … were'),
      body: msg(
        'Recall the sentence "The cats that we saw in the yard were hungry". At step 9 the network must pick "were" (plural) or "was" (singular), and the answer was decided at step 2, by "cats".\n\n' +
          'An LSTM can take the "plural" feature from step 2 and hand it to step 9 almost untouched. With that feature at hand, choosing singular or plural at step 9 is easy.',
        '回想这个句子：“The cats that we saw in the yard were hungry”。在第 9 步，网络要在 “were”（复数）和 “was”（单数）之间选一个，而答案在第 2 步就由 “cats” 决定了。\n\n' +
          'LSTM 可以把第 2 步的“复数”特征几乎原封不动地交给第 9 步。有了这个特征，第 9 步判断用单数还是复数就很容易了。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('A chain of LSTM units', 'LSTM 单元组成的链'),
      draw: drawChain,
      caption: msg(
        'One LSTM unit per time step, all with the same weights. The thick line along the top is the cell state c; the thin line below is the hidden state h, which is also the unit’s output.',
        '每个时间步一个 LSTM 单元，所有单元共享同一组权重。上方的粗线是单元状态 c；下方的细线是隐藏状态 h，它同时也是单元的输出。',
      ),
    },
    {
      kind: 'text',
      title: msg('The conveyor belt', '传送带'),
      key: 'conveyor-belt',
      body: msg(
        'An LSTM is a chain of LSTM units. Its core is the line running along the top of the chain: the cell state c. It is there from the first unit to the last, like a conveyor belt.\n\n' +
          'A word on terms: as in the notes, an LSTM unit here is the block for one time step, the same weights at every step. The cell state c and the hidden state h are vectors of H numbers each; H is the hidden size.\n\n' +
          'Inside a unit only two simple things happen to the belt: it is multiplied, number by number, by the forget gate f (×), and new information is added to it (+). ' +
          'There is no weight matrix and no tanh on the belt itself, so a feature placed on it can ride through many units unchanged, as long as f stays near 1 and nothing large is added.\n\n' +
          'In symbols, for each number of c: cₜ = f·cₜ₋₁ + i·g, where the input gate i decides how much of the new candidate g is added. (The next lesson, lstm/gates, shows where f, i and g come from.)',
        'LSTM 由一系列 LSTM 单元连成一条链。它的核心是沿着链的上方贯穿的那条线：单元状态（cell state，也有人译作“细胞状态”）c。它从第一个单元一直延伸到最后一个单元，就像一条传送带。\n\n' +
          '说明一下用词：和笔记一样，这里的“LSTM 单元”指一个时间步的计算块，每一步用的都是同一组权重。单元状态 c 和隐藏状态 h 都是含 H 个数的向量，H 叫作隐藏层大小。\n\n' +
          '在每个单元里，传送带上只发生两件简单的事：逐个数地乘以遗忘门 f（×），再加上新的信息（+）。' +
          '传送带本身不经过权重矩阵，也不经过 tanh，所以放上去的特征可以原样穿过许多个单元，只要 f 保持接近 1、并且没有加上很大的新内容。\n\n' +
          '写成公式，对 c 中的每一个数：cₜ = f·cₜ₋₁ + i·g，其中输入门 i 决定新的候选值 g 加进去多少。（下一课 lstm/gates 会讲 f、i、g 从哪里来。）',
      ),
    },
    {
      kind: 'formula',
      title: msg('What is left on the belt', '传送带上还剩多少'),
      key: 'left-on-belt',
      intro: msg(
        'When the input gate is shut (nothing is added), each unit only multiplies the belt by f. After k units a value c has become fᵏ·c. Compare with the plain RNN, whose fraction r per step was fixed by Wₕ and tanh: here the network itself sets f, step by step.',
        '当输入门关闭（不加入新内容）时，每个单元只是把传送带乘以 f。经过 k 个单元后，数值 c 变成 fᵏ·c。对比普通 RNN：它每步保留的比例 r 由 Wₕ 和 tanh 决定；而这里的 f 由网络自己在每一步设定。',
      ),
      formula: {
        symbolic: 'cₜ₊ₖ = fᵏ · cₜ   (i = 0)',
        substituted: '{f}^{k} · {c}',
        expr: 'f ^ k * c',
        vars: [
          { name: 'f', value: 0.98, label: msg('forget gate', '遗忘门'), min: 0, max: 1 },
          { name: 'k', value: 7, label: msg('steps (2 → 9 is 7)', '步数（第 2 步到第 9 步是 7 步）'), min: 0, max: 1000, integer: true },
          { name: 'c', value: 1, label: msg('value written at step t', '第 t 步写入的值'), min: -100, max: 100 },
        ],
        result: { name: 'cₜ₊ₖ', label: msg('value still on the belt', '传送带上剩下的值') },
        note: (v, res) => {
          if (v.f === 1) return msg('f = 1: the belt keeps the value forever.', 'f = 1：传送带永远保留这个值。');
          if (v.f === 0) return msg('f = 0: the belt is wiped at the first step, the way an LSTM clears what it no longer needs.', 'f = 0：第一步就把传送带清空，LSTM 就是这样清除不再需要的信息的。');
          if (v.c === 0) return null;
          return msg(`${fmtDecimals((100 * res) / v.c, 1)}% of the value is left after ${v.k} steps.`, `${v.k} 步之后还剩 ${fmtDecimals((100 * res) / v.c, 1)}%。`);
        },
      },
    },
    {
      kind: 'demo',
      title: msg('Carrying "cats" to "were"', '把 “cats” 带到 “were”'),
      key: 'carry-demo',
      intro: msg(
        'An LSTM with hidden size H = 1 (c and h are single numbers) reads the sentence. Its input gate opens only at the subject, where it writes +1 for "cats" (its weights are chosen by hand; the other words carry random numbers). ' +
          'We run it three times, with the forget gate held near 1, at 0.5 and near 0. The engine computes every number. Press r for other words.',
        '一个隐藏层大小 H = 1 的 LSTM（c 和 h 都只是一个数）读这个句子。它的输入门只在主语处打开，为 “cats” 写入 +1（权重是手工选定的；其他词带着随机数）。' +
          '我们运行三次：遗忘门分别固定在接近 1、0.5 和接近 0。所有数字都由引擎计算。按 r 换一组别的词。',
      ),
      run: (env) => beltDemo(env.seed),
    },
    {
      kind: 'text',
      title: msg('The gates decide', '由门来决定'),
      key: 'gates-decide',
      body: msg(
        'In the demo we fixed the forget gate by hand. In a trained LSTM the gates are computed from the current input and the previous h, so they change from step to step: ' +
          'the LSTM can hold "plural" while the words in between pass by, and clear it when a new subject arrives.\n\n' +
          'The same path also helps training: the gradient flows back along the belt, multiplied only by f at each step, instead of through Wₕ and tanh′ every time. ' +
          'The next lesson, lstm/gates, opens the unit and looks at its three gates.',
        '在演示里我们手工固定了遗忘门。在训练好的 LSTM 中，门是根据当前输入和上一步的 h 计算出来的，所以每一步都可能不同：' +
          '中间的词经过时，LSTM 可以一直保留“复数”这个特征；遇到新的主语时，再把它清掉。\n\n' +
          '这条通路对训练也有帮助：梯度沿着传送带往回传，每一步只乘以 f，而不必每次都经过 Wₕ 和 tanh′。' +
          '下一课 lstm/gates 会打开这个单元，看看它的三个门。',
      ),
    },
    {
      kind: 'check',
      title: msg('Why it remembers', '为什么能记住'),
      check: {
        question: msg(
          'Why can an LSTM carry the plural of "cats" from step 2 to step 9, when a plain RNN loses it?',
          '为什么 LSTM 能把 “cats” 的复数信息从第 2 步带到第 9 步，而普通 RNN 会丢掉它？',
        ),
        options: [
          msg('Its forget gate can stay near 1 and its input gate near 0', '它的遗忘门可以保持接近 1、输入门接近 0'),
          msg('It uses a different weight matrix at every step', '它在每一步使用不同的权重矩阵'),
          msg('It looks at all nine words at once instead of one after another', '它同时看全部九个词，而不是一个接一个地看'),
          msg('Its cell state is reset to zero at every step, so old noise cannot build up', '它的单元状态每一步都清零，所以旧的噪声不会积累'),
        ],
        answer: 0,
        explain: msg(
          'Along the belt each unit only multiplies by f and adds i·g. With f ≈ 1 and i ≈ 0 between the subject and the verb, the value written at step 2 is still there at step 9.',
          '在传送带上，每个单元只做“乘以 f、加上 i·g”。在主语和动词之间 f ≈ 1、i ≈ 0，第 2 步写入的值到第 9 步仍然在。',
        ),
        wrong: {
          1: msg('Like every RNN, the LSTM shares one set of weights across all steps; the gates change, the weights do not.', '和所有 RNN 一样，LSTM 的所有步共享同一组权重；变化的是门的取值，不是权重。'),
          2: msg('That describes the Transformer’s self-attention. An LSTM still reads the words one step at a time.', '这说的是 Transformer 的自注意力。LSTM 仍然是一步一步地读词。'),
          3: msg('Resetting the cell state would erase the subject too: that is the f ≈ 0 run of the demo.', '把单元状态清零也会把主语擦掉：这正是演示中 f ≈ 0 的那一次。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'lstm T=8 H=4',
      note: msg(
        'A random LSTM with H = 4 over 8 steps: the gates as bars, the cell state c and h at every step. Look for rows j whose f stays high: that number of c changes slowly.',
        '一个 H = 4 的随机 LSTM 处理 8 步：每一步的门（条形图）、单元状态 c 和 h。找一找 f 一直较高的第 j 行：c 的这个分量变化得很慢。',
      ),
    },
  ],
};
