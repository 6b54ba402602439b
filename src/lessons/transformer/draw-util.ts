/**
 * Drawing helpers shared by the lstm and transformer lessons: a small
 * character canvas whose columns are terminal columns (a Chinese character
 * takes two). Widths and side-by-side layout are view/layout.ts; numbers
 * i18n/numbers.ts.
 */
import { sw } from '../../view/layout.js';

const SUB = '₀₁₂₃₄₅₆₇₈₉';
/** 12 → "₁₂". */
export const sub = (n: number): string =>
  String(n)
    .split('')
    .map((d) => SUB[Number(d)] ?? d)
    .join('');

/** Continuation cell of a wide character. */
const CONT = '\u0000';

/**
 * A grid of terminal cells. put() writes text at (row, column); wide
 * characters take two cells. lines() joins each row, trailing spaces removed.
 */
export class Grid {
  private readonly rows: string[][] = [];

  private row(r: number): string[] {
    while (this.rows.length <= r) this.rows.push([]);
    return this.rows[r];
  }

  private set(r: number, c: number, ch: string): void {
    if (r < 0 || c < 0) return;
    const row = this.row(r);
    while (row.length <= c + 1) row.push(' ');
    if (row[c] === CONT && c > 0) row[c - 1] = ' ';
    if (row[c] !== CONT && sw(row[c]) === 2 && row[c + 1] === CONT) row[c + 1] = ' ';
    row[c] = ch;
  }

  /** Writes text from column c; returns the column after it. */
  put(r: number, c: number, text: string): number {
    let col = c;
    for (const ch of text) {
      const w = sw(ch);
      if (w === 0) continue;
      this.set(r, col, ch);
      if (w === 2) this.set(r, col + 1, CONT);
      col += w;
    }
    return col;
  }

  /** Text centred on column `mid`. */
  center(r: number, mid: number, text: string): void {
    this.put(r, Math.max(0, mid - Math.floor(sw(text) / 2)), text);
  }

  hline(r: number, c1: number, c2: number, ch = '─'): void {
    for (let c = c1; c <= c2; c++) this.set(r, c, ch);
  }

  vline(c: number, r1: number, r2: number, ch = '│'): void {
    for (let r = r1; r <= r2; r++) this.set(r, c, ch);
  }

  /** A box of h rows and w columns with its top-left corner at (r, c); `label` centred on the middle row(s). */
  box(r: number, c: number, h: number, w: number, label: string | string[] = []): void {
    this.hline(r, c + 1, c + w - 2);
    this.hline(r + h - 1, c + 1, c + w - 2);
    this.vline(c, r + 1, r + h - 2);
    this.vline(c + w - 1, r + 1, r + h - 2);
    this.set(r, c, '┌');
    this.set(r, c + w - 1, '┐');
    this.set(r + h - 1, c, '└');
    this.set(r + h - 1, c + w - 1, '┘');
    const labels = typeof label === 'string' ? [label] : label;
    const top = r + Math.floor((h - labels.length) / 2);
    labels.forEach((t, i) => this.put(top + i, c + 1 + Math.max(0, Math.floor((w - 2 - sw(t)) / 2)), t));
  }

  lines(): string[] {
    return this.rows.map((row) => row.filter((ch) => ch !== CONT).join('').trimEnd());
  }
}

/** "5×8" for a 2-D shape, "[2, 5, 8]" otherwise. */
export function shapeText(shape: readonly number[]): string {
  return shape.length === 2 ? `${shape[0]}×${shape[1]}` : `[${shape.join(', ')}]`;
}

