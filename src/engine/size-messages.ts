/**
 * The message table of the size rule (size-rule.ts): the bilingual wording of
 * the issues it refuses a configuration with, and the small formatters those
 * messages need. Kept apart from the rule so the rule itself is numbers only;
 * the worked explanations a student reads live above the engine (src/teach).
 */
import { showAttr } from './attrs.js';
import { groupDigits } from './format.js';

/** One message in both languages (structurally the same as the UI's Msg). */
export interface LocalizedText {
  en: string;
  zh: string;
}

export type SpatialAxis = 'height' | 'width';
/** Which axis a message is about; 'both' when height and width have the same numbers. */
export type AxisKey = SpatialAxis | 'both';

export const t = (en: string, zh: string): LocalizedText => ({ en, zh });

/** Integers with digit groups (1,216); negatives with a real minus sign. */
export function fmtInt(n: number): string {
  const s = Math.abs(n) >= 1000 ? groupDigits(Math.abs(n)) : String(Math.abs(n));
  return n < 0 ? `−${s}` : s;
}

/** A plain number inside a formula: real minus sign, no grouping. */
export function num(n: number): string {
  return n < 0 ? `−${-n}` : String(n);
}

/** 13.5, 3.333…, −0.5 */
export function fmtExact(v: number): string {
  if (Number.isInteger(v)) return num(v);
  const r = Math.round(v * 1000) / 1000;
  const s = num(r);
  return Math.abs(r - v) < 1e-9 ? s : `${s}…`;
}

export function describeValue(v: unknown): string {
  if (typeof v === 'number') return Number.isNaN(v) ? 'NaN' : !Number.isFinite(v) ? (v > 0 ? '∞' : '−∞') : num(v);
  if (Array.isArray(v)) return `[${v.map(describeValue).join(', ')}]`;
  return showAttr(v);
}

export function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A space between a Chinese label and what follows only when the label ends in a Latin letter or digit. */
export function zhGap(label: string): string {
  return /[A-Za-z0-9_₀-₉]$/.test(label) ? ' ' : '';
}

export interface AxisWords {
  en: { one: string; many: string; Dim: string; edge: string };
  zh: { unit: string; dim: string; edge: string };
  letter: string;
}

export const AXIS: Record<AxisKey, AxisWords> = {
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

/** The name of an option in messages. */
export interface Label {
  param: string;
  en: string;
  zh: string;
}

export const LABELS = {
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

// ---------------------------------------------------------------------------
// Invalid numbers

/** A label with its axis: "stride S (height)" / "步长 S（高度方向）". */
export function labelOn(label: Label, axis?: SpatialAxis): { en: string; zh: string; zhLabel: string } {
  const en = axis ? `${label.en} (${axis})` : label.en;
  const zhLabel = axis ? `${label.zh}（${AXIS[axis].zh.dim}方向）` : label.zh;
  return { en, zh: zhLabel + zhGap(zhLabel), zhLabel };
}

type Named = ReturnType<typeof labelOn>;

export const numberMessages = {
  missing: (l: Named) => t(`${capitalize(l.en)} is missing: give a whole number.`, `缺少${l.zhLabel}：请给出一个整数。`),
  notANumber: (l: Named, v: unknown) => t(`${capitalize(l.en)} is not a number (got ${describeValue(v)}).`, `${l.zh}不是数字（得到的是 ${describeValue(v)}）。`),
  infinite: (l: Named, v: number) =>
    t(`${capitalize(l.en)} is infinite (${describeValue(v)}); give a whole number.`, `${l.zh}是无穷大（${describeValue(v)}）；请给出一个整数。`),
  notWhole: (l: Named, v: number) => t(`${capitalize(l.en)} must be a whole number, got ${num(v)}.`, `${l.zh}必须是整数，得到的是 ${num(v)}。`),
  negative: (l: Named, v: number) => t(`${capitalize(l.en)} cannot be negative, got ${num(v)}.`, `${l.zh}不能为负数，得到的是 ${num(v)}。`),
  tooSmall: (l: Named, v: number, min: number) => t(`${capitalize(l.en)} must be at least ${min}, got ${num(v)}.`, `${l.zh}至少为 ${min}，得到的是 ${num(v)}。`),
  tooLarge: (l: Named, v: number, max: number) =>
    t(`${capitalize(l.en)} = ${fmtInt(v)} is too large: at most ${fmtInt(max)} is accepted.`, `${l.zhLabel} = ${fmtInt(v)} 太大了：最多允许 ${fmtInt(max)}。`),
  badPair: (label: Label, v: unknown) =>
    t(
      `${capitalize(label.en)} must be one number or a pair [height, width], got ${describeValue(v)}.`,
      `${label.zh}${zhGap(label.zh)}必须是一个数或一对 [高, 宽]，得到的是 ${describeValue(v)}。`,
    ),
  badPool: (v: unknown) => t(`Unknown pooling ${describeValue(v)}: use "max", "avg" or "lp".`, `未知的池化类型 ${describeValue(v)}：请用 "max"、"avg" 或 "lp"。`),
  lpPadding: () => t('Lp pooling has no padding: use P=0.', 'Lp 池化没有填充：请使用 P=0。'),
};

// ---------------------------------------------------------------------------
// Invalid geometry

/** The numbers of one axis a geometry message needs (size-rule.ts's AxisSize adds the rest). */
export interface AxisNumbers {
  /** n (H₁ or W₁), F, S, P, D of this axis. */
  input: number;
  kernel: number;
  stride: number;
  padding: number;
  dilation: number;
  /** Cells one window spans: d·(F−1) + 1 (= F without dilation). */
  span: number;
  /** n + 2P (n + P_before + P_after for conv's "same" padding). */
  paddedInput: number;
  /** The output size (below 1 only in an error case). */
  output: number;
  /** exact: a whole number; floor: PyTorch's default rounding; ceil: ceil_mode rounded up. */
  rounding: 'exact' | 'floor' | 'ceil';
}

export const geometryMessages = {
  /** conv: the (dilated) filter is larger than the padded input. */
  kernelTooLarge(r: AxisNumbers, key: AxisKey): LocalizedText {
    const w = AXIS[key];
    const padded = `${r.input} + 2·${r.padding} = ${r.paddedInput}`;
    const pmin = Math.ceil((r.span - r.input) / 2);
    const what =
      r.dilation > 1
        ? t(
            `the dilated filter (span d·(F − 1) + 1 = ${r.dilation}·(${r.kernel} − 1) + 1 = ${r.span})`,
            `膨胀后的滤波器（跨度 d·(F − 1) + 1 = ${r.dilation}·(${r.kernel} − 1) + 1 = ${r.span}）`,
          )
        : t(`the filter F=${r.kernel}`, `滤波器 F=${r.kernel}`);
    return t(
      `${w.en.Dim}: ${what.en} is larger than the padded input ${padded}, so it does not fit even once. ` +
        `Use padding P ≥ ${pmin} or a smaller filter. (PyTorch: kernel size can't be greater than actual input size.)`,
      `${w.zh.dim}方向：${what.zh} 比填充后的输入 ${padded} 还大，一次都放不下。` +
        `请使用填充 P ≥ ${pmin} 或更小的滤波器。（PyTorch：卷积核不能大于实际输入。）`,
    );
  },
  /** pool: padding more than half the window. */
  paddingTooLarge(r: AxisNumbers, key: AxisKey): LocalizedText {
    const w = AXIS[key];
    const half = Math.floor(r.kernel / 2);
    return t(
      `${w.en.Dim}: padding P=${r.padding} is more than half the window F=${r.kernel} (at most ${half}), so some windows would see nothing but padding. PyTorch refuses this.`,
      `${w.zh.dim}方向：填充 P=${r.padding} 超过了池化窗口 F=${r.kernel} 的一半（最多 ${half}），有的窗口会只看到填充。PyTorch 不允许这样做。`,
    );
  },
  /** pool: not one window fits; suggests only what would actually help. */
  outputTooSmall(r: AxisNumbers, key: AxisKey, worked: string): LocalizedText {
    const w = AXIS[key];
    const padded = `${r.input} + 2·${r.padding} = ${r.paddedInput}`;
    const half = Math.floor(r.kernel / 2);
    const why =
      r.paddedInput < r.kernel
        ? t(`the window F=${r.kernel} is larger than the padded input ${padded}`, `池化窗口 F=${r.kernel} 比填充后的输入 ${padded} 还大`)
        : t('no window fits', '一个窗口也放不下');
    const fixesEn = ['a smaller window'];
    const fixesZh = ['更小的窗口'];
    if (r.padding < half && r.input + 2 * half >= r.kernel) {
      fixesEn.push(`padding P=${half}`);
      fixesZh.push(`填充 P=${half}`);
    }
    if (r.rounding !== 'ceil' && Math.ceil((r.input + 2 * r.padding - r.kernel) / r.stride) + 1 >= 1) {
      fixesEn.push('ceil_mode');
      fixesZh.push('ceil 模式（ceil_mode）');
    }
    // A space between a Latin letter or digit and 或, as Chinese text sets mixed scripts ("P=4 或 ceil 模式").
    const or = (a: string, b: string) => `${a}${/[\x21-\x7e]$/.test(a) ? ' ' : ''}或${/^[\x21-\x7e]/.test(b) ? ' ' : ''}${b}`;
    const orZh = fixesZh.length === 1 ? fixesZh[0] : or(fixesZh.slice(0, -1).join('、'), fixesZh[fixesZh.length - 1]);
    const orEn = fixesEn.length === 1 ? fixesEn[0] : `${fixesEn.slice(0, -1).join(', ')} or ${fixesEn[fixesEn.length - 1]}`;
    return t(
      `${w.en.Dim}: ${worked}, less than 1: ${why.en}. Use ${orEn}. (PyTorch: output size is too small.)`,
      `${w.zh.dim}方向：${worked}，小于 1：${why.zh}。请使用${orZh}。（PyTorch：输出尺寸太小。）`,
    );
  },
};

/** The size formula of one axis in the notes' letters, with the student's numbers, and worked out. */
export interface AxisFormula {
  /** e.g. "(W − F + 2P)/S + 1" or "(W₁ − F)/S + 1". */
  formula: string;
  /** e.g. "(32 − 5 + 2·2)/1 + 1". */
  substituted: string;
  /** e.g. "(7 − 2)/2 + 1 = 5/2 + 1 = 3.5 → ⌊3.5⌋ = 3". */
  worked: string;
  /** The exact value printed: "13.5", "3.333…". */
  exactText: string;
}

export function axisFormula(kind: 'conv' | 'pool', axis: SpatialAxis, r: AxisNumbers & { exact: number; droppedLastWindow: boolean }): AxisFormula {
  const { input: n, kernel: k, stride: s, padding: p, dilation: d } = r;
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
  const numer = r.paddedInput - r.span;
  const exactText = fmtExact(r.exact);
  let worked = `${substituted} = ${num(numer)}/${s} + 1 = ${exactText}`;
  if (r.rounding === 'floor') worked += ` → ⌊${exactText}⌋ = ${Math.floor(numer / s) + 1}`;
  const ceilOut = Math.ceil(numer / s) + 1;
  if (r.rounding === 'ceil') worked += ` → ⌈${exactText}⌉ = ${ceilOut}`;
  if (r.droppedLastWindow) worked += ` → ${ceilOut} − 1 = ${r.output}`;
  return { formula, substituted, worked, exactText };
}
