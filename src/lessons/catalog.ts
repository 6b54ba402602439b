/**
 * The lessons as the CLI sees them: the topics, the required ids, and an
 * index (manifest.gen.ts) with each lesson's title and a loader, so the menu
 * and `lesson --list` appear at once and `lesson ID` loads one lesson only.
 */
import { msg, type Msg } from '../i18n/index.js';
import { suggest } from '../repl/suggest.js';
import { LESSON_INDEX } from './manifest.gen.js';
import type { Lesson, LessonInfo, Topic } from './types.js';

export type { LessonInfo } from './types.js';

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

export { LESSON_INDEX };

/** A lesson by id, or a topic's first lesson ("cnn" → cnn/why-cnn). */
export function findLessonInfo(id: string): LessonInfo | undefined {
  const key = id.trim().toLowerCase().replace(/\/+$/, '');
  return LESSON_INDEX.find((l) => l.id === key) ?? LESSON_INDEX.find((l) => l.topic === key);
}

export async function loadLesson(info: LessonInfo): Promise<Lesson> {
  const mod = await info.load();
  const lesson = Object.values(mod).find((v): v is Lesson => typeof v === 'object' && v !== null && (v as Lesson).id === info.id && Array.isArray((v as Lesson).steps));
  if (!lesson) throw new Error(`lesson module for ${info.id} does not export it`);
  return lesson;
}

export function closeLessonIds(id: string): string[] {
  const ids = LESSON_INDEX.map((l) => l.id);
  // "transfomer" is far from every full id but close to a topic: offer that topic's lessons.
  const [head] = id.toLowerCase().split('/');
  const topics = suggest(head, TOPICS.map((t) => t.id), 1);
  if (topics.length && !ids.includes(id)) {
    const inTopic = ids.filter((x) => x.split('/')[0] === topics[0]);
    const rest = id.includes('/') ? suggest(id.slice(id.indexOf('/') + 1), inTopic.map((x) => x.split('/')[1] ?? x), 3).map((x) => `${topics[0]}/${x}`) : [];
    const picks = [...rest, ...inTopic].filter((x, i, a) => a.indexOf(x) === i);
    if (picks.length) return picks.slice(0, 6);
  }
  const close = suggest(id, ids, 5);
  const partial = ids.filter((x) => x.includes(id.toLowerCase()) && !close.includes(x));
  return [...close, ...partial].slice(0, 6);
}
