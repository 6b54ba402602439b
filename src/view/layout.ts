/**
 * The text-layout kit every drawing uses (figures, the stepper, the lesson
 * diagrams, the screens): display widths (Chinese characters take two
 * columns, colour codes none), padding and centring by width, cutting with
 * … or by columns, wrapping plain text, and putting blocks of lines side by side.
 */
import stripAnsi from 'strip-ansi';
import stringWidth from './width.js';

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
  const { text, colored } = takeColumns(s, width);
  return colored ? text + '\u001b[0m' : text;
}

/**
 * The longest start of `s` that fits in `width` columns, keeping every colour code it
 * passes (they take no columns): what clipLine and a screen's "there is more" cut share.
 */
export function takeColumns(s: string, width: number): { text: string; used: number; colored: boolean } {
  let text = '';
  let used = 0;
  let colored = false;
  for (const m of s.matchAll(/(\u001b\[[0-9;]*m)|([\s\S])/gu)) {
    if (m[1]) {
      text += m[1];
      colored = true;
      continue;
    }
    const cw = sw(m[2]);
    if (used + cw > width) break;
    text += m[2];
    used += cw;
  }
  return { text, used, colored };
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
      // Chinese closing punctuation must not start a line: take what stands before it along — one
      // Chinese character, or a whole Latin word or number ("89.8%", never just its "%").
      const last = /(?:[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffee]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffee]+)$/u.exec(line)?.[0];
      if (NO_LINE_START.test(u) && last !== undefined && line.trim() !== last && sw(indent + last + u) <= max) {
        line = line.slice(0, line.length - last.length);
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

/** The widest line's width. */
export function widthOf(lines: readonly string[]): number {
  return Math.max(0, ...lines.map(sw));
}

/** A block of lines, pushed down `top` rows when set beside others. */
export type Column = readonly string[] | { lines: readonly string[]; top?: number };

/** Puts blocks of lines next to each other, `gap` columns apart (top-aligned unless a block gives an offset). */
export function sideBySide(parts: readonly Column[], gap: number): string[] {
  const cols = parts.map((p) => ('lines' in p ? p : { lines: p, top: 0 }));
  const widths = cols.map((c) => widthOf(c.lines));
  const height = Math.max(...cols.map((c) => c.lines.length + (c.top ?? 0)));
  const out: string[] = [];
  for (let r = 0; r < height; r++) {
    const cells = cols.map((c, i) => padEnd(c.lines[r - (c.top ?? 0)] ?? '', widths[i]));
    out.push(cells.join(' '.repeat(gap)).trimEnd());
  }
  return out;
}

/** Cuts every line to `width` columns (a safety net: the drawings are laid out to fit). */
export function clipLines(lines: readonly string[], width: number): string[] {
  return lines.map((l) => clipLine(l, width));
}
