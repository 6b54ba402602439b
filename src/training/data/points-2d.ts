/**
 * The shared half of TensorFlow Playground's 2D sets: options and their ranges,
 * an equal number of points per class, the seeded draw, the [−1, 1]² clamp and
 * the train/test split. Each set (spiral.ts, circles.ts, xor.ts, gaussian.ts)
 * only says where the i-th point of a class goes.
 *
 * Coordinates: every point lies in the square [−1, 1]² (the Playground draws
 * in [−6, 6]²; we divide by 6 and clip the rare Gaussian tail), so a boundary
 * heatmap over [−1, 1]² shows all the data.
 *
 * Labels are the class a point was drawn for; noise moves the point, not its
 * label, so at high noise the classes overlap and no net can reach 100 %.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { mulberry32 } from '../../engine/random.js';
import { checkOption, type NumberRange } from './checks.js';
import { splitPoints, TEST_SPLIT_RANGE } from './split.js';
import { fail, ok, type DataResult, type PointData, type PointSet } from './types.js';

export type Rng = () => number;

export interface Options2D {
  /** Number of points, train and test together (default 500). */
  readonly size?: number;
  /** 0 (clean) … 0.5 (heavily mixed), as the Playground's 0–50 % slider (default 0). */
  readonly noise?: number;
  /** Number of classes, within the set's own range (default 2). */
  readonly classes?: number;
  /** Fraction of the points kept for testing (default 0.5, as the Playground). */
  readonly testSplit?: number;
  readonly seed?: number;
}

export const SIZE_RANGE: NumberRange = { min: 20, max: 10000, integer: true };
export const NOISE_RANGE: NumberRange = { min: 0, max: 0.5 };
export const DEFAULTS_2D = { size: 500, noise: 0, classes: 2, testSplit: 0.5, seed: 1 } as const;

/** One of the generated 2D sets. */
export interface Generator2D {
  readonly id: string;
  readonly title: Msg;
  readonly description: Msg;
  readonly classes: NumberRange;
  /** The i-th of `count` points of class `c` (of `classes`), before noise, in [−1, 1]². */
  point(rng: Rng, c: number, i: number, count: number, classes: number): [number, number];
  /** How far `noise` (0…0.5) moves a point: the standard deviation of its Gaussian jitter. */
  jitter(noise: number): number;
}

/** Standard normal by Box–Muller (one of the pair; simple beats fast here). */
export function gauss(rng: Rng): number {
  const u = Math.max(rng(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

const clamp1 = (v: number): number => Math.min(1, Math.max(-1, v));

/** All points of a set, `size` split as evenly as the classes allow (the first classes get the odd ones). */
export function drawPoints(gen: Generator2D, size: number, noise: number, classes: number, seed: number): PointSet {
  const rng = mulberry32(seed);
  const points = new Float32Array(size * 2);
  const labels = new Int32Array(size);
  const sd = gen.jitter(noise);
  let k = 0;
  for (let c = 0; c < classes; c++) {
    const count = Math.floor(size / classes) + (c < size % classes ? 1 : 0);
    for (let i = 0; i < count; i++, k++) {
      const [x, y] = gen.point(rng, c, i, count, classes);
      points[2 * k] = clamp1(x + (sd > 0 ? sd * gauss(rng) : 0));
      points[2 * k + 1] = clamp1(y + (sd > 0 ? sd * gauss(rng) : 0));
      labels[k] = c;
    }
  }
  return { points, labels, n: size, classes };
}

/** Checks the options, draws the set and splits it; a bad option → its message. */
export function make2D(gen: Generator2D, opts: Options2D = {}): DataResult<PointData> {
  const size = opts.size ?? DEFAULTS_2D.size;
  const noise = opts.noise ?? DEFAULTS_2D.noise;
  const classes = opts.classes ?? DEFAULTS_2D.classes;
  const testSplit = opts.testSplit ?? DEFAULTS_2D.testSplit;
  const seed = opts.seed ?? DEFAULTS_2D.seed;
  const bad =
    checkOption('size', size, SIZE_RANGE) ??
    checkOption('noise', noise, NOISE_RANGE) ??
    checkOption('test split', testSplit, TEST_SPLIT_RANGE) ??
    checkOption('seed', seed, { min: 0, max: 2 ** 32 - 1, integer: true });
  if (bad) return fail(bad);
  const badClasses = checkOption('classes', classes, gen.classes);
  if (badClasses) {
    return fail(
      gen.classes.min === gen.classes.max
        ? msg(`${gen.id} has exactly ${gen.classes.min} classes; got ${classes}.`, `${gen.id} 只有 ${gen.classes.min} 个类别，现在是 ${classes}。`)
        : msg(`${gen.id}: ${badClasses.en}`, `${gen.id}：${badClasses.zh}`),
    );
  }
  const all = drawPoints(gen, size, noise, classes, seed);
  const { train, test } = splitPoints(all, testSplit, seed);
  return ok({ train, test, classes, classNames: Array.from({ length: classes }, (_, c) => String(c)) });
}
