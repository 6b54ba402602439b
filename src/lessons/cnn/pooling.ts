/**
 * cnn/pooling — the pooling layer: why it sits between conv layers, the size
 * rule W₂ = (W₁ − F)/S + 1, max/average/L2 pooling on real numbers, how the
 * gradient flows back through a max (to the window's winner only), and the
 * networks that drop pooling for strided convolutions.
 */
import { avgPool2d, avgPool2dBackward, lpPool2d, maxPool2d, maxPool2dBackward, Tensor, type Pool2dOptions } from '../../engine/index.js';
import { convOutputShapeOrThrow, poolOutputShapeOrThrow } from '../../teach/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { Lesson } from '../types.js';
import { cellsOf, drawPooling, shuffledInts } from './pool-fc-draw.js';
import { fmtDecimals, fmtInt } from '../../i18n/numbers.js';

// ---------------------------------------------------------------------------
// Numbers used in the prose, all from the engine's shape rules.

function poolSide(W: number, F: number, S: number): number {
  return poolOutputShapeOrThrow({ inC: 1, inH: W, inW: W, kernel: F, stride: S }).outShape[2];
}

/** The fully connected layer after the last pool: how many weights the pool saved. */
function fcSaving() {
  const before = 14;
  const after = poolSide(before, 2, 2);
  const D = 512;
  const N = 4096;
  const withPool = after * after * D * N + N;
  const without = before * before * D * N + N;
  return { before, after, D, N, withPool, without, ratio: without / withPool };
}

/** Multiply-adds of the same 3×3 conv before and after a 2×2 pool. */
function convCost() {
  const big = convOutputShapeOrThrow({ inC: 64, inH: 224, inW: 224, outChannels: 64, kernel: 3, padding: 1 });
  const side = poolSide(224, 2, 2);
  const small = convOutputShapeOrThrow({ inC: 64, inH: side, inW: side, outChannels: 64, kernel: 3, padding: 1 });
  return { side, big: big.multiplyAdds, small: small.multiplyAdds, ratio: big.multiplyAdds / small.multiplyAdds };
}

// ---------------------------------------------------------------------------
// The demos

/** Rows and columns an output cell's window covers (no padding). */
function windowCells(oh: number, ow: number, F: number, S: number): number[][] {
  const cells: number[][] = [];
  for (let r = oh * S; r < oh * S + F; r++) for (let c = ow * S; c < ow * S + F; c++) cells.push([r, c]);
  return cells;
}

const NAMES = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I'];

/** The input, the three poolings, the windows one by one, and the gradients back. */
function poolDemo(x: Tensor, F: number, S: number, opts: { gradNote?: (gin: Tensor) => Msg | null } = {}): Block[] {
  const H = x.shape[1];
  const W = x.shape[2];
  const o: Pool2dOptions = { kernelSize: F, stride: S };
  const mx = maxPool2d(x, o);
  const av = avgPool2d(x, o);
  const l2 = lpPool2d(x, { normType: 2, kernelSize: F, stride: S });
  const outH = mx.output.shape[1];
  const outW = mx.output.shape[2];
  const winners = cellsOf(mx.indices, W);
  const blocks: Block[] = [];
  blocks.push({
    kind: 'matrix',
    label: msg('x (window A framed, each max marked)', 'x（框出窗口 A，标出每个最大值）'),
    tensor: x,
    highlight: [
      { cells: windowCells(0, 0, F, S), style: 'box' },
      { cells: winners, style: 'star' },
    ],
  });
  // The sliding window, one row per position.
  const rows: string[][] = [];
  for (let oh = 0; oh < outH; oh++) {
    for (let ow = 0; ow < outW; ow++) {
      const k = oh * outW + ow;
      const vals = windowCells(oh, ow, F, S).map(([r, c]) => x.get(0, r, c));
      rows.push([
        NAMES[k] ?? String(k + 1),
        `${oh * S}–${oh * S + F - 1}`,
        `${ow * S}–${ow * S + F - 1}`,
        vals.join(' '),
        fmtDecimals(mx.output.data[k]),
        fmtDecimals(av.data[k]),
        fmtDecimals(l2.data[k]),
      ]);
    }
  }
  blocks.push({
    kind: 'table',
    head: [msg('out', '输出'), msg('rows', '行'), msg('cols', '列'), msg('window', '窗口里的数'), 'max', 'avg', 'L2'],
    rows,
    align: ['left', 'left', 'left', 'left', 'right', 'right', 'right'],
  });
  const first = windowCells(0, 0, F, S).map(([r, c]) => x.get(0, r, c));
  const sq = first.map((v) => `${v}²`).join('+');
  blocks.push({
    kind: 'text',
    text: msg(
      `Window A: max = ${fmtDecimals(mx.output.data[0])}; avg = ${first.reduce((a, b) => a + b, 0)}/${first.length} = ${fmtDecimals(av.data[0])}; ` +
        `L2 = √(${sq}) = ${fmtDecimals(l2.data[0])}.`,
      `窗口 A：max = ${fmtDecimals(mx.output.data[0])}；avg = ${first.reduce((a, b) => a + b, 0)}/${first.length} = ${fmtDecimals(av.data[0])}；` +
        `L2 = √(${sq}) = ${fmtDecimals(l2.data[0])}。`,
    ),
  });
  // Backward: output cell k sends the gradient k + 1, so one can see where each went.
  const g = new Tensor(mx.output.shape, Array.from({ length: mx.output.size }, (_, i) => i + 1));
  const gin = maxPool2dBackward(x, g, o, mx.indices);
  const zeros = Array.from(gin.data).filter((v) => v === 0).length;
  const gLabel = g.size === 1 ? msg('∂L/∂y (A gets 1)', '∂L/∂y（A 得 1）') : msg('∂L/∂y (A gets 1, B gets 2, …)', '∂L/∂y（A 得 1，B 得 2，…）');
  blocks.push({ kind: 'matrix', label: gLabel, tensor: g });
  blocks.push({ kind: 'matrix', label: msg('∂L/∂x through max pooling', '经过最大池化的 ∂L/∂x'), tensor: gin, highlight: { cells: winners, style: 'star' } });
  const avgBack = avgPool2dBackward(x, g, o);
  blocks.push({ kind: 'matrix', label: msg('∂L/∂x through average pooling, for contrast', '对比：经过平均池化的 ∂L/∂x'), tensor: avgBack, precision: 2 });
  const shared = (F * F).toString();
  blocks.push({
    kind: 'text',
    text: msg(
      `Max: each window's gradient lands on its winner; ${zeros} of the ${H * W} cells get 0. ` + `Average: every cell of a window gets 1/${shared} of it.`,
      `最大池化：每个窗口的梯度只落在它的胜出者上，${H * W} 个格子中有 ${zeros} 个得到 0。` + `平均池化：窗口里每个格子分到 1/${shared}。`,
    ),
  });
  const extra = opts.gradNote?.(gin);
  if (extra) blocks.push({ kind: 'text', text: extra });
  return blocks;
}

function grid(n: number, seed: number): Tensor {
  return new Tensor([1, n, n], shuffledInts(n * n, seed));
}

// ---------------------------------------------------------------------------

const SIZE_Q = { W: 32, D: 16, F: 2, S: 2 };
const sizeQ = poolOutputShapeOrThrow({ inC: SIZE_Q.D, inH: SIZE_Q.W, inW: SIZE_Q.W, kernel: SIZE_Q.F, stride: SIZE_Q.S });
const [qD, qH, qW] = sizeQ.outShape;

/** One axis of a pool in ceil_mode, from the engine: floor and ceil sizes, and whether the extra window was dropped. */
function ceilCase(W: number, F: number, S: number, P: number) {
  const floor = poolOutputShapeOrThrow({ inC: 1, inH: W, inW: W, kernel: F, stride: S, padding: P }).outShape[2];
  const e = poolOutputShapeOrThrow({ inC: 1, inH: W, inW: W, kernel: F, stride: S, padding: P, ceilMode: true });
  const exact = (W - F + 2 * P) / S + 1;
  const up = Math.ceil(exact);
  // The extra window's first column, counting input columns from 0 (the left padding is −1, −2, …).
  const lastStart = (up - 1) * S - P;
  return { W, F, S, P, exact, floor, up, ceil: e.outShape[2], dropped: e.width.droppedLastWindow, lastStart };
}
const qS1 = poolSide(SIZE_Q.W, SIZE_Q.F, 1);

// The gradient question: a window and its numbers, routed by the engine.
const GQ = new Tensor([1, 2, 2], [1, 6, 3, 2]);
const GQ_G = 5;
const gqBack = maxPool2dBackward(GQ, new Tensor([1, 1, 1], [GQ_G]), { kernelSize: 2, stride: 2 });
const gqText = Array.from(gqBack.data).join(', ');

export const pooling: Lesson = {
  id: 'cnn/pooling',
  topic: 'cnn',
  section: 'CNN › 池化层',
  title: msg('Pooling layers', '池化层'),
  summary: msg('Shrink the volume between conv layers: max, average and L2 pooling, and the gradient back', '在卷积层之间缩小数据体：最大、平均与 L2 池化，以及梯度如何传回'),
  steps: [
    {
      kind: 'text',
      key: 'why-shrink',
      title: msg('Why shrink?', '为什么要缩小？'),
      body: () => {
        const s = fcSaving();
        const c = convCost();
        return msg(
          `A ConvNet usually puts a pooling layer after every one or few conv layers. Each pooling layer makes the volume smaller in width and height, step by step, and leaves the depth alone.\n\n` +
            `Smaller volumes mean fewer parameters further on and less computation. A fully connected layer of ${fmtInt(s.N)} neurons on ${s.before}×${s.before}×${s.D} needs ${fmtInt(s.without)} parameters; ` +
            `after one 2×2 pool (${s.after}×${s.after}×${s.D}) it needs ${fmtInt(s.withPool)}, about 1/${fmtDecimals(s.ratio)} as many. ` +
            `A 3×3 conv with 64 filters costs ${fmtInt(c.big)} multiply-adds on 224×224×64 and ${fmtInt(c.small)} on ${c.side}×${c.side}×64.\n\n` +
            `Fewer parameters also help against overfitting. And pooling itself learns nothing: it has 0 parameters.`,
          `ConvNet 通常每隔一个或几个卷积层就放一个池化层。每个池化层都把数据体的宽和高缩小一点，一步一步地缩，深度则保持不变。\n\n` +
            `数据体小了，后面的参数就少了，计算也少了。在 ${s.before}×${s.before}×${s.D} 上接一个 ${fmtInt(s.N)} 个神经元的全连接层需要 ${fmtInt(s.without)} 个参数；` +
            `先做一次 2×2 池化（得到 ${s.after}×${s.after}×${s.D}），只需要 ${fmtInt(s.withPool)} 个，约为原来的 1/${fmtDecimals(s.ratio)}。` +
            `一个 64 个滤波器的 3×3 卷积，在 224×224×64 上要做 ${fmtInt(c.big)} 次乘加，在 ${c.side}×${c.side}×64 上只要 ${fmtInt(c.small)} 次。\n\n` +
            `参数少了，也能更好地控制过拟合。池化本身什么也不学：它的参数个数是 0。`,
        );
      },
    },
    {
      kind: 'diagram',
      title: msg('A window slides over each slice', '窗口在每个切片上滑动'),
      draw: drawPooling,
      caption: msg(
        'A window of F×F cells moves S cells at a time. Each position gives one output number. With F = S the windows tile the input; with F > S they overlap.',
        '一个 F×F 的窗口每次移动 S 格，每到一个位置就输出一个数。F = S 时窗口正好铺满输入；F > S 时窗口互相重叠。',
      ),
    },
    {
      kind: 'formula',
      key: 'size-rule',
      title: msg('The size rule', '尺寸公式'),
      intro: msg(
        'An input W₁×H₁×D₁ pooled with window F and stride S gives W₂×H₂×D₂. Height follows the same rule as width: H₂ = (H₁ − F)/S + 1. The depth does not change: D₂ = D₁. Change the numbers below.',
        '输入 W₁×H₁×D₁，窗口大小 F、步长 S，输出 W₂×H₂×D₂。高度和宽度用同一个公式：H₂ = (H₁ − F)/S + 1。深度不变：D₂ = D₁。试着改改下面的数。',
      ),
      formula: {
        symbolic: 'W₂ = (W₁ − F)/S + 1',
        substituted: 'W₂ = ({W} − {F})/{S} + 1',
        expr: '(W - F)/S + 1',
        vars: [
          { name: 'W', value: 224, label: msg('input width W₁', '输入宽度 W₁'), min: 1, max: 4096, integer: true },
          { name: 'F', value: 2, label: msg('window size F', '窗口大小 F'), min: 1, max: 64, integer: true },
          { name: 'S', value: 2, label: msg('stride S', '步长 S'), min: 1, max: 64, integer: true },
        ],
        result: { name: 'W₂', label: msg('output width', '输出宽度'), round: 'floor', min: 1 },
        note: (v) => {
          const { W, F, S } = v;
          if (F > W) return msg(`The window (${F}) is wider than the input (${W}): no window fits.`, `窗口（${F}）比输入（${W}）还宽：一个窗口都放不下。`);
          const e = poolOutputShapeOrThrow({ inC: 1, inH: W, inW: W, kernel: F, stride: S });
          const parts: Msg[] = [];
          const skipped = e.width?.unvisited.length ?? 0;
          if ((W - F) % S !== 0) {
            parts.push(
              msg(
                `(W₁ − F)/S is not a whole number: PyTorch rounds down, and the last ${skipped} column${skipped === 1 ? '' : 's'} (and rows) are never read.`,
                `(W₁ − F)/S 不是整数：PyTorch 向下取整，最后 ${skipped} 列（和行）永远不会被读到。`,
              ),
            );
          }
          if (F > S) parts.push(msg('F > S: neighbouring windows overlap (overlapping pooling).', 'F > S：相邻窗口互相重叠（重叠池化）。'));
          if (F < S) parts.push(msg('F < S: the windows leave gaps; cells between them are skipped.', 'F < S：窗口之间有空隙，空隙里的格子被跳过。'));
          if (F >= 4) parts.push(msg(`F = ${F}: a window this large throws away most of the detail.`, `F = ${F}：这么大的窗口会丢掉大部分细节。`));
          if (parts.length === 0) return null;
          return msg(parts.map((p) => p.en).join(' '), parts.map((p) => p.zh).join(''));
        },
      },
    },
    {
      kind: 'text',
      key: 'two-settings',
      title: msg('The two settings you will meet', '实践中的两种设置'),
      body: () => {
        const a = poolSide(224, 2, 2);
        const b = poolSide(224, 3, 2);
        const big = poolSide(224, 4, 4);
        return msg(
          `In practice max pooling comes in two forms. The more common one is F=2, S=2: it halves width and height (224 → ${a}) and discards 3 of every 4 numbers. ` +
            `The other is F=3, S=2, called overlapping pooling because neighbouring windows share a row or column (224 → ${b}); AlexNet used it.\n\n` +
            `Larger windows are rare: F=4, S=4 would leave ${big}×${big} of 224×224, only 1 number in 16. That throws away too much and tends to hurt the network.\n\n` +
            `Max is not the only choice; the notes list the others under general pooling. Average pooling takes the mean of the window and was common in early networks; L2-norm pooling takes √(sum of squares). ` +
            `Max pooling has been found to work better in practice, so it is the usual default.`,
          `实践中最大池化通常只有两种形式。更常用的是 F=2，S=2：宽和高都减半（224 → ${a}），每 4 个数丢掉 3 个。` +
            `另一种是 F=3，S=2，相邻窗口共用一行或一列，所以叫重叠池化（笔记里写作“重叠汇聚”，overlapping pooling；224 → ${b}）；AlexNet 就用了它。\n\n` +
            `更大的窗口很少见：F=4，S=4 会把 224×224 缩成 ${big}×${big}，只留下 16 个数中的 1 个。丢得太多，往往会破坏网络的效果。\n\n` +
            `除了取最大值，还有笔记里说的普通池化（general pooling）：平均池化取窗口的平均值，早期网络常用；L2 范数池化取平方和再开方。` +
            `实践证明最大池化效果更好，所以它是通常的默认选择。`,
        );
      },
    },
    {
      kind: 'text',
      key: 'ceil-mode',
      title: msg('Rounding up: ceil_mode in PyTorch', '向上取整：PyTorch 的 ceil_mode'),
      body: () => {
        const a = ceilCase(7, 2, 2, 0);
        const b = ceilCase(5, 3, 3, 1);
        return msg(
          `When (W₁ − F)/S + 1 is not a whole number, PyTorch rounds down by default, and the columns left over are never read. ` +
            `With nn.MaxPool2d(…, ceil_mode=True) it rounds up instead: one more window, which may hang over the edge; the cells past the edge are simply left out of the max or the average.\n\n` +
            `Pools may also pad: P cells on each side (for max pooling the padding is −∞, so it never wins). The size rule is then the conv rule, W₂ = (W₁ − F + 2P)/S + 1.\n\n` +
            `One exception in ceil_mode: a window must start inside the input or in the left padding. If the extra window would start in the right padding, PyTorch drops it.\n` +
            `• ${a.W}×${a.W}, F=${a.F}, S=${a.S}: (${a.W} − ${a.F})/${a.S} + 1 = ${fmtDecimals(a.exact)}. Rounded down: ${a.floor}, and column ${a.W - 1} is never read. In ceil_mode: ${a.ceil}; the extra window starts at column ${a.lastStart}, inside the input.\n` +
            `• ${b.W}×${b.W}, F=${b.F}, S=${b.S}, P=${b.P}: (${b.W} − ${b.F} + 2·${b.P})/${b.S} + 1 = ${fmtDecimals(b.exact, 3)}…, rounded up ${b.up}; but the extra window would start at column ${b.lastStart}, in the right padding (the input ends at column ${b.W - 1}), so it is dropped: ${b.ceil}.\n` +
            `(Columns count from 0; the left padding is column −1.) torchvision's GoogLeNet pools in ceil_mode: see \`net googlenet\`.`,
          `(W₁ − F)/S + 1 不是整数时，PyTorch 默认向下取整，剩下的几列就读不到。` +
            `用 nn.MaxPool2d(…, ceil_mode=True) 就改为向上取整：多出一个窗口，它可能伸出边界；伸出边界的格子不参与求最大值或平均值。\n\n` +
            `池化也可以填充：两侧各补 P 格（最大池化补的是 −∞，所以填充永远不会胜出）。这时尺寸公式就和卷积一样：W₂ = (W₁ − F + 2P)/S + 1。\n\n` +
            `ceil_mode 有一个例外：窗口必须从输入内部或左侧填充区开始。如果多出的那个窗口会从右侧填充区开始，PyTorch 就把它丢掉。\n` +
            `• ${a.W}×${a.W}，F=${a.F}，S=${a.S}：(${a.W} − ${a.F})/${a.S} + 1 = ${fmtDecimals(a.exact)}。向下取整得 ${a.floor}，第 ${a.W - 1} 列永远读不到。ceil_mode 下得 ${a.ceil}：多出的窗口从第 ${a.lastStart} 列开始，在输入内部。\n` +
            `• ${b.W}×${b.W}，F=${b.F}，S=${b.S}，P=${b.P}：(${b.W} − ${b.F} + 2·${b.P})/${b.S} + 1 = ${fmtDecimals(b.exact, 3)}…，向上取整得 ${b.up}；但多出的窗口会从第 ${b.lastStart} 列开始，落在右侧填充区（输入到第 ${b.W - 1} 列就结束了），所以被丢掉：${b.ceil}。\n` +
            `（列从 0 开始数，左侧填充是第 −1 列。）torchvision 的 GoogLeNet 就用 ceil_mode 池化：试试 \`net googlenet\`。`,
        );
      },
    },
    {
      kind: 'demo',
      title: msg('Pool a 4×4 slice: F=2, S=2', '池化一个 4×4 切片：F=2，S=2'),
      intro: msg(
        'The input holds the numbers 1 to 16 in a random order (press r for another). Each window gives a max, an average and an L2 norm. Then a gradient comes back: output A sends 1, B sends 2, and so on.',
        '输入是打乱顺序的 1 到 16（按 r 换一组）。每个窗口算出最大值、平均值和 L2 范数。然后梯度从输出传回：A 传回 1，B 传回 2，依此类推。',
      ),
      run: (env) => poolDemo(grid(4, env.seed), 2, 2),
    },
    {
      kind: 'demo',
      title: msg('The same 4×4 slice: F=3, S=2', '同一个 4×4 切片：F=3，S=2'),
      intro: msg(
        'With F=3 on a 4×4 slice, (4 − 3)/2 + 1 = 1.5, and PyTorch rounds down: one window fits, and the last row and column are never read. On a 5×5 slice the rule fits exactly and two windows overlap in each direction.',
        '在 4×4 切片上用 F=3：(4 − 3)/2 + 1 = 1.5，PyTorch 向下取整：只放得下一个窗口，最后一行和最后一列都读不到。在 5×5 切片上公式正好整除，每个方向有两个窗口互相重叠。',
      ),
      run: (env) => {
        const blocks = poolDemo(grid(4, env.seed), 3, 2);
        const e = poolOutputShapeOrThrow({ inC: 1, inH: 4, inW: 4, kernel: 3, stride: 2 });
        blocks.push({
          kind: 'warning',
          text: msg(
            `Never read: row ${e.height.unvisited.join(', ')} and column ${e.width.unvisited.join(', ')} (0-based). Those cells get no gradient either.`,
            `没被读到：第 ${e.height.unvisited.join('、')} 行和第 ${e.width.unvisited.join('、')} 列（从 0 数）。这些格子也得不到梯度。`,
          ),
        });
        // 5×5: put the largest number in the centre, which all four windows share.
        const vals = shuffledInts(25, env.seed + 101);
        const top = vals.indexOf(25);
        [vals[top], vals[12]] = [vals[12], vals[top]];
        const x5 = new Tensor([1, 5, 5], vals);
        const o: Pool2dOptions = { kernelSize: 3, stride: 2 };
        const r = maxPool2d(x5, o);
        const g = new Tensor(r.output.shape, [1, 2, 3, 4]);
        const gin = maxPool2dBackward(x5, g, o, r.indices);
        const centre = gin.get(0, 2, 2);
        blocks.push({ kind: 'spacer' });
        blocks.push({
          kind: 'matrix',
          label: msg('5×5 input, the largest number put in the centre', '5×5 输入，把最大的数放在正中'),
          tensor: x5,
          highlight: { cells: cellsOf(r.indices, 5), style: 'star' },
        });
        blocks.push({ kind: 'matrix', label: msg('max pool F=3 S=2 → 2×2', '最大池化 F=3 S=2 → 2×2'), tensor: r.output });
        blocks.push({ kind: 'matrix', label: msg('∂L/∂x for ∂L/∂y = [1, 2; 3, 4]', '∂L/∂y = [1, 2; 3, 4] 时的 ∂L/∂x'), tensor: gin, highlight: { cells: [[2, 2]], style: 'star' } });
        blocks.push({
          kind: 'text',
          text: msg(
            `The centre lies in all four overlapping windows and wins all four, so the engine adds up their gradients there: 1 + 2 + 3 + 4 = ${fmtDecimals(centre)}.`,
            `正中的格子同时在四个重叠的窗口里，而且四个窗口都是它胜出，所以引擎把四份梯度都加在它身上：1 + 2 + 3 + 4 = ${fmtDecimals(centre)}。`,
          ),
        });
        return blocks;
      },
    },
    {
      kind: 'text',
      key: 'backprop',
      title: msg('Backpropagation through a max', '反向传播经过 max'),
      body: msg(
        'Think of y = max(a, b, c, d). Nudge the winner and y moves by the same amount; nudge a loser and y does not move at all. So the derivative is 1 for the winner and 0 for the others, and the whole gradient of y goes to the winner.\n\n' +
          'That is why a max pooling layer remembers, during the forward pass, which cell won each window (the "switches", the argmax indices). The backward pass only has to look them up.\n\n' +
          'Average pooling is simpler still: y = (a + b + c + d)/4, so each of the four cells gets a quarter of the gradient.',
        '把它想成 y = max(a, b, c, d)。稍微改动胜出的那个数，y 就改变同样多；改动落选的数，y 一点也不变。所以对胜出者的导数是 1，对其他数是 0，y 的梯度全部交给胜出者。\n\n' +
          '因此最大池化层在前向传播时会记下每个窗口是哪个格子胜出（称为“开关”，即 argmax 的下标）。反向传播时只需查表即可。\n\n' +
          '平均池化更简单：y = (a + b + c + d)/4，所以四个格子各分到四分之一的梯度。',
      ),
    },
    {
      kind: 'check',
      title: msg('Where does the gradient go?', '梯度去哪儿了？'),
      check: {
        question: msg(
          `A 2×2 max pooling window holds 1, 6, 3, 2 and its output receives the gradient ${GQ_G}. What reaches the four cells?`,
          `一个 2×2 最大池化窗口里是 1、6、3、2，它的输出收到梯度 ${GQ_G}。四个格子各得到多少？`,
        ),
        options: [
          msg(`${gqText}: all of it to the 6, nothing to the others`, `${gqText}：全部给 6，其余为 0`),
          msg(`${fmtDecimals(GQ_G / 4)} each: the gradient is shared equally by all four`, `每个 ${fmtDecimals(GQ_G / 4)}：梯度由四个格子平均分摊`),
          msg(`${GQ_G} each: every cell took part in computing the max`, `每个 ${GQ_G}：每个格子都参与了求最大值`),
          msg('0 each: pooling has no parameters, so no gradient flows', '每个 0：池化层没有参数，所以根本没有梯度流过'),
        ],
        answer: 0,
        explain: msg(
          'Only the winner influenced the output, so only the winner gets the gradient. The engine routes it with the argmax index it kept in the forward pass.',
          '只有胜出者影响了输出，所以只有它得到梯度。引擎用前向传播时记下的 argmax 下标把梯度送回去。',
        ),
        wrong: {
          1: msg('Sharing equally is what average pooling does, not max pooling.', '平分是平均池化的做法，不是最大池化。'),
          2: msg('Changing the 1, 3 or 2 a little would not change the max at all, so their derivative is 0.', '稍微改动 1、3 或 2，最大值根本不变，所以它们的导数是 0。'),
          3: msg('No parameters means nothing to update in this layer, but the gradient still has to pass through it to the layers before.', '没有参数只是说这一层没什么可更新的；梯度仍然要穿过它，传给前面的层。'),
        },
      },
    },
    {
      kind: 'text',
      key: 'no-pooling',
      title: msg('Networks without pooling', '不用池化层的网络'),
      body: () => {
        const c = convOutputShapeOrThrow({ inC: 64, inH: 32, inW: 32, outChannels: 64, kernel: 3, stride: 2, padding: 1 });
        const p = poolSide(32, 2, 2);
        return msg(
          `Some people argue that pooling is not needed. To shrink a volume you can instead use a conv layer with a larger stride now and then: ` +
            `a 3×3 conv with S=2, P=1 turns 32×32×64 into ${c.outputText}, just like a 2×2 pool (32 → ${p}), but it learns how to downsample (${fmtInt(c.params.total)} parameters).\n\n` +
            `Dropping pooling has turned out to matter for generative models such as variational autoencoders (VAEs) and generative adversarial networks (GANs). ` +
            `Future architectures may well have very few pooling layers, or none.`,
          `也有人认为池化层并不必要。要缩小数据体，可以时不时用一个步长更大的卷积层来代替：` +
            `一个 S=2、P=1 的 3×3 卷积把 32×32×64 变成 ${c.outputText}，和 2×2 池化（32 → ${p}）一样，但它会学习怎样下采样（${fmtInt(c.params.total)} 个参数）。\n\n` +
            `对于生成模型，例如变分自编码器（VAE）和生成对抗网络（GAN），去掉池化层被证明很重要。` +
            `将来的网络结构里，池化层可能会很少，甚至完全没有。`,
        );
      },
    },
    {
      kind: 'check',
      title: msg('Output size', '输出尺寸'),
      check: {
        question: msg(
          `A ${SIZE_Q.W}×${SIZE_Q.W}×${SIZE_Q.D} volume goes through max pooling with F=${SIZE_Q.F}, S=${SIZE_Q.S}. What comes out?`,
          `一个 ${SIZE_Q.W}×${SIZE_Q.W}×${SIZE_Q.D} 的数据体经过 F=${SIZE_Q.F}、S=${SIZE_Q.S} 的最大池化。输出是什么？`,
        ),
        options: [
          msg(`${qW}×${qH}×${qD}`, `${qW}×${qH}×${qD}`),
          msg(`${qW}×${qH}×${qD / 4}`, `${qW}×${qH}×${qD / 4}`),
          msg(`${qS1}×${qS1}×${qD}`, `${qS1}×${qS1}×${qD}`),
          msg(`${qW / 2}×${qH / 2}×${qD}`, `${qW / 2}×${qH / 2}×${qD}`),
        ],
        answer: 0,
        explain: msg(
          `W₂ = (${SIZE_Q.W} − ${SIZE_Q.F})/${SIZE_Q.S} + 1 = ${qW}, the same for the height, and D₂ = D₁ = ${qD}: each depth slice is pooled on its own.`,
          `W₂ = (${SIZE_Q.W} − ${SIZE_Q.F})/${SIZE_Q.S} + 1 = ${qW}，高度相同，D₂ = D₁ = ${qD}：每个深度切片各自池化。`,
        ),
        wrong: {
          1: msg('Pooling never mixes or drops depth slices: D₂ = D₁.', '池化不会混合或丢弃深度切片：D₂ = D₁。'),
          2: msg(`That is the size for S=1: (${SIZE_Q.W} − ${SIZE_Q.F})/1 + 1 = ${qS1}.`, `那是 S=1 时的尺寸：(${SIZE_Q.W} − ${SIZE_Q.F})/1 + 1 = ${qS1}。`),
          3: msg('One pool with S=2 halves the size once, not twice.', '一次 S=2 的池化只减半一次，而不是两次。'),
        },
      },
    },
    { kind: 'experiment', key: 'experiment-pooling', id: 'pooling' },
    {
      kind: 'try',
      command: 'pool 55x55x96 F=3 S=2',
      note: msg(
        "AlexNet's first overlapping pool: sizes and warnings. On real numbers: `let x = rand 4x4x1`, then `pool x F=2 S=2 max` (or `avg`, `l2`), then `grad` to see the gradient reach only the winners. And ceil_mode: `pool 7x7x1 F=2 S=2 ceil`.",
        'AlexNet 的第一个重叠池化层：尺寸和提示。换成真实的数：先 `let x = rand 4x4x1`，再 `pool x F=2 S=2 max`（或 `avg`、`l2`），然后 `grad`，看梯度只到达胜出者。ceil_mode 则试试 `pool 7x7x1 F=2 S=2 ceil`。',
      ),
    },
  ],
};
