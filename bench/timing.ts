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

/** Times two callbacks alternately (a, b, a, b, …) and returns both medians in ms. */
export async function timeInterleaved(a: () => unknown, b: () => unknown, opts: TimingOptions = {}): Promise<{ a: number; b: number }> {
  const { iterations = 7, warmup = 2, maxTotalMs = Infinity, minIterations = 3 } = opts;
  for (let i = 0; i < warmup; i++) {
    await timeOnce(a);
    await timeOnce(b);
  }
  const ta: number[] = [];
  const tb: number[] = [];
  let total = 0;
  for (let i = 0; i < iterations; i++) {
    const x = await timeOnce(a);
    const y = await timeOnce(b);
    ta.push(x);
    tb.push(y);
    total += x + y;
    if (total > maxTotalMs && ta.length >= minIterations) break;
  }
  return { a: median(ta), b: median(tb) };
}
