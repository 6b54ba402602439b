import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile, type GoldenCase } from '../../src/engine/golden.js';
import {
  avgPool2d,
  avgPool2dBackward,
  lpPool2d,
  maxPool2d,
  maxPool2dBackward,
  type AvgPool2dOptions,
  type Pool2dOptions,
} from '../../src/engine/ops/pool.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, mulberry32, randTensor } from './gradcheck.js';

const POOL_OPS = new Set(['max_pool2d', 'max_pool2d_backward', 'avg_pool2d', 'avg_pool2d_backward', 'lp_pool2d']);
const fixtures = join(import.meta.dirname, '..', 'fixtures');
const golden = parseGoldenFile(readFileSync(join(fixtures, 'torch-golden.json'), 'utf8')).filter((c) => POOL_OPS.has(c.op));

/** "max_pool2d x=[1,5,5] k=2 s=2 p=1 ceil" */
function caseName(c: GoldenCase): string {
  const a = c.attrs ?? {};
  const fmt = (v: unknown): string => (Array.isArray(v) ? `[${v.join(',')}]` : String(v));
  const parts = [c.op, `x=[${c.inputs?.input?.shape.join(',')}]`, `k=${fmt(a.kernel_size)}`];
  if (a.stride !== undefined && a.stride !== null) parts.push(`s=${fmt(a.stride)}`);
  if (a.padding !== undefined && a.padding !== null) parts.push(`p=${fmt(a.padding)}`);
  if (a.norm_type !== undefined) parts.push(`norm=${fmt(a.norm_type)}`);
  if (a.ceil_mode === true) parts.push('ceil');
  if (a.count_include_pad === false) parts.push('exclude-pad');
  return `${parts.join(' ')} (${c.id})`;
}

describe('pooling golden cases (PyTorch)', () => {
  it('the fixture has every pooling op', () => {
    for (const op of POOL_OPS) expect(golden.some((c) => c.op === op)).toBe(true);
  });
  it.each(golden.map((c) => [caseName(c), c] as const))('%s', (_name, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// A direct reference: the definitions of FORMAT.md (tests/fixtures/README.md), one output at a time.

/** Windows along one axis by enumeration (no formula): their starts in unpadded coordinates. */
function windowStarts(n: number, k: number, s: number, p: number, ceil: boolean): number[] {
  const starts: number[] = [];
  for (let i = 0; ; i++) {
    const start = i * s - p;
    const prevEnd = start - s + k; // end of window i−1
    const keep = ceil ? prevEnd < n + p && start < n : start + k <= n + p;
    if (!keep) break;
    starts.push(start);
  }
  return starts;
}

interface RefCfg {
  kh: number;
  kw: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  ceil: boolean;
  includePad: boolean;
}

function refPool(x: Float32Array, C: number, H: number, W: number, kind: 'max' | 'avg', c: RefCfg): { data: number[]; OH: number; OW: number } {
  const hs = windowStarts(H, c.kh, c.sh, c.ph, c.ceil);
  const ws = windowStarts(W, c.kw, c.sw, c.pw, c.ceil);
  const data: number[] = [];
  for (let ch = 0; ch < C; ch++) {
    for (const h0 of hs) {
      for (const w0 of ws) {
        let best = -Infinity;
        let sum = 0;
        let inInput = 0;
        let inPadded = 0;
        for (let r = h0; r < h0 + c.kh; r++) {
          for (let q = w0; q < w0 + c.kw; q++) {
            if (r >= -c.ph && r < H + c.ph && q >= -c.pw && q < W + c.pw) inPadded++;
            if (r < 0 || r >= H || q < 0 || q >= W) continue;
            const v = x[(ch * H + r) * W + q];
            inInput++;
            sum += v;
            if (v > best) best = v;
          }
        }
        data.push(kind === 'max' ? best : sum / (c.includePad ? inPadded : inInput));
      }
    }
  }
  return { data, OH: hs.length, OW: ws.length };
}

function opts(c: RefCfg): AvgPool2dOptions {
  return { kernelSize: [c.kh, c.kw], stride: [c.sh, c.sw], padding: [c.ph, c.pw], ceilMode: c.ceil, countIncludePad: c.includePad };
}

/** Distinct values, at least `gap` apart, in a shuffled order. */
function distinct(shape: number[], seed: number, gap = 0.05): Tensor {
  const n = shape.reduce((a, b) => a * b, 1);
  const v = Array.from({ length: n }, (_, i) => (i - n / 2) * gap);
  const r = mulberry32(seed);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [v[i], v[j]] = [v[j], v[i]];
  }
  return new Tensor(shape, v);
}

describe('max_pool2d', () => {
  it('max_pool2d x=[1,4,4] k=2 s=2: the notes’ example, with the winners’ indices', () => {
    const x = Tensor.fromNested([[[1, 1, 2, 4], [5, 6, 7, 8], [3, 2, 1, 0], [1, 2, 3, 4]]]);
    const { output, indices } = maxPool2d(x, { kernelSize: 2, stride: 2 });
    expect(output.shape).toEqual([1, 2, 2]);
    expect([...output.data]).toEqual([6, 8, 3, 4]);
    expect([...indices]).toEqual([5, 7, 8, 15]);
  });
  it('max_pool2d x=[1,3,3] k=2 s=null: stride defaults to the kernel size', () => {
    const x = Tensor.fromNested([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]);
    expect([...maxPool2d(x, { kernelSize: 2 }).output.data]).toEqual([5]);
    expect([...maxPool2d(x, { kernelSize: 2, stride: null }).output.data]).toEqual([5]);
    expect([...runOp('max_pool2d', { input: x }, { kernel_size: 2, stride: null }).output.data]).toEqual([5]);
    expect([...runOp('max_pool2d', { input: x }, { kernel_size: 2, stride: [] }).output.data]).toEqual([5]);
  });
  it('max_pool2d x=[1,2,2] k=2 s=1 p=1: padding is −inf, so negative inputs still win', () => {
    const x = Tensor.fromNested([[[-1, -2], [-3, -4]]]);
    const y = maxPool2d(x, { kernelSize: 2, stride: 1, padding: 1 }).output;
    expect(y.shape).toEqual([1, 3, 3]);
    expect([...y.data]).toEqual([-1, -1, -2, -1, -1, -2, -3, -3, -4]);
  });
  it('max_pool2d x=[2,3,5,7] (batch) equals pooling each sample', () => {
    const x = randTensor([2, 3, 5, 7], 11);
    const o: Pool2dOptions = { kernelSize: [2, 3], stride: [2, 2], padding: [1, 1], ceilMode: true };
    const y = maxPool2d(x, o).output;
    const per = x.size / 2;
    for (let n = 0; n < 2; n++) {
      const xn = new Tensor([3, 5, 7], x.data.slice(n * per, (n + 1) * per));
      const yn = maxPool2d(xn, o).output;
      expect(y.shape).toEqual([2, ...yn.shape]);
      expect([...y.data.slice(n * yn.size, (n + 1) * yn.size)]).toEqual([...yn.data]);
    }
  });
  it('max_pool2d and avg_pool2d match the direct definition on random configs (non-square, padding, ceil, count_include_pad)', () => {
    fc.assert(
      fc.property(
        fc.record({
          C: fc.integer({ min: 1, max: 2 }),
          H: fc.integer({ min: 1, max: 9 }),
          W: fc.integer({ min: 1, max: 9 }),
          kh: fc.integer({ min: 1, max: 4 }),
          kw: fc.integer({ min: 1, max: 4 }),
          sh: fc.integer({ min: 1, max: 4 }),
          sw: fc.integer({ min: 1, max: 4 }),
          ph: fc.integer({ min: 0, max: 2 }),
          pw: fc.integer({ min: 0, max: 2 }),
          ceil: fc.boolean(),
          includePad: fc.boolean(),
          seed: fc.integer({ min: 0, max: 1e6 }),
        }),
        (c) => {
          const x = randTensor([c.C, c.H, c.W], c.seed);
          const valid = c.ph <= c.kh >> 1 && c.pw <= c.kw >> 1;
          const ref = refPool(x.data, c.C, c.H, c.W, 'max', c);
          if (!valid || ref.OH < 1 || ref.OW < 1) {
            expect(() => maxPool2d(x, opts(c))).toThrow(EngineError);
            expect(() => avgPool2d(x, opts(c))).toThrow(EngineError);
            return;
          }
          const { output, indices } = maxPool2d(x, opts(c));
          expect(output.shape).toEqual([c.C, ref.OH, ref.OW]);
          expect([...output.data]).toEqual(ref.data.map(Math.fround));
          const plane = c.H * c.W;
          const per = ref.OH * ref.OW;
          for (let i = 0; i < indices.length; i++) {
            expect(x.data[Math.floor(i / per) * plane + indices[i]]).toBe(output.data[i]);
          }
          const avg = avgPool2d(x, opts(c));
          const refAvg = refPool(x.data, c.C, c.H, c.W, 'avg', c);
          expect(avg.shape).toEqual([c.C, refAvg.OH, refAvg.OW]);
          for (let i = 0; i < avg.size; i++) expect(avg.data[i]).toBeCloseTo(refAvg.data[i], 5);
        },
      ),
      { numRuns: 400 },
    );
  });
  // Its speed is measured in the benchmark (npm run bench -- pool), not here: CI's cores are shared.
  it('max_pool2d x=[64,224,224] k=2 s=2 works at full size', () => {
    const x = randTensor([64, 224, 224], 5);
    const { output } = maxPool2d(x, { kernelSize: 2, stride: 2 });
    expect(output.shape).toEqual([64, 112, 112]);
  });
});

describe('max_pool2d_backward', () => {
  it('max_pool2d_backward x=[1,3,3] k=2 s=1: a shared winner accumulates the gradients of all its windows', () => {
    const x = Tensor.fromNested([[[0, 0.1, 0.2], [0.3, 9, 0.4], [0.5, 0.6, 0.7]]]);
    const g = Tensor.fromNested([[[1, 2], [3, 4]]]);
    const gin = maxPool2dBackward(x, g, { kernelSize: 2, stride: 1 });
    expect([...gin.data]).toEqual([0, 0, 0, 0, 10, 0, 0, 0, 0]);
  });
  it('max_pool2d_backward accepts the forward’s indices', () => {
    const x = distinct([2, 5, 6], 3);
    const o: Pool2dOptions = { kernelSize: 3, stride: 2, padding: 1 };
    const { output, indices } = maxPool2d(x, o);
    const g = randTensor([...output.shape], 4);
    expect([...maxPool2dBackward(x, g, o, indices).data]).toEqual([...maxPool2dBackward(x, g, o).data]);
  });
  const cases: [string, number[], Pool2dOptions][] = [
    ['max_pool2d_backward x=[2,6,6] k=2 s=2', [2, 6, 6], { kernelSize: 2, stride: 2 }],
    ['max_pool2d_backward x=[2,7,7] k=3 s=2 p=1 (overlapping)', [2, 7, 7], { kernelSize: 3, stride: 2, padding: 1 }],
    ['max_pool2d_backward x=[1,8,8] k=3 s=2 ceil', [1, 8, 8], { kernelSize: 3, stride: 2, ceilMode: true }],
    ['max_pool2d_backward x=[1,5,5] k=2 s=2 p=1 ceil', [1, 5, 5], { kernelSize: 2, stride: 2, padding: 1, ceilMode: true }],
    ['max_pool2d_backward x=[2,1,5,7] k=[2,3] s=[1,2] p=[1,1]', [2, 1, 5, 7], { kernelSize: [2, 3], stride: [1, 2], padding: [1, 1] }],
    ['max_pool2d_backward x=[1,5,5] k=3 s=1', [1, 5, 5], { kernelSize: 3, stride: 1 }],
  ];
  it.each(cases)('%s passes the finite-difference check', (_n, shape, o) => {
    const r = gradCheck(
      { input: distinct(shape, shape.length * 7 + shape[1]) },
      (i) => maxPool2d(i.input, o).output,
      (i, g) => ({ input: maxPool2dBackward(i.input, g, o) }),
    );
    expect(r.worst).not.toBeNull();
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
  it('max_pool2d_backward rejects a grad_output of the wrong shape', () => {
    const x = randTensor([1, 4, 4], 1);
    expect(() => maxPool2dBackward(x, randTensor([1, 3, 3], 2), { kernelSize: 2 })).toThrow(/grad_output should have the output's shape \[1, 2, 2\]/);
  });
});

describe('avg_pool2d', () => {
  it('avg_pool2d x=[1,3,3] k=2 s=2 p=1: count_include_pad true divides by 4, false by the real cells', () => {
    const x = Tensor.fromNested([[[1, 2, 3], [4, 5, 6], [7, 8, 9]]]);
    const inc = avgPool2d(x, { kernelSize: 2, stride: 2, padding: 1 });
    expect([...inc.data]).toEqual([1 / 4, 5 / 4, 11 / 4, 28 / 4].map(Math.fround));
    const exc = avgPool2d(x, { kernelSize: 2, stride: 2, padding: 1, countIncludePad: false });
    expect([...exc.data]).toEqual([1, 2.5, 5.5, 7].map(Math.fround));
  });
  it('avg_pool2d x=[1,1,4] k=[1,3] s=[1,2] p=[0,1] ceil: a window hanging past the padding counts only its part inside it', () => {
    // width: windows start at −1, 1, 3 (ceil: (4+2−3)/2+1 = 2.5 → 3); the last covers columns 3, 4 (padding), 5 (outside the padded range)
    const x = Tensor.fromNested([[[1, 2, 3, 4]]]);
    const inc = avgPool2d(x, { kernelSize: [1, 3], stride: [1, 2], padding: [0, 1], ceilMode: true });
    expect([...inc.data]).toEqual([3 / 3, 9 / 3, 4 / 2].map(Math.fround));
    const exc = avgPool2d(x, { kernelSize: [1, 3], stride: [1, 2], padding: [0, 1], ceilMode: true, countIncludePad: false });
    expect([...exc.data]).toEqual([3 / 2, 9 / 3, 4 / 1].map(Math.fround));
  });
});

describe('avg_pool2d_backward', () => {
  const cases: [string, number[], AvgPool2dOptions][] = [
    ['avg_pool2d_backward x=[2,4,4] k=2 s=2', [2, 4, 4], { kernelSize: 2, stride: 2 }],
    ['avg_pool2d_backward x=[2,7,7] k=3 s=2 p=1', [2, 7, 7], { kernelSize: 3, stride: 2, padding: 1 }],
    ['avg_pool2d_backward x=[2,7,7] k=3 s=2 p=1 exclude-pad', [2, 7, 7], { kernelSize: 3, stride: 2, padding: 1, countIncludePad: false }],
    ['avg_pool2d_backward x=[2,6,6] k=3 s=2 p=1 ceil', [2, 6, 6], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true }],
    ['avg_pool2d_backward x=[2,6,6] k=3 s=2 p=1 ceil exclude-pad', [2, 6, 6], { kernelSize: 3, stride: 2, padding: 1, ceilMode: true, countIncludePad: false }],
    ['avg_pool2d_backward x=[1,8,8] k=3 s=2 ceil', [1, 8, 8], { kernelSize: 3, stride: 2, ceilMode: true }],
    ['avg_pool2d_backward x=[2,1,5,7] k=[2,3] s=[2,2] p=[1,1] ceil', [2, 1, 5, 7], { kernelSize: [2, 3], stride: [2, 2], padding: [1, 1], ceilMode: true }],
    ['avg_pool2d_backward x=[1,1,4] k=[1,3] s=[1,2] p=[0,1] ceil exclude-pad', [1, 1, 4], { kernelSize: [1, 3], stride: [1, 2], padding: [0, 1], ceilMode: true, countIncludePad: false }],
  ];
  it.each(cases)('%s passes the finite-difference check', (_n, shape, o) => {
    const r = gradCheck(
      { input: randTensor(shape, shape[shape.length - 1] * 13) },
      (i) => avgPool2d(i.input, o),
      (i, g) => ({ input: avgPool2dBackward(i.input, g, o) }),
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
});

describe('lp_pool2d', () => {
  it('lp_pool2d x=[1,2,4] norm=2 k=2 s=2 is sqrt of the sum of squares (not a mean)', () => {
    const x = Tensor.fromNested([[[3, 4, 1, 1], [0, 0, 1, 1]]]);
    expect([...lpPool2d(x, { kernelSize: 2, stride: 2 }).data]).toEqual([5, 2]);
  });
  it('lp_pool2d norm=1 is the plain sum and norm=3 the cube root of the sum of cubes', () => {
    const x = Tensor.fromNested([[[1, 2], [3, 4]]]);
    expect(lpPool2d(x, { kernelSize: 2, normType: 1 }).data[0]).toBeCloseTo(10, 5);
    expect(lpPool2d(x, { kernelSize: 2, normType: 3 }).data[0]).toBeCloseTo(Math.cbrt(100), 5);
  });
  it('lp_pool2d x=[1,5,5] k=2 s=2: no padding, output ⌊(5 − 2)/2⌋ + 1 = 2', () => {
    expect(lpPool2d(randTensor([1, 5, 5], 1), { kernelSize: 2, stride: 2 }).shape).toEqual([1, 2, 2]);
  });
  it('lp_pool2d rejects norm_type ≤ 0', () => {
    expect(() => runOp('lp_pool2d', { input: randTensor([1, 4, 4], 1) }, { norm_type: 0, kernel_size: 2 })).toThrow(EngineError);
    expect(() => lpPool2d(randTensor([1, 4, 4], 1), { kernelSize: 2, normType: NaN })).toThrow(EngineError);
  });
});

describe('pooling rejects bad configurations with EngineError', () => {
  const x = randTensor([1, 5, 5], 1);
  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['kernel 0', { kernel_size: 0 }, /window size F must be at least 1, got 0/i],
    ['negative stride', { kernel_size: 2, stride: -1 }, /stride S must be at least 1, got −1/i],
    ['fractional kernel', { kernel_size: 2.5 }, /whole number, got 2\.5/],
    ['NaN padding', { kernel_size: 2, padding: NaN }, /padding P is not a number/i],
    ['huge kernel', { kernel_size: 1e9 }, /too large/],
    ['pad > k/2', { kernel_size: 2, stride: 2, padding: 2 }, /padding P=2 is more than half the window F=2 \(at most 1\)/],
    ['kernel larger than the padded input', { kernel_size: 7 }, /larger than the padded input 5 \+ 2·0 = 5/],
    ['a string kernel', { kernel_size: 'three' }, /kernel_size/],
    ['a 3-element kernel', { kernel_size: [2, 2, 2] }, /kernel_size/],
  ];
  it.each(bad)('max_pool2d x=[1,5,5] with %s', (_n, attrs, re) => {
    let err: unknown;
    try {
      runOp('max_pool2d', { input: x }, attrs as never);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect((err as Error).message).toMatch(re);
  });
  it('a rank-2 input is refused with the expected layout', () => {
    expect(() => maxPool2d(randTensor([5, 5], 1), { kernelSize: 2 })).toThrow(/\[C, H, W\] or \[N, C, H, W\], but got \[5, 5\]/);
  });
  it('ceil mode accepts a kernel larger than the input: max_pool2d x=[1,2,2] k=3 s=2 ceil → [1,1,1]', () => {
    const x2 = Tensor.fromNested([[[1, 4], [3, 2]]]);
    expect(() => maxPool2d(x2, { kernelSize: 3, stride: 2 })).toThrow(EngineError);
    const y = maxPool2d(x2, { kernelSize: 3, stride: 2, ceilMode: true }).output;
    expect(y.shape).toEqual([1, 1, 1]);
    expect(y.data[0]).toBe(4);
  });
});
