/**
 * cnn/receptive-field — the notes' "感受野": the local region a neuron is
 * connected to (the filter's spatial size, and always the full input depth),
 * and how it grows through stacked layers.
 */
import { conv2d, Tensor } from '../../engine/index.js';
import { convOutputShapeOrThrow, receptiveFieldAfter, type ReceptiveFieldLayer } from '../../teach/index.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { pick, teachTensor } from '../dnn/helpers.js';
import type { Lesson } from '../types.js';
import { drawReceptiveField, drawStackedField } from './conv-diagrams.js';
import { fmtNum } from '../../i18n/numbers.js';

const rgb5 = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: 16, kernel: 5, padding: 2 });
const deep3 = convOutputShapeOrThrow({ inC: 20, inH: 16, inW: 16, outChannels: 20, kernel: 3, padding: 1 });
const three3 = receptiveFieldAfter([1, 2, 3].map((i) => ({ kind: 'conv' as const, kernel: 3, label: `conv${i}` })));
const RF3 = three3.receptiveField[0];

const SIDE = 7;

/** A 7×7 input, a 3×3 filter, one output neuron; poke one pixel inside its field and one outside. */
export function pokeNumbers(seed: number): {
  x: Tensor;
  w: Tensor;
  y: Tensor;
  at: [number, number];
  inside: [number, number];
  outside: [number, number];
  yInside: Tensor;
  yOutside: Tensor;
} {
  const x = teachTensor([1, SIDE, SIDE], seed * 31 + 1, 0, 4);
  const w0 = teachTensor([1, 1, 3, 3], seed * 31 + 2, -1, 2);
  const w = w0.data.some((v) => v !== 0) ? w0 : new Tensor([1, 1, 3, 3], [0, 0, 0, 0, 1, 0, 0, 0, 0]);
  const y = conv2d(x, w);
  const O = SIDE - 2;
  const at: [number, number] = [1 + (Math.floor(seed * 3) % (O - 2)), 1 + (Math.floor(seed * 2 + 1) % (O - 2))];
  // Inside: the tap with the largest |weight|, so the change shows.
  let tap = 0;
  for (let k = 1; k < 9; k++) if (Math.abs(w.data[k]) > Math.abs(w.data[tap])) tap = k;
  const inside: [number, number] = [at[0] + Math.floor(tap / 3), at[1] + (tap % 3)];
  // Outside: two cells past the field's right edge (wrapping to the left side if needed).
  const oc = at[1] + 4 < SIDE ? at[1] + 4 : at[1] - 2;
  const outside: [number, number] = [at[0] + 1, oc];
  const poke = (cell: [number, number]): Tensor => {
    const d = Float32Array.from(x.data);
    d[cell[0] * SIDE + cell[1]] += 5;
    return conv2d(new Tensor(x.shape, d), w);
  };
  return { x, w, y, at, inside, outside, yInside: poke(inside), yOutside: poke(outside) };
}

function pokeDemo(seed: number): Block[] {
  const n = pokeNumbers(seed);
  const [i, j] = n.at;
  const field: number[][] = [];
  for (let u = 0; u < 3; u++) for (let v = 0; v < 3; v++) field.push([i + u, j + v]);
  const before = n.y.get(0, i, j);
  const afterIn = n.yInside.get(0, i, j);
  const afterOut = n.yOutside.get(0, i, j);
  const tapW = n.w.get(0, 0, n.inside[0] - i, n.inside[1] - j);
  return [
    { kind: 'matrix', label: msg(`input: the receptive field of neuron (${i}, ${j})`, `输入：神经元 (${i}, ${j}) 的感受野`), tensor: n.x, highlight: [{ cells: field }, { cells: [n.inside, n.outside], style: 'star' }] },
    { kind: 'matrix', label: msg('filter 3×3', '滤波器 3×3'), tensor: n.w.reshape([3, 3]) },
    { kind: 'matrix', label: msg('output of the conv layer', '卷积层的输出'), tensor: n.y, highlight: { cells: [[i, j]] } },
    {
      kind: 'table',
      head: [msg('add 5 to input pixel', '给输入像素加 5'), msg('inside the field?', '在感受野内？'), msg(`neuron (${i}, ${j})`, `神经元 (${i}, ${j})`)],
      rows: [
        [msg('none', '不改'), '', fmtNum(before)],
        [`(${n.inside.join(', ')})`, msg('yes', '是'), `${fmtNum(afterIn)}  (${fmtNum(afterIn - before)} = 5·${fmtNum(tapW)})`],
        [`(${n.outside.join(', ')})`, msg('no', '否'), `${fmtNum(afterOut)}  (${fmtNum(afterOut - before)})`],
      ],
      align: ['left', 'left', 'right'],
    },
    {
      kind: 'text',
      text: msg(
        `The two pixels marked in yellow (*between stars* without colour) were changed. The neuron only reacts to the one inside its 3×3 field (by 5 × that pixel's weight); the other one is invisible to it.`,
        '两个标成黄色的像素（无颜色时用 *星号* 标出）被改动了。这个神经元只对它 3×3 感受野内的那个有反应（变化量 = 5 × 该位置的权重）；另一个它根本看不见。',
      ),
    },
  ];
}

const STACKS: { name: string; layers: ReceptiveFieldLayer[] }[] = [
  { name: '3×3 ×3', layers: [1, 2, 3].map((i) => ({ kind: 'conv', kernel: 3, label: `conv${i}` })) },
  { name: 'conv-conv-pool-conv', layers: [{ kind: 'conv', kernel: 3, label: 'conv1' }, { kind: 'conv', kernel: 3, label: 'conv2' }, { kind: 'pool', kernel: 2, label: 'pool1' }, { kind: 'conv', kernel: 3, label: 'conv3' }] },
  { name: '5×5 + pool', layers: [{ kind: 'conv', kernel: 5, label: 'conv1' }, { kind: 'pool', kernel: 2, label: 'pool1' }, { kind: 'conv', kernel: 5, label: 'conv2' }] },
  { name: 'ResNet stem', layers: [{ kind: 'conv', kernel: 7, stride: 2, label: 'conv1' }, { kind: 'pool', kernel: 3, stride: 2, label: 'pool1' }, { kind: 'conv', kernel: 3, label: 'conv2' }] },
];

function stackDemo(seed: number): Block[] {
  // The first run shows the notes' case; r cycles through the others.
  const stack = pick(STACKS, seed - 1);
  const rf = receptiveFieldAfter(stack.layers);
  const [rh, rw] = rf.receptiveField;
  return [
    {
      kind: 'table',
      head: [msg('layer', '层'), 'F', 'S', msg('sees', '看到'), 'jump', msg('working', '计算')],
      // The working is written with the rule the lesson teaches, r ← r + (F − 1)·jump (no dilation here); the numbers are the engine's.
      rows: rf.steps.map((s, i) => {
        const before = i === 0 ? 1 : rf.steps[i - 1].receptiveField[0];
        const jumpBefore = i === 0 ? 1 : rf.steps[i - 1].jump[0];
        return [s.label, String(s.kernel[0]), String(s.stride[0]), `${s.receptiveField[0]}×${s.receptiveField[1]}`, String(s.jump[0]), `r = ${before} + (${s.kernel[0]} − 1)·${jumpBefore} = ${s.receptiveField[0]}`];
      }),
      align: ['left', 'right', 'right', 'right', 'right', 'left'],
    },
    {
      kind: 'text',
      text: msg(
        `After ${rf.steps.length} layers (r ← r + (F − 1)·jump, then jump ← jump·S) one neuron sees ${rh}×${rw} pixels of the input; neighbouring neurons are ${rf.jump[0]} input pixel${rf.jump[0] === 1 ? '' : 's'} apart.`,
        `经过 ${rf.steps.length} 层（r ← r + (F − 1)·jump，然后 jump ← jump·S）后，一个神经元看到输入中 ${rh}×${rw} 的区域；相邻神经元在输入上相隔 ${rf.jump[0]} 个像素。`,
      ),
    },
    {
      kind: 'text',
      text: msg(
        `jump = how many input pixels apart two neighbouring neurons of that layer are (the product of the strides so far). After a stride or pooling, each extra tap reaches jump pixels further, so the field grows faster. Last layer: ${rh}×${rw}.`,
        `jump = 该层相邻两个神经元在输入上相隔多少像素（此前所有步长之积）。经过步长或池化后，卷积核每多一格就多覆盖 jump 个像素，感受野长得更快。最后一层：${rh}×${rw}。`,
      ),
    },
  ];
}

const IMP = 11;

/** One bright pixel through three 3×3 all-ones convs (padding 1): the outputs it reaches form a 7×7 block. */
export function impulseNumbers(seed: number): { maps: Tensor[]; at: [number, number]; spans: number[] } {
  const r = 3 + (Math.floor(seed * 3) % (IMP - 6));
  const c = 3 + (Math.floor(seed * 5 + 2) % (IMP - 6));
  const d = new Float32Array(IMP * IMP);
  d[r * IMP + c] = 1;
  let x = new Tensor([1, IMP, IMP], d);
  const ones = new Tensor([1, 1, 3, 3], new Array(9).fill(1));
  const maps: Tensor[] = [];
  for (let k = 0; k < 3; k++) {
    x = conv2d(x, ones, undefined, { padding: 1 });
    maps.push(x);
  }
  const spans = maps.map((m) => {
    let rows = 0;
    for (let i = 0; i < IMP; i++) if (Array.from({ length: IMP }, (_, j) => m.get(0, i, j)).some((v) => v !== 0)) rows++;
    return rows;
  });
  return { maps, at: [r, c], spans };
}

function impulseDemo(seed: number): Block[] {
  const n = impulseNumbers(seed);
  const last = n.maps[n.maps.length - 1];
  const nonZero: number[][] = [];
  for (let i = 0; i < IMP; i++) for (let j = 0; j < IMP; j++) if (last.get(0, i, j) !== 0) nonZero.push([i, j]);
  return [
    {
      kind: 'matrix',
      label: msg(`after conv3: the outputs that pixel (${n.at.join(', ')}) reaches`, `conv3 之后：像素 (${n.at.join(', ')}) 影响到的输出`),
      tensor: last,
      highlight: { cells: nonZero },
    },
    {
      kind: 'text',
      text: msg(
        `Non-zero block after each layer: ${n.spans.map((s) => `${s}×${s}`).join(' → ')}. Those are exactly the neurons whose receptive field contains the pixel, so the field of a conv3 neuron is ${n.spans[2]}×${n.spans[2]}, as the rule said (${RF3}×${RF3}).`,
        `每层之后的非零区域：${n.spans.map((s) => `${s}×${s}`).join(' → ')}。它们正是感受野包含这个像素的那些神经元，所以 conv3 神经元的感受野是 ${n.spans[2]}×${n.spans[2]}，与规则算出的一致（${RF3}×${RF3}）。`,
      ),
    },
  ];
}

export const receptiveField: Lesson = {
  id: 'cnn/receptive-field',
  topic: 'cnn',
  title: msg('The receptive field', '感受野'),
  summary: msg('The small region one neuron is connected to: F×F in space, the full input depth — and how it grows with depth.', '一个神经元连接的那一小块区域：空间上 F×F，深度上是整个输入——以及它如何随层数增长。'),
  section: '#### 感受野',
  steps: [
    {
      kind: 'text',
      key: 'what-one-sees',
      title: msg('What one neuron sees', '一个神经元看到什么'),
      body: msg(
        'A conv neuron is connected only to a local region of its input. The size of that region is the neuron\'s receptive field.\n' +
          '• In width and height it is the filter\'s spatial size, F×F.\n' +
          '• Along depth it always equals the input depth: the neuron sees every channel of its small patch.',
        '卷积层的神经元只和输入的一小块局部区域相连，这块区域的大小就是该神经元的感受野。\n' +
          '• 宽和高上：等于滤波器的空间尺寸 F×F。\n' +
          '• 深度方向上：总是等于输入的深度，神经元能看到这一小块的所有通道。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('A column of neurons, one region', '一列神经元，同一块区域'),
      draw: drawReceptiveField,
      caption: msg('Neurons at the same width/height position but different depths (different filters) all look at the same region.', '宽高位置相同、深度不同（滤波器不同）的神经元，看的是同一块区域。'),
    },
    {
      kind: 'text',
      key: 'examples',
      title: msg('Two examples', '两个例子'),
      body: msg(
        `Input ${rgb5.inputText}, F = 5: receptive field ${rgb5.receptiveField.text}, so each neuron has ${rgb5.receptiveField.taps} weights (+1 bias).\n` +
          `Input ${deep3.inputText}, F = 3: receptive field ${deep3.receptiveField.text} = ${deep3.receptiveField.taps} connections — small in space, but the full depth ${deep3.receptiveField.depth}.`,
        `输入 ${rgb5.inputText}，F = 5：感受野 ${rgb5.receptiveField.text}，所以每个神经元有 ${rgb5.receptiveField.taps} 个权重（另加 1 个偏置）。\n` +
          `输入 ${deep3.inputText}，F = 3：感受野 ${deep3.receptiveField.text} = ${deep3.receptiveField.taps} 个连接——空间上很小，深度却是完整的 ${deep3.receptiveField.depth}。`,
      ),
    },
    {
      kind: 'demo',
      title: msg('Inside and outside the field', '感受野内外'),
      intro: msg('Change one input pixel inside a neuron\'s field and one outside, and recompute with the engine. Press r for other numbers.', '分别改动一个神经元感受野内、外的一个输入像素，用引擎重新计算。按 r 换一组数。'),
      run: (env) => pokeDemo(env.seed),
    },
    {
      kind: 'check',
      check: {
        question: msg(`A conv layer with F = 3 reads a ${deep3.inputText} volume. What is one neuron's receptive field?`, `一个 F = 3 的卷积层读取 ${deep3.inputText} 的数据体。一个神经元的感受野是多少？`),
        options: [msg(deep3.receptiveField.text, deep3.receptiveField.text), msg('3×3×1', '3×3×1'), msg('3×3×3', '3×3×3'), msg(deep3.inputText, deep3.inputText)],
        answer: 0,
        explain: msg(`F×F in space, and along depth always the input depth: ${deep3.receptiveField.text}.`, `空间上 F×F，深度方向总是等于输入深度：${deep3.receptiveField.text}。`),
        wrong: {
          1: msg('A neuron is not limited to one channel: along depth it sees all of them.', '神经元并不只看一个通道：深度方向上它看全部通道。'),
          2: msg('The depth is not 3 by default: it equals the input depth, here 20.', '深度并不默认是 3：它等于输入深度，这里是 20。'),
          3: msg('That is the whole input: a fully connected neuron, not a conv neuron.', '那是整个输入：那是全连接神经元，而不是卷积神经元。'),
        },
      },
    },
    {
      kind: 'text',
      key: 'stacked',
      title: msg('Stacked layers see more', '层叠起来看得更多'),
      body: msg(
        'A neuron in the second conv layer sees a 3×3 patch of the first layer, and each of those neurons sees 3×3 of the input, shifted by one. Together: 5×5 of the input. A third layer: 7×7.\n' +
          'Rule, layer by layer: r ← r + (F − 1)·jump, where jump is the product of all earlier strides (1 if there were none). A pooling layer counts the same way, with its window F and stride S.\n' +
          'This is why VGGNet stacks 3×3 convs: three of them see 7×7, like one 7×7 conv, but with C channels in and out they have 3·(3·3·C·C) = 27C² weights instead of 7·7·C·C = 49C², and three ReLUs instead of one.',
        '第二个卷积层的神经元看第一层的 3×3 区域，而其中每个神经元又看输入的 3×3，彼此错开一格。合起来：输入的 5×5。第三层：7×7。\n' +
          '逐层的规则：r ← r + (F − 1)·jump，其中 jump 是前面所有步长的乘积（没有步长时为 1）。池化层也按同样的方式计算，F 是它的窗口大小，S 是它的步长。\n' +
          '这也是 VGGNet 堆叠 3×3 卷积的原因：三个 3×3 卷积看到 7×7，和一个 7×7 卷积一样；但输入、输出都是 C 个通道时，它们只有 3·(3·3·C·C) = 27C² 个权重，而不是 7·7·C·C = 49C²，并且有三个 ReLU 而不是一个。',
      ),
    },
    {
      kind: 'diagram',
      title: msg('Three 3×3 convs, from the side', '三个 3×3 卷积，侧面看'),
      draw: drawStackedField,
    },
    {
      kind: 'formula',
      key: 'stack-formula',
      title: msg('n stacked F×F convs, stride 1', 'n 个堆叠的 F×F 卷积，步长 1'),
      formula: {
        symbolic: 'r = n·(F − 1) + 1',
        substituted: 'r = {n}·({F} − 1) + 1',
        expr: 'n*(F - 1) + 1',
        vars: [
          { name: 'n', value: 3, label: msg('conv layers', '卷积层数'), min: 1, max: 1000, integer: true },
          { name: 'F', value: 3, label: msg('filter size', '滤波器尺寸'), min: 1, max: 1000, integer: true },
        ],
        result: { name: 'r', label: msg('receptive field r×r', '感受野 r×r') },
        note: (v, r) =>
          v.F === 1
            ? msg('F = 1: 1×1 convs never widen the view, however many you stack.', 'F = 1：1×1 卷积叠多少层，视野都不会变大。')
            : v.n === 1
              ? msg(`One layer: the field is just the filter, ${r}×${r}.`, `只有一层：感受野就是滤波器本身，${r}×${r}。`)
              : null,
      },
    },
    {
      kind: 'demo',
      title: msg('Following the field through a stack', '沿着网络追踪感受野'),
      intro: msg('receptiveFieldAfter from the engine. Press r for other stacks: with pooling and stride 2.', '引擎的 receptiveFieldAfter。按 r 换其他网络：带池化和步长 2 的。'),
      run: (env) => stackDemo(env.seed),
    },
    {
      kind: 'demo',
      title: msg('Proof with one bright pixel', '用一个亮点来验证'),
      intro: msg('One pixel = 1, everything else 0, through three 3×3 convs of ones (padding 1). Press r to move the pixel.', '一个像素为 1，其余为 0，经过三个全 1 的 3×3 卷积（填充 1）。按 r 移动这个像素。'),
      run: (env) => impulseDemo(env.seed),
    },
    {
      kind: 'check',
      check: {
        question: msg('Three 3×3 conv layers with stride 1 are stacked. How much of the input does one neuron of the third layer see?', '三个步长为 1 的 3×3 卷积层叠在一起。第三层的一个神经元能看到输入的多大区域？'),
        options: [msg(`${RF3}×${RF3}`, `${RF3}×${RF3}`), msg('9×9', '9×9'), msg('3×3', '3×3'), msg('27×27', '27×27')],
        answer: 0,
        explain: msg(`Each 3×3 layer adds F − 1 = 2: 3 → 5 → ${RF3}.`, `每个 3×3 层增加 F − 1 = 2：3 → 5 → ${RF3}。`),
        wrong: {
          1: msg('Fields do not add up as 3 + 3 + 3: neighbouring windows overlap, so each layer adds only F − 1 = 2.', '感受野不是 3 + 3 + 3：相邻窗口互相重叠，所以每层只增加 F − 1 = 2。'),
          2: msg('3×3 is what the third layer sees of the second layer; through the stack it sees more of the input.', '3×3 是第三层对第二层的视野；穿过整个网络，它看到的输入更多。'),
          3: msg('Sizes do not multiply (3·3·3); with stride 1 each layer adds F − 1.', '尺寸不是相乘（3·3·3）；步长为 1 时每层增加 F − 1。'),
        },
      },
    },
    {
      kind: 'try',
      command: 'net 32x32x3 | conv F=3 P=1 K=8 | conv F=3 P=1 K=8 | conv F=3 P=1 K=8',
      note: msg('The RF column shows 3×3, 5×5, 7×7. Add `| pool F=2` and another conv to see the jump.', '“感受野”一列显示 3×3、5×5、7×7。再加上 `| pool F=2` 和一个 conv，看 jump 的效果。'),
    },
  ],
};
