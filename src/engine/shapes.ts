/**
 * Shape rules with worked explanations: what the REPL (`conv 32x32x3 F=5 S=1 P=2 K=16`)
 * and the lessons print. Every function returns a structured, language-neutral
 * result (numbers, formulas, index lists) plus messages in English and
 * Simplified Chinese ({ en, zh }); invalid configurations come back as data in
 * `errors`, and the `…OrThrow` variants raise a ShapeRuleError (an EngineError)
 * for runOp and the pooling ops.
 *
 * Letters are the notes': W₁×H₁×D₁ in, W₂×H₂×D₂ out, F filter/window size,
 * S stride, P padding, D dilation, K number of filters, D_in input depth.
 * Sizes follow PyTorch exactly (FORMAT.md):
 *   conv   o = ⌊(n + 2P − d·(F−1) − 1)/S⌋ + 1 (d: dilation), error if n + 2P < d·(F−1) + 1
 *   pool   o = ⌊(n + 2P − F)/S⌋ + 1 (⌈⌉ in ceil mode, dropping a last window that would
 *          start in the right/bottom padding), error if P > ⌊F/2⌋ or o < 1.
 * Volumes are written as the notes write them, width×height×depth ("32×32×3"),
 * and as [C, H, W] where PyTorch's layout is meant.
 */
import { showAttr } from './attrs.js';
import { EngineError } from './errors.js';
import { groupDigits } from './format.js';

/** One message in both languages (structurally the same as the UI's Msg). */
export interface LocalizedText {
  en: string;
  zh: string;
}

/** A spatial size: one number for both directions, or [height, width] (PyTorch accepts both). */
export type Size2 = number | readonly [number, number];
export type SpatialAxis = 'height' | 'width';
export type Rounding = 'exact' | 'floor' | 'ceil';
export type PoolKind = 'max' | 'avg' | 'lp';

/** Largest size, channel count, kernel, stride, padding or dilation the rules accept. */
export const MAX_SHAPE_VALUE = 1 << 20;

export type ShapeIssueCode =
  // invalid numbers
  | 'missing'
  | 'not-a-number'
  | 'infinite'
  | 'not-whole-number'
  | 'too-small'
  | 'too-large'
  | 'bad-pair'
  | 'bad-pool'
  // invalid geometry
  | 'kernel-too-large'
  | 'padding-too-large'
  | 'output-too-small'
  | 'lp-padding'
  // warnings
  | 'fractional-output'
  | 'skipped-cells'
  | 'padding-only-window'
  | 'huge-count'
  // notes
  | 'ceil-rounded-up'
  | 'ceil-dropped-window'
  | 'overlapping'
  | 'same-padding';

export interface ShapeIssue {
  code: ShapeIssueCode;
  /** The spatial axis concerned, when there is one; 'both' when height and width have the same numbers. */
  axis?: SpatialAxis | 'both';
  /** The option concerned (inC, inH, inW, outChannels, kernel, stride, padding, dilation, pool). */
  param?: string;
  message: LocalizedText;
}

/** The size rule worked out for one spatial axis. */
export interface AxisRule {
  axis: SpatialAxis;
  /** n (H₁ or W₁), F, S, P, D of this axis. */
  input: number;
  kernel: number;
  stride: number;
  padding: number;
  dilation: number;
  /** Cells one window spans: d·(F−1) + 1 (= F without dilation). */
  span: number;
  /** n + 2P */
  paddedInput: number;
  /** In the notes' letters, e.g. "(W − F + 2P)/S + 1" or "(W₁ − F)/S + 1". */
  formula: string;
  /** The same with the student's numbers, e.g. "(32 − 5 + 2·2)/1 + 1". */
  substituted: string;
  /** The whole computation, e.g. "(7 − 2)/2 + 1 = 5/2 + 1 = 3.5 → ⌊3.5⌋ = 3". */
  worked: string;
  /** The formula's exact value before rounding (13.5, 3.333…). */
  exact: number;
  /** `exact` printed: "13.5", "3.333…". */
  exactText: string;
  /** exact: a whole number; floor: PyTorch's default rounding; ceil: ceil_mode rounded up. */
  rounding: Rounding;
  /** The output size (below 1 only in an error case). */
  output: number;
  /** ceil mode: the last window would have started in the right/bottom padding, so PyTorch dropped it. */
  droppedLastWindow: boolean;
  /** The last window as [start, end) in unpadded input coordinates (start may be negative), or null if none fits. */
  lastWindow: { start: number; end: number } | null;
  /** Cells the last window reaches past the padded input (ceil mode only; 0 otherwise). */
  overhang: number;
  /** Every input index (0-based, unpadded) that no window reads, ascending. */
  unvisited: number[];
  /** The trailing run of `unvisited` (the last rows/columns), or null. */
  unvisitedAtEnd: { from: number; to: number; count: number } | null;
  /** One paragraph: the worked formula, the rounding and the coverage. */
  explanation: LocalizedText;
}

export interface DepthRule {
  input: number;
  output: number;
  /** "D₂ = K" (conv) or "D₂ = D₁" (pool). */
  formula: string;
  substituted: string;
  explanation: LocalizedText;
}

interface ExplanationBase {
  ok: boolean;
  /** The output as PyTorch prints it, [C, H, W]; null when the configuration is invalid. */
  outShape: [number, number, number] | null;
  /** "32×32×3" (width×height×depth, the notes' W×H×D) when the input numbers are valid. */
  inputText: string | null;
  outputText: string | null;
  height: AxisRule | null;
  width: AxisRule | null;
  depth: DepthRule | null;
  /** The height and width paragraphs to print (one paragraph when both axes have the same numbers). */
  spatial: LocalizedText[];
  errors: ShapeIssue[];
  warnings: ShapeIssue[];
  notes: ShapeIssue[];
  /** One line: the output volume, or why the configuration is refused. */
  summary: LocalizedText;
}

export interface ConvShapeOptions {
  inC: number;
  inH: number;
  inW: number;
  /** K, the number of filters. */
  outChannels: number;
  kernel: Size2;
  /** Default 1. */
  stride?: Size2 | null;
  /** Default 0. */
  padding?: Size2 | null;
  /** Default 1. */
  dilation?: Size2 | null;
}

export interface ConvParams {
  /** F_h·F_w·D_in */
  weightsPerFilter: number;
  biasPerFilter: 1;
  perFilter: number;
  filters: number;
  total: number;
  formula: string;
  /** "16·(5·5·3 + 1) = 16·76 = 1,216" */
  worked: string;
  explanation: LocalizedText;
}

export interface ReceptiveField {
  /** Input cells one output neuron depends on: span × span × D_in. */
  height: number;
  width: number;
  depth: number;
  /** Weights actually read (F_h × F_w × D_in; fewer than the span with dilation). */
  taps: number;
  text: string;
  explanation: LocalizedText;
}

export interface FullyConnectedComparison {
  inputs: number;
  outputs: number;
  weights: number;
  biases: number;
  total: number;
  /** total / conv parameters */
  ratio: number;
  explanation: LocalizedText;
}

export interface ConvShapeExplanation extends ExplanationBase {
  kind: 'conv';
  params: ConvParams | null;
  receptiveField: ReceptiveField | null;
  fullyConnected: FullyConnectedComparison | null;
  /** Multiply-adds of one forward pass: H₂·W₂·K·F·F·D_in. */
  multiplyAdds: number | null;
}

export interface PoolShapeOptions {
  /** Default "max". Max and average pooling share the size rule; "lp" has no padding. */
  pool?: PoolKind;
  inC: number;
  inH: number;
  inW: number;
  kernel: Size2;
  /** Absent or null: the window size (PyTorch's default). */
  stride?: Size2 | null;
  /** Default 0. */
  padding?: Size2 | null;
  /** Default false. */
  ceilMode?: boolean;
}

export interface PoolShapeExplanation extends ExplanationBase {
  kind: 'pool';
  pool: PoolKind;
  ceilMode: boolean;
  /** F > S along some axis: neighbouring windows share cells (“overlapping pooling”, F=3 S=2). */
  overlapping: boolean;
  /** Pooling learns nothing. */
  params: 0;
}

/** Thrown by the …OrThrow variants; `issues` carries the bilingual messages. */
export class ShapeRuleError extends EngineError {
  readonly issues: readonly ShapeIssue[];
  constructor(issues: readonly ShapeIssue[]) {
    super(
      issues.map((i) => i.message.en).join(' '),
      issues.map((i) => i.message.zh).join(''),
    );
    this.issues = issues;
  }
  /** The messages in the given language. */
  text(lang: 'en' | 'zh'): string {
    return this.issues.map((i) => i.message[lang]).join(lang === 'en' ? ' ' : '');
  }
}

// ---------------------------------------------------------------------------
// Formatting helpers

const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Integers with digit groups (1,216); negatives with a real minus sign. */
function fmtInt(n: number): string {
  const s = Math.abs(n) >= 1000 ? groupDigits(Math.abs(n)) : String(Math.abs(n));
  return n < 0 ? `−${s}` : s;
}

/** A plain number inside a formula: real minus sign, no grouping. */
function num(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

/** 13.5, 3.333…, −0.5 */
function fmtExact(v: number): string {
  if (Number.isInteger(v)) return num(v);
  const r = Math.round(v * 1000) / 1000;
  const s = num(r);
  return Math.abs(r - v) < 1e-9 ? s : `${s}…`;
}

function describeValue(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? '∞' : '−∞') : num(v);
  if (Array.isArray(v)) return `[${v.map(describeValue).join(', ')}]`;
  return showAttr(v);
}

/** [2, 5, 8, 9] → "2, 5, 8–9" (at most 8 groups, then "…"). */
function fmtIndexList(list: readonly number[], sep: string): string {
  const groups: string[] = [];
  let i = 0;
  while (i < list.length) {
    let j = i;
    while (j + 1 < list.length && list[j + 1] === list[j] + 1) j++;
    groups.push(j === i ? String(list[i]) : `${list[i]}–${list[j]}`);
    i = j + 1;
  }
  return groups.length > 8 ? groups.slice(0, 8).join(sep) + sep + '…' : groups.join(sep);
}

interface AxisWords {
  en: { one: string; many: string; Dim: string; edge: string };
  zh: { unit: string; dim: string; edge: string };
  letter: string;
}

/** Which axis a message is about; 'both' when height and width have the same numbers. */
type AxisKey = SpatialAxis | 'both';

const AXIS: Record<AxisKey, AxisWords> = {
  height: {
    en: { one: 'row', many: 'rows', Dim: 'Height', edge: 'bottom' },
    zh: { unit: '行', dim: '高度', edge: '下' },
    letter: 'H',
  },
  width: {
    en: { one: 'column', many: 'columns', Dim: 'Width', edge: 'right' },
    zh: { unit: '列', dim: '宽度', edge: '右' },
    letter: 'W',
  },
  both: {
    en: { one: 'row/column', many: 'rows/columns', Dim: 'Height and width', edge: 'bottom/right' },
    zh: { unit: '行/列', dim: '高度和宽度', edge: '下/右' },
    letter: 'W',
  },
};

function units(axis: AxisKey, count: number): string {
  return count === 1 ? AXIS[axis].en.one : AXIS[axis].en.many;
}

/** "row 6" / "rows 5–6" / "第 5–6 行" */
function indexPhrase(axis: AxisKey, list: readonly number[]): LocalizedText {
  return t(`${units(axis, list.length)} ${fmtIndexList(list, ', ')}`, `第 ${fmtIndexList(list, '、')} ${AXIS[axis].zh.unit}`);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A space between a Chinese label and what follows only when the label ends in a Latin letter or digit. */
function zhGap(label: string): string {
  return /[A-Za-z0-9_₀-₉]$/.test(label) ? ' ' : '';
}
// ---------------------------------------------------------------------------
// Validation

interface Label {
  param: string;
  en: string;
  zh: string;
}

const L = {
  inC: { param: 'inC', en: 'input depth D_in (channels)', zh: '输入深度 D_in（通道数）' },
  poolInC: { param: 'inC', en: 'input depth D₁ (channels)', zh: '输入深度 D₁（通道数）' },
  inH: { param: 'inH', en: 'input height H', zh: '输入高度 H' },
  inW: { param: 'inW', en: 'input width W', zh: '输入宽度 W' },
  outChannels: { param: 'outChannels', en: 'number of filters K', zh: '滤波器个数 K' },
  convKernel: { param: 'kernel', en: 'filter size F', zh: '滤波器大小 F' },
  poolKernel: { param: 'kernel', en: 'window size F', zh: '池化窗口大小 F' },
  stride: { param: 'stride', en: 'stride S', zh: '步长 S' },
  padding: { param: 'padding', en: 'padding P', zh: '填充 P' },
  dilation: { param: 'dilation', en: 'dilation D', zh: '膨胀率 D' },
} satisfies Record<string, Label>;

function checkNumber(v: unknown, label: Label, min: number, issues: ShapeIssue[], axis?: SpatialAxis): number | null {
  const en = axis ? `${label.en} (${axis})` : label.en;
  const zhLabel = axis ? `${label.zh}（${AXIS[axis].zh.dim}方向）` : label.zh;
  const zh = zhLabel + zhGap(zhLabel);
  const fail = (code: ShapeIssueCode, m: LocalizedText): null => {
    issues.push({ code, param: label.param, ...(axis ? { axis } : {}), message: m });
    return null;
  };
  if (v === undefined || v === null) return fail('missing', t(`${capitalize(en)} is missing: give a whole number.`, `缺少${zhLabel}：请给出一个整数。`));
  if (typeof v !== 'number' || Number.isNaN(v)) {
    return fail('not-a-number', t(`${capitalize(en)} is not a number (got ${describeValue(v)}).`, `${zh}不是数字（得到的是 ${describeValue(v)}）。`));
  }
  if (!Number.isFinite(v)) {
    return fail('infinite', t(`${capitalize(en)} is infinite (${describeValue(v)}); give a whole number.`, `${zh}是无穷大（${describeValue(v)}）；请给出一个整数。`));
  }
  if (!Number.isInteger(v)) {
    return fail('not-whole-number', t(`${capitalize(en)} must be a whole number, got ${num(v)}.`, `${zh}必须是整数，得到的是 ${num(v)}。`));
  }
  if (v < min) {
    return fail(
      'too-small',
      min === 0
        ? t(`${capitalize(en)} cannot be negative, got ${num(v)}.`, `${zh}不能为负数，得到的是 ${num(v)}。`)
        : t(`${capitalize(en)} must be at least ${min}, got ${num(v)}.`, `${zh}至少为 ${min}，得到的是 ${num(v)}。`),
    );
  }
  if (v > MAX_SHAPE_VALUE) {
    return fail(
      'too-large',
      t(
        `${capitalize(en)} = ${fmtInt(v)} is too large: at most ${fmtInt(MAX_SHAPE_VALUE)} is accepted.`,
        `${zhLabel} = ${fmtInt(v)} 太大了：最多允许 ${fmtInt(MAX_SHAPE_VALUE)}。`,
      ),
    );
  }
  return v;
}

/** Absent, null or [] (PyTorch's "use the default"). */
function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** A number or [h, w]; `def` applies when absent or null. Returns [h, w] or null after recording issues. */
function checkPair(v: unknown, label: Label, min: number, def: readonly [number, number] | null, issues: ShapeIssue[]): [number, number] | null {
  if (isAbsent(v) && def) return [def[0], def[1]];
  if (Array.isArray(v)) {
    if (v.length === 1) v = v[0];
    else if (v.length === 2) {
      const h = checkNumber(v[0], label, min, issues, 'height');
      const w = checkNumber(v[1], label, min, issues, 'width');
      return h === null || w === null ? null : [h, w];
    } else {
      issues.push({
        code: 'bad-pair',
        param: label.param,
        message: t(
          `${capitalize(label.en)} must be one number or a pair [height, width], got ${describeValue(v)}.`,
          `${label.zh}${zhGap(label.zh)}必须是一个数或一对 [高, 宽]，得到的是 ${describeValue(v)}。`,
        ),
      });
      return null;
    }
  }
  const n = checkNumber(v, label, min, issues);
  return n === null ? null : [n, n];
}

// ---------------------------------------------------------------------------
// The rule along one axis

/**
 * Input indices (0-based, unpadded) that no window reads: windows i = 0..o−1
 * start at i·S − P and read taps start + j·D, j = 0..F−1. O(n + o) with one
 * difference array per residue class modulo D.
 */
function unvisitedCells(n: number, o: number, s: number, p: number, f: number, d: number): number[] {
  // Taps of one window all lie in one residue class mod D, so a difference array
  // whose prefix sums run with step D (one running sum per class) marks them in O(1).
  const diff = new Int32Array(n + d + 1);
  for (let i = 0; i < o; i++) {
    const start = i * s - p;
    // first tap inside the input: smallest j with start + j·d ≥ 0
    const jLo = start >= 0 ? 0 : Math.ceil(-start / d);
    const jHi = Math.min(f - 1, Math.floor((n - 1 - start) / d));
    if (jLo > jHi) continue;
    diff[start + jLo * d] += 1;
    diff[start + jHi * d + d] -= 1;
  }
  const out: number[] = [];
  const run = new Int32Array(d);
  for (let q = 0; q < n; q++) {
    const r = q % d;
    run[r] += diff[q];
    if (run[r] === 0) out.push(q);
  }
  return out;
}

interface AxisParams {
  kind: 'conv' | 'pool';
  axis: SpatialAxis;
  n: number;
  k: number;
  s: number;
  p: number;
  d: number;
  ceil: boolean;
}

function axisRule(a: AxisParams): AxisRule {
  const { kind, axis, n, k, s, p, d, ceil } = a;
  const span = d * (k - 1) + 1;
  const numer = n + 2 * p - span;
  const exact = numer / s + 1;
  const divisible = numer % s === 0;
  const floorOut = Math.floor(numer / s) + 1;
  const ceilOut = Math.ceil(numer / s) + 1;
  let output = ceil ? ceilOut : floorOut;
  let dropped = false;
  if (ceil && (output - 1) * s >= n + p) {
    output--;
    dropped = true;
  }
  const rounding: Rounding = divisible ? 'exact' : ceil ? 'ceil' : 'floor';
  const X = AXIS[axis].letter;
  let formula: string;
  let substituted: string;
  if (kind === 'conv' && d > 1) {
    formula = `(${X} + 2P − d·(F − 1) − 1)/S + 1`;
    substituted = `(${n} + 2·${p} − ${d}·(${k} − 1) − 1)/${s} + 1`;
  } else if (kind === 'pool' && p === 0) {
    formula = `(${X}₁ − F)/S + 1`;
    substituted = `(${n} − ${k})/${s} + 1`;
  } else {
    formula = `(${X} − F + 2P)/S + 1`;
    substituted = `(${n} − ${k} + 2·${p})/${s} + 1`;
  }
  const exactText = fmtExact(exact);
  let worked = `${substituted} = ${num(numer)}/${s} + 1 = ${exactText}`;
  if (rounding === 'floor') worked += ` → ⌊${exactText}⌋ = ${floorOut}`;
  if (rounding === 'ceil') worked += ` → ⌈${exactText}⌉ = ${ceilOut}`;
  if (dropped) worked += ` → ${ceilOut} − 1 = ${output}`;

  const fits = output >= 1;
  const lastWindow = fits ? { start: (output - 1) * s - p, end: (output - 1) * s - p + span } : null;
  const overhang = lastWindow ? Math.max(0, lastWindow.end - (n + p)) : 0;
  const unvisited = fits ? unvisitedCells(n, output, s, p, k, d) : [];
  let unvisitedAtEnd: AxisRule['unvisitedAtEnd'] = null;
  if (unvisited.length && unvisited[unvisited.length - 1] === n - 1) {
    let i = unvisited.length - 1;
    while (i > 0 && unvisited[i - 1] === unvisited[i] - 1) i--;
    unvisitedAtEnd = { from: unvisited[i], to: n - 1, count: n - unvisited[i] };
  }

  const rule: AxisRule = {
    axis,
    input: n,
    kernel: k,
    stride: s,
    padding: p,
    dilation: d,
    span,
    paddedInput: n + 2 * p,
    formula,
    substituted,
    worked,
    exact,
    exactText,
    rounding,
    output,
    droppedLastWindow: dropped,
    lastWindow,
    overhang,
    unvisited,
    unvisitedAtEnd,
    explanation: t('', ''),
  };
  rule.explanation = axisExplanation(rule, kind, axis);
  return rule;
}

function thing(kind: 'conv' | 'pool'): LocalizedText {
  return kind === 'conv' ? t('filter', '滤波器') : t('window', '窗口');
}

/** Height and width with the same numbers: one message for both. */
function sameAxes(a: AxisRule, b: AxisRule): boolean {
  return a.input === b.input && a.kernel === b.kernel && a.stride === b.stride && a.padding === b.padding && a.dilation === b.dilation;
}

function tailPhrase(r: AxisRule, key: AxisKey): LocalizedText | null {
  const end = r.unvisitedAtEnd;
  if (!end) return null;
  const list = Array.from({ length: end.count }, (_, i) => end.from + i);
  const ip = indexPhrase(key, list);
  return end.count === 1
    ? t(
        `the last ${units(key, 1)} (${ip.en}, counting from 0) is never covered by any window`,
        `最后 1 ${AXIS[key].zh.unit}（${ip.zh}，从 0 开始计）从未被任何窗口覆盖`,
      )
    : t(
        `the last ${end.count} ${units(key, end.count)} (${ip.en}, counting from 0) are never covered by any window`,
        `最后 ${end.count} ${AXIS[key].zh.unit}（${ip.zh}，从 0 开始计）从未被任何窗口覆盖`,
      );
}

function interior(r: AxisRule): number[] {
  return r.unvisitedAtEnd ? r.unvisited.slice(0, r.unvisited.length - r.unvisitedAtEnd.count) : r.unvisited;
}

function skippedSentence(r: AxisRule, kind: 'conv' | 'pool', key: AxisKey): LocalizedText | null {
  const inner = interior(r);
  if (!inner.length) return null;
  const ip = indexPhrase(key, inner);
  const th = thing(kind);
  const en: string[] = [];
  const zh: string[] = [];
  if (r.stride > r.span) {
    en.push(`the stride S=${r.stride} is larger than the ${th.en} (${r.span}), so the windows jump over ${inner.length === 1 ? 'it' : 'them'}`);
    zh.push(`步长 S=${r.stride} 大于${th.zh}跨度 ${r.span}，窗口直接跳过了它们`);
  }
  if (r.dilation > 1) {
    en.push(`with dilation D=${r.dilation} the filter reads only every ${r.dilation}th ${AXIS[key].en.one}`);
    zh.push(`膨胀率 D=${r.dilation} 让滤波器每隔 ${r.dilation} ${AXIS[key].zh.unit}才读一${AXIS[key].zh.unit}`);
  }
  if (!en.length) {
    en.push('no window position reaches them');
    zh.push('没有任何窗口位置覆盖到它们');
  }
  return t(`${capitalize(ip.en)} ${inner.length === 1 ? 'is' : 'are'} never read: ${en.join('; ')}.`, `${ip.zh}从未被读取：${zh.join('；')}。`);
}

function axisExplanation(r: AxisRule, kind: 'conv' | 'pool', key: AxisKey): LocalizedText {
  const w = AXIS[key];
  const en: string[] = [`${w.en.Dim}: ${r.worked}.`];
  const zh: string[] = [`${w.zh.dim}：${r.worked}。`];
  const th = thing(kind);
  if (r.output < 1) {
    en.push(`No ${th.en} position fits (output ${r.output} < 1).`);
    zh.push(`一个${th.zh}位置也放不下（输出 ${r.output} < 1）。`);
    return t(en.join(' '), zh.join(''));
  }
  const unit = units(key, 1);
  if (r.rounding === 'exact') {
    en.push(`A whole number: the ${th.en} fits at exactly ${r.output} ${r.output === 1 ? 'position' : 'positions'}.`);
    zh.push(`是整数：${th.zh}正好放下 ${r.output} 个位置。`);
  } else if (r.rounding === 'floor') {
    en.push(`Not a whole number: PyTorch rounds down to ${r.output}.`);
    zh.push(`不是整数：PyTorch 向下取整为 ${r.output}。`);
  } else if (r.droppedLastWindow) {
    const ceilOut = r.output + 1;
    const start = r.output * r.stride - r.padding;
    en.push(
      `Not a whole number: ceil_mode rounds up to ${ceilOut}, but window ${ceilOut} would start at ${unit} ${start}, ` +
        `already in the ${w.en.edge} padding (the input ends at ${unit} ${r.input - 1}), so PyTorch drops it: ${r.output}.`,
    );
    zh.push(
      `不是整数：ceil_mode 向上取整为 ${ceilOut}，但第 ${ceilOut} 个窗口会从第 ${start} ${w.zh.unit}开始，` +
        `已经落在${w.zh.edge}侧填充区里（输入到第 ${r.input - 1} ${w.zh.unit}为止），所以 PyTorch 丢弃它：结果为 ${r.output}。`,
    );
  } else {
    const lw = r.lastWindow!;
    const past = r.padding > 0 ? t(`the ${w.en.edge} padding`, `${w.zh.edge}侧填充区`) : t(`the ${w.en.edge} edge`, `${w.zh.edge}边界`);
    en.push(
      `Not a whole number: with ceil_mode PyTorch rounds up to ${r.output}; the last window starts at ${unit} ${lw.start} ` +
        `and reaches ${r.overhang} ${units(key, r.overhang)} past ${past.en}, which ${r.overhang === 1 ? 'is' : 'are'} simply left out.`,
    );
    zh.push(
      `不是整数：ceil_mode 下 PyTorch 向上取整为 ${r.output}；最后一个窗口从第 ${lw.start} ${w.zh.unit}开始，` +
        `超出${past.zh} ${r.overhang} ${w.zh.unit}，超出的部分直接不计。`,
    );
  }
  const tail = tailPhrase(r, key);
  if (tail) {
    en.push(`${capitalize(tail.en)}.`);
    zh.push(`${tail.zh}。`);
  }
  const skipped = skippedSentence(r, kind, key);
  if (skipped) {
    en.push(skipped.en);
    zh.push(skipped.zh);
  }
  if (!tail && !skipped && r.rounding === 'floor') {
    en.push(`The leftover lies in the padding only, so every ${unit} of the input is still covered.`);
    zh.push(`多出来的部分只落在填充区，输入的每一${w.zh.unit}仍然都被覆盖。`);
  }
  return t(en.join(' '), zh.join(''));
}

/** Warnings and notes that follow from one axis rule. */
function axisIssues(r: AxisRule, kind: 'conv' | 'pool', key: AxisKey, warnings: ShapeIssue[], notes: ShapeIssue[]): void {
  if (r.output < 1) return;
  const w = AXIS[key];
  if (r.rounding === 'floor') {
    const tail = tailPhrase(r, key);
    const head = `${r.formula} = ${r.substituted} = ${r.exactText}`;
    warnings.push({
      code: 'fractional-output',
      axis: key,
      message: tail
        ? t(
            `${w.en.Dim}: ${head} is not a whole number: PyTorch rounds down to ${r.output}, so ${tail.en}.`,
            `${w.zh.dim}方向：${head} 不是整数：PyTorch 向下取整为 ${r.output}，${tail.zh}。`,
          )
        : t(
            `${w.en.Dim}: ${head} is not a whole number: PyTorch rounds down to ${r.output}; the leftover lies in the padding, so every ${w.en.one} of the input is still covered.`,
            `${w.zh.dim}方向：${head} 不是整数：PyTorch 向下取整为 ${r.output}；多出来的部分只落在填充区，输入的每一${w.zh.unit}仍被覆盖。`,
          ),
    });
  }
  if (r.rounding !== 'floor') {
    // e.g. conv n=3 F=1 S=3 P=2: a whole number, yet the last row is never read
    const tail = tailPhrase(r, key);
    if (tail) warnings.push({ code: 'skipped-cells', axis: key, message: t(`${w.en.Dim}: ${tail.en}.`, `${w.zh.dim}方向：${tail.zh}。`) });
  }
  const skipped = skippedSentence(r, kind, key);
  if (skipped) warnings.push({ code: 'skipped-cells', axis: key, message: skipped });
  if (kind === 'conv' && r.padding >= r.span) {
    warnings.push({
      code: 'padding-only-window',
      axis: key,
      message: t(
        `${w.en.Dim}: padding P=${r.padding} is at least the filter span ${r.span}, so the outermost outputs see nothing but zero padding.`,
        `${w.zh.dim}方向：填充 P=${r.padding} 不小于滤波器跨度 ${r.span}，最边上的输出只看到零填充。`,
      ),
    });
  }
  if (r.rounding === 'ceil') {
    notes.push({ code: r.droppedLastWindow ? 'ceil-dropped-window' : 'ceil-rounded-up', axis: key, message: axisExplanation(r, kind, key) });
  }
}

/** Errors of the geometry along one axis (numbers already valid). */
function axisErrors(r: AxisRule, kind: 'conv' | 'pool', key: AxisKey, errors: ShapeIssue[]): void {
  const w = AXIS[key];
  const padded = `${r.input} + 2·${r.padding} = ${r.paddedInput}`;
  if (kind === 'conv') {
    if (r.paddedInput < r.span) {
      const pmin = Math.ceil((r.span - r.input) / 2);
      const what =
        r.dilation > 1
          ? t(
              `the dilated filter (span d·(F − 1) + 1 = ${r.dilation}·(${r.kernel} − 1) + 1 = ${r.span})`,
              `膨胀后的滤波器（跨度 d·(F − 1) + 1 = ${r.dilation}·(${r.kernel} − 1) + 1 = ${r.span}）`,
            )
          : t(`the filter F=${r.kernel}`, `滤波器 F=${r.kernel}`);
      errors.push({
        code: 'kernel-too-large',
        axis: key,
        message: t(
          `${w.en.Dim}: ${what.en} is larger than the padded input ${padded}, so it does not fit even once. ` +
            `Use padding P ≥ ${pmin} or a smaller filter. (PyTorch: kernel size can't be greater than actual input size.)`,
          `${w.zh.dim}方向：${what.zh} 比填充后的输入 ${padded} 还大，一次都放不下。` +
            `请使用填充 P ≥ ${pmin} 或更小的滤波器。（PyTorch：卷积核不能大于实际输入。）`,
        ),
      });
    }
    return;
  }
  const half = Math.floor(r.kernel / 2);
  if (r.padding > half) {
    errors.push({
      code: 'padding-too-large',
      axis: key,
      message: t(
        `${w.en.Dim}: padding P=${r.padding} is more than half the window F=${r.kernel} (at most ${half}), so some windows would see nothing but padding. PyTorch refuses this.`,
        `${w.zh.dim}方向：填充 P=${r.padding} 超过了池化窗口 F=${r.kernel} 的一半（最多 ${half}），有的窗口会只看到填充。PyTorch 不允许这样做。`,
      ),
    });
    return;
  }
  if (r.output < 1) {
    const why =
      r.paddedInput < r.kernel
        ? t(`the window F=${r.kernel} is larger than the padded input ${padded}`, `池化窗口 F=${r.kernel} 比填充后的输入 ${padded} 还大`)
        : t('no window fits', '一个窗口也放不下');
    // Suggest only what would actually help.
    const fixesEn = ['a smaller window'];
    const fixesZh = ['更小的窗口'];
    if (r.padding < half && r.input + 2 * half >= r.kernel) {
      fixesEn.push(`padding P=${half}`);
      fixesZh.push(`填充 P=${half}`);
    }
    if (r.rounding !== 'ceil' && Math.ceil((r.input + 2 * r.padding - r.kernel) / r.stride) + 1 >= 1) {
      fixesEn.push('ceil_mode');
      fixesZh.push('ceil_mode');
    }
    const orZh = fixesZh.length === 1 ? fixesZh[0] : `${fixesZh.slice(0, -1).join('、')}或${fixesZh[fixesZh.length - 1]}`;
    const orEn = fixesEn.length === 1 ? fixesEn[0] : `${fixesEn.slice(0, -1).join(', ')} or ${fixesEn[fixesEn.length - 1]}`;
    errors.push({
      code: 'output-too-small',
      axis: key,
      message: t(
        `${w.en.Dim}: ${r.worked}, less than 1: ${why.en}. Use ${orEn}. (PyTorch: output size is too small.)`,
        `${w.zh.dim}方向：${r.worked}，小于 1：${why.zh}。请使用${orZh}。（PyTorch：输出尺寸太小。）`,
      ),
    });
  }
}

/** Errors, warnings and notes of both axes, merged into one message when they have the same numbers. */
function spatialIssues(height: AxisRule, width: AxisRule, kind: 'conv' | 'pool', sink: { errors: ShapeIssue[]; warnings: ShapeIssue[]; notes: ShapeIssue[] }): void {
  // 'both' uses the width's rule: its formula has the notes' letter W.
  const pairs: [AxisRule, AxisKey][] = sameAxes(height, width) ? [[width, 'both']] : [[height, 'height'], [width, 'width']];
  for (const [r, key] of pairs) axisErrors(r, kind, key, sink.errors);
  if (sink.errors.length) return;
  for (const [r, key] of pairs) axisIssues(r, kind, key, sink.warnings, sink.notes);
}

/**
 * Works both spatial axes of a conv or pool into `base`: the rules, their
 * errors or warnings, and on success the output volume with depth `outDepth`.
 * Returns the two axes, or null (summary set) when the configuration is refused.
 */
function workAxes(
  base: ExplanationBase,
  kind: 'conv' | 'pool',
  h: Omit<AxisParams, 'kind' | 'axis'>,
  w: Omit<AxisParams, 'kind' | 'axis'>,
  outDepth: number,
): { height: AxisRule; width: AxisRule } | null {
  const height = axisRule({ kind, axis: 'height', ...h });
  const width = axisRule({ kind, axis: 'width', ...w });
  base.height = height;
  base.width = width;
  spatialIssues(height, width, kind, base);
  if (base.errors.length) {
    base.summary = refusedSummary(base.errors);
    return null;
  }
  base.spatial = spatialText(height, width, kind);
  base.ok = true;
  base.outShape = [outDepth, height.output, width.output];
  base.outputText = volume(height.output, width.output, outDepth);
  return { height, width };
}

/** The per-axis paragraphs to print: one when height and width have the same numbers. */
function spatialText(height: AxisRule, width: AxisRule, kind: 'conv' | 'pool'): LocalizedText[] {
  return sameAxes(height, width) ? [axisExplanation(width, kind, 'both')] : [height.explanation, width.explanation];
}
/** W×H×D, the notes' order (arguments in PyTorch's H, W order). */
function volume(h: number, w: number, c: number): string {
  return `${w}×${h}×${c}`;
}

function refusedSummary(errors: readonly ShapeIssue[]): LocalizedText {
  return t(
    `This configuration is refused: ${errors.map((e) => e.message.en).join(' ')}`,
    `这个配置不成立：${errors.map((e) => e.message.zh).join('')}`,
  );
}

// ---------------------------------------------------------------------------
// Convolution

/** Output shape of a 2-D convolution, worked out step by step. Never throws: errors are returned as data. */
export function convOutputShape(opts: ConvShapeOptions): ConvShapeExplanation {
  const errors: ShapeIssue[] = [];
  const warnings: ShapeIssue[] = [];
  const notes: ShapeIssue[] = [];
  const o = (opts ?? {}) as Partial<ConvShapeOptions>;
  const inC = checkNumber(o.inC, L.inC, 1, errors);
  const inH = checkNumber(o.inH, L.inH, 1, errors);
  const inW = checkNumber(o.inW, L.inW, 1, errors);
  const K = checkNumber(o.outChannels, L.outChannels, 1, errors);
  const kernel = checkPair(o.kernel, L.convKernel, 1, null, errors);
  const stride = checkPair(o.stride, L.stride, 1, [1, 1], errors);
  const padding = checkPair(o.padding, L.padding, 0, [0, 0], errors);
  const dilation = checkPair(o.dilation, L.dilation, 1, [1, 1], errors);
  const base: ConvShapeExplanation = {
    kind: 'conv',
    ok: false,
    outShape: null,
    inputText: inC !== null && inH !== null && inW !== null ? volume(inH, inW, inC) : null,
    outputText: null,
    height: null,
    width: null,
    depth: null,
    spatial: [],
    errors,
    warnings,
    notes,
    summary: t('', ''),
    params: null,
    receptiveField: null,
    fullyConnected: null,
    multiplyAdds: null,
  };
  if (errors.length || inC === null || inH === null || inW === null || K === null || !kernel || !stride || !padding || !dilation) {
    base.summary = refusedSummary(errors);
    return base;
  }
  const axes = workAxes(base, 'conv', { n: inH, k: kernel[0], s: stride[0], p: padding[0], d: dilation[0], ceil: false }, { n: inW, k: kernel[1], s: stride[1], p: padding[1], d: dilation[1], ceil: false }, K);
  if (!axes) return base;
  const { height, width } = axes;
  const H2 = height.output;
  const W2 = width.output;
  base.depth = {
    input: inC,
    output: K,
    formula: 'D₂ = K',
    substituted: `D₂ = ${K}`,
    explanation: t(
      `Depth: each of the K=${K} filters produces one output channel, so D₂ = K = ${K}; every filter spans the full input depth D_in=${inC}.`,
      `深度：K=${K} 个滤波器各产生一个输出通道，所以 D₂ = K = ${K}；每个滤波器在深度方向覆盖全部输入深度 D_in=${inC}。`,
    ),
  };
  if (stride[0] === 1 && stride[1] === 1 && H2 === inH && W2 === inW) {
    const pText = padding[0] === padding[1] ? `P = ${padding[0]}` : `P = [${padding[0]}, ${padding[1]}]`;
    const rule = dilation[0] > 1 || dilation[1] > 1 ? 'd·(F − 1)/2' : '(F − 1)/2';
    notes.push({
      code: 'same-padding',
      message: t(
        `${pText} = ${rule} keeps the size (“same” padding): ${inH}×${inW} in, ${H2}×${W2} out.`,
        `${pText} = ${rule} 让尺寸保持不变（“same” 填充）：输入 ${inH}×${inW}，输出 ${H2}×${W2}。`,
      ),
    });
  }

  const [Fh, Fw] = kernel;
  const fText = `${Fh}·${Fw}`;
  const weightsPerFilter = Fh * Fw * inC;
  const perFilter = weightsPerFilter + 1;
  const total = K * perFilter;
  base.params = {
    weightsPerFilter,
    biasPerFilter: 1,
    perFilter,
    filters: K,
    total,
    formula: 'K·(F·F·D_in + 1)',
    worked: `${K}·(${fText}·${inC} + 1) = ${K}·${fmtInt(perFilter)} = ${fmtInt(total)}`,
    explanation: t(
      `Parameters: each filter has F·F·D_in = ${fText}·${inC} = ${fmtInt(weightsPerFilter)} ${weightsPerFilter === 1 ? 'weight' : 'weights'} + 1 bias = ${fmtInt(perFilter)}; ` +
        `K=${K} ${K === 1 ? 'filter' : 'filters'} → ${K}·${fmtInt(perFilter)} = ${fmtInt(total)} parameters.`,
      `参数：每个滤波器有 F·F·D_in = ${fText}·${inC} = ${fmtInt(weightsPerFilter)} 个权重 + 1 个偏置 = ${fmtInt(perFilter)} 个参数；` +
        `K=${K} 个滤波器 → ${K}·${fmtInt(perFilter)} = ${fmtInt(total)} 个参数。`,
    ),
  };
  const dilated = height.span !== Fh || width.span !== Fw;
  const rfText = volume(height.span, width.span, inC);
  base.receptiveField = {
    height: height.span,
    width: width.span,
    depth: inC,
    taps: weightsPerFilter,
    text: rfText,
    explanation: dilated
      ? t(
          `Receptive field: each output neuron spans a ${rfText} block of the input but reads only ${Fh}×${Fw}×${inC} of it (dilation): local in space, full in depth.`,
          `感受野：每个输出神经元覆盖输入中 ${rfText} 的区域，但（因为膨胀）只读取其中 ${Fh}×${Fw}×${inC} 个数：空间上是局部的，深度上是完整的。`,
        )
      : t(
          `Receptive field: each output neuron looks at a ${rfText} block of the input (F×F×D_in): local in space, full in depth.`,
          `感受野：每个输出神经元只连接输入中一个 ${rfText} 的区域（F×F×D_in）：空间上是局部的，深度上与输入深度相同。`,
        ),
  };
  const inputs = inH * inW * inC;
  const outputs = H2 * W2 * K;
  const fcWeights = inputs * outputs;
  const fcTotal = fcWeights + outputs;
  const ratio = fcTotal / total;
  const ratioText = ratio >= 10 ? fmtInt(Math.round(ratio)) : (Math.round(ratio * 10) / 10).toString();
  base.fullyConnected = {
    inputs,
    outputs,
    weights: fcWeights,
    biases: outputs,
    total: fcTotal,
    ratio,
    explanation: t(
      `A fully connected layer producing the same ${base.outputText} = ${fmtInt(outputs)} outputs from all ${base.inputText} = ${fmtInt(inputs)} inputs ` +
        `would need ${fmtInt(inputs)}·${fmtInt(outputs)} + ${fmtInt(outputs)} = ${fmtInt(fcTotal)} parameters, ${ratioText} times as many as this conv layer's ${fmtInt(total)}: ` +
        `the conv layer connects each neuron only to a small region and shares each filter's weights across all positions.`,
      `若用全连接层从全部 ${base.inputText} = ${fmtInt(inputs)} 个输入产生同样的 ${base.outputText} = ${fmtInt(outputs)} 个输出，` +
        `需要 ${fmtInt(inputs)}·${fmtInt(outputs)} + ${fmtInt(outputs)} = ${fmtInt(fcTotal)} 个参数，是这个卷积层 ${fmtInt(total)} 个参数的 ${ratioText} 倍：` +
        `卷积层的每个神经元只连接一小块区域，并且同一个滤波器的权重在所有位置共享。`,
    ),
  };
  base.multiplyAdds = outputs * weightsPerFilter;
  if (!Number.isSafeInteger(fcTotal) || !Number.isSafeInteger(base.multiplyAdds)) {
    warnings.push({
      code: 'huge-count',
      message: t(
        'Some counts exceed 2^53 and are shown rounded.',
        '部分计数超过 2^53，显示的是近似值。',
      ),
    });
  }
  base.summary = t(
    `Output volume: ${base.inputText} → ${base.outputText} (PyTorch shape [${K}, ${H2}, ${W2}]), ${fmtInt(total)} parameters.`,
    `输出数据体：${base.inputText} → ${base.outputText}（PyTorch 形状 [${K}, ${H2}, ${W2}]），共 ${fmtInt(total)} 个参数。`,
  );
  return base;
}

/** As convOutputShape, but throws a ShapeRuleError (an EngineError) when the configuration is invalid. */
export function convOutputShapeOrThrow(opts: ConvShapeOptions): ConvShapeExplanation {
  const e = convOutputShape(opts);
  if (!e.ok) throw new ShapeRuleError(e.errors);
  return e;
}

// ---------------------------------------------------------------------------
// Pooling

/** Output shape of 2-D max/average/Lp pooling, worked out step by step. Never throws: errors are returned as data. */
export function poolOutputShape(opts: PoolShapeOptions): PoolShapeExplanation {
  const errors: ShapeIssue[] = [];
  const warnings: ShapeIssue[] = [];
  const notes: ShapeIssue[] = [];
  const o = (opts ?? {}) as Partial<PoolShapeOptions>;
  let pool: PoolKind = 'max';
  if (o.pool !== undefined && o.pool !== null) {
    if (o.pool === 'max' || o.pool === 'avg' || o.pool === 'lp') pool = o.pool;
    else {
      errors.push({
        code: 'bad-pool',
        param: 'pool',
        message: t(`Unknown pooling ${describeValue(o.pool)}: use "max", "avg" or "lp".`, `未知的池化类型 ${describeValue(o.pool)}：请用 "max"、"avg" 或 "lp"。`),
      });
    }
  }
  const ceilMode = o.ceilMode === true;
  const inC = checkNumber(o.inC, L.poolInC, 1, errors);
  const inH = checkNumber(o.inH, L.inH, 1, errors);
  const inW = checkNumber(o.inW, L.inW, 1, errors);
  const kernel = checkPair(o.kernel, L.poolKernel, 1, null, errors);
  const stride = isAbsent(o.stride)
    ? kernel
    : checkPair(o.stride, L.stride, 1, null, errors);
  const padding = checkPair(o.padding, L.padding, 0, [0, 0], errors);
  const base: PoolShapeExplanation = {
    kind: 'pool',
    pool,
    ceilMode,
    overlapping: false,
    params: 0,
    ok: false,
    outShape: null,
    inputText: inC !== null && inH !== null && inW !== null ? volume(inH, inW, inC) : null,
    outputText: null,
    height: null,
    width: null,
    depth: null,
    spatial: [],
    errors,
    warnings,
    notes,
    summary: t('', ''),
  };
  if (pool === 'lp' && padding && (padding[0] !== 0 || padding[1] !== 0)) {
    errors.push({
      code: 'lp-padding',
      param: 'padding',
      message: t('Lp pooling has no padding: use P=0.', 'Lp 池化没有填充：请使用 P=0。'),
    });
  }
  if (errors.length || inC === null || inH === null || inW === null || !kernel || !stride || !padding) {
    base.summary = refusedSummary(errors);
    return base;
  }
  base.overlapping = kernel[0] > stride[0] || kernel[1] > stride[1];
  const axes = workAxes(base, 'pool', { n: inH, k: kernel[0], s: stride[0], p: padding[0], d: 1, ceil: ceilMode }, { n: inW, k: kernel[1], s: stride[1], p: padding[1], d: 1, ceil: ceilMode }, inC);
  if (!axes) return base;
  const H2 = axes.height.output;
  const W2 = axes.width.output;
  base.depth = {
    input: inC,
    output: inC,
    formula: 'D₂ = D₁',
    substituted: `D₂ = ${inC}`,
    explanation: t(
      `Depth: pooling works on each channel separately, so D₂ = D₁ = ${inC}.`,
      `深度：池化在每个深度切片上独立进行，所以 D₂ = D₁ = ${inC}。`,
    ),
  };
  const fs = kernel[0] === kernel[1] && stride[0] === stride[1] ? `F=${kernel[0]}, S=${stride[0]}` : `F=[${kernel[0]}, ${kernel[1]}], S=[${stride[0]}, ${stride[1]}]`;
  if (base.overlapping) {
    notes.push({
      code: 'overlapping',
      message: t(
        `${fs}: F > S, so neighbouring windows overlap (“overlapping pooling”, as AlexNet's F=3, S=2).`,
        `${fs}：F > S，相邻窗口互相重叠（重叠池化 overlapping pooling，如 AlexNet 的 F=3, S=2）。`,
      ),
    });
  }
  const name = pool === 'max' ? t('Max pooling', '最大池化') : pool === 'avg' ? t('Average pooling', '平均池化') : t('Lp pooling', 'Lp 池化');
  base.summary = t(
    `${name.en}: ${base.inputText} → ${base.outputText} (PyTorch shape [${inC}, ${H2}, ${W2}]), no parameters.`,
    `${name.zh}：${base.inputText} → ${base.outputText}（PyTorch 形状 [${inC}, ${H2}, ${W2}]），没有参数。`,
  );
  return base;
}

/** As poolOutputShape, but throws a ShapeRuleError (an EngineError) when the configuration is invalid. */
export function poolOutputShapeOrThrow(opts: PoolShapeOptions): PoolShapeExplanation {
  const e = poolOutputShape(opts);
  if (!e.ok) throw new ShapeRuleError(e.errors);
  return e;
}

// ---------------------------------------------------------------------------
// Receptive field through a stack of layers

export interface ReceptiveFieldLayer {
  kind: 'conv' | 'pool';
  kernel: Size2;
  /** Default: 1 for conv, the kernel for pool. */
  stride?: Size2 | null;
  /** Default 1 (conv only). */
  dilation?: Size2 | null;
  /** Optional name shown in the steps, e.g. "conv1". */
  label?: string;
}

export interface ReceptiveFieldStep {
  index: number;
  kind: 'conv' | 'pool';
  label: string;
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  /** Receptive field [h, w] in input pixels after this layer. */
  receptiveField: [number, number];
  /** Distance in input pixels between neighbouring outputs of this layer, [h, w]. */
  jump: [number, number];
  /** "r = 3 + (3 − 1)·1·1 = 5" (height; both axes when they differ). */
  worked: string;
}

export interface ReceptiveFieldResult {
  /** [h, w] of the last layer's neurons, in input pixels. */
  receptiveField: [number, number];
  jump: [number, number];
  steps: ReceptiveFieldStep[];
  explanation: LocalizedText;
}

/**
 * Receptive field growth through stacked conv/pool layers, starting from r = 1, jump = 1:
 * r += (k − 1)·jump·d; jump *= s. Throws a ShapeRuleError for invalid layers.
 */
export function receptiveFieldAfter(layers: readonly ReceptiveFieldLayer[]): ReceptiveFieldResult {
  const errors: ShapeIssue[] = [];
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new ShapeRuleError([
      { code: 'missing', message: t('Give at least one layer to follow the receptive field through.', '请至少给出一层，才能计算感受野的增长。') },
    ]);
  }
  let r: [number, number] = [1, 1];
  let jump: [number, number] = [1, 1];
  const steps: ReceptiveFieldStep[] = [];
  layers.forEach((layer, index) => {
    const kind = layer?.kind === 'pool' ? 'pool' : 'conv';
    const before = errors.length;
    if (layer?.kind !== 'conv' && layer?.kind !== 'pool') {
      errors.push({
        code: 'bad-pool',
        message: t(`Layer ${index + 1} must be "conv" or "pool", got ${describeValue(layer?.kind)}.`, `第 ${index + 1} 层必须是 "conv" 或 "pool"，得到的是 ${describeValue(layer?.kind)}。`),
      });
    }
    const kernel = checkPair(layer?.kernel, kind === 'conv' ? L.convKernel : L.poolKernel, 1, null, errors);
    const stride = kind === 'pool' && isAbsent(layer?.stride) ? kernel : checkPair(layer?.stride, L.stride, 1, [1, 1], errors);
    const dilation = checkPair(layer?.dilation, L.dilation, 1, [1, 1], errors);
    if (errors.length > before || !kernel || !stride || !dilation) return;
    const prev = r;
    const prevJump = jump;
    r = [prev[0] + (kernel[0] - 1) * prevJump[0] * dilation[0], prev[1] + (kernel[1] - 1) * prevJump[1] * dilation[1]];
    jump = [prevJump[0] * stride[0], prevJump[1] * stride[1]];
    const one = (i: 0 | 1): string => `${prev[i]} + (${kernel[i]} − 1)·${prevJump[i]}·${dilation[i]} = ${r[i]}`;
    const worked = r[0] === r[1] && kernel[0] === kernel[1] && prevJump[0] === prevJump[1] && dilation[0] === dilation[1] && prev[0] === prev[1]
      ? `r = ${one(0)}`
      : `r_h = ${one(0)}; r_w = ${one(1)}`;
    steps.push({
      index,
      kind,
      label: layer.label ?? `${kind}${index + 1}`,
      kernel,
      stride,
      dilation,
      receptiveField: [...r],
      jump: [...jump],
      worked,
    });
  });
  if (errors.length) throw new ShapeRuleError(errors);
  const rf = r[0] === r[1] ? `${r[0]}×${r[0]}` : `${r[0]}×${r[1]}`;
  return {
    receptiveField: r,
    jump,
    steps,
    explanation: t(
      `After ${steps.length} ${steps.length === 1 ? 'layer' : 'layers'} (r ← r + (F − 1)·d·jump, jump ← jump·S, with dilation d = 1 unless set) one neuron sees a ${rf} region of the input; ` +
        `neighbouring neurons are ${jump[0] === jump[1] ? jump[0] : `${jump[0]}×${jump[1]}`} input pixels apart.`,
      `经过 ${steps.length} 层（r ← r + (F − 1)·d·jump，jump ← jump·S；膨胀率 d 未设置时为 1）后，一个神经元的感受野是输入中 ${rf} 的区域；` +
        `相邻神经元在输入上相隔 ${jump[0] === jump[1] ? jump[0] : `${jump[0]}×${jump[1]}`} 个像素。`,
    ),
  };
}

// ---------------------------------------------------------------------------
// Plain-text rendering (REPL, lessons)

/** The explanation as lines of text in one language: summary, per-axis working, depth, extras, warnings, notes. */
export function explanationLines(e: ConvShapeExplanation | PoolShapeExplanation, lang: 'en' | 'zh'): string[] {
  const lines: string[] = [e.summary[lang]];
  if (!e.ok) return lines;
  for (const p of e.spatial) lines.push(p[lang]);
  if (e.depth) lines.push(e.depth.explanation[lang]);
  if (e.kind === 'conv') {
    if (e.params) lines.push(e.params.explanation[lang]);
    if (e.receptiveField) lines.push(e.receptiveField.explanation[lang]);
    if (e.fullyConnected) lines.push(e.fullyConnected.explanation[lang]);
  }
  const mark = lang === 'en' ? { w: 'Warning: ', n: 'Note: ' } : { w: '注意：', n: '提示：' };
  for (const w of e.warnings) lines.push(mark.w + w.message[lang]);
  for (const n of e.notes) if (n.code !== 'ceil-rounded-up' && n.code !== 'ceil-dropped-window') lines.push(mark.n + n.message[lang]);
  return lines;
}
