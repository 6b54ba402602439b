import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile, type GoldenCase } from '../../src/engine/golden.js';
import { runOp } from '../../src/engine/run-op.js';
import {
  convOutputShape,
  convOutputShapeOrThrow,
  explanationLines,
  poolOutputShape,
  poolOutputShapeOrThrow,
  receptiveFieldAfter,
  ShapeRuleError,
  type ConvShapeExplanation,
  type LocalizedText,
  type PoolShapeExplanation,
  type ReceptiveFieldLayer,
} from '../../src/teach/index.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const golden = parseGoldenFile(readFileSync(join(fixtures, 'torch-golden.json'), 'utf8')).filter(
  (c) => c.op === 'conv_output_shape' || c.op === 'pool_output_shape',
);

/** "pool_output_shape 1x5x5 k=2 s=2 p=1 ceil → [1,3,3]" */
function caseName(c: GoldenCase): string {
  const a = c.attrs ?? {};
  const parts = [c.op, `${a.in_c}x${a.in_h}x${a.in_w}`];
  if (a.out_channels !== undefined) parts.push(`K=${a.out_channels}`);
  parts.push(`k=${a.kernel_size}`, `s=${a.stride}`, `p=${a.padding}`);
  if (a.dilation !== undefined && a.dilation !== 1) parts.push(`d=${a.dilation}`);
  if (a.ceil_mode === true) parts.push('ceil');
  parts.push(c.error ? '→ error' : `→ [${c.outputs?.out_shape?.data.join(',')}]`);
  return parts.join(' ');
}

describe('shape golden cases (PyTorch)', () => {
  it('the fixture has conv and pool shape cases, including errors', () => {
    expect(golden.filter((c) => c.op === 'conv_output_shape' && c.error).length).toBeGreaterThan(0);
    expect(golden.filter((c) => c.op === 'pool_output_shape' && c.error).length).toBeGreaterThan(0);
  });
  it.each(golden.map((c) => [caseName(c), c] as const))('%s', (_n, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------
// Brute force: enumerate the windows, no formula.

/** Window starts (unpadded coordinates) along one axis, by enumeration. */
function bruteWindows(kind: 'conv' | 'pool', n: number, k: number, s: number, p: number, d: number, ceil: boolean): number[] {
  const span = d * (k - 1) + 1;
  const starts: number[] = [];
  for (let i = 0; i < 10_000; i++) {
    const start = i * s - p;
    let keep: boolean;
    if (kind === 'pool' && ceil) {
      // keep adding windows while the previous one had not reached the end of the padded input,
      // but never one that would start in the right/bottom padding
      keep = start - s + span < n + p && start < n;
    } else {
      keep = start + span <= n + p; // the window fits inside the padded input
    }
    if (!keep) break;
    starts.push(start);
  }
  return starts;
}

/** Input indices no window tap touches. */
function bruteUnvisited(n: number, starts: number[], k: number, d: number): number[] {
  const seen = new Array<boolean>(n).fill(false);
  for (const st of starts) {
    for (let j = 0; j < k; j++) {
      const q = st + j * d;
      if (q >= 0 && q < n) seen[q] = true;
    }
  }
  return seen.flatMap((v, i) => (v ? [] : [i]));
}

const cfg = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  k: fc.integer({ min: 1, max: 9 }),
  s: fc.integer({ min: 1, max: 7 }),
  p: fc.integer({ min: 0, max: 5 }),
  d: fc.integer({ min: 1, max: 4 }),
  ceil: fc.boolean(),
  n2: fc.integer({ min: 1, max: 40 }),
});

describe('pooling shapes against brute force', () => {
  it('the formula (floor/ceil, drop rule, errors) matches window enumeration on random configs', () => {
    fc.assert(
      fc.property(cfg, ({ n, k, s, p, ceil, n2 }) => {
        const e = poolOutputShape({ inC: 2, inH: n, inW: n2, kernel: k, stride: s, padding: p, ceilMode: ceil });
        const hs = bruteWindows('pool', n, k, s, p, 1, ceil);
        const ws = bruteWindows('pool', n2, k, s, p, 1, ceil);
        const valid = p <= Math.floor(k / 2) && hs.length >= 1 && ws.length >= 1;
        expect(e.ok).toBe(valid);
        if (!valid) {
          expect(e.outShape).toBeNull();
          expect(e.errors.length).toBeGreaterThan(0);
          expect(() => poolOutputShapeOrThrow({ inC: 2, inH: n, inW: n2, kernel: k, stride: s, padding: p, ceilMode: ceil })).toThrow(EngineError);
          return;
        }
        expect(e.outShape).toEqual([2, hs.length, ws.length]);
        expect(e.height!.unvisited).toEqual(bruteUnvisited(n, hs, k, 1));
        expect(e.width!.unvisited).toEqual(bruteUnvisited(n2, ws, k, 1));
        expect(e.height!.lastWindow!.start).toBe(hs[hs.length - 1]);
        expect(e.overlapping).toBe(k > s);
      }),
      { numRuns: 2000 },
    );
  });
  it('non-square kernel, stride and padding are handled per axis', () => {
    fc.assert(
      fc.property(cfg, cfg, (a, b) => {
        const e = poolOutputShape({ inC: 1, inH: a.n, inW: b.n, kernel: [a.k, b.k], stride: [a.s, b.s], padding: [a.p, b.p], ceilMode: a.ceil });
        const hs = bruteWindows('pool', a.n, a.k, a.s, a.p, 1, a.ceil);
        const ws = bruteWindows('pool', b.n, b.k, b.s, b.p, 1, a.ceil);
        const valid = a.p <= a.k >> 1 && b.p <= b.k >> 1 && hs.length >= 1 && ws.length >= 1;
        expect(e.ok).toBe(valid);
        if (valid) expect(e.outShape).toEqual([1, hs.length, ws.length]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('conv shapes against brute force', () => {
  it('the formula (with dilation) matches window enumeration, and the unvisited rows match a coverage count', () => {
    fc.assert(
      fc.property(cfg, ({ n, k, s, p, d, n2 }) => {
        const e = convOutputShape({ inC: 3, inH: n, inW: n2, outChannels: 4, kernel: k, stride: s, padding: p, dilation: d });
        const hs = bruteWindows('conv', n, k, s, p, d, false);
        const ws = bruteWindows('conv', n2, k, s, p, d, false);
        expect(e.ok).toBe(hs.length >= 1 && ws.length >= 1);
        if (!e.ok) {
          expect(e.errors.some((i) => i.code === 'kernel-too-large')).toBe(true);
          return;
        }
        expect(e.outShape).toEqual([4, hs.length, ws.length]);
        expect(e.height!.unvisited).toEqual(bruteUnvisited(n, hs, k, d));
        expect(e.width!.unvisited).toEqual(bruteUnvisited(n2, ws, k, d));
        const end = e.height!.unvisitedAtEnd;
        const u = e.height!.unvisited;
        if (end) {
          expect(end.to).toBe(n - 1);
          expect(u.slice(u.length - end.count)).toEqual(Array.from({ length: end.count }, (_, i) => end.from + i));
          expect(u.includes(end.from - 1)).toBe(false);
        } else {
          expect(u.includes(n - 1)).toBe(false);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------
// Worked examples

function allTexts(e: ConvShapeExplanation | PoolShapeExplanation): LocalizedText[] {
  const out: LocalizedText[] = [e.summary, ...e.spatial, ...[...e.errors, ...e.warnings, ...e.notes].map((i) => i.message)];
  if (e.height) out.push(e.height.explanation);
  if (e.width) out.push(e.width.explanation);
  if (e.depth) out.push(e.depth.explanation);
  if (e.kind === 'conv') {
    if (e.params) out.push(e.params.explanation);
    if (e.receptiveField) out.push(e.receptiveField.explanation);
    if (e.fullyConnected) out.push(e.fullyConnected.explanation);
  }
  return out;
}

function expectBilingual(texts: LocalizedText[]): void {
  for (const m of texts) {
    expect(m.en.length).toBeGreaterThan(0);
    expect(m.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(m.en).not.toMatch(/[\u4e00-\u9fff]/);
  }
}

describe('conv 32x32x3 F=5 S=1 P=2 K=16', () => {
  const e = convOutputShape({ inC: 3, inH: 32, inW: 32, outChannels: 16, kernel: 5, stride: 1, padding: 2 });
  it('gives [16, 32, 32] exactly, with the formula worked out', () => {
    expect(e.ok).toBe(true);
    expect(e.outShape).toEqual([16, 32, 32]);
    expect(e.outputText).toBe('32×32×16');
    expect(e.width!.formula).toBe('(W − F + 2P)/S + 1');
    expect(e.width!.substituted).toBe('(32 − 5 + 2·2)/1 + 1');
    expect(e.width!.exact).toBe(32);
    expect(e.width!.rounding).toBe('exact');
    expect(e.width!.unvisited).toEqual([]);
    expect(e.warnings).toEqual([]);
    expect(e.notes.map((n) => n.code)).toContain('same-padding');
  });
  it('counts parameters K·(F·F·D_in + 1), the receptive field F×F×D_in and the fully connected alternative', () => {
    expect(e.params).toMatchObject({ weightsPerFilter: 75, perFilter: 76, total: 1216 });
    expect(e.params!.worked).toBe('16·(5·5·3 + 1) = 16·76 = 1,216');
    expect(e.receptiveField).toMatchObject({ height: 5, width: 5, depth: 3, text: '5×5×3' });
    expect(e.fullyConnected).toMatchObject({ inputs: 3072, outputs: 16384, total: 3072 * 16384 + 16384 });
    expect(e.multiplyAdds).toBe(32 * 32 * 16 * 75);
  });
  it('has every message in English and Chinese', () => {
    expectBilingual(allTexts(e));
    expect(explanationLines(e, 'zh').join('\n')).toMatch(/输出数据体：32×32×3 → 32×32×16/);
  });
});

describe('non-integer cases', () => {
  it('pool 7x7 F=2 S=2: 3.5 floors to 3 and the last row and column are never covered', () => {
    const e = poolOutputShape({ inC: 1, inH: 7, inW: 7, kernel: 2, stride: 2 });
    expect(e.outShape).toEqual([1, 3, 3]);
    const w = e.width!;
    expect(w.formula).toBe('(W₁ − F)/S + 1');
    expect(w.exact).toBe(3.5);
    expect(w.exactText).toBe('3.5');
    expect(w.rounding).toBe('floor');
    expect(w.worked).toBe('(7 − 2)/2 + 1 = 5/2 + 1 = 3.5 → ⌊3.5⌋ = 3');
    expect(w.unvisited).toEqual([6]);
    expect(w.unvisitedAtEnd).toEqual({ from: 6, to: 6, count: 1 });
    const warn = e.warnings.find((i) => i.code === 'fractional-output')!;
    expect(warn.axis).toBe('both');
    expect(warn.message.en).toMatch(/3\.5 is not a whole number: PyTorch rounds down to 3, so the last row\/column \(row\/column 6, counting from 0\) is never covered/);
    expect(warn.message.zh).toMatch(/3\.5 不是整数：PyTorch 向下取整为 3，最后 1 行\/列（第 6 行\/列，从 0 开始计）从未被任何窗口覆盖/);
  });
  it('pool 7x10 F=2 S=2: height and width are explained separately', () => {
    const e = poolOutputShape({ inC: 1, inH: 7, inW: 10, kernel: 2, stride: 2 });
    expect(e.outShape).toEqual([1, 3, 5]);
    expect(e.spatial).toHaveLength(2);
    expect(e.warnings.map((w) => [w.code, w.axis])).toEqual([['fractional-output', 'height']]);
    expect(e.warnings[0].message.en).toMatch(/the last row \(row 6, counting from 0\)/);
    expect(e.warnings[0].message.zh).toMatch(/最后 1 行（第 6 行/);
  });
  it('conv 10x10 F=2 S=3: rows 8–9 are never reached and rows 2, 5 are jumped over', () => {
    const e = convOutputShape({ inC: 1, inH: 10, inW: 10, outChannels: 1, kernel: 2, stride: 3 });
    expect(e.outShape).toEqual([1, 3, 3]);
    expect(e.height!.exactText).toBe('3.667…');
    expect(e.height!.unvisited).toEqual([2, 5, 8, 9]);
    expect(e.height!.unvisitedAtEnd).toEqual({ from: 8, to: 9, count: 2 });
    expect(e.warnings.map((w) => w.code)).toEqual(['fractional-output', 'skipped-cells']);
    expect(e.warnings[1].message.en).toMatch(/2, 5 are never read: the stride S=3 is larger than the filter \(2\)/);
  });
  it('conv 224x224x3 F=7 S=2 P=3: 112.5 floors, but the leftover is only padding', () => {
    const e = convOutputShape({ inC: 3, inH: 224, inW: 224, outChannels: 64, kernel: 7, stride: 2, padding: 3 });
    expect(e.outShape).toEqual([64, 112, 112]);
    expect(e.width!.rounding).toBe('floor');
    expect(e.width!.unvisited).toEqual([]);
    expect(e.warnings[0].message.en).toMatch(/leftover lies in the padding/);
  });
  it('conv 9x9 F=3 D=2: the dilated formula', () => {
    const e = convOutputShape({ inC: 1, inH: 9, inW: 9, outChannels: 1, kernel: 3, dilation: 2 });
    expect(e.outShape).toEqual([1, 5, 5]);
    expect(e.width!.formula).toBe('(W + 2P − d·(F − 1) − 1)/S + 1');
    expect(e.width!.substituted).toBe('(9 + 2·0 − 2·(3 − 1) − 1)/1 + 1');
    expect(e.receptiveField).toMatchObject({ height: 5, width: 5, taps: 9 });
  });
});

describe('ceil mode', () => {
  it('pool 5x5 F=2 S=2 P=1 ceil: 3.5 → 4, but the 4th window would start in the padding and is dropped → 3', () => {
    const e = poolOutputShape({ inC: 1, inH: 5, inW: 5, kernel: 2, stride: 2, padding: 1, ceilMode: true });
    expect(e.outShape).toEqual([1, 3, 3]);
    expect(e.height!.rounding).toBe('ceil');
    expect(e.height!.droppedLastWindow).toBe(true);
    expect(e.height!.worked).toBe('(5 − 2 + 2·1)/2 + 1 = 5/2 + 1 = 3.5 → ⌈3.5⌉ = 4 → 4 − 1 = 3');
    expect(e.notes.map((n) => n.code)).toContain('ceil-dropped-window');
    expect(e.spatial[0].en).toMatch(/window 4 would start at row\/column 5, already in the bottom\/right padding/);
    expect(e.spatial[0].zh).toMatch(/所以 PyTorch 丢弃它/);
  });
  it('pool 8x8 F=3 S=2 ceil: rounds up to 4, the last window hangs one row past the edge', () => {
    const e = poolOutputShape({ inC: 1, inH: 8, inW: 8, kernel: 3, stride: 2, ceilMode: true });
    expect(e.outShape).toEqual([1, 4, 4]);
    expect(e.height!.droppedLastWindow).toBe(false);
    expect(e.height!.lastWindow).toEqual({ start: 6, end: 9 });
    expect(e.height!.overhang).toBe(1);
    expect(e.overlapping).toBe(true);
    expect(e.notes.map((n) => n.code)).toEqual(['ceil-rounded-up', 'overlapping']);
  });
  it('pool 2x2 F=3 S=2: refused without ceil mode, accepted with it (kernel larger than the input)', () => {
    expect(poolOutputShape({ inC: 1, inH: 2, inW: 2, kernel: 3, stride: 2 }).ok).toBe(false);
    expect(poolOutputShape({ inC: 1, inH: 2, inW: 2, kernel: 3, stride: 2, ceilMode: true }).outShape).toEqual([1, 1, 1]);
  });
  it('stride absent or null defaults to the kernel size', () => {
    expect(poolOutputShape({ inC: 3, inH: 32, inW: 32, kernel: 2 }).outShape).toEqual([3, 16, 16]);
    expect(poolOutputShape({ inC: 3, inH: 32, inW: 32, kernel: 2, stride: null }).outShape).toEqual([3, 16, 16]);
    expect(runOp('pool_output_shape', {}, { pool: 'max', in_c: 3, in_h: 32, in_w: 32, kernel_size: 2, stride: null, padding: 0, ceil_mode: false }).out_shape.data).toEqual(
      new Float32Array([3, 16, 16]),
    );
  });
});

describe('invalid configurations', () => {
  const poolBad: [string, Parameters<typeof poolOutputShape>[0], string, RegExp][] = [
    ['kernel 0', { inC: 1, inH: 5, inW: 5, kernel: 0 }, 'too-small', /window size F must be at least 1, got 0/i],
    ['negative padding', { inC: 1, inH: 5, inW: 5, kernel: 2, padding: -1 }, 'too-small', /padding P cannot be negative, got −1/i],
    ['fractional stride', { inC: 1, inH: 5, inW: 5, kernel: 2, stride: 1.5 }, 'not-whole-number', /stride S must be a whole number, got 1\.5/i],
    ['NaN height', { inC: 1, inH: NaN, inW: 5, kernel: 2 }, 'not-a-number', /input height H is not a number \(got NaN\)/i],
    ['infinite width', { inC: 1, inH: 5, inW: Infinity, kernel: 2 }, 'infinite', /input width W is infinite/i],
    ['huge depth', { inC: 1e12, inH: 5, inW: 5, kernel: 2 }, 'too-large', /too large: at most 1,048,576/],
    ['pad > k/2', { inC: 1, inH: 5, inW: 5, kernel: 2, stride: 2, padding: 2 }, 'padding-too-large', /padding P=2 is more than half the window F=2 \(at most 1\)/],
    ['kernel larger than the padded input', { inC: 1, inH: 2, inW: 2, kernel: 3, stride: 1 }, 'output-too-small', /window F=3 is larger than the padded input 2 \+ 2·0 = 2/],
    ['a bad pair', { inC: 1, inH: 5, inW: 5, kernel: [1, 2, 3] as never }, 'bad-pair', /one number or a pair \[height, width\]/],
    ['a bad pool kind', { pool: 'min' as never, inC: 1, inH: 5, inW: 5, kernel: 2 }, 'bad-pool', /use "max", "avg" or "lp"/],
    ['lp with padding', { pool: 'lp', inC: 1, inH: 5, inW: 5, kernel: 2, padding: 1 }, 'lp-padding', /no padding/],
    ['kernel height 0 in a pair', { inC: 1, inH: 5, inW: 5, kernel: [0, 2] }, 'too-small', /window size F \(height\) must be at least 1/i],
  ];
  it.each(poolBad)('pool with %s: an error as data, and EngineError from the throwing variant', (_n, o, code, re) => {
    const e = poolOutputShape(o);
    expect(e.ok).toBe(false);
    expect(e.errors.map((i) => i.code)).toContain(code);
    expect(e.summary.en).toMatch(re);
    expectBilingual(allTexts(e));
    let err: unknown;
    try {
      poolOutputShapeOrThrow(o);
    } catch (x) {
      err = x;
    }
    expect(err).toBeInstanceOf(EngineError);
    expect(err).toBeInstanceOf(ShapeRuleError);
    expect((err as Error).message).toMatch(re);
    expect((err as ShapeRuleError).text('zh')).toMatch(/[\u4e00-\u9fff]/);
  });
  const convBad: [string, Parameters<typeof convOutputShape>[0], string, RegExp][] = [
    ['K = 0', { inC: 3, inH: 8, inW: 8, outChannels: 0, kernel: 3 }, 'too-small', /number of filters K must be at least 1, got 0/i],
    ['stride 0', { inC: 3, inH: 8, inW: 8, outChannels: 2, kernel: 3, stride: 0 }, 'too-small', /stride S must be at least 1/i],
    ['negative kernel', { inC: 3, inH: 8, inW: 8, outChannels: 2, kernel: -3 }, 'too-small', /filter size F must be at least 1, got −3/i],
    ['fractional depth', { inC: 2.5, inH: 8, inW: 8, outChannels: 2, kernel: 3 }, 'not-whole-number', /input depth D_in \(channels\) must be a whole number, got 2\.5/i],
    ['a string', { inC: 3, inH: '8' as never, inW: 8, outChannels: 2, kernel: 3 }, 'not-a-number', /input height H is not a number \(got "8"\)/i],
    ['a missing kernel', { inC: 3, inH: 8, inW: 8, outChannels: 2 } as never, 'missing', /filter size F is missing/i],
    ['huge padding', { inC: 3, inH: 8, inW: 8, outChannels: 2, kernel: 3, padding: 2 ** 40 }, 'too-large', /too large/],
    ['kernel larger than the padded input', { inC: 1, inH: 4, inW: 4, outChannels: 1, kernel: 5 }, 'kernel-too-large', /filter F=5 is larger than the padded input 4 \+ 2·0 = 4.*P ≥ 1/],
    ['dilated kernel larger than the input', { inC: 1, inH: 5, inW: 5, outChannels: 1, kernel: 3, dilation: 3 }, 'kernel-too-large', /dilated filter \(span d·\(F − 1\) \+ 1 = 3·\(3 − 1\) \+ 1 = 7\)/],
  ];
  it.each(convBad)('conv with %s: an error as data, and EngineError from the throwing variant', (_n, o, code, re) => {
    const e = convOutputShape(o);
    expect(e.ok).toBe(false);
    expect(e.params).toBeNull();
    expect(e.errors.map((i) => i.code)).toContain(code);
    expect(e.summary.en).toMatch(re);
    expectBilingual(allTexts(e));
    expect(() => convOutputShapeOrThrow(o)).toThrow(re);
    expect(() => convOutputShapeOrThrow(o)).toThrow(EngineError);
  });
  it('runOp conv_output_shape rejects bad attributes with EngineError', () => {
    const base = { in_c: 1, in_h: 5, in_w: 5, out_channels: 1, kernel_size: 3, stride: 1, padding: 0, dilation: 1 };
    for (const bad of [{ kernel_size: 0 }, { stride: -2 }, { padding: 0.5 }, { in_h: NaN }, { in_w: 1e9 }, { kernel_size: 9 }, { in_c: 'x' }, { kernel_size: [3, 3, 3] }]) {
      expect(() => runOp('conv_output_shape', {}, { ...base, ...bad } as never)).toThrow(EngineError);
    }
    expect([...runOp('conv_output_shape', {}, { ...base, kernel_size: [3, 1], padding: [0, 2] }).out_shape.data]).toEqual([1, 3, 9]);
  });
  it('every refusal lists all problems, not just the first', () => {
    const e = convOutputShape({ inC: 0, inH: NaN, inW: 2.5, outChannels: -1, kernel: [3, 1e9], stride: Infinity });
    expect(e.errors.map((i) => i.code)).toEqual(['too-small', 'not-a-number', 'not-whole-number', 'too-small', 'too-large', 'infinite']);
    expect(e.errors[4].axis).toBe('width');
  });
});

describe('receptiveFieldAfter', () => {
  it('three 3×3 convs see 7×7; a 2×2 pool doubles the jump', () => {
    const three = receptiveFieldAfter([{ kind: 'conv', kernel: 3 }, { kind: 'conv', kernel: 3 }, { kind: 'conv', kernel: 3 }]);
    expect(three.receptiveField).toEqual([7, 7]);
    expect(three.steps.map((s) => s.worked)).toEqual(['r = 1 + (3 − 1)·1·1 = 3', 'r = 3 + (3 − 1)·1·1 = 5', 'r = 5 + (3 − 1)·1·1 = 7']);
    const withPool = receptiveFieldAfter([{ kind: 'conv', kernel: 3 }, { kind: 'pool', kernel: 2 }, { kind: 'conv', kernel: 3 }]);
    expect(withPool.receptiveField).toEqual([8, 8]);
    expect(withPool.jump).toEqual([2, 2]);
    expectBilingual([withPool.explanation]);
  });
  it('AlexNet conv1 (11, S=4) + pool (3, S=2): 11 then 19', () => {
    const r = receptiveFieldAfter([{ kind: 'conv', kernel: 11, stride: 4 }, { kind: 'pool', kernel: 3, stride: 2 }]);
    expect(r.steps.map((s) => s.receptiveField[0])).toEqual([11, 19]);
    expect(r.jump).toEqual([8, 8]);
  });
  it('matches a brute-force back-projection of one output neuron on random stacks', () => {
    const layer = fc.record({
      kind: fc.constantFrom<'conv' | 'pool'>('conv', 'pool'),
      k: fc.integer({ min: 1, max: 5 }),
      s: fc.integer({ min: 1, max: 3 }),
      d: fc.integer({ min: 1, max: 3 }),
    });
    fc.assert(
      fc.property(fc.array(layer, { minLength: 1, maxLength: 6 }), (ls) => {
        const layers: ReceptiveFieldLayer[] = ls.map((l) => (l.kind === 'conv' ? { kind: 'conv', kernel: l.k, stride: l.s, dilation: l.d } : { kind: 'pool', kernel: l.k, stride: l.s }));
        // output index 0 of the last layer → the input indices it depends on, layer by layer backwards
        let lo = 0;
        let hi = 0;
        for (let i = layers.length - 1; i >= 0; i--) {
          const l = ls[i];
          const d = l.kind === 'conv' ? l.d : 1;
          lo = lo * l.s;
          hi = hi * l.s + (l.k - 1) * d;
        }
        expect(receptiveFieldAfter(layers).receptiveField).toEqual([hi - lo + 1, hi - lo + 1]);
      }),
      { numRuns: 500 },
    );
  });
  it('refuses bad layers with EngineError', () => {
    expect(() => receptiveFieldAfter([])).toThrow(EngineError);
    expect(() => receptiveFieldAfter([{ kind: 'conv', kernel: 0 }])).toThrow(/filter size F must be at least 1/i);
    expect(() => receptiveFieldAfter([{ kind: 'dense' as never, kernel: 3 }])).toThrow(/must be "conv" or "pool"/);
  });
});

describe('explanationLines', () => {
  it('renders a conv explanation in both languages', () => {
    const e = convOutputShape({ inC: 1, inH: 7, inW: 7, outChannels: 1, kernel: 2, stride: 2 });
    const en = explanationLines(e, 'en');
    const zh = explanationLines(e, 'zh');
    expect(en.length).toBe(zh.length);
    expect(en.join('\n')).toMatch(/Warning: Height and width: \(W − F \+ 2P\)\/S \+ 1 = \(7 − 2 \+ 2·0\)\/2 \+ 1 = 3\.5 is not a whole number/);
    expect(zh.join('\n')).toMatch(/注意：高度和宽度方向：.*不是整数：PyTorch 向下取整为 3/);
  });
  it('renders a refusal as one line', () => {
    expect(explanationLines(poolOutputShape({ inC: 1, inH: 5, inW: 5, kernel: 2, padding: 2 }), 'zh')).toHaveLength(1);
  });
});
