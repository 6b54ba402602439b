/**
 * Every op with a registered backward is checked against finite differences at
 * the sample points of samples/*.ts — and an op with a vjp but no sample fails
 * the last test, so a new op cannot skip the check.
 */
import { describe, expect, it } from 'vitest';
import { checkOpGradients } from '../../../src/engine/autograd/gradcheck.js';
import { registry } from '../../../src/engine/ops/all.js';
import { ATTENTION_SAMPLES } from './samples/attention.js';
import { CONV_SAMPLES } from './samples/conv.js';
import { CORE_SAMPLES } from './samples/core.js';
import { RECURRENT_SAMPLES } from './samples/recurrent.js';
import type { OpSample } from './samples/types.js';

const SAMPLES: OpSample[] = [...CORE_SAMPLES, ...CONV_SAMPLES, ...RECURRENT_SAMPLES, ...ATTENTION_SAMPLES];

describe('every registered vjp matches finite differences', () => {
  for (const s of SAMPLES) {
    it(`${s.op}: ${s.what}`, () => {
      const r = checkOpGradients(s.op, s.inputs, s.attrs ?? {}, s.opts);
      expect(r.checked).toBeGreaterThan(0);
      expect(r.ok, JSON.stringify(r.worst)).toBe(true);
    });
  }

  it('has a sample for every op that registers a vjp', () => {
    const withVjp = registry.names().filter((n) => registry.get(n).vjp);
    const sampled = new Set(SAMPLES.map((s) => s.op));
    expect(withVjp.filter((n) => !sampled.has(n))).toEqual([]);
  });
});
