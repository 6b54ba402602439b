/**
 * Every lesson, in teaching order, and how to find one by id: the menu,
 * `lesson --list`, the quiz (lesson ids of questions) and the linter read it.
 */
import { msg, type Msg } from '../i18n/index.js';
import { suggest } from '../repl/suggest.js';
import { lessons as cnn } from './cnn/index.js';
import { lessons as dnn } from './dnn/index.js';
import { lessons as lstm } from './lstm/index.js';
import { lessons as rnn } from './rnn/index.js';
import { lessons as transformer } from './transformer/index.js';
import type { Lesson, Topic } from './types.js';

export const TOPICS: readonly { id: Topic; title: Msg }[] = [
  { id: 'dnn', title: msg('Deep neural networks', '深度神经网络') },
  { id: 'cnn', title: msg('Convolutional networks', '卷积神经网络') },
  { id: 'rnn', title: msg('Recurrent networks', '循环神经网络') },
  { id: 'lstm', title: msg('LSTM', 'LSTM 长短期记忆网络') },
  { id: 'transformer', title: msg('Transformer', 'Transformer') },
];

/** The ids the notes' sections map to; the linter checks each exists. */
export const REQUIRED_IDS = [
  'dnn',
  'cnn/why-cnn',
  'cnn/volumes',
  'cnn/layers',
  'cnn/conv',
  'cnn/receptive-field',
  'cnn/stride-padding',
  'cnn/weight-sharing',
  'cnn/pooling',
  'cnn/normalization',
  'cnn/fc',
  'cnn/architectures',
  'rnn/recurrence',
  'rnn/long-term',
  'rnn/gradients',
  'lstm/cell-state',
  'lstm/gates',
  'transformer/overview',
  'transformer/embeddings',
  'transformer/self-attention',
  'transformer/multi-head',
  'transformer/encoder',
  'transformer/decoder',
  'transformer/summary',
] as const;

export const LESSONS: readonly Lesson[] = [...dnn, ...cnn, ...rnn, ...lstm, ...transformer];

export function findLesson(id: string): Lesson | undefined {
  const key = id.trim().toLowerCase().replace(/\/+$/, '');
  return LESSONS.find((l) => l.id === key) ?? LESSONS.find((l) => l.topic === key);
}

export function closeLessonIds(id: string): string[] {
  const ids = LESSONS.map((l) => l.id);
  const close = suggest(id, ids, 5);
  const partial = ids.filter((x) => x.includes(id.toLowerCase()) && !close.includes(x));
  return [...close, ...partial].slice(0, 6);
}
