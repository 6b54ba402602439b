/**
 * One frame of a training run: everything the screen draws at a moment, as
 * plain numbers and strings, so it crosses from the worker thread by
 * structured clone unchanged (no engine tensors, no class instances).
 */
import type { EpochRow, LayerGrad, TaskInfo, TaskViews, TrainerApi } from '../task.js';

/** At most this many points of the per-step loss go into a frame (a curve is at most ~120 columns wide). */
export const LOSS_POINTS = 240;

export interface Frame {
  info: TaskInfo;
  epoch: number;
  stepsDone: number;
  stepInEpoch: number;
  lr: number;
  examplesPerSecond: number;
  history: EpochRow[];
  /** The per-step training loss, averaged into at most LOSS_POINTS buckets of `lossEvery` steps each. */
  losses: number[];
  lossEvery: number;
  /** The step the first bucket starts at (the trainer keeps the last 10,000 steps' losses). */
  lossFirstStep: number;
  grads: LayerGrad[];
  views: TaskViews;
  paused: boolean;
  /** Steps per second the student chose; Infinity = as fast as it goes. */
  speed: number;
  done: boolean;
}

/**
 * Bucket means of the per-step losses. Buckets are whole powers of two steps
 * wide, so a bucket's contents never change once it is full and the curve
 * does not shimmer as steps arrive.
 */
export function bucketLosses(all: readonly number[], maxPoints = LOSS_POINTS): { losses: number[]; every: number } {
  let every = 1;
  while (Math.ceil(all.length / every) > maxPoints) every *= 2;
  const losses: number[] = [];
  for (let i = 0; i < all.length; i += every) {
    let sum = 0;
    const end = Math.min(all.length, i + every);
    for (let j = i; j < end; j++) sum += all[j];
    losses.push(sum / (end - i));
  }
  return { losses, every };
}

export function makeFrame(t: TrainerApi, s: { paused: boolean; speed: number; done: boolean; grads: LayerGrad[] }, views = true): Frame {
  const { losses, every } = bucketLosses(t.stepLosses);
  return {
    info: t.info,
    epoch: t.epoch,
    stepsDone: t.stepsDone,
    stepInEpoch: t.stepInEpoch,
    lr: t.lr,
    examplesPerSecond: t.examplesPerSecond,
    history: [...t.history],
    losses,
    lossEvery: every,
    lossFirstStep: t.stepsDone - t.stepLosses.length + 1,
    grads: s.grads.map((g) => ({ ...g })),
    views: views ? ownBuffers(t.views()) : {},
    paused: s.paused,
    speed: s.speed,
    done: s.done,
  };
}

/**
 * A structured clone copies a typed array's whole buffer. A view into the
 * kernels' memory (a parameter's weights) would carry that whole memory across
 * the thread, so every typed array that is part of a larger buffer is copied
 * to its own here.
 */
export function ownBuffers<T>(v: T, depth = 0): T {
  if (depth > 8 || v === null || typeof v !== 'object') return v;
  if (ArrayBuffer.isView(v)) {
    const a = v as unknown as Float32Array;
    return (a.byteLength === a.buffer.byteLength || typeof a.slice !== 'function' ? a : a.slice()) as T;
  }
  if (Array.isArray(v)) return v.map((x) => ownBuffers(x, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = ownBuffers(x, depth + 1);
  return out as T;
}
