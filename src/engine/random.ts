/**
 * Seeded pseudo-random numbers, so that every demo, quiz question and test
 * can be reproduced from its seed (`rand 6x6x1 seed=7`).
 */
import { Tensor } from './tensor.js';
import { checkShape } from './budget.js';

/** mulberry32: tiny, fast, good enough for teaching data; returns [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Uniform values in [lo, hi). */
export function randUniform(shape: readonly number[], seed: number, lo = -1, hi = 1): Tensor {
  const n = checkShape(shape);
  const r = mulberry32(seed);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i++) d[i] = lo + (hi - lo) * r();
  return new Tensor(shape, d);
}

/** Standard normal values (Box–Muller) times `std`. */
export function randNormal(shape: readonly number[], seed: number, std = 1): Tensor {
  const n = checkShape(shape);
  const r = mulberry32(seed);
  const d = new Float32Array(n);
  for (let i = 0; i < n; i += 2) {
    const u = 1 - r();
    const v = r();
    const m = Math.sqrt(-2 * Math.log(u)) * std;
    d[i] = m * Math.cos(2 * Math.PI * v);
    if (i + 1 < n) d[i + 1] = m * Math.sin(2 * Math.PI * v);
  }
  return new Tensor(shape, d);
}

/**
 * A seeded orthogonal n×n matrix (Gram–Schmidt on the rows of a normal matrix, in float64):
 * all its singular values are 1, so it neither grows nor shrinks what it multiplies.
 */
export function orthogonal(n: number, seed: number): Tensor {
  const a = randNormal([n, n], seed);
  const q = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const row = Array.from(a.data.subarray(i * n, (i + 1) * n));
    for (let j = 0; j < i; j++) {
      let dot = 0;
      for (let k = 0; k < n; k++) dot += row[k] * q[j * n + k];
      for (let k = 0; k < n; k++) row[k] -= dot * q[j * n + k];
    }
    const norm = Math.hypot(...row) || 1;
    for (let k = 0; k < n; k++) q[i * n + k] = row[k] / norm;
  }
  return new Tensor([n, n], Float32Array.from(q));
}
