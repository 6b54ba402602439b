import type { Lesson } from '../types.js';

/** The transformer lessons, in teaching order. */
export const lessons: Lesson[] = [];
