/**
 * heatmap: a 2-D map (feature map, attention weights) as shading. Without
 * colour every cell is a shade character " ░▒▓█" (two columns wide) and the
 * legend shows the scale with its min and max; with colour the cells are
 * coloured blocks (sequential scale, or blue–red around 0 when the values
 * have both signs), and big label-less maps use half blocks ▀ (two rows per
 * line). Maps too big for the width are downsampled (block means), with a note.
 */
import { msg, tr } from '../../i18n/index.js';
import type { HeatmapBlock, ViewOptions } from './types.js';
import { divColor, fg, fgbg, finiteRange, seqColor, type RGB } from './util.js';
import { fmtShort } from '../../i18n/numbers.js';
import { padStart, sw, truncate, wrapPlain } from '../layout.js';

export const SHADES = [' ', '░', '▒', '▓', '█'] as const;

export interface Plane {
  rows: number;
  cols: number;
  data: Float64Array;
}

/** The 2-D plane a heatmap shows, and how many slices there were. */
export function heatmapPlane(b: Pick<HeatmapBlock, 'tensor' | 'slice'>): { plane: Plane; slices: number; slice: number } {
  const shape = b.tensor.shape;
  const rank = shape.length;
  const rows = rank >= 2 ? shape[rank - 2] : 1;
  const cols = rank >= 1 ? shape[rank - 1] : 1;
  const slices = rank >= 3 ? shape.slice(0, rank - 2).reduce((a, x) => a * x, 1) : 1;
  const slice = Math.max(0, Math.min(slices - 1, Math.floor(b.slice ?? 0)));
  const off = slice * rows * cols;
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = b.tensor.data[off + i];
  return { plane: { rows, cols, data }, slices, slice };
}

/** Block means over f×f squares (NaN or ±∞ inside a block carry through, as in any mean). */
export function downsample(p: Plane, f: number): Plane {
  if (f <= 1) return p;
  const rows = Math.ceil(p.rows / f);
  const cols = Math.ceil(p.cols / f);
  const data = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      let sum = 0;
      let n = 0;
      for (let y = r * f; y < Math.min(p.rows, (r + 1) * f); y++) {
        for (let x = c * f; x < Math.min(p.cols, (c + 1) * f); x++) {
          sum += p.data[y * p.cols + x];
          n++;
        }
      }
      data[r * cols + c] = sum / n;
    }
  }
  return { rows, cols, data };
}

/** Shade level 0..4 of a value on the scale [lo, hi]. */
export function shadeLevel(v: number, lo: number, hi: number): number {
  // Halves, so that hi − lo cannot overflow near ±1.8e308.
  const t = hi > lo ? (v / 2 - lo / 2) / (hi / 2 - lo / 2) : 0.5;
  return Number.isNaN(t) ? 0 : Math.max(0, Math.min(4, Math.floor(t * 5)));
}

function special(v: number): string | null {
  if (Number.isNaN(v)) return '?';
  if (v === Infinity) return '+';
  if (v === -Infinity) return '-';
  return null;
}

export function renderHeatmap(b: HeatmapBlock, opts: ViewOptions): string[] {
  const { lang, theme: th } = opts;
  const width = Math.max(20, opts.width);
  const { plane, slices, slice } = heatmapPlane(b);
  const out: string[] = [];
  const name = b.label === undefined ? '' : tr(lang, b.label);
  const dims = `${plane.rows}×${plane.cols}`;
  const headLines = wrapPlain(name ? `${name}  ${dims}` : dims, width, '  ');
  if (name && sw(`${name}  ${dims}`) <= width) out.push(th.value(name) + '  ' + th.muted(dims));
  else out.push(...headLines.map((l) => th.label(l)));
  if (plane.rows === 0 || plane.cols === 0) return out;

  const range = finiteRange(plane.data);
  let lo = b.min !== undefined && Number.isFinite(b.min) ? b.min : range.count ? range.min : 0;
  let hi = b.max !== undefined && Number.isFinite(b.max) ? b.max : range.count ? range.max : 0;
  if (hi < lo) [lo, hi] = [hi, lo];
  const diverging = lo < 0 && hi > 0;
  const span = Math.max(Math.abs(lo), Math.abs(hi));
  const colorOf = (v: number): RGB => {
    if (!Number.isFinite(v)) return [230, 60, 230];
    if (diverging) return divColor(Math.max(-1, Math.min(1, v / span)));
    return seqColor(hi > lo ? (v / 2 - lo / 2) / (hi / 2 - lo / 2) : 0.5);
  };
  const rich = th.color && th.chalk.level >= 2;

  let rowLabels = b.rowLabels && b.rowLabels.length ? b.rowLabels : undefined;
  let colLabels = b.colLabels && b.colLabels.length ? b.colLabels : undefined;
  const notes: string[] = [];

  // Layout: cell width, gap, row-label column, then the downsampling factor.
  const layout = () => {
    const half = rich && !rowLabels && !colLabels && plane.rows >= 16;
    const labelW = colLabels ? Math.max(...colLabels.map((l) => sw(l))) : 0;
    const cw = half ? 1 : colLabels ? Math.max(2, Math.min(6, labelW)) : 2;
    const gap = colLabels ? 1 : 0;
    const rlw = rowLabels ? Math.min(Math.max(...rowLabels.map((l) => sw(l))), Math.floor(width / 4)) + 1 : 0;
    const fixed = 2 + rlw + 2;
    const maxCols = Math.max(1, Math.floor((width - fixed + gap) / (cw + gap)));
    const maxRows = Math.max(1, b.maxRows ?? 24) * (half ? 2 : 1);
    const f = Math.max(1, Math.ceil(plane.cols / maxCols), Math.ceil(plane.rows / maxRows));
    return { half, cw, gap, rlw, f };
  };
  let L = layout();
  if (L.f > 1 && (rowLabels || colLabels)) {
    rowLabels = undefined;
    colLabels = undefined;
    notes.push(tr(lang, msg('row/column labels hidden: the map is downsampled', '行/列标签已隐藏：图已缩小')));
    L = layout();
  }
  const { half, cw, gap, rlw, f } = L;
  const p = downsample(plane, f);
  if (f > 1) {
    notes.push(
      tr(lang, msg(`downsampled ${plane.rows}×${plane.cols} → ${p.rows}×${p.cols} (each cell = mean of ${f}×${f})`, `已缩小 ${plane.rows}×${plane.cols} → ${p.rows}×${p.cols}（每格为 ${f}×${f} 的平均值）`)),
    );
  }
  // A labelled block names its slice itself ("head 2"); unlabelled ones say which one this is, counting from 1.
  if (slices > 1 && b.label === undefined) notes.push(tr(lang, msg(`slice ${slice + 1} of ${slices}`, `第 ${slice + 1} 个切片，共 ${slices} 个`)));

  const mapW = p.cols * cw + (p.cols - 1) * gap;
  const indent = '  ';
  const blankLabel = ' '.repeat(rlw);

  // Column labels (or indices with a key when a label does not fit).
  if (colLabels) {
    const fits = colLabels.every((l) => sw(l) <= cw);
    const heads = colLabels.slice(0, p.cols).map((l, i) => (fits ? l : String(i)));
    if (heads.every((h) => sw(h) <= cw)) {
      out.push((indent + blankLabel + ' ' + heads.map((h) => padStart(h, cw)).join(' '.repeat(gap))).trimEnd());
      if (!fits) {
        const key = colLabels.map((l, i) => `${i}=${l}`).join('  ');
        for (const l of wrapPlain(key, width - 2, '  ')) out.push(th.muted(indent + l));
      }
    }
  }

  const cell = (v: number): string => {
    const sp = special(v);
    if (sp) return th.color ? fg(th, colorOf(v), sp.repeat(cw)) : sp.repeat(cw);
    if (rich) return fg(th, colorOf(v), '█'.repeat(cw));
    const ch = SHADES[shadeLevel(v, lo, hi)].repeat(cw);
    return th.color ? fg(th, colorOf(v), ch) : ch;
  };

  const frameTop = indent + blankLabel + th.muted('┌' + '─'.repeat(mapW) + '┐');
  const frameBottom = indent + blankLabel + th.muted('└' + '─'.repeat(mapW) + '┘');
  out.push(frameTop);
  if (half) {
    for (let r = 0; r < p.rows; r += 2) {
      let line = '';
      for (let c = 0; c < p.cols; c++) {
        const top = p.data[r * p.cols + c];
        const bottom = r + 1 < p.rows ? p.data[(r + 1) * p.cols + c] : null;
        line += fgbg(th, colorOf(top), bottom === null ? null : colorOf(bottom), '▀');
      }
      out.push(indent + th.muted('│') + line + th.muted('│'));
    }
  } else {
    for (let r = 0; r < p.rows; r++) {
      const rl = rowLabels ? padStart(truncate(rowLabels[r] ?? '', rlw - 1), rlw - 1) + ' ' : '';
      const cells: string[] = [];
      for (let c = 0; c < p.cols; c++) cells.push(cell(p.data[r * p.cols + c]));
      out.push(indent + th.label(rl) + th.muted('│') + cells.join(' '.repeat(gap)) + th.muted('│'));
    }
  }
  out.push(frameBottom);

  // Legend: low end, the scale, high end.
  const lowWord = tr(lang, b.lowLabel ?? msg('min', '最小'));
  const highWord = tr(lang, b.highLabel ?? msg('max', '最大'));
  let bar: string;
  if (rich) {
    bar = '';
    for (let i = 0; i < 10; i++) bar += fg(th, colorOf(hi > lo ? lo + ((i + 0.5) / 10) * (hi / 2 - lo / 2) * 2 : lo), '█');
  } else {
    bar = '[' + SHADES.map((s) => s + s).join('') + ']';
    if (th.color) bar = th.muted(bar);
  }
  const left = `${lowWord} ${fmtShort(lo)}`;
  const right = `${fmtShort(hi)} ${highWord}`;
  const barW = sw(bar);
  if (2 + sw(left) + 1 + barW + 1 + sw(right) <= width) out.push(indent + th.label(left) + ' ' + bar + ' ' + th.label(right));
  else {
    out.push(indent + th.label(left) + ' … ' + th.label(right));
    out.push(indent + bar);
  }
  if (range.count && (lo !== range.min || hi !== range.max)) {
    notes.push(tr(lang, msg(`data min ${fmtShort(range.min)}, max ${fmtShort(range.max)}`, `数据最小 ${fmtShort(range.min)}，最大 ${fmtShort(range.max)}`)));
  }
  const present = { nan: false, pos: false, neg: false };
  for (const v of p.data) {
    if (Number.isNaN(v)) present.nan = true;
    else if (v === Infinity) present.pos = true;
    else if (v === -Infinity) present.neg = true;
  }
  const keys: string[] = [];
  if (present.nan) keys.push(tr(lang, msg('? = NaN', '? = 非数 NaN')));
  if (present.pos) keys.push(tr(lang, msg('+ = +∞', '+ = +∞')));
  if (present.neg) keys.push(tr(lang, msg('- = −∞', '- = −∞')));
  if (keys.length) notes.push(keys.join(', '));
  for (const n of notes) for (const l of wrapPlain(n, width - 2, '  ')) out.push(th.muted(indent + l));
  return out;
}
