import { describe, expect, it } from 'vitest';
import { EngineError, Tensor, listOps, runOp } from '../../src/engine/index.js';

const x = Tensor.fromNested([-1, 0.5, 2]);

describe('runOp registry', () => {
  it('relu x=[3] returns a record named as the format outputs', () => {
    const out = runOp('relu', { input: x });
    expect(Object.keys(out)).toEqual(['output']);
    expect(Array.from(out.output.data)).toEqual([0, 0.5, 2]);
  });

  it('an unknown op suggests close names', () => {
    expect(() => runOp('rellu', { input: x })).toThrow(/Unknown op "rellu". Did you mean "relu"/);
  });

  it('a missing input names what the op takes', () => {
    expect(() => runOp('relu', {})).toThrow(/needs an input named "input"/);
  });

  it('an unexpected input is rejected', () => {
    expect(() => runOp('relu', { input: x, other: x })).toThrow(/no input named "other"/);
  });

  it('an unknown attribute is rejected unless strictAttrs is off', () => {
    expect(() => runOp('relu', { input: x }, { alpha: 1 })).toThrow(/no attribute "alpha"/);
    expect(() => runOp('relu', { input: x }, { alpha: 1 }, { strictAttrs: false })).not.toThrow();
  });

  it('a non-tensor input is an EngineError', () => {
    expect(() => runOp('relu', { input: [1, 2] as never })).toThrow(EngineError);
  });

  it('lists every op with a summary', () => {
    const ops = listOps();
    expect(ops.map((o) => o.name)).toContain('relu');
    for (const o of ops) expect(o.summary.length).toBeGreaterThan(3);
  });
});
