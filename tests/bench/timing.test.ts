/**
 * bench/timing.ts's timeRounds, on a fake clock (no wall-clock bounds): the sides run in
 * turn, each `enter` (e.g. switching tfjs's global backend) runs right before its side and
 * outside the timing, and each side gets the median of its own runs.
 */
import { performance } from 'node:perf_hooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { timeInterleaved, timeRounds } from '../../bench/timing.js';

let now = 0;
const tick = (ms: number): void => {
  now += ms;
};

describe('timeRounds', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs the sides in turn, enter before each run, warm-up rounds first', async () => {
    const calls: string[] = [];
    const side = (name: string) => ({ enter: () => calls.push(`enter ${name}`), run: () => calls.push(name) });
    await timeRounds([side('a'), side('b'), side('c')], { warmup: 1, iterations: 2 });
    const round = ['enter a', 'a', 'enter b', 'b', 'enter c', 'c'];
    expect(calls).toEqual([...round, ...round, ...round]);
  });

  it('times the runs only, not the enters, and takes each side’s median', async () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    let k = 0;
    const slowA = [5, 1, 9, 3, 7]; // median 5
    const medians = await timeRounds(
      [
        { enter: () => tick(1000), run: () => tick(slowA[k++ % slowA.length]) },
        { enter: async () => tick(500), run: async () => tick(2) },
      ],
      { warmup: 0, iterations: 5 },
    );
    expect(medians).toEqual([5, 2]);
  });

  it('stops after maxTotalMs of timed runs (all sides together) once every side has minIterations', async () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    let runs = 0;
    const run = (): void => {
      runs++;
      tick(10);
    };
    await timeRounds([{ run }, { run }], { warmup: 0, iterations: 100, maxTotalMs: 50, minIterations: 4 });
    expect(runs).toBe(8);
  });

  it('timeInterleaved is the two-sided case', async () => {
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    expect(await timeInterleaved(() => tick(3), () => tick(4), { warmup: 1, iterations: 3 })).toEqual({ a: 3, b: 4 });
  });
});
