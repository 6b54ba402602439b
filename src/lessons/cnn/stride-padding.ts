/**
 * cnn/stride-padding — the notes' "神经元的空间排列": depth, stride and
 * zero-padding control the output volume; W₂ = (W₁ − F + 2P)/S + 1, what
 * PyTorch does when it is not a whole number, and "same" padding.
 */
import { conv2d, type Tensor } from '../../engine/index.js';
import { convOutputShape, convOutputShapeOrThrow } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { pick, teachTensor } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { drawStridePadding } from './conv-diagrams.js';

const config = (W: number, F: number, S: number, P: number, K = 1, D = 1) => ({ inC: D, inH: W, inW: W, outChannels: K, kernel: F, stride: S, padding: P });
/** The lesson's own numbers, which always fit. */
const shape = (W: number, F: number, S: number, P: number, K = 1, D = 1) => convOutputShapeOrThrow(config(W, F, S, P, K, D));

const SAME32 = shape(32, 5, 1, 2, 16, 3);
const FLOOR = shape(7, 3, 3, 0);
const DEPTH = shape(32, 3, 1, 1, 64, 3);

/** Configurations of the table: the notes' 7×7 / 3×3 family plus one picked by the seed. */
const EXTRA: [number, number, number, number][] = [
  [32, 5, 1, 2],
  [227, 11, 4, 0],
  [32, 3, 2, 1],
  [28, 5, 1, 0],
  [224, 7, 2, 3],
];

function tableDemo(seed: number): Block[] {
  const configs: [number, number, number, number][] = [[7, 3, 1, 0], [7, 3, 2, 0], [7, 3, 3, 0], [7, 3, 1, 1], pick(EXTRA, seed - 1)];
  return [
    {
      kind: 'table',
      head: ['W₁', 'F', 'S', 'P', '(W₁ − F + 2P)/S + 1', 'W₂'],
      rows: configs.map(([W, F, S, P]) => {
        const a = shape(W, F, S, P).width;
        return [String(W), String(F), String(S), String(P), a.worked.replace(/ → .*$/, ''), a.rounding === 'floor' ? `⌊${a.exactText}⌋ = ${a.output}` : String(a.output)];
      }),
      align: ['right', 'right', 'right', 'right', 'left', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        'Bigger stride, smaller output. Padding makes room for more positions. Where the division does not come out whole (⌊ ⌋ in the last column), PyTorch rounds down: the next demo shows what that costs.',
        '步长越大，输出越小。填充腾出更多位置。除不尽时（最后一列带 ⌊ ⌋），PyTorch 向下取整：下一个演示看看这样会丢掉什么。',
      ),
    },
  ];
}

/** Non-integer cases (PyTorch floors): [W, F, S]. */
const FRACTIONAL: [number, number, number][] = [
  [7, 3, 3],
  [6, 3, 2],
  [8, 3, 3],
  [10, 3, 4],
  [8, 5, 2],
];

export function floorNumbers(seed: number): { W: number; F: number; S: number; x: Tensor; w: Tensor; y: Tensor; unvisited: number[]; exactText: string; explanation: { en: string; zh: string }; output: number } {
  const [W, F, S] = pick(FRACTIONAL, seed - 1);
  const x = teachTensor([1, W, W], seed * 37 + 1, 0, 9);
  const w = teachTensor([1, 1, F, F], seed * 37 + 2, -1, 1);
  const y = conv2d(x, w, undefined, { stride: S });
  const e = shape(W, F, S, 0);
  return { W, F, S, x, w, y, unvisited: e.width.unvisited, exactText: e.width.exactText, explanation: e.spatial[0], output: e.width.output };
}

function floorDemo(seed: number): Block[] {
  const n = floorNumbers(seed);
  const never: number[][] = [];
  for (let i = 0; i < n.W; i++) for (let j = 0; j < n.W; j++) if (n.unvisited.includes(i) || n.unvisited.includes(j)) never.push([i, j]);
  return [
    // Marked with a · (not stars or yellow, which mean "winner" / "max" elsewhere), and the label says what the · means.
    { kind: 'matrix', label: msg(`input ${n.W}×${n.W}, F = ${n.F}, S = ${n.S} (· after a number = never read)`, `输入 ${n.W}×${n.W}，F = ${n.F}，S = ${n.S}（数字后的 · = 从未被读取）`), tensor: n.x, highlight: { cells: never, style: 'unused' } },
    { kind: 'matrix', label: msg('output of the engine\'s conv2d', '引擎 conv2d 的输出'), tensor: n.y },
    { kind: 'text', text: n.explanation },
    {
      kind: 'text',
      text: msg(
        `The formula gives ${n.exactText}, but there is no such thing as part of a neuron: PyTorch floors to ${n.output} (engine output: ${n.y.shape[2]}×${n.y.shape[1]}). The rows and columns marked · never fall under any window, so they have no effect at all. To avoid this, choose P and S so that (W₁ − F + 2P) is divisible by S.`,
        `公式给出 ${n.exactText}，但神经元不能有半个：PyTorch 向下取整为 ${n.output}（引擎输出：${n.y.shape[2]}×${n.y.shape[1]}）。标有 · 的行和列从未落入任何窗口，对结果毫无影响。要避免这种情况，应选择 P 和 S 让 (W₁ − F + 2P) 能被 S 整除。`,
      ),
    },
  ];
}

function sameDemo(seed: number): Block[] {
  const W = pick([32, 28, 64, 224], seed - 1);
  const rows = [1, 3, 5, 7].map((F) => {
    const P = (F - 1) / 2;
    const e = shape(W, F, 1, P, 16, 3);
    return [String(F), `(${F} − 1)/2 = ${P}`, `${e.inputText} → ${e.outputText}`, e.notes.some((n) => n.code === 'same-padding') ? msg('same size', '尺寸不变') : ''];
  });
  const x = teachTensor([1, 5, 5], seed * 41 + 1, 0, 9);
  const w = teachTensor([1, 1, 3, 3], seed * 41 + 2, -1, 1);
  const y = conv2d(x, w, undefined, { padding: 1 });
  return [
    {
      kind: 'table',
      head: ['F', 'P = (F − 1)/2', msg('conv, S = 1, K = 16', '卷积，S = 1，K = 16'), ''],
      rows,
      align: ['right', 'left', 'left', 'left'],
    },
    { kind: 'matrix', label: msg('a 5×5 input', '一个 5×5 的输入'), tensor: x },
    { kind: 'matrix', label: msg('conv 3×3 with P = 1: still 5×5', '3×3 卷积，P = 1：仍是 5×5'), tensor: y },
    {
      kind: 'text',
      text: msg(
        'With P = 1 the 3×3 filter can be centred on every input pixel, the border ones too (it reads zeros beyond the edge), so there is one output per input pixel.',
        'P = 1 时，3×3 滤波器可以以每个输入像素为中心，包括边上的像素（超出边界的部分读到的是 0），所以每个输入像素对应一个输出。',
      ),
    },
  ];
}

export const stridePadding: Lesson = {
  id: 'cnn/stride-padding',
  topic: 'cnn',
  title: msg('Depth, stride and zero-padding', '深度、步长和零填充'),
  summary: msg('Three hyperparameters set the output volume: W₂ = (W₁ − F + 2P)/S + 1, and D₂ = K.', '三个超参数决定输出数据体：W₂ = (W₁ − F + 2P)/S + 1，D₂ = K。'),
  section: '#### 神经元的空间排列',
  steps: [
    {
      kind: 'text',
      key: 'three-hyperparameters',
      title: msg('Three hyperparameters', '三个超参数'),
      body: msg(
        'How big is the output volume of a conv layer? Besides the input and the filter size F, three hyperparameters decide it:\n' +
          '• Depth: the number of filters K. Each filter looks for something different in the same region; the output depth is K.\n' +
          '• Stride S: how many pixels the filter moves each step. S = 1 visits every position; S = 2 every other one, so the output is about half as wide.\n' +
          '• Zero-padding P: a border of zeros, P wide, around the input. It controls the output size, most often to keep it equal to the input\'s.',
        '卷积层的输出数据体有多大？除了输入和滤波器尺寸 F，还有三个超参数决定它：\n' +
          '• 深度：滤波器个数 K。每个滤波器在同一块区域里寻找不同的东西；输出深度就是 K。\n' +
          '• 步长 S：滤波器每次移动几个像素。S = 1 经过每个位置；S = 2 隔一个走一个，输出宽度大约减半。\n' +
          '• 零填充 P：在输入四周补一圈宽为 P 的零。它用来控制输出尺寸，最常见的是让输出和输入一样大。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Windows over one padded row', '在补零的一行上滑动窗口'),
      draw: drawStridePadding,
    },
    {
      kind: 'formula',
      key: 'output-size',
      title: msg('The output size', '输出尺寸'),
      intro: msg(
        'Across the padded input (W₁ + 2P wide) the filter has W₁ − F + 2P cells of room; every S cells is one more position, plus the first. Try W=7, F=3, S=3.',
        '在补零后的输入（宽 W₁ + 2P）上，滤波器有 W₁ − F + 2P 格的移动余地；每走 S 格多一个位置，再加上第一个位置。试试 W=7、F=3、S=3。',
      ),
      formula: {
        symbolic: 'W₂ = (W₁ − F + 2P)/S + 1',
        substituted: 'W₂ = ({W} − {F} + 2·{P})/{S} + 1',
        expr: '(W - F + 2*P)/S + 1',
        vars: [
          { name: 'W', value: 32, label: msg('input width W₁', '输入宽度 W₁'), min: 1, max: 100_000, integer: true },
          { name: 'F', value: 5, label: msg('filter size', '滤波器尺寸'), min: 1, max: 100_000, integer: true },
          { name: 'P', value: 2, label: msg('zero-padding', '零填充'), min: 0, max: 100_000, integer: true },
          { name: 'S', value: 1, label: msg('stride', '步长'), min: 1, max: 100_000, integer: true },
        ],
        result: { name: 'W₂', label: msg('output width (PyTorch)', '输出宽度（PyTorch）'), round: 'floor', min: 1 },
        note: (v) => {
          // The student's numbers: these may be refused.
          const e = convOutputShape(config(v.W, v.F, v.S, v.P));
          if (!e.ok) return e.summary;
          const a = e.width;
          if (a.rounding === 'floor') return a.explanation;
          if (a.unvisited.length) return e.warnings[0]?.message ?? a.explanation;
          if (e.notes.some((n) => n.code === 'same-padding')) {
            return msg(`P = (F − 1)/2 with S = 1: the output is as wide as the input ("same" padding).`, `S = 1 且 P = (F − 1)/2：输出与输入一样宽（“same” 填充）。`);
          }
          return null;
        },
      },
    },
    {
      kind: 'demo',
      title: msg('The formula on a few layers', '用公式算几个层'),
      intro: msg('Worked by the engine\'s shape rule. Press r for a different last row.', '由引擎的形状规则算出。按 r 换最后一行。'),
      run: (env) => tableDemo(env.seed),
    },
    {
      kind: 'demo',
      key: 'not-whole',
      title: msg('When it is not a whole number', '算出来不是整数时'),
      intro: msg('A real convolution where (W₁ − F + 2P)/S + 1 has a fraction. Press r for other sizes.', '一次真实的卷积，(W₁ − F + 2P)/S + 1 带小数。按 r 换其他尺寸。'),
      run: (env) => floorDemo(env.seed),
    },
    {
      kind: 'text',
      key: 'same-padding',
      title: msg('"Same" padding', '“same” 填充'),
      body: msg(
        'With S = 1 the formula gives W₂ = W₁ − F + 2P + 1. Setting P = (F − 1)/2 makes that exactly W₁: the layer keeps the width and height.\n' +
          'F = 3 → P = 1, F = 5 → P = 2, F = 7 → P = 3. This is why filters are almost always odd-sized: for even F, (F − 1)/2 is not a whole number.',
        'S = 1 时公式给出 W₂ = W₁ − F + 2P + 1。令 P = (F − 1)/2，结果正好是 W₁：这一层保持宽和高不变。\n' +
          'F = 3 → P = 1，F = 5 → P = 2，F = 7 → P = 3。这也是滤波器几乎总是奇数尺寸的原因：F 为偶数时，(F − 1)/2 不是整数。',
      ),
    },
    {
      kind: 'demo',
      title: msg('Keeping the size', '保持尺寸不变'),
      intro: msg('P = (F − 1)/2 for several filter sizes, then a real 5×5 example. Press r for another input size.', '几种滤波器尺寸下的 P = (F − 1)/2，再看一个真实的 5×5 例子。按 r 换输入尺寸。'),
      run: (env) => sameDemo(env.seed),
    },
    {
      kind: 'check',
      check: {
        question: msg('A 32×32×3 input, 5×5 filters, stride 1. Which padding keeps the output 32×32?', '输入 32×32×3，5×5 滤波器，步长 1。哪个填充能让输出保持 32×32？'),
        options: [msg(`P = ${SAME32.width.padding}`, `P = ${SAME32.width.padding}`), msg('P = 1', 'P = 1'), msg('P = 5', 'P = 5'), msg('P = 0', 'P = 0')],
        answer: 0,
        explain: msg(`P = (F − 1)/2 = (5 − 1)/2 = 2: ${SAME32.width.worked}.`, `P = (F − 1)/2 = (5 − 1)/2 = 2：${SAME32.width.worked}。`),
        wrong: {
          1: msg(`P = 1 is "same" padding for F = 3. With F = 5: ${shape(32, 5, 1, 1).width.worked}.`, `P = 1 是 F = 3 时的 “same” 填充。F = 5 时：${shape(32, 5, 1, 1).width.worked}。`),
          2: msg(`Too much: ${shape(32, 5, 1, 5).width.worked}.`, `太多了：${shape(32, 5, 1, 5).width.worked}。`),
          3: msg(`Without padding the filter has less room: ${shape(32, 5, 1, 0).width.worked}.`, `不填充时滤波器的移动余地更小：${shape(32, 5, 1, 0).width.worked}。`),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg('Input 7×7, F = 3, S = 3, P = 0. What does PyTorch do?', '输入 7×7，F = 3，S = 3，P = 0。PyTorch 会怎样？'),
        options: [
          msg(`Output ${FLOOR.width.output}×${FLOOR.width.output}; row and column 6 are never read`, `输出 ${FLOOR.width.output}×${FLOOR.width.output}；第 6 行和第 6 列从未被读取`),
          msg('Output 2.33×2.33: sizes need not be whole', '输出 2.33×2.33：尺寸不必是整数'),
          msg('Output 3×3: it rounds up and pads the edge', '输出 3×3：向上取整，并在边缘补零'),
          msg('It refuses, since (7 − 3)/3 is not a whole number', '拒绝计算：(7 − 3)/3 不是整数，步长不合适'),
        ],
        answer: 0,
        explain: msg(`${FLOOR.width.worked}. PyTorch floors; windows start at columns 0 and 3, reach column 5, and column 6 is left out.`, `${FLOOR.width.worked}。PyTorch 向下取整；窗口从第 0 列和第 3 列开始，只到第 5 列，第 6 列被落下。`),
        wrong: {
          1: msg('A volume holds whole neurons; the size is rounded to a whole number.', '数据体里只有完整的神经元；尺寸会取整。'),
          2: msg('conv2d floors. A third window would start at column 6 and need columns 6–8, but the input ends at column 6.', 'conv2d 向下取整。第三个窗口要从第 6 列开始、用到第 6–8 列，而输入到第 6 列就结束了。'),
          3: msg('PyTorch does not refuse: it floors, silently ignoring what is left over.', 'PyTorch 不会拒绝：它向下取整，悄悄忽略多出来的部分。'),
        },
      },
    },
    {
      kind: 'check',
      check: {
        question: msg('A conv layer on 32×32×3 uses 64 filters of 3×3 with S = 1, P = 1. What is the output volume?', '一个卷积层作用在 32×32×3 上，用 64 个 3×3 滤波器，S = 1，P = 1。输出数据体是什么？'),
        options: [msg(DEPTH.outputText, DEPTH.outputText), msg('32×32×3', '32×32×3'), msg('30×30×64', '30×30×64'), msg('32×32×192', '32×32×192')],
        answer: 0,
        explain: msg(`Width and height: ${DEPTH.width.worked}. Depth: one slice per filter, D₂ = K = 64.`, `宽和高：${DEPTH.width.worked}。深度：每个滤波器一个切片，D₂ = K = 64。`),
        wrong: {
          1: msg('The output depth is the number of filters, not the input depth.', '输出深度是滤波器个数，而不是输入深度。'),
          2: msg('That would be P = 0. With P = 1 and F = 3 the size is kept.', '那是 P = 0 的结果。P = 1、F = 3 时尺寸保持不变。'),
          3: msg('Each filter already spans all 3 input channels and gives ONE map: 64 maps, not 64·3.', '每个滤波器已经覆盖全部 3 个输入通道，只产生一张图：共 64 张，不是 64·3。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'conv 7x7x1 F=3 S=3',
      note: msg('The REPL shows the floor and names the row/column that is never covered. Then try P=1.', 'REPL 会显示向下取整，并指出从未被覆盖的行/列。再试试 P=1。'),
    },
  ],
};
