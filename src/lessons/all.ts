/**
 * Every lesson loaded at once, in teaching order: for the linter, the tests
 * and the manifest generator. The CLI uses the manifest (manifest.gen.ts)
 * instead, so it loads only the lesson it shows.
 */
import { lessons as cnn } from './cnn/index.js';
import { lessons as dnn } from './dnn/index.js';
import { lessons as lstm } from './lstm/index.js';
import { lessons as rnn } from './rnn/index.js';
import { lessons as transformer } from './transformer/index.js';
import type { Lesson } from './types.js';

export const LESSONS: readonly Lesson[] = [...dnn, ...cnn, ...rnn, ...lstm, ...transformer];
