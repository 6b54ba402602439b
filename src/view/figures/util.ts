/**
 * Small helpers shared by the views: widths measured with string-width (so
 * Chinese text, two columns a character, lines up), number formatting that
 * never lies about tiny or huge values, colour scales, and layout of panels.
 * Nothing here imports the text renderer (it imports the views).
 */
import stripAnsi from 'strip-ansi';
import stringWidth from '../width.js';
import type { Theme } from '../style.js';

/**
 * Characters that are always one column (ASCII, Latin, punctuation, arrows,
 * math, box drawing, blocks, shapes): for them the width is the length, which
 * is ~100× faster than string-width's grapheme segmentation. A test checks
 * every one of them against string-width.
 */
export const NARROW_RANGES: readonly [number, number][] = [
  [0x20, 0x7e],
  [0xa1, 0xac],
  [0xae, 0x2ff],
  [0x2010, 0x2027],
  [0x2030, 0x205e],
  [0x2190, 0x22ff],
  [0x2500, 0x25fc],
];
const NARROW = new RegExp(`^[${NARROW_RANGES.map(([a, b]) => `\\u${a.toString(16).padStart(4, '0')}-\\u${b.toString(16).padStart(4, '0')}`).join('')}]*$`);
const HAS_ANSI = /\u001b\[/;

/** Display width in columns (colour codes count 0, Chinese characters 2). */
export function sw(s: string): number {
  if (NARROW.test(s)) return s.length;
  if (HAS_ANSI.test(s)) {
    const bare = stripAnsi(s);
    if (NARROW.test(bare)) return bare.length;
    return stringWidth(bare);
  }
  return stringWidth(s);
}

export function padEnd(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - sw(s)));
}

export function padStart(s: string, w: number): string {
  return ' '.repeat(Math.max(0, w - sw(s))) + s;
}

export function center(s: string, w: number): string {
  const free = Math.max(0, w - sw(s));
  const left = Math.floor(free / 2);
  return ' '.repeat(left) + s + ' '.repeat(free - left);
}

/** Cuts plain text (no colour codes) to at most w columns, ending with … when cut. */
export function truncate(s: string, w: number): string {
  if (w <= 0) return '';
  if (sw(s) <= w) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const cw = sw(ch);
    if (used + cw > w - 1) break;
    out += ch;
    used += cw;
  }
  return out + '…';
}

/**
 * Cuts a line that may carry colour codes to at most `width` columns. A last
 * line of defence: the views lay themselves out to fit, this only guarantees it.
 */
export function clipLine(s: string, width: number): string {
  if (sw(s) <= width) return s;
  let out = '';
  let w = 0;
  let colored = false;
  for (const m of s.matchAll(/(\u001b\[[0-9;]*m)|([\s\S])/gu)) {
    if (m[1]) {
      out += m[1];
      colored = true;
      continue;
    }
    const cw = sw(m[2]);
    if (w + cw > width) break;
    out += m[2];
    w += cw;
  }
  return colored ? out + '\u001b[0m' : out;
}

const NO_LINE_START = /^[，。、；：？！）》」』】]/;

/**
 * Wraps plain text to `width` columns: at spaces, between Chinese characters,
 * and inside a word that is longer than a line. Continuation lines get `indent`.
 */
export function wrapPlain(s: string, width: number, indent = ''): string[] {
  const max = Math.max(4, width);
  const units = s.match(/\s+|[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffee]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffee]+/g) ?? [];
  const lines: string[] = [];
  const lead = /^ */.exec(s)![0];
  let line = lead.length < max ? lead : '';
  const flush = () => {
    lines.push(line.trimEnd());
    line = indent;
  };
  for (const u of units) {
    if (/^\s+$/.test(u)) {
      if (line.trim() !== '' && sw(line) + 1 < max) line += ' ';
      continue;
    }
    if (sw(line + u) > max && line.trim() !== '') {
      // Chinese closing punctuation must not start a line: take the character before it along.
      const chars = [...line];
      if (NO_LINE_START.test(u) && chars.length >= 2 && chars[chars.length - 1].trim() !== '' && sw(indent + chars[chars.length - 1] + u) <= max) {
        const last = chars.pop()!;
        line = chars.join('');
        flush();
        line += last;
      } else flush();
    }
    let rest = u;
    while (sw(line + rest) > max) {
      let cut = '';
      let used = sw(line);
      for (const ch of rest) {
        const cw = sw(ch);
        if (used + cw > max) break;
        cut += ch;
        used += cw;
      }
      if (!cut) {
        if (line.trim() === '') {
          // Indent too wide for even one character: drop the indent.
          line = '';
          continue;
        }
        flush();
        continue;
      }
      line += cut;
      rest = rest.slice(cut.length);
      flush();
    }
    line += rest;
  }
  if (line.trim() !== '' || lines.length === 0) lines.push(line.trimEnd());
  return lines;
}

/**
 * Places panels (each a list of lines) side by side, `gap` columns apart,
 * wrapping to a new band of panels when the next one would pass `width`.
 * Returns null when a single panel is wider than `width`.
 */
export function packPanels(panels: readonly (readonly string[])[], width: number, gap = 3): string[] | null {
  const widths = panels.map((p) => Math.max(0, ...p.map((l) => sw(l))));
  if (widths.some((w) => w > width)) return null;
  const out: string[] = [];
  let i = 0;
  while (i < panels.length) {
    const band: number[] = [i];
    let used = widths[i];
    while (i + band.length < panels.length && used + gap + widths[i + band.length] <= width) {
      used += gap + widths[i + band.length];
      band.push(i + band.length);
    }
    if (out.length) out.push('');
    const h = Math.max(...band.map((k) => panels[k].length));
    for (let r = 0; r < h; r++) {
      out.push(
        band
          .map((k, j) => {
            const cell = panels[k][r] ?? '';
            return j === band.length - 1 ? cell : padEnd(cell, widths[k]);
          })
          .join(' '.repeat(gap))
          .trimEnd(),
      );
    }
    i += band.length;
  }
  return out;
}

// ---------------------------------------------------------------------------
// Numbers

/** Finite, non-NaN. */
export const finite = (v: number): boolean => Number.isFinite(v);

/** Precision that shows the values without needless zeros: 0 for whole numbers, else 2. */
export function autoPrecision(values: ArrayLike<number>, limit = 4096): number {
  const n = Math.min(values.length, limit);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v) && (!Number.isInteger(v) || Math.abs(v) >= 1e6)) return 2;
  }
  return 0;
}

export function finiteRange(values: ArrayLike<number>): { min: number; max: number; count: number } {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, count };
}

// ---------------------------------------------------------------------------
// Colour

export type RGB = readonly [number, number, number];

function lerp(a: RGB, b: RGB, t: number): RGB {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}

function ramp(stops: readonly RGB[], t: number): RGB {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return lerp(stops[i], stops[i + 1], x - i);
}

const VIRIDIS: RGB[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
const COOLWARM_NEG: RGB[] = [
  [210, 210, 210],
  [59, 76, 192],
];
const COOLWARM_POS: RGB[] = [
  [210, 210, 210],
  [200, 30, 40],
];

/** Sequential scale, t in [0, 1]. */
export function seqColor(t: number): RGB {
  return ramp(VIRIDIS, t);
}

/** Diverging scale around 0: s in [-1, 1], blue below, red above. */
export function divColor(s: number): RGB {
  return s < 0 ? ramp(COOLWARM_NEG, -s) : ramp(COOLWARM_POS, s);
}

/** Colour for a number in a matrix: green positive, red negative, brighter when larger. */
export function signColor(v: number, maxAbs: number): RGB {
  if (!Number.isFinite(v)) return [230, 120, 230];
  const t = maxAbs > 0 ? Math.min(1, Math.abs(v) / maxAbs) : 0;
  if (v === 0) return [128, 128, 128];
  return v > 0 ? lerp([120, 150, 120], [80, 230, 90], t) : lerp([160, 120, 120], [255, 80, 70], t);
}

export function fg(th: Theme, c: RGB, s: string): string {
  return th.color ? th.chalk.rgb(c[0], c[1], c[2])(s) : s;
}

export function fgbg(th: Theme, top: RGB, bottom: RGB | null, s: string): string {
  if (!th.color) return s;
  const f = th.chalk.rgb(top[0], top[1], top[2]);
  return bottom ? f.bgRgb(bottom[0], bottom[1], bottom[2])(s) : f(s);
}
