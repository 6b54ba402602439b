import type { JsonStore } from '../storage/json-store.js';
import type { QuizState } from './state.js';

export type QuizStore = JsonStore<QuizState>;
