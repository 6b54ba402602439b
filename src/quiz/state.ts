/**
 * The quiz's saved state: one FSRS card per item id, the recent log of
 * answers, and per-day, per-topic counts of older answers (what statistics
 * need; the log would otherwise grow without bound and every answer rewrites
 * the whole file). Validated with zod on load; dates stored as ISO strings and
 * revived with ts-fsrs's own converter (TypeConvert), so they survive JSON.
 *
 * Version 1 (no counts) is migrated on load, losing nothing. A card whose
 * numbers are outside what ts-fsrs can schedule is reset on its own (and the
 * student told); the rest of the file is kept.
 */
import { TypeConvert, type Card } from 'ts-fsrs';
// zod/mini: the same schemas at a twentieth of the bundle size (start-up matters).
import * as z from 'zod/mini';
import { msg, type Msg } from '../i18n/index.js';
import { JsonStore, type StoreOptions } from '../storage/json-store.js';
import { dataFile } from '../storage/paths.js';
import { compactLog } from './log-compaction.js';

// Dates ts-fsrs can add 100 years of days to without leaving the Date range (year 275760 crashed every session).
const MIN_TIME = Date.UTC(1970, 0, 1);
const MAX_TIME = Date.UTC(2400, 0, 1);
const isoDate = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'not a date'));
const cardDate = z.string().check(z.refine((s) => Date.parse(s) >= MIN_TIME && Date.parse(s) < MAX_TIME, 'not a date between 1970 and 2400'));
const count = z.int().check(z.minimum(0), z.maximum(1e9));
const days = z.number().check(z.refine(Number.isFinite, 'not finite'), z.minimum(0), z.maximum(1e7));

// The ranges ts-fsrs works in (node_modules/ts-fsrs: difficulty clamped to [1, 10], stability to
// [S_MIN = 0.001, S_MAX = 36500]; anything below throws "Invalid memory state"). A New card is all zeros.
const cardSchema = z
  .object({
    due: cardDate,
    stability: z.number().check(z.refine(Number.isFinite, 'not finite'), z.minimum(0), z.maximum(36500)),
    difficulty: z.number().check(z.refine(Number.isFinite, 'not finite'), z.minimum(0), z.maximum(10)),
    elapsed_days: days,
    scheduled_days: days,
    learning_steps: z.int().check(z.minimum(0), z.maximum(1000)),
    reps: count,
    lapses: count,
    state: z.int().check(z.minimum(0), z.maximum(3)),
    last_review: z.optional(cardDate),
  })
  .check(
    // Either no memory yet (a fresh card: both 0) or a memory ts-fsrs accepts; anything between throws in ts-fsrs.
    z.refine((c) => (c.difficulty === 0 && c.stability === 0) || (c.difficulty >= 1 && c.stability >= 0.001), 'difficulty 1–10 and stability ≥ 0.001, or both 0 for a fresh card'),
  );

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

/** [answers, right] */
const dayCount = z.tuple([count, count]).check(z.refine(([n, ok]) => ok <= n, 'more right than answered'));

export const quizSchema = z.object({
  version: z.literal(2),
  cards: z.record(z.string(), cardSchema),
  log: z.array(logSchema),
  /** Answers older than the log keeps, counted per UTC day (YYYY-MM-DD) and topic. */
  daily: z.record(z.string(), z.record(z.string(), dayCount)),
});

export type QuizState = z.infer<typeof quizSchema>;
export type StoredCard = z.infer<typeof cardSchema>;
export type LogEntry = z.infer<typeof logSchema>;

export function emptyQuizState(): QuizState {
  return { version: 2, cards: {}, log: [], daily: {} };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Migrates version 1 and resets, one by one, cards ts-fsrs could not schedule. */
export function prepareQuizJson(json: unknown): { json: unknown; notes: Msg[] } {
  if (!isRecord(json)) return { json, notes: [] };
  let out: Record<string, unknown> = json;
  if (out.version === 1 && out.daily === undefined) out = { ...out, version: 2, daily: {} };
  const notes: Msg[] = [];
  if (isRecord(out.cards)) {
    const cards: Record<string, unknown> = {};
    for (const [id, card] of Object.entries(out.cards)) {
      const r = cardSchema.safeParse(card);
      if (r.success) {
        cards[id] = card;
        continue;
      }
      const issue = r.error.issues[0];
      const where = issue?.path.join('.') || 'card';
      notes.push(
        msg(
          `The saved card for ${id} had impossible numbers (${where}: ${issue?.message ?? 'invalid'}); that card starts over, the rest of your record is kept.`,
          `${id} 的已存卡片数值不可能成立（${where}：${issue?.message ?? '无效'}）；这张卡片重新开始，其余记录都保留。`,
        ),
      );
    }
    out = { ...out, cards };
  }
  return { json: out, notes };
}

export const quizStoreOptions: StoreOptions<QuizState> = { prepare: prepareQuizJson, normalize: compactLog };

export function quizStore(env: NodeJS.ProcessEnv = process.env, extra: StoreOptions<QuizState> = {}): JsonStore<QuizState> {
  return new JsonStore(dataFile('quiz.json', env), quizSchema, emptyQuizState, { ...quizStoreOptions, ...extra });
}

/** Every answer on record: the counted old ones and the logged recent ones. */
export function answerCount(s: QuizState): number {
  let n = s.log.length;
  for (const topics of Object.values(s.daily)) for (const [k] of Object.values(topics)) n += k;
  return n;
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
