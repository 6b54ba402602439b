/**
 * One axis of a conv or pool worked out for a student: the engine's window
 * count (size-rule.ts) plus the formula with their numbers, which rows or
 * columns no window reads, and the paragraph, warnings and notes about it.
 */
import { axisFormula, AXIS, capitalize, t, type AxisKey } from '../engine/size-messages.js';
import { messageAxes, type AxisSize, type ConvSize, type PoolSize } from '../engine/size-rule.js';
import type { AxisRule, LocalizedText, ShapeIssue } from './shape-types.js';

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

/** The engine's numbers of one axis, worked out with text and coverage. */
export function axisRule(a: AxisSize, kind: 'conv' | 'pool'): AxisRule {
  const { input: n, kernel: k, stride: s, padding: p, dilation: d, span, output } = a;
  const { formula, substituted, worked, exactText } = axisFormula(kind, a.axis, a);
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
    ...a,
    formula,
    substituted,
    worked,
    exactText,
    lastWindow,
    overhang,
    unvisited,
    unvisitedAtEnd,
    explanation: t('', ''),
  };
  rule.explanation = axisExplanation(rule, kind, a.axis);
  return rule;
}

function units(axis: AxisKey, count: number): string {
  return count === 1 ? AXIS[axis].en.one : AXIS[axis].en.many;
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

/** "row 6" / "rows 5–6" / "第 5–6 行" */
function indexPhrase(axis: AxisKey, list: readonly number[]): LocalizedText {
  return t(`${units(axis, list.length)} ${fmtIndexList(list, ', ')}`, `第 ${fmtIndexList(list, '、')} ${AXIS[axis].zh.unit}`);
}

function thing(kind: 'conv' | 'pool'): LocalizedText {
  return kind === 'conv' ? t('filter', '滤波器') : t('window', '窗口');
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
  } else if (r.lastWindow) {
    const lw = r.lastWindow;
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

/** Warnings and notes of both axes, merged into one message when they have the same numbers. */
export function spatialIssues(height: AxisRule, width: AxisRule, kind: 'conv' | 'pool', sink: { warnings: ShapeIssue[]; notes: ShapeIssue[] }): void {
  for (const [r, key] of messageAxes(height, width)) axisIssues(r, kind, key, sink.warnings, sink.notes);
}

/** The per-axis paragraphs to print: one when height and width have the same numbers. */
export function spatialText(height: AxisRule, width: AxisRule, kind: 'conv' | 'pool'): LocalizedText[] {
  const axes = messageAxes(height, width);
  return axes.length === 1 ? [axisExplanation(width, kind, 'both')] : [height.explanation, width.explanation];
}

/** W×H×D, the notes' order (arguments in PyTorch's H, W order). */
export function volume(h: number, w: number, c: number): string {
  return `${w}×${h}×${c}`;
}

export function refusedSummary(errors: readonly ShapeIssue[]): LocalizedText {
  return t(
    `This configuration is refused: ${errors.map((e) => e.message.en).join(' ')}`,
    `这个配置不成立：${errors.map((e) => e.message.zh).join('')}`,
  );
}

/** The fields a refused conv or pool explanation shares: what could still be said, and why it was refused. */
export function refusedFields<H, W>(inputText: string | null, height: H, width: W, errors: ShapeIssue[], warnings: ShapeIssue[], notes: ShapeIssue[]) {
  return {
    ok: false as const,
    outShape: null,
    inputText,
    outputText: null,
    height,
    width,
    depth: null,
    spatial: [] as [],
    errors,
    warnings,
    notes,
    summary: refusedSummary(errors),
  };
}

/** What a conv or pool explanation starts from: the rule's refusals, the input in words, each axis worked out. */
export function explanationStart(size: ConvSize | PoolSize) {
  const errors: ShapeIssue[] = size.ok ? [] : [...size.errors];
  const warnings: ShapeIssue[] = [];
  const notes: ShapeIssue[] = [];
  const inputText = size.inC !== null && size.inH !== null && size.inW !== null ? volume(size.inH, size.inW, size.inC) : null;
  const height = size.height && axisRule(size.height, size.kind);
  const width = size.width && axisRule(size.width, size.kind);
  return { errors, warnings, notes, inputText, height, width };
}
