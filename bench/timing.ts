/**
 * Small timing helpers for the benchmarks: medians of repeated runs, and
 * interleaved A/B timing (A then B each iteration, so both see the same
 * machine state — thermal, other processes, GC pressure).
 */
import { performance } from 'node:perf_hooks';

export interface TimingOptions {
  /** Timed runs; the median is reported (default 7). */
  iterations?: number;
  /** Untimed runs first, so the JIT has compiled the hot code (default 2). */
  warmup?: number;
  /** Stop adding timed runs once this many ms were spent (at least `minIterations` runs). */
  maxTotalMs?: number;
  /** Lower bound on timed runs when maxTotalMs cuts the series short (default 3). */
  minIterations?: number;
}

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Runs `fn` (sync or async) and returns the elapsed wall time in ms. */
export async function timeOnce(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  const r = fn();
  if (r instanceof Promise) await r;
  return performance.now() - t0;
}

/** Median wall time in ms of `fn` over N runs after warm-up; `fn` may return a promise. */
export async function timeMedian(fn: () => unknown, opts: TimingOptions = {}): Promise<number> {
  const { iterations = 7, warmup = 2, maxTotalMs = Infinity, minIterations = 3 } = opts;
  for (let i = 0; i < warmup; i++) await timeOnce(fn);
  const times: number[] = [];
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    const t = await timeOnce(fn);
    times.push(t);
    total += t;
    if (total > maxTotalMs && times.length >= minIterations) break;
  }
  return median(times);
}

/** One side of an interleaved comparison: what to time, and an untimed step before each run. */
export interface TimedSide {
  run: () => unknown;
  /** Runs before every run of this side, outside the timing (e.g. switching a global back end). */
  enter?: () => unknown;
}

/**
 * Times the sides in turn (s0, s1, …, s0, s1, …) and returns each side's median in ms, so every
 * side sees the same machine state. maxTotalMs counts the timed runs of all sides together.
 */
export async function timeRounds(sides: readonly TimedSide[], opts: TimingOptions = {}): Promise<number[]> {
  const { iterations = 7, warmup = 2, maxTotalMs = Infinity, minIterations = 3 } = opts;
  const timeSide = async (s: TimedSide): Promise<number> => {
    const entered = s.enter?.();
    if (entered instanceof Promise) await entered;
    return timeOnce(s.run);
  };
  for (let i = 0; i < warmup; i++) for (const s of sides) await timeSide(s);
  const times: number[][] = sides.map(() => []);
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    for (let k = 0; k < sides.length; k++) {
      const t = await timeSide(sides[k]);
      times[k].push(t);
      total += t;
    }
    if (total > maxTotalMs && times[0].length >= minIterations) break;
  }
  return times.map(median);
}

/** Times two callbacks alternately (a, b, a, b, …) and returns both medians in ms. */
export async function timeInterleaved(a: () => unknown, b: () => unknown, opts: TimingOptions = {}): Promise<{ a: number; b: number }> {
  const [ma, mb] = await timeRounds([{ run: a }, { run: b }], opts);
  return { a: ma, b: mb };
}
