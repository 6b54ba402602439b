/**
 * A tiny character canvas for lesson diagrams: put text at (row, column),
 * draw lines and boxes with box-drawing characters, get lines back. Columns
 * are terminal columns: a Chinese character takes two, so labels in either
 * language line up. Cells may carry a style (a theme colour); widths are
 * measured without it.
 */
import stringWidth from '../../view/width.js';

type Style = (s: string) => string;

interface Cell {
  ch: string;
  style?: Style;
}

/** Continuation cell of a wide (two-column) character. */
const CONT = '';

export class Canvas {
  private readonly grid: Cell[][] = [];

  private row(r: number): Cell[] {
    while (this.grid.length <= r) this.grid.push([]);
    return this.grid[r];
  }

  private set(r: number, c: number, ch: string, style?: Style): void {
    if (r < 0 || c < 0) return;
    const row = this.row(r);
    while (row.length <= c + 1) row.push({ ch: ' ' });
    // Writing over half of a wide character blanks its other half.
    if (row[c].ch === CONT && c > 0) row[c - 1] = { ch: ' ' };
    if (row[c].ch !== CONT && stringWidth(row[c].ch) === 2 && row[c + 1]?.ch === CONT) row[c + 1] = { ch: ' ' };
    row[c] = { ch, style };
  }

  /** Writes text starting at column c; returns the column after it. */
  put(r: number, c: number, text: string, style?: Style): number {
    let col = c;
    for (const ch of text) {
      const w = stringWidth(ch);
      if (w === 0) continue;
      this.set(r, col, ch, style);
      if (w === 2) {
        const row = this.row(r);
        while (row.length <= col + 2) row.push({ ch: ' ' });
        if (row[col + 1].ch !== CONT && stringWidth(row[col + 1].ch) === 2 && row[col + 2]?.ch === CONT) row[col + 2] = { ch: ' ' };
        row[col + 1] = { ch: CONT };
      }
      col += w;
    }
    return col;
  }

  /** Text centred on column `mid`. */
  center(r: number, mid: number, text: string, style?: Style): void {
    this.put(r, Math.max(0, mid - Math.floor(stringWidth(text) / 2)), text, style);
  }

  hline(r: number, c1: number, c2: number, ch = '─', style?: Style): void {
    for (let c = c1; c <= c2; c++) this.set(r, c, ch, style);
  }

  /** Like hline, but only over blank cells: a dotted link that passes behind what is drawn. */
  trace(r: number, c1: number, c2: number, ch = '·', style?: Style): void {
    const row = this.row(r);
    for (let c = c1; c <= c2; c++) if (row[c] === undefined || row[c].ch === ' ') this.set(r, c, ch, style);
  }

  vline(c: number, r1: number, r2: number, ch = '│', style?: Style): void {
    for (let r = r1; r <= r2; r++) this.set(r, c, ch, style);
  }

  /** A rectangle of h rows and w columns (borders included) with its top-left corner at (r, c). */
  box(r: number, c: number, h: number, w: number, style?: Style): void {
    this.hline(r, c + 1, c + w - 2, '─', style);
    this.hline(r + h - 1, c + 1, c + w - 2, '─', style);
    this.vline(c, r + 1, r + h - 2, '│', style);
    this.vline(c + w - 1, r + 1, r + h - 2, '│', style);
    this.set(r, c, '┌', style);
    this.set(r, c + w - 1, '┐', style);
    this.set(r + h - 1, c, '└', style);
    this.set(r + h - 1, c + w - 1, '┘', style);
  }

  /**
   * An oblique W×H×D block: front face fw×fh (inner size), pushed back dd
   * rows/columns. Returns where the front face is.
   */
  block(r: number, c: number, fw: number, fh: number, dd: number, style?: Style): { top: number; left: number; bottom: number; right: number } {
    const top = r + dd;
    const left = c;
    const right = c + fw + 1;
    const bottom = top + fh + 1;
    // Back face: top edge and right edge.
    this.hline(r, c + dd + 1, right + dd - 1, '─', style);
    this.set(r, c + dd, '┌', style);
    this.set(r, right + dd, '┐', style);
    this.vline(right + dd, r + 1, r + fh, '│', style);
    this.set(r + fh + 1, right + dd, '┘', style);
    for (let k = 1; k < dd; k++) {
      this.set(r + k, c + dd - k, '╱', style);
      this.set(r + k, right + dd - k, '╱', style);
      this.set(r + fh + 1 + k, right + dd - k, '╱', style);
    }
    // Front face, drawn last.
    for (let rr = top + 1; rr < bottom; rr++) for (let cc = left + 1; cc < right; cc++) this.set(rr, cc, ' ');
    this.box(top, left, fh + 2, fw + 2, style);
    return { top, left, bottom, right };
  }

  get height(): number {
    return this.grid.length;
  }

  /** The widest line, in columns. */
  get width(): number {
    return Math.max(0, ...this.lines().map((l) => stringWidth(l)));
  }

  lines(): string[] {
    return this.grid.map((row) => {
      let out = '';
      let run = '';
      let runStyle: Style | undefined;
      const flush = () => {
        out += runStyle ? runStyle(run) : run;
        run = '';
      };
      for (const cell of row) {
        if (cell.ch === CONT) continue;
        if (cell.style !== runStyle) {
          flush();
          runStyle = cell.style;
        }
        run += cell.ch;
      }
      flush();
      return out.replace(/\s+$/, '');
    });
  }
}
