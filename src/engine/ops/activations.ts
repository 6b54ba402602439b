/**
 * Elementwise activations: forward and backward side by side.
 * Backward functions take the forward output where that is cheaper
 * (σ' = σ(1-σ), tanh' = 1-tanh²), as autograd engines do.
 */
import { checkElementwise } from '../budget.js';
import type { OpDef } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { wasmRelu, wasmReluBackward, wasmSigmoid, wasmSigmoidBackward, wasmTanh, wasmTanhBackward } from '../wasm-elementwise.js';

/**
 * out = f(x) elementwise; `kernel` is the WebAssembly twin of f, which runs instead when the
 * arrays live in the kernels' memory (it returns false, touching nothing, when they do not).
 */
function map(x: Tensor, f: (v: number) => number, op: string, kernel?: (x: Float32Array, out: Float32Array) => boolean): Tensor {
  checkElementwise(op, x.size);
  const out = allocate(x.size);
  const d = x.data;
  if (kernel === undefined || !kernel(d, out)) for (let i = 0; i < d.length; i++) out[i] = f(d[i]);
  return new Tensor(x.shape, out);
}

/** max(0, x); NaN stays NaN, as in PyTorch (a NaN must never look like a clean 0). */
export function relu(x: Tensor): Tensor {
  return map(x, (v) => (v > 0 || v !== v ? v : 0), 'relu', wasmRelu);
}

/**
 * dL/dx = dL/dy except where x ≤ 0 (PyTorch's threshold_backward: 0 at exactly 0;
 * at a NaN x the comparison is false, so the gradient passes through).
 */
export function reluBackward(x: Tensor, gradOutput: Tensor): Tensor {
  const out = allocate(x.size);
  const xd = x.data;
  const gd = gradOutput.data;
  if (wasmReluBackward(xd, gd, out)) return new Tensor(x.shape, out);
  for (let i = 0; i < out.length; i++) out[i] = xd[i] <= 0 ? 0 : gd[i];
  return new Tensor(x.shape, out);
}

/** Numerically stable logistic: never exponentiates a large positive number. */
export function sigmoidScalar(v: number): number {
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

export function sigmoid(x: Tensor): Tensor {
  return map(x, sigmoidScalar, 'sigmoid', wasmSigmoid);
}

export function sigmoidBackward(y: Tensor, gradOutput: Tensor): Tensor {
  const out = allocate(y.size);
  const yd = y.data;
  const gd = gradOutput.data;
  if (wasmSigmoidBackward(yd, gd, out)) return new Tensor(y.shape, out);
  for (let i = 0; i < out.length; i++) out[i] = gd[i] * yd[i] * (1 - yd[i]);
  return new Tensor(y.shape, out);
}

export function tanh(x: Tensor): Tensor {
  return map(x, Math.tanh, 'tanh', wasmTanh);
}

export function tanhBackward(y: Tensor, gradOutput: Tensor): Tensor {
  const out = allocate(y.size);
  const yd = y.data;
  const gd = gradOutput.data;
  if (wasmTanhBackward(yd, gd, out)) return new Tensor(y.shape, out);
  for (let i = 0; i < out.length; i++) out[i] = gd[i] * (1 - yd[i] * yd[i]);
  return new Tensor(y.shape, out);
}

const one = [{ name: 'input' }];

export const activationOps: OpDef[] = [
  {
    name: 'relu',
    summary: 'max(0, x) elementwise',
    inputs: one,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: relu(i.input) }),
    vjp: ({ inputs }, { output: g }) => ({ input: reluBackward(inputs.input, g) }),
  },
  {
    name: 'sigmoid',
    summary: '1/(1+e^-x) elementwise',
    inputs: one,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: sigmoid(i.input) }),
    vjp: ({ outputs }, { output: g }) => ({ input: sigmoidBackward(outputs.output, g) }),
  },
  {
    name: 'tanh',
    summary: 'tanh(x) elementwise',
    inputs: one,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: tanh(i.input) }),
    vjp: ({ outputs }, { output: g }) => ({ input: tanhBackward(outputs.output, g) }),
  },
];
