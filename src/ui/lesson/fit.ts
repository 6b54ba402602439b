/** Fitting a screen's lines to the terminal's width: cut with … or broken between items, never mid-word. */
import { truncate } from '../views/util.js';
import stringWidth from '../width.js';

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

export { truncate };
