/**
 * bars, sparkline and chart: values as lengths and lines.
 *  - bars: labelled horizontal bars on [min, max] (gate values in [0, 1]) with the numbers;
 *  - sparkline: ▁▂▃▄▅▆▇█ for a series, with its min and max;
 *  - chart: a line chart with a labelled y axis (linear or log₁₀ with a tick at
 *    every decade), x ticks, several series told apart by marker characters
 *    (and colour when there is colour) and a legend.
 */
import { msg, tr } from '../../i18n/index.js';
import type { Theme } from '../style.js';
import type { BarsBlock, ChartBlock, SparklineBlock, ViewOptions } from './types.js';
import { fmtFixed, fmtShort } from '../../i18n/numbers.js';
import { padEnd, padStart, sw, truncate, wrapPlain } from '../layout.js';

const EIGHTHS = ['', '▏', '▎', '▍', '▌', '▋', '▊', '▉'];

function title(label: BarsBlock['label'], opts: ViewOptions): string[] {
  if (label === undefined) return [];
  return wrapPlain(tr(opts.lang, label), Math.max(20, opts.width), '  ').map((l) => opts.theme.value(l));
}

/** A bar of `cells` columns filled to fraction t (eighths of a column), the rest a dotted track. */
export function barString(t: number, cells: number): { fill: string; track: string } {
  if (!Number.isFinite(t)) return { fill: '', track: '·'.repeat(cells) };
  const x = Math.max(0, Math.min(1, t)) * cells;
  let full = Math.floor(x);
  let part = Math.round((x - full) * 8);
  if (part === 8) {
    full++;
    part = 0;
  }
  const fill = '█'.repeat(full) + EIGHTHS[part];
  return { fill, track: '·'.repeat(Math.max(0, cells - full - (part ? 1 : 0))) };
}

export function renderBars(b: BarsBlock, opts: ViewOptions): string[] {
  const th = opts.theme;
  const width = Math.max(20, opts.width);
  const out = title(b.label, opts);
  if (!b.items.length) return [...out, th.muted(tr(opts.lang, msg('  (no values)', '  （没有数值）')))];
  const lo = b.min !== undefined && Number.isFinite(b.min) ? b.min : 0;
  const hi = b.max !== undefined && Number.isFinite(b.max) ? b.max : 1;
  const precision = Math.max(0, Math.min(8, b.precision ?? 2));
  const labels = b.items.map((it) => tr(opts.lang, it.label));
  const nums = b.items.map((it) => fmtFixed(it.value, precision));
  const numW = Math.max(1, ...nums.map((n) => n.length));
  const labelW = Math.min(Math.max(0, ...labels.map(sw)), Math.floor(width / 3));
  const cells = Math.max(4, Math.min(50, width - 2 - labelW - 2 - 2 - numW));
  b.items.forEach((it, i) => {
    const t = hi > lo ? (it.value - lo) / (hi - lo) : Number.NaN;
    const { fill, track } = barString(t, cells);
    const over = Number.isFinite(t) && (t > 1 || t < 0);
    const num = padStart(nums[i], numW);
    out.push(
      '  ' + th.label(padEnd(truncate(labels[i], labelW), labelW)) + '  ' + (th.color ? th.chalk.cyan(fill) : fill) + th.muted(track) + '  ' + (over ? th.warn(num) : th.value(num)),
    );
  });
  return out;
}

// ---------------------------------------------------------------------------
// Sparkline

export const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Means of consecutive groups so that at most `n` remain. */
function bucket(values: readonly number[], n: number): { values: number[]; per: number } {
  if (values.length <= n) return { values: [...values], per: 1 };
  const per = Math.ceil(values.length / n);
  const out: number[] = [];
  for (let i = 0; i < values.length; i += per) {
    const g = values.slice(i, i + per);
    out.push(g.reduce((a, v) => a + v, 0) / g.length);
  }
  return { values: out, per };
}

/** The sparkline characters alone (log: shape of log₁₀; ≤ 0 on log → ·, NaN → ?, ±∞ → ↑/↓). */
export function sparkChars(values: readonly number[], log = false): string {
  const tf = (v: number) => (log ? (v > 0 ? Math.log10(v) : Number.NaN) : v);
  const ys = values.map((v) => (Number.isFinite(v) ? tf(v) : Number.NaN));
  const fin = ys.filter((y) => Number.isFinite(y));
  const lo = fin.length ? Math.min(...fin) : 0;
  const hi = fin.length ? Math.max(...fin) : 0;
  return values
    .map((v, i) => {
      if (Number.isNaN(v)) return '?';
      if (v === Infinity) return '↑';
      if (v === -Infinity) return '↓';
      const y = ys[i];
      if (!Number.isFinite(y)) return '·';
      const t = hi > lo ? (y - lo) / (hi - lo) : 0.5;
      return SPARKS[Math.max(0, Math.min(7, Math.round(t * 7)))];
    })
    .join('');
}

export function renderSparkline(b: SparklineBlock, opts: ViewOptions): string[] {
  const th = opts.theme;
  const width = Math.max(20, opts.width);
  const name = b.label === undefined ? '' : tr(opts.lang, b.label);
  const fin = b.values.filter((v) => Number.isFinite(v) && (!b.log || v > 0));
  const range = fin.length
    ? tr(opts.lang, msg(`min ${fmtShort(Math.min(...fin))} · max ${fmtShort(Math.max(...fin))}`, `最小 ${fmtShort(Math.min(...fin))} · 最大 ${fmtShort(Math.max(...fin))}`))
    : tr(opts.lang, msg('no finite values', '没有有限值'));
  const labelW = name ? Math.min(sw(name), Math.floor(width / 4)) + 1 : 0;
  const oneLine = width - 2 - labelW - 2 - sw(range);
  const fitsOne = oneLine >= Math.min(b.values.length, 16);
  const room = fitsOne ? oneLine : width - 2 - labelW;
  const { values, per } = bucket(b.values, Math.max(1, room));
  const spark = sparkChars(values, b.log);
  const head = '  ' + (name ? th.label(truncate(name, labelW - 1)) + ' ' : '');
  const sparkC = th.color ? th.chalk.cyan(spark) : spark;
  const out: string[] = [];
  if (fitsOne) out.push(head + sparkC + '  ' + th.muted(range));
  else out.push(head + sparkC, '  ' + ' '.repeat(labelW) + th.muted(truncate(range, width - 2 - labelW)));
  const notes: string[] = [];
  if (per > 1) notes.push(tr(opts.lang, msg(`each mark = mean of ${per} values`, `每个字符为 ${per} 个值的平均`)));
  if (b.log) notes.push(tr(opts.lang, msg('log scale', '对数刻度')));
  if (notes.length) out.push(...wrapPlain(notes.join(' · '), width - 2 - labelW).map((l) => '  ' + ' '.repeat(labelW) + th.muted(l)));
  return out;
}

// ---------------------------------------------------------------------------
// Chart

export const MARKERS = ['*', 'o', '+', 'x', '#', '@', '%', '&'];
const PALETTE = ['cyan', 'yellow', 'magenta', 'green', 'blue', 'red', 'white', 'gray'] as const;

export function paintSeries(th: Theme, i: number, s: string): string {
  return th.color ? th.chalk[PALETTE[i % PALETTE.length]](s) : s;
}

/** 1, 2 or 5 × 10^k, at least x. */
export function niceStep(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = 10 ** Math.floor(Math.log10(x));
  for (const m of [1, 2, 5, 10]) if (m * p >= x * (1 - 1e-9)) return m * p;
  return 10 * p;
}

/** Tick label for 10^k: plain for 0.001 … 1000, else 1e-7 / 1e12. */
export function decadeLabel(k: number): string {
  if (k >= -3 && k <= 3) return String(Number((10 ** k).toPrecision(1)));
  return `1e${k}`;
}

export interface YScale {
  /** Plot rows (row 0 = bottom). */
  rows: number;
  /** Value (already log₁₀ on a log scale) of the bottom and top rows. */
  lo: number;
  hi: number;
  /** Row → label, for the rows that carry a tick. */
  ticks: Map<number, string>;
  log: boolean;
}

/** The y scale: decade-aligned on a log scale (every decade on a whole row), nice steps on a linear one. */
export function yScale(values: readonly number[], log: boolean, maxRows: number): YScale | null {
  const ys = values.filter((v) => Number.isFinite(v) && (!log || v > 0)).map((v) => (log ? Math.log10(v) : v));
  if (!ys.length) return null;
  let min = Math.min(...ys);
  let max = Math.max(...ys);
  const cap = Math.max(2, maxRows) - 1;
  const ticks = new Map<number, string>();
  if (log) {
    const lo = Math.floor(min);
    let hi = Math.ceil(max);
    if (hi === lo) hi = lo + 1;
    const decades = hi - lo;
    if (decades <= cap) {
      const rpd = Math.floor(cap / decades);
      const rows = rpd * decades + 1;
      for (let k = lo; k <= hi; k++) ticks.set((k - lo) * rpd, decadeLabel(k));
      return { rows, lo, hi, ticks, log };
    }
    const dpr = Math.ceil(decades / cap);
    const n = Math.ceil(decades / dpr);
    const top = lo + n * dpr;
    for (let r = 0; r <= n; r++) ticks.set(r, decadeLabel(lo + r * dpr));
    return { rows: n + 1, lo, hi: top, ticks, log };
  }
  const raw = { min, max };
  if (min === max) {
    const d = min === 0 ? 1 : Math.abs(min) / 2;
    min -= d;
    max += d;
  }
  const fallback = (): YScale => {
    // Near the ends of the float range nice rounding overflows: plain ends, ticks at both.
    const rows = cap + 1;
    const t = new Map<number, string>();
    if (raw.min === raw.max) t.set(Math.floor(cap / 2), fmtShort(raw.min));
    else {
      t.set(0, fmtShort(raw.min));
      t.set(cap, fmtShort(raw.max));
    }
    return { rows, lo: raw.min, hi: raw.max, ticks: t, log };
  };
  if (!Number.isFinite(min) || !Number.isFinite(max) || !Number.isFinite(max - min)) return fallback();
  let step = niceStep((max - min) / Math.min(5, cap));
  let lo = Math.floor(min / step) * step;
  let hi = Math.ceil(max / step) * step;
  while (Math.round((hi - lo) / step) > cap) {
    step = niceStep(step * 1.5);
    lo = Math.floor(min / step) * step;
    hi = Math.ceil(max / step) * step;
  }
  if (![lo, hi, step, hi - lo].every(Number.isFinite)) return fallback();
  const n = Math.max(1, Math.round((hi - lo) / step));
  const rps = Math.max(1, Math.floor(cap / n));
  for (let i = 0; i <= n; i++) ticks.set(i * rps, fmtShort(Number((lo + i * step).toPrecision(12))));
  return { rows: n * rps + 1, lo, hi: lo + n * step, ticks, log };
}

/** Row (0 = bottom) of a value on a scale, or null when it cannot be drawn (NaN, ±∞, ≤ 0 on log). */
export function rowOf(s: YScale, v: number): number | null {
  if (!Number.isFinite(v) || (s.log && v <= 0)) return null;
  const y = s.log ? Math.log10(v) : v;
  if (s.hi === s.lo) return Math.floor((s.rows - 1) / 2);
  // Halves, so that hi − lo cannot overflow near ±1.8e308.
  const r = ((y / 2 - s.lo / 2) / (s.hi / 2 - s.lo / 2)) * (s.rows - 1);
  return Number.isFinite(r) ? Math.max(0, Math.min(s.rows - 1, r)) : null;
}

export function renderChart(b: ChartBlock, opts: ViewOptions): string[] {
  const th = opts.theme;
  const lang = opts.lang;
  const width = Math.max(20, opts.width);
  const out = title(b.label, opts);
  const log = b.log === true;
  const all = b.series.flatMap((s) => s.values);
  const scale = yScale(all, log, Math.max(3, Math.min(40, b.height ?? 12)));
  if (!scale) {
    out.push(th.muted(tr(lang, msg('  (no values to plot)', '  （没有可画的值）'))));
    return out;
  }
  const n = Math.max(...b.series.map((s) => s.values.length));
  const xStart = b.xStart ?? 0;
  const xStep = b.xStep ?? 1;
  const yLabelW = Math.max(...[...scale.ticks.values()].map(sw));
  const indent = '  ';
  const plotW = Math.max(8, Math.min(100, width - indent.length - yLabelW - 1 - 1 - 1));
  const colOf = (i: number) => (n > 1 ? Math.round((i / (n - 1)) * (plotW - 1)) : 0);

  // Plot grid: each cell is [char, series] (series -1 = empty).
  const grid: { ch: string; s: number; point: boolean }[][] = Array.from({ length: scale.rows }, () => Array.from({ length: plotW }, () => ({ ch: ' ', s: -1, point: false })));
  let hidden = 0;
  b.series.forEach((ser, si) => {
    const marker = MARKERS[si % MARKERS.length];
    let prev: { c: number; r: number } | null = null;
    ser.values.forEach((v, i) => {
      const rf = rowOf(scale, v);
      if (rf === null) {
        hidden++;
        prev = null;
        return;
      }
      const c = colOf(i);
      if (prev) {
        const steps = 2 * Math.max(Math.abs(c - prev.c), Math.abs(rf - prev.r), 1);
        for (let k = 1; k < steps; k++) {
          const cc = Math.round(prev.c + ((c - prev.c) * k) / steps);
          const rr = Math.round(prev.r + ((rf - prev.r) * k) / steps);
          const cell = grid[rr]?.[cc];
          if (cell && !cell.point && cell.s === -1) Object.assign(cell, { ch: '·', s: si });
        }
      }
      const cell = grid[Math.max(0, Math.min(scale.rows - 1, Math.round(rf)))][c];
      Object.assign(cell, { ch: marker, s: si, point: true });
      prev = { c, r: rf };
    });
  });

  if (b.yLabel !== undefined) out.push(th.muted(truncate(indent + tr(lang, b.yLabel), width)));
  for (let r = scale.rows - 1; r >= 0; r--) {
    const tick = scale.ticks.get(r);
    const row = grid[r].map((cell) => (cell.s < 0 ? ' ' : paintSeries(th, cell.s, cell.ch))).join('');
    out.push((indent + th.label(padStart(tick ?? '', yLabelW)) + ' ' + th.muted(tick !== undefined ? '┤' : '│') + row).trimEnd());
  }

  // x axis with ticks at nice whole-number steps of the index.
  const target = Math.max(1, Math.floor(plotW / 10));
  const k = Math.max(1, Math.round(niceStep(Math.max(1, n - 1) / target)));
  const base = Math.round(xStart / xStep);
  const tickIdx: number[] = [];
  for (let i = 0; i < n; i++) if ((((base + i) % k) + k) % k === 0) tickIdx.push(i);
  if (!tickIdx.length) tickIdx.push(0);
  const axis = Array<string>(plotW).fill('─');
  const labels = Array<string>(Math.max(plotW, width - indent.length - yLabelW - 2)).fill(' ');
  let lastEnd = -2;
  const fmtX = (i: number) => fmtShort(Number((xStart + i * xStep).toPrecision(12)));
  for (const i of tickIdx) {
    const c = colOf(i);
    const text = fmtX(i);
    const start = Math.max(0, c - Math.floor((text.length - 1) / 2));
    if (start <= lastEnd + 1 || start + text.length > labels.length) continue;
    axis[c] = '┬';
    for (let j = 0; j < text.length; j++) labels[start + j] = text[j];
    lastEnd = start + text.length - 1;
  }
  const pad = indent + ' '.repeat(yLabelW + 1);
  out.push(pad + th.muted('└' + axis.join('')));
  out.push((pad + ' ' + labels.join('')).trimEnd());
  if (b.xLabel !== undefined) out.push(th.muted(truncate(pad + ' ' + tr(lang, b.xLabel), width)));

  // Legend and notes.
  const names = b.series.map((s) => tr(lang, s.label));
  if (b.series.length > 1 || (names[0] ?? '') !== '') {
    const items = names.map((nm, i) => ({ mark: MARKERS[i % MARKERS.length], i, text: nm }));
    const oneLine = items.reduce((a, it) => a + 2 + sw(it.text), 0) + 3 * (items.length - 1);
    if (oneLine <= width - 2) out.push(indent + items.map((it) => paintSeries(th, it.i, it.mark) + ' ' + it.text).join('   '));
    else for (const it of items) out.push(indent + paintSeries(th, it.i, it.mark) + ' ' + truncate(it.text, width - 4));
  }
  const notes: string[] = [];
  if (log) notes.push(tr(lang, msg('log scale: each ┤ is a power of 10', '对数刻度：每个 ┤ 是 10 的幂')));
  if (hidden) notes.push(tr(lang, msg(`${hidden} value${hidden === 1 ? '' : 's'} not drawn (${log ? '≤ 0, ' : ''}NaN or ∞)`, `${hidden} 个值未画出（${log ? '≤ 0、' : ''}NaN 或 ∞）`)));
  for (const l of wrapPlain(notes.join(' · '), width - 2)) if (l) out.push(th.muted(indent + l));
  return out;
}
