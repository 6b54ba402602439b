import type { Lesson } from '../types.js';

/** The cnn lessons, in teaching order. */
export const lessons: Lesson[] = [];
