/** Fitting a screen's lines to the terminal's width: cut with … or broken between items, never mid-word. */
import stringWidth from '../../view/width.js';
import { takeColumns, truncate } from '../../view/layout.js';

/** Key hints ("↑/↓ choose", "q quit") joined with " · ", on as many lines as the width needs; an item wider than a line is cut with …. */
export function fitParts(parts: readonly string[], width: number, sep = ' · '): string[] {
  const lines: string[] = [];
  let line = '';
  for (const raw of parts) {
    const part = truncate(raw, width);
    if (line && stringWidth(line + sep + part) <= width) line += sep + part;
    else {
      if (line) lines.push(line);
      line = part;
    }
  }
  if (line) lines.push(line);
  return lines;
}

/**
 * A drawn line (it may carry colour codes) cut to `width` columns, its last
 * column a `›` that says "there is more to the right". Unchanged (and
 * `cut` false) when it fits: a diagram wider than the terminal is marked,
 * never cut silently, and never left for the terminal to wrap into a jumble.
 */
export function cutLine(line: string, width: number): { line: string; cut: boolean } {
  if (stringWidth(line) <= width) return { line, cut: false };
  const { text: out, used } = takeColumns(line, width - 1);
  // Close any colour the cut left open; a line without colour (NO_COLOR) gets no escape code.
  const reset = line.includes('\u001b[') ? '\u001b[0m' : '';
  return { line: `${out}${reset}${' '.repeat(Math.max(0, width - 1 - used))}›`, cut: true };
}
