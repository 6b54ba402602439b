/**
 * lstm/gates — inside the LSTM unit: forget, input and output gates (σ, in
 * (0, 1)), the candidate g = tanh(…), cₜ = f⊙cₜ₋₁ + i⊙g, hₜ = o⊙tanh(cₜ).
 * Demo: the gates of a seeded LSTM as bars, step by step (engine's
 * lstmWithGates), with cₜ recomputed from them; parameter counts with one
 * bias and with PyTorch's two, counted from the weight tensors.
 */
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { sub } from '../transformer/draw-util.js';

/** A fixed-decimal number in a formula, negative ones in parentheses: "(−0.530)". */
const fmtFixedP = (v: number, d: number): string => (v < 0 ? `(${fixed(v, d)})` : fixed(v, d));
import type { Lesson } from '../types.js';
import { lstmParamCount, randomLstm } from './common.js';
import { drawCell } from './diagrams.js';
import { fixed, fmtDecimals, fmtInt } from '../../i18n/numbers.js';

const DEMO = { T: 6, I: 2, H: 1 };

export function gateSteps(seed: number) {
  const { T, I, H } = DEMO;
  const { x, r } = randomLstm(T, I, H, seed);
  return Array.from({ length: T }, (_, t) => {
    const cPrev = t === 0 ? 0 : r.cells.data[t - 1];
    const f = r.forgetGate.data[t];
    const i = r.inputGate.data[t];
    const g = r.cellGate.data[t];
    const o = r.outputGate.data[t];
    return { t: t + 1, x: Array.from(x.data.subarray(t * I, (t + 1) * I)), f, i, g, o, cPrev, c: r.cells.data[t], h: r.output.data[t], recomputed: f * cPrev + i * g };
  });
}

function gatesDemo(seed: number): Block[] {
  const steps = gateSteps(seed);
  const blocks: Block[] = [{ kind: 'formula', lines: ['cₜ = fₜ·cₜ₋₁ + iₜ·gₜ', 'hₜ = oₜ·tanh(cₜ)'] }];
  for (const s of steps) {
    const t = sub(s.t);
    const tp = sub(s.t - 1);
    blocks.push({
      kind: 'bars',
      label: msg(`t = ${s.t}   x${t} = [${s.x.map((v) => fixed(v, 2)).join(', ')}]`, `t = ${s.t}   x${t} = [${s.x.map((v) => fixed(v, 2)).join(', ')}]`),
      items: [
        { label: msg('f forget', 'f 遗忘门'), value: s.f },
        { label: msg('i input', 'i 输入门'), value: s.i },
        { label: msg('o output', 'o 输出门'), value: s.o },
      ],
      min: 0,
      max: 1,
      precision: 3,
    });
    blocks.push({
      kind: 'formula',
      lines: [
        `g${t} = ${fixed(s.g, 3)}    c${t} = f·c${tp} + i·g = ${fixed(s.f, 3)}·${fmtFixedP(s.cPrev, 3)} + ${fixed(s.i, 3)}·${fmtFixedP(s.g, 3)} = ${fixed(s.c, 3)}`,
        `h${t} = o·tanh(c${t}) = ${fixed(s.o, 3)}·tanh(${fixed(s.c, 3)}) = ${fixed(s.h, 3)}`,
      ],
    });
  }
  const most = steps.reduce((a, b) => (b.f > a.f ? b : a));
  const least = steps.reduce((a, b) => (b.f < a.f ? b : a));
  const err = Math.max(...steps.map((s) => Math.abs(s.recomputed - s.c)));
  blocks.push({
    kind: 'text',
    text: msg(
      `At t = ${most.t} the forget gate is widest open (f = ${fixed(most.f, 3)}): ${fmtDecimals(100 * most.f, 0)}% of c${sub(most.t - 1)} = ${fixed(most.cPrev, 3)} is kept. ` +
        `At t = ${least.t} it is most closed (f = ${fixed(least.f, 3)}): only ${fmtDecimals(100 * least.f, 0)}% of c${sub(least.t - 1)} = ${fixed(least.cPrev, 3)} survives. ` +
        `Recomputing f·cₜ₋₁ + i·g from the gates gives the engine’s cₜ at every step (largest difference ${err.toExponential(0)}).`,
      `t = ${most.t} 时遗忘门开得最大（f = ${fixed(most.f, 3)}）：c${sub(most.t - 1)} = ${fixed(most.cPrev, 3)} 保留了 ${fmtDecimals(100 * most.f, 0)}%。` +
        `t = ${least.t} 时它关得最紧（f = ${fixed(least.f, 3)}）：c${sub(least.t - 1)} = ${fixed(least.cPrev, 3)} 只剩 ${fmtDecimals(100 * least.f, 0)}%。` +
        `用各个门的值重新计算 f·cₜ₋₁ + i·g，每一步都与引擎给出的 cₜ 一致（最大差 ${err.toExponential(0)}）。`,
    ),
  });
  return blocks;
}

const PARAM_EXAMPLE = { I: 10, H: 20 };
const CHECK_PARAMS = { I: 3, H: 2 };
const checkCount = lstmParamCount(CHECK_PARAMS.I, CHECK_PARAMS.H);

export const gates: Lesson = {
  id: 'lstm/gates',
  topic: 'lstm',
  section: 'RNN › LSTM',
  title: msg('LSTM: the three gates', 'LSTM：三个门'),
  summary: msg('Forget, input and output gates, the candidate, and how they update c and h', '遗忘门、输入门、输出门和候选值，以及它们如何更新 c 和 h'),
  steps: [
    {
      kind: 'text',
      title: msg('What a gate is', '门是什么'),
      key: 'what-a-gate',
      body: msg(
        'A gate is a small layer with a sigmoid: σ(W·[hₜ₋₁, xₜ] + b). The sigmoid puts every number strictly between 0 and 1, so the result works like a row of valves. ' +
          'Multiplying a vector by it, number by number (⊙), lets a 0 block that number completely, a 1 let it through untouched, and 0.3 let 30% of it through.\n\n' +
          'An LSTM unit has three gates, each with its own weights: the forget gate f, the input gate i and the output gate o. All three read the same thing: the previous hidden state hₜ₋₁ and the current input xₜ.',
        '门是一个带 sigmoid 的小网络层：σ(W·[hₜ₋₁, xₜ] + b)。sigmoid 把每个数都压到 0 和 1 之间（不含两端），所以结果就像一排阀门。' +
          '把一个向量逐个数地（⊙）乘上它：0 会把那个数完全挡住，1 让它原样通过，0.3 则放过它的 30%。\n\n' +
          '一个 LSTM 单元有三个门，各有自己的权重：遗忘门 f、输入门 i 和输出门 o。三个门读的是同样的东西：上一步的隐藏状态 hₜ₋₁ 和当前输入 xₜ。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Inside one LSTM unit', '一个 LSTM 单元的内部'),
      draw: drawCell,
      caption: msg(
        'The cell state runs along the top. The forget gate scales it, the input gate lets the candidate in, and the output gate decides what is shown as hₜ.',
        '单元状态沿上方流过。遗忘门对它进行缩放，输入门决定放入多少候选值，输出门决定把什么作为 hₜ 输出。',
      ),
    },
    {
      kind: 'text',
      title: msg('Forget, then write', '先遗忘，再写入'),
      key: 'forget-then-write',
      body: msg(
        'Forget gate: fₜ = σ(W_f·[hₜ₋₁, xₜ] + b_f). It decides, number by number, how much of the old cell state cₜ₋₁ to keep: 1 keeps it, 0 erases it.\n\n' +
          'Candidate: gₜ = tanh(W_g·[hₜ₋₁, xₜ] + b_g), new values between −1 and 1 that could be stored. ' +
          'Input gate: iₜ = σ(W_i·[hₜ₋₁, xₜ] + b_i) decides how much of each candidate value is actually written.\n\n' +
          'Together they give the new cell state:\n  cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ',
        '遗忘门：fₜ = σ(W_f·[hₜ₋₁, xₜ] + b_f)。它逐个数地决定旧的单元状态 cₜ₋₁ 保留多少：1 表示保留，0 表示擦除。\n\n' +
          '候选值：gₜ = tanh(W_g·[hₜ₋₁, xₜ] + b_g)，是一组可能被存进去的新数值，取值在 −1 到 1 之间。' +
          '输入门：iₜ = σ(W_i·[hₜ₋₁, xₜ] + b_i)，决定每个候选值真正写入多少。\n\n' +
          '两者合起来得到新的单元状态：\n  cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ',
      ),
    },
    {
      kind: 'formula',
      title: msg('One number of the cell state', '单元状态中的一个数'),
      key: 'one-number',
      intro: msg(
        'The update for a single number of c. Try f = 1, i = 0 (keep, write nothing), f = 0, i = 1 (replace), and f = 1, i = 1 (accumulate).',
        '这是 c 中某一个数的更新。试试 f = 1、i = 0（保留，不写入），f = 0、i = 1（替换），以及 f = 1、i = 1（累加）。',
      ),
      formula: {
        symbolic: 'cₜ = f · cₜ₋₁ + i · g',
        substituted: '{f} · {c} + {i} · {g}',
        expr: 'f * c + i * g',
        vars: [
          { name: 'f', value: 0.9, label: msg('forget gate, in (0, 1)', '遗忘门，取值 (0, 1)'), min: 0, max: 1 },
          { name: 'c', value: 0.8, label: msg('old cell state cₜ₋₁', '旧的单元状态 cₜ₋₁'), min: -100, max: 100 },
          { name: 'i', value: 0.3, label: msg('input gate, in (0, 1)', '输入门，取值 (0, 1)'), min: 0, max: 1 },
          { name: 'g', value: -0.5, label: msg('candidate, in (−1, 1)', '候选值，取值 (−1, 1)'), min: -1, max: 1 },
        ],
        result: { name: 'cₜ', label: msg('new cell state', '新的单元状态') },
        note: (v) => {
          if (v.f === 1 && v.i === 0) return msg('Kept exactly: the conveyor belt carries cₜ₋₁ on unchanged.', '原样保留：传送带把 cₜ₋₁ 原封不动地带下去。');
          if (v.f === 0 && v.i === 1) return msg('The old value is gone; the cell now holds the candidate g.', '旧值被丢弃；单元状态里现在存的是候选值 g。');
          if (v.f === 1 && v.i === 1) return msg('Accumulating: c can grow beyond 1 over many steps, which is why h uses tanh(c).', '累加：经过许多步后 c 可以超过 1，所以 h 要用 tanh(c)。');
          return null;
        },
      },
    },
    {
      kind: 'text',
      title: msg('The output gate', '输出门'),
      key: 'output-gate',
      body: msg(
        'The cell state is the LSTM’s memory; h is what it shows. Output gate: oₜ = σ(W_o·[hₜ₋₁, xₜ] + b_o), and\n  hₜ = oₜ ⊙ tanh(cₜ)\n\n' +
          'tanh squashes the cell state into (−1, 1), and oₜ picks which parts of it become the output hₜ. hₜ also goes to the next step, where all the gates read it.',
        '单元状态是 LSTM 的记忆，h 是它对外展示的内容。输出门：oₜ = σ(W_o·[hₜ₋₁, xₜ] + b_o)，并且\n  hₜ = oₜ ⊙ tanh(cₜ)\n\n' +
          'tanh 把单元状态压缩到 (−1, 1)，oₜ 决定其中哪些部分成为输出 hₜ。hₜ 还会传给下一步，被那里的所有门读取。',
      ),
    },
    {
      kind: 'demo',
      title: msg('The gates, step by step', '逐步查看各个门'),
      key: 'gates-demo',
      intro: msg(
        `A random LSTM with hidden size H = ${DEMO.H} (so every gate is a single number) reads ${DEMO.T} random inputs of ${DEMO.I} numbers. The engine’s lstmWithGates returns every gate; the two lines under each step rebuild c and h from them. Press r for new weights and inputs.`,
        `一个隐藏层大小 H = ${DEMO.H} 的随机 LSTM（所以每个门只是一个数）读入 ${DEMO.T} 个随机输入，每个含 ${DEMO.I} 个数。引擎的 lstmWithGates 返回每一个门的值；每一步下面的两行用这些值重新算出 c 和 h。按 r 换一组权重和输入。`,
      ),
      run: (env) => gatesDemo(env.seed),
    },
    { kind: 'experiment', key: 'experiment-forget-gate', id: 'forget-gate' },
    {
      kind: 'text',
      title: msg('How many parameters?', '有多少参数？'),
      key: 'parameters',
      body: msg(
        'f, i, g and o each have their own weights on [hₜ₋₁, xₜ]: a matrix of H rows and I + H columns (I inputs, H numbers in h) and H biases. So an LSTM layer has four times the weights of a plain RNN layer of the same size:\n' +
          '  4·(H·(I + H) + H)\n' +
          'PyTorch keeps two bias vectors, b_ih and b_hh, which add up to the same thing but are both counted: 4·(H·(I + H) + 2H).',
        'f、i、g、o 各自有一套作用在 [hₜ₋₁, xₜ] 上的权重：一个 H 行、I + H 列的矩阵（I 个输入，h 中的 H 个数），外加 H 个偏置。所以一个 LSTM 层的权重是同样大小的普通 RNN 层的四倍：\n' +
          '  4·(H·(I + H) + H)\n' +
          'PyTorch 保存两个偏置向量 b_ih 和 b_hh，它们加起来作用相同，但两个都计入参数：4·(H·(I + H) + 2H)。',
      ),
    },
    {
      kind: 'formula',
      title: msg('Counting the parameters', '计算参数个数'),
      formula: {
        symbolic: 'params = 4·(H·(I + H) + H)',
        substituted: '4·({H}·({I} + {H}) + {H})',
        expr: '4 * (H * (I + H) + H)',
        vars: [
          { name: 'I', value: PARAM_EXAMPLE.I, label: msg('input size', '输入大小'), min: 1, max: 100000, integer: true },
          { name: 'H', value: PARAM_EXAMPLE.H, label: msg('hidden size', '隐藏层大小'), min: 1, max: 100000, integer: true },
        ],
        result: { name: 'params', label: msg('with one bias per gate', '每个门一个偏置') },
        note: (v, res) => {
          const pt = 4 * (v.H * (v.I + v.H) + 2 * v.H);
          return msg(`PyTorch’s nn.LSTM(${v.I}, ${v.H}) counts ${fmtInt(pt)}: ${fmtInt(pt - res)} more, the second bias b_hh (4·H).`, `PyTorch 的 nn.LSTM(${v.I}, ${v.H}) 计为 ${fmtInt(pt)}：多出 ${fmtInt(pt - res)} 个，即第二个偏置 b_hh（4·H）。`);
        },
      },
    },
    {
      kind: 'text',
      title: msg('Counted from the tensors', '从张量数出来'),
      body: () => {
        const { I, H } = PARAM_EXAMPLE;
        const c = lstmParamCount(I, H);
        return msg(
          `The engine’s LSTM for I = ${I}, H = ${H} takes weight_ih [${4 * H}, ${I}], weight_hh [${4 * H}, ${H}] and bias_ih, bias_hh [${4 * H}] each: ` +
            `${fmtInt(c.weights)} weights + ${fmtInt(c.bias)} biases = ${fmtInt(c.oneBias)} with one bias vector, ${fmtInt(c.pytorch)} with both, as PyTorch reports.`,
          `引擎中 I = ${I}、H = ${H} 的 LSTM 需要 weight_ih [${4 * H}, ${I}]、weight_hh [${4 * H}, ${H}]，以及各 [${4 * H}] 的 bias_ih、bias_hh：` +
            `${fmtInt(c.weights)} 个权重 + ${fmtInt(c.bias)} 个偏置 = ${fmtInt(c.oneBias)}（一个偏置向量），两个都算则是 ${fmtInt(c.pytorch)}，与 PyTorch 报告的一致。`,
        );
      },
    },
    {
      kind: 'check',
      title: msg('Which gate?', '哪个门？'),
      check: {
        question: msg(
          'A trained LSTM reads a new sentence subject and must drop the number (singular/plural) it stored for the old one. Which value must be near 0 for that number of the cell state?',
          '训练好的 LSTM 读到一个新的句子主语，需要丢掉为旧主语存下的单复数信息。对于单元状态中的这个数，哪个值必须接近 0？',
        ),
        options: [msg('the forget gate fₜ', '遗忘门 fₜ'), msg('the input gate iₜ', '输入门 iₜ'), msg('the output gate oₜ', '输出门 oₜ'), msg('the candidate gₜ', '候选值 gₜ')],
        answer: 0,
        explain: msg('cₜ = fₜ·cₜ₋₁ + iₜ·gₜ: only fₜ multiplies the old value. With fₜ ≈ 0 it is erased, and the input gate can then write the new subject’s number.', 'cₜ = fₜ·cₜ₋₁ + iₜ·gₜ：只有 fₜ 乘在旧值上。fₜ ≈ 0 时旧值被擦掉，然后输入门可以写入新主语的单复数。'),
        wrong: {
          1: msg('A closed input gate stops new values from being written, but the old one stays on the belt.', '输入门关闭只是不写入新值，旧值仍然留在传送带上。'),
          2: msg('The output gate only hides the value from hₜ; it stays in the cell state and comes back when oₜ opens.', '输出门只是不让这个值出现在 hₜ 里；它仍然留在单元状态中，oₜ 打开时又会出现。'),
          3: msg('gₜ is what would be added; it does not touch what is already stored.', 'gₜ 是要加进去的内容，不影响已经存着的值。'),
        },
      },
    },
    {
      kind: 'check',
      title: msg('Parameters', '参数个数'),
      check: {
        question: msg(
          `How many parameters does PyTorch report for nn.LSTM(input_size=${CHECK_PARAMS.I}, hidden_size=${CHECK_PARAMS.H})?`,
          `PyTorch 的 nn.LSTM(input_size=${CHECK_PARAMS.I}, hidden_size=${CHECK_PARAMS.H}) 有多少个参数？`,
        ),
        options: [
          msg(fmtInt(checkCount.pytorch), fmtInt(checkCount.pytorch)),
          msg(fmtInt(checkCount.oneBias), fmtInt(checkCount.oneBias)),
          msg(fmtInt(checkCount.pytorch / 4), fmtInt(checkCount.pytorch / 4)),
          msg(fmtInt(checkCount.weights), fmtInt(checkCount.weights)),
        ],
        answer: 0,
        explain: msg(
          `4·(H·(I + H) + 2H) = 4·(${CHECK_PARAMS.H}·${CHECK_PARAMS.I + CHECK_PARAMS.H} + ${2 * CHECK_PARAMS.H}) = ${fmtInt(checkCount.pytorch)}: four blocks (i, f, g, o), each with weights on xₜ and hₜ₋₁ and two bias vectors.`,
          `4·(H·(I + H) + 2H) = 4·(${CHECK_PARAMS.H}·${CHECK_PARAMS.I + CHECK_PARAMS.H} + ${2 * CHECK_PARAMS.H}) = ${fmtInt(checkCount.pytorch)}：四组（i、f、g、o），每组有作用在 xₜ 和 hₜ₋₁ 上的权重和两个偏置向量。`,
        ),
        wrong: {
          1: msg('That counts one bias vector; PyTorch stores b_ih and b_hh and counts both.', '这是只算一个偏置向量的结果；PyTorch 保存 b_ih 和 b_hh，两个都算。'),
          2: msg('That is a plain RNN layer of the same size; the LSTM has four such blocks.', '这是同样大小的普通 RNN 层；LSTM 有四组这样的参数。'),
          3: msg('That leaves out the biases.', '这没有算偏置。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'lstm T=12 H=2',
      note: msg(
        'Twelve steps of a random LSTM with hidden size H = 2. Find a step where f is low: c drops there. Try other seeds with seed=N.',
        '一个隐藏层大小 H = 2 的随机 LSTM 走 12 步。找一个 f 很低的时间步：c 在那里会下降。用 seed=N 换其他随机种子。',
      ),
    },
  ],
};
