import { describe, expect, it } from 'vitest';
import { adding, ADDING_BASELINE_MSE } from '../../../src/training/data/adding.js';
import { memory } from '../../../src/training/data/memory.js';
import { reverse } from '../../../src/training/data/reverse.js';
import { oneHot, type SequenceData, type SequenceOptions, type SequenceSet, type SequenceTask } from '../../../src/training/data/sequences.js';

function made(task: SequenceTask, opts: SequenceOptions = {}): SequenceData {
  const r = task.make(opts);
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

function histogram(a: ArrayLike<number>, classes: number): number[] {
  const h = new Array(classes).fill(0);
  for (let i = 0; i < a.length; i++) h[a[i]]++;
  return h;
}

describe('sequence tasks', () => {
  it('memory: [n, gap+1] ids, the first symbol is the target, then blanks; classes balanced', () => {
    const d = made(memory, { size: 103, steps: 7, symbols: 5, testSplit: 0.2, seed: 4 });
    expect(d.train.n + d.test.n).toBe(103);
    expect(d.test.n).toBe(21);
    const all = [d.train, d.test];
    for (const s of all) {
      expect(s.steps).toBe(8);
      expect(s.vocab).toBe(6);
      expect(s.ids?.length).toBe(s.n * 8);
      expect(s.targets.length).toBe(s.n);
      expect(s.answerSteps).toBe(1);
      for (let i = 0; i < s.n; i++) {
        expect(s.ids?.[i * 8]).toBe(s.targets[i]);
        for (let t = 1; t < 8; t++) expect(s.ids?.[i * 8 + t]).toBe(5);
      }
    }
    const h = histogram([...d.train.targets, ...d.test.targets], 5);
    expect(Math.max(...h) - Math.min(...h)).toBeLessThanOrEqual(1);
  });

  it('adding: [n, T, 2], exactly two markers (one per half), target = their sum', () => {
    const d = made(adding, { size: 200, steps: 11, seed: 2 });
    let mse = 0;
    for (const s of [d.train, d.test]) {
      expect(s.inputs?.length).toBe(s.n * 11 * 2);
      expect(s.classes).toBe(0);
      for (let i = 0; i < s.n; i++) {
        const marked: number[] = [];
        for (let t = 0; t < 11; t++) {
          const v = s.inputs![(i * 11 + t) * 2];
          expect(v >= 0 && v < 1).toBe(true);
          if (s.inputs![(i * 11 + t) * 2 + 1] === 1) marked.push(t);
          else expect(s.inputs![(i * 11 + t) * 2 + 1]).toBe(0);
        }
        expect(marked.length).toBe(2);
        expect(marked[0]).toBeLessThan(5);
        expect(marked[1]).toBeGreaterThanOrEqual(5);
        const sum = marked.reduce((acc, t) => acc + s.inputs![(i * 11 + t) * 2], 0);
        expect(s.targets[i]).toBe(Math.fround(sum));
        mse += (s.targets[i] - 1) ** 2;
      }
    }
    expect(mse / 200).toBeCloseTo(ADDING_BASELINE_MSE, 1);
  });

  it('reverse: [n, 2T] ids (symbols then go), targets the symbols last-first', () => {
    const d = made(reverse, { size: 50, steps: 6, symbols: 3, seed: 8 });
    for (const s of [d.train, d.test]) {
      expect(s.steps).toBe(12);
      expect(s.answerSteps).toBe(6);
      for (let i = 0; i < s.n; i++) {
        const seq = [...s.ids!.subarray(i * 12, i * 12 + 6)];
        expect([...s.ids!.subarray(i * 12 + 6, i * 12 + 12)]).toEqual([3, 3, 3, 3, 3, 3]);
        expect([...s.targets.subarray(i * 6, i * 6 + 6)]).toEqual(seq.reverse());
        for (const v of seq) expect(v >= 0 && v < 3).toBe(true);
      }
    }
  });

  it('oneHot: [count, steps, vocab] with a single 1 at each step', () => {
    const s: SequenceSet = made(memory, { size: 20, steps: 3, symbols: 2 }).train;
    const x = oneHot(s, 2, 3);
    expect(x.length).toBe(3 * 4 * 3);
    for (let k = 0; k < 3 * 4; k++) {
      const row = [...x.subarray(k * 3, k * 3 + 3)];
      expect(row.reduce((a, b) => a + b)).toBe(1);
      expect(row.indexOf(1)).toBe(s.ids![2 * 4 + k]);
    }
    expect(() => oneHot(s, 15, 3)).toThrow(RangeError);
  });

  for (const task of [memory, adding, reverse]) {
    it(`${task.id}: seeded — the same seed, the same data; another seed, other data`, () => {
      const a = made(task, { size: 60, seed: 5 });
      const b = made(task, { size: 60, seed: 5 });
      const c = made(task, { size: 60, seed: 6 });
      expect(b).toEqual(a);
      expect(c.train.ids ?? c.train.inputs).not.toEqual(a.train.ids ?? a.train.inputs);
    });

    it(`${task.id}: a description in both languages`, () => {
      expect(task.description.en.length).toBeGreaterThan(10);
      expect(task.description.zh).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it.each([
    [memory, { steps: 0 }, 'gap must be a whole number from 1 to 1000; got 0.'],
    [memory, { symbols: 11 }, 'symbols must be a whole number from 2 to 10; got 11.'],
    [adding, { size: 9 }, 'size must be a whole number from 10 to 20000; got 9.'],
    [reverse, { testSplit: 0.95 }, 'test split must be a number from 0.05 to 0.9; got 0.95.'],
    [adding, { size: 20000, steps: 1000 }, '20000 sequences of 1000 steps are too many (20000000 steps; at most 2000000); use fewer or shorter sequences.'],
  ] as const)('%o with %o → a message with the range', (task, opts, en) => {
    const r = task.make(opts);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.en).toBe(en);
      expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
