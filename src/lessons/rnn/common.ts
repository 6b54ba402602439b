/**
 * Small helpers the rnn lessons share: stepping the engine's rnnCell over a
 * sequence and seeded weights (the orthogonal matrix is the engine's).
 */
import { F, randNormal, randUniform, rnnCell, Tensor, type CellWeights } from '../../engine/index.js';

/**
 * Seeded numbers times s, each rounded to float32 once. Only for making weights and
 * inputs: F.scale would first round s itself (1/√I, 0.1) to float32 and move the
 * last bit of some numbers, so the lessons' numbers would shift.
 */
export function scaled(t: Tensor, s: number): Tensor {
  return new Tensor(t.shape, Array.from(t.data, (v) => v * s));
}

export function rounded(t: Tensor, digits: number): Tensor {
  const f = 10 ** digits;
  return new Tensor(t.shape, Array.from(t.data, (v) => Math.round(v * f) / f));
}

/** Row t of a [T, I] tensor as a vector [I]. */
export function row(x: Tensor, t: number): Tensor {
  return F.reshape(F.slice(x, 0, t, t + 1), [x.shape[1]]);
}

/** h₁ … h_T from the engine's rnnCell, one step at a time, starting from h₀ = 0. */
export function runRnn(xs: Tensor, w: CellWeights): Tensor[] {
  const out: Tensor[] = [];
  let h: Tensor | undefined;
  for (let t = 0; t < xs.shape[0]; t++) {
    h = rnnCell(row(xs, t), h, w);
    out.push(h);
  }
  return out;
}

/** Weights with the usual 1/√fan-in scale, seeded. */
export function randomRnn(I: number, H: number, seed: number, gain = 1): CellWeights {
  return {
    weightIh: scaled(randNormal([H, I], seed), 1 / Math.sqrt(I)),
    weightHh: scaled(randNormal([H, H], seed + 1), gain / Math.sqrt(H)),
    biasIh: scaled(randUniform([H], seed + 2), 0.1),
  };
}

export function norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

