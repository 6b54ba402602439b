/**
 * conv2d forward and both backwards by the WebAssembly kernels (src/engine/kernels/wasm-conv.ts,
 * kernels in src/engine/kernels/wasm/conv.ts) against a float64 reference written out
 * loop by loop here, and the op's dispatch under the wasm back end. The kernels come from
 * the build (the test run's global setup makes it): these tests fail, not skip, without it.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { setGemmBackend, WASM_MIN_WORK } from '../../src/engine/gemm.js';
import { wasmConv2d, wasmConv2dBackward } from '../../src/engine/kernels/wasm-conv.js';
import { kernelModule } from '../../src/engine/kernels/wasm-module.js';
import { conv2d, conv2dBackward, conv2dGeometry, type Conv2dGeometry, type Conv2dOptions } from '../../src/engine/ops/conv.js';
import { mulberry32 } from '../../src/engine/random.js';
import { Tensor } from '../../src/engine/tensor.js';

interface ConvCase {
  batch: number | null;
  C: number;
  H: number;
  W: number;
  K: number;
  FH: number;
  FW: number;
  opts: Conv2dOptions;
  seed: number;
}

function rand(n: number, r: () => number): Float32Array {
  return new Float32Array(n).map(() => r() * 2 - 1);
}

/** Calls f(b, k, oy, ox, c, fy, fx, input index, weight index) for every term of every output sum. */
function eachTerm(g: Conv2dGeometry, f: (b: number, k: number, p: number, xi: number, wi: number) => void): void {
  const n = g.batch ?? 1;
  for (let b = 0; b < n; b++) {
    for (let k = 0; k < g.K; k++) {
      for (let oy = 0; oy < g.OH; oy++) {
        for (let ox = 0; ox < g.OW; ox++) {
          const p = ((b * g.K + k) * g.OH + oy) * g.OW + ox;
          for (let c = 0; c < g.C; c++) {
            for (let fy = 0; fy < g.FH; fy++) {
              const iy = oy * g.strideH - g.padTop + fy * g.dilationH;
              if (iy < 0 || iy >= g.H) continue;
              for (let fx = 0; fx < g.FW; fx++) {
                const ix = ox * g.strideW - g.padLeft + fx * g.dilationW;
                if (ix < 0 || ix >= g.W) continue;
                f(b, k, p, ((b * g.C + c) * g.H + iy) * g.W + ix, ((k * g.C + c) * g.FH + fy) * g.FW + fx);
              }
            }
          }
        }
      }
    }
  }
}

/**
 * How far `got` is outside float32 tolerance of the float64 sums `ref` (0 = within). A
 * float32 sum of `terms` products may differ from the exact one by about terms·ε·Σ|terms|
 * (ε = 2⁻²⁴); an indexing mistake is off by O(1). NaN (an entry never written) is infinitely far.
 */
function excess(got: Float32Array, ref: Float64Array, abs: Float64Array, terms: number): number {
  let worst = 0;
  for (let i = 0; i < ref.length; i++) {
    const e = Math.abs(got[i] - ref[i]) - (terms + 4) * 2 ** -24 * abs[i] - 1e-30;
    if (!(e <= 0)) worst = Math.max(worst, Number.isNaN(e) ? Infinity : e);
  }
  return worst;
}

/** Runs the kernels on one case and returns how far each result is from the reference. */
function check(c: ConvCase): { y: number; gx: number; gw: number } {
  const xShape = c.batch === null ? [c.C, c.H, c.W] : [c.batch, c.C, c.H, c.W];
  const g = conv2dGeometry(xShape, [c.K, c.C, c.FH, c.FW], [c.K], c.opts);
  const r = mulberry32(c.seed);
  const n = g.batch ?? 1;
  const x = rand(n * c.C * c.H * c.W, r);
  const w = rand(c.K * c.C * c.FH * c.FW, r);
  const bias = rand(c.K, r);
  const dy = rand(n * c.K * g.OH * g.OW, r);
  const yRef = new Float64Array(dy.length);
  const yAbs = new Float64Array(dy.length);
  for (let i = 0; i < dy.length; i++) {
    const k = Math.floor(i / (g.OH * g.OW)) % c.K;
    yRef[i] = bias[k];
    yAbs[i] = Math.abs(bias[k]);
  }
  const gxRef = new Float64Array(x.length);
  const gxAbs = new Float64Array(x.length);
  const gwRef = new Float64Array(w.length);
  const gwAbs = new Float64Array(w.length);
  eachTerm(g, (_b, _k, p, xi, wi) => {
    yRef[p] += x[xi] * w[wi];
    yAbs[p] += Math.abs(x[xi] * w[wi]);
    gxRef[xi] += dy[p] * w[wi];
    gxAbs[xi] += Math.abs(dy[p] * w[wi]);
    gwRef[wi] += dy[p] * x[xi];
    gwAbs[wi] += Math.abs(dy[p] * x[xi]);
  });
  // Outputs start as NaN: an entry the kernels never write shows.
  const y = new Float32Array(dy.length).fill(NaN);
  const gx = new Float32Array(x.length).fill(NaN);
  const gw = new Float32Array(w.length).fill(NaN);
  expect(wasmConv2d(g, x, w, bias, y)).toBe(true);
  expect(wasmConv2dBackward(g, x, w, dy, gx, gw, { input: true, weight: true })).toBe(true);
  const CFF = c.C * c.FH * c.FW;
  return {
    y: excess(y, yRef, yAbs, CFF + 1),
    // grad input: a float32 GEMM over K, then col2im adds up to FH·FW entries per pixel.
    gx: excess(gx, gxRef, gxAbs, c.K + c.FH * c.FW),
    // grad weight: summed over every position of every image.
    gw: excess(gw, gwRef, gwAbs, n * g.OH * g.OW),
  };
}

const base: ConvCase = { batch: null, C: 3, H: 9, W: 11, K: 5, FH: 3, FW: 3, opts: {}, seed: 1 };

describe('the WebAssembly conv2d kernels match a float64 reference', () => {
  const table: [string, Partial<ConvCase>][] = [
    ['3×3, no padding, one unbatched image', {}],
    ['padding 1, a batch of 2', { batch: 2, opts: { padding: 1 } }],
    ['stride 2 with padding 2, C = 1, 5×5 (LeNet-like)', { batch: 3, C: 1, H: 10, W: 7, K: 6, FH: 5, FW: 5, opts: { padding: 2, stride: 2 } }],
    ['1×1 kernel, stride 1: the image is the column matrix', { batch: 3, C: 4, H: 8, W: 8, K: 7, FH: 1, FW: 1 }],
    ['1×1 kernel, stride 2', { batch: 2, C: 4, H: 9, W: 8, K: 7, FH: 1, FW: 1, opts: { stride: 2 } }],
    ['1×1 kernel with padding', { C: 2, H: 5, W: 6, K: 3, FH: 1, FW: 1, opts: { padding: 1 } }],
    ['per-axis stride, padding and dilation, a 3×2 kernel', { batch: 2, H: 13, W: 12, K: 4, FH: 3, FW: 2, opts: { stride: [2, 3], padding: [1, 3], dilation: [2, 1] } }],
    ["'same' padding with an even kernel (uneven split)", { batch: 2, H: 7, W: 6, FH: 4, FW: 2, opts: { padding: 'same' } }],
    ['a kernel as large as the padded input (one output)', { H: 3, W: 4, FH: 5, FW: 6, opts: { padding: 1 } }],
    ['1×1 images', { batch: 4, C: 5, H: 1, W: 1, K: 3, FH: 1, FW: 1 }],
    ['C·FH·FW = 288 > the GEMM`s KC (two slices), K = 9 (an edge row of tiles)', { batch: 2, C: 32, H: 6, W: 7, K: 9 }],
    ['columns larger than one chunk: output rows in two chunks', { C: 16, H: 100, W: 100, K: 4, opts: { padding: 1 } }],
  ];
  for (const [name, over] of table) {
    it(name, () => {
      expect(check({ ...base, ...over })).toEqual({ y: 0, gx: 0, gw: 0 });
    });
  }

  it('random shapes, strides, paddings and dilations (fast-check)', () => {
    const arb = fc
      .record({
        batch: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        C: fc.integer({ min: 1, max: 5 }),
        H: fc.integer({ min: 1, max: 12 }),
        W: fc.integer({ min: 1, max: 12 }),
        K: fc.integer({ min: 1, max: 10 }),
        FH: fc.integer({ min: 1, max: 4 }),
        FW: fc.integer({ min: 1, max: 4 }),
        opts: fc.record({
          stride: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 3 })),
          padding: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 2 })),
          dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
        }),
        seed: fc.integer({ min: 0, max: 1e6 }),
      })
      // Only configurations whose kernel fits the padded input.
      .filter((c) => {
        const [ph, pw] = c.opts.padding;
        const [dh, dw] = c.opts.dilation;
        return c.H + 2 * ph >= dh * (c.FH - 1) + 1 && c.W + 2 * pw >= dw * (c.FW - 1) + 1;
      });
    fc.assert(
      fc.property(arb, (c) => {
        expect(check(c)).toEqual({ y: 0, gx: 0, gw: 0 });
      }),
      { numRuns: 150 },
    );
  });

  it('computes only the wanted gradient and leaves the other untouched', () => {
    const g = conv2dGeometry([2, 3, 6, 6], [4, 3, 3, 3], undefined, { padding: 1 });
    const r = mulberry32(3);
    const x = rand(2 * 3 * 36, r);
    const w = rand(4 * 27, r);
    const dy = rand(2 * 4 * 36, r);
    const gx = new Float32Array(x.length).fill(7);
    const gw = new Float32Array(w.length).fill(7);
    expect(wasmConv2dBackward(g, x, w, dy, gx, gw, { input: false, weight: true })).toBe(true);
    expect(gx.every((v) => v === 7)).toBe(true);
    expect(gw.some((v) => v !== 7)).toBe(true);
    gw.fill(7);
    expect(wasmConv2dBackward(g, x, w, dy, gx, gw, { input: true, weight: false })).toBe(true);
    expect(gw.every((v) => v === 7)).toBe(true);
    expect(gx.some((v) => v !== 7)).toBe(true);
  });
});

/**
 * The forward by column panels (kernels/wasm/conv.ts, forwardByPanels): stride 1 across and an
 * output width a multiple of 8, where each 8-pixel panel of the columns is read straight from
 * the image. Every case runs three ways, which must all agree with the reference: panels from a
 * zero-padded copy of the image (the default where the copy fits the column area), panels from
 * the image itself (masked loads at the padded edges; large images), and im2col + GEMM.
 */
describe('the forward by column panels (stride 1 across, OW a multiple of 8) matches the reference', () => {
  const ex = (): { useColumnPanels(mode: number): void } => kernelModule()!.ex as unknown as { useColumnPanels(mode: number): void };
  afterAll(() => ex().useColumnPanels(1));
  const both = (c: ConvCase): void => {
    for (const mode of [1, 2, 0]) {
      ex().useColumnPanels(mode);
      expect({ mode, ...check(c) }).toEqual({ mode, y: 0, gx: 0, gw: 0 });
    }
    ex().useColumnPanels(1);
  };
  const table: [string, Partial<ConvCase>][] = [
    ['OW = 16, 5×5 with padding 2, C = 3, a batch of 2: panels reaching into the padding on both sides', { batch: 2, C: 3, H: 12, W: 16, K: 5, FH: 5, FW: 5, opts: { padding: 2 } }],
    ['padding 9 across: whole panels in the padding, OW = 24', { C: 2, H: 5, W: 8, K: 3, opts: { padding: [1, 9] } }],
    ['an input narrower than a panel (W = 4, padding 3 → OW = 8)', { batch: 3, C: 2, H: 4, W: 4, K: 4, opts: { padding: 3 } }],
    ['stride 2 down, 1 across, dilation 2 across, OW = 8 from W = 12', { batch: 2, C: 3, H: 11, W: 12, K: 9, opts: { stride: [2, 1], dilation: [1, 2] } }],
    ['C·FH·FW = 288 > KC (two slices), OH·OW = 1280 > one pixel block, K = 9', { C: 32, H: 40, W: 32, K: 9, opts: { padding: 1 } }],
    ['K = 8: whole tiles, so panels inside the image are read by the micro-kernel straight from it', { C: 3, H: 10, W: 24, K: 8, opts: { padding: 1 } }],
    ['K = 16, C·FH·FW = 288 > KC, OH·OW = 1280 > one pixel block: panels read from the image, two slices', { C: 32, H: 40, W: 32, K: 16, opts: { padding: 1 } }],
    ['K = 130 > the GEMM`s MC (two row blocks)', { batch: 2, C: 2, H: 6, W: 8, K: 130, opts: { padding: 1 } }],
  ];
  for (const [name, over] of table) {
    it(name, () => both({ ...base, ...over }));
  }

  it('random shapes with OW = 8, 16 or 24 (fast-check)', () => {
    const arb = fc
      .record({
        batch: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
        C: fc.integer({ min: 1, max: 4 }),
        H: fc.integer({ min: 1, max: 9 }),
        OW: fc.constantFrom(8, 16, 24),
        K: fc.integer({ min: 1, max: 10 }),
        FH: fc.integer({ min: 1, max: 4 }),
        FW: fc.integer({ min: 1, max: 5 }),
        strideH: fc.integer({ min: 1, max: 3 }),
        padding: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 9 })),
        dilation: fc.tuple(fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 })),
        seed: fc.integer({ min: 0, max: 1e6 }),
      })
      // The input width that gives OW at stride 1 across; only kernels that fit the padded input.
      .map(({ OW, strideH, padding, dilation, ...c }) => ({
        ...c,
        W: OW - 2 * padding[1] + dilation[1] * (c.FW - 1),
        opts: { stride: [strideH, 1], padding, dilation },
      }))
      .filter((c) => c.W >= 1 && c.H + 2 * c.opts.padding[0] >= c.opts.dilation[0] * (c.FH - 1) + 1);
    fc.assert(
      fc.property(arb, (c) => both(c)),
      { numRuns: 100 },
    );
  });
});

describe('conv2d under the wasm back end runs the kernels', () => {
  afterAll(() => setGemmBackend(undefined));

  /**
   * The JS path sums in float64 and the kernels in float32, so somewhere they differ
   * (a nonzero count shows which one ran); the op's results must be the kernels' exactly.
   */
  it('the op and conv2d_backward return what the kernels compute, and differ from the JS path', () => {
    const opts: Conv2dOptions = { padding: 1, stride: 1 };
    const r = mulberry32(8);
    const input = new Tensor([2, 8, 10, 10], rand(1600, r));
    const weight = new Tensor([6, 8, 3, 3], rand(432, r));
    const bias = new Tensor([6], rand(6, r));
    const gradOut = new Tensor([2, 6, 10, 10], rand(1200, r));
    const g = conv2dGeometry(input.shape, weight.shape, bias.shape, opts);
    const y = new Float32Array(1200);
    const gx = new Float32Array(1600);
    const gw = new Float32Array(432);
    expect(wasmConv2d(g, input.data, weight.data, bias.data, y)).toBe(true);
    expect(wasmConv2dBackward(g, input.data, weight.data, gradOut.data, gx, gw, { input: true, weight: true })).toBe(true);

    setGemmBackend('wasm');
    const wasmOut = conv2d(input, weight, bias, opts);
    const wasmGrads = conv2dBackward(input, weight, bias, gradOut, opts);
    setGemmBackend('js');
    const jsOut = conv2d(input, weight, bias, opts);
    const jsGrads = conv2dBackward(input, weight, bias, gradOut, opts);

    expect(wasmOut.data).toEqual(y);
    expect(wasmGrads.gradInput.data).toEqual(gx);
    expect(wasmGrads.gradWeight.data).toEqual(gw);
    expect(wasmGrads.gradBias.data).toEqual(jsGrads.gradBias.data);
    const differ = (a: Float32Array, b: Float32Array): number => a.filter((v, i) => v !== b[i]).length;
    expect(differ(wasmOut.data, jsOut.data)).toBeGreaterThan(0);
    expect(differ(wasmGrads.gradWeight.data, jsGrads.gradWeight.data)).toBeGreaterThan(0);
  });

  it('a convolution under WASM_MIN_WORK multiply-adds stays on the JS path (bit for bit)', () => {
    const r = mulberry32(9);
    // 1 filter of 2×3×3 over a 2×6×6 image: 16 positions × 18 = 288 multiply-adds.
    const input = new Tensor([2, 6, 6], rand(72, r));
    const weight = new Tensor([1, 2, 3, 3], rand(18, r));
    const gradOut = new Tensor([1, 4, 4], rand(16, r));
    expect(16 * 18).toBeLessThan(WASM_MIN_WORK);
    setGemmBackend('wasm');
    const wasmOut = conv2d(input, weight);
    const wasmGrads = conv2dBackward(input, weight, undefined, gradOut);
    setGemmBackend('js');
    expect(wasmOut.data).toEqual(conv2d(input, weight).data);
    const js = conv2dBackward(input, weight, undefined, gradOut);
    expect(wasmGrads.gradInput.data).toEqual(js.gradInput.data);
    expect(wasmGrads.gradWeight.data).toEqual(js.gradWeight.data);
  });
});
