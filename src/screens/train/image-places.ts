/**
 * Where the training screen's pictures go as real pixels (kitty, iTerm2,
 * sixel): the side channel of trainScreenLines. The text stays the layout and
 * the fallback — each wrong digit is drawn in half-blocks as always — and a
 * picture is placed exactly over its half-block drawing, found in the lines
 * the student sees. So a picture is never where the text has no digit: not
 * when the panel is cut short, not after Tab shows another one, not on the
 * help page; and the layout code needs to know nothing about images.
 *
 * With colour only: without it (NO_COLOR, level 0) the screen is plain text,
 * and a digit's blank (black) shades could not be told from the layout's spaces.
 */
import { sw } from '../../view/layout.js';
import { renderGreyImage } from '../../view/figures/train-images.js';
import { CELL_PX, crc32, greyPixels, type GreyPixels } from '../../view/images/index.js';
import { trainScreenLines, type TrainLayoutOptions } from './layout.js';
import type { TrainScreenState } from './state.js';

export interface ImagePlace {
  /** The top-left cell, 0-based (row 0 is the screen's first line). */
  row: number;
  col: number;
  /** The cells it covers. */
  cols: number;
  rows: number;
  /** The pixels those cells hold at about CELL_PX a cell (what a sixel image is scaled to). */
  pxWide: number;
  pxHigh: number;
  image: GreyPixels;
  /** Tells one picture from another (size and a CRC of the pixels). */
  key: string;
}

/** The screen column at which index `at` of a drawn line falls (colour codes take none, wide characters two). */
export function columnAt(line: string, at: number): number {
  let col = 0;
  for (let i = 0; i < at; ) {
    const c = line.charCodeAt(i);
    if (c === 0x1b && line.charCodeAt(i + 1) === 0x5b) {
      i += 2;
      while (i < at && line.charCodeAt(i) !== 0x6d) i++; // to the m that ends a colour code
      i++;
      continue;
    }
    if (c < 0x1100) {
      col++;
      i++;
      continue;
    }
    const ch = String.fromCodePoint(line.codePointAt(i)!);
    col += sw(ch);
    i += ch.length;
  }
  return col;
}

/** Whether `needle` stands in `line` starting at screen column `col`. */
function standsAt(line: string | undefined, needle: string, col: number): boolean {
  if (line === undefined) return false;
  for (let at = line.indexOf(needle); at >= 0; at = line.indexOf(needle, at + 1)) {
    const c = columnAt(line, at);
    if (c === col) return true;
    if (c > col) return false;
  }
  return false;
}

/** The half-block drawing of a digit n pixels across (n columns, ⌈n/2⌉ lines), exactly as the wrong-digits figure draws it. */
function tileOf(pixels: ArrayLike<number>, side: number, n: number, o: TrainLayoutOptions): string[] {
  return renderGreyImage({ pixels, side }, n, { level: o.level, lang: o.lang, height: Math.ceil(n / 2) });
}

/**
 * The first place (top to bottom, left to right) not yet taken where the
 * whole tile stands. Searched by its longest line (the one with the most ink:
 * a digit's top rows are black, and black rows stand in many places).
 */
function findTile(lines: readonly string[], tile: readonly string[], taken: Set<string>): { row: number; col: number } | null {
  if (!tile.length) return null;
  let a = 0;
  for (let j = 1; j < tile.length; j++) if (tile[j].length > tile[a].length) a = j;
  for (let r = a; r + tile.length - a <= lines.length; r++) {
    const line = lines[r];
    for (let at = line.indexOf(tile[a]); at >= 0; at = line.indexOf(tile[a], at + 1)) {
      const row = r - a;
      const col = columnAt(line, at);
      if (taken.has(`${row},${col}`)) continue;
      if (tile.every((t, j) => j === a || standsAt(lines[row + j], t, col))) return { row, col };
    }
  }
  return null;
}

/** The size the wrong digits were drawn at last time, and their drawings at it: tried first (they rarely change). */
const memo = { n: 0, level: -1, tiles: new Map<string, string[]>() };

function tileCached(key: string, pixels: ArrayLike<number>, side: number, n: number, o: TrainLayoutOptions): string[] {
  if (memo.level !== o.level) {
    memo.level = o.level;
    memo.tiles.clear();
  }
  const k = `${key}/${n}`;
  let t = memo.tiles.get(k);
  if (!t) {
    if (memo.tiles.size > 400) memo.tiles.clear(); // a run's wrong digits change: drop the old drawings now and then
    t = tileOf(pixels, side, n, o);
    memo.tiles.set(k, t);
  }
  return t;
}

/**
 * The pictures of the screen `lines` (default: trainScreenLines(s, o)) shows:
 * today the wrong digits of a digits run, each over its half-block drawing.
 */
export function trainScreenImages(s: TrainScreenState, o: TrainLayoutOptions, lines: readonly string[] = trainScreenLines(s, o)): ImagePlace[] {
  const wrong = s.frame?.views.wrong;
  if (!wrong?.length || o.level === 0 || s.help) return [];
  // With colour every cell of a digit is a half block: no half block, no digit (and no search).
  if (!lines.some((l) => l.includes('▀'))) return [];
  const digits = wrong.map((d) => {
    const image = greyPixels(d.pixels, d.side);
    return { d, image, key: `${image.width}:${crc32(image.pixels)}` };
  });
  // The figure draws every digit at one size n (pixels across) that depends on the panel's room:
  // find it with the first digit, trying last time's first, then from the largest down.
  const first = digits[0];
  const side = first.image.width;
  if (!side) return [];
  const sizes = [memo.n, ...Array.from({ length: side }, (_, i) => side - i)].filter((n, i, all) => n > 0 && n <= side && all.indexOf(n) === i);
  const taken = new Set<string>();
  let n = 0;
  for (const m of sizes) {
    const tile = tileCached(first.key, first.d.pixels, first.d.side, m, o);
    const longest = tile.reduce((a, b) => (b.length > a.length ? b : a), '');
    if (!longest || !lines.some((l) => l.includes(longest))) continue; // a quick no before the full search
    if (findTile(lines, tile, taken)) {
      n = m;
      break;
    }
  }
  if (!n) return [];
  memo.n = n;
  const out: ImagePlace[] = [];
  for (const { d, image, key } of digits) {
    if (image.width !== side) continue; // drawn at another size: text only
    const tile = tileCached(key, d.pixels, d.side, n, o);
    const at = findTile(lines, tile, taken);
    if (!at) continue; // cut off (the panel's room ends) or on a band that does not fit: text only
    taken.add(`${at.row},${at.col}`);
    out.push({ row: at.row, col: at.col, cols: n, rows: tile.length, pxWide: n * CELL_PX.width, pxHigh: tile.length * CELL_PX.height, image, key });
  }
  return out;
}
