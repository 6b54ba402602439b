import type { Lesson } from '../types.js';

/** The lstm lessons, in teaching order. */
export const lessons: Lesson[] = [];
