import type { Lesson } from '../types.js';
import { gradients } from './gradients.js';
import { longTerm } from './long-term.js';
import { recurrence } from './recurrence.js';

/** The rnn lessons, in teaching order. */
export const lessons: Lesson[] = [recurrence, longTerm, gradients];
