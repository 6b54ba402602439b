/**
 * The Blocks that hold Blocks — list items and quotes — and the table drawn
 * as records when its columns cannot fit, laid out as lines for a width.
 * Everything inside is drawn by the same renderer (passed in as `draw`, so
 * this file does not import the one that imports it), one level deeper.
 */
import stringWidth from './width.js';
import type { Block, Cell, ListItem } from './blocks.js';
import type { Theme } from './style.js';

/** Draws Blocks `depth` levels inside lists and quotes, for `width` columns. */
export type DrawNested = (blocks: readonly Block[], width: number, depth: number) => string[];

export interface NestedContext {
  width: number;
  /** Lists and quotes around this block (0: at the top). Picks the bullet and whether the top-level indent applies. */
  depth: number;
  theme: Theme;
  /** A cell as display text (translated, controls escaped). */
  text: (c: Cell) => string;
  wrap: (s: string, width: number, indent?: string) => string[];
  draw: DrawNested;
}

const BULLETS = ['•', '◦', '▪', '▫'];

/** Below this many columns a line has no room for markers or bars: they go, the words stay. */
const MIN_TEXT = 10;

function isCell(item: ListItem): item is Cell {
  return typeof item === 'string' || !('blocks' in item);
}

/** A list, nested lists indented under their item, ordered lists numbered from `start`. */
export function listLines(b: Extract<Block, { kind: 'list' }>, c: NestedContext): string[] {
  const { width, depth } = c;
  const start = b.start ?? 1;
  const markers = b.items.map((_, i) => (b.ordered ? `${start + i}.` : BULLETS[depth % BULLETS.length]));
  const mw = Math.max(...markers.map((m) => stringWidth(m)), 1) + 1;
  // The top level is indented by two, like the other Blocks; not when that would leave too little room.
  let lead = depth === 0 ? '  ' : '';
  if (width - lead.length - mw < 20) lead = '';
  const flat = width - mw < MIN_TEXT;
  const out: string[] = [];
  b.items.forEach((item, i) => {
    const first = flat ? '' : lead + markers[i].padEnd(mw);
    const cont = flat ? '' : ' '.repeat(stringWidth(first));
    if (isCell(item)) {
      // One line of text (a question's options): wrapped under its own words.
      out.push(...c.wrap(first + c.text(item), width, cont));
      return;
    }
    // A task's box goes before its first line, and the lines under it hang below the words, not the box.
    const box = item.checked === undefined ? '' : item.checked ? '[x] ' : '[ ] ';
    const room = width - stringWidth(first);
    const hang = box && room - box.length >= MIN_TEXT ? ' '.repeat(box.length) : '';
    const lines = c.draw(item.blocks, Math.max(MIN_TEXT, room - hang.length), depth + 1);
    if (lines.length === 0) lines.push('');
    if (hang) lines.forEach((l, k) => (lines[k] = k === 0 ? box + l : l === '' ? l : hang + l));
    // Too narrow to hang the lines: the box takes a line of its own.
    else if (box) lines.unshift(box.trimEnd());
    lines.forEach((l, k) => out.push(l === '' && k > 0 ? '' : (k === 0 ? first : cont) + l));
  });
  return out.map((l) => l.trimEnd());
}

/** A block quote: its content behind a bar (indented by two at the top level, where there is room), muted. */
export function quoteLines(b: Extract<Block, { kind: 'quote' }>, c: NestedContext): string[] {
  const { width, depth, theme: th } = c;
  const bar = width - 2 < MIN_TEXT ? '' : (depth === 0 && width >= 30 ? '  ' : '') + '│ ';
  const inner = Math.max(MIN_TEXT, width - stringWidth(bar));
  return c.draw(b.blocks, inner, depth + 1).map((l) => `${th.muted(bar)}${th.muted(l)}`.trimEnd());
}

/** The table renderer shrinks left-aligned columns down to this many columns, no further. */
export const MIN_COLUMN = 6;

/** Whether the table renderer can draw `b` in `width` columns (right-aligned columns keep their width, left ones shrink to MIN_COLUMN). */
export function tableFits(b: Extract<Block, { kind: 'table' }>, width: number, text: (c: Cell) => string): boolean {
  const all = [b.head, ...b.rows, ...(b.foot ? [b.foot] : [])].map((r) => r.map(text));
  const n = b.head.length;
  const natural = (col: number) => Math.max(...all.map((r) => stringWidth(r[col] ?? '')));
  let least = 2 + 2 * (n - 1);
  for (let col = 0; col < n; col++) least += (b.align?.[col] ?? 'left') === 'right' ? natural(col) : Math.min(natural(col), MIN_COLUMN);
  return least <= width;
}

/** A table too wide to draw, as records: each row a bullet, each cell "column: value". */
export function recordLines(b: Extract<Block, { kind: 'table' }>, c: Pick<NestedContext, 'width' | 'text' | 'wrap'>): string[] {
  const head = b.head.map(c.text);
  // Too narrow for the bullet and its indent: the records go without them.
  const [bullet, indent] = c.width - 4 < MIN_TEXT ? ['', ''] : ['  • ', '    '];
  const out: string[] = [];
  for (const row of b.rows) {
    row.forEach((cell, col) => {
      const label = head[col] ? `${head[col]}: ` : '';
      const lines = c.wrap(label + c.text(cell), c.width - indent.length);
      lines.forEach((l, k) => out.push(((col === 0 && k === 0 ? bullet : indent) + l).trimEnd()));
    });
  }
  return out;
}
