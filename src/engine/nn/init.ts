/**
 * PyTorch's default initialisations, drawn from a seeded generator (the numbers
 * differ from torch's RNG, the distributions do not):
 *   Linear, Conv2d: weight and bias U(−1/√fan_in, 1/√fan_in)
 *     (kaiming_uniform_ with a = √5 reduces to exactly this bound for the weight);
 *   RNN, LSTM: every weight and bias U(−1/√hidden, 1/√hidden);
 *   Embedding: N(0, 1); LayerNorm: weight 1, bias 0;
 *   MultiheadAttention: in_proj xavier_uniform, biases 0.
 */
import { mulberry32 } from '../random.js';
import { Tensor } from '../tensor.js';

/** A source of uniform numbers in [0, 1); modules take one so a whole model is seeded once. */
export type Rng = () => number;

export function seeded(seed = 0): Rng {
  return mulberry32(seed);
}

export function uniform(shape: readonly number[], bound: number, rng: Rng): Tensor {
  const t = new Tensor(shape);
  for (let i = 0; i < t.size; i++) t.data[i] = (rng() * 2 - 1) * bound;
  return t;
}

/** Standard normal by Box–Muller. */
export function normal(shape: readonly number[], std: number, rng: Rng): Tensor {
  const t = new Tensor(shape);
  for (let i = 0; i < t.size; i += 2) {
    const u = Math.max(rng(), 1e-12);
    const v = rng();
    const r = Math.sqrt(-2 * Math.log(u)) * std;
    t.data[i] = r * Math.cos(2 * Math.PI * v);
    if (i + 1 < t.size) t.data[i + 1] = r * Math.sin(2 * Math.PI * v);
  }
  return t;
}

export function constant(shape: readonly number[], value: number): Tensor {
  const t = new Tensor(shape);
  t.data.fill(value);
  return t;
}

/** xavier_uniform_: U(−a, a), a = √(6/(fan_in + fan_out)) for a [fan_out, fan_in] matrix. */
export function xavierUniform(rows: number, cols: number, rng: Rng): Tensor {
  return uniform([rows, cols], Math.sqrt(6 / (rows + cols)), rng);
}
