/**
 * The quiz file: a card with schema-valid but impossible numbers is reset on
 * its own (the rest kept, the student told) instead of crashing every session;
 * version 1 migrates; old answers fold into per-day counts with statistics
 * unchanged, so the file stays bounded.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ITEMS } from '../../src/quiz/items.js';
import { compactLog } from '../../src/quiz/log-compaction.js';
import { applyAnswer, Rating, review } from '../../src/quiz/scheduler.js';
import { QuizSession } from '../../src/quiz/session.js';
import { answerCount, emptyQuizState, prepareQuizJson, quizSchema, quizStore, toCard, fromCard, type LogEntry, type QuizState, type StoredCard } from '../../src/quiz/state.js';
import { computeStats } from '../../src/quiz/stats.js';
import { newDir } from './helpers.js';

const T = new Date('2025-03-01T12:00:00.000Z');
const DAY = 86_400_000;
const goodCard = (): StoredCard => fromCard(review(undefined, T, Rating.Good));

describe('a card with impossible numbers', () => {
  const cases: [string, Partial<StoredCard>][] = [
    ['difficulty 1e308', { difficulty: 1e308 }],
    ['negative stability', { stability: -1 }],
    ['stability 1e308 (NaN downstream)', { stability: 1e308 }],
    ['difficulty 0 on a reviewed card', { difficulty: 0 }],
    ['due in year 275760', { due: '+275760-09-13T00:00:00.000Z' }],
    ['scheduled_days 1e308', { scheduled_days: 1e308 }],
  ];
  for (const [name, bad] of cases) {
    it(`${name}: that card is reset, the others and the log kept, the student told, the file kept aside; the session answers it`, async () => {
      const home = newDir('nnlearn-cards-');
      const [a, b] = [ITEMS[0], ITEMS[1]];
      let s = emptyQuizState();
      s = applyAnswer(s, { id: a.id, topic: a.topic, correct: true, rating: Rating.Good, seconds: 1, mode: 'study', at: T });
      s = applyAnswer(s, { id: b.id, topic: b.topic, correct: false, rating: Rating.Again, seconds: 1, mode: 'study', at: T });
      const raw = JSON.stringify({ ...s, cards: { ...s.cards, [a.id]: { ...s.cards[a.id], ...bad } } });
      writeFileSync(join(home, 'quiz.json'), raw);
      const store = quizStore({ NNLEARN_HOME: home });
      const loaded = await store.load();
      expect(loaded.recovery?.partial?.[0].en).toMatch(new RegExp(`The saved card for ${a.id.replace(/[/.]/g, '\\$&')} had impossible numbers`));
      expect(loaded.recovery?.partial?.[0].zh).toMatch(/数值不可能成立/);
      expect(Object.keys(loaded.value.cards)).toEqual([b.id]);
      expect(loaded.value.log).toHaveLength(2);
      const aside = readdirSync(home).filter((f) => f.includes('.corrupt-'));
      expect(aside.map((f) => readFileSync(join(home, f), 'utf8'))).toEqual([raw]);
      // The session can answer that very item (it used to crash the first answer).
      const session = new QuizSession({ mode: 'study', items: [a], count: 1, seed: 1, lang: 'en', store, now: () => new Date(T.getTime() + DAY) }, loaded.value);
      const r = await session.answer(0, await session.grade(0, '?'), 2);
      expect(r.unsaved).toBeUndefined();
      expect(r.next).toBeInstanceOf(Date);
    });
  }

  it('any card the schema accepts can be reviewed without throwing, and the result is accepted again (fast-check)', () => {
    const num = fc.oneof(fc.double({ noNaN: true }), fc.double({ min: 0, max: 40_000, noNaN: true }), fc.integer({ min: 0, max: 20 }));
    fc.assert(
      fc.property(
        fc.record({
          due: fc.date({ min: new Date(-1e15), max: new Date(8e15), noInvalidDate: true }).map((d) => d.toISOString()),
          stability: num,
          difficulty: num,
          elapsed_days: num,
          scheduled_days: num,
          learning_steps: fc.integer({ min: 0, max: 5 }),
          reps: fc.integer({ min: 0, max: 100 }),
          lapses: fc.integer({ min: 0, max: 100 }),
          state: fc.integer({ min: 0, max: 3 }),
        }),
        fc.constantFrom(Rating.Again, Rating.Hard, Rating.Good, Rating.Easy),
        (card, rating) => {
          const kept = prepareQuizJson({ version: 2, cards: { x: card }, log: [], daily: {} }).json as QuizState;
          if (!kept.cards.x) return;
          const next = fromCard(review(toCard(kept.cards.x), T, rating));
          expect(prepareQuizJson({ version: 2, cards: { x: next }, log: [], daily: {} }).notes).toEqual([]);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('a good card is never reported', () => {
    expect(prepareQuizJson({ version: 2, cards: { x: goodCard() }, log: [], daily: {} }).notes).toEqual([]);
  });
});

describe('growth: old answers become per-day counts', () => {
  const topics = ['dnn', 'cnn', 'rnn', 'lstm', 'transformer'];
  const entry = fc.record({
    topic: fc.constantFrom(...topics),
    minutesAgo: fc.integer({ min: 0, max: 400 * 24 * 60 }),
    correct: fc.constantFrom(true, false, null),
  });

  const stateOf = (es: { topic: string; minutesAgo: number; correct: boolean | null }[], now: Date): QuizState => ({
    ...emptyQuizState(),
    log: es
      .map((e) => ({ ...e, at: new Date(now.getTime() - e.minutesAgo * 60_000).toISOString() }))
      .sort((x, y) => x.at.localeCompare(y.at))
      .map((e): LogEntry => ({ id: `${e.topic}/q`, topic: e.topic, at: e.at, rating: e.correct ? 3 : 1, correct: e.correct, seconds: 1, mode: 'study' })),
  });

  it('statistics are identical before and after compaction, for random logs, limits and later days (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 300 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 40 }), (es, keep, laterDays) => {
        const now = T;
        const s = stateOf(es, now);
        const compacted = compactLog(s, keep, keep);
        expect(compacted.log.length).toBeLessThanOrEqual(keep);
        expect(answerCount(compacted)).toBe(s.log.length);
        expect(quizSchema.safeParse(compacted).success).toBe(true);
        const later = new Date(now.getTime() + laterDays * DAY);
        expect(computeStats(ITEMS, compacted, now)).toEqual(computeStats(ITEMS, s, now));
        expect(computeStats(ITEMS, compacted, later)).toEqual(computeStats(ITEMS, s, later));
      }),
      { numRuns: 300 },
    );
  });

  it('the saved file stays bounded: 10,000 answers keep at most LOG_MAX in the log, and stats count all of them', async () => {
    const home = newDir('nnlearn-growth-');
    const store = quizStore({ NNLEARN_HOME: home });
    // Write a big version-1 file directly (as an old nnlearn left it), then answer once.
    const es = Array.from({ length: 10_000 }, (_, i) => ({ topic: topics[i % 5], minutesAgo: 10_000 - i, correct: i % 4 === 0 }));
    const big = stateOf(es, T);
    writeFileSync(store.path, JSON.stringify({ version: 1, cards: {}, log: big.log }));
    const before = computeStats(ITEMS, (await store.load()).value, T);
    expect(before.reviews).toBe(10_000);
    const it0 = ITEMS[0];
    await store.update((s) => applyAnswer(s, { id: it0.id, topic: it0.topic, correct: true, rating: Rating.Good, seconds: 1, mode: 'study', at: T }));
    const after = (await store.load()).value;
    expect(after.version).toBe(2);
    expect(after.log.length).toBeLessThanOrEqual(4000);
    expect(answerCount(after)).toBe(10_001);
    expect(computeStats(ITEMS, after, T).reviews).toBe(10_001);
  });
});
