/**
 * Quiz bank: LSTM (lstm/cell-state, lstm/gates). Numbers are computed here,
 * not typed, so the answer and the worked solution always agree.
 */
import { msg } from '../../i18n/index.js';
import type { Question } from '../types.js';
import { fmtInt } from '../../i18n/numbers.js';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

// lstm/cell-state: one update c = f·c_prev + i·g.
const cu = { f: 0.5, c: 4, i: 0.5, g: -1 };
const cNew = cu.f * cu.c + cu.i * cu.g;
/** A number as the lessons write it, with a real minus sign: −1, −0.5. */
const num = (v: number): string => String(v).replace('-', '−');

// Carrying a feature from t2 to t9 (7 steps) with f = 0.95, i = 0, versus a plain RNN with gain 0.5.
const keepF = 0.95;
const keepSteps = 9 - 2;
const kept = keepF ** keepSteps;
const rnnKept = 0.5 ** keepSteps;

// lstm/gates
const gatePre = 2;
const gateVal = sigmoid(gatePre);
const outO = 0.5;
const outC = 1.5;
const outH = outO * Math.tanh(outC);

const lstmParams1 = (I: number, H: number): number => 4 * (H * (I + H) + H);
const lstmParams2 = (I: number, H: number): number => 4 * (H * (I + H) + 2 * H);
const I1 = 64;
const H1 = 128;
const p1 = lstmParams1(I1, H1);
const p2 = lstmParams2(I1, H1);
const I2 = 256;
const H2 = 256;
const p3 = lstmParams2(I2, H2);
const rnnBlock = (I: number, H: number): number => H * (I + H) + H;

export const questions: Question[] = [
  // ───────────────────────────── lstm/cell-state ─────────────────────────────
  {
    id: 'lstm/cell-state/conveyor',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#conveyor-belt',
    kind: 'choice',
    prompt: msg(
      'The core of an LSTM is often pictured as a conveyor belt running along the top of the chain. What is this part?',
      'LSTM 的核心部分常被画成沿着整条链顶部运行的传送带。这一部分是什么？',
    ),
    options: [
      msg('The output gate oₜ', '输出门 oₜ'),
      msg('The input xₜ', '输入 xₜ'),
      msg('The cell state cₜ', '单元状态 cₜ'),
      msg('The softmax output layer', 'softmax 输出层'),
    ],
    answer: 2,
    explain: msg(
      'The cell state runs through the whole chain of LSTM units. At each step it only meets an elementwise multiply (forget) and an add (new information), so features can ride along it for many steps with little change.',
      '单元状态贯穿整条 LSTM 单元链。每一步它只经过一次逐元素相乘（遗忘）和一次相加（新信息），所以特征可以沿着它传很多步而几乎不变。',
    ),
    hint: msg('It exists from the first unit to the last.', '它从第一个单元一直存在到最后一个单元。'),
  },
  {
    id: 'lstm/cell-state/update-formula',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#conveyor-belt',
    kind: 'formula',
    prompt: msg(
      'Write the LSTM cell-state update for one number of the cell state: the new value from the forget gate f, the old value c, the input gate i and the candidate g.',
      '写出 LSTM 单元状态中一个数的更新：由遗忘门 f、旧值 c、输入门 i 和候选值 g 计算新值。',
    ),
    answer: 'f*c+i*g',
    vars: ['f', 'c', 'i', 'g'],
    explain: msg(
      'cₜ = f ⊙ cₜ₋₁ + i ⊙ g: the forget gate decides how much of the old value to keep, the input gate how much of the new candidate to write. Example: f = 0.5, c = 4, i = 0.5, g = −1 gives 2 − 0.5 = 1.5.',
      'cₜ = f ⊙ cₜ₋₁ + i ⊙ g：遗忘门决定保留多少旧值，输入门决定写入多少新候选值。例如 f = 0.5、c = 4、i = 0.5、g = −1 时得 2 − 0.5 = 1.5。',
    ),
    hint: msg('Keep part of the old value, add part of the new one.', '保留一部分旧值，加上一部分新值。'),
  },
  {
    id: 'lstm/cell-state/update-value',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#conveyor-belt',
    kind: 'numeric',
    prompt: msg(
      `For one number of an LSTM's cell state, cₜ₋₁ = ${cu.c}, the forget gate f = ${cu.f}, the input gate i = ${cu.i} and the candidate g = ${num(cu.g)}. What is cₜ?`,
      `对 LSTM 单元状态中的某一个数，cₜ₋₁ = ${cu.c}，遗忘门 f = ${cu.f}，输入门 i = ${cu.i}，候选值 g = ${num(cu.g)}。cₜ 等于多少？`,
    ),
    answer: cNew,
    tolerance: 1e-3,
    explain: msg(
      `cₜ = f·cₜ₋₁ + i·g = ${cu.f}·${cu.c} + ${cu.i}·(${num(cu.g)}) = ${cu.f * cu.c} + (${num(cu.i * cu.g)}) = ${cNew}.`,
      `代入 cₜ = f·cₜ₋₁ + i·g：${cu.f}·${cu.c} + ${cu.i}·(${num(cu.g)}) = ${cu.f * cu.c} + (${num(cu.i * cu.g)}) = ${cNew}。`,
    ),
    hint: msg('cₜ = f·cₜ₋₁ + i·g.', '用公式 cₜ = f·cₜ₋₁ + i·g。'),
  },
  {
    id: 'lstm/cell-state/carry-t2-t9',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#left-on-belt',
    kind: 'numeric',
    prompt: msg(
      `A feature of size 1 is written to the cell state at step 2. From step 3 to step 9 the forget gate is ${keepF} and the input gate 0. What is its size at step 9? (3 decimal places)`,
      `第 2 步时把大小为 1 的特征写入单元状态。从第 3 步到第 9 步，遗忘门均为 ${keepF}，输入门均为 0。到第 9 步它还剩多大？（保留 3 位小数）`,
    ),
    answer: kept,
    tolerance: 1e-3,
    explain: msg(
      `${keepSteps} updates, each cₜ = ${keepF}·cₜ₋₁ + 0: ${keepF}^${keepSteps} ≈ ${kept.toFixed(4)}. Compare a plain RNN shrinking by 0.5 per step: 0.5^${keepSteps} ≈ ${rnnKept.toFixed(4)}. The LSTM chooses its own factor through the forget gate.`,
      `共 ${keepSteps} 次更新，每次 cₜ = ${keepF}·cₜ₋₁ + 0：${keepF}^${keepSteps} ≈ ${kept.toFixed(4)}。对比每步缩小为 0.5 倍的普通 RNN：0.5^${keepSteps} ≈ ${rnnKept.toFixed(4)}。LSTM 通过遗忘门自己决定这个因子。`,
    ),
    hint: msg(`Steps 3 through 9 are ${keepSteps} updates.`, `第 3 到第 9 步共 ${keepSteps} 次更新。`),
  },
  {
    id: 'lstm/cell-state/keep-settings',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#conveyor-belt',
    kind: 'choice',
    prompt: msg(
      'Which gate values let the cell state carry the subject\'s singular/plural feature from step 2 to step 9 unchanged?',
      '哪组门的取值能让单元状态把主语的单复数特征从第 2 步原样带到第 9 步？',
    ),
    options: [
      msg('Forget gate ≈ 0, input gate ≈ 1', '遗忘门 ≈ 0，输入门 ≈ 1'),
      msg('Forget gate ≈ 0, input gate ≈ 0', '遗忘门 ≈ 0，输入门 ≈ 0'),
      msg('Output gate ≈ 0, all other gates ≈ 1', '输出门 ≈ 0，其余门 ≈ 1'),
      msg('Forget gate ≈ 1, input gate ≈ 0', '遗忘门 ≈ 1，输入门 ≈ 0'),
    ],
    answer: 3,
    explain: msg(
      'With f ≈ 1 and i ≈ 0, cₜ = 1·cₜ₋₁ + 0·g = cₜ₋₁: nothing is erased and nothing new is written. f ≈ 0 would erase the feature; i ≈ 1 would mix new candidates into it. The output gate only controls what is read out, not what is stored.',
      'f ≈ 1、i ≈ 0 时，cₜ = 1·cₜ₋₁ + 0·g = cₜ₋₁：既不擦除，也不写入新内容。f ≈ 0 会擦掉这个特征；i ≈ 1 会把新候选值混进来。输出门只控制读出什么，不影响存储什么。',
    ),
    hint: msg('Plug the values into cₜ = f·cₜ₋₁ + i·g.', '把取值代入 cₜ = f·cₜ₋₁ + i·g。'),
  },
  {
    id: 'lstm/cell-state/not-squashed',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#conveyor-belt',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the cell state is passed through tanh at every step before it goes on to the next unit.',
      '判断：单元状态在传给下一个单元之前，每一步都要经过一次 tanh。',
    ),
    answer: false,
    explain: msg(
      'False. cₜ = f⊙cₜ₋₁ + i⊙g goes on to the next unit as it is. tanh is applied only to a copy, when the hidden state is read out: hₜ = o⊙tanh(cₜ). Avoiding a squashing function on the belt is what lets information and gradients travel far.',
      '错误。cₜ = f⊙cₜ₋₁ + i⊙g 原样传给下一个单元。tanh 只作用于读出隐藏状态时的副本：hₜ = o⊙tanh(cₜ)。传送带上没有压缩函数，信息和梯度才能传得远。',
    ),
    hint: msg('Where does tanh(cₜ) appear in the equations?', 'tanh(cₜ) 出现在哪个式子里？'),
  },
  {
    id: 'lstm/cell-state/gradient-path',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    taught: 'lstm/cell-state#gates-decide',
    kind: 'truefalse',
    prompt: msg(
      'True or false: along the cell state, the gradient of cₜ with respect to cₜ₋₁ is the forget gate f (elementwise), so it can stay close to 1 over many steps.',
      '判断：沿着单元状态，cₜ 对 cₜ₋₁ 的梯度就是遗忘门 f（逐元素），所以经过很多步后仍可接近 1。',
    ),
    answer: true,
    explain: msg(
      'True. cₜ = f⊙cₜ₋₁ + i⊙g is additive, so ∂cₜ/∂cₜ₋₁ = f on this path. When the network learns f ≈ 1, the product over many steps stays near 1 instead of shrinking like 0.9^50 ≈ 0.005 in a plain RNN. This is why the LSTM eases vanishing gradients.',
      '正确。cₜ = f⊙cₜ₋₁ + i⊙g 是加法形式，这条路径上 ∂cₜ/∂cₜ₋₁ = f。网络学到 f ≈ 1 时，多步连乘仍接近 1，而不像普通 RNN 那样缩小到 0.9^50 ≈ 0.005。这就是 LSTM 缓解梯度消失的原因。',
    ),
    hint: msg('Differentiate f·c + i·g with respect to c.', '对 f·c + i·g 关于 c 求导。'),
  },

  // ───────────────────────────── lstm/gates ─────────────────────────────
  {
    id: 'lstm/gates/range',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#what-a-gate',
    kind: 'choice',
    prompt: msg(
      'The forget, input and output gates of an LSTM use a sigmoid. Which interval is exactly the set of values a gate can take (no larger)?',
      'LSTM 的遗忘门、输入门和输出门都用 sigmoid。哪个区间恰好是门所有可能取值的集合（不能更大）？',
    ),
    options: [
      msg('(−1, 1)', '区间 (−1, 1)'),
      msg('(0, 1)', '区间 (0, 1)'),
      msg('[0, ∞)', '区间 [0, ∞)'),
      msg('{0, 1}: only 0 or 1', '{0, 1}：只有 0 和 1 两个值'),
    ],
    answer: 1,
    explain: msg(
      'σ(z) = 1/(1 + e^(−z)) lies strictly between 0 and 1, so a gate acts as a soft switch: multiplying by it lets through anywhere from almost nothing (near 0) to almost everything (near 1).',
      'σ(z) = 1/(1 + e^(−z)) 严格介于 0 和 1 之间，所以门是一个“软开关”：乘上它，放行的量可以从几乎为零（接近 0）到几乎全部（接近 1）。',
    ),
    hint: msg('A gate multiplies: think of a fraction.', '门是拿来相乘的，想想“比例”。'),
  },
  {
    id: 'lstm/gates/which-tanh',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#forget-then-write',
    kind: 'choice',
    prompt: msg(
      'Inside an LSTM unit, which of these is computed with tanh rather than a sigmoid?',
      '在 LSTM 单元里，下列哪一项用 tanh 而不是 sigmoid 计算？',
    ),
    options: [
      msg('The forget gate f', '遗忘门 f'),
      msg('The candidate values g', '候选值 g'),
      msg('The input gate i', '输入门 i'),
      msg('The output gate o', '输出门 o'),
    ],
    answer: 1,
    explain: msg(
      'g = tanh(W_g·[hₜ₋₁, xₜ] + b_g) is the content to write, in (−1, 1), so it can push the cell up or down. The three gates are sigmoids in (0, 1) because they only decide how much passes.',
      'g = tanh(W_g·[hₜ₋₁, xₜ] + b_g) 是要写入的内容，取值在 (−1, 1)，可以让单元值增大或减小。三个门都是 sigmoid，取值在 (0, 1)，因为它们只决定放行多少。',
    ),
    hint: msg('Which one is content rather than a switch?', '哪一个是“内容”而不是“开关”？'),
  },
  {
    id: 'lstm/gates/forget-not-output',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#output-gate',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the output gate decides which information is erased from the cell state.',
      '判断：输出门决定从单元状态中擦除哪些信息。',
    ),
    answer: false,
    explain: msg(
      'False. Erasing is the forget gate\'s job: cₜ = f⊙cₜ₋₁ + i⊙g. The output gate only chooses what part of the cell is shown as the hidden state, hₜ = o⊙tanh(cₜ); the cell itself is left as it is.',
      '错误。擦除是遗忘门的工作：cₜ = f⊙cₜ₋₁ + i⊙g。输出门只选择单元中哪部分作为隐藏状态输出，hₜ = o⊙tanh(cₜ)；单元本身不受影响。',
    ),
    hint: msg('Which gate multiplies cₜ₋₁?', '哪个门与 cₜ₋₁ 相乘？'),
  },
  {
    id: 'lstm/gates/sigmoid-value',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#what-a-gate',
    kind: 'numeric',
    prompt: msg(
      `One number of the forget gate has the pre-activation ${gatePre}. What fraction of the old cell value does it keep? (3 decimal places)`,
      `遗忘门中某一个数激活前的值为 ${gatePre}。它让旧的单元值保留多大比例？（保留 3 位小数）`,
    ),
    answer: gateVal,
    tolerance: 1e-3,
    explain: msg(
      `f = σ(${gatePre}) = 1/(1 + e^(−${gatePre})) ≈ 1/(1 + ${Math.exp(-gatePre).toFixed(4)}) ≈ ${gateVal.toFixed(4)}: about ${Math.round(gateVal * 100)}% of cₜ₋₁ is kept.`,
      `f = σ(${gatePre}) = 1/(1 + e^(−${gatePre})) ≈ 1/(1 + ${Math.exp(-gatePre).toFixed(4)}) ≈ ${gateVal.toFixed(4)}：cₜ₋₁ 大约保留 ${Math.round(gateVal * 100)}%。`,
    ),
    hint: msg('Apply the sigmoid 1/(1 + e^(−z)).', '代入 sigmoid：1/(1 + e^(−z))。'),
  },
  {
    id: 'lstm/gates/hidden-formula',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#output-gate',
    kind: 'formula',
    prompt: msg(
      'Write one number of an LSTM’s hidden state from its output gate o and its new cell value c.',
      '用输出门 o 和新的单元值 c，写出 LSTM 隐藏状态中的一个数。',
    ),
    answer: 'o*tanh(c)',
    vars: ['o', 'c'],
    explain: msg(
      'hₜ = o ⊙ tanh(cₜ): tanh squashes the cell value into (−1, 1) and the output gate chooses how much of it to show. Example: o = 0.5, c = 1.5 gives 0.5·tanh(1.5) ≈ 0.453.',
      'hₜ = o ⊙ tanh(cₜ)：tanh 把单元值压缩到 (−1, 1)，输出门决定显示多少。例如 o = 0.5、c = 1.5 时得 0.5·tanh(1.5) ≈ 0.453。',
    ),
    hint: msg('Squash the cell, then gate it.', '先压缩单元值，再用门控制。'),
  },
  {
    id: 'lstm/gates/hidden-value',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#output-gate',
    kind: 'numeric',
    prompt: msg(
      `For one number of an LSTM's state, the new cell value is cₜ = ${outC} and the output gate is o = ${outO}. What is hₜ? (3 decimal places)`,
      `对 LSTM 状态中的某一个数，新的单元值 cₜ = ${outC}，输出门 o = ${outO}。hₜ 等于多少？（保留 3 位小数）`,
    ),
    answer: outH,
    tolerance: 1e-3,
    explain: msg(
      `hₜ = o·tanh(cₜ) = ${outO}·tanh(${outC}) ≈ ${outO}·${Math.tanh(outC).toFixed(4)} ≈ ${outH.toFixed(4)}.`,
      `代入 hₜ = o·tanh(cₜ)：${outO}·tanh(${outC}) ≈ ${outO}·${Math.tanh(outC).toFixed(4)} ≈ ${outH.toFixed(4)}。`,
    ),
    hint: msg('hₜ = o·tanh(cₜ).', '用公式 hₜ = o·tanh(cₜ)。'),
  },
  {
    id: 'lstm/gates/params-one-bias',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#parameters',
    kind: 'numeric',
    prompt: msg(
      `How many parameters does an LSTM layer have with input size ${I1}, hidden size ${H1} and one bias vector per gate?`,
      `输入维度 ${I1}、隐藏维度 ${H1}、每个门一个偏置向量的 LSTM 层有多少个参数？`,
    ),
    answer: p1,
    explain: msg(
      `Four blocks (f, i, o, g), each H·(I + H) + H = ${H1}·${I1 + H1} + ${H1} = ${fmtInt(rnnBlock(I1, H1))}. Total 4·${fmtInt(rnnBlock(I1, H1))} = ${fmtInt(p1)}.`,
      `共四组（f、i、o、g），每组 H·(I + H) + H = ${H1}·${I1 + H1} + ${H1} = ${fmtInt(rnnBlock(I1, H1))}。合计 4·${fmtInt(rnnBlock(I1, H1))} = ${fmtInt(p1)}。`,
    ),
    hint: msg('4·(H·(I + H) + H).', '用公式 4·(H·(I + H) + H)。'),
  },
  {
    id: 'lstm/gates/params-pytorch',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#parameters',
    kind: 'numeric',
    prompt: msg(
      `PyTorch's nn.LSTM(${I1}, ${H1}) keeps two bias vectors per gate (b_ih and b_hh). How many parameters does it have?`,
      `PyTorch 的 nn.LSTM(${I1}, ${H1}) 每个门有两个偏置向量（b_ih 和 b_hh）。它有多少个参数？`,
    ),
    answer: p2,
    explain: msg(
      `4·(H·(I + H) + 2H) = 4·(${H1}·${I1 + H1} + ${2 * H1}) = 4·${fmtInt(H1 * (I1 + H1) + 2 * H1)} = ${fmtInt(p2)}. That is ${fmtInt(p2 - p1)} more than with one bias (${fmtInt(p1)}): one extra bias of ${H1} for each of the 4 blocks.`,
      `4·(H·(I + H) + 2H) = 4·(${H1}·${I1 + H1} + ${2 * H1}) = 4·${fmtInt(H1 * (I1 + H1) + 2 * H1)} = ${fmtInt(p2)}。比单偏置（${fmtInt(p1)}）多 ${fmtInt(p2 - p1)} 个：4 组各多一个长度为 ${H1} 的偏置。`,
    ),
    hint: msg('Same as with one bias, plus 4·H.', '在单偏置的结果上再加 4·H。'),
  },
  {
    id: 'lstm/gates/params-formula',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#parameters',
    kind: 'formula',
    prompt: msg(
      'Write the parameter count of PyTorch\'s nn.LSTM (two bias vectors per gate) with input size I and hidden size H.',
      '写出 PyTorch nn.LSTM（每个门两个偏置向量）的参数量，输入维度为 I，隐藏维度为 H。',
    ),
    answer: '4*(H*(I+H)+2*H)',
    vars: ['H', 'I'],
    explain: msg(
      `Each of the 4 blocks (f, i, o, g) has an H×I input matrix, an H×H recurrent matrix and two biases of length H: 4·(H·(I + H) + 2H). For I = ${I1}, H = ${H1}: ${fmtInt(p2)}.`,
      `4 组（f、i、o、g）各有一个 H×I 的输入矩阵、一个 H×H 的循环矩阵和两个长度为 H 的偏置：4·(H·(I + H) + 2H)。I = ${I1}、H = ${H1} 时为 ${fmtInt(p2)}。`,
    ),
    hint: msg('One RNN-sized block per gate and candidate, each with two biases.', '每个门和候选值各一组 RNN 大小的参数，每组两个偏置。'),
  },
  {
    id: 'lstm/gates/params-256',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#parameters',
    kind: 'numeric',
    prompt: msg(
      `How many parameters does PyTorch's nn.LSTM(${I2}, ${H2}) have (two bias vectors per gate)?`,
      `PyTorch 的 nn.LSTM(${I2}, ${H2}) 有多少个参数（每个门两个偏置向量）？`,
    ),
    answer: p3,
    explain: msg(
      `4·(H·(I + H) + 2H) = 4·(${H2}·${I2 + H2} + ${2 * H2}) = 4·${fmtInt(H2 * (I2 + H2) + 2 * H2)} = ${fmtInt(p3)}.`,
      `按 4·(H·(I + H) + 2H) 计算：4·(${H2}·${I2 + H2} + ${2 * H2}) = 4·${fmtInt(H2 * (I2 + H2) + 2 * H2)} = ${fmtInt(p3)}。`,
    ),
    hint: msg('4·(H·(I + H) + 2H).', '用公式 4·(H·(I + H) + 2H)。'),
  },
  {
    id: 'lstm/gates/why-four',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#parameters',
    kind: 'choice',
    prompt: msg(
      'An LSTM layer has about 4 times the parameters of a vanilla RNN with the same input and hidden sizes. Where does the 4 come from?',
      '在输入和隐藏维度相同的情况下，LSTM 层的参数大约是普通 RNN 的 4 倍。这个 4 从何而来？',
    ),
    options: [
      msg('An LSTM unrolls 4 time steps at once', 'LSTM 每次同时展开 4 个时间步'),
      msg('The cell state has 4 times the hidden size', '单元状态的维度是隐藏维度的 4 倍'),
      msg('An LSTM stacks 4 plain RNN layers', 'LSTM 叠了 4 层普通 RNN'),
      msg('f, i, o and g each have their own weights', 'f、i、o、g 各有自己的权重和偏置'),
    ],
    answer: 3,
    explain: msg(
      `Each of f, i, o, g is computed like one RNN layer from xₜ and hₜ₋₁, so there are 4 copies of H·(I + H) + H. With I = ${I1}, H = ${H1}: 4·${fmtInt(rnnBlock(I1, H1))} = ${fmtInt(p1)}. The cell state has size H, like the hidden state.`,
      `f、i、o、g 各自都像一层 RNN 一样由 xₜ 和 hₜ₋₁ 计算，所以有 4 份 H·(I + H) + H。I = ${I1}、H = ${H1} 时为 4·${fmtInt(rnnBlock(I1, H1))} = ${fmtInt(p1)}。单元状态的维度和隐藏状态一样，都是 H。`,
    ),
    hint: msg('Count what an LSTM computes from xₜ and hₜ₋₁.', '数一数 LSTM 由 xₜ 和 hₜ₋₁ 算出了几样东西。'),
  },
  {
    id: 'lstm/gates/step-order',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#gates-demo',
    kind: 'order',
    prompt: msg('Put the computations of one LSTM time step in order.', '把 LSTM 一个时间步的计算按顺序排好。'),
    items: [
      msg(
        'From xₜ and hₜ₋₁ compute the gates f, i, o (sigmoid) and the candidate g (tanh)',
        '由 xₜ 和 hₜ₋₁ 算出门 f、i、o（sigmoid）和候选值 g（tanh）',
      ),
      msg('Forget: scale the old cell, f ⊙ cₜ₋₁', '遗忘：缩放旧单元值，f ⊙ cₜ₋₁'),
      msg('Write: add i ⊙ g to get the new cell cₜ', '写入：加上 i ⊙ g，得到新单元值 cₜ'),
      msg('Squash the new cell: tanh(cₜ)', '压缩新单元值：tanh(cₜ)'),
      msg('Read out: hₜ = o ⊙ tanh(cₜ)', '读出：hₜ = o ⊙ tanh(cₜ)'),
    ],
    explain: msg(
      'All gates need only xₜ and hₜ₋₁, so they come first. Then the cell is updated, cₜ = f⊙cₜ₋₁ + i⊙g, and only then can the hidden state be read from it, hₜ = o⊙tanh(cₜ). Both cₜ and hₜ go on to the next step.',
      '所有门只需要 xₜ 和 hₜ₋₁，所以最先计算。接着更新单元，cₜ = f⊙cₜ₋₁ + i⊙g，然后才能从中读出隐藏状态，hₜ = o⊙tanh(cₜ)。cₜ 和 hₜ 都会传给下一步。',
    ),
    hint: msg('hₜ needs cₜ, and cₜ needs the gates.', 'hₜ 需要 cₜ，cₜ 需要各个门。'),
  },
  {
    id: 'lstm/gates/h-range',
    topic: 'lstm',
    lesson: 'lstm/gates',
    taught: 'lstm/gates#output-gate',
    kind: 'truefalse',
    prompt: msg(
      'True or false: the hidden state hₜ of an LSTM always lies in (−1, 1), even though the cell state cₜ can grow larger than 1.',
      '判断：LSTM 的隐藏状态 hₜ 总在 (−1, 1) 之间，尽管单元状态 cₜ 可以大于 1。',
    ),
    answer: true,
    explain: msg(
      'True. hₜ = o⊙tanh(cₜ): tanh(cₜ) is in (−1, 1) and o is in (0, 1), so their product is in (−1, 1). The cell itself is a sum, cₜ = f⊙cₜ₋₁ + i⊙g, and can accumulate beyond 1 over several steps.',
      '正确。hₜ = o⊙tanh(cₜ)：tanh(cₜ) 在 (−1, 1) 内，o 在 (0, 1) 内，乘积仍在 (−1, 1) 内。单元本身是求和，cₜ = f⊙cₜ₋₁ + i⊙g，几步累积后可以超过 1。',
    ),
    hint: msg('Multiply the ranges of o and tanh(cₜ).', '把 o 和 tanh(cₜ) 的范围相乘。'),
  },
];
