/** Every authored question, topic by topic in teaching order. */
import type { Question } from '../types.js';
import { questions as cnn } from './cnn.js';
import { questions as dnn } from './dnn.js';
import { questions as lstm } from './lstm.js';
import { questions as rnn } from './rnn.js';
import { questions as transformer } from './transformer.js';

export const QUESTIONS: readonly Question[] = [...dnn, ...cnn, ...rnn, ...lstm, ...transformer];
