import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';
import { positionalEncoding, positionalFrequency } from '../../src/engine/ops/posenc.js';
import { runOp } from '../../src/engine/run-op.js';

const golden = parseGoldenFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8'));
const cases = golden.filter((c) => c.op === 'positional_encoding');

describe('positional_encoding golden (PyTorch)', () => {
  it('the fixture has positional_encoding cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(1);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

describe('positional_encoding', () => {
  it('pe [4, 6]: position 0 is [0, 1, 0, 1, 0, 1]', () => {
    const pe = positionalEncoding(4, 6);
    expect(pe.shape).toEqual([4, 6]);
    expect(Array.from(pe.data.subarray(0, 6))).toEqual([0, 1, 0, 1, 0, 1]);
  });

  it('pe [3, 4]: PE[pos, 2i] = sin(pos/10000^(2i/4)), PE[pos, 2i+1] = cos(…)', () => {
    const pe = positionalEncoding(3, 4);
    for (let pos = 0; pos < 3; pos++) {
      for (let i = 0; i < 2; i++) {
        const a = pos / 10000 ** ((2 * i) / 4);
        expect(pe.get(pos, 2 * i)).toBeCloseTo(Math.sin(a), 6);
        expect(pe.get(pos, 2 * i + 1)).toBeCloseTo(Math.cos(a), 6);
      }
    }
  });

  it('pe [5, 7] (odd d_model): the last column is a sin column with frequency 10000^(-6/7)', () => {
    const pe = positionalEncoding(5, 7);
    for (let pos = 0; pos < 5; pos++) expect(pe.get(pos, 6)).toBeCloseTo(Math.sin(pos * 10000 ** (-6 / 7)), 6);
    expect(positionalFrequency(6, 7)).toBeCloseTo(10000 ** (-6 / 7), 12);
    expect(positionalFrequency(5, 7)).toBe(positionalFrequency(4, 7));
  });

  it('pe [3, 1] (d_model 1) is sin(pos)', () => {
    const pe = positionalEncoding(3, 1);
    expect(Array.from(pe.data)).toEqual([0, Math.fround(Math.sin(1)), Math.fround(Math.sin(2))]);
  });

  it('pe [2000, 4] at large positions is accurate (float64 angles): PE[1999, 0] = sin(1999)', () => {
    const pe = positionalEncoding(2000, 4);
    expect(pe.get(1999, 0)).toBeCloseTo(Math.sin(1999), 6);
    expect(pe.get(1999, 3)).toBeCloseTo(Math.cos(1999 / 100), 6);
  });

  it('runOp positional_encoding length=10 d_model=8 gives pe [10, 8] and takes no inputs', () => {
    const out = runOp('positional_encoding', {}, { length: 10, d_model: 8 });
    expect(out.pe.shape).toEqual([10, 8]);
  });

  it('every (sin, cos) column pair lies on the unit circle (fast-check over length and d_model)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 33 }), (len, d) => {
        const pe = positionalEncoding(len, d);
        for (let p = 0; p < len; p++) {
          for (let c = 0; c + 1 < d; c += 2) {
            const s = pe.get(p, c);
            const k = pe.get(p, c + 1);
            if (Math.abs(s * s + k * k - 1) > 1e-6) return false;
          }
          for (let c = 0; c < d; c++) if (Math.abs(pe.get(p, c)) > 1) return false;
        }
        return true;
      }),
      { numRuns: 60 },
    );
  });
});

describe('positional_encoding errors', () => {
  it('length 0 is refused', () => {
    expect(() => positionalEncoding(0, 8)).toThrow(EngineError);
    expect(() => runOp('positional_encoding', {}, { length: 0, d_model: 8 })).toThrow(/length=0/);
  });
  it('d_model 2.5 is refused', () => {
    expect(() => runOp('positional_encoding', {}, { length: 4, d_model: 2.5 })).toThrow(/d_model=2.5 must be a whole number/);
  });
  it('a table over the element budget [1e6, 1e6] is refused before allocating', () => {
    expect(() => positionalEncoding(1_000_000, 1_000_000)).toThrow(/over the limit/);
  });
  it('missing d_model is refused', () => {
    expect(() => runOp('positional_encoding', {}, { length: 4 })).toThrow(/Missing attribute "d_model"/);
  });
});
