import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';
import { conv2d, conv2dBackward, conv2dGeometry, type Conv2dOptions } from '../../src/engine/ops/conv.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, mulberry32, randTensor } from './gradcheck.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const golden = parseGoldenFile(readFileSync(join(fixtures, 'torch-golden.json'), 'utf8')).filter((c) => c.op === 'conv2d' || c.op === 'conv2d_backward');

describe('conv2d golden cases (PyTorch)', () => {
  it('the fixture has conv2d and conv2d_backward cases', () => {
    expect(golden.some((c) => c.op === 'conv2d')).toBe(true);
    expect(golden.some((c) => c.op === 'conv2d_backward')).toBe(true);
  });
  it.each(golden.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

interface RefConfig {
  C: number;
  H: number;
  W: number;
  K: number;
  FH: number;
  FW: number;
  sh: number;
  sw: number;
  ph: number;
  pw: number;
  dh: number;
  dw: number;
  bias: boolean;
  batch: number | null;
}

/** The definition, one output at a time (float64 sums), for [C,H,W] inputs and symmetric padding. */
function directConv(x: Float32Array, xo: number, w: Float32Array, b: Float32Array | null, c: RefConfig): { data: Float64Array; OH: number; OW: number } {
  const OH = Math.floor((c.H + 2 * c.ph - c.dh * (c.FH - 1) - 1) / c.sh) + 1;
  const OW = Math.floor((c.W + 2 * c.pw - c.dw * (c.FW - 1) - 1) / c.sw) + 1;
  const out = new Float64Array(c.K * OH * OW);
  for (let k = 0; k < c.K; k++) {
    for (let oy = 0; oy < OH; oy++) {
      for (let ox = 0; ox < OW; ox++) {
        let s = b ? b[k] : 0;
        for (let ch = 0; ch < c.C; ch++) {
          for (let fy = 0; fy < c.FH; fy++) {
            const iy = oy * c.sh - c.ph + fy * c.dh;
            if (iy < 0 || iy >= c.H) continue;
            for (let fx = 0; fx < c.FW; fx++) {
              const ix = ox * c.sw - c.pw + fx * c.dw;
              if (ix < 0 || ix >= c.W) continue;
              s += x[xo + (ch * c.H + iy) * c.W + ix] * w[((k * c.C + ch) * c.FH + fy) * c.FW + fx];
            }
          }
        }
        out[(k * OH + oy) * OW + ox] = s;
      }
    }
  }
  return { data: out, OH, OW };
}

function describeCfg(c: RefConfig): string {
  const x = c.batch === null ? [c.C, c.H, c.W] : [c.batch, c.C, c.H, c.W];
  const pair = (a: number, b: number): string => (a === b ? `${a}` : `[${a},${b}]`);
  return `conv2d x=[${x.join(',')}] w=[${c.K},${c.C},${c.FH},${c.FW}] s=${pair(c.sh, c.sw)} p=${pair(c.ph, c.pw)} d=${pair(c.dh, c.dw)}${c.bias ? '' : ' no-bias'}`;
}

function randomConfigs(n: number, seed: number): RefConfig[] {
  const r = mulberry32(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const out: RefConfig[] = [];
  while (out.length < n) {
    const c: RefConfig = {
      C: int(1, 4),
      H: int(1, 13),
      W: int(1, 13),
      K: int(1, 6),
      FH: int(1, 5),
      FW: int(1, 5),
      sh: int(1, 3),
      sw: int(1, 3),
      ph: int(0, 2),
      pw: int(0, 2),
      dh: int(1, 3),
      dw: int(1, 3),
      bias: r() < 0.7,
      batch: r() < 0.3 ? int(1, 3) : null,
    };
    if (c.H + 2 * c.ph < c.dh * (c.FH - 1) + 1 || c.W + 2 * c.pw < c.dw * (c.FW - 1) + 1) continue;
    out.push(c);
  }
  return out;
}

const fixed: RefConfig[] = [
  { C: 3, H: 7, W: 7, K: 4, FH: 5, FW: 5, sh: 2, sw: 2, ph: 1, pw: 1, dh: 1, dw: 1, bias: true, batch: null },
  { C: 3, H: 32, W: 32, K: 16, FH: 5, FW: 5, sh: 1, sw: 1, ph: 2, pw: 2, dh: 1, dw: 1, bias: true, batch: null },
  { C: 2, H: 9, W: 11, K: 3, FH: 3, FW: 2, sh: 2, sw: 1, ph: 1, pw: 0, dh: 2, dw: 1, bias: false, batch: null },
  { C: 8, H: 7, W: 7, K: 16, FH: 1, FW: 1, sh: 1, sw: 1, ph: 0, pw: 0, dh: 1, dw: 1, bias: true, batch: 2 },
  { C: 1, H: 3, W: 3, K: 1, FH: 1, FW: 1, sh: 1, sw: 1, ph: 2, pw: 2, dh: 1, dw: 1, bias: false, batch: null },
  { C: 5, H: 12, W: 10, K: 7, FH: 3, FW: 3, sh: 3, sw: 2, ph: 2, pw: 1, dh: 1, dw: 2, bias: true, batch: 3 },
];

describe('im2col + gemm equals the direct definition', () => {
  it.each([...fixed, ...randomConfigs(40, 2024)].map((c) => [describeCfg(c), c] as const))('%s', (_name, c) => {
    const xShape = c.batch === null ? [c.C, c.H, c.W] : [c.batch, c.C, c.H, c.W];
    const x = randTensor(xShape, 11);
    const w = randTensor([c.K, c.C, c.FH, c.FW], 12);
    const b = c.bias ? randTensor([c.K], 13) : undefined;
    const y = conv2d(x, w, b, { stride: [c.sh, c.sw], padding: [c.ph, c.pw], dilation: [c.dh, c.dw] });
    const n = c.batch ?? 1;
    for (let i = 0; i < n; i++) {
      const ref = directConv(x.data, i * c.C * c.H * c.W, w.data, b?.data ?? null, c);
      const want = c.batch === null ? [c.K, ref.OH, ref.OW] : [n, c.K, ref.OH, ref.OW];
      expect(y.shape).toEqual(want);
      const got = y.data.subarray(i * ref.data.length, (i + 1) * ref.data.length);
      let worst = 0;
      for (let j = 0; j < ref.data.length; j++) worst = Math.max(worst, Math.abs(got[j] - ref.data[j]) / (1 + Math.abs(ref.data[j])));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('a batch [N,C,H,W] gives the same as N separate images', () => {
    const x = randTensor([3, 2, 6, 5], 1);
    const w = randTensor([4, 2, 3, 3], 2);
    const b = randTensor([4], 3);
    const opts: Conv2dOptions = { stride: 2, padding: 1 };
    const y = conv2d(x, w, b, opts);
    expect(y.shape).toEqual([3, 4, 3, 3]);
    for (let i = 0; i < 3; i++) {
      const yi = conv2d(new Tensor([2, 6, 5], x.data.subarray(i * 60, (i + 1) * 60)), w, b, opts);
      expect([...y.data.subarray(i * 36, (i + 1) * 36)]).toEqual([...yi.data]);
    }
  });

  it('padding "same" keeps H×W (PyTorch puts the odd extra zero at the bottom/right)', () => {
    const x = randTensor([2, 6, 7], 4);
    const w = randTensor([3, 2, 4, 3], 5);
    const y = conv2d(x, w, undefined, { padding: 'same' });
    expect(y.shape).toEqual([3, 6, 7]);
    // Equivalent: pad the input by hand (top 1, bottom 2, left 1, right 1) and use padding 0.
    const xp = new Tensor([2, 9, 9]);
    for (let c = 0; c < 2; c++) for (let i = 0; i < 6; i++) for (let j = 0; j < 7; j++) xp.data[(c * 9 + i + 1) * 9 + j + 1] = x.get(c, i, j);
    const yp = conv2d(xp, w, undefined, { padding: 0 });
    expect(yp.shape).toEqual([3, 6, 7]);
    for (let i = 0; i < y.size; i++) expect(y.data[i]).toBeCloseTo(yp.data[i], 5);
    expect(conv2d(x, w, undefined, { padding: 'valid' }).shape).toEqual([3, 3, 5]);
  });

  it('runOp("conv2d") accepts stride/padding/dilation as int, [n] or [h, w] and no bias', () => {
    const x = randTensor([2, 9, 9], 6);
    const w = randTensor([2, 2, 3, 3], 7);
    const a = runOp('conv2d', { input: x, weight: w }, { stride: 2, padding: [1], dilation: [1, 1] }).output;
    const b = conv2d(x, w, undefined, { stride: [2, 2], padding: 1, dilation: 1 });
    expect(a.shape).toEqual([2, 5, 5]);
    expect([...a.data]).toEqual([...b.data]);
    expect(runOp('conv2d', { input: x, weight: w }, {}).output.shape).toEqual([2, 7, 7]);
  });
});

describe('conv2d_backward: finite differences', () => {
  const cases: { name: string; x: number[]; w: number[]; opts: Conv2dOptions; bias: boolean }[] = [
    { name: 'conv2d_backward x=[2,5,5] w=[3,2,3,3] s=1 p=1', x: [2, 5, 5], w: [3, 2, 3, 3], opts: { stride: 1, padding: 1 }, bias: true },
    { name: 'conv2d_backward x=[3,7,7] w=[2,3,5,5] s=2 p=1', x: [3, 7, 7], w: [2, 3, 5, 5], opts: { stride: 2, padding: 1 }, bias: true },
    { name: 'conv2d_backward x=[2,9,9] w=[2,2,3,3] d=2 p=1', x: [2, 9, 9], w: [2, 2, 3, 3], opts: { padding: 1, dilation: 2 }, bias: true },
    { name: 'conv2d_backward x=[2,8,11] w=[3,2,3,2] s=[2,1] p=[1,0] d=[1,2]', x: [2, 8, 11], w: [3, 2, 3, 2], opts: { stride: [2, 1], padding: [1, 0], dilation: [1, 2] }, bias: true },
    { name: 'conv2d_backward x=[1,10,7] w=[2,1,2,4] s=[1,3] p=[0,2] d=[3,1] no-bias', x: [1, 10, 7], w: [2, 1, 2, 4], opts: { stride: [1, 3], padding: [0, 2], dilation: [3, 1] }, bias: false },
    { name: 'conv2d_backward x=[2,2,6,6] w=[2,2,3,3] s=2 p=1 (batch)', x: [2, 2, 6, 6], w: [2, 2, 3, 3], opts: { stride: 2, padding: 1 }, bias: true },
    { name: 'conv2d_backward x=[4,5,5] w=[3,4,1,1] 1×1', x: [4, 5, 5], w: [3, 4, 1, 1], opts: {}, bias: true },
    { name: 'conv2d_backward x=[2,5,6] w=[2,2,2,3] padding=same', x: [2, 5, 6], w: [2, 2, 2, 3], opts: { padding: 'same' }, bias: true },
  ];
  it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const inputs: Record<string, Tensor> = { input: randTensor(c.x, 21), weight: randTensor(c.w, 22) };
    if (c.bias) inputs.bias = randTensor([c.w[0]], 23);
    const result = gradCheck(
      inputs,
      (i) => conv2d(i.input, i.weight, i.bias, c.opts),
      (i, gy) => {
        const g = conv2dBackward(i.input, i.weight, i.bias, gy, c.opts);
        const out: Record<string, Tensor> = { input: g.gradInput, weight: g.gradWeight };
        if (c.bias) out.bias = g.gradBias;
        return out;
      },
    );
    expect(result.worst).not.toBeNull();
    expect(result.ok, JSON.stringify(result.worst)).toBe(true);
  });

  it('conv2d x=[16,60,100] w=[2,16,5,5] s=1 p=2 (im2col in several chunks): forward and backward equal the direct loops', () => {
    const c: RefConfig = { C: 16, H: 60, W: 100, K: 2, FH: 5, FW: 5, sh: 1, sw: 1, ph: 2, pw: 2, dh: 1, dw: 1, bias: true, batch: null };
    const x = randTensor([16, 60, 100], 31);
    const w = randTensor([2, 16, 5, 5], 32);
    const b = randTensor([2], 33);
    const y = conv2d(x, w, b, { padding: 2 });
    const ref = directConv(x.data, 0, w.data, b.data, c);
    let worst = 0;
    for (let j = 0; j < ref.data.length; j++) worst = Math.max(worst, Math.abs(y.data[j] - ref.data[j]));
    expect(worst).toBeLessThan(1e-4);
    const gy = randTensor([2, 60, 100], 34);
    const g = conv2dBackward(x, w, b, gy, { padding: 2 });
    const gw = new Float64Array(w.size);
    const gx = new Float64Array(x.size);
    for (let k = 0; k < 2; k++)
      for (let oy = 0; oy < 60; oy++)
        for (let ox = 0; ox < 100; ox++) {
          const d = gy.data[(k * 60 + oy) * 100 + ox];
          for (let ch = 0; ch < 16; ch++)
            for (let fy = 0; fy < 5; fy++) {
              const iy = oy - 2 + fy;
              if (iy < 0 || iy >= 60) continue;
              for (let fx = 0; fx < 5; fx++) {
                const ix = ox - 2 + fx;
                if (ix < 0 || ix >= 100) continue;
                const wi = ((k * 16 + ch) * 5 + fy) * 5 + fx;
                const xi = (ch * 60 + iy) * 100 + ix;
                gw[wi] += d * x.data[xi];
                gx[xi] += d * w.data[wi];
              }
            }
        }
    let excess = 0;
    for (let i = 0; i < gw.length; i++) excess = Math.max(excess, Math.abs(g.gradWeight.data[i] - gw[i]) - 1e-3 * (1 + Math.abs(gw[i])));
    for (let i = 0; i < gx.length; i++) excess = Math.max(excess, Math.abs(g.gradInput.data[i] - gx[i]) - 1e-4 * (1 + Math.abs(gx[i])));
    expect(excess).toBe(0);
  });

  it('grad_weight sums over every output position (weight sharing)', () => {
    // 1 channel, 1×1 kernel: dL/dw = Σ_positions dY · x, dL/db = Σ dY.
    const x = Tensor.fromNested([[[1, 2], [3, 4]]]);
    const w = Tensor.fromNested([[[[0.5]]]]);
    const gy = Tensor.fromNested([[[1, 1], [1, 2]]]);
    const g = conv2dBackward(x, w, Tensor.fromNested([0]), gy);
    expect([...g.gradWeight.data]).toEqual([1 + 2 + 3 + 8]);
    expect([...g.gradBias.data]).toEqual([5]);
    expect([...g.gradInput.data]).toEqual([0.5, 0.5, 0.5, 1]);
  });

  it('runOp("conv2d_backward") names its outputs as the golden format does', () => {
    const out = runOp('conv2d_backward', { input: randTensor([1, 4, 4], 1), weight: randTensor([2, 1, 3, 3], 2), grad_output: randTensor([2, 2, 2], 3) }, { stride: 1, padding: 0, dilation: 1 });
    expect(Object.keys(out).sort()).toEqual(['grad_bias', 'grad_input', 'grad_weight']);
    expect(out.grad_input.shape).toEqual([1, 4, 4]);
    expect(out.grad_weight.shape).toEqual([2, 1, 3, 3]);
    expect(out.grad_bias.shape).toEqual([2]);
  });
});

describe('conv2d rejects bad configurations with a readable message', () => {
  const x = randTensor([3, 8, 8], 1);
  const w = randTensor([4, 3, 3, 3], 2);
  const run = (opts: Record<string, unknown>, input = x, weight = w, bias?: Tensor) => () =>
    runOp('conv2d', { input, weight, bias }, opts as never);

  it.each([
    ['stride=0', { stride: 0 }, /stride=0 is not allowed.*at least 1/],
    ['stride=-2', { stride: -2 }, /stride=-2 is not allowed/],
    ['stride=[1,0]', { stride: [1, 0] }, /stride=\[1, 0\] is not allowed/],
    ['stride=1.5', { stride: 1.5 }, /stride=1.5 must be a whole number/],
    ['stride=NaN', { stride: NaN }, /stride=NaN must be a whole number/],
    ['stride=Infinity', { stride: Infinity }, /stride=Infinity must be a whole number/],
    ['stride=[1,2,3]', { stride: [1, 2, 3] }, /stride=\[1, 2, 3\] is not understood/],
    ['stride="2"', { stride: '2' }, /stride="2" is not understood/],
    ['padding=-1', { padding: -1 }, /padding=-1 is not allowed.*0 or more/],
    ['padding=0.5', { padding: 0.5 }, /padding=0.5 must be a whole number/],
    ['padding=NaN', { padding: NaN }, /padding=NaN must be a whole number/],
    ['padding="full"', { padding: 'full' }, /padding="full" is not understood/],
    ['padding="same" with stride 2', { padding: 'same', stride: 2 }, /"same" only works with stride 1/],
    ['dilation=0', { dilation: 0 }, /dilation=0 is not allowed.*at least 1/],
    ['dilation=-1', { dilation: -1 }, /dilation=-1 is not allowed/],
    ['dilation=2.5', { dilation: 2.5 }, /dilation=2.5 must be a whole number/],
  ])('%s', (_name, opts, msg) => {
    expect(run(opts)).toThrow(EngineError);
    expect(run(opts)).toThrow(msg);
  });

  it('kernel larger than the padded input x=[1,4,4] f=5 p=0', () => {
    const f = run({ padding: 0 }, randTensor([1, 4, 4], 3), randTensor([1, 1, 5, 5], 4));
    expect(f).toThrow(EngineError);
    expect(f).toThrow(/does not fit in the height: the input height is 4, 4 with padding \(4 \+ 2×0\), but a kernel of height 5 with dilation 1 spans 1×\(5−1\)\+1 = 5 pixels/);
  });
  it('x=[1,4,4] f=5 p=1 fits (padded 6 ≥ 5) and gives [1,2,2]', () => {
    expect(runOp('conv2d', { input: randTensor([1, 4, 4], 3), weight: randTensor([1, 1, 5, 5], 4) }, { padding: 1 }).output.shape).toEqual([1, 2, 2]);
  });
  it('dilated kernel too wide x=[1,5,5] f=3 d=3 (spans 7 > 5)', () => {
    expect(run({ dilation: 3 }, randTensor([1, 5, 5], 3), randTensor([1, 1, 3, 3], 4))).toThrow(/spans 3×\(3−1\)\+1 = 7 pixels/);
  });
  it('only the width too small: x=[1,9,2] w=[1,1,1,3]', () => {
    expect(run({}, randTensor([1, 9, 2], 3), randTensor([1, 1, 1, 3], 4))).toThrow(/does not fit in the width/);
  });
  it('mismatched channels x=[3,8,8] w=[4,2,3,3]', () => {
    expect(run({}, x, randTensor([4, 2, 3, 3], 5))).toThrow(/the input has 3 channels .* expects 2/);
  });
  it('bias of the wrong length b=[3] for K=4', () => {
    expect(run({}, x, w, randTensor([3], 6))).toThrow(/bias should hold one number per filter, shape \[4\], but it has shape \[3\]/);
  });
  it('input of rank 2 or 5, weight of rank 3', () => {
    expect(run({}, randTensor([8, 8], 1))).toThrow(/\[C, H, W\].*\[N, C, H, W\].*shape \[8, 8\]/);
    expect(run({}, randTensor([1, 1, 3, 8, 8], 1))).toThrow(/5 dimensions/);
    expect(run({}, x, randTensor([3, 3, 3], 1))).toThrow(/weight should have 4 dimensions/);
  });
  it('grad_output of the wrong shape', () => {
    expect(() => conv2dBackward(x, w, undefined, randTensor([4, 7, 7], 1), { padding: 1 })).toThrow(/grad_output should have the output's shape \[4, 8, 8\] but has shape \[4, 7, 7\]/);
  });
  it('errors also carry a Simplified Chinese message (EngineError.zh) with the same numbers', () => {
    try {
      conv2d(randTensor([1, 4, 4], 3), randTensor([1, 1, 5, 5], 4));
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(EngineError);
      expect((e as EngineError).zh).toMatch(/卷积核在高度方向放不下.*5 个像素/);
    }
    try {
      conv2d(x, w, undefined, { stride: 0 });
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).zh).toMatch(/stride=0.*至少为 1/);
    }
  });
  it('conv2dGeometry gives PyTorch output sizes', () => {
    expect(conv2dGeometry([3, 227, 227], [96, 3, 11, 11], undefined, { stride: 4 })).toMatchObject({ OH: 55, OW: 55 });
    expect(conv2dGeometry([2, 12, 7], [3, 2, 3, 3], [3], { stride: 2, padding: 1 })).toMatchObject({ OH: 6, OW: 4 });
    expect(conv2dGeometry([1, 10, 10], [1, 1, 2, 2], undefined, { stride: 3 })).toMatchObject({ OH: 3, OW: 3 });
  });
});
