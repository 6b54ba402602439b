/**
 * Small helpers the rnn lessons share: stepping the engine's rnnCell over a
 * sequence and seeded weights (the orthogonal matrix is the engine's).
 */
import { randNormal, randUniform, rnnCell, Tensor, type CellWeights } from '../../engine/index.js';

export function scaled(t: Tensor, s: number): Tensor {
  return new Tensor(t.shape, Array.from(t.data, (v) => v * s));
}

export function rounded(t: Tensor, digits: number): Tensor {
  const f = 10 ** digits;
  return new Tensor(t.shape, Array.from(t.data, (v) => Math.round(v * f) / f));
}

/** Row t of a [T, I] tensor as a vector [I]. */
export function row(x: Tensor, t: number): Tensor {
  const I = x.shape[1];
  return new Tensor([I], x.data.slice(t * I, (t + 1) * I));
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

