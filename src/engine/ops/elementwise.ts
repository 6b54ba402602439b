/**
 * Elementwise arithmetic with broadcasting (add, sub, mul, div) and the unary
 * maths autograd needs (exp, log, sqrt, pow, gelu) — forward and vjp side by side.
 * A broadcast input's gradient is summed back to its own shape (sumToShape).
 */
import { floatAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import type { OpDef } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { wasmGelu, wasmGeluBackward } from '../wasm-elementwise.js';
import { broadcastShapes, broadcastStrides, forEachBroadcast, sumToShape } from './broadcast.js';

type Binary = (x: number, y: number) => number;

function isSuffix(small: readonly number[], big: readonly number[]): boolean {
  return small.length <= big.length && small.every((n, i) => n === big[big.length - small.length + i]);
}

type BinaryKind = 'add' | 'sub' | 'mul' | 'div';

/**
 * out[i] = x[ia] ∘ y[ib] over `n` elements where ia = i (or i mod m when x repeats
 * with period m) and likewise ib — one plain loop per operator, so the hot path
 * calls no function per element.
 */
function loop(kind: BinaryKind, o: Float32Array, x: Float32Array, y: Float32Array, mx: number, my: number): void {
  const n = o.length;
  for (let r = 0; r < n; r += Math.min(mx, my)) {
    const len = Math.min(mx, my);
    const xo = mx === n ? r : r % mx;
    const yo = my === n ? r : r % my;
    switch (kind) {
      case 'add':
        for (let j = 0; j < len; j++) o[r + j] = x[xo + j] + y[yo + j];
        break;
      case 'sub':
        for (let j = 0; j < len; j++) o[r + j] = x[xo + j] - y[yo + j];
        break;
      case 'mul':
        for (let j = 0; j < len; j++) o[r + j] = x[xo + j] * y[yo + j];
        break;
      case 'div':
        for (let j = 0; j < len; j++) o[r + j] = x[xo + j] / y[yo + j];
        break;
    }
  }
}

const APPLY: Record<BinaryKind, Binary> = {
  add: (x, y) => x + y,
  sub: (x, y) => x - y,
  mul: (x, y) => x * y,
  div: (x, y) => x / y,
};

/** a ∘ b with broadcasting; same-shape and bias-like (suffix) operands take plain loops. */
export function binary(kind: BinaryKind, a: Tensor, b: Tensor): Tensor {
  const shape = broadcastShapes(kind, a.shape, b.shape);
  const out = new Tensor(shape);
  checkElementwise(kind, out.size);
  const n = out.size;
  if ((a.size === n || isSuffix(a.shape, shape)) && (b.size === n || isSuffix(b.shape, shape)) && (a.size === n || b.size === n)) {
    loop(kind, out.data, a.data, b.data, a.size, b.size);
  } else {
    const o = out.data;
    const x = a.data;
    const y = b.data;
    const f = APPLY[kind];
    forEachBroadcast(shape, broadcastStrides(a.shape, shape), broadcastStrides(b.shape, shape), (i, ia, ib) => {
      o[i] = f(x[ia], y[ib]);
    });
  }
  return out;
}

export function add(a: Tensor, b: Tensor): Tensor {
  return binary('add', a, b);
}
export function sub(a: Tensor, b: Tensor): Tensor {
  return binary('sub', a, b);
}
export function mul(a: Tensor, b: Tensor): Tensor {
  return binary('mul', a, b);
}
export function div(a: Tensor, b: Tensor): Tensor {
  return binary('div', a, b);
}

/** out = f(x); `kernel`, f's WebAssembly twin, runs instead when the arrays live in the kernels' memory. */
export function unary(op: string, x: Tensor, f: (v: number) => number, kernel?: (x: Float32Array, out: Float32Array) => boolean): Tensor {
  checkElementwise(op, x.size);
  const out = allocate(x.size);
  const d = x.data;
  if (kernel === undefined || !kernel(d, out)) for (let i = 0; i < d.length; i++) out[i] = f(d[i]);
  return new Tensor(x.shape, out);
}

/** g ⊙ f'(x) elementwise, f' given from the input, the output, or both; `kernel(x, g, out)` as in unary. */
function unaryGrad(g: Tensor, x: Tensor, y: Tensor, df: (x: number, y: number) => number, kernel?: (x: Float32Array, g: Float32Array, out: Float32Array) => boolean): Tensor {
  const out = allocate(g.size);
  const gd = g.data;
  const xd = x.data;
  if (kernel !== undefined && kernel(xd, gd, out)) return new Tensor(g.shape, out);
  const yd = y.data;
  for (let i = 0; i < out.length; i++) out[i] = gd[i] * df(xd[i], yd[i]);
  return new Tensor(g.shape, out);
}

/**
 * erf with |error| < 1.2e-7 (Numerical Recipes' erfc by Chebyshev fitting), enough
 * for float32: GELU uses the exact erf form, as PyTorch's default does.
 */
export function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? 1 - r : r - 1;
}

const SQRT1_2 = Math.SQRT1_2;
const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** GELU(x) = x·Φ(x), Φ the standard normal CDF. */
export function gelu(x: Tensor): Tensor {
  return unary('gelu', x, (v) => 0.5 * v * (1 + erf(v * SQRT1_2)), wasmGelu);
}

const binaryInputs = [{ name: 'a' }, { name: 'b' }];

export const elementwiseOps: OpDef[] = [
  {
    name: 'add',
    summary: 'a + b elementwise, with broadcasting',
    inputs: binaryInputs,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: add(i.a, i.b) }),
    vjp: ({ inputs }, { output: g }) => ({ a: sumToShape(g, inputs.a.shape), b: sumToShape(g, inputs.b.shape) }),
  },
  {
    name: 'sub',
    summary: 'a − b elementwise, with broadcasting',
    inputs: binaryInputs,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: sub(i.a, i.b) }),
    vjp: ({ inputs }, { output: g }) => ({
      a: sumToShape(g, inputs.a.shape),
      b: sumToShape(unary('neg', g, (v) => -v), inputs.b.shape),
    }),
  },
  {
    name: 'mul',
    summary: 'a ⊙ b elementwise, with broadcasting',
    inputs: binaryInputs,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: mul(i.a, i.b) }),
    vjp: ({ inputs }, { output: g }) => ({
      a: sumToShape(mul(g, inputs.b), inputs.a.shape),
      b: sumToShape(mul(g, inputs.a), inputs.b.shape),
    }),
  },
  {
    name: 'div',
    summary: 'a / b elementwise, with broadcasting',
    inputs: binaryInputs,
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: div(i.a, i.b) }),
    // d(a/b)/da = 1/b, d(a/b)/db = −a/b² = −out/b
    vjp: ({ inputs, outputs }, { output: g }) => ({
      a: sumToShape(div(g, inputs.b), inputs.a.shape),
      b: sumToShape(unary('neg', div(mul(g, outputs.output), inputs.b), (v) => -v), inputs.b.shape),
    }),
  },
  {
    name: 'exp',
    summary: 'eˣ elementwise',
    inputs: [{ name: 'input' }],
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: unary('exp', i.input, Math.exp) }),
    vjp: ({ inputs, outputs }, { output: g }) => ({ input: unaryGrad(g, inputs.input, outputs.output, (_x, y) => y) }),
  },
  {
    name: 'log',
    summary: 'natural logarithm elementwise',
    inputs: [{ name: 'input' }],
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: unary('log', i.input, Math.log) }),
    vjp: ({ inputs, outputs }, { output: g }) => ({ input: unaryGrad(g, inputs.input, outputs.output, (x) => 1 / x) }),
  },
  {
    name: 'sqrt',
    summary: '√x elementwise',
    inputs: [{ name: 'input' }],
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: unary('sqrt', i.input, Math.sqrt) }),
    vjp: ({ inputs, outputs }, { output: g }) => ({ input: unaryGrad(g, inputs.input, outputs.output, (_x, y) => 0.5 / y) }),
  },
  {
    name: 'pow',
    summary: 'xᵖ elementwise for a number exponent p',
    inputs: [{ name: 'input' }],
    attrs: ['exponent'],
    outputs: ['output'],
    run: (i, a) => {
      const p = floatAttr(a, 'exponent');
      return { output: unary('pow', i.input, (v) => v ** p) };
    },
    vjp: ({ inputs, outputs, attrs }, { output: g }) => {
      const p = floatAttr(attrs, 'exponent');
      return { input: unaryGrad(g, inputs.input, outputs.output, (x) => (p === 0 ? 0 : p * x ** (p - 1))) };
    },
  },
  {
    name: 'gelu',
    summary: 'x·Φ(x) elementwise (exact erf form, PyTorch default)',
    inputs: [{ name: 'input' }],
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: gelu(i.input) }),
    // d/dx xΦ(x) = Φ(x) + x·φ(x)
    vjp: ({ inputs, outputs }, { output: g }) => ({
      input: unaryGrad(g, inputs.input, outputs.output, (x) => 0.5 * (1 + erf(x * SQRT1_2)) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x), wasmGeluBackward),
    }),
  },
];
