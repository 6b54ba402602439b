/**
 * Diagrams for the cnn lessons on volumes, layers and convolution: the notes'
 * pictures drawn with box-drawing characters. Every diagram fits 80 columns
 * (Chinese labels count two columns a character). Sizes written on them
 * come from the engine's shape rules.
 */
import { convOutputShapeOrThrow, poolOutputShapeOrThrow, receptiveFieldAfter } from '../../teach/index.js';
import {  } from '../../i18n/index.js';
import { Canvas } from '../dnn/canvas.js';
import { clipLine as clipTo } from '../../view/layout.js';
import type { DrawOptions } from '../types.js';
import { fmtInt } from '../../i18n/numbers.js';

const L = (o: DrawOptions, en: string, zh: string): string => (o.lang === 'en' ? en : zh);

/**
 * Lines of a canvas. Every drawing is laid out for 80 columns and stays
 * left-aligned with the lesson text on wider screens; below 80 (never the
 * case for lessons, which render at ≥ 80) lines are clipped rather than wrapped.
 */
function finish(c: Canvas, o: DrawOptions): string[] {
  const lines = c.lines();
  return o.width >= 80 ? lines : lines.map((l) => clipTo(l, o.width));
}

// ---------------------------------------------------------------------------
// why-cnn: flattening an image loses who is next to whom

export function drawFlatten(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const letters = 'abcdefghijklmnop';
  const N = 4;
  c.put(0, 2, L(o, 'image 4×4 (one channel)', '图像 4×4（单通道）'));
  const top = 1;
  const left = 2;
  // Grid: cell (i, j) at row top + 1 + 2i, column left + 2 + 4j.
  for (let i = 0; i <= N; i++) {
    const r = top + 2 * i;
    const [a, m, b] = i === 0 ? ['┌', '┬', '┐'] : i === N ? ['└', '┴', '┘'] : ['├', '┼', '┤'];
    let line = a;
    for (let j = 0; j < N; j++) line += '───' + (j === N - 1 ? b : m);
    c.put(r, left, line);
    if (i < N) {
      for (let j = 0; j <= N; j++) c.put(r + 1, left + 4 * j, '│');
      for (let j = 0; j < N; j++) {
        const ch = letters[i * N + j];
        c.put(r + 1, left + 2 + 4 * j, ch, ch === 'a' || ch === 'e' ? acc : undefined);
      }
    }
  }
  const vx = 34;
  c.put(0, vx, L(o, 'flattened: a vector of 16', '展平：16 个数的向量'));
  c.put(4, 21, '──────────►');
  c.put(3, 22, L(o, 'flatten', '展平'));
  for (let k = 0; k < 16; k++) c.put(4, vx + 2 * k, letters[k], k === 0 || k === 4 ? acc : undefined);
  c.put(5, vx, '▲       ▲', acc);
  c.put(6, vx, '└───────┘', acc);
  c.put(6, vx + 10, L(o, `${N} apart`, `相隔 ${N} 位`), acc);
  c.put(8, vx, L(o, 'a and e touch in the image (e is', 'a 和 e 在图像里上下相邻，'));
  c.put(9, vx, L(o, 'right below a); in the vector', '在向量里却隔开了；'));
  c.put(10, vx, L(o, 'nothing says they were neighbours.', '向量本身不再记得它们是邻居。'));
  return finish(c, o);
}

// ---------------------------------------------------------------------------
// volumes: neurons in three dimensions (the notes' CIFAR-10 picture)

export function drawVolumes3d(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const mut = o.theme.muted;
  // The output of the CIFAR-10 net is one score per class along depth: 1×1×10.
  const out = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: 10, kernel: 32 });
  const [K] = out.outShape;
  const hl = L(o, 'height', '高度');
  const x0 = hl.length > 2 ? 7 : 5;
  // Input block (shallow: 3 channels), hidden block (deeper), output rod (1×1, K deep).
  const inB = c.block(3, x0, 14, 6, 2);
  c.put(inB.top + 4, 0, hl);
  c.center(inB.bottom + 1, (inB.left + inB.right) >> 1, L(o, 'width', '宽度'));
  c.put(3 + 3, inB.right + 4, L(o, 'depth', '深度'));
  const hx = inB.right + 13;
  const hid = c.block(1, hx, 10, 5, 5);
  const outB = c.block(3, hid.right + 13, 1, 1, 5);
  c.put(outB.top - 3, outB.right + 5, L(o, `depth ${K}`, `深度 ${K}`));
  // The small region one neuron is connected to, and that neuron.
  const nr = hid.top + 3;
  c.put(nr - 1, inB.left + 3, '▓▓', acc);
  c.put(nr, inB.left + 3, '▓▓', acc);
  c.put(nr, hid.left + 5, '●', acc);
  c.trace(nr, inB.left + 5, hid.left + 4, '·', acc);
  c.put(nr + 2, inB.right + 5, '───►');
  c.put(nr + 2, hid.right + 6, '───►');
  const row = inB.bottom + 2;
  c.center(row, (inB.left + inB.right + 4) >> 1, L(o, `input ${out.inputText}`, `输入 ${out.inputText}`));
  c.center(row, (hid.left + hid.right + 3) >> 1, L(o, 'hidden layers', '隐藏层'));
  c.center(row, (outB.left + outB.right + 5) >> 1, L(o, `output ${out.outputText}`, `输出 ${out.outputText}`));
  c.put(row + 1, 2, L(o, '▓ a small region  ● one neuron: it is connected to that region only', '▓ 一小块区域   ● 一个神经元：它只与这块区域相连'), mut);
  return finish(c, o);
}

// ---------------------------------------------------------------------------
// layers: INPUT → CONV → RELU → POOL → FC with the volumes in between

export interface StackLayer {
  name: { en: string; zh: string };
  out: string;
  role: { en: string; zh: string };
  params: number;
}

/** The small CIFAR-10 net of the layers lesson, its sizes from the shape rules. */
export function cifarStack(K = 12): StackLayer[] {
  const conv = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: K, kernel: 3, padding: 1 });
  const [, H1, W1] = conv.outShape;
  const pool = poolOutputShapeOrThrow({ inC: K, inH: H1, inW: W1, kernel: 2, stride: 2 });
  const [, H2, W2] = pool.outShape;
  const flat = K * H2 * W2;
  const fc = convOutputShapeOrThrow({ inC: flat, inH: 1, inW: 1, outChannels: 10, kernel: 1 });
  return [
    { name: { en: 'INPUT', zh: '输入层' }, out: conv.inputText, role: { en: 'raw pixels', zh: '原始像素' }, params: 0 },
    { name: { en: 'CONV', zh: '卷积层' }, out: conv.outputText, role: { en: `${K} filters`, zh: `${K} 个滤波器` }, params: conv.params.total },
    { name: { en: 'RELU', zh: 'ReLU 层' }, out: conv.outputText, role: { en: 'max(0, x)', zh: 'max(0, x)' }, params: 0 },
    { name: { en: 'POOL', zh: '池化层' }, out: pool.outputText, role: { en: 'downsample', zh: '下采样' }, params: 0 },
    { name: { en: 'FC', zh: '全连接层' }, out: `1×1×${fc.outShape[0]}`, role: { en: 'class scores', zh: '类别分数' }, params: fc.params.total },
  ];
}

export function drawLayerStack(o: DrawOptions): string[] {
  const c = new Canvas();
  const layers = cifarStack();
  const step = 14;
  const bw = 10;
  const x0 = 2;
  const top = 2;
  // "Often merged": a bracket over CONV and RELU.
  const cx = x0 + step;
  const rx = x0 + 2 * step;
  c.put(0, cx + 1, L(o, 'often one layer: conv + ReLU', '常合并为一层：卷积 + ReLU'), o.theme.muted);
  c.put(1, cx + 1, '┌' + '─'.repeat(rx + bw - cx - 4) + '┐', o.theme.muted);
  layers.forEach((l, i) => {
    const x = x0 + i * step;
    c.box(top, x, 3, bw);
    c.center(top + 1, x + bw / 2, l.name[o.lang]);
    if (i < layers.length - 1) c.put(top + 1, x + bw, '──' + '─'.repeat(step - bw - 3) + '►');
    c.center(top + 3, x + bw / 2, l.out);
    c.center(top + 4, x + bw / 2, l.role[o.lang], o.theme.muted);
    c.center(top + 5, x + bw / 2, l.params ? fmtInt(l.params) : '0');
  });
  c.put(top + 5, 0, '');
  c.put(top + 6, x0, L(o, 'bottom row: parameters the layer learns', '最下一行：这一层要学习的参数个数'), o.theme.muted);
  return finish(c, o);
}

// ---------------------------------------------------------------------------
// conv: a filter slides over the input; each position gives one number

export function drawSlidingWindow(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const e = convOutputShapeOrThrow({ inC: 3, inH: 5, inW: 5, outChannels: 1, kernel: 3 });
  const [, OH, OW] = e.outShape;
  c.put(0, 2, L(o, `input ${e.inputText}`, `输入 ${e.inputText}`));
  c.put(1, 2, L(o, '(front depth slice)', '（最前面的深度切片）'), o.theme.muted);
  // Input 5×5: cell (i, j) at row 3 + 2i, column 4 + 4j; window over rows/cols 1..3.
  const cell = (i: number, j: number): [number, number] => [3 + 2 * i, 4 + 4 * j];
  for (let i = 0; i < 5; i++) for (let j = 0; j < 5; j++) {
    const inside = i >= 1 && i <= 3 && j >= 1 && j <= 3;
    const [r, col] = cell(i, j);
    c.put(r, col, inside ? 'x' : '·', inside ? acc : undefined);
  }
  const [r0, c0] = cell(1, 1);
  c.box(r0 - 1, c0 - 2, 7, 13, acc);
  // Filter 3×3×3.
  const fx = 30;
  c.put(0, fx, L(o, `filter ${e.receptiveField.text}`, `滤波器 ${e.receptiveField.text}`));
  c.put(1, fx, L(o, '(depth = input depth)', '（深度 = 输入深度）'), o.theme.muted);
  c.box(4, fx + 1, 7, 13);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) c.put(5 + 2 * i, fx + 3 + 4 * j, 'w');
  c.put(7, fx - 4, '·');
  // Output feature map.
  const ox = 54;
  c.put(0, ox, L(o, `feature map ${OW}×${OH}`, `特征图 ${OW}×${OH}`));
  c.put(7, ox - 7, '──►');
  for (let i = 0; i < OH; i++) for (let j = 0; j < OW; j++) {
    const centre = i === 1 && j === 1;
    c.put(5 + 2 * i, ox + 2 + 4 * j, centre ? '●' : '·', centre ? acc : undefined);
  }
  c.put(13, 2, L(o, 'x·w: multiply the 3×3×3 numbers under the window by the', 'x·w：窗口下 3×3×3 个数与滤波器对应相乘，'));
  c.put(14, 2, L(o, 'filter, add them up (+ bias) → one number ● of the map.', '全部相加（再加偏置）→ 特征图上的一个数 ●。'));
  c.put(15, 2, L(o, 'Slide one step and repeat: that fills the feature map.', '滑动一步再算一次：就这样填满整张特征图。'));
  return finish(c, o);
}

// ---------------------------------------------------------------------------
// receptive-field: the notes' picture — a column of neurons along depth, all
// looking at the same small region through the full input depth

export function drawReceptiveField(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const K = 5;
  const e = convOutputShapeOrThrow({ inC: 3, inH: 32, inW: 32, outChannels: K, kernel: 5, padding: 2 });
  c.put(0, 2, L(o, `input volume ${e.inputText}`, `输入数据体 ${e.inputText}`));
  const inB = c.block(3, 4, 16, 7, 3);
  // Conv layer volume with K neurons along its depth (the oblique direction).
  const cx = inB.right + 16;
  c.put(0, cx - 2, L(o, `conv layer ${e.outputText}`, `卷积层 ${e.outputText}`));
  const cv = c.block(1, cx, 10, 7, 5);
  const nr = cv.top + K;
  const nc = cv.left + 3;
  // The receptive field: a small block inside the input's front face, level with the first neuron.
  c.put(nr - 1, inB.left + 4, '┌──┐', acc);
  c.put(nr, inB.left + 4, '│▓▓│', acc);
  c.put(nr + 1, inB.left + 4, '└──┘', acc);
  c.put(nr + 2, inB.left + 2, e.receptiveField.text, acc);
  for (let k = 0; k < K; k++) c.put(nr - k, nc + k, '●', acc);
  c.trace(nr, inB.left + 8, nc - 2, '─', acc);
  c.put(nr, nc - 1, '►', acc);
  const row = Math.max(inB.bottom, cv.bottom) + 2;
  c.put(row, 2, L(o, `● ${K} neurons along depth (${K} filters), all connected to the same`, `● 深度方向的 ${K} 个神经元（${K} 个滤波器）都连到同一块`));
  c.put(row + 1, 2, L(o, `  ${e.receptiveField.text} region: F×F in space, the full depth ${e.receptiveField.depth} of the input.`, `  ${e.receptiveField.text} 区域：空间上 F×F，深度上覆盖输入的全部 ${e.receptiveField.depth} 个通道。`));
  return finish(c, o);
}

/** Three 3×3 convs in a row (stride 1), seen from the side: 3, 5, 7 input cells. */
export function drawStackedField(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const layers = [1, 2, 3].map((i) => ({ kind: 'conv' as const, kernel: 3, label: `conv${i}` }));
  const rf = receptiveFieldAfter(layers);
  const sizes = [1, ...rf.steps.map((s) => s.receptiveField[1])];
  const total = sizes[sizes.length - 1];
  // Row for layer L (3 = top): cells of the field it sees below; input at the bottom.
  const names = [L(o, 'input', '输入'), 'conv1', 'conv2', 'conv3'];
  const x0 = 12;
  const depth = sizes.length - 1;
  for (let level = depth; level >= 0; level--) {
    const r = 2 * (depth - level);
    // Cells of this level that influence the one neuron at the top.
    const n = sizes[depth - level];
    const start = x0 + 3 * ((total - n) / 2);
    c.put(r, 0, names[level]);
    for (let k = 0; k < total; k++) c.put(r, x0 + 3 * k, '·', o.theme.muted);
    for (let k = 0; k < n; k++) c.put(r, start + 3 * k, '●', level === depth ? acc : undefined);
    c.put(r, x0 + 3 * total + 2, level === depth ? L(o, '1 neuron', '1 个神经元') : L(o, `${n} cells`, `${n} 个`));
    if (level > 0) {
      const nb = sizes[depth - level + 1];
      const sb = x0 + 3 * ((total - nb) / 2);
      c.put(r + 1, sb, '╱');
      c.put(r + 1, sb + 3 * (nb - 1), '╲');
    }
  }
  c.put(2 * depth + 2, 0, L(o, `Each 3×3 conv adds F − 1 = 2 cells: ${sizes.slice(1).join(' → ')}. Three of them see ${rf.steps[depth - 1].receptiveField[0]}×${total}.`, `每个 3×3 卷积增加 F − 1 = 2 格：${sizes.slice(1).join(' → ')}。三层之后看到 ${rf.steps[depth - 1].receptiveField[0]}×${total}。`));
  return finish(c, o);
}

// ---------------------------------------------------------------------------
// stride-padding: windows over a padded row

export function drawStridePadding(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const W = 5;
  const F = 3;
  const P = 1;
  const x0 = 10;
  const cells = W + 2 * P;
  c.put(0, 0, L(o, `one row of the input: W = ${W}, zero-padding P = ${P} on each side, filter F = ${F}`, `输入的一行：W = ${W}，两边各补 P = ${P} 个零，滤波器 F = ${F}`));
  let line = '┌';
  let mid = '│';
  let bot = '└';
  for (let k = 0; k < cells; k++) {
    line += '───' + (k === cells - 1 ? '┐' : '┬');
    bot += '───' + (k === cells - 1 ? '┘' : '┴');
    mid += '   │';
  }
  c.put(2, x0, line);
  c.put(3, x0, mid);
  c.put(4, x0, bot);
  for (let k = 0; k < cells; k++) {
    const pad = k < P || k >= P + W;
    c.put(3, x0 + 2 + 4 * k, pad ? '0' : String.fromCharCode(97 + k - P), pad ? o.theme.muted : undefined);
  }
  let r = 5;
  for (const S of [1, 2]) {
    const e = convOutputShapeOrThrow({ inC: 1, inH: 1, inW: W, outChannels: 1, kernel: [1, F], stride: [1, S], padding: [0, P] });
    const n = e.width.output;
    c.put(r, 0, `S = ${S}`, acc);
    for (let i = 0; i < n; i++) {
      const a = x0 + 4 * i * S;
      const b = x0 + 4 * (i * S + F);
      c.put(r + i, a, '└' + '─'.repeat(b - a - 1) + '┘');
      c.center(r + i, (a + b) >> 1, ` ${i + 1} `);
    }
    c.put(r, x0 + 4 * cells + 3, L(o, `${n} positions → W₂ = ${n}`, `${n} 个位置 → W₂ = ${n}`), acc);
    r += n + 1;
  }
  c.put(r, 0, L(o, 'Each └─┘ is one window position, i.e. one output neuron.', '每个 └─┘ 是一个窗口位置，也就是一个输出神经元。'), o.theme.muted);
  return finish(c, o);
}

// ---------------------------------------------------------------------------
// weight-sharing: every neuron of a depth slice uses the same filter

export function drawWeightSharing(o: DrawOptions): string[] {
  const c = new Canvas();
  const acc = o.theme.accent;
  const n = 4;
  const slices = 2;
  const gap = 34;
  c.put(0, 2, L(o, `output volume ${n}×${n}×${slices}: two depth slices`, `输出数据体 ${n}×${n}×${slices}：两个深度切片`));
  for (let s = 0; s < slices; s++) {
    const x = 2 + s * gap;
    const w = s === 0 ? 'w⁰' : 'w¹';
    c.put(2, x, L(o, `depth slice ${s} (filter ${w})`, `深度切片 ${s}（滤波器 ${w}）`));
    c.box(3, x, n + 2, 4 * n + 3);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) c.put(4 + i, x + 2 + 4 * j, w, s === 0 ? acc : undefined);
    c.put(4 + n + 1, x, L(o, `${n * n} neurons, 1 set of weights`, `${n * n} 个神经元，1 套权重`), o.theme.muted);
  }
  c.put(n + 7, 2, L(o, `backprop:  ∂L/∂w⁰ = Σ of the ${n * n} gradients of slice 0's neurons`, `反向传播：∂L/∂w⁰ = 切片 0 中 ${n * n} 个神经元的梯度之和`));
  c.put(n + 8, 2, L(o, 'update:    w⁰ ← w⁰ − η·∂L/∂w⁰   (one update per slice)', '更新：    w⁰ ← w⁰ − η·∂L/∂w⁰   （每个切片只更新一套权重）'));
  c.put(n + 9, 2, L(o, 'slice 1 has its own w¹: different slices never share weights', '切片 1 有自己的 w¹：不同深度切片从不共享权重'), o.theme.muted);
  return finish(c, o);
}
