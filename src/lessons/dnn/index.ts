import type { Lesson } from '../types.js';

/** The dnn lessons, in teaching order. */
export const lessons: Lesson[] = [];
