/**
 * Gaussian clusters: one round blob per class, the centres evenly on a circle
 * of radius 1/2 (for 2 classes at (±0.35, ±0.35), the Playground's (±2, ±2) of 6).
 * Noise widens the blobs (standard deviation 0.12 … 0.33, the Playground's
 * variance 0.5 … 4 in its units) until they overlap.
 */
import { msg } from '../../i18n/index.js';
import { gauss, type Generator2D } from './points-2d.js';

const CENTRE_RADIUS = 0.5;
const BASE_SD = 0.12;

export const gaussian: Generator2D = {
  id: 'gaussian',
  title: msg('Gaussian clusters', '高斯团簇'),
  description: msg('Round clouds of points, one per class: nearly separable by straight lines.', '一类一团圆形的点云：几乎可以用直线分开。'),
  classes: { min: 2, max: 5, integer: true },
  point(rng, c, _i, _count, classes) {
    const a = Math.PI / 4 + (2 * Math.PI * c) / classes;
    return [CENTRE_RADIUS * Math.cos(a) + BASE_SD * gauss(rng), CENTRE_RADIUS * Math.sin(a) + BASE_SD * gauss(rng)];
  },
  // Jitter on top of the blob's own spread, so that the total spread is 0.12 + 0.42·noise.
  jitter: (noise) => Math.sqrt((BASE_SD + 0.42 * noise) ** 2 - BASE_SD ** 2),
};
