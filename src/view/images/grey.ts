/** What the image encoders take: grey pixels, row-major, 0 = black … 255 = white. */
export interface GreyPixels {
  width: number;
  height: number;
  pixels: Uint8Array;
}

/** A square image of any numbers (a digit's pixels may come as floats) as bytes: NaN → 0, clamped to 0…255. */
export function greyPixels(values: ArrayLike<number>, side: number): GreyPixels {
  const n = Math.max(0, Math.floor(side) || 0);
  const pixels = new Uint8Array(n * n);
  for (let i = 0; i < n * n; i++) {
    const v = Number(values[i]);
    pixels[i] = Number.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v)));
  }
  return { width: n, height: n, pixels };
}

/** Nearest-neighbour scaling (a digit's pixels stay crisp squares, never blurred). */
export function scaleNearest(img: GreyPixels, width: number, height: number): GreyPixels {
  const w = Math.max(1, Math.floor(width));
  const h = Math.max(1, Math.floor(height));
  const pixels = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    const sy = Math.min(img.height - 1, Math.floor((y * img.height) / h));
    for (let x = 0; x < w; x++) pixels[y * w + x] = img.pixels[sy * img.width + Math.min(img.width - 1, Math.floor((x * img.width) / w))];
  }
  return { width: w, height: h, pixels };
}

/** Grey as RGB bytes (r = g = b): kitty's raw formats (f=24, f=32) have no grey one. */
export function greyToRgb(img: GreyPixels): Uint8Array {
  const out = new Uint8Array(img.pixels.length * 3);
  for (let i = 0; i < img.pixels.length; i++) out[3 * i] = out[3 * i + 1] = out[3 * i + 2] = img.pixels[i];
  return out;
}

/** Standard base64 of bytes (Buffer is a global of node, no I/O). */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}
