/**
 * matrix: the numbers of a tensor in aligned columns, with its shape in both
 * conventions (CS231n's W×H×D and the framework's axis order). Large tensors
 * are elided (first/last rows and columns around ⋮ and …, with indices), 3-D
 * tensors are shown slice by slice (side by side when they fit), and chosen
 * cells can be emphasised: a window [in brackets] or winners *between stars*
 * without colour; inverse / bold with colour.
 */
import { msg, tr } from '../../i18n/index.js';
import { keepIndices, matrixGeometry, slicesAndRows } from '../matrix-shown.js';

import type { MatrixBlock, MatrixHighlight, ViewOptions } from './types.js';
import { autoPrecision, fg, signColor } from './util.js';
import { fmtFixed } from '../../i18n/numbers.js';
import { packPanels, padStart, sw, truncate, wrapPlain } from '../layout.js';

export { keepIndices, matrixGeometry, type MatrixGeometry } from '../matrix-shown.js';

type Mark = 'box' | 'star' | 'unused';

export function renderMatrix(b: MatrixBlock, opts: ViewOptions): string[] {
  const { lang, theme: th } = opts;
  const width = Math.max(20, opts.width);
  const g = matrixGeometry(b.tensor, b.layout);
  const { rows: R, cols: C } = g;
  const out: string[] = [];

  // Heading: name and shape.
  const dims = tr(lang, g.dims);
  const name = b.label === undefined ? '' : tr(lang, b.label);
  const head = name ? `${name}  ${dims}` : dims;
  const headLines = wrapPlain(head, width, '  ');
  if (name && sw(head) <= width) out.push(th.value(name) + '  ' + th.muted(dims));
  else out.push(...headLines.map((l) => th.label(l)));

  if (R === 0 || C === 0 || g.slices === 0) {
    out.push(th.muted(tr(lang, msg('  (empty)', '  （空）'))));
    return out;
  }

  // Which slices, rows and columns are shown.
  const { sliceIdx, shownSlices, rowIdx } = slicesAndRows(g, b);
  const rowsElided = rowIdx.includes(-1);

  const precision = Math.max(0, Math.min(8, Math.round(b.precision ?? autoPrecision(b.tensor.data))));
  const fmt = (v: number) => fmtFixed(v, precision);

  // Cell width from the values that may be shown (the first and last columns).
  const probe = keepIndices(C, Math.min(C, 2 * Math.ceil(width / 3) + 1)).filter((c) => c >= 0);
  let cw = 1;
  for (const s of shownSlices) for (const r of rowIdx) if (r >= 0) for (const c of probe) cw = Math.max(cw, fmt(g.get(s, r, c)).length);

  // Columns that fit.
  const slotOf = (w: number) => w + 2;
  let colIdx: number[];
  let indexed = rowsElided;
  const fitsAll = (pw: number) => C * slotOf(cw) <= width - pw;
  if (!indexed && fitsAll(2)) {
    colIdx = keepIndices(C, C);
  } else {
    indexed = true;
    const dw = String(R - 1).length;
    cw = Math.max(cw, String(C - 1).length);
    const avail = width - (dw + 1);
    const slot = slotOf(cw);
    if (C * slot <= avail) colIdx = keepIndices(C, C);
    else {
      const k = Math.floor((avail - 3) / (2 * slot));
      if (k >= 1) colIdx = [...Array.from({ length: k }, (_, i) => i), -1, ...Array.from({ length: k }, (_, i) => C - k + i)];
      else colIdx = [...Array.from({ length: Math.max(1, Math.floor((avail - 3) / slot)) }, (_, i) => i), -1];
    }
  }
  const dw = String(R - 1).length;
  const prefix = (r: number | null) => (indexed ? th.muted(padStart(r === null ? '' : r < 0 ? '⋮' : String(r), dw)) + ' ' : '  ');

  // Emphasised cells per slice.
  const highlights: readonly MatrixHighlight[] = b.highlight === undefined ? [] : Array.isArray(b.highlight) ? (b.highlight as readonly MatrixHighlight[]) : [b.highlight as MatrixHighlight];
  // Indexed once per render: a max pool over a large input marks thousands of winners.
  const marks = new Map<string, Mark>();
  for (const h of highlights) {
    const style = h.style ?? 'box';
    for (const cell of h.cells) {
      const [hr, hc] = cell.length === 1 ? [0, cell[0]] : [cell[cell.length - 2], cell[cell.length - 1]];
      const key = `${h.slice ?? '*'}:${hr}:${hc}`;
      if (!marks.has(key) || style === 'star') marks.set(key, style);
    }
  }
  const markAt = (s: number, r: number, c: number): Mark | null => {
    const own = marks.get(`${s}:${r}:${c}`);
    const any = marks.get(`*:${r}:${c}`);
    if (own === 'star' || any === 'star') return 'star';
    return own ?? any ?? null;
  };

  let maxAbs = 0;
  const data = b.tensor.data;
  for (let i = 0; i < data.length; i++) if (Number.isFinite(data[i])) maxAbs = Math.max(maxAbs, Math.abs(data[i]));
  const colorize = th.color && b.colorize !== false;

  const cellText = (v: number, mark: Mark | null): string => {
    const text = padStart(fmt(v), cw);
    const tinted = colorize ? fg(th, signColor(v, maxAbs), text) : text;
    if (mark === null) return ' ' + tinted + ' ';
    if (mark === 'unused') return ' ' + (th.color ? th.chalk.dim(text) : text) + '·';
    if (!th.color) return mark === 'box' ? '[' + text + ']' : '*' + text + '*';
    return mark === 'box' ? th.chalk.inverse(' ' + tinted + ' ') : th.chalk.bgYellow.black.bold(' ' + text + ' ');
  };

  const panelFor = (s: number): string[] => {
    const lines: string[] = [];
    const sl = g.sliceLabel(s);
    if (sl !== null) lines.push(th.label(truncate(tr(lang, sl), width)));
    if (indexed) {
      lines.push(prefix(null) + th.muted(colIdx.map((c) => (c < 0 ? '   ' : ' ' + padStart(String(c), cw) + ' ')).join('')).trimEnd());
    }
    for (const r of rowIdx) {
      if (r < 0) {
        lines.push((prefix(-1) + th.muted(colIdx.map((c) => (c < 0 ? '   ' : ' ' + padStart('⋮', cw) + ' ')).join(''))).trimEnd());
        continue;
      }
      lines.push((prefix(r) + colIdx.map((c) => (c < 0 ? th.muted(' … ') : cellText(g.get(s, r, c), markAt(s, r, c)))).join('')).trimEnd());
    }
    return lines;
  };

  const panels = shownSlices.map(panelFor);
  if (panels.length === 1) out.push(...panels[0]);
  else out.push(...(packPanels(panels, width, 3) ?? panels.flatMap((p, i) => (i ? ['', ...p] : p))));

  if (sliceIdx.includes(-1)) {
    const hidden = g.slices - shownSlices.length;
    const gap = sliceIdx.indexOf(-1);
    const from = sliceIdx[gap - 1] + 1;
    const to = gap + 1 < sliceIdx.length ? sliceIdx[gap + 1] - 1 : g.slices - 1;
    const range = from === to ? `${from}` : `${from}–${to}`;
    const word = b.tensor.shape.length === 3 ? msg('channels', '个深度切片') : msg('slices', '个切片');
    out.push(th.muted(truncate(tr(lang, msg(`  … ${hidden} more ${word.en} (${range}) not shown`, `  … 另有 ${hidden} ${word.zh}（${range}）未显示`)), width)));
  }
  return out;
}
