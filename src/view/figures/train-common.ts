/**
 * What the training figures share: the theme of a colour level, painting an
 * RGB colour at that level (truecolor, the nearest of the 256 colours, or
 * chalk's 16-colour mapping), legends packed into lines, resampling a square
 * grid, and small heatmap tiles (one per hidden unit, filter or feature map).
 */
import { fmtShort } from '../../i18n/numbers.js';
import { escapeControls } from '../sanitize.js';
import { makeTheme, type Theme } from '../style.js';
import { clipLine, padEnd, sw, truncate, wrapPlain } from '../layout.js';
import { SHADES, shadeLevel } from './heatmap.js';
import type { TrainFigOptions } from './train-types.js';
import { divColor, finiteRange, seqColor, type RGB } from './util.js';

const themes = new Map<number, Theme>();

/** One theme per colour level, made once (a chalk instance is not free). */
export function themeOf(level: TrainFigOptions['level']): Theme {
  const lv = level === 1 || level === 2 || level === 3 ? level : 0;
  let th = themes.get(lv);
  if (!th) {
    th = makeTheme(lv);
    themes.set(lv, th);
  }
  return th;
}

/** The guarantee every figure gives: no line wider than `width` (they lay themselves out to fit; this only makes sure). */
export function fit(lines: readonly string[], width: number): string[] {
  const w = Math.max(1, Math.floor(width));
  return lines.map((l) => clipLine(l, w));
}

/** A usable width: whole, at least 1 (NaN and negative widths from a tiny terminal become 1). */
export function widthOf(width: number): number {
  return Number.isFinite(width) ? Math.max(1, Math.floor(width)) : 80;
}

/** A name that came with the data (a class, a layer, a caption from the student's file): controls shown escaped, on one line. */
export function safeText(s: unknown): string {
  return escapeControls(String(s), { singleLine: true });
}

// ---------------------------------------------------------------------------
// 256 colours

// The xterm 6×6×6 cube's channel values, then the 24 greys (8, 18, … 238).
const CUBE = [0, 95, 135, 175, 215, 255];

function nearestCube(v: number): number {
  let best = 0;
  for (let i = 1; i < 6; i++) if (Math.abs(CUBE[i] - v) < Math.abs(CUBE[best] - v)) best = i;
  return best;
}

const dist2 = (a: RGB, b: RGB) => (a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2;

/**
 * The xterm-256 index nearest to an RGB colour: the closest cube colour or the
 * closest grey, whichever is nearer (chalk's own mapping rounds each channel
 * on a 0–5 scale, which turns pale colours noticeably darker).
 */
export function nearest256(c: RGB): number {
  const ri = nearestCube(c[0]);
  const gi = nearestCube(c[1]);
  const bi = nearestCube(c[2]);
  const cube: RGB = [CUBE[ri], CUBE[gi], CUBE[bi]];
  const mean = (c[0] + c[1] + c[2]) / 3;
  const gi24 = Math.max(0, Math.min(23, Math.round((mean - 8) / 10)));
  const grey: RGB = [8 + 10 * gi24, 8 + 10 * gi24, 8 + 10 * gi24];
  return dist2(grey, c) < dist2(cube, c) ? 232 + gi24 : 16 + 36 * ri + 6 * gi + bi;
}

/**
 * Foreground (and optionally background) colour at the theme's level:
 * truecolor, the nearest of the 256, or chalk's 16. Levels 2 and 3 write the
 * codes chalk would, directly: a chalk chain per cell costs ~25 ms for a
 * 120-column boundary, too much at 15 frames a second.
 */
export function paint(th: Theme, fgc: RGB | null, bgc: RGB | null, s: string): string {
  if (!th.color) return s;
  const level = th.chalk.level;
  if (level === 3 || level === 2) {
    const code = (c: RGB, base: number) => (level === 3 ? `\u001b[${base};2;${c[0]};${c[1]};${c[2]}m` : `\u001b[${base};5;${nearest256(c)}m`);
    const open = (fgc ? code(fgc, 38) : '') + (bgc ? code(bgc, 48) : '');
    const close = (bgc ? '\u001b[49m' : '') + (fgc ? '\u001b[39m' : '');
    return open + s + close;
  }
  let c = th.chalk;
  if (fgc) c = c.rgb(fgc[0], fgc[1], fgc[2]);
  if (bgc) c = c.bgRgb(bgc[0], bgc[1], bgc[2]);
  return c(s);
}

export function mix(a: RGB, b: RGB, t: number): RGB {
  const u = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  return [Math.round(a[0] + (b[0] - a[0]) * u), Math.round(a[1] + (b[1] - a[1]) * u), Math.round(a[2] + (b[2] - a[2]) * u)];
}

// ---------------------------------------------------------------------------
// Legends

/**
 * Legend items joined by `gap` into lines of at most `width` columns. An item
 * wider than a line gets lines of its own: plain text wrapped at spaces, a
 * coloured item cut.
 */
export function packItems(items: readonly string[], width: number, gap = '  '): string[] {
  const out: string[] = [];
  let line = '';
  for (const it of items) {
    if (sw(it) > width) {
      if (line) out.push(line);
      line = '';
      out.push(...(/\u001b\[/.test(it) ? [clipLine(it, width)] : wrapPlain(it, width)));
      continue;
    }
    if (line && sw(line) + sw(gap) + sw(it) > width) {
      out.push(line);
      line = '';
    }
    line = line ? line + gap + it : it;
  }
  if (line) out.push(line);
  return out;
}

/** A title line, cut to the width. */
export function titleLine(th: Theme, s: string, width: number): string {
  return th.value(truncate(s, width));
}

// ---------------------------------------------------------------------------
// Resampling

/** Nearest-neighbour resampling of a square res×res grid to n×n (down or up). */
export function resampleIndex(res: number, n: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < n; i++) idx.push(Math.min(res - 1, Math.floor(((i + 0.5) * res) / n)));
  return idx;
}

/** Area means of a rows×cols grid down to r×c cells (each cell the mean of the source cells it covers; NaN/∞ carry). */
export function resampleMean(data: ArrayLike<number>, rows: number, cols: number, r: number, c: number): Float64Array {
  const out = new Float64Array(r * c);
  for (let i = 0; i < r; i++) {
    const y0 = Math.floor((i * rows) / r);
    const y1 = Math.max(y0 + 1, Math.floor(((i + 1) * rows) / r));
    for (let j = 0; j < c; j++) {
      const x0 = Math.floor((j * cols) / c);
      const x1 = Math.max(x0 + 1, Math.floor(((j + 1) * cols) / c));
      let sum = 0;
      let n = 0;
      for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) {
        sum += Number(data[y * cols + x]);
        n++;
      }
      out[i * c + j] = sum / n;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// Tiles: small square maps sharing one scale

/** The scale a set of maps share: diverging around 0 when the values have both signs (as heatmap.ts), else sequential. */
export interface TileScale {
  lo: number;
  hi: number;
  diverging: boolean;
}

export function tileScale(maps: readonly ArrayLike<number>[]): TileScale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const m of maps) {
    const r = finiteRange(m);
    if (r.count) {
      lo = Math.min(lo, r.min);
      hi = Math.max(hi, r.max);
    }
  }
  if (lo > hi) return { lo: 0, hi: 0, diverging: false };
  const diverging = lo < 0 && hi > 0;
  if (diverging) {
    const span = Math.max(-lo, hi);
    return { lo: -span, hi: span, diverging };
  }
  return { lo, hi, diverging };
}

export function scaleColor(s: TileScale, v: number): RGB {
  if (!Number.isFinite(v)) return [230, 60, 230];
  if (s.diverging) return divColor(Math.max(-1, Math.min(1, v / s.hi)));
  return seqColor(s.hi > s.lo ? (v / 2 - s.lo / 2) / (s.hi / 2 - s.lo / 2) : 0.5);
}

/** The character of a value without colour: a shade, or ? / + / - for NaN / +∞ / −∞ (as heatmap.ts). */
export function shadeOf(s: TileScale, v: number): string {
  if (Number.isNaN(v)) return '?';
  if (v === Infinity) return '+';
  if (v === -Infinity) return '-';
  return SHADES[shadeLevel(v, s.lo, s.hi)];
}

/**
 * One square map (side×side) drawn at most `px` cells across (block means when
 * shrunk): with 256 colours or more as half blocks, two map rows per line, one
 * column each (small maps: full blocks two columns wide); otherwise (and at
 * level 1, where 16 colours cannot show a scale) as shade characters two
 * columns wide, coloured where there is colour.
 */
export function tileLines(data: ArrayLike<number>, side: number, px: number, s: TileScale, th: Theme): string[] {
  const n = tileCells(side, px);
  const cells = n === side ? Float64Array.from({ length: side * side }, (_, i) => Number(data[i])) : resampleMean(data, side, side, n, n);
  const out: string[] = [];
  if (halfBlocks(n, th)) {
    for (let r = 0; r < n; r += 2) {
      let line = '';
      for (let c = 0; c < n; c++) {
        const top = cells[r * n + c];
        const bottom = r + 1 < n ? cells[(r + 1) * n + c] : null;
        const special = !Number.isFinite(top) ? shadeOf(s, top) : bottom !== null && !Number.isFinite(bottom) ? shadeOf(s, bottom) : null;
        if (special) line += paint(th, [230, 60, 230], null, special);
        else line += paint(th, scaleColor(s, top), bottom === null ? null : scaleColor(s, bottom), '▀');
      }
      out.push(line);
    }
    return out;
  }
  for (let r = 0; r < n; r++) {
    let line = '';
    for (let c = 0; c < n; c++) {
      const v = cells[r * n + c];
      const ch = shadeOf(s, v).repeat(2);
      line += !th.color ? ch : Number.isFinite(v) && th.chalk.level >= 2 ? paint(th, scaleColor(s, v), null, '██') : paint(th, scaleColor(s, v), null, ch);
    }
    out.push(line);
  }
  return out;
}

/** Cells across a tile of a side×side map drawn at most `px` cells across (maps are shrunk, never enlarged). */
export function tileCells(side: number, px: number): number {
  return Math.max(1, Math.min(Math.floor(px), Math.floor(side)));
}

/** Half blocks need 256 colours or more, and a map big enough that a one-column cell is not too small to see (a 5×5 filter gets two columns a cell). */
function halfBlocks(n: number, th: Theme): boolean {
  return th.color && th.chalk.level >= 2 && n >= 10;
}

/** Width in columns of a tile of n×n cells at this theme (see tileLines). */
export function tileWidth(n: number, th: Theme): number {
  return halfBlocks(n, th) ? n : 2 * n;
}

/** Lines a tile of n×n cells takes. */
export function tileHeight(n: number, th: Theme): number {
  return halfBlocks(n, th) ? Math.ceil(n / 2) : n;
}

/** The scale's legend: "-0.42 [  ░░▒▒▓▓██] 0.42", or a colour bar. */
export function scaleLegend(s: TileScale, th: Theme): string {
  let bar: string;
  if (th.color) {
    bar = '';
    for (let i = 0; i < 10; i++) bar += paint(th, scaleColor(s, s.lo + ((i + 0.5) / 10) * (s.hi / 2 - s.lo / 2) * 2), null, '█');
  } else bar = '[' + SHADES.map((x) => x + x).join('') + ']';
  return th.label(fmtShort(s.lo)) + ' ' + bar + ' ' + th.label(fmtShort(s.hi));
}

/**
 * Tiles with captions beneath, laid in rows that fit the width (`gap` columns
 * apart). Each tile's lines are padded to its width so the rows line up.
 */
export function tileRows(tiles: readonly { lines: string[]; caption: string }[], width: number, gap = 2): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < tiles.length) {
    const band: number[] = [];
    let used = 0;
    while (i + band.length < tiles.length) {
      const t = tiles[i + band.length];
      const w = Math.max(1, ...t.lines.map(sw));
      if (band.length && used + gap + w > width) break;
      used += (band.length ? gap : 0) + w;
      band.push(i + band.length);
    }
    const widths = band.map((k) => Math.max(1, ...tiles[k].lines.map(sw)));
    const h = Math.max(...band.map((k) => tiles[k].lines.length));
    for (let r = 0; r < h; r++) {
      out.push(band.map((k, j) => padEnd(tiles[k].lines[r] ?? '', widths[j])).join(' '.repeat(gap)).trimEnd());
    }
    out.push(band.map((k, j) => padEnd(truncate(tiles[k].caption, widths[j]), widths[j])).join(' '.repeat(gap)).trimEnd());
    i += band.length;
  }
  return out;
}
