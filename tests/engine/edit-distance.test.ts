import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/engine/edit-distance.js';
import { closest } from '../../src/evaluator/messages.js';
import { suggest } from '../../src/repl/suggest.js';

describe('editDistance (the one measure behind every "did you mean")', () => {
  it('counts insertions, deletions and substitutions once each', () => {
    expect(editDistance('conv', 'conv')).toBe(0);
    expect(editDistance('con', 'conv')).toBe(1);
    expect(editDistance('convv', 'conv')).toBe(1);
    expect(editDistance('cogv', 'conv')).toBe(1);
    expect(editDistance('', 'pool')).toBe(4);
  });

  it('counts a swap of two neighbouring letters once', () => {
    expect(editDistance('comv', 'conv')).toBe(1);
    expect(editDistance('sqtr', 'sqrt')).toBe(1);
    expect(editDistance('trasnpose', 'transpose')).toBe(1);
  });

  it('stops at max + 1 when the words are further apart', () => {
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
    expect(editDistance('zzzz', 'sqrt', 1)).toBe(2);
    expect(editDistance('sqtr', 'sqrt', 1)).toBe(1);
  });

  it('is the measure the evaluator and the REPL both use: a swapped pair is one typo in each', () => {
    expect(closest('sqtr', ['sqrt', 'sec'])).toBe('sqrt');
    expect(suggest('plol', ['pool', 'conv'])).toEqual(['pool']);
  });
});
