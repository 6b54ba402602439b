import type { Lesson } from '../types.js';
import { cellState } from './cell-state.js';
import { gates } from './gates.js';

/** The lstm lessons, in teaching order. */
export const lessons: Lesson[] = [cellState, gates];
