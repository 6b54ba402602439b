/**
 * The draw-a-digit canvas as text, always one character per pixel across and
 * two pixel rows per line (28 columns × 14 lines for 28×28), so the mouse's
 * cell maps to pixels exactly and it fits 80×24 and 60×15:
 *  - with colour: half blocks ▀, the top pixel's grey as the foreground and
 *    the bottom one's as the background; the pen's pixel in colour (red
 *    painting, cyan erasing, yellow lifted);
 *  - NO_COLOR: ' ▀▄█' for which of the two pixels are lit (grey ≥ 96), and the
 *    pen's cell as 'o' (painting), 'x' (erasing) or '+' (lifted).
 * A frame of │ (and ─ above and below where asked) shows where the canvas ends
 * on a black terminal.
 */
import { fit, paint, themeOf } from './train-common.js';
import type { GreyImage, TrainFigOptions } from './train-types.js';
import type { RGB } from './util.js';

export interface CanvasFigure extends GreyImage {
  pen: { row: number; col: number; mode: 'up' | 'paint' | 'erase' };
}

const PEN_RGB: Record<CanvasFigure['pen']['mode'], RGB> = { paint: [255, 70, 70], erase: [60, 200, 230], up: [240, 200, 40] };
const PEN_CHAR: Record<CanvasFigure['pen']['mode'], string> = { paint: 'o', erase: 'x', up: '+' };
/** Without colour a pixel counts as drawn from this grey on (the brush's soft edge below it is left out). */
export const LIT = 96;

/** The canvas's lines: `framed` adds a line of ─ above and below (the sides are always framed). */
export function renderCanvas(c: CanvasFigure, opts: TrainFigOptions & { framed?: boolean }): string[] {
  const th = themeOf(opts.level);
  const side = Math.max(0, Math.floor(c.side) || 0);
  const v = (r: number, cc: number) => (r < side ? Math.max(0, Math.min(255, Number(c.pixels[r * side + cc]) || 0)) : 0);
  const isPen = (r: number, cc: number) => r === c.pen.row && cc === c.pen.col;
  const bar = th.muted('│');
  const out: string[] = [];
  for (let r = 0; r < side; r += 2) {
    let line = '';
    for (let cc = 0; cc < side; cc++) {
      if (th.color) {
        const rgb = (rr: number): RGB => (isPen(rr, cc) ? PEN_RGB[c.pen.mode] : [v(rr, cc), v(rr, cc), v(rr, cc)]);
        line += paint(th, rgb(r), r + 1 < side ? rgb(r + 1) : null, '▀');
      } else if (isPen(r, cc) || isPen(r + 1, cc)) {
        line += PEN_CHAR[c.pen.mode];
      } else {
        const top = v(r, cc) >= LIT;
        const bottom = v(r + 1, cc) >= LIT;
        line += top && bottom ? '█' : top ? '▀' : bottom ? '▄' : ' ';
      }
    }
    out.push(bar + line + bar);
  }
  if (!opts.framed) return out;
  const edge = th.muted('─'.repeat(side));
  return fit([th.muted('┌') + edge + th.muted('┐'), ...out, th.muted('└') + edge + th.muted('┘')], side + 2);
}
