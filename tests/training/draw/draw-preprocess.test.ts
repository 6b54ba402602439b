/**
 * The drawing made MNIST-like before the model sees it: bounding box scaled to
 * fit 20×20 keeping its aspect, centre of mass at the image's centre; and the
 * soft brush. Uses real test digits: shrunk and pushed into a corner, they come
 * back centred, the right size, and close to the original.
 */
import { describe, expect, it } from 'vitest';
import { loadDigits } from '../../../src/training/data/digits.js';
import { boundingBox, centreOfMass, DIGIT_BOX, DRAW_SIDE, MNIST_CENTRE, mnistLike, stamp } from '../../../src/training/data/draw-preprocess.js';

const loaded = loadDigits();
if (!loaded.ok) throw new Error(loaded.error.en);
const test = loaded.digits.test;
const N = DRAW_SIDE;
const digit = (i: number) => test.images.slice(i * N * N, (i + 1) * N * N);

/** The digit shrunk by 2 (2×2 means) into a 14×14 corner of a blank canvas, at (top, left). */
function shrunkInCorner(px: Uint8Array, top: number, left: number): Uint8Array {
  const out = new Uint8Array(N * N);
  for (let r = 0; r < 14; r++)
    for (let c = 0; c < 14; c++) {
      const s = px[2 * r * N + 2 * c] + px[2 * r * N + 2 * c + 1] + px[(2 * r + 1) * N + 2 * c] + px[(2 * r + 1) * N + 2 * c + 1];
      out[(top + r) * N + left + c] = Math.round(s / 4);
    }
  return out;
}

/** Pearson correlation of two images. */
function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = a.length;
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < n; i++) ((ma += a[i] / n), (mb += b[i] / n));
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return sab / Math.sqrt(saa * sbb);
}

describe('mnistLike: a drawing as MNIST digits are', () => {
  it('a test digit shrunk into a corner comes back centred, 20 pixels on its longer side, and like the original', () => {
    const corr: number[] = [];
    for (let i = 0; i < 20; i++) {
      const original = digit(i);
      const moved = shrunkInCorner(original, 14, 0);
      expect(centreOfMass(moved, N)!.row).toBeGreaterThan(14); // really moved away
      const back = mnistLike(moved);
      const com = centreOfMass(back, N)!;
      // Whole-pixel placement: the centre of mass within half a pixel (and the resample's rounding) of MNIST's.
      expect(Math.abs(com.row - MNIST_CENTRE)).toBeLessThanOrEqual(0.6);
      expect(Math.abs(com.col - MNIST_CENTRE)).toBeLessThanOrEqual(0.6);
      const box = boundingBox(back, N)!;
      expect(Math.max(box.rows, box.cols)).toBe(DIGIT_BOX);
      corr.push(correlation(back, original));
    }
    // Halving and doubling blurs a digit; it still matches where it was and what it was.
    expect(Math.min(...corr)).toBeGreaterThan(0.7);
  });

  it('leaves an MNIST digit as it was: its box and place are already MNIST’s', () => {
    for (let i = 0; i < 50; i++) {
      const original = digit(i);
      const again = mnistLike(original);
      const a = boundingBox(original, N)!;
      const b = boundingBox(again, N)!;
      expect(Math.abs(a.top - b.top)).toBeLessThanOrEqual(1);
      expect(Math.abs(a.left - b.left)).toBeLessThanOrEqual(1);
      expect(b.rows).toBe(a.rows);
      expect(b.cols).toBe(a.cols);
    }
  });

  it('keeps the aspect ratio: a 4×16 bar becomes 5×20, not a 20×20 block', () => {
    const bar = new Uint8Array(N * N);
    for (let r = 2; r < 6; r++) for (let c = 3; c < 19; c++) bar[r * N + c] = 255;
    const out = mnistLike(bar);
    const box = boundingBox(out, N)!;
    expect(box).toMatchObject({ rows: 5, cols: 20 });
    // centred on 14.5: at 14.5 − 2.5 and 14.5 − 10 (a tie: either whole pixel beside it)
    expect(box.top).toBe(12);
    expect(Math.abs(box.left - 4.5)).toBe(0.5);
  });

  it('a tall thin stroke keeps its shape and its greys come from the area covered', () => {
    const line = new Uint8Array(N * N);
    for (let r = 0; r < 10; r++) line[r * N + 5] = 255;
    const out = mnistLike(line);
    const box = boundingBox(out, N)!;
    expect(box.rows).toBe(20);
    expect(box.cols).toBe(2); // 1 × 2 = 2 columns, full white
    expect(Math.max(...out)).toBe(255);
  });

  it('leaves a blank drawing blank', () => {
    expect(mnistLike(new Uint8Array(N * N)).every((v) => v === 0)).toBe(true);
    expect(centreOfMass(new Uint8Array(N * N), N)).toBeNull();
    expect(boundingBox(new Uint8Array(N * N), N)).toBeNull();
  });

  it('centre of mass in pixel-centre coordinates', () => {
    const px = new Uint8Array(N * N);
    px[3 * N + 5] = 100;
    px[3 * N + 7] = 100;
    expect(centreOfMass(px, N)).toEqual({ row: 3.5, col: 6.5 });
  });
});

describe('the soft brush', () => {
  it('paints full white at its centre with grey edges, and erases', () => {
    const px = new Uint8Array(N * N);
    stamp(px, N, 10, 10, 1);
    expect(px[10 * N + 10]).toBe(255);
    expect(px[10 * N + 11]).toBe(255); // within the radius
    const edge = px[11 * N + 11]; // √2 from the centre: partly covered
    expect(edge).toBeGreaterThan(0);
    expect(edge).toBeLessThan(255);
    expect(px[10 * N + 13]).toBe(0);
    stamp(px, N, 10, 10, 1, true);
    expect(px[10 * N + 10]).toBe(0);
  });

  it('stays inside the image at the edges', () => {
    const px = new Uint8Array(N * N);
    stamp(px, N, 0, 0, 3);
    stamp(px, N, N - 1, N - 1, 3);
    expect(px.length).toBe(N * N);
    expect(px[0]).toBe(255);
    expect(px[N * N - 1]).toBe(255);
  });
});
