import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { EngineError, MAX_RANK, Tensor, getElementBudget, setElementBudget } from '../../src/engine/index.js';

afterEach(() => setElementBudget());

describe('Tensor', () => {
  it('tensor [2,3] from nested arrays is row-major', () => {
    const t = Tensor.fromNested([
      [1, 2, 3],
      [4, 5, 6],
    ]);
    expect(t.shape).toEqual([2, 3]);
    expect(Array.from(t.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(t.get(1, 0)).toBe(4);
    expect(t.toNested()).toEqual([
      [1, 2, 3],
      [4, 5, 6],
    ]);
  });

  it('scalar shape [] holds one number', () => {
    const t = Tensor.scalar(2.5);
    expect(t.shape).toEqual([]);
    expect(t.size).toBe(1);
    expect(t.toNested()).toBe(2.5);
  });

  it('rejects ragged nested arrays with a message naming the row', () => {
    expect(() => Tensor.fromNested([[1, 2], [3]])).toThrow(/\[1\] should have 2 entries/);
    expect(() => Tensor.fromNested([[1, 2], 3] as never)).toThrow(EngineError);
    expect(() => Tensor.fromNested([])).toThrow(/empty list/);
  });

  it('rejects data of the wrong length', () => {
    expect(() => new Tensor([2, 2], [1, 2, 3])).toThrow(/needs 4 numbers but 3/);
  });

  it.each([
    [[0, 3], /not positive/],
    [[-1, 3], /not positive/],
    [[2.5, 3], /not a whole number/],
    [[NaN], /not a number/],
    [[Infinity], /infinite/],
  ])('rejects shape %j', (shape, msg) => {
    expect(() => new Tensor(shape as number[])).toThrow(msg);
  });

  it(`rejects more than ${MAX_RANK} dimensions`, () => {
    expect(() => new Tensor(new Array(MAX_RANK + 1).fill(1))).toThrow(/at most 6/);
  });

  it('refuses a 100000x100000x3 tensor before allocating, naming numbers, bytes and the limit', () => {
    let err: unknown;
    try {
      new Tensor([3, 100000, 100000]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(EngineError);
    const m = (err as Error).message;
    expect(m).toContain('[3, 100000, 100000]');
    expect(m).toContain('30,000,000,000 numbers');
    expect(m).toContain('111.8 GiB');
    expect(m).toContain('67,108,864');
  });

  it('the budget is settable', () => {
    setElementBudget(10);
    expect(getElementBudget()).toBe(10);
    expect(() => new Tensor([11])).toThrow(/over the limit of 10 numbers/);
    expect(new Tensor([10]).size).toBe(10);
  });

  it('prints readably with the shape and elides long rows', () => {
    const s = new Tensor([2, 20], Float32Array.from({ length: 40 }, (_, i) => i)).toString(1);
    expect(s.split('\n')[0]).toBe('Tensor [2, 20]');
    expect(s).toContain('…');
    expect(s).toContain('39.0');
    expect(s).not.toContain('10.0');
  });

  it('property: any shape either builds or throws EngineError, never RangeError', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.integer({ min: -3, max: 5000 }), fc.double(), fc.constant(2 ** 40)), { maxLength: 8 }), (shape) => {
        try {
          const t = new Tensor(shape);
          expect(t.size).toBe(shape.reduce((a, b) => a * b, 1));
        } catch (e) {
          expect(e).toBeInstanceOf(EngineError);
        }
      }),
    );
  });
});
