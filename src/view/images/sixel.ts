/**
 * Sixel (DEC's bitmap graphics, spoken by foot, mlterm, xterm -ti vt340,
 * WezTerm, Windows Terminal…): a grey image as
 *
 *   ESC P q  "1;1;W;H  #0;2;0;0;0 #1;2;7;7;7 …  (bands)  ESC \
 *
 * - the raster attributes "1;1;W;H: square pixels, W×H of them;
 * - a palette of grey levels (#n;2;r;g;b, in percent);
 * - bands of six pixel rows: for each colour in the band, "#n" then one
 *   character a column (63 + the six bits, top pixel = bit 0), "$" back to
 *   the band's start for the next colour, "-" to the next band;
 * - runs of one character as "!n" + the character.
 * Sixel has no scaling of its own: the caller scales the image to the pixels
 * its cells cover (sixelFor: nearest neighbour, so a digit's pixels stay
 * squares), and the image then becomes part of those cells.
 */
import { scaleNearest, type GreyPixels } from './grey.js';

/** Grey levels in the palette: 16 keeps it within what every sixel terminal offers (xterm's vt340 has 16 registers). */
export const SIXEL_LEVELS = 16;

/** The palette index of a grey 0…255. */
export function sixelLevel(v: number, levels = SIXEL_LEVELS): number {
  return Math.round((v * (levels - 1)) / 255);
}

/** One colour's characters across a band, with runs of four or more as "!n". */
function runs(chars: number[]): string {
  // A colour's trailing empty columns ("?") need not be sent: "$" goes back to the start anyway.
  let end = chars.length;
  while (end > 0 && chars[end - 1] === 63) end--;
  let out = '';
  for (let i = 0; i < end; ) {
    let j = i + 1;
    while (j < end && chars[j] === chars[i]) j++;
    const n = j - i;
    const ch = String.fromCharCode(chars[i]);
    out += n >= 4 ? `!${n}${ch}` : ch.repeat(n);
    i = j;
  }
  return out;
}

/** The sixel escape code of a grey image, pixel for pixel. */
export function sixelImage(img: GreyPixels, levels = SIXEL_LEVELS): string {
  const { width: w, height: h, pixels } = img;
  const L = Math.max(2, Math.min(101, Math.floor(levels))); // the palette is in whole percent: at most 101 greys
  let out = `\u001bPq"1;1;${w};${h}`;
  for (let k = 0; k < L; k++) {
    const p = Math.round((k * 100) / (L - 1));
    out += `#${k};2;${p};${p};${p}`;
  }
  const idx = Uint8Array.from(pixels, (v) => sixelLevel(v, L));
  for (let y0 = 0; y0 < h; y0 += 6) {
    const bands: string[] = [];
    const used = new Set<number>();
    for (let y = y0; y < Math.min(h, y0 + 6); y++) for (let x = 0; x < w; x++) used.add(idx[y * w + x]);
    for (const k of [...used].sort((a, b) => a - b)) {
      const chars = new Array<number>(w).fill(63);
      for (let dy = 0; dy < 6 && y0 + dy < h; dy++) {
        for (let x = 0; x < w; x++) if (idx[(y0 + dy) * w + x] === k) chars[x] += 1 << dy;
      }
      bands.push(`#${k}${runs(chars)}`);
    }
    out += bands.join('$') + (y0 + 6 < h ? '-' : '');
  }
  return `${out}\u001b\\`;
}

/** The image scaled (nearest neighbour) to `pxWide` × `pxHigh` pixels, as sixel. */
export function sixelFor(img: GreyPixels, pxWide: number, pxHigh: number, levels = SIXEL_LEVELS): string {
  return sixelImage(scaleNearest(img, pxWide, pxHigh), levels);
}
