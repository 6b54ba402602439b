/**
 * A student's points, made ready to train: moved and scaled into the same
 * [−1, 1]² square as the generated sets (so the boundary heatmap and the
 * net's inputs look the same for every 2D run), then split into train and test.
 */
import type { CsvPoints } from './csv.js';
import { parsePointsCsv } from './csv.js';
import { splitPoints } from './split.js';
import { DEFAULTS_2D } from './points-2d.js';
import { checkOption } from './checks.js';
import { TEST_SPLIT_RANGE } from './split.js';
import { fail, ok, type DataResult, type PointData } from './types.js';

/** The largest coordinate after scaling: a margin, so no point sits on the heatmap's edge. */
export const FIT = 0.9;

/** How the file's coordinates map to the square: square = (file − centre) · scale. */
export interface Frame {
  readonly cx: number;
  readonly cy: number;
  readonly scale: number;
}

/**
 * One scale for both axes (the shape of the data is kept: a circle stays a
 * circle), chosen so the wider axis spans [−0.9, 0.9]. All points at one place → scale 1.
 */
export function fitSquare(points: Float64Array): { square: Float32Array; frame: Frame } {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < points.length; i += 2) {
    x0 = Math.min(x0, points[i]);
    x1 = Math.max(x1, points[i]);
    y0 = Math.min(y0, points[i + 1]);
    y1 = Math.max(y1, points[i + 1]);
  }
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const half = Math.max(x1 - x0, y1 - y0) / 2;
  // half can overflow to Infinity for ±1e308 coordinates; then scale 0 would put every point at the centre, which is still in range.
  const scale = half > 0 && Number.isFinite(FIT / half) ? FIT / half : 1;
  const square = new Float32Array(points.length);
  for (let i = 0; i < points.length; i += 2) {
    square[i] = Math.max(-1, Math.min(1, (points[i] - cx) * scale));
    square[i + 1] = Math.max(-1, Math.min(1, (points[i + 1] - cy) * scale));
  }
  return { square, frame: { cx, cy, scale } };
}

export interface StudentPoints extends PointData {
  readonly frame: Frame;
}

export function studentPoints(csv: CsvPoints, testSplit: number, seed: number): StudentPoints {
  const { square, frame } = fitSquare(csv.points);
  const all = { points: square, labels: csv.labels, n: csv.n, classes: csv.classes };
  const { train, test } = splitPoints(all, testSplit, seed);
  return { train, test, classes: csv.classes, classNames: csv.classNames, frame };
}

/** Text → points split for training, or the message for the student. Never throws. */
export function pointsFromCsv(text: string, opts: { testSplit?: number; seed?: number } = {}): DataResult<StudentPoints> {
  const testSplit = opts.testSplit ?? DEFAULTS_2D.testSplit;
  const bad = checkOption('test split', testSplit, TEST_SPLIT_RANGE);
  if (bad) return fail(bad);
  const parsed = parsePointsCsv(text);
  if (!parsed.ok) return parsed;
  return ok(studentPoints(parsed.value, testSplit, opts.seed ?? DEFAULTS_2D.seed));
}
