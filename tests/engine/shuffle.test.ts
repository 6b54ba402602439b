import { describe, expect, it } from 'vitest';
import { hashString, shuffled, shuffledIndices, shuffledOutOfOrder, shuffleWith } from '../../src/engine/shuffle.js';

describe('seeded orders (one shuffle, one hash)', () => {
  it('hashString is 32-bit FNV-1a', () => {
    expect(hashString('')).toBe(2166136261);
    expect(hashString('a')).toBe(0xe40c292c);
    expect(hashString('foobar')).toBe(0xbf9cf968);
  });

  it('shuffled is a permutation, the same for the same seed, and leaves its input alone', () => {
    const items = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    const a = shuffled(items, 7);
    expect([...a].sort()).toEqual(items);
    expect(shuffled(items, 7)).toEqual(a);
    expect(items).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(shuffledIndices(7, 7)).toEqual(a.map((x) => items.indexOf(x)));
  });

  it('shuffleWith draws j = floor(next · (i + 1)) from the last position down', () => {
    // next() = 0 always swaps position i with 0: [0,1,2,3] → [1,2,3,0].
    expect(shuffleWith([0, 1, 2, 3], () => 0)).toEqual([1, 2, 3, 0]);
  });

  it('shuffledOutOfOrder never returns 0…n−1 itself for n ≥ 2', () => {
    for (let seed = 0; seed < 300; seed++) {
      const idx = shuffledOutOfOrder(2 + (seed % 4), seed);
      expect(idx.some((v, i) => v !== i)).toBe(true);
      expect([...idx].sort()).toEqual([...idx.keys()]);
    }
  });
});
