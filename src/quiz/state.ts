/**
 * The quiz's saved state: one FSRS card per item id and the log of every
 * answer. Validated with zod on load; dates stored as ISO strings and
 * revived with ts-fsrs's own converter (TypeConvert), so they survive JSON.
 */
import { TypeConvert, type Card } from 'ts-fsrs';
// zod/mini: the same schemas at a twentieth of the bundle size (start-up matters).
import * as z from 'zod/mini';
import { JsonStore } from '../storage/json-store.js';
import { dataFile } from '../storage/paths.js';

const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'));

const cardSchema = z.object({
  due: isoDate,
  stability: z.number(),
  difficulty: z.number(),
  elapsed_days: z.number(),
  scheduled_days: z.number(),
  learning_steps: z.number(),
  reps: z.int().check(z.minimum(0)),
  lapses: z.int().check(z.minimum(0)),
  state: z.int().check(z.minimum(0), z.maximum(3)),
  last_review: z.optional(isoDate),
});

const logSchema = z.object({
  id: z.string(),
  topic: z.string(),
  at: isoDate,
  /** FSRS rating 1–4 (Again, Hard, Good, Easy). */
  rating: z.int().check(z.minimum(1), z.maximum(4)),
  /** null: "I don't know". */
  correct: z.nullable(z.boolean()),
  seconds: z.number().check(z.minimum(0)),
  mode: z.enum(['study', 'exam']),
});

export const quizSchema = z.object({
  version: z.literal(1),
  cards: z.record(z.string(), cardSchema),
  log: z.array(logSchema),
});

export type QuizState = z.infer<typeof quizSchema>;
export type StoredCard = z.infer<typeof cardSchema>;
export type LogEntry = z.infer<typeof logSchema>;

export function emptyQuizState(): QuizState {
  return { version: 1, cards: {}, log: [] };
}

export function quizStore(env: NodeJS.ProcessEnv = process.env): JsonStore<QuizState> {
  return new JsonStore(dataFile('quiz.json', env), quizSchema, emptyQuizState);
}

export function toCard(s: StoredCard): Card {
  return TypeConvert.card({ ...s, state: s.state, due: s.due, last_review: s.last_review ?? null });
}

export function fromCard(c: Card): StoredCard {
  return {
    due: TypeConvert.time(c.due).toISOString(),
    stability: c.stability,
    difficulty: c.difficulty,
    elapsed_days: c.elapsed_days,
    scheduled_days: c.scheduled_days,
    learning_steps: c.learning_steps,
    reps: c.reps,
    lapses: c.lapses,
    state: c.state,
    ...(c.last_review ? { last_review: TypeConvert.time(c.last_review).toISOString() } : {}),
  };
}
