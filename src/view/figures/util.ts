/**
 * Small helpers shared by the figures: finite ranges and precisions of the
 * values shown, and colour scales. (Text layout is view/layout.ts, number
 * formatting i18n/numbers.ts.) Nothing here imports the text renderer (it imports the views).
 */
import type { Theme } from '../style.js';

// ---------------------------------------------------------------------------
// Numbers

/** Finite, non-NaN. */
export const finite = (v: number): boolean => Number.isFinite(v);

/** Precision that shows the values without needless zeros: 0 for whole numbers, else 2. */
export function autoPrecision(values: ArrayLike<number>, limit = 4096): number {
  const n = Math.min(values.length, limit);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (Number.isFinite(v) && (!Number.isInteger(v) || Math.abs(v) >= 1e6)) return 2;
  }
  return 0;
}

export function finiteRange(values: ArrayLike<number>): { min: number; max: number; count: number } {
  let min = Infinity;
  let max = -Infinity;
  let count = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    count++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { min, max, count };
}

// ---------------------------------------------------------------------------
// Colour

export type RGB = readonly [number, number, number];

function lerp(a: RGB, b: RGB, t: number): RGB {
  return [Math.round(a[0] + (b[0] - a[0]) * t), Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t)];
}

function ramp(stops: readonly RGB[], t: number): RGB {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  return lerp(stops[i], stops[i + 1], x - i);
}

const VIRIDIS: RGB[] = [
  [68, 1, 84],
  [59, 82, 139],
  [33, 145, 140],
  [94, 201, 98],
  [253, 231, 37],
];
const COOLWARM_NEG: RGB[] = [
  [210, 210, 210],
  [59, 76, 192],
];
const COOLWARM_POS: RGB[] = [
  [210, 210, 210],
  [200, 30, 40],
];

/** Sequential scale, t in [0, 1]. */
export function seqColor(t: number): RGB {
  return ramp(VIRIDIS, t);
}

/** Diverging scale around 0: s in [-1, 1], blue below, red above. */
export function divColor(s: number): RGB {
  return s < 0 ? ramp(COOLWARM_NEG, -s) : ramp(COOLWARM_POS, s);
}

/** Colour for a number in a matrix: green positive, red negative, brighter when larger. */
export function signColor(v: number, maxAbs: number): RGB {
  if (!Number.isFinite(v)) return [230, 120, 230];
  const t = maxAbs > 0 ? Math.min(1, Math.abs(v) / maxAbs) : 0;
  if (v === 0) return [128, 128, 128];
  return v > 0 ? lerp([120, 150, 120], [80, 230, 90], t) : lerp([160, 120, 120], [255, 80, 70], t);
}

export function fg(th: Theme, c: RGB, s: string): string {
  return th.color ? th.chalk.rgb(c[0], c[1], c[2])(s) : s;
}

export function fgbg(th: Theme, top: RGB, bottom: RGB | null, s: string): string {
  if (!th.color) return s;
  const f = th.chalk.rgb(top[0], top[1], top[2]);
  return bottom ? f.bgRgb(bottom[0], bottom[1], bottom[2])(s) : f(s);
}
