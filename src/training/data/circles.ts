/**
 * Circles: class 0 a disc in the middle, each further class a ring round it,
 * with a gap between (TensorFlow Playground's disc-in-a-ring is 2 classes;
 * 3–5 add rings). Disc and rings have the same width w, the gaps 0.4·w, the
 * outer ring ends at 5/6 (the Playground's radius 5 of 6). The radius is drawn
 * uniformly, so the middle is denser, as there.
 */
import { msg } from '../../i18n/index.js';
import type { Generator2D } from './points-2d.js';

const OUTER = 5 / 6;
const GAP = 0.4;

export const circles: Generator2D = {
  id: 'circles',
  title: msg('Circles', '同心圆'),
  description: msg('A disc inside rings, one class each: no straight line separates them.', '圆盘外套圆环，每类一个：没有一条直线能把它们分开。'),
  classes: { min: 2, max: 5, integer: true },
  point(rng, c, _i, _count, classes) {
    const w = OUTER / (classes + GAP * (classes - 1));
    const lo = c * w * (1 + GAP);
    const r = lo + w * rng();
    const a = 2 * Math.PI * rng();
    return [r * Math.sin(a), r * Math.cos(a)];
  },
  jitter: (noise) => noise * 0.2,
};
