/**
 * The kitty graphics protocol (sw.kovidgoyal.net/kitty/graphics-protocol),
 * as far as a training screen needs it: transmit and place an image in one
 * command, later delete it by its id.
 *
 *   ESC _G a=T,f=24,s=W,v=H,i=ID,c=COLS,r=ROWS,C=1,q=2,m=1 ; base64 ESC \
 *   ESC _G m=1 ; base64 ESC \   …   ESC _G m=0 ; base64 ESC \
 *
 * - f=24: raw RGB bytes, s×v pixels (f=100 sends a PNG instead); the terminal
 *   scales them into c×r cells, so a 28×28 digit costs ~3 kB of base64.
 * - the payload is cut into chunks of at most 4096 base64 bytes (the spec's
 *   limit); every chunk but the last is a multiple of 4 bytes long and says m=1.
 *   Only the first chunk carries the keys; the others carry m (and q, which
 *   the spec allows).
 * - q=2: no replies. Without it the terminal answers "OK" on stdin, which would
 *   reach the screen's keys as typing.
 * - C=1: the cursor stays where the image starts (the screen moves it itself).
 * - i=ID: the image can be replaced (sending the same id again) and deleted:
 *   a=d,d=I deletes its placements and frees its data.
 */
import { base64, greyToRgb, type GreyPixels } from './grey.js';
import { encodePng } from './png.js';

const APC = '\u001b_G';
const ST = '\u001b\\';
/** The protocol's most base64 bytes in one escape code. */
export const KITTY_CHUNK = 4096;

export interface KittyImageOptions {
  /** 1 … 4294967295: the image's number, to replace or delete it later. */
  id: number;
  /** The cells it is placed into (the terminal scales it). */
  cols: number;
  rows: number;
  /** 'rgb' (f=24, the default) or 'png' (f=100). */
  format?: 'rgb' | 'png';
  /** For 'png': a real deflate (node:zlib) instead of stored blocks. */
  deflate?: (raw: Uint8Array) => Uint8Array;
}

function checkId(id: number): number {
  if (!Number.isInteger(id) || id < 1 || id > 0xffffffff) throw new RangeError(`kitty image id ${id}: must be 1 … 4294967295`);
  return id;
}

/** The payload in escape codes: the keys on the first chunk, m=1 on all but the last. */
export function kittyChunks(keys: string, payload: string): string {
  const parts: string[] = [];
  for (let at = 0; at < payload.length; at += KITTY_CHUNK) parts.push(payload.slice(at, at + KITTY_CHUNK)); // 4096 is a multiple of 4
  if (!parts.length) parts.push('');
  return parts.map((part, i) => `${APC}${i === 0 ? keys : 'q=2'},m=${i < parts.length - 1 ? 1 : 0};${part}${ST}`).join('');
}

/** Transmit the image and place it at the cursor, into opts.cols × opts.rows cells. */
export function kittyImage(img: GreyPixels, opts: KittyImageOptions): string {
  const id = checkId(opts.id);
  const cols = Math.max(1, Math.floor(opts.cols));
  const rows = Math.max(1, Math.floor(opts.rows));
  const png = opts.format === 'png';
  const bytes = png ? encodePng({ width: img.width, height: img.height, channels: 1, pixels: img.pixels }, opts.deflate) : greyToRgb(img);
  const size = png ? '' : `,s=${img.width},v=${img.height}`;
  return kittyChunks(`a=T,f=${png ? 100 : 24}${size},i=${id},c=${cols},r=${rows},C=1,q=2`, base64(bytes));
}

/** Delete the image's placements and free its data. */
export function kittyDelete(id: number): string {
  return `${APC}a=d,d=I,i=${checkId(id)},q=2${ST}`;
}
