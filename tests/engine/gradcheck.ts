/**
 * One finite-difference checker for every backward (micrograd-style).
 * loss = Σ w ⊙ f(inputs) with fixed random weights w, so every output element
 * matters; the analytic gradient comes from the op's backward with
 * grad_output = w, and each input element is nudged by ±h and compared.
 * Computed on float32 data, so tolerances are those of float32 central differences.
 */
import { mulberry32 } from '../../src/engine/random.js';
import { Tensor } from '../../src/engine/tensor.js';

export { mulberry32 };

/** Uniform values in [-1, 1) from a seed. */
export function randTensor(shape: number[], seed: number, scale = 1): Tensor {
  const r = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(shape, Float32Array.from({ length: n }, () => (r() * 2 - 1) * scale));
}

export interface GradCheckResult {
  ok: boolean;
  worst: { input: string; index: number; analytic: number; numeric: number } | null;
}

/**
 * @param forward  inputs → the single output tensor
 * @param backward (inputs, gradOutput) → gradient per input name (those to check)
 */
export function gradCheck(
  inputs: Record<string, Tensor>,
  forward: (inp: Record<string, Tensor>) => Tensor,
  backward: (inp: Record<string, Tensor>, gradOutput: Tensor) => Record<string, Tensor>,
  opts: { h?: number; atol?: number; rtol?: number; seed?: number } = {},
): GradCheckResult {
  const h = opts.h ?? 1e-2;
  const atol = opts.atol ?? 2e-3;
  const rtol = opts.rtol ?? 2e-2;
  const y0 = forward(inputs);
  const w = randTensor([...y0.shape], opts.seed ?? 99);
  const loss = (inp: Record<string, Tensor>): number => {
    const y = forward(inp);
    let s = 0;
    for (let i = 0; i < y.size; i++) s += y.data[i] * w.data[i];
    return s;
  };
  const grads = backward(inputs, w);
  let worst: GradCheckResult['worst'] = null;
  let worstExcess = -Infinity;
  for (const [name, g] of Object.entries(grads)) {
    const x = inputs[name];
    for (let i = 0; i < x.size; i++) {
      const orig = x.data[i];
      const plus = new Float32Array(x.data);
      plus[i] = orig + h;
      const minus = new Float32Array(x.data);
      minus[i] = orig - h;
      const lp = loss({ ...inputs, [name]: new Tensor(x.shape, plus) });
      const lm = loss({ ...inputs, [name]: new Tensor(x.shape, minus) });
      const numeric = (lp - lm) / (2 * h);
      const analytic = g.data[i];
      const excess = Math.abs(numeric - analytic) - (atol + rtol * Math.abs(numeric));
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = { input: name, index: i, analytic, numeric };
      }
    }
  }
  return { ok: worstExcess <= 0, worst };
}
