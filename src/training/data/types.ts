/**
 * What the training data loaders hand to a run. Plain typed arrays, no engine
 * tensors: a run (or a worker thread, which can only receive plain values)
 * stacks them into the batches it needs.
 */
import type { Msg } from '../../i18n/index.js';

/** Labelled 2D points: `points` is [n, 2] row-major (x, y), every coordinate in [−1, 1]. */
export interface PointSet {
  readonly points: Float32Array;
  /** Class index 0…classes−1 of each point. */
  readonly labels: Int32Array;
  readonly n: number;
  readonly classes: number;
}

/** A 2D data set split into the points the net learns from and the points it is tested on. */
export interface PointData {
  readonly train: PointSet;
  readonly test: PointSet;
  readonly classes: number;
  /** What each class index stands for (the student's names for a CSV; "0", "1", … for generated sets). */
  readonly classNames: readonly string[];
}

/** A result a student's input can fail to give: the data, or a message (in both languages) saying why not. */
export type DataResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Msg; readonly line?: number };

export function ok<T>(value: T): DataResult<T> {
  return { ok: true, value };
}

export function fail<T>(error: Msg, line?: number): DataResult<T> {
  return line === undefined ? { ok: false, error } : { ok: false, error, line };
}
