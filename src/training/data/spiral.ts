/**
 * Spiral: one arm per class winding out from the centre (TensorFlow Playground's
 * two arms, generalised to 2–5 arms a turn apart). Radius grows with i; the
 * angle turns 1.75 times round while it does, the arms offset by 2π/classes.
 */
import { msg } from '../../i18n/index.js';
import type { Generator2D } from './points-2d.js';

export const spiral: Generator2D = {
  id: 'spiral',
  title: msg('Spiral', '螺旋'),
  description: msg('Interleaved spiral arms, one per class: a net must bend its boundary round and round.', '交错的螺旋臂，每类一条：网络必须把分界线一圈圈地弯过去。'),
  classes: { min: 2, max: 5, integer: true },
  point(_rng, c, i, count, classes) {
    const f = i / count;
    const r = 0.05 + 0.8 * f;
    const t = 1.75 * 2 * Math.PI * f + (2 * Math.PI * c) / classes;
    return [r * Math.sin(t), r * Math.cos(t)];
  },
  jitter: (noise) => noise * 0.15,
};
