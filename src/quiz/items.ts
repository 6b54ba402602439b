/**
 * What the quiz schedules: authored questions and generators, each one a
 * card keyed by a stable id. Reviewing a generator's card means answering a
 * fresh instance of it.
 */
import type { Msg } from '../i18n/index.js';
import type { Topic } from '../lessons/types.js';
import { QUESTIONS } from './bank/index.js';
import { GENERATORS } from './generators/index.js';
import { PREDICTIONS } from './predict.js';
import type { Question } from './types.js';

export interface QuizItem {
  id: string;
  topic: Topic;
  lesson: string;
  kind: Question['kind'] | 'generator';
  title?: Msg;
  /** The question to ask now; `seed` picks a generator's numbers. */
  make(seed: number): Question;
}

/**
 * The bank's questions in teaching order, each experiment's prediction
 * (predict.ts) after the last question of its lesson (the lesson that links
 * the experiment), so the plan's teaching order asks it with that lesson.
 */
function withPredictions(bank: readonly Question[], predictions: readonly Question[]): Question[] {
  const out = [...bank];
  for (const p of predictions) {
    const last = out.findLastIndex((q) => q.lesson === p.lesson);
    const topicLast = out.findLastIndex((q) => q.topic === p.topic);
    out.splice((last >= 0 ? last : topicLast >= 0 ? topicLast : out.length - 1) + 1, 0, p);
  }
  return out;
}

export const ITEMS: readonly QuizItem[] = [
  ...withPredictions(QUESTIONS, PREDICTIONS).map((q): QuizItem => ({ id: q.id, topic: q.topic, lesson: q.lesson, kind: q.kind, make: () => q })),
  ...GENERATORS.map((g): QuizItem => ({ id: g.id, topic: g.topic, lesson: g.lesson, kind: 'generator', title: g.title, make: (seed) => g.make(seed) })),
];

const TOPICS: readonly Topic[] = ['dnn', 'cnn', 'rnn', 'lstm', 'transformer'];

/**
 * Items for the topics asked for: a topic (cnn), a lesson id (cnn/pooling)
 * or a prefix of one. Unknown names are returned so the caller can say so.
 */
export function selectItems(filters: readonly string[]): { items: QuizItem[]; unknown: string[] } {
  if (filters.length === 0) return { items: [...ITEMS], unknown: [] };
  const unknown: string[] = [];
  const chosen = new Set<QuizItem>();
  for (const f of filters) {
    const key = f.toLowerCase().replace(/\/+$/, '');
    const hit = ITEMS.filter((it) => (TOPICS as readonly string[]).includes(key) ? it.topic === key : it.lesson === key || it.lesson.startsWith(key + '/') || it.id === key);
    if (hit.length === 0) unknown.push(f);
    for (const it of hit) chosen.add(it);
  }
  return { items: ITEMS.filter((it) => chosen.has(it)), unknown };
}
