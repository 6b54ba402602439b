/**
 * What the REPL's worker posts to the screen: tensors as plain { shape, data } (a
 * structured clone would drop numbers kept behind the data getter), and only their own
 * numbers (a structured clone copies a view's whole buffer: a slice of a large array, or
 * a tensor in the kernels' memory, would drag all of it across).
 */
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/engine/tensor.js';
import { toWireValue } from '../../src/repl/wire.js';

describe('toWireValue', () => {
  it('turns nested tensors into { shape, data } with their numbers', () => {
    const t = new Tensor([2, 2], [1, 2, 3, 4]);
    const w = toWireValue({ blocks: [{ kind: 'matrix', tensor: t }], n: 3, s: 'x' });
    expect(w.blocks[0].tensor).not.toBeInstanceOf(Tensor);
    expect(w.blocks[0].tensor).toEqual({ shape: [2, 2], data: new Float32Array([1, 2, 3, 4]) });
    expect(w).toMatchObject({ n: 3, s: 'x' });
  });

  it('a tensor over part of a larger buffer crosses with a buffer of its own size; a whole one as it is', () => {
    const big = new Float32Array(1 << 16).map((_, i) => i);
    const part = new Tensor([2], big.subarray(10, 12));
    const wp = toWireValue(part) as unknown as { data: Float32Array };
    expect(Array.from(wp.data)).toEqual([10, 11]);
    expect(wp.data.buffer.byteLength).toBe(8);
    const whole = new Tensor([4], new Float32Array([5, 6, 7, 8]));
    expect((toWireValue(whole) as unknown as { data: Float32Array }).data).toBe(whole.data);
  });

  it('leaves typed arrays, Maps and primitives to the structured clone', () => {
    const m = new Map([['a', 1]]);
    const arr = new Float32Array(3);
    const w = toWireValue({ m, arr, nil: null });
    expect(w.m).toBe(m);
    expect(w.arr).toBe(arr);
    expect(w.nil).toBeNull();
  });
});
