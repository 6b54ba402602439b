import type { Lesson } from '../types.js';
import { dnnLayer } from './layer.js';

/** The dnn lessons, in teaching order. */
export const lessons: Lesson[] = [dnnLayer];
