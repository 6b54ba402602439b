import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('the fast-check seed (tests/setup/fast-check-seed.ts)', () => {
  it('is set for the whole file, from FC_SEED when given, so a run can be replayed', () => {
    const seed = fc.readConfigureGlobal().seed;
    expect(Number.isInteger(seed)).toBe(true);
    if (process.env.FC_SEED) expect(seed).toBe(Number(process.env.FC_SEED) | 0);
    // Same seed, same cases: two draws agree.
    const arb = fc.array(fc.integer(), { minLength: 5, maxLength: 5 });
    expect(fc.sample(arb, 20)).toEqual(fc.sample(arb, 20));
  });
});
