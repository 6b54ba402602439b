/**
 * iTerm2's inline images (iterm2.com/documentation-images.html), which
 * WezTerm also speaks:
 *
 *   ESC ] 1337 ; File=inline=1;size=BYTES;width=COLS;height=ROWS;preserveAspectRatio=1 : base64 PNG BEL
 *
 * A bare number for width and height means character cells (the docs: "N: N
 * character cells", "Npx", "N%", "auto"). The image is drawn at the cursor and
 * becomes part of the cells it covers: text written over them replaces it.
 */
import { base64, type GreyPixels } from './grey.js';
import { encodePng } from './png.js';

export interface ItermImageOptions {
  cols: number;
  rows: number;
  /** A real deflate (node:zlib) instead of stored blocks. */
  deflate?: (raw: Uint8Array) => Uint8Array;
}

export function itermImage(img: GreyPixels, opts: ItermImageOptions): string {
  const png = encodePng({ width: img.width, height: img.height, channels: 1, pixels: img.pixels }, opts.deflate);
  const cols = Math.max(1, Math.floor(opts.cols));
  const rows = Math.max(1, Math.floor(opts.rows));
  return `\u001b]1337;File=inline=1;size=${png.length};width=${cols};height=${rows};preserveAspectRatio=1:${base64(png)}\u0007`;
}
