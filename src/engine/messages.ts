/**
 * Every error the engine raises, by issue code, in English and Simplified
 * Chinese. Code throws `engineError(code, params)`; the REPL shows `.zh` under
 * --lang zh. One table instead of strings at each throw, so a message cannot be
 * added in one language only: a test renders every code in both.
 * (The size rule's refusals carry their own issue codes: size-messages.ts.)
 */
import { EngineError, fmtShape } from './errors.js';

import { ATTENTION_MESSAGES } from './messages-attention.js';
import { AUTOGRAD_MESSAGES } from './messages-autograd.js';
import { MEMORY_MESSAGES } from './messages-memory.js';
import { RECURRENT_MESSAGES } from './messages-recurrent.js';
import { type Lines, m, quoted, type Shape, s } from './message-kit.js';

/** A value that is not what was expected, as a message names it (never throws, even on a Symbol). */
function describeValue(v: unknown, lang: 'en' | 'zh'): string {
  const en = lang === 'en';
  if (v === undefined) return en ? 'nothing (undefined: a hole or a missing entry)' : '空值（undefined：空位或缺失的项）';
  if (v === null) return 'null';
  if (typeof v === 'string') {
    const text = JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v);
    return en ? `a string (${text})` : `字符串（${text}）`;
  }
  if (typeof v === 'bigint') return en ? 'a BigInt (convert it with Number(…))' : 'BigInt（请用 Number(…) 转换）';
  if (typeof v === 'boolean') return en ? `a boolean (${v})` : `布尔值（${v}）`;
  if (typeof v === 'symbol') return en ? 'a Symbol' : 'Symbol';
  if (typeof v === 'function') return en ? 'a function' : '函数';
  return en ? 'an object' : '对象';
}

/** 100 bytes, 1.50 KiB, 256.0 MiB: binary units, three significant digits. */
function fmtBytes(bytes: number, lang: 'en' | 'zh'): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  if (u === 0) return lang === 'en' ? `${v} bytes` : `${v} 字节`;
  return `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/** conv2d's stride, padding and dilation: the least each may be, and why. */
export type ConvSetting = 'stride' | 'padding' | 'dilation';
const CONV_SETTING_MIN: Record<ConvSetting, { en: string; zh: string }> = {
  stride: { en: 'the kernel must move at least 1 pixel per step, so the stride must be at least 1', zh: '卷积核每步至少移动 1 个像素，所以步幅（stride）至少为 1' },
  padding: { en: 'padding is the number of zero rows/columns added on each side, so it must be 0 or more', zh: '填充（padding）是每一边补零的行数/列数，所以必须大于或等于 0' },
  dilation: { en: 'dilation 1 means adjacent pixels (no gaps), so it must be at least 1', zh: '膨胀（dilation）为 1 表示相邻像素（没有间隔），所以至少为 1' },
};

/** What checkShape is checking, as its messages name it. */
export type ShapeNoun = 'tensor' | 'positional encoding table' | 'attention weights';
const NOUN_ZH: Record<ShapeNoun, string> = { tensor: '张量', 'positional encoding table': '位置编码表', 'attention weights': '注意力权重' };
/** The noun opening an English sentence: "attention weights" is plural, so it takes no "A". */
const NOUN_EN_OPENING: Record<ShapeNoun, string> = { tensor: 'A tensor', 'positional encoding table': 'A positional encoding table', 'attention weights': 'Attention weights' };

export type BadSize = 'not-a-number' | 'infinite' | 'fraction' | 'not-positive';
const BAD_SIZE: Record<BadSize, { en: string; zh: string }> = {
  'not-a-number': { en: 'is not a number', zh: '不是数字' },
  infinite: { en: 'is infinite', zh: '是无穷大' },
  fraction: { en: 'is not a whole number', zh: '不是整数' },
  'not-positive': { en: 'is not positive', zh: '不是正数' },
};

/** H or 4·H: the rows of a recurrent weight per hidden unit (LSTMs stack 4 gates). */
const gateWord = (gates: number): string => (gates === 1 ? 'H' : '4·H');
const seqHint = (rank: number, lang: 'en' | 'zh'): string =>
  rank === 1
    ? lang === 'en'
      ? ' (a single step? use a [1, in] sequence, or the cell op)'
      : '（只有一步？请用 [1, in] 的序列，或者用单元 op）'
    : rank === 3
      ? lang === 'en'
        ? ' (the engine runs one sequence at a time, without a batch dimension)'
        : '（引擎一次处理一个序列，没有批次维）'
      : '';
/** The matrices attention takes, and the layout its messages ask for. */
export type AttnOperand = 'q' | 'k' | 'v' | 'query' | 'key' | 'value';
const ATTN_LAYOUT: Record<AttnOperand, { en: string; zh: string }> = {
  q: { en: '[L, d] (one query per row)', zh: '[L, d]（每行一个查询）' },
  k: { en: '[S, d] (one key per row)', zh: '[S, d]（每行一个键）' },
  v: { en: '[S, dv] (one value per row)', zh: '[S, dv]（每行一个值）' },
  query: { en: '[L, E] (one embedding per position)', zh: '[L, E]（每个位置一个嵌入向量）' },
  key: { en: '[S, E]', zh: '[S, E]' },
  value: { en: '[S, E]', zh: '[S, E]' },
};
const listOr = (xs: readonly number[], or: string): string => (xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')}${or}${xs[xs.length - 1]}`);

export const ENGINE_MESSAGES = {
  ...AUTOGRAD_MESSAGES,
  ...RECURRENT_MESSAGES,
  ...MEMORY_MESSAGES,
  ...ATTENTION_MESSAGES,
  // --- attributes (attrs.ts, and the shape and pool ops' own readers) ---
  'attr-missing-int': m<{ name: string }>(
    (p) => `Missing attribute "${p.name}": give a whole number.`,
    (p) => `缺少属性 "${p.name}"：请给一个整数。`,
  ),
  'attr-not-int': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must be a whole number.`,
    (p) => `属性 ${p.name}=${p.shown} 必须是整数。`,
  ),
  'attr-too-small': m<{ name: string; n: number; min: number }>(
    (p) => `Attribute ${p.name}=${p.n} is too small: it must be at least ${p.min}.`,
    (p) => `属性 ${p.name}=${p.n} 太小了：至少应为 ${p.min}。`,
  ),
  'attr-too-large': m<{ name: string; n: number; max: number }>(
    (p) => `Attribute ${p.name}=${p.n} is too large: it must be at most ${p.max}.`,
    (p) => `属性 ${p.name}=${p.n} 太大了：最多为 ${p.max}。`,
  ),
  'attr-missing-size': m<{ name: string }>(
    (p) => `Missing attribute "${p.name}": give a whole number or a pair [h, w].`,
    (p) => `缺少属性 "${p.name}"：请给一个整数或一对整数 [h, w]。`,
  ),
  'attr-not-size': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must be a whole number or a pair [h, w].`,
    (p) => `属性 ${p.name}=${p.shown} 必须是一个整数或一对整数 [h, w]。`,
  ),
  'attr-not-ints': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must be whole numbers.`,
    (p) => `属性 ${p.name}=${p.shown} 必须都是整数。`,
  ),
  'attr-missing-number': m<{ name: string }>(
    (p) => `Missing attribute "${p.name}": give a number.`,
    (p) => `缺少属性 "${p.name}"：请给一个数。`,
  ),
  'attr-not-finite': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must be a finite number.`,
    (p) => `属性 ${p.name}=${p.shown} 必须是有限的数。`,
  ),
  'attr-below-min': m<{ name: string; v: number; min: number }>(
    (p) => `Attribute ${p.name}=${p.v} must be at least ${p.min}.`,
    (p) => `属性 ${p.name}=${p.v} 至少应为 ${p.min}。`,
  ),
  'attr-not-above': m<{ name: string; v: number; min: number }>(
    (p) => `Attribute ${p.name}=${p.v} must be greater than ${p.min}.`,
    (p) => `属性 ${p.name}=${p.v} 必须大于 ${p.min}。`,
  ),
  'attr-not-bool': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must be true or false.`,
    (p) => `属性 ${p.name}=${p.shown} 必须是 true 或 false。`,
  ),
  'attr-missing-choice': m<{ name: string; allowed: readonly string[] }>(
    (p) => `Missing attribute "${p.name}": one of ${quoted(p.allowed)}.`,
    (p) => `缺少属性 "${p.name}"：应为 ${quoted(p.allowed)} 之一。`,
  ),
  'attr-bad-choice': m<{ name: string; shown: string; allowed: readonly string[] }>(
    (p) => `Attribute ${p.name}=${p.shown} is not supported; use one of ${quoted(p.allowed)}.`,
    (p) => `不支持属性 ${p.name}=${p.shown}；请用 ${quoted(p.allowed)} 之一。`,
  ),
  'attr-not-int-list': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must be a list of whole numbers such as [8].`,
    (p) => `属性 ${p.name}=${p.shown} 必须是整数列表，例如 [8]。`,
  ),
  'attr-list-not-ints': m<{ name: string; shown: string }>(
    (p) => `Attribute ${p.name}=${p.shown} must hold whole numbers.`,
    (p) => `属性 ${p.name}=${p.shown} 只能包含整数。`,
  ),
  'attr-bad-pool': m<{ shown: string }>(
    (p) => `Attribute pool=${p.shown} is not supported; use "max", "avg" or "lp".`,
    (p) => `不支持属性 pool=${p.shown}；请用 "max"、"avg" 或 "lp"。`,
  ),

  // --- budgets (budget.ts) ---
  'budget-not-positive': m<{ which: 'element' | 'work'; shown: string }>(
    (p) => `The ${p.which} budget must be a positive whole number no larger than 2^53 − 1, got ${p.shown}.`,
    (p) => `${p.which === 'element' ? '元素预算' : '计算量预算'}必须是不超过 2^53 − 1 的正整数，现在是 ${p.shown}。`,
  ),
  'work-over-budget': m<{ op: string; shown: string; limit: string; smaller: { en: string; zh: string } }>(
    (p) =>
      `${p.op} would take about ${p.shown} units of work (≈ multiply-adds), over the work budget of ${p.limit} (a few seconds; setWorkBudget changes it). ` +
      `To make it smaller: ${p.smaller.en}.`,
    (p) =>
      `${p.op} 大约需要 ${p.shown} 个计算单位（约等于乘加次数），超过了计算量预算 ${p.limit}（几秒钟；可用 setWorkBudget 修改）。` +
      `要减小计算量：${p.smaller.zh}。`,
  ),
  'shape-not-list': m<{ what: ShapeNoun }>(
    (p) => `The shape of ${p.what === 'attention weights' ? 'the' : 'a'} ${p.what} must be a list of sizes such as [3, 32, 32].`,
    (p) => `${NOUN_ZH[p.what]}的形状必须是尺寸列表，例如 [3, 32, 32]。`,
  ),
  'shape-rank-too-high': m<{ what: ShapeNoun; shape: Shape; max: number }>(
    (p) => `${NOUN_EN_OPENING[p.what]} of shape ${fmtShape(p.shape)} has ${p.shape.length} dimensions; the engine supports at most ${p.max}.`,
    (p) => `形状为 ${fmtShape(p.shape)} 的${NOUN_ZH[p.what]}有 ${p.shape.length} 维；引擎最多支持 ${p.max} 维。`,
  ),
  'shape-bad-size': m<{ what: ShapeNoun; shape: Shape; dim: number; why: BadSize; shown: string }>(
    (p) =>
      `Dimension ${p.dim} of the ${p.what} shape ${fmtShape(p.shape)} ${BAD_SIZE[p.why].en} (${p.shown}); every size must be a whole number of at least 1.`,
    (p) => `${NOUN_ZH[p.what]}形状 ${fmtShape(p.shape)} 的第 ${p.dim} 维${BAD_SIZE[p.why].zh}（${p.shown}）；每个尺寸都必须是至少为 1 的整数。`,
  ),
  'shape-over-budget': m<{ what: ShapeNoun; shape: Shape; shown: string; bytes: number; limit: string; limitBytes: number }>(
    (p) =>
      `${NOUN_EN_OPENING[p.what]} of shape ${fmtShape(p.shape)} would hold ${p.shown} numbers (${fmtBytes(p.bytes, 'en')} as float32), ` +
      `over the limit of ${p.limit} numbers (${fmtBytes(p.limitBytes, 'en')}). Use smaller sizes.`,
    (p) =>
      `形状为 ${fmtShape(p.shape)} 的${NOUN_ZH[p.what]}需要 ${p.shown} 个数（float32 占 ${fmtBytes(p.bytes, 'zh')}），` +
      `超过了上限 ${p.limit} 个数（${fmtBytes(p.limitBytes, 'zh')}）。请用更小的尺寸。`,
  ),

  // --- tensors (tensor.ts) ---
  'tensor-empty-list': m(
    () => 'An empty list cannot be a tensor: every dimension needs at least one number.',
    () => '空列表不能作为张量：每一维至少要有一个数。',
  ),
  'tensor-too-deep': m<{ max: number }>(
    (p) => `The list is nested more than ${p.max} levels deep (or contains itself); a tensor has at most ${p.max} dimensions.`,
    (p) => `这个列表嵌套超过 ${p.max} 层（或包含它自己）；张量最多 ${p.max} 维。`,
  ),
  'tensor-ragged-depth': m<{ path: string }>(
    (p) => `Expected a number at ${p.path || 'the top'}, found a list: the rows have different depths.`,
    (p) => `${p.path || '顶层'} 处应为数字，却是一个列表：各行的嵌套深度不同。`,
  ),
  'tensor-not-number-at': m<{ path: string; value: unknown }>(
    (p) => `Expected a number at ${p.path || 'the top'}, found ${describeValue(p.value, 'en')}: a tensor holds numbers only.`,
    (p) => `${p.path || '顶层'} 处应为数字，却是 ${describeValue(p.value, 'zh')}：张量只能包含数字。`,
  ),
  'tensor-ragged-rows': m<{ path: string; n: number }>(
    (p) => `The rows are not all the same length: ${p.path || 'the top'} should have ${p.n} entries like the first one.`,
    (p) => `各行长度不一致：${p.path || '顶层'} 应像第一个一样有 ${p.n} 项。`,
  ),
  'tensor-index-parts': m<{ index: readonly number[]; shape: Shape }>(
    (p) => `Index [${p.index.join(', ')}] has ${p.index.length} parts; shape ${fmtShape(p.shape)} needs ${p.shape.length}.`,
    (p) => `索引 [${p.index.join(', ')}] 有 ${p.index.length} 个分量；形状 ${fmtShape(p.shape)} 需要 ${p.shape.length} 个。`,
  ),
  'tensor-index-range': m<{ index: number; dim: number; size: number }>(
    (p) => `Index ${p.index} is out of range for dimension ${p.dim} of size ${p.size}.`,
    (p) => `索引 ${p.index} 超出了第 ${p.dim} 维的范围（这一维的大小是 ${p.size}）。`,
  ),
  'tensor-size-mismatch': m<{ shape: Shape; size: number; given: number | null }>(
    (p) => `Shape ${fmtShape(p.shape)} needs ${p.size} numbers but ${p.given ?? 'no list of'} were given.`,
    (p) => `形状 ${fmtShape(p.shape)} 需要 ${p.size} 个数，但${p.given === null ? '没有给出数字列表' : `给了 ${p.given} 个`}。`,
  ),
  'tensor-out-of-memory': m<{ shape: Shape; size: number }>(
    (p) => `Could not allocate a tensor of shape ${fmtShape(p.shape)} (${p.size} numbers): not enough memory. Use smaller sizes.`,
    (p) => `无法为形状 ${fmtShape(p.shape)} 的张量（${p.size} 个数）分配内存：内存不足。请用更小的尺寸。`,
  ),
  'tensor-data-not-list': m<{ value: unknown }>(
    (p) => `The data of a tensor must be a list of numbers, got ${describeValue(p.value, 'en')}.`,
    (p) => `张量的数据必须是数字列表，现在是 ${describeValue(p.value, 'zh')}。`,
  ),
  'tensor-data-not-number': m<{ index: number; value: unknown }>(
    (p) => `The data of a tensor must be numbers, but entry ${p.index} is ${describeValue(p.value, 'en')}.`,
    (p) => `张量的数据必须是数字，但第 ${p.index} 项是 ${describeValue(p.value, 'zh')}。`,
  ),
  'tensor-wrong-shape': m<{ what: string; want: string; shape: Shape }>(
    (p) => `${p.what} should have shape [${p.want}] but has ${fmtShape(p.shape)}.`,
    (p) => `${p.what} 的形状应为 [${p.want}]，但现在是 ${fmtShape(p.shape)}。`,
  ),
  'tensor-wrong-rank': m<{ what: string; rank: number; layout: string; shape: Shape }>(
    (p) => `${p.what} should have ${p.rank} dimensions ${p.layout} but has shape ${fmtShape(p.shape)}.`,
    (p) => `${p.what} 应有 ${p.rank} 维 ${p.layout}，但它的形状是 ${fmtShape(p.shape)}。`,
  ),

  // --- the op registry (registry.ts) ---
  'op-registered-twice': m<{ name: string }>(
    (p) => `Op "${p.name}" is registered twice.`,
    (p) => `op "${p.name}" 被注册了两次。`,
  ),
  'op-name-not-string': m<{ type: string }>(
    (p) => `An op name must be a string such as "conv2d", got ${p.type}.`,
    (p) => `op 名称必须是字符串，例如 "conv2d"，现在是 ${p.type}。`,
  ),
  'op-unknown': m<{ name: string; close: readonly string[]; known: readonly string[] }>(
    (p) =>
      `Unknown op "${p.name}".` +
      (p.close.length ? ` Did you mean ${p.close.map((c) => `"${c}"`).join(' or ')}?` : '') +
      ` Known ops: ${p.known.join(', ')}.`,
    (p) =>
      `未知的 op "${p.name}"。` +
      (p.close.length ? `你是想用 ${p.close.map((c) => `"${c}"`).join(' 或 ')} 吗？` : '') +
      `已知的 op：${p.known.join(', ')}。`,
  ),
  'op-inputs-not-object': m<{ op: string; type: string }>(
    (p) => `The inputs of ${p.op} must be an object of tensors such as { input: x }, got ${p.type}.`,
    (p) => `${p.op} 的输入必须是张量对象，例如 { input: x }，现在是 ${p.type}。`,
  ),
  'op-attrs-not-object': m<{ op: string; type: string; list: boolean }>(
    (p) => `The attributes of ${p.op} must be an object such as { stride: 1 }, got ${p.list ? 'a list' : p.type}.`,
    (p) => `${p.op} 的属性必须是对象，例如 { stride: 1 }，现在是 ${p.list ? '列表' : p.type}。`,
  ),
  'op-input-not-tensor': m<{ op: string; input: string }>(
    (p) => `Input "${p.input}" of ${p.op} must be a Tensor.`,
    (p) => `${p.op} 的输入 "${p.input}" 必须是张量（Tensor）。`,
  ),
  'op-input-missing': m<{ op: string; input: string; takes: readonly { name: string; optional?: boolean }[] }>(
    (p) => `${p.op} needs an input named "${p.input}". It takes: ${p.takes.map((t) => t.name + (t.optional ? ' (optional)' : '')).join(', ')}.`,
    (p) => `${p.op} 需要名为 "${p.input}" 的输入。它接受：${p.takes.map((t) => t.name + (t.optional ? '（可选）' : '')).join(', ')}。`,
  ),
  'op-input-unknown': m<{ op: string; input: string; known: readonly string[] }>(
    (p) => `${p.op} has no input named "${p.input}". It takes: ${p.known.join(', ')}.`,
    (p) => `${p.op} 没有名为 "${p.input}" 的输入。它接受：${p.known.join(', ')}。`,
  ),
  'op-attr-unknown': m<{ op: string; attr: string; known: readonly string[] }>(
    (p) => `${p.op} has no attribute "${p.attr}".` + (p.known.length ? ` It understands: ${p.known.join(', ')}.` : ' It takes no attributes.'),
    (p) => `${p.op} 没有属性 "${p.attr}"。` + (p.known.length ? `它能理解的属性：${p.known.join(', ')}。` : '它不接受任何属性。'),
  ),
  'op-out-of-memory': m<{ op: string; detail: string }>(
    (p) => `${p.op} ran out of memory (${p.detail}). Use smaller tensors.`,
    (p) => `${p.op} 内存不足（${p.detail}）。请用更小的张量。`,
  ),

  // --- golden files (golden.ts) ---
  'golden-not-json': m<{ detail: string }>(
    (p) => `The file is not valid JSON: ${p.detail}`,
    (p) => `这个文件不是有效的 JSON：${p.detail}`,
  ),
  'golden-bad-format': m<{ found: string }>(
    (p) => `Not a golden file: expected "format": "nnlearn-golden/1", found ${p.found}.`,
    (p) => `不是 golden 文件：应有 "format": "nnlearn-golden/1"，实际是 ${p.found}。`,
  ),
  'golden-no-cases': m(
    () => 'The golden file has no "cases" list.',
    () => '这个 golden 文件没有 "cases" 列表。',
  ),
  'golden-not-tensor': m<{ input: string }>(
    (p) => `input "${p.input}" is not a tensor {"shape": [...], "data": [...]}.`,
    (p) => `输入 "${p.input}" 不是张量 {"shape": [...], "data": [...]}。`,
  ),

  // --- the matrix kernel (gemm.ts) ---
  'gemm-stride-small': m<{ operand: string; ld: number; cols: number }>(
    (p) => `gemm: ${p.operand} row stride ${p.ld} is smaller than its ${p.cols} columns.`,
    (p) => `gemm：${p.operand} 的行步长 ${p.ld} 小于它的列数 ${p.cols}。`,
  ),
  'gemm-buffer-short': m<{ operand: string; need: number; rows: number; cols: number; ld: number; offset: number; len: number }>(
    (p) => `gemm: ${p.operand} needs ${p.need} numbers (${p.rows}×${p.cols}, stride ${p.ld}, offset ${p.offset}) but its buffer has ${p.len}.`,
    (p) => `gemm：${p.operand} 需要 ${p.need} 个数（${p.rows}×${p.cols}，步长 ${p.ld}，偏移 ${p.offset}），但它的缓冲区只有 ${p.len} 个。`,
  ),
  'gemm-bad-count': m<{ name: string; v: number }>(
    (p) => `gemm: ${p.name}=${p.v} must be a whole number ≥ 0.`,
    (p) => `gemm：${p.name}=${p.v} 必须是 ≥ 0 的整数。`,
  ),

  // --- softmax (ops/softmax.ts) ---
  'softmax-dim-not-int': m<{ op: string; dim: number }>(
    (p) => `${p.op}: dim=${p.dim} must be a whole number such as -1 (the last dimension).`,
    (p) => `${p.op}：dim=${p.dim} 必须是整数，例如 -1（最后一维）。`,
  ),
  'softmax-dim-scalar': m<{ op: string; dim: number }>(
    (p) => `${p.op}: dim=${p.dim} is out of range for a single number (shape []); use dim=-1.`,
    (p) => `${p.op}：对单个数（形状 []）来说，dim=${p.dim} 超出了范围；请用 dim=-1。`,
  ),
  'softmax-dim-range': m<{ op: string; dim: number; shape: Shape }>(
    (p) =>
      `${p.op}: dim=${p.dim} is out of range for an input of shape ${fmtShape(p.shape)} with ${p.shape.length} dimension${s(p.shape.length)}; ` +
      `use a value from ${-p.shape.length} to ${p.shape.length - 1} (-1 is the last dimension).`,
    (p) =>
      `${p.op}：dim=${p.dim} 超出了形状为 ${fmtShape(p.shape)}（${p.shape.length} 维）的输入的范围；` +
      `请用 ${-p.shape.length} 到 ${p.shape.length - 1} 之间的值（-1 是最后一维）。`,
  ),
  'softmax-grad-mismatch': m<{ op: string; got: Shape; want: Shape }>(
    (p) => `${p.op}: grad_output has shape ${fmtShape(p.got)} but the output has shape ${fmtShape(p.want)}; they must match.`,
    (p) => `${p.op}：grad_output 的形状是 ${fmtShape(p.got)}，但输出的形状是 ${fmtShape(p.want)}；二者必须相同。`,
  ),

  // --- linear layers and matmul (ops/linear.ts) ---
  'linear-weight-rank': m<{ op: string; shape: Shape }>(
    (p) => `${p.op}: the weight should be a matrix [out_features, in_features] but has shape ${fmtShape(p.shape)}.`,
    (p) => `${p.op}：权重应为矩阵 [out_features, in_features]，但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'linear-input-scalar': m<{ op: string; inF: number }>(
    (p) => `${p.op}: the input should be a vector [${p.inF}] or rows [N, ${p.inF}], not a single number.`,
    (p) => `${p.op}：输入应为向量 [${p.inF}] 或多行 [N, ${p.inF}]，不能是单个数。`,
  ),
  'linear-features': m<{ op: string; last: number; inputShape: Shape; weightShape: Shape; inF: number; outF: number }>(
    (p) =>
      `${p.op}: the input has ${p.last} feature${s(p.last)} (last dimension of ${fmtShape(p.inputShape)}) but the weight ${fmtShape(p.weightShape)} ` +
      `expects ${p.inF} (its second dimension, in_features). The weight of a layer from ${p.inF} to ${p.outF} features has shape [${p.outF}, ${p.inF}].`,
    (p) =>
      `${p.op}：输入有 ${p.last} 个特征（${fmtShape(p.inputShape)} 的最后一维），但权重 ${fmtShape(p.weightShape)} 期望 ${p.inF} 个（它的第二维 in_features）。` +
      `从 ${p.inF} 个特征到 ${p.outF} 个特征的层，权重形状为 [${p.outF}, ${p.inF}]。`,
  ),
  'linear-bias': m<{ op: string; outF: number; shape: Shape }>(
    (p) => `${p.op}: the bias should hold one number per output feature, shape [${p.outF}], but it has shape ${fmtShape(p.shape)}.`,
    (p) => `${p.op}：偏置应为每个输出特征一个数，形状 [${p.outF}]，但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'linear-grad-mismatch': m<{ want: Shape; got: Shape }>(
    (p) => `linear_backward: grad_output should have the output's shape ${fmtShape(p.want)} but has shape ${fmtShape(p.got)}.`,
    (p) => `linear_backward：grad_output 应与输出的形状 ${fmtShape(p.want)} 相同，但它的形状是 ${fmtShape(p.got)}。`,
  ),
  'matmul-rank': m<{ which: 'first' | 'second'; shape: Shape }>(
    (p) =>
      `matmul multiplies two matrices (2 dimensions each); the ${p.which} operand has shape ${fmtShape(p.shape)} (${p.shape.length} dimension${s(p.shape.length)}).`,
    (p) => `matmul 只能相乘两个矩阵（各 2 维）；第${p.which === 'first' ? '一' : '二'}个操作数的形状是 ${fmtShape(p.shape)}（${p.shape.length} 维）。`,
  ),
  'matmul-inner': m<{ a: Shape; b: Shape }>(
    (p) => {
      const [M, K] = p.a;
      const [K2, N] = p.b;
      return (
        `matmul: the inner sizes do not match: ${fmtShape(p.a)} · ${fmtShape(p.b)}. ` +
        `The first matrix has ${K} column${s(K)} but the second has ${K2} row${s(K2)}; for A·B they must be equal (result [${M}, ${N}]).`
      );
    },
    (p) =>
      `matmul：内侧维度不匹配：${fmtShape(p.a)} · ${fmtShape(p.b)}。第一个矩阵有 ${p.a[1]} 列，第二个有 ${p.b[0]} 行；A·B 要求二者相等（结果为 [${p.a[0]}, ${p.b[1]}]）。`,
  ),

  // --- layer norm (ops/norm.ts) ---
  'ln-shape-empty': m<{ example: number }>(
    (p) => `layer_norm: normalized_shape must be a non-empty list of sizes, such as [${p.example}].`,
    (p) => `layer_norm：normalized_shape 必须是非空的尺寸列表，例如 [${p.example}]。`,
  ),
  'ln-shape-not-positive': m<{ ns: Shape }>(
    (p) => `layer_norm: normalized_shape ${fmtShape(p.ns)} must hold positive whole numbers.`,
    (p) => `layer_norm：normalized_shape ${fmtShape(p.ns)} 只能包含正整数。`,
  ),
  'ln-input-mismatch': m<{ ns: Shape; shape: Shape }>(
    (p) => {
      const k = p.ns.length;
      return (
        `layer_norm normalizes over the last ${k} dimension${s(k)} ${fmtShape(p.ns)}, ` +
        `but the input has shape ${fmtShape(p.shape)}: its last ${k === 1 ? 'size' : `${k} sizes`} must equal normalized_shape.`
      );
    },
    (p) =>
      `layer_norm 在最后 ${p.ns.length} 维 ${fmtShape(p.ns)} 上做归一化，但输入的形状是 ${fmtShape(p.shape)}：它最后 ${p.ns.length} 个尺寸必须等于 normalized_shape。`,
  ),
  'ln-param-mismatch': m<{ param: 'weight' | 'bias'; shape: Shape; ns: Shape }>(
    (p) =>
      `layer_norm: ${p.param} has shape ${fmtShape(p.shape)} but normalized_shape is ${fmtShape(p.ns)}: ` +
      `there is one ${p.param === 'weight' ? 'scale' : 'shift'} per normalized element, so the shapes must be equal.`,
    (p) =>
      `layer_norm：${p.param} 的形状是 ${fmtShape(p.shape)}，但 normalized_shape 是 ${fmtShape(p.ns)}：` +
      `每个被归一化的元素对应一个${p.param === 'weight' ? '缩放' : '平移'}，所以两个形状必须相同。`,
  ),
  'ln-bad-eps': m<{ eps: number }>(
    (p) => `layer_norm: eps=${p.eps} must be a small non-negative number such as 1e-5.`,
    (p) => `layer_norm：eps=${p.eps} 必须是一个很小的非负数，例如 1e-5。`,
  ),
  'ln-grad-mismatch': m<{ got: Shape; want: Shape }>(
    (p) => `layer_norm backward: grad_output has shape ${fmtShape(p.got)} but the input has shape ${fmtShape(p.want)}; they must match.`,
    (p) => `layer_norm 反向传播：grad_output 的形状是 ${fmtShape(p.got)}，但输入的形状是 ${fmtShape(p.want)}；二者必须相同。`,
  ),

  // --- gradient clipping (ops/clip.ts) ---
  'clip-bad-norm-type': m<{ shown: string }>(
    (p) => `clip_grad_norm: norm_type=${p.shown} is not supported; use 2 (the usual length), another positive number p, or "inf" (the largest |entry|).`,
    (p) => `clip_grad_norm：不支持 norm_type=${p.shown}；请用 2（通常的长度）、另一个正数 p，或 "inf"（最大的 |元素|）。`,
  ),
  'clip-bad-norm-attr': m<{ shown: string }>(
    (p) => `clip_grad_norm: norm_type=${p.shown} is not supported; use 2 (the usual length), another positive number p, or "inf".`,
    (p) => `clip_grad_norm：不支持 norm_type=${p.shown}；请用 2（通常的长度）、另一个正数 p，或 "inf"。`,
  ),
  'clip-bad-max-norm': m<{ shown: string }>(
    (p) => `clip_grad_norm: max_norm=${p.shown} must be a non-negative number, the largest norm the gradients may have.`,
    (p) => `clip_grad_norm：max_norm=${p.shown} 必须是非负数，即梯度允许的最大范数。`,
  ),
  'clip-bad-grad-name': m<{ name: string }>(
    (p) => `clip_grad_norm takes gradients named g0, g1, g2, …; "${p.name}" is not one of them.`,
    (p) => `clip_grad_norm 接受名为 g0、g1、g2 …… 的梯度；"${p.name}" 不在其中。`,
  ),

  // --- pooling (ops/pool.ts) ---
  'pool-not-tensor': m<{ op: string }>(
    (p) => `${p.op} needs a Tensor input.`,
    (p) => `${p.op} 的输入必须是张量（Tensor）。`,
  ),
  'pool-input-rank': m<{ op: string; shape: Shape }>(
    (p) => `${p.op} needs an input of shape [C, H, W] or [N, C, H, W], but got ${fmtShape(p.shape)}.`,
    (p) => `${p.op} 需要形状为 [C, H, W] 或 [N, C, H, W] 的输入，但现在是 ${fmtShape(p.shape)}。`,
  ),
  'pool-grad-not-tensor': m<{ op: string }>(
    (p) => `${p.op} needs a Tensor grad_output.`,
    (p) => `${p.op} 的 grad_output 必须是张量（Tensor）。`,
  ),
  'pool-grad-mismatch': m<{ op: string; want: Shape; got: Shape }>(
    (p) => `${p.op}: grad_output should have the output's shape ${fmtShape(p.want)} but has ${fmtShape(p.got)}.`,
    (p) => `${p.op}：grad_output 应与输出的形状 ${fmtShape(p.want)} 相同，但现在是 ${fmtShape(p.got)}。`,
  ),
  'pool-indices-count': m<{ indices: number; outputs: number }>(
    (p) => `max_pool2d_backward: ${p.indices} indices were given for ${p.outputs} output elements.`,
    (p) => `max_pool2d_backward：给了 ${p.indices} 个索引，但输出有 ${p.outputs} 个元素。`,
  ),
  'lp-bad-norm': m<{ shown: string }>(
    (p) => `lp_pool2d: norm_type must be a finite number greater than 0, got ${p.shown}.`,
    (p) => `lp_pool2d：norm_type 必须是大于 0 的有限数，现在是 ${p.shown}。`,
  ),

  // --- positional encoding (ops/posenc.ts) ---
  'posenc-bad-size': m<{ name: string; shown: string }>(
    (p) => `positional_encoding: ${p.name}=${p.shown} must be a whole number of at least 1.`,
    (p) => `positional_encoding：${p.name}=${p.shown} 必须是至少为 1 的整数。`,
  ),

  // --- attention (ops/attention.ts) ---
  'attn-not-tensor': m<{ op: string; name: AttnOperand }>(
    (p) => `${p.op} needs "${p.name}" as a tensor ${ATTN_LAYOUT[p.name].en}.`,
    (p) => `${p.op} 需要 "${p.name}" 是张量 ${ATTN_LAYOUT[p.name].zh}。`,
  ),
  'attn-not-matrix': m<{ op: string; name: AttnOperand; shape: Shape }>(
    (p) =>
      `${p.op}: ${p.name} should be a matrix ${ATTN_LAYOUT[p.name].en} but has shape ${fmtShape(p.shape)}` +
      `${p.shape.length === 3 ? ' (the engine works on one sequence at a time, without a batch dimension)' : ''}.`,
    (p) =>
      `${p.op}：${p.name} 应为矩阵 ${ATTN_LAYOUT[p.name].zh}，但它的形状是 ${fmtShape(p.shape)}` +
      `${p.shape.length === 3 ? '（引擎一次处理一个序列，没有批次维）' : ''}。`,
  ),
  'attn-qk-size': m<{ op: string; q: Shape; k: Shape }>(
    (p) =>
      `${p.op}: q has ${p.q[1]} numbers per query but k has ${p.k[1]} per key (q ${fmtShape(p.q)}, k ${fmtShape(p.k)}): q·kᵀ needs the same size d.`,
    (p) => `${p.op}：q 每个查询有 ${p.q[1]} 个数，但 k 每个键有 ${p.k[1]} 个（q ${fmtShape(p.q)}，k ${fmtShape(p.k)}）：q·kᵀ 要求二者的大小 d 相同。`,
  ),
  'attn-kv-count': m<{ op: string; keys: Shape; values: Shape }>(
    (p) =>
      `${p.op}: k has ${p.keys[0]} keys but v has ${p.values[0]} values (k ${fmtShape(p.keys)}, v ${fmtShape(p.values)}): every key needs one value.`,
    (p) => `${p.op}：k 有 ${p.keys[0]} 个键，但 v 有 ${p.values[0]} 个值（k ${fmtShape(p.keys)}，v ${fmtShape(p.values)}）：每个键都需要一个值。`,
  ),
  'mha-embed-mismatch': m<{ op: string; embedDim: number; query: Shape }>(
    (p) =>
      `${p.op}: embed_dim=${p.embedDim} but the query has ${p.query[1]} numbers per position (shape ${fmtShape(p.query)}); they must agree.`,
    (p) => `${p.op}：embed_dim=${p.embedDim}，但查询（query）每个位置有 ${p.query[1]} 个数（形状 ${fmtShape(p.query)}）；二者必须一致。`,
  ),
  'mha-kv-width': m<{ op: string; name: 'key' | 'value'; shape: Shape; query: Shape }>(
    (p) => {
      const E = p.query[1];
      return `${p.op}: ${p.name} has ${p.shape[1]} numbers per position but the query has ${E} (query ${fmtShape(p.query)}, ${p.name} ${fmtShape(p.shape)}): all must be embed_dim = ${E}.`;
    },
    (p) =>
      `${p.op}：${p.name} 每个位置有 ${p.shape[1]} 个数，但查询（query）有 ${p.query[1]} 个（query ${fmtShape(p.query)}，${p.name} ${fmtShape(p.shape)}）：都必须是 embed_dim = ${p.query[1]}。`,
  ),
  'mha-kv-count': m<{ op: string; keys: Shape; values: Shape }>(
    (p) =>
      `${p.op}: key has ${p.keys[0]} positions but value has ${p.values[0]} (key ${fmtShape(p.keys)}, value ${fmtShape(p.values)}): every key needs one value.`,
    (p) =>
      `${p.op}：key 有 ${p.keys[0]} 个位置，但 value 有 ${p.values[0]} 个（key ${fmtShape(p.keys)}，value ${fmtShape(p.values)}）：每个键都需要一个值。`,
  ),
  'mha-bad-heads': m<{ op: string; shown: string }>(
    (p) => `${p.op}: num_heads=${p.shown} must be a whole number of at least 1.`,
    (p) => `${p.op}：num_heads=${p.shown} 必须是至少为 1 的整数。`,
  ),
  'mha-heads-divide': m<{ op: string; E: number; h: number; divisors: readonly number[] }>(
    (p) =>
      `${p.op}: embed_dim ${p.E} cannot be split into ${p.h} heads: num_heads must divide embed_dim evenly ` +
      `(${p.E} / ${p.h} = ${(p.E / p.h).toFixed(2)}). Try num_heads = ${listOr(p.divisors, ' or ')}.`,
    (p) =>
      `${p.op}：embed_dim ${p.E} 不能分成 ${p.h} 个头：num_heads 必须整除 embed_dim` +
      `（${p.E} / ${p.h} = ${(p.E / p.h).toFixed(2)}）。试试 num_heads = ${listOr(p.divisors, ' 或 ')}。`,
  ),
  'mha-in-proj': m<{ op: string; shown: string; E: number }>(
    (p) =>
      `${p.op}: in_proj_weight has shape ${p.shown} but must be [3·E, E] = [${3 * p.E}, ${p.E}]: ` +
      `rows 0–${p.E - 1} make Q, ${p.E}–${2 * p.E - 1} make K, ${2 * p.E}–${3 * p.E - 1} make V.`,
    (p) =>
      `${p.op}：in_proj_weight 的形状是 ${p.shown}，但必须是 [3·E, E] = [${3 * p.E}, ${p.E}]：` +
      `第 0–${p.E - 1} 行生成 Q，第 ${p.E}–${2 * p.E - 1} 行生成 K，第 ${2 * p.E}–${3 * p.E - 1} 行生成 V。`,
  ),
  'mha-in-bias': m<{ op: string; shape: Shape; E: number }>(
    (p) => `${p.op}: in_proj_bias has shape ${fmtShape(p.shape)} but must be [3·E] = [${3 * p.E}], one bias per row of in_proj_weight.`,
    (p) => `${p.op}：in_proj_bias 的形状是 ${fmtShape(p.shape)}，但必须是 [3·E] = [${3 * p.E}]，in_proj_weight 的每一行对应一个偏置。`,
  ),
  'mha-out-proj': m<{ op: string; shown: string; E: number }>(
    (p) => `${p.op}: out_proj_weight has shape ${p.shown} but must be [E, E] = [${p.E}, ${p.E}].`,
    (p) => `${p.op}：out_proj_weight 的形状是 ${p.shown}，但必须是 [E, E] = [${p.E}, ${p.E}]。`,
  ),
  'mha-out-bias': m<{ op: string; shape: Shape; E: number }>(
    (p) => `${p.op}: out_proj_bias has shape ${fmtShape(p.shape)} but must be [E] = [${p.E}].`,
    (p) => `${p.op}：out_proj_bias 的形状是 ${fmtShape(p.shape)}，但必须是 [E] = [${p.E}]。`,
  ),

  // --- recurrent layers (ops/recurrent.ts) ---
  'rnn-weights-not-tensors': m<{ op: string }>(
    (p) => `${p.op} needs the weights weight_ih and weight_hh as tensors.`,
    (p) => `${p.op} 需要张量形式的权重 weight_ih 和 weight_hh。`,
  ),
  'rnn-wih-rank': m<{ op: string; gates: number; shape: Shape }>(
    (p) => `${p.op}: weight_ih should be a matrix [${gateWord(p.gates)}, in] but has shape ${fmtShape(p.shape)}.`,
    (p) => `${p.op}：weight_ih 应为矩阵 [${gateWord(p.gates)}, in]，但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'rnn-whh-rank': m<{ op: string; gates: number; shape: Shape }>(
    (p) => `${p.op}: weight_hh should be a matrix [${gateWord(p.gates)}, H] but has shape ${fmtShape(p.shape)}.`,
    (p) => `${p.op}：weight_hh 应为矩阵 [${gateWord(p.gates)}, H]，但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'rnn-whh-square': m<{ op: string; shape: Shape }>(
    (p) => `${p.op}: weight_hh is ${fmtShape(p.shape)} but must be square [H, H]: it maps the previous hidden state (H numbers) to H new ones.`,
    (p) => `${p.op}：weight_hh 是 ${fmtShape(p.shape)}，但必须是方阵 [H, H]：它把上一步的隐藏状态（H 个数）映射成 H 个新数。`,
  ),
  'lstm-whh-rows': m<{ op: string; shape: Shape }>(
    (p) => {
      const H = p.shape[1];
      return `${p.op}: weight_hh is ${fmtShape(p.shape)} but an LSTM stacks 4 gates (i, f, g, o), so it must be [4·H, H] = [${4 * H}, ${H}] for hidden size H = ${H}.`;
    },
    (p) =>
      `${p.op}：weight_hh 是 ${fmtShape(p.shape)}，但 LSTM 把 4 个门（i、f、g、o）叠在一起，所以当隐藏大小 H = ${p.shape[1]} 时，它必须是 [4·H, H] = [${4 * p.shape[1]}, ${p.shape[1]}]。`,
  ),
  'rnn-wih-rows': m<{ op: string; gates: number; rowsGiven: number; whh: Shape }>(
    (p) => {
      const H = p.whh[1];
      return (
        `${p.op}: weight_ih has ${p.rowsGiven} rows but weight_hh is ${fmtShape(p.whh)}, so the hidden size is H = ${H} ` +
        `and weight_ih needs ${gateWord(p.gates)} = ${p.gates * H} rows.`
      );
    },
    (p) =>
      `${p.op}：weight_ih 有 ${p.rowsGiven} 行，但 weight_hh 是 ${fmtShape(p.whh)}，所以隐藏大小 H = ${p.whh[1]}，` +
      `weight_ih 需要 ${gateWord(p.gates)} = ${p.gates * p.whh[1]} 行。`,
  ),
  'rnn-bias-size': m<{ op: string; name: string; weight: string; shape: Shape; gates: number; H: number }>(
    (p) =>
      `${p.op}: ${p.name} has shape ${fmtShape(p.shape)} but needs ${p.gates * p.H} numbers, one per row of ${p.weight} (${gateWord(p.gates)} with H = ${p.H}).`,
    (p) =>
      `${p.op}：${p.name} 的形状是 ${fmtShape(p.shape)}，但需要 ${p.gates * p.H} 个数，${p.weight} 的每一行一个（H = ${p.H} 时为 ${gateWord(p.gates)}）。`,
  ),
  'rnn-state-size': m<{ op: string; name: string; last: number; perRow: boolean; whh: Shape; H: number }>(
    (p) => `${p.op}: ${p.name} has ${p.last} numbers${p.perRow ? ' per row' : ''} but weight_hh is ${fmtShape(p.whh)}: the hidden size H = ${p.H} must match.`,
    (p) => `${p.op}：${p.name} ${p.perRow ? '每行' : ''}有 ${p.last} 个数，但 weight_hh 是 ${fmtShape(p.whh)}：隐藏大小 H = ${p.H} 必须一致。`,
  ),
  'rnn-state-shape': m<{ op: string; name: string; want: Shape; got: Shape }>(
    (p) => `${p.op}: ${p.name} should have shape ${fmtShape(p.want)} but has shape ${fmtShape(p.got)}.`,
    (p) => `${p.op}：${p.name} 的形状应为 ${fmtShape(p.want)}，但现在是 ${fmtShape(p.got)}。`,
  ),
  'rnn-cell-input-rank': m<{ op: string; shape: Shape }>(
    (p) => `${p.op}: input should be one vector [in] or a batch [N, in] but has shape ${fmtShape(p.shape)}.`,
    (p) => `${p.op}：输入应为一个向量 [in] 或一批向量 [N, in]，但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'rnn-cell-input-size': m<{ op: string; len: number; perRow: boolean; wih: Shape }>(
    (p) =>
      `${p.op}: input has ${p.len} numbers${p.perRow ? ' per row' : ''} but weight_ih is ${fmtShape(p.wih)}: the input size (its second size, ${p.wih[1]}) must match.`,
    (p) => `${p.op}：输入${p.perRow ? '每行' : ''}有 ${p.len} 个数，但 weight_ih 是 ${fmtShape(p.wih)}：输入大小（它的第二个尺寸 ${p.wih[1]}）必须一致。`,
  ),
  'rnn-seq-rank': m<{ op: string; shape: Shape }>(
    (p) => `${p.op}: input should be a sequence [T, in] but has shape ${fmtShape(p.shape)}${seqHint(p.shape.length, 'en')}.`,
    (p) => `${p.op}：输入应为序列 [T, in]，但它的形状是 ${fmtShape(p.shape)}${seqHint(p.shape.length, 'zh')}。`,
  ),
  'rnn-seq-input-size': m<{ op: string; len: number; wih: Shape }>(
    (p) =>
      `${p.op}: each step of the input has ${p.len} numbers but weight_ih is ${fmtShape(p.wih)}: the input size (its second size, ${p.wih[1]}) must match.`,
    (p) => `${p.op}：输入的每一步有 ${p.len} 个数，但 weight_ih 是 ${fmtShape(p.wih)}：输入大小（它的第二个尺寸 ${p.wih[1]}）必须一致。`,
  ),
  'lstm-layers': m<{ layers: number }>(
    (p) => `lstm: num_layers=${p.layers} is not supported; the engine runs one layer. Stack layers by feeding one lstm's output into the next.`,
    (p) => `lstm：不支持 num_layers=${p.layers}；引擎只运行一层。要叠加多层，请把一个 lstm 的输出作为下一个 lstm 的输入。`,
  ),
  'bptt-steps': m<{ T: number; shape: Shape }>(
    (p) => `rnn_bptt_grad_norms: T=${p.T} but the input has ${p.shape[0]} steps (shape ${fmtShape(p.shape)}); they must agree.`,
    (p) => `rnn_bptt_grad_norms：T=${p.T}，但输入有 ${p.shape[0]} 步（形状 ${fmtShape(p.shape)}）；二者必须一致。`,
  ),
  // conv2d: its settings and shapes (the output size itself is size-rule.ts's).
  'conv-pair-not-understood': m<{ name: string; shown: string }>(
    (p) => `conv2d: ${p.name}=${p.shown} is not understood; give one whole number (the same for height and width) or a pair [height, width].`,
    (p) => `conv2d：无法理解 ${p.name}=${p.shown}；请给一个整数（高和宽相同）或一对整数 [高, 宽]。`,
  ),
  'conv-pair-not-whole': m<{ name: string; shown: string; part: string }>(
    (p) => `conv2d: ${p.name}=${p.shown} must be a whole number of pixels (or a pair [height, width] of them), not ${p.part}.`,
    (p) => `conv2d：${p.name}=${p.shown} 必须是整数个像素（或一对整数 [高, 宽]），不能是 ${p.part}。`,
  ),
  'conv-pair-too-small': m<{ setting: ConvSetting; shown: string }>(
    (p) => `conv2d: ${p.setting}=${p.shown} is not allowed: ${CONV_SETTING_MIN[p.setting].en}.`,
    (p) => `conv2d：不允许 ${p.setting}=${p.shown}：${CONV_SETTING_MIN[p.setting].zh}。`,
  ),
  'conv-input-rank': m<{ shape: Shape }>(
    (p) =>
      `conv2d: the input should be an image [C, H, W] (channels, height, width) or a batch [N, C, H, W], but it has shape ${fmtShape(p.shape)} (${p.shape.length} dimension${s(p.shape.length)}).`,
    (p) => `conv2d：输入应为一张图像 [C, H, W]（通道、高、宽）或一批图像 [N, C, H, W]，但它的形状是 ${fmtShape(p.shape)}（${p.shape.length} 维）。`,
  ),
  'conv-weight-rank': m<{ shape: Shape }>(
    (p) => `conv2d: the weight should have 4 dimensions [K, C, FH, FW] (filters, input channels, kernel height, kernel width), but it has shape ${fmtShape(p.shape)}.`,
    (p) => `conv2d：权重应有 4 维 [K, C, FH, FW]（滤波器数、输入通道数、卷积核高、卷积核宽），但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'conv-channels': m<{ C: number; WC: number; inputShape: Shape; weightShape: Shape }>(
    (p) =>
      `conv2d: the input has ${p.C} channel${s(p.C)} (shape ${fmtShape(p.inputShape)}) but the weight ${fmtShape(p.weightShape)} expects ${p.WC}: ` +
      `every filter spans all input channels, so weight dimension 1 must equal the input's channel count.`,
    (p) =>
      `conv2d：输入有 ${p.C} 个通道（形状 ${fmtShape(p.inputShape)}），但权重 ${fmtShape(p.weightShape)} 期望 ${p.WC} 个：` +
      `每个滤波器覆盖全部输入通道，所以权重的第 1 维必须等于输入的通道数。`,
  ),
  'conv-bias-shape': m<{ K: number; shape: Shape }>(
    (p) => `conv2d: the bias should hold one number per filter, shape [${p.K}], but it has shape ${fmtShape(p.shape)}.`,
    (p) => `conv2d：偏置应为每个滤波器一个数，形状 [${p.K}]，但它的形状是 ${fmtShape(p.shape)}。`,
  ),
  'conv-same-stride': m<{ stride: string }>(
    (p) => `conv2d: padding="same" only works with stride 1 (got stride ${p.stride}): with a larger stride the output is smaller than the input whatever the padding.`,
    (p) => `conv2d：padding="same" 只适用于步幅 1（现在是 ${p.stride}）：步幅更大时，无论怎样填充，输出都比输入小。`,
  ),
  'conv-padding-word': m<{ shown: string }>(
    (p) => `conv2d: padding=${p.shown} is not understood; give a whole number, a pair [height, width], "valid" or "same".`,
    (p) => `conv2d：无法理解 padding=${p.shown}；请给一个整数、一对整数 [高, 宽]、"valid" 或 "same"。`,
  ),
  'conv-kernel-too-big': m<{ dim: 'height' | 'width'; n: number; padded: number; padText: string; f: number; d: number; span: number; pTotal: number; s: number; output: number }>(
    (p) =>
      `conv2d: the kernel does not fit in the ${p.dim}: the input ${p.dim} is ${p.n}, ${p.padded} with padding (${p.n} + ${p.padText}), ` +
      `but a kernel of ${p.dim} ${p.f} with dilation ${p.d} spans ${p.d}×(${p.f}−1)+1 = ${p.span} pixels. ` +
      `Output ${p.dim} would be floor((${p.n} + ${p.pTotal} − ${p.span})/${p.s}) + 1 = ${p.output}, less than 1. ` +
      `Use more padding, a smaller kernel or dilation, or a larger input.`,
    (p) => {
      const dz = p.dim === 'height' ? '高度' : '宽度';
      return (
        `conv2d：卷积核在${dz}方向放不下：输入${dz}为 ${p.n}，加上填充后为 ${p.padded}（${p.n} + ${p.padText}），` +
        `但${dz}为 ${p.f}、膨胀为 ${p.d} 的卷积核跨越 ${p.d}×(${p.f}−1)+1 = ${p.span} 个像素。` +
        `输出${dz}将是 floor((${p.n} + ${p.pTotal} − ${p.span})/${p.s}) + 1 = ${p.output}，小于 1。请增加填充、减小卷积核或膨胀，或使用更大的输入。`
      );
    },
  ),
  'conv-grad-output-shape': m<{ want: Shape; got: Shape }>(
    (p) => `conv2d_backward: grad_output should have the output's shape ${fmtShape(p.want)} but has shape ${fmtShape(p.got)}.`,
    (p) => `conv2d_backward：grad_output 应与输出的形状 ${fmtShape(p.want)} 相同，但它的形状是 ${fmtShape(p.got)}。`,
  ),
} as const;

export type EngineErrorCode = keyof typeof ENGINE_MESSAGES;
export type EngineErrorParams<C extends EngineErrorCode> = Parameters<(typeof ENGINE_MESSAGES)[C]['en']>[0];

/** The message of `code` in both languages. */
export function engineText<C extends EngineErrorCode>(code: C, params: EngineErrorParams<C>): { en: string; zh: string } {
  const lines = ENGINE_MESSAGES[code] as Lines<EngineErrorParams<C>>;
  return { en: lines.en(params), zh: lines.zh(params) };
}

/** The EngineError for `code`, carrying its English message, its Chinese one and the code. */
export function engineError<C extends EngineErrorCode>(code: C, params: EngineErrorParams<C>): EngineError {
  const t = engineText(code, params);
  return new EngineError(t.en, t.zh, code);
}
