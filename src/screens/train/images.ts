/**
 * Pictures on the direct-drawn training screen (direct-run.ts): what to send
 * so the terminal shows the places of image-places.ts, sending each picture
 * once — not every frame. A frame's text is ~25 kB of escape codes; a picture
 * is 3–30 kB more, and re-sending them all at 15 frames a second is what made
 * the Ink screen slow.
 *
 * How each protocol keeps a picture:
 *  - kitty: a picture lives in the terminal under its id until deleted
 *    (a=d), whatever is written in its cells; a new one gets a new id, the old
 *    one is deleted.
 *  - iTerm2 and sixel: a picture becomes the content of the cells it covers,
 *    so writing text in those cells erases it. A row that crosses a picture is
 *    therefore written around it (the text left of it, then right of it).
 * Either way, when a picture goes its rows are written again in full, so its
 * half-block text comes back; and leaving the screen deletes kitty's pictures
 * (the alternate screen takes the others with it).
 */
import { takeColumns } from '../../view/layout.js';
import { itermImage, kittyDelete, kittyImage, sixelFor, type ImageProtocol } from '../../view/images/index.js';
import { trainScreenImages, type ImagePlace } from './image-places.js';
import type { TrainLayoutOptions } from './layout-options.js';
import type { TrainScreenState } from './state.js';

/** kitty ids this screen uses: 0x6e6e0001… ("nn"), so as not to meet the small ids other programs in the window pick. */
const ID_BASE = 0x6e6e0000;

interface Shown {
  place: ImagePlace;
  id: number;
}

const same = (a: ImagePlace, b: ImagePlace) => a.key === b.key && a.row === b.row && a.col === b.col && a.cols === b.cols && a.rows === b.rows;

/** What one frame sends besides its text rows. */
export interface ImageUpdate {
  /** Rows whose text must be written again even if unchanged (a picture left them). */
  stale: number[];
  /** Before the rows: kitty's deletes. */
  before: string;
  /** After the rows: the new pictures, each at its place. */
  after: string;
}

export class ScreenImages {
  private shown: Shown[] = [];
  /** Pictures kept from the last frame: their cells are not written over. */
  private kept: Shown[] = [];
  private counter = 0;

  constructor(
    readonly protocol: ImageProtocol,
    /** For iTerm2's PNGs: a real deflate (node:zlib); default stored blocks. */
    private readonly deflate?: (raw: Uint8Array) => Uint8Array,
  ) {}

  /** The frame's pictures (none asked for when there is no protocol: no search through the lines). */
  frame(s: TrainScreenState, o: TrainLayoutOptions, lines: readonly string[]): ImageUpdate {
    return this.update(this.protocol === 'none' ? [] : trainScreenImages(s, o, lines));
  }

  /** The frame's places: which pictures stay, which go, which are new. */
  update(places: readonly ImagePlace[]): ImageUpdate {
    if (this.protocol === 'none') return { stale: [], before: '', after: '' };
    const kept: Shown[] = [];
    const fresh: ImagePlace[] = [];
    const old = [...this.shown];
    for (const p of places) {
      const i = old.findIndex((s) => same(s.place, p));
      if (i >= 0) kept.push(...old.splice(i, 1));
      else fresh.push(p);
    }
    const stale: number[] = [];
    let before = '';
    for (const s of old) {
      for (let r = 0; r < s.place.rows; r++) stale.push(s.place.row + r);
      if (this.protocol === 'kitty') before += kittyDelete(s.id);
    }
    let after = '';
    const added: Shown[] = fresh.map((place) => ({ place, id: this.nextId() }));
    for (const s of added) after += `\u001b[${s.place.row + 1};${s.place.col + 1}H${this.encode(s)}`;
    this.kept = kept;
    this.shown = [...kept, ...added];
    return { stale, before, after };
  }

  /** The codes that write screen row `r` (0-based) as `line`, around the pictures kept there. */
  row(r: number, line: string): string {
    const spans = this.kept
      .filter((s) => r >= s.place.row && r < s.place.row + s.place.rows)
      .map((s) => [s.place.col, s.place.col + s.place.cols] as const)
      .sort((a, b) => a[0] - b[0]);
    if (!spans.length) return `\u001b[${r + 1};1H${line}\u001b[0m\u001b[K`;
    let out = '';
    let from = 0;
    for (const [c0, c1] of [...spans, [Infinity, Infinity] as const]) {
      if (c0 > from) out += `\u001b[${r + 1};${from + 1}H${columns(line, from, c0)}\u001b[0m`;
      from = Math.max(from, c1);
    }
    return `${out}\u001b[K`;
  }

  /**
   * Before the screen is cleared (resize, back from Ctrl+Z) or left: nothing is
   * shown any more. kitty's pictures are deleted; iTerm2's and sixel's go
   * with the cleared cells (or the alternate screen).
   */
  clear(): string {
    const out = this.protocol === 'kitty' ? this.shown.map((s) => kittyDelete(s.id)).join('') : '';
    this.shown = [];
    this.kept = [];
    return out;
  }

  private nextId(): number {
    this.counter = (this.counter % 0xffff) + 1;
    return ID_BASE + this.counter;
  }

  private encode(s: Shown): string {
    const p = s.place;
    switch (this.protocol) {
      case 'kitty':
        return kittyImage(p.image, { id: s.id, cols: p.cols, rows: p.rows });
      case 'iterm':
        return itermImage(p.image, { cols: p.cols, rows: p.rows, deflate: this.deflate });
      case 'sixel':
        return sixelFor(p.image, p.pxWide, p.pxHigh);
      default:
        return '';
    }
  }
}

/**
 * The colour codes that leave a terminal where a run of codes leaves it, in
 * few bytes: a reset, then the styles (bold, dim…) still on, the last
 * foreground and the last background. A row of half-block digits has two
 * codes a cell; replaying all of them before every piece of a row would cost
 * more than the pictures save.
 */
export function sgrState(codes: readonly string[]): string {
  let fg = '';
  let bg = '';
  let styles: string[] = [];
  for (const code of codes) {
    const body = code.slice(2, -1);
    const p = body === '' ? ['0'] : body.split(';');
    for (let i = 0; i < p.length; i++) {
      const c = Number(p[i]);
      if (c === 0) [fg, bg, styles] = ['', '', []];
      else if (c === 38 || c === 48) {
        const n = p[i + 1] === '2' ? 5 : 3; // 38;2;r;g;b or 38;5;n
        const v = p.slice(i, i + n).join(';');
        if (c === 38) fg = v;
        else bg = v;
        i += n - 1;
      } else if (c === 39) fg = '';
      else if (c === 49) bg = '';
      else if ((c >= 30 && c <= 37) || (c >= 90 && c <= 97)) fg = p[i];
      else if ((c >= 40 && c <= 47) || (c >= 100 && c <= 107)) bg = p[i];
      else styles.push(p[i]); // bold, dim, italic, underline, inverse and their offs: kept in order
    }
  }
  const on = [...styles, fg, bg].filter(Boolean);
  return on.length ? `\u001b[0;${on.join(';')}m` : '';
}

/**
 * Columns [from, to) of a drawn line, starting in the colours the whole line
 * has there (see sgrState).
 */
export function columns(line: string, from: number, to: number): string {
  if (to <= from) return '';
  const head = takeColumns(line, from);
  const codes = sgrState(head.text.match(/\u001b\[[0-9;]*m/g) ?? []);
  const rest = line.slice(head.text.length);
  return codes + (to === Infinity ? rest : takeColumns(rest, to - head.used).text);
}
