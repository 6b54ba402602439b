/**
 * A smaller digits set for code that picks its own sizes (an experiment's quick variant):
 * firstImages shares the split's arrays, digitsChainTask trains a chain on the first images
 * and refuses sizes outside the shipped splits with a message.
 */
import { describe, expect, it } from 'vitest';
import { firstImages, loadDigits } from '../../src/training/data/digits.js';
import { digitsChainTask } from '../../src/training/runs/digits.js';

const CHAIN = '784 | fc 8 | relu | fc 10';

describe('digits subsets', () => {
  it('firstImages keeps the first images, labels and source indices of a split, without copying', () => {
    const r = loadDigits();
    if (!r.ok) throw new Error(r.error.en);
    const s = r.digits.train;
    const sub = firstImages(s, 300);
    expect(sub.count).toBe(300);
    expect(sub.images.length).toBe(300 * 784);
    expect(sub.images.buffer).toBe(s.images.buffer);
    expect(Array.from(sub.labels)).toEqual(Array.from(s.labels.subarray(0, 300)));
    expect(Array.from(sub.sourceIndex)).toEqual(Array.from(s.sourceIndex.subarray(0, 300)));
    expect(Array.from(sub.images.subarray(299 * 784))).toEqual(Array.from(s.images.subarray(299 * 784, 300 * 784)));
    expect(firstImages(s, s.count)).toBe(s);
    expect(() => firstImages(s, 0)).toThrow(RangeError);
    expect(() => firstImages(s, s.count + 1)).toThrow(RangeError);
    expect(() => firstImages(s, 1.5)).toThrow(RangeError);
  });

  it('digitsChainTask trains on trainSize images and tests on testSize', () => {
    const b = digitsChainTask({ net: CHAIN, optimizer: 'adam', lr: 0.003, batch: 32, epochs: 1, seed: 1, trainSize: 320, testSize: 100 });
    if (!b.ok) throw new Error(b.error.en);
    expect(b.task.info.trainSize).toBe(320);
    expect(b.task.info.testSize).toBe(100);
    expect(b.task.info.stepsPerEpoch).toBe(10);
    const all = digitsChainTask({ net: CHAIN, optimizer: 'adam', lr: 0.003, batch: 32, epochs: 1, seed: 1 });
    expect(all.ok && [all.task.info.trainSize, all.task.info.testSize]).toEqual([10000, 2000]);
  });

  it('digitsChainTask refuses sizes outside the shipped splits, and a bad chain, with a message', () => {
    const o = { net: CHAIN, optimizer: 'adam' as const, lr: 0.003, batch: 32, epochs: 1, seed: 1 };
    const big = digitsChainTask({ ...o, trainSize: 10001 });
    expect(!big.ok && big.error.en).toBe('trainSize must be a whole number from 1 to 10000; got 10001.');
    const zero = digitsChainTask({ ...o, testSize: 0 });
    expect(!zero.ok && zero.error.zh).toContain('testSize 必须是 1 到 2000 的整数');
    const bad = digitsChainTask({ ...o, net: '784 | fc 8 | fc 3' });
    expect(bad.ok).toBe(false);
  });
});
