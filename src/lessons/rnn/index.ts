import type { Lesson } from '../types.js';

/** The rnn lessons, in teaching order. */
export const lessons: Lesson[] = [];
