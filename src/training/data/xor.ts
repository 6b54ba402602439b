/**
 * XOR: class 0 where x and y have the same sign (quadrants I and III), class 1
 * where they differ — exactly 2 classes. As in TensorFlow Playground, points
 * keep a small margin from the axes so that without noise the classes do not touch.
 */
import { msg } from '../../i18n/index.js';
import type { Generator2D } from './points-2d.js';

const SPAN = 5 / 6;
const MARGIN = 0.05;

/** A coordinate away from the axis, on the side `sign`. */
function side(rng: () => number, sign: number): number {
  return sign * (MARGIN + (SPAN - MARGIN) * rng());
}

export const xor: Generator2D = {
  id: 'xor',
  title: msg('XOR', '异或'),
  description: msg('Four corners, opposite corners one class: one layer cannot, a hidden layer can.', '四个角，对角同类：单层网络做不到，加一个隐藏层就可以。'),
  classes: { min: 2, max: 2, integer: true },
  point(rng, c) {
    const sx = rng() < 0.5 ? -1 : 1;
    const sy = c === 0 ? sx : -sx;
    return [side(rng, sx), side(rng, sy)];
  },
  jitter: (noise) => noise * 0.3,
};
