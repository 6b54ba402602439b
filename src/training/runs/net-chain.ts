/**
 * --net: the REPL's chain grammar ('2 | fc 8 | tanh | fc 2',
 * '28x28x1 | conv F=5 P=2 K=6 | relu | pool F=2 | … | fc 10') turned into an engine
 * model the trainer can train. The REPL's parser reads the words (so a typo gets
 * the same did-you-mean as `net` in the REPL); this file checks what the REPL
 * only counts — that the input matches the data, that every layer can be trained
 * here, that the last layer gives one output per class — and builds the layers.
 * Every refusal is a message for the student; nothing is thrown.
 */
import { Conv2d, Dropout, Flatten, Linear, MaxPool2d, AvgPool2d, ReLU, Sequential, Sigmoid, Tanh, seeded, type Module } from '../../engine/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import { parseNet, type ChainSegment } from '../../repl/commands/net.js';
import { lex, LexError } from '../../repl/lexer.js';
import { isFailure } from '../../repl/spec.js';
import type { Term } from '../../repl/terms.js';

/** What the data hands the net: 2D points, or 28×28 one-channel digits (as an image, or flattened for an MLP). */
export type NetData = { kind: 'points' } | { kind: 'digits' };

export interface ChainNet {
  model: Sequential;
  /** The chain as one line for the header: "2 → fc 8 → tanh → fc 2". */
  text: string;
  parameters: number;
  /** Numbers one example makes on its way through (input included): what a batch keeps for backward, per example. */
  activations: number;
  /** How the task stacks a batch: [N, features] or [N, C, H, W]. */
  input: { kind: 'flat'; features: number } | { kind: 'image'; channels: number; height: number; width: number };
}

export type ChainResult = { ok: true; net: ChainNet } | { ok: false; error: Msg };

/** A model this large takes seconds a step here, and its optimizer state as much memory again. */
export const MAX_NET_PARAMETERS = 2_000_000;
/** Numbers one example makes on its way through the net (kept for backward, times the batch). */
export const MAX_NET_ACTIVATIONS = 1_000_000;
/** Numbers a whole batch may make on its way through (float32: 4 bytes each, within the kernels' memory). */
export const MAX_BATCH_ACTIVATIONS = 20_000_000;

/** undefined when a batch of `batch` examples fits in memory, else the message naming the largest batch that does. */
export function checkBatchFits(net: ChainNet, batch: number): Msg | undefined {
  if (batch * net.activations <= MAX_BATCH_ACTIVATIONS) return undefined;
  const most = Math.max(1, Math.floor(MAX_BATCH_ACTIVATIONS / net.activations));
  return msg(
    `--batch ${batch} is too large for this net: each example makes ${net.activations.toLocaleString('en')} numbers kept for backward, so a batch of ${batch} would not fit in memory. Use --batch ${most} or less.`,
    `--batch ${batch} 对这个网络太大：每个样本产生 ${net.activations.toLocaleString('en')} 个要留给反向传播的数，${batch} 个样本一批放不进内存。请用 --batch ${most} 或更小。`,
  );
}

type Shape = { kind: 'flat'; n: number } | { kind: 'image'; c: number; h: number; w: number };

const refuse = (error: Msg): ChainResult => ({ ok: false, error });
const shapeText = (s: Shape): string => (s.kind === 'flat' ? String(s.n) : `${s.w}×${s.h}×${s.c}`);
const sizeOf = (s: Shape): number => (s.kind === 'flat' ? s.n : s.c * s.h * s.w);

const POINTS_EXAMPLE = "'2 | fc 8 | tanh | fc 8 | tanh | fc 2'";
const DIGITS_EXAMPLE = "'28x28x1 | conv F=5 P=2 K=6 | relu | pool F=2 | flatten | fc 10'";

/** A whole number from a term, or a message (a REPL variable name means nothing here). */
function whole(t: Term | undefined, what: string, zhWhat: string, min: number, fallback?: number): number | Msg {
  if (t === undefined) {
    if (fallback !== undefined) return fallback;
    return msg(`${what} is missing.`, `缺少${zhWhat}。`);
  }
  if (!('num' in t)) return msg(`${what} must be a number here, not the name ${t.text} (--net has no variables).`, `${zhWhat}在这里必须是数字，不能是名字 ${t.text}（--net 没有变量）。`);
  if (!Number.isInteger(t.num) || t.num < min || t.num > 1_000_000) return msg(`${what} must be a whole number ≥ ${min}; got ${t.text}.`, `${zhWhat}必须是 ≥ ${min} 的整数，现在是 ${t.text}。`);
  return t.num;
}

function inputShape(data: NetData, vol: { width: Term; height: Term; depth: Term | null; text: string }): Shape | Msg {
  const dims = [vol.width, vol.height, vol.depth ?? { num: 1, text: '1' }];
  if (dims.some((t) => !('num' in t) || !Number.isInteger(t.num) || t.num < 1)) {
    return msg(`The input ${vol.text} must be whole numbers (W×H×D).`, `输入 ${vol.text} 必须由整数组成（宽×高×深）。`);
  }
  const [w, h, c] = dims.map((t) => (t as { num: number }).num);
  if (data.kind === 'points') {
    if (w === 1 && h === 1 && c === 2) return { kind: 'flat', n: 2 };
    return msg(
      `The points have 2 inputs (x and y), so the chain starts with 2, not ${vol.text}: e.g. ${POINTS_EXAMPLE}.`,
      `点只有 2 个输入（x 和 y），所以层链要从 2 开始，而不是 ${vol.text}：例如 ${POINTS_EXAMPLE}。`,
    );
  }
  if (w === 28 && h === 28 && c === 1) return { kind: 'image', c: 1, h: 28, w: 28 };
  if (w === 1 && h === 1 && c === 784) return { kind: 'flat', n: 784 };
  return msg(
    `The digits are 28×28 grey images, so the chain starts with 28x28x1 (or 784 for an MLP on the flattened pixels), not ${vol.text}: e.g. ${DIGITS_EXAMPLE}.`,
    `数字是 28×28 的灰度图，所以层链要从 28x28x1 开始（MLP 用展平的像素时写 784），而不是 ${vol.text}：例如 ${DIGITS_EXAMPLE}。`,
  );
}

/** One segment → its modules and the shape after it, or a message. */
function buildSegment(seg: ChainSegment, shape: Shape, last: boolean, rng: () => number, seed: number, typed: string): { modules: Module[]; shape: Shape } | Msg {
  const a = seg.args;
  const opt = (k: string): Term | undefined => a.options[k]?.term;
  switch (seg.kind) {
    case 'fc': {
      const out = a.positionals.out;
      const n = whole(out?.kind === 'term' ? out.term : undefined, 'fc N (the number of outputs)', 'fc N（输出个数）', 1);
      if (typeof n !== 'number') return n;
      const modules: Module[] = shape.kind === 'image' ? [new Flatten()] : [];
      modules.push(new Linear(sizeOf(shape), n, { rng }));
      return { modules, shape: { kind: 'flat', n } };
    }
    case 'relu':
      return { modules: [ReLU()], shape };
    case 'tanh':
      return { modules: [Tanh()], shape };
    case 'sigmoid':
      return { modules: [Sigmoid()], shape };
    case 'flatten':
      return { modules: shape.kind === 'image' ? [new Flatten()] : [], shape: { kind: 'flat', n: sizeOf(shape) } };
    case 'dropout': {
      const t = opt('p');
      const p = t === undefined ? 0.5 : 'num' in t ? t.num : NaN;
      if (!(p >= 0 && p < 1)) return msg(`dropout p must be a number from 0 up to (not including) 1; got ${t?.text}.`, `dropout 的 p 必须是 0 到 1 之间（不含 1）的数，现在是 ${t?.text}。`);
      return { modules: [new Dropout(p, seed)], shape };
    }
    case 'softmax':
      return last
        ? msg(
            'Leave out the final softmax: the cross-entropy loss applies softmax to the last layer’s outputs itself (in one step that stays exact), so the net ends with fc N, one raw score per class.',
            '请去掉最后的 softmax：交叉熵损失会自己对最后一层的输出做 softmax（合在一步里计算才精确），所以网络以 fc N 结尾，每类一个原始分数。',
          )
        : msg('softmax inside a network is not a layer nnlearn trains; use relu, tanh or sigmoid between layers.', 'nnlearn 不训练放在网络中间的 softmax；层与层之间请用 relu、tanh 或 sigmoid。');
    case 'bn':
      return msg(
        `nnlearn cannot train batch normalisation (${typed}) yet: leave it out (or use dropout); the REPL's net counts its parameters, training does not have it.`,
        `nnlearn 还不能训练批归一化（${typed}）：请去掉它（或改用 dropout）；REPL 的 net 只计算它的参数，训练里还没有它。`,
      );
    case 'conv': {
      if (shape.kind !== 'image') {
        return msg(`conv needs an image (W×H×D) but gets ${shapeText(shape)} numbers: put conv layers before any fc or flatten.`, `conv 需要图像（宽×高×深），但这里的输入是 ${shapeText(shape)} 个数：卷积层要放在所有 fc 和 flatten 之前。`);
      }
      const F = whole(opt('F'), 'conv F (the filter size)', 'conv 的 F（滤波器尺寸）', 1);
      const S = whole(opt('S'), 'conv S (the stride)', 'conv 的 S（步长）', 1, 1);
      const P = whole(opt('P'), 'conv P (the padding)', 'conv 的 P（填充）', 0, 0);
      const K = whole(opt('K'), 'conv K (the number of filters)', 'conv 的 K（滤波器个数）', 1, 1);
      const D = whole(opt('dilation'), 'conv dilation', 'conv 的膨胀系数', 1, 1);
      for (const v of [F, S, P, K, D]) if (typeof v !== 'number') return v;
      const [f, s, p, k, d] = [F, S, P, K, D] as number[];
      const out = (n: number): number => Math.floor((n + 2 * p - d * (f - 1) - 1) / s) + 1;
      const h = out(shape.h);
      const w = out(shape.w);
      if (h < 1 || w < 1) {
        return msg(`${typed}: a ${f}×${f} filter does not fit the ${shapeText(shape)} input (add padding P or use a smaller F).`, `${typed}：${f}×${f} 的滤波器放不进 ${shapeText(shape)} 的输入（加填充 P 或用更小的 F）。`);
      }
      return { modules: [new Conv2d(shape.c, k, f, { stride: s, padding: p, dilation: d, rng })], shape: { kind: 'image', c: k, h, w } };
    }
    case 'pool': {
      if (shape.kind !== 'image') return msg(`pool needs an image (W×H×D) but gets ${shapeText(shape)} numbers: put pooling before any fc or flatten.`, `pool 需要图像（宽×高×深），但这里的输入是 ${shapeText(shape)} 个数：池化要放在所有 fc 和 flatten 之前。`);
      if (a.flags.includes('l2')) return msg('nnlearn trains max and avg pooling; L2 pooling is not in its engine.', 'nnlearn 能训练最大池化和平均池化；L2 池化不在它的引擎里。');
      if (a.flags.includes('ceil')) return msg('Training pools in floor mode only (as PyTorch by default): leave out ceil.', '训练只支持向下取整模式的池化（PyTorch 的默认）：请去掉 ceil。');
      const F = whole(opt('F'), 'pool F (the window size)', 'pool 的 F（窗口尺寸）', 1);
      if (typeof F !== 'number') return F;
      const S = whole(opt('S'), 'pool S (the stride)', 'pool 的 S（步长）', 1, F);
      const P = whole(opt('P'), 'pool P', 'pool 的 P', 0, 0);
      if (typeof S !== 'number') return S;
      if (P !== 0) return msg('Training pools without padding (P=0), as the notes’ LeNet and VGG do: leave out P.', '训练中的池化不带填充（P=0），和笔记里的 LeNet、VGG 一样：请去掉 P。');
      const h = Math.floor((shape.h - F) / S) + 1;
      const w = Math.floor((shape.w - F) / S) + 1;
      if (h < 1 || w < 1) return msg(`${typed}: a ${F}×${F} window does not fit the ${shapeText(shape)} input.`, `${typed}：${F}×${F} 的窗口放不进 ${shapeText(shape)} 的输入。`);
      const avg = a.flags.includes('avg');
      return { modules: [avg ? new AvgPool2d(F, S) : new MaxPool2d(F, S)], shape: { kind: 'image', c: shape.c, h, w } };
    }
  }
}

/** Parameters the segment would have, counted before anything is allocated (so a huge fc is refused, not built). */
function plannedParams(seg: ChainSegment, shape: Shape): number {
  const num = (t: Term | undefined, d: number): number => (t && 'num' in t && Number.isFinite(t.num) ? t.num : d);
  if (seg.kind === 'fc') {
    const out = seg.args.positionals.out;
    const n = out?.kind === 'term' ? num(out.term, 1) : 1;
    return n * (sizeOf(shape) + 1);
  }
  if (seg.kind === 'conv' && shape.kind === 'image') {
    const f = num(seg.args.options.F?.term, 1);
    const k = num(seg.args.options.K?.term, 1);
    return k * (f * f * shape.c + 1);
  }
  return 0;
}

/** The chain in `line` (with or without the leading word "net") built for `data` with `classes` outputs. */
export function buildChain(line: string, data: NetData, classes: number, seed: number): ChainResult {
  const text = line.trim().replace(/^net(?=\s|$)/i, '').trim();
  let tokens;
  try {
    tokens = lex(text);
  } catch (e) {
    if (e instanceof LexError) return refuse(msg(`--net: unexpected "${e.char}" at column ${e.column + 1}.`, `--net：第 ${e.column + 1} 列出现了意外的“${e.char}”。`));
    throw e;
  }
  const example = data.kind === 'points' ? POINTS_EXAMPLE : DIGITS_EXAMPLE;
  const parsed = parseNet(tokens, text);
  if (isFailure(parsed)) return refuse(msg(`--net: ${parsed.error.en}`, `--net：${parsed.error.zh}`));
  if (parsed.mode !== 'chain') {
    return refuse(msg(`--net takes a chain of layers, each after a "|": e.g. ${example}.`, `--net 需要一条层链，每层前面写一个 “|”：例如 ${example}。`));
  }
  const first = inputShape(data, parsed.input);
  if ('en' in first) return refuse(first);
  const rng = seeded(seed);
  const modules: Module[] = [];
  const parts = [parsed.input.text];
  let shape: Shape = first;
  let parameters = 0;
  let activations = sizeOf(shape);
  for (let i = 0; i < parsed.segments.length; i++) {
    const seg = parsed.segments[i];
    const typed = text.slice(seg.start, seg.end).replace(/\s+/g, ' ');
    parameters += plannedParams(seg, shape);
    if (parameters > MAX_NET_PARAMETERS) {
      return refuse(
        msg(
          `The net has more than ${MAX_NET_PARAMETERS.toLocaleString('en')} parameters by layer ${i + 1} (${typed}): too many to train here step by step; use fewer outputs or filters.`,
          `到第 ${i + 1} 层（${typed}）网络已超过 ${MAX_NET_PARAMETERS.toLocaleString('en')} 个参数：太多了，无法在这里逐步训练；请减少输出或滤波器个数。`,
        ),
      );
    }
    const built = buildSegment(seg, shape, i === parsed.segments.length - 1, rng, seed, typed);
    if ('en' in built) return refuse(msg(`--net, layer ${i + 1} (${typed}): ${built.en}`, `--net，第 ${i + 1} 层（${typed}）：${built.zh}`));
    modules.push(...built.modules);
    shape = built.shape;
    activations += sizeOf(shape);
    if (activations > MAX_NET_ACTIVATIONS) {
      return refuse(
        msg(
          `By layer ${i + 1} (${typed}) one example makes more than ${MAX_NET_ACTIVATIONS.toLocaleString('en')} numbers, all kept for backward: too big to train here; use fewer filters or pool sooner.`,
          `到第 ${i + 1} 层（${typed}）一个样本已产生超过 ${MAX_NET_ACTIVATIONS.toLocaleString('en')} 个数（都要留给反向传播）：太大，无法在这里训练；请减少滤波器或更早池化。`,
        ),
      );
    }
    parts.push(typed);
  }
  if (shape.kind !== 'flat') {
    return refuse(msg(`The net ends with a ${shapeText(shape)} volume; end it with fc ${classes}, one score per class.`, `网络以 ${shapeText(shape)} 的数据体结尾；请以 fc ${classes} 结尾，每类一个分数。`));
  }
  if (shape.n !== classes) {
    return refuse(
      msg(
        `The last layer gives ${shape.n} outputs, but the data has ${classes} classes: end the net with fc ${classes} (one score per class).`,
        `最后一层有 ${shape.n} 个输出，但数据有 ${classes} 个类别：请以 fc ${classes} 结尾（每类一个分数）。`,
      ),
    );
  }
  const model = new Sequential(modules);
  const input: ChainNet['input'] = first.kind === 'flat' ? { kind: 'flat', features: first.n } : { kind: 'image', channels: first.c, height: first.h, width: first.w };
  return { ok: true, net: { model, text: parts.join(' → '), parameters: model.parameters().reduce((s, p) => s + p.size, 0), activations, input } };
}
