/**
 * The LSTM gate kernels (src/engine/kernels/wasm/recurrent.ts, through src/engine/wasm-recurrent.ts)
 * against the JS loops they replace (src/engine/ops/lstm-gates.ts), on the same arrays in the
 * kernels' memory: NaN, ±∞ and ±0 where the JS has them, odd widths (the kernels' last single
 * lane), strided rows as lstm_sequence passes them. The kernels evaluate the JS's float64
 * formulas with their own exp, so a result agrees with the JS's to float32 rounding. Then the
 * op itself: lstm_sequence with the kernels against lstm_sequence without them, and its
 * gradients against finite differences with the kernels running.
 */
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setGemmBackend } from '../../src/engine/gemm.js';
import { wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { lstmGatesBackwardJs, lstmGatesForwardJs, type Rows } from '../../src/engine/ops/lstm-gates.js';
import { registry } from '../../src/engine/ops/all.js';
import { mulberry32 } from '../../src/engine/random.js';
import { SAVED, type SavedOutputs } from '../../src/engine/registry.js';
import { stepScope } from '../../src/engine/step-memory.js';
import { Tensor } from '../../src/engine/tensor.js';
import { lstmKernelCalls, setLstmKernelsEnabled, wasmColumnSums, wasmLstmGatesBackward, wasmLstmGatesForward } from '../../src/engine/wasm-recurrent.js';
import { kernelMemoryArrays } from '../helpers/kernel-memory.js';

beforeAll(() => setGemmBackend('wasm'));
afterAll(() => setGemmBackend(undefined));
afterEach(() => setLstmKernelsEnabled(true));

/** A float32's unit in the last place at v (of the smallest normal for tiny v). */
function ulp(v: number): number {
  const a = Math.max(Math.abs(v), 1.1754943508222875e-38);
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

/**
 * Where got and want differ by more than float32 rounding of float64 results that differ in
 * their last bits: NaN must be NaN, ±∞ and ±0 exactly (a ±0 may be a tiny number the other
 * side rounded to zero), finite numbers within 2 units of `want` plus `slack` (float64
 * differences that a cancellation, a − b with a ≈ b, can lift above a float32 unit).
 */
function firstMismatch(got: Float32Array, want: Float32Array, slack: number): number {
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (Number.isNaN(w) || Number.isNaN(g)) {
      if (Number.isNaN(w) !== Number.isNaN(g)) return i;
    } else if (!Number.isFinite(w) || !Number.isFinite(g)) {
      if (g !== w) return i;
    } else if (Math.abs(g - w) > 2 * ulp(w) + slack) return i;
  }
  return -1;
}

function expectClose(what: string, got: Float32Array, want: Float32Array, slack = 1e-9): void {
  const i = firstMismatch(got, want, slack);
  expect(i, i < 0 ? '' : `${what} at ${i}: got ${got[i]}, want ${want[i]}`).toBe(-1);
}

/** Moderate numbers mostly, the specials often: the gates see all of them in training's worst cases. */
const value = fc.oneof(
  { weight: 6, arbitrary: fc.double({ min: -12, max: 12, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(NaN, Infinity, -Infinity, 0, -0, 40, -40, 1e-30) },
);

/** A batch of N rows of `width` floats in an [N, T, width] layout: step t of T. */
interface Layout {
  N: number;
  H: number;
  T: number;
  t: number;
  withPrev: boolean;
  withGOut: boolean;
}

const layouts: fc.Arbitrary<Layout> = fc
  .record({ N: fc.integer({ min: 1, max: 3 }), H: fc.integer({ min: 1, max: 7 }), T: fc.integer({ min: 1, max: 3 }), withPrev: fc.boolean(), withGOut: fc.boolean() })
  .chain((l) => fc.record({ t: fc.integer({ min: 0, max: l.T - 1 }) }).map(({ t }) => ({ ...l, t })));

/** `n` values from a seed (fast-check picks the seed; the values come from `value`'s mix). */
function fill(a: Float32Array, values: number[]): void {
  for (let i = 0; i < a.length; i++) a[i] = values[i % values.length];
}

const rows = (data: Float32Array, width: number, l: Layout): Rows => ({ data, offset: l.t * width, stride: l.T * width });

describe('the LSTM gate kernels', () => {
  it('load from the build', () => {
    expect(wasmKernelStatus()).toEqual({ ok: true });
  });

  it('forward: the gates, c_t and h_t of one step as the JS loop computes them', () => {
    fc.assert(
      fc.property(layouts, fc.array(value, { minLength: 1, maxLength: 97 }), (l, values) => {
        const { N, H, T } = l;
        const G = 4 * H;
        // Two copies of every input: the kernel works on one, the JS loop on the other.
        const [z, zJs, b, prev, cells, cellsJs, out, outJs] = kernelMemoryArrays([N * T * G, N * T * G, G, N * T * H, N * T * H, N * T * H, N * T * H, N * T * H]);
        fill(z, values);
        zJs.set(z);
        fill(b, values.slice().reverse());
        fill(prev, values.map((v) => v / 2));
        const p = l.withPrev ? rows(prev, H, l) : null;
        expect(wasmLstmGatesForward(N, H, rows(z, G, l), b, p, rows(cells, H, l), rows(out, H, l))).toBe(true);
        lstmGatesForwardJs(N, H, rows(zJs, G, l), b, p, rows(cellsJs, H, l), rows(outJs, H, l));
        expectClose('gates', z, zJs);
        expectClose('c_t', cells, cellsJs);
        expectClose('h_t', out, outJs);
      }),
      { numRuns: 300 },
    );
  });

  it('backward: dz and the gradient into c_{t−1} as the JS loop computes them', () => {
    fc.assert(
      fc.property(layouts, fc.array(value, { minLength: 1, maxLength: 97 }), (l, values) => {
        const { N, H, T } = l;
        const G = 4 * H;
        const [gates, cells, prev, gOut, dh, dc, dcJs, dz, dzJs] = kernelMemoryArrays([N * T * G, N * T * H, N * T * H, N * T * H, N * H, N * H, N * H, N * T * G, N * T * G]);
        // Gates as the forward leaves them (σ in [0, 1], tanh in [−1, 1]) and now and then a NaN.
        fill(gates, values.map((v) => (Number.isNaN(v) ? v : Math.tanh(v / 4))));
        fill(cells, values);
        fill(prev, values.slice().reverse());
        fill(gOut, values.map((v) => v * 0.3));
        fill(dh, values.slice(1));
        fill(dc, values.slice(2));
        dcJs.set(dc);
        const p = l.withPrev ? rows(prev, H, l) : null;
        const g = l.withGOut ? rows(gOut, H, l) : null;
        expect(wasmLstmGatesBackward(N, H, rows(gates, G, l), rows(cells, H, l), p, g, dh, dc, rows(dz, G, l))).toBe(true);
        lstmGatesBackwardJs(N, H, rows(gates, G, l), rows(cells, H, l), p, g, dh, dcJs, rows(dzJs, G, l));
        expectClose('dz', dz, dzJs);
        expectClose('dc', dc, dcJs);
      }),
      { numRuns: 300 },
    );
  });

  it('column sums (the biases’ gradient): the JS loop’s float64 sums, bit for bit', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.array(value, { minLength: 1, maxLength: 50 }), (rows, n, values) => {
        const [x, block] = kernelMemoryArrays([Math.max(1, rows * n), 2 * n]);
        fill(x, values);
        const sums = new Float64Array(block.buffer, block.byteOffset, n);
        sums.fill(123); // overwritten, not added to
        expect(wasmColumnSums(x, rows, n, sums)).toBe(true);
        const want = new Float64Array(n);
        for (let r = 0; r < rows; r++) for (let j = 0; j < n; j++) want[j] += x[r * n + j];
        for (let j = 0; j < n; j++) expect(Object.is(sums[j], want[j]) || (Number.isNaN(sums[j]) && Number.isNaN(want[j])), `column ${j}: ${sums[j]} vs ${want[j]}`).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('leave arrays outside the kernels’ memory to the JS loop, touching nothing', () => {
    const [N, H] = [2, 3];
    const z = new Float32Array(N * 4 * H).fill(0.5);
    const cells = new Float32Array(N * H);
    const out = new Float32Array(N * H);
    const [b] = kernelMemoryArrays([4 * H]);
    expect(wasmLstmGatesForward(N, H, { data: z, offset: 0, stride: 4 * H }, b, null, { data: cells, offset: 0, stride: H }, { data: out, offset: 0, stride: H })).toBe(false);
    expect(z.every((v) => v === 0.5) && cells.every((v) => v === 0) && out.every((v) => v === 0)).toBe(true);
  });

  it('refuse rows that would run past the end of an array', () => {
    const [N, H, T] = [2, 4, 3];
    const [z, b, cells, out] = kernelMemoryArrays([N * T * 4 * H, 4 * H, N * T * H, N * T * H]);
    // Step T (one past the last): the last row would end beyond the arrays.
    const past = (data: Float32Array, width: number): Rows => ({ data, offset: T * width, stride: T * width });
    expect(wasmLstmGatesForward(N, H, past(z, 4 * H), b, null, past(cells, H), past(out, H))).toBe(false);
  });

  it('are not used under the TypeScript back end', () => {
    const [N, H] = [1, 2];
    const [z, b, cells, out] = kernelMemoryArrays([4 * H, 4 * H, H, H]);
    setGemmBackend('js');
    try {
      expect(wasmLstmGatesForward(N, H, { data: z, offset: 0, stride: 4 * H }, b, null, { data: cells, offset: 0, stride: H }, { data: out, offset: 0, stride: H })).toBe(false);
    } finally {
      setGemmBackend('wasm');
    }
  });
});

// ---------------------------------------------------------------- the op with the kernels

/** Uniform numbers in [−scale, scale) from a seed. */
function rand(shape: number[], seed: number, scale = 1): Tensor {
  const r = mulberry32(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return new Tensor(shape, Float32Array.from({ length: n }, () => (r() * 2 - 1) * scale));
}

/** Big enough that every buffer of the op goes to the kernels' memory (small tensors stay ordinary arrays). */
const [N, T, I, H] = [4, 5, 3, 64];
const G = 4 * H;

function lstmInputs(withState: boolean): Record<string, Tensor> {
  const inputs: Record<string, Tensor> = {
    input: rand([N, T, I], 1),
    weight_ih: rand([G, I], 2, 0.5),
    weight_hh: rand([G, H], 3, 0.3),
    bias_ih: rand([G], 4, 0.3),
    bias_hh: rand([G], 5, 0.3),
  };
  if (withState) {
    inputs.h0 = rand([N, H], 6);
    inputs.c0 = rand([N, H], 7);
  }
  return inputs;
}

/** A tensor allocated in the running step (in the kernels' memory) holding `src`'s numbers. */
function inStep(src: Tensor): Tensor {
  const t = new Tensor(src.shape);
  t.data.set(src.data);
  return t;
}

/** lstm_sequence forward and its vjp for output weights `w`, in one step; everything copied out. */
function forwardBackward(inputs: Record<string, Tensor>, w: Record<string, Tensor>): Record<string, Float32Array> {
  return stepScope(() => {
    const own = Object.fromEntries(Object.entries(inputs).map(([n, t]) => [n, inStep(t)]));
    const outputs = registry.run('lstm_sequence', own, {});
    const g = Object.fromEntries(Object.entries(w).map(([n, t]) => [n, inStep(t)]));
    const grads = registry.get('lstm_sequence').vjp!({ inputs: own, attrs: {}, outputs, saved: (outputs as SavedOutputs)[SAVED] }, g);
    const copy: Record<string, Float32Array> = {};
    for (const [n, t] of Object.entries(outputs)) copy[n] = new Float32Array(t.data);
    for (const [n, t] of Object.entries(grads)) if (t) copy[`d${n}`] = new Float32Array(t.data);
    return copy;
  });
}

const outputWeights = (): Record<string, Tensor> => ({ output: rand([N, T, H], 11), h_n: rand([N, H], 12), c_n: rand([N, H], 13) });

describe('lstm_sequence on the gate kernels', () => {
  for (const withState of [false, true]) {
    it(`gives the outputs and gradients of its JS loops${withState ? ' (from given h0, c0)' : ''}`, () => {
      const inputs = lstmInputs(withState);
      const w = outputWeights();
      const before = lstmKernelCalls();
      const kernel = forwardBackward(inputs, w);
      const after = lstmKernelCalls();
      // Every step of the forward and of the backward ran in the kernels.
      expect(after.forward - before.forward).toBe(T);
      expect(after.backward - before.backward).toBe(T);
      setLstmKernelsEnabled(false);
      const js = forwardBackward(inputs, w);
      expect(lstmKernelCalls()).toEqual(after);
      expect(Object.keys(kernel).sort()).toEqual(Object.keys(js).sort());
      // Through T steps of recurrence the float32 roundings may move a few units in the last place.
      for (const name of Object.keys(js)) expectClose(name, kernel[name], js[name], 1e-6);
    });
  }

  it('has gradients that match finite differences with the kernels running', () => {
    const inputs = lstmInputs(true);
    const w = outputWeights();
    const before = lstmKernelCalls().backward;
    const analytic = forwardBackward(inputs, w);
    expect(lstmKernelCalls().backward - before).toBe(T);
    const loss = (): number =>
      stepScope(() => {
        const own = Object.fromEntries(Object.entries(inputs).map(([n, t]) => [n, inStep(t)]));
        const out = registry.run('lstm_sequence', own, {});
        let s = 0;
        for (const [n, t] of Object.entries(out)) for (let k = 0; k < t.size; k++) s += t.data[k] * w[n].data[k];
        return s;
      });
    const h = 1e-2;
    let checked = 0;
    for (const [name, x] of Object.entries(inputs)) {
      // Every 37th number of each input (all of the small ones): a few hundred nudges in all.
      for (let k = name === 'input' ? 0 : 5; k < x.size; k += x.size > 64 ? 37 : 1) {
        const orig = x.data[k];
        x.data[k] = orig + h;
        const lp = loss();
        x.data[k] = orig - h;
        const lm = loss();
        x.data[k] = orig;
        const numeric = (lp - lm) / (2 * h);
        const a = analytic[`d${name}`][k];
        expect(Math.abs(a - numeric), `${name}[${k}]: analytic ${a}, numeric ${numeric}`).toBeLessThanOrEqual(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
