/**
 * volumes: W×H×D boxes (CS231n's activation volumes) sketched with
 * box-drawing characters, the width written under the front face, the
 * height at its left and the depth at the back corner, in a row
 * "input → layer → output" with the layer written on each arrow. Box sizes
 * grow with log₂ of the size so 3 and 512 both fit; when the row is wider
 * than the screen the boxes shrink, then stack vertically.
 */
import { msg, tr } from '../../i18n/index.js';
import type { ViewOptions, VolumeItem, VolumesBlock } from './types.js';
import { center, padEnd, sw, truncate, wrapPlain } from '../layout.js';

export interface BoxSketch {
  lines: string[];
  /** Rows of the front face's top and bottom borders. */
  frontTop: number;
  frontBottom: number;
  /** Column where the front face starts (after the height label). */
  faceLeft: number;
  faceWidth: number;
}

const lg = (n: number) => Math.log2((Number.isFinite(n) && n > 1 ? Math.min(n, 1e12) : 1) + 1);

export function boxSize(v: Pick<VolumeItem, 'width' | 'height' | 'depth'>, scale: number): { fw: number; fh: number; dd: number } {
  const fw = Math.max(2, Math.min(20, Math.round(scale * 1.6 * lg(v.width))));
  const fh = Math.max(1, Math.min(8, Math.round(scale * 0.7 * lg(v.height))));
  const dd = Math.max(1, Math.min(fh, 5, Math.round(scale * 0.6 * lg(v.depth))));
  return { fw, fh, dd };
}

const num = (n: number) => (Number.isFinite(n) ? String(n) : '?');

/** One box: oblique W×H×D sketch with its three sizes written on it. */
export function sketchBox(v: Pick<VolumeItem, 'width' | 'height' | 'depth'>, scale: number): BoxSketch {
  const { fw, fh, dd } = boxSize(v, scale);
  const hl = num(v.height);
  const dl = num(v.depth);
  const left = sw(hl) + 1;
  const boxW = fw + 2 + dd;
  const boxH = fh + 2 + dd;
  const W = left + boxW + 1 + sw(dl);
  const grid: string[][] = Array.from({ length: boxH + 1 }, () => Array<string>(W).fill(' '));
  const put = (r: number, c: number, ch: string) => {
    grid[r][left + c] = ch;
  };
  // Back face: top edge, right edge.
  put(0, dd, '┌');
  for (let c = dd + 1; c <= dd + fw; c++) put(0, c, '─');
  put(0, dd + fw + 1, '┐');
  for (let r = 1; r <= fh; r++) put(r, dd + fw + 1, '│');
  put(fh + 1, dd + fw + 1, '┘');
  // Edges going back.
  for (let k = 1; k < dd; k++) {
    put(k, dd - k, '╱');
    put(k, dd + fw + 1 - k, '╱');
    put(fh + 1 + k, dd + fw + 1 - k, '╱');
  }
  // Front face (drawn last: it hides what is behind it).
  const top = dd;
  const bottom = dd + fh + 1;
  put(top, 0, '┌');
  put(top, fw + 1, '┐');
  put(bottom, 0, '└');
  put(bottom, fw + 1, '┘');
  for (let c = 1; c <= fw; c++) {
    put(top, c, '─');
    put(bottom, c, '─');
  }
  for (let r = top + 1; r < bottom; r++) {
    put(r, 0, '│');
    for (let c = 1; c <= fw; c++) put(r, c, ' ');
    put(r, fw + 1, '│');
  }
  // Sizes: height left of the front face, depth right of the back corner, width below.
  const mid = top + 1 + Math.floor((fh - 1) / 2);
  [...hl].forEach((ch, i) => (grid[mid][i] = ch));
  [...dl].forEach((ch, i) => (grid[fh + 1][left + boxW + 1 + i] = ch));
  const wl = num(v.width);
  const wStart = left + Math.max(0, Math.floor((fw + 2 - sw(wl)) / 2));
  [...wl].forEach((ch, i) => {
    if (wStart + i < W) grid[boxH][wStart + i] = ch;
  });
  const lines = grid.map((row) => row.join('').trimEnd());
  return { lines, frontTop: top, frontBottom: bottom, faceLeft: left, faceWidth: fw + 2 };
}

interface Panel {
  lines: string[];
  width: number;
  /** Row (from the top of the panel) of the front face's bottom border. */
  faceBottom: number;
  fh: number;
  /** Caption above the box, centred in `width` ('' if none). */
  label: string;
}

function panelFor(v: VolumeItem, scale: number, lang: ViewOptions['lang']): Panel {
  const box = sketchBox(v, scale);
  const caption = `${num(v.width)}×${num(v.height)}×${num(v.depth)}`;
  const boxW = Math.max(...box.lines.map(sw));
  const label = v.label === undefined ? '' : tr(lang, v.label);
  const width = Math.max(boxW, sw(caption), Math.min(sw(label), Math.max(boxW, sw(caption), 12)));
  const lines = [...box.lines, center(caption, width).trimEnd()];
  return { lines, width, faceBottom: box.frontBottom, fh: box.frontBottom - box.frontTop - 1, label: label ? center(truncate(label, width), width) : '' };
}

/**
 * Lays the volumes out in a row with arrows; null when the row is wider than
 * `width`. `lead`: the first item also gets its incoming arrow (a continued row).
 */
function row(items: readonly VolumeItem[], scale: number, width: number, lang: ViewOptions['lang'], lead = false): string[] | null {
  const panels = items.map((v) => panelFor(v, scale, lang));
  const ops = items.map((v, i) => ((i === 0 && !lead) || v.op === undefined ? '' : tr(lang, v.op)));
  const arrowW = ops.map((op, i) => (i === 0 && !lead ? 0 : Math.max(sw(op), 3) + 5));
  const total = panels.reduce((a, p) => a + p.width, 0) + arrowW.reduce((a, w) => a + w, 0);
  if (total > width) return null;
  // Bottom-align the front faces.
  const below = Math.max(...panels.map((p) => p.lines.length - 1 - p.faceBottom));
  const above = Math.max(...panels.map((p) => p.faceBottom));
  const H = above + 1 + below;
  const grid: string[] = Array(H).fill('');
  // Labels share one line above the boxes.
  let labels = panels.some((p) => p.label) ? '' : null;
  panels.forEach((p, i) => {
    if (arrowW[i] > 0) {
      const fh = i > 0 ? Math.min(p.fh, panels[i - 1].fh) : p.fh;
      const ar = above - 1 - Math.floor((fh - 1) / 2);
      const w = arrowW[i];
      for (let r = 0; r < H; r++) {
        let seg = ' '.repeat(w);
        if (r === ar) seg = '  ' + '─'.repeat(w - 5) + '▶  ';
        else if (r === ar - 1 && ops[i]) seg = '  ' + center(ops[i], w - 4) + '  ';
        grid[r] += seg;
      }
    }
    const offset = above - p.faceBottom;
    for (let r = 0; r < H; r++) grid[r] += padEnd(p.lines[r - offset] ?? '', p.width);
    if (labels !== null) labels += ' '.repeat(arrowW[i]) + padEnd(p.label, p.width);
  });
  return (labels !== null ? [labels, ...grid] : grid).map((l) => l.trimEnd());
}

/** Rows of volumes, as many per row as fit (each continued row starts with its arrow); null if one alone does not fit. */
function bands(items: readonly VolumeItem[], scale: number, width: number, lang: ViewOptions['lang']): string[] | null {
  const out: string[] = [];
  let i = 0;
  while (i < items.length) {
    let best: string[] | null = null;
    let n = 0;
    for (let k = i + 1; k <= items.length; k++) {
      const r = row(items.slice(i, k), scale, width, lang, i > 0);
      if (!r) break;
      best = r;
      n = k - i;
    }
    if (!best) return null;
    if (out.length) out.push('');
    out.push(...best);
    i += n;
  }
  return out;
}

/** The volumes one under the other, joined by ↓ arrows carrying the layer names. */
function column(items: readonly VolumeItem[], width: number, lang: ViewOptions['lang']): string[] {
  const out: string[] = [];
  items.forEach((v, i) => {
    if (i > 0) {
      const op = v.op === undefined ? '' : tr(lang, v.op);
      if (op) out.push(...wrapPlain(`   │ ${op}`, width, '   │ '));
      out.push('   ▼');
    }
    let p: Panel | null = null;
    for (const s of [1, 0.75, 0.5, 0.3, 0.1]) {
      p = panelFor(v, s, lang);
      if (p.width + 2 <= width) break;
    }
    out.push(...(p!.label ? [p!.label, ...p!.lines] : p!.lines).map((l) => truncate('  ' + l, width).trimEnd()));
  });
  return out;
}

export function renderVolumes(b: VolumesBlock, opts: ViewOptions): string[] {
  const { lang, theme: th } = opts;
  const width = Math.max(20, opts.width);
  const out: string[] = [];
  if (b.label !== undefined) out.push(...wrapPlain(tr(lang, b.label), width, '  ').map((l) => th.value(l)));
  if (b.items.length === 0) {
    out.push(th.muted(tr(lang, msg('  (no volumes)', '  （没有体）'))));
    return out;
  }
  let lines: string[] | null = null;
  for (const s of [1, 0.75, 0.5]) {
    lines = row(b.items, s, width - 2, lang);
    if (lines) break;
  }
  // Too wide for one row: several rows, then (narrow screens) one volume under another.
  if (!lines) lines = bands(b.items, 0.75, width - 2, lang);
  const plain = lines ? lines.map((l) => (l ? '  ' + l : l)) : column(b.items, width, lang);
  const paint = (l: string) => (th.color ? l.replace(/[┌┐└┘│─╱▶▼]+/g, (m) => th.accent(m)) : l);
  out.push(...plain.map(paint));
  return out;
}
