/**
 * The elementwise WebAssembly kernels (src/engine/kernels/wasm/elementwise.ts, called through
 * src/engine/wasm-elementwise.ts) against the JS loops they replace: the same op run
 * on ordinary arrays (which always takes the JS path). Bit for bit — NaN, ±0, ±∞ included —
 * since each kernel evaluates what its JS loop evaluates, in the same precision.
 * The kernels run only on arrays in the kernels' memory (tests/helpers/kernel-memory.ts puts
 * them there) and only under the WebAssembly back end.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setGemmBackend } from '../../src/engine/gemm.js';
import { kernelAddress } from '../../src/engine/kernels/wasm-address.js';
import {
  wasmAdam,
  wasmCrossEntropyGrad,
  wasmRowLogSumExp,
  wasmGelu,
  wasmGeluBackward,
  wasmSigmoid,
  wasmTanh,
  wasmLayerNorm,
  wasmLayerNormBackward,
  wasmSoftmaxBackwardRows,
  wasmSoftmaxRows,
  wasmMaxPool2d,
  wasmMaxPool2dBackward,
  wasmRelu,
  wasmReluBackward,
  wasmSgd,
  wasmSgdMomentum,
  wasmSigmoidBackward,
  wasmTanhBackward,
} from '../../src/engine/wasm-elementwise.js';
import { wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { relu, reluBackward, sigmoid, sigmoidBackward, tanh, tanhBackward } from '../../src/engine/ops/activations.js';
import { elementwiseOps, gelu } from '../../src/engine/ops/elementwise.js';
import { crossEntropy, lossOps } from '../../src/engine/ops/loss.js';
import { stepScope } from '../../src/engine/step-memory.js';
import { layerNormBackward, layerNormWithStats } from '../../src/engine/ops/norm.js';
import { logSoftmax, logSoftmaxBackward, softmax, softmaxBackward } from '../../src/engine/ops/softmax.js';
import { maxPool2d, maxPool2dBackward, poolGeometry, type Pool2dOptions } from '../../src/engine/ops/pool.js';
import { Adam, AdamW } from '../../src/engine/optim/adam.js';
import { SGD } from '../../src/engine/optim/sgd.js';
import { Tensor } from '../../src/engine/tensor.js';
import { asInt32, kernelMemoryArrays } from '../helpers/kernel-memory.js';

/** The first index where a and b differ (NaN equals NaN; +0 and −0 differ), or -1. */
function firstDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i];
    const y = b[i];
    if (!(Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y)))) return i;
  }
  return -1;
}

function expectSame(got: ArrayLike<number>, want: ArrayLike<number>): void {
  const i = firstDifference(got, want);
  expect(i, i < 0 ? '' : `at ${i}: got ${got[i]}, want ${want[i]}`).toBe(-1);
}

/** Any float32 (fast-check's float includes NaN, ±0, ±∞, subnormals), and the specials often. */
const anyFloat = fc.oneof(fc.float(), fc.constantFrom(NaN, 0, -0, Infinity, -Infinity, 1, -1));
/** Lengths that are not multiples of 4 (or 2) as often as lengths that are. */
const floats = (min = 1, max = 67): fc.Arbitrary<number[]> => fc.array(anyFloat, { minLength: min, maxLength: max });

/** Two arrays of equal length n. */
const pairs = fc.integer({ min: 1, max: 67 }).chain((n) => fc.tuple(floats(n, n), floats(n, n)));

const RUNS = { numRuns: 150 };

beforeAll(() => setGemmBackend('wasm'));
afterAll(() => setGemmBackend(undefined));

describe('the elementwise WebAssembly kernels', () => {
  it('load from the build', () => {
    expect(wasmKernelStatus()).toEqual({ ok: true });
  });

  it('run only on arrays in the kernels’ memory, and only under the WebAssembly back end', () => {
    const [x, out] = kernelMemoryArrays([8, 8]);
    x.set([1, -1, 2, -2, 3, -3, 4, -4]);
    const plain = new Float32Array(8).fill(7);
    expect(kernelAddress(plain)).toBe(-1);
    expect(kernelAddress(x)).toBeGreaterThan(0);
    expect(wasmRelu(x, plain)).toBe(false);
    expect([...plain]).toEqual(new Array(8).fill(7));
    out.fill(7);
    setGemmBackend('js');
    try {
      expect(wasmRelu(x, out)).toBe(false);
      expect([...out]).toEqual(new Array(8).fill(7));
    } finally {
      setGemmBackend('wasm');
    }
    expect(wasmRelu(x, out)).toBe(true);
    expect([...out]).toEqual([1, 0, 2, 0, 3, 0, 4, 0]);
  });

  it('relu: the JS loop’s max(0, x) with NaN kept and −0 → +0', () => {
    fc.assert(
      fc.property(floats(), (d) => {
        const [x, out] = kernelMemoryArrays([d.length, d.length]);
        x.set(d);
        expect(wasmRelu(x, out)).toBe(true);
        expectSame(out, relu(new Tensor([d.length], Float32Array.from(d))).data);
      }),
      RUNS,
    );
  });

  it('relu backward: 0 where x ≤ 0, the gradient elsewhere (NaN x passes it)', () => {
    fc.assert(
      fc.property(pairs, ([xs, gs]) => {
        const n = xs.length;
        const [x, g, out] = kernelMemoryArrays([n, n, n]);
        x.set(xs);
        g.set(gs);
        expect(wasmReluBackward(x, g, out)).toBe(true);
        expectSame(out, reluBackward(new Tensor([n], Float32Array.from(xs)), new Tensor([n], Float32Array.from(gs))).data);
      }),
      RUNS,
    );
  });

  it('sigmoid and tanh backward from the output, in float64 as the JS', () => {
    fc.assert(
      fc.property(pairs, ([ys, gs]) => {
        const n = ys.length;
        const [y, g, out] = kernelMemoryArrays([n, n, n]);
        y.set(ys);
        g.set(gs);
        const yt = new Tensor([n], Float32Array.from(ys));
        const gt = new Tensor([n], Float32Array.from(gs));
        expect(wasmSigmoidBackward(y, g, out)).toBe(true);
        expectSame(out, sigmoidBackward(yt, gt).data);
        expect(wasmTanhBackward(y, g, out)).toBe(true);
        expectSame(out, tanhBackward(yt, gt).data);
      }),
      RUNS,
    );
  });
});

/** A max-pooling case: input shape [planes, H, W], window options, and values with many ties. */
const poolCase = fc
  .record({
    planes: fc.integer({ min: 1, max: 3 }),
    H: fc.integer({ min: 1, max: 11 }),
    W: fc.integer({ min: 1, max: 26 }),
    k: fc.oneof(fc.constant(2), fc.integer({ min: 1, max: 4 })),
    kw: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    s: fc.oneof(fc.constant(2), fc.integer({ min: 1, max: 3 })),
    padding: fc.oneof(fc.constant(0), fc.constant(0), fc.constant(1)),
    ceilMode: fc.boolean(),
    seed: fc.integer(),
  })
  .filter((c) => c.k <= c.H && (c.kw ?? c.k) <= c.W && c.padding <= Math.floor(Math.min(c.k, c.kw ?? c.k) / 2));

/** Values drawn from few levels (ties), with NaN, ±∞ and ±0 among them. */
function poolValues(n: number, seed: number): Float32Array {
  const levels = [0, -0, 1, -1, 2, 0.5, NaN, Infinity, -Infinity, 3.25, -7];
  let s = (seed >>> 0) + 1;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    s = (s * 48271) % 2147483647;
    // Mostly ordinary values, a special one now and then.
    out[i] = s % 5 === 0 ? levels[s % levels.length] : ((s % 1000) - 500) / 64;
  }
  return out;
}

describe('the max pooling kernels', () => {
  it('forward: the JS’s outputs and argmax indices (first maximum on ties, NaN wins) for windows inside the input', () => {
    let ran = 0;
    fc.assert(
      fc.property(poolCase, (c) => {
        const opts: Pool2dOptions = { kernelSize: c.kw === undefined ? c.k : [c.k, c.kw], stride: c.s, padding: c.padding, ceilMode: c.ceilMode };
        const xs = poolValues(c.planes * c.H * c.W, c.seed);
        const xt = new Tensor([c.planes, c.H, c.W], xs);
        const geo = poolGeometry(xt, opts);
        const nOut = geo.planes * geo.outH * geo.outW;
        const [x, out, idxF] = kernelMemoryArrays([xs.length, nOut, nOut]);
        x.set(xs);
        const idx = asInt32(idxF);
        const inside = geo.pH === 0 && geo.pW === 0 && (geo.outH - 1) * geo.sH + geo.kH <= geo.H && (geo.outW - 1) * geo.sW + geo.kW <= geo.W;
        expect(wasmMaxPool2d(geo, x, out, idx)).toBe(inside);
        if (!inside) return;
        ran++;
        const want = maxPool2d(xt, opts);
        expectSame(out, want.output.data);
        expectSame(idx, want.indices);
      }),
      { numRuns: 300 },
    );
    expect(ran).toBeGreaterThan(50);
  });

  it('forward: LeNet’s 2×2 stride-2 pooling of 28×28 planes (the four-at-once path)', () => {
    const opts = { kernelSize: 2 };
    for (const W of [28, 10, 9, 16, 17]) {
      const xs = poolValues(6 * 28 * W, W);
      const xt = new Tensor([6, 28, W], xs);
      const geo = poolGeometry(xt, opts);
      const nOut = geo.planes * geo.outH * geo.outW;
      const [x, out, idxF] = kernelMemoryArrays([xs.length, nOut, nOut]);
      x.set(xs);
      expect(wasmMaxPool2d(geo, x, out, asInt32(idxF))).toBe(true);
      const want = maxPool2d(xt, opts);
      expectSame(out, want.output.data);
      expectSame(asInt32(idxF), want.indices);
    }
  });

  it('backward: each gradient added at its index (indices outside the plane skipped), everything else 0', () => {
    fc.assert(
      fc.property(poolCase, fc.boolean(), (c, wild) => {
        const opts: Pool2dOptions = { kernelSize: c.kw === undefined ? c.k : [c.k, c.kw], stride: c.s, padding: c.padding, ceilMode: c.ceilMode };
        const xs = poolValues(c.planes * c.H * c.W, c.seed);
        const xt = new Tensor([c.planes, c.H, c.W], xs);
        const geo = poolGeometry(xt, opts);
        const plane = geo.H * geo.W;
        const per = geo.outH * geo.outW;
        const nOut = geo.planes * per;
        const gs = poolValues(nOut, c.seed ^ 0x5bd1);
        // The forward's indices, or any ints around the plane (overlapping windows share winners too).
        let want = maxPool2d(xt, opts).indices;
        if (wild) want = Int32Array.from(want, (v, i) => ((v * 7 + i * 13) % (plane + 4)) - 2);
        const [g, idxF, gin] = kernelMemoryArrays([nOut, nOut, xs.length]);
        g.set(gs);
        asInt32(idxF).set(want);
        gin.fill(NaN); // the kernel must clear what it does not write
        expect(wasmMaxPool2dBackward(geo.planes, plane, per, g, asInt32(idxF), gin)).toBe(true);
        expectSame(gin, maxPool2dBackward(xt, new Tensor(geo.outShape, gs), opts, want).data);
      }),
      { numRuns: 200 },
    );
  });
});

/** A parameter of n floats with its gradient, as the optimizers see them. */
function paramWithGrad(ps: number[], gs: number[]): Tensor {
  const t = new Tensor([ps.length], Float32Array.from(ps));
  t.requiresGrad = true;
  t.grad = new Tensor([gs.length], Float32Array.from(gs));
  return t;
}

/** Parameters and gradients: mostly ordinary values, sometimes a special one. */
const optimCase = fc.integer({ min: 1, max: 37 }).chain((n) => {
  const v = fc.oneof({ weight: 9, arbitrary: fc.float({ min: -4, max: 4, noNaN: true }) }, { weight: 1, arbitrary: anyFloat });
  const arr = fc.array(v, { minLength: n, maxLength: n });
  return fc.tuple(arr, fc.array(arr, { minLength: 3, maxLength: 3 }));
});

describe('the optimizer kernels repeat the optimizers’ steps exactly', () => {
  it('SGD without and with momentum and weight decay, three steps', () => {
    fc.assert(
      fc.property(optimCase, fc.constantFrom(0, 0.9), fc.constantFrom(0, 0.01), ([ps, grads], mu, wd) => {
        const lr = 0.05;
        const n = ps.length;
        const ref = paramWithGrad(ps, grads[0]);
        const opt = new SGD([ref], { lr, momentum: mu, weightDecay: wd });
        const [p, g, v] = kernelMemoryArrays([n, n, n]);
        p.set(ps);
        for (let t = 0; t < 3; t++) {
          ref.grad = new Tensor([n], Float32Array.from(grads[t]));
          opt.step();
          g.set(grads[t]);
          expect(mu === 0 ? wasmSgd(p, g, lr, wd) : wasmSgdMomentum(p, g, v, lr, mu, wd, t === 0)).toBe(true);
          expectSame(p, ref.data);
        }
      }),
      RUNS,
    );
  });

  it('Adam and AdamW, three steps', () => {
    fc.assert(
      fc.property(optimCase, fc.boolean(), fc.constantFrom(0, 0.1), ([ps, grads], decoupled, wd) => {
        const lr = 0.01;
        const [beta1, beta2, eps] = [0.9, 0.999, 1e-8];
        const n = ps.length;
        const ref = paramWithGrad(ps, grads[0]);
        const opt = decoupled ? new AdamW([ref], { lr, weightDecay: wd }) : new Adam([ref], { lr, weightDecay: wd });
        const [p, g, m, v] = kernelMemoryArrays([n, n, n, n]);
        p.set(ps);
        for (let t = 1; t <= 3; t++) {
          ref.grad = new Tensor([n], Float32Array.from(grads[t - 1]));
          opt.step();
          g.set(grads[t - 1]);
          // adam.ts's per-step settings.
          const settings = {
            decay: decoupled && wd !== 0 ? 1 - lr * wd : 1,
            coupled: decoupled ? 0 : wd,
            beta1,
            beta2,
            stepSize: lr / (1 - beta1 ** t),
            sqrtBc2: Math.sqrt(1 - beta2 ** t),
            eps,
          };
          expect(wasmAdam(p, g, m, v, settings)).toBe(true);
          expectSame(p, ref.data);
        }
      }),
      RUNS,
    );
  });
});

/**
 * Within float32 rounding of `want`: NaN where it is NaN, equal infinities, else off by at
 * most 2⁻²⁰ relative to the larger, or 1e-6 of the array's largest magnitude (an entry
 * near 0 left after a cancellation). The layer-norm kernels sum rows two lanes at a time,
 * so their float64 sums may differ from the JS's in the last bits; a wrong formula is off
 * by far more.
 */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  let scale = 0;
  for (let i = 0; i < want.length; i++) if (Number.isFinite(want[i])) scale = Math.max(scale, Math.abs(want[i]));
  for (let i = 0; i < want.length; i++) {
    const [a, b] = [got[i], want[i]];
    if (Number.isNaN(b) || !Number.isFinite(b)) {
      expect(Object.is(a, b) || (Number.isNaN(a) && Number.isNaN(b)), `at ${i}: got ${a}, want ${b}`).toBe(true);
      continue;
    }
    const tol = 2 ** -20 * Math.max(Math.abs(a), Math.abs(b)) + 1e-6 * scale;
    expect(Math.abs(a - b) <= tol, `at ${i}: got ${a}, want ${b}`).toBe(true);
  }
}

/** rows × n values: mostly ordinary (some rows offset far from 0, some nearly constant), a special now and then. */
const lnCase = fc
  .record({
    rows: fc.integer({ min: 1, max: 5 }),
    n: fc.integer({ min: 1, max: 37 }),
    affine: fc.constantFrom('none', 'weight', 'both'),
    offset: fc.constantFrom(0, 0, 1000),
    spread: fc.constantFrom(1, 1, 1e-3),
    special: fc.boolean(),
    seed: fc.integer(),
  })
  .map((c) => {
    let s = (c.seed >>> 0) + 7;
    const r = (): number => ((s = (s * 48271) % 2147483647) / 2147483647) * 2 - 1;
    const x = Float32Array.from({ length: c.rows * c.n }, () => c.offset + c.spread * r());
    if (c.special) x[Math.floor(Math.abs(r()) * x.length)] = [NaN, Infinity, -Infinity][(c.seed >>> 0) % 3];
    const w = c.affine === 'none' ? null : Float32Array.from({ length: c.n }, () => 1 + 0.5 * r());
    const b = c.affine === 'both' ? Float32Array.from({ length: c.n }, () => r()) : null;
    const g = Float32Array.from({ length: c.rows * c.n }, () => r());
    return { ...c, x, w, b, g };
  });

/** Layer norm forward and backward by the kernels on copies of a case's arrays in the kernels' memory. */
function kernelLayerNorm(c: { rows: number; n: number; x: Float32Array; w: Float32Array | null; b: Float32Array | null; g: Float32Array }) {
  const { rows, n } = c;
  const [x, out, w, b, g, dx] = kernelMemoryArrays([rows * n, rows * n, n, n, rows * n, rows * n]);
  x.set(c.x);
  g.set(c.g);
  if (c.w) w.set(c.w);
  if (c.b) b.set(c.b);
  const [mean, variance, rstd] = [0, 1, 2].map(() => new Float64Array(rows));
  expect(wasmLayerNorm(x, rows, n, c.w ? w : null, c.b ? b : null, 1e-5, out, mean, variance, rstd)).toBe(true);
  const [dw, db] = [new Float64Array(n), new Float64Array(n)];
  expect(wasmLayerNormBackward(x, g, c.w ? w : null, rows, n, mean, rstd, dx, dw, db)).toBe(true);
  return { out, mean, variance, rstd, dx, dw, db };
}

/** What the JS computes for the same case (ordinary arrays: the JS path). */
function jsLayerNorm(c: { rows: number; n: number; x: Float32Array; w: Float32Array | null; b: Float32Array | null; g: Float32Array }) {
  const { rows, n } = c;
  const xt = new Tensor([rows, n], Float32Array.from(c.x));
  const wt = c.w ? new Tensor([n], c.w) : null;
  const bt = c.b ? new Tensor([n], c.b) : null;
  return { fwd: layerNormWithStats(xt, [n], wt, bt, 1e-5), bwd: layerNormBackward(xt, [n], wt, new Tensor([rows, n], c.g), 1e-5) };
}

function expectLayerNormAgrees(c: Parameters<typeof jsLayerNorm>[0]): void {
  const got = kernelLayerNorm(c);
  const { fwd, bwd } = jsLayerNorm(c);
  expectClose(got.out, fwd.output.data);
  expectClose(Float32Array.from(got.mean), fwd.mean.data);
  expectClose(Float32Array.from(got.variance), fwd.variance.data);
  expectClose(Float32Array.from(got.rstd), fwd.rstd.data);
  expectClose(got.dx, bwd.gradInput.data);
  expectClose(Float32Array.from(got.db), bwd.gradBias.data);
  if (bwd.gradWeight) expectClose(Float32Array.from(got.dw), bwd.gradWeight.data);
}

describe('the layer norm kernels', () => {
  it('forward and backward: the JS’s output, row statistics, dx, dweight, dbias (to float32 rounding)', () => {
    fc.assert(fc.property(lnCase, expectLayerNormAgrees), RUNS);
  });

  it('more rows than the kernel’s scratch holds at once (taken a chunk at a time)', () => {
    for (const [rows, n] of [
      [3001, 3],
      [4100, 2],
    ]) {
      let s = rows;
      const r = (): number => ((s = (s * 48271) % 2147483647) / 2147483647) * 2 - 1;
      const x = Float32Array.from({ length: rows * n }, r);
      const g = Float32Array.from({ length: rows * n }, r);
      const w = Float32Array.from({ length: n }, r);
      expectLayerNormAgrees({ rows, n, x, g, w, b: w });
    }
  });
});

/** rows × n logits: ordinary, large (exp would overflow without the max), with −∞ (masks) and NaN now and then. */
const softmaxCase = fc
  .record({ rows: fc.integer({ min: 1, max: 6 }), n: fc.integer({ min: 1, max: 37 }), scale: fc.constantFrom(1, 30, 1000), seed: fc.integer(), special: fc.constantFrom('none', 'none', '-inf row', 'nan', '-inf', 'inf') })
  .map((c) => {
    let s = (c.seed >>> 0) + 11;
    const r = (): number => ((s = (s * 48271) % 2147483647) / 2147483647) * 2 - 1;
    const x = Float32Array.from({ length: c.rows * c.n }, () => c.scale * r());
    const at = Math.floor(Math.abs(r()) * x.length);
    if (c.special === '-inf row') x.fill(-Infinity, 0, c.n);
    if (c.special === 'nan') x[at] = NaN;
    if (c.special === '-inf') x[at] = -Infinity;
    if (c.special === 'inf') x[at] = Infinity;
    const g = Float32Array.from({ length: c.rows * c.n }, r);
    return { ...c, x, g };
  });

describe('the softmax kernels (last dimension)', () => {
  it('softmax and log_softmax forward and backward: the JS’s results (to float32 rounding; softmax backward bit for bit)', () => {
    fc.assert(
      fc.property(softmaxCase, fc.boolean(), (c, log) => {
        const { rows, n } = c;
        const [x, out, g, dx] = kernelMemoryArrays([rows * n, rows * n, rows * n, rows * n]);
        x.set(c.x);
        g.set(c.g);
        const xt = new Tensor([rows, n], Float32Array.from(c.x));
        const y = (log ? logSoftmax : softmax)(xt);
        expect(wasmSoftmaxRows(x, out, rows, n, log)).toBe(true);
        expectClose(out, y.data);
        // The backward from the JS's forward output, so both sides start from the same y.
        out.set(y.data);
        expect(wasmSoftmaxBackwardRows(out, g, dx, rows, n, log)).toBe(true);
        const want = (log ? logSoftmaxBackward : softmaxBackward)(y, new Tensor([rows, n], Float32Array.from(c.g)));
        if (log) expectClose(dx, want.data);
        else expectSame(dx, want.data);
      }),
      RUNS,
    );
  });
});

/** Float32 units in the last place between a and b (0 for two NaNs or equal values, Infinity for NaN against a number). */
function ulps(a: number, b: number): number {
  if (Number.isNaN(a) || Number.isNaN(b)) return Number.isNaN(a) && Number.isNaN(b) ? 0 : Infinity;
  if (a === b) return 0;
  const bits = new Int32Array(new Float32Array([a, b]).buffer);
  const ordered = (i: number): number => (i < 0 ? -2147483648 - i : i);
  return Math.abs(ordered(bits[0]) - ordered(bits[1]));
}

/** The largest ulps() between got and want, and where. */
function worstUlps(got: ArrayLike<number>, want: ArrayLike<number>): { ulps: number; at: number } {
  let worst = { ulps: 0, at: -1 };
  for (let i = 0; i < want.length; i++) {
    const u = ulps(got[i], want[i]);
    if (u > worst.ulps) worst = { ulps: u, at: i };
  }
  return worst;
}

/** GELU's gradient by the op's vjp on ordinary arrays (the JS path). */
function jsGeluBackward(xs: Float32Array, gs: Float32Array): Float32Array {
  const n = xs.length;
  const input = new Tensor([n], Float32Array.from(xs));
  const vjp = elementwiseOps.find((o) => o.name === 'gelu')!.vjp!;
  const ctx = { inputs: { input }, outputs: { output: gelu(input) }, attrs: {}, saved: undefined } as unknown as Parameters<typeof vjp>[0];
  return vjp(ctx, { output: new Tensor([n], Float32Array.from(gs)) }).input!.data;
}

const TRANSCENDENTAL = [
  ['sigmoid', wasmSigmoid, (x: Tensor) => sigmoid(x)],
  ['tanh', wasmTanh, (x: Tensor) => tanh(x)],
  ['gelu', wasmGelu, (x: Tensor) => gelu(x)],
] as const;

describe('σ, tanh and GELU with the module’s exp and tanh', () => {
  // Every 2⁻⁸ over [−40, 40] (past where each saturates), then the extremes of float32.
  const sweep = Float32Array.from([
    ...Array.from({ length: 80 * 256 + 1 }, (_, i) => -40 + i / 256),
    ...[1e-45, -1e-45, 1e-38, -1e-38, 1e-7, -1e-7, 3.4e38, -3.4e38, 88.7, -88.7, 103.9, -103.9, 0, -0, Infinity, -Infinity, NaN],
  ]);

  it.each(TRANSCENDENTAL)('%s: within one float32 unit in the last place of the JS over [−40, 40] and the extremes (NaN, ±∞, ±0)', (_name, kernel, js) => {
    const [x, out] = kernelMemoryArrays([sweep.length, sweep.length]);
    x.set(sweep);
    expect(kernel(x, out)).toBe(true);
    const want = js(new Tensor([sweep.length], Float32Array.from(sweep))).data;
    const worst = worstUlps(out, want);
    expect(worst.ulps, `at x = ${sweep[worst.at]}: got ${out[worst.at]}, want ${want[worst.at]}`).toBeLessThanOrEqual(1);
  });

  it.each(TRANSCENDENTAL)('%s: within one unit in the last place on any float32', (_name, kernel, js) => {
    fc.assert(
      fc.property(floats(), (d) => {
        const [x, out] = kernelMemoryArrays([d.length, d.length]);
        x.set(d);
        expect(kernel(x, out)).toBe(true);
        const want = js(new Tensor([d.length], Float32Array.from(d))).data;
        expect(worstUlps(out, want).ulps).toBeLessThanOrEqual(1);
      }),
      RUNS,
    );
  });

  it('GELU backward: within one unit in the last place of the op’s vjp (sweep and any float32)', () => {
    const check = (xs: Float32Array, gs: Float32Array): void => {
      const [x, g, out] = kernelMemoryArrays([xs.length, xs.length, xs.length]);
      x.set(xs);
      g.set(gs);
      expect(wasmGeluBackward(x, g, out)).toBe(true);
      const want = jsGeluBackward(xs, gs);
      const worst = worstUlps(out, want);
      expect(worst.ulps, `at x = ${xs[worst.at]}: got ${out[worst.at]}, want ${want[worst.at]}`).toBeLessThanOrEqual(1);
    };
    check(sweep, Float32Array.from(sweep, (_, i) => 1 - (i % 7) / 3));
    fc.assert(fc.property(pairs, ([xs, gs]) => check(Float32Array.from(xs), Float32Array.from(gs))), RUNS);
  });
});

describe('the cross_entropy kernels', () => {
  it('loss and gradient: the JS’s (to float32 rounding)', () => {
    const vjp = lossOps.find((o) => o.name === 'cross_entropy')!.vjp!;
    fc.assert(
      fc.property(softmaxCase, fc.float({ min: Math.fround(0.1), max: 10, noNaN: true }), (c, g0) => {
        const { rows, n } = c;
        const targets = Float32Array.from({ length: rows }, (_, r) => (((r * 7 + c.seed) % n) + n) % n);
        const target = new Tensor([rows], targets);
        const [x, out] = kernelMemoryArrays([rows * n, rows * n]);
        x.set(c.x);
        const plain = new Tensor([rows, n], Float32Array.from(c.x));
        // The loss as the op makes it from the rows' log Σ e^x.
        const lse = wasmRowLogSumExp(x, rows, n)!;
        let loss = 0;
        for (let r = 0; r < rows; r++) loss -= x[r * n + targets[r]] - lse[r];
        expectClose([loss / rows], crossEntropy(plain, target).data);
        const scale = g0 / rows;
        expect(wasmCrossEntropyGrad(x, out, rows, n, scale)).toBe(true);
        for (let r = 0; r < rows; r++) out[r * n + targets[r]] -= scale;
        const ctx = { inputs: { input: plain, target }, outputs: {}, attrs: {}, saved: undefined } as unknown as Parameters<typeof vjp>[0];
        expectClose(out, vjp(ctx, { loss: Tensor.scalar(g0) }).input!.data);
      }),
      RUNS,
    );
  });

  it('the op takes the kernel inside a training step (logits in the kernels’ memory) and gives the JS’s loss', () => {
    const [rows, n] = [32, 10];
    const values = Float32Array.from({ length: rows * n }, (_, i) => Math.sin(i * 1.7) * 5);
    const target = new Tensor([rows], Float32Array.from({ length: rows }, (_, r) => (r * 3) % n));
    const want = crossEntropy(new Tensor([rows, n], Float32Array.from(values)), target).data[0];
    const got = stepScope(() => {
      const logits = new Tensor([rows, n]);
      logits.data.set(values);
      expect(kernelAddress(logits.data)).toBeGreaterThanOrEqual(0);
      return crossEntropy(logits, target).data[0];
    });
    expect(Math.abs(got - want)).toBeLessThanOrEqual(2 ** -20 * Math.abs(want));
  });
});
