/**
 * The quiz session and scheduler in-process: "I don't know" and misses come
 * back sooner than right answers, an exam records at the end, the --minutes
 * limit stops an exam, dates survive JSON, and a clock that moved backwards
 * neither crashes the scheduler nor the session.
 */
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { createEmptyCard, Rating, TypeConvert, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { grade, LETTERS, choiceShuffle, orderShuffle } from '../../src/quiz/grade.js';
import { ITEMS, type QuizItem } from '../../src/quiz/items.js';
import { runPlainQuiz } from '../../src/cli/actions/quiz-plain.js';
import { applyAnswer, review } from '../../src/quiz/scheduler.js';
import { QuizSession, type SessionOptions } from '../../src/quiz/session.js';
import { emptyQuizState, fromCard, quizSchema, quizStore, toCard, type QuizState } from '../../src/quiz/state.js';
import type { Question } from '../../src/quiz/types.js';
import { makeTheme } from '../../src/view/style.js';

const T = new Date('2025-03-01T12:00:00.000Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const home = () => mkdtempSync(join(tmpdir(), 'nnlearn-session-'));
const storeIn = (dir: string) => quizStore({ NNLEARN_HOME: dir });
const item = (id: string): QuizItem => {
  const it = ITEMS.find((x) => x.id === id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};

/** A line graded right for this question (checked, so a change in the bank fails loudly here). */
async function rightLine(q: Question, seed: number): Promise<string> {
  let line: string;
  switch (q.kind) {
    case 'choice':
      line = LETTERS[choiceShuffle(q, seed).indexOf(q.answer)];
      break;
    case 'numeric':
      line = Array.isArray(q.answer) ? q.answer.join('x') : String(q.answer);
      break;
    case 'formula':
      line = q.answer;
      break;
    case 'truefalse':
      line = q.answer ? 't' : 'f';
      break;
    case 'order': {
      const shown = orderShuffle(q, seed);
      line = q.items.map((_, k) => LETTERS[shown.indexOf(k)]).join(' ');
    }
  }
  expect((await grade(q, line, seed)).outcome, `${q.id}: ${line}`).toBe('right');
  return line;
}

/** A line graded wrong (not invalid) for this question. */
function wrongLine(q: Question, seed: number): string {
  switch (q.kind) {
    case 'choice':
      return LETTERS[choiceShuffle(q, seed).findIndex((k) => k !== q.answer)];
    case 'numeric':
      return Array.isArray(q.answer) ? q.answer.map((v) => v + 1).join('x') : String(q.answer + 1 + Math.abs(q.answer) + 10 * (q.tolerance ?? 0));
    case 'formula':
      return `(${q.answer}) + 1`;
    case 'truefalse':
      return q.answer ? 'f' : 't';
    case 'order':
      return LETTERS.slice(0, q.items.length).split('').join(' '); // the shown order, never the right one
  }
}

function session(o: Partial<SessionOptions> & { items: QuizItem[]; store: SessionOptions['store'] }, state: QuizState = emptyQuizState()) {
  return new QuizSession({ mode: 'study', count: 10, seed: 1, lang: 'en', ...o }, state);
}

describe('"I don\'t know" schedules the card sooner than a right answer', () => {
  it('for a new card', async () => {
    const it = item('cnn/pooling/output-formula');
    const dunno = session({ items: [it], store: storeIn(home()), now: () => T });
    const right = session({ items: [it], store: storeIn(home()), now: () => T });
    const a = await dunno.answer(0, await dunno.grade(0, '?'), 5);
    const b = await right.answer(0, await right.grade(0, await rightLine(right.question(0), right.seedFor(0))), 5);
    expect(a.graded.outcome).toBe('dontknow');
    expect(a.correct).toBeNull();
    expect(b.correct).toBe(true);
    expect(a.next!.getTime()).toBeGreaterThan(T.getTime());
    expect(a.next!.getTime()).toBeLessThan(b.next!.getTime());
    // Both were saved as they were given.
    expect((await dunno.o.store.load()).value.log.map((e) => [e.correct, e.rating])).toEqual([[null, Rating.Again]]);
    expect((await right.o.store.load()).value.log.map((e) => [e.correct, e.rating])).toEqual([[true, Rating.Good]]);
  });

  it('for a card that has been remembered for weeks (and a wrong answer is no better than "?")', async () => {
    const it = item('dnn/sigmoid-range');
    // Reviewed right four times, days apart: a card in the Review state.
    let state = emptyQuizState();
    for (const d of [0, 1, 4, 12]) state = applyAnswer(state, { id: it.id, topic: it.topic, correct: true, rating: Rating.Good, seconds: 3, mode: 'study', at: new Date(T.getTime() + d * DAY) });
    const dueAt = new Date(state.cards[it.id].due);
    expect(dueAt.getTime() - T.getTime()).toBeGreaterThan(20 * DAY);
    const now = () => dueAt;
    const next = async (line: string) => {
      const store = storeIn(home());
      await store.update(() => state); // answers are applied to the state on disk
      const s = session({ items: [it], store, now }, state);
      expect(s.queue.map((x) => x.id)).toEqual([it.id]);
      return (await s.answer(0, await s.grade(0, line), 4)).next!.getTime();
    };
    // The options are shown shuffled per session: read the letters off the same session.
    const q = session({ items: [it], store: storeIn(home()), now }, state);
    const right = await next(await rightLine(q.question(0), q.seedFor(0)));
    const dunno = await next('?');
    const wrong = await next(wrongLine(q.question(0), q.seedFor(0)));
    expect(dunno).toBeLessThan(right);
    expect(wrong).toBeLessThan(right);
    expect(dunno).toBeLessThanOrEqual(dueAt.getTime() + DAY);
    expect(right).toBeGreaterThan(dueAt.getTime() + 2 * DAY);
  });
});

describe('exam', () => {
  it('saves each answer as it is given (a kill keeps them) and schedules the misses sooner than the hits', async () => {
    const dir = home();
    const store = storeIn(dir);
    const s = new QuizSession({ mode: 'exam', items: [...ITEMS], count: 5, seed: 11, lang: 'en', store, now: () => T }, emptyQuizState());
    expect(s.queue).toHaveLength(5);
    expect(new Set(s.queue.map((x) => x.topic)).size).toBe(5); // round-robin: one per topic
    const plan: ('right' | 'wrong' | '?')[] = ['right', '?', 'right', 'wrong', 'right'];
    for (let i = 0; i < 5; i++) {
      const q = s.question(i);
      const line = plan[i] === 'right' ? await rightLine(q, s.seedFor(i)) : plan[i] === '?' ? '?' : wrongLine(q, s.seedFor(i));
      const g = await s.grade(i, line);
      expect(g.outcome).toBe(plan[i] === '?' ? 'dontknow' : plan[i]);
      await s.answer(i, g, 10);
      expect((await store.load()).value.log).toHaveLength(i + 1);
    }
    await s.finishExam();
    const saved = (await store.load()).value;
    expect(quizSchema.safeParse(saved).success).toBe(true);
    expect(saved.log.map((e) => e.mode)).toEqual(['exam', 'exam', 'exam', 'exam', 'exam']);
    expect(saved.log.map((e) => e.correct)).toEqual([true, null, true, false, true]);
    const due = (i: number) => Date.parse(saved.cards[s.queue[i].id].due);
    const misses = [1, 3].map(due);
    const hits = [0, 2, 4].map(due);
    expect(Math.max(...misses)).toBeLessThan(Math.min(...hits));
    expect(s.results[1].next!.getTime()).toBe(due(1));
  });
});

/** Runs the plain quiz on in-memory streams; `feed` writes lines when the output shows something. */
function plainRun(s: QuizSession, minutes?: number) {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (d: Buffer) => (text += d.toString('utf8')));
  const done = runPlainQuiz(s, { lang: 'en', json: false, width: 80, theme: makeTheme(0), minutes, input, output });
  return { input, done, text: () => text };
}

describe('exam --minutes', () => {
  it('stops with "Time is up" while waiting for an answer, keeping the answers given', async () => {
    const store = storeIn(home());
    const s = new QuizSession({ mode: 'exam', items: [...ITEMS], count: 5, seed: 3, lang: 'en', store }, emptyQuizState());
    const run = plainRun(s, 0.005); // 300 ms
    run.input.write('?\n');
    // Resolving at all shows the clock ended the exam while it waited (no answer was coming).
    expect(await run.done).toBe(0);
    const out = run.text();
    expect(out).toContain('[1/5]');
    expect(out).toContain('[2/5]');
    expect(out).not.toContain('[3/5]');
    expect(out).toContain('Time is up.');
    expect(out.indexOf('Time is up.')).toBeLessThan(out.indexOf('Exam result'));
    expect(out).toMatch(/not reached/);
    const saved = (await store.load()).value;
    expect(saved.log).toHaveLength(1);
    expect(saved.log[0]).toMatchObject({ id: s.queue[0].id, mode: 'exam', correct: null });
  }, 10_000);

  it('a limit that is not reached lets every question be asked', async () => {
    const store = storeIn(home());
    const s = new QuizSession({ mode: 'exam', items: [...ITEMS], count: 3, seed: 4, lang: 'en', store }, emptyQuizState());
    const run = plainRun(s, 1);
    // The whole exam arrives at once; nothing is late, so all three are asked.
    run.input.end('?\n?\n?\n');
    await run.done;
    expect(run.text()).toContain('[3/3]');
    expect(run.text()).not.toContain('Time is up');
  });
});

describe('dates survive serialization', () => {
  it('a state round-tripped through JSON and TypeConvert keeps every due and last-review instant', async () => {
    const id = 'cnn/pooling/output-formula';
    let card: Card = createEmptyCard(T);
    let state = emptyQuizState();
    for (const [d, rating] of [[0, Rating.Good], [0.01, Rating.Good], [3, Rating.Hard], [10, Rating.Easy]] as const) {
      const at = new Date(T.getTime() + d * DAY);
      card = review(card, at, rating);
      state = applyAnswer(state, { id, topic: 'cnn', correct: true, rating, seconds: 2.345, mode: 'study', at });
    }
    const revived = quizSchema.parse(JSON.parse(JSON.stringify(state)));
    const back = toCard(revived.cards[id]);
    expect(back.due).toBeInstanceOf(Date);
    expect(back.due.getTime()).toBe(card.due.getTime());
    expect(TypeConvert.time(back.last_review!).getTime()).toBe(TypeConvert.time(card.last_review!).getTime());
    expect(back.stability).toBe(card.stability);
    // The revived card schedules exactly as the original would.
    const later = new Date(card.due.getTime() + DAY);
    expect(review(back, later, Rating.Good).due.getTime()).toBe(review(card, later, Rating.Good).due.getTime());
    // And through the store on disk.
    const store = storeIn(home());
    await store.update(() => state);
    const loaded = (await store.load()).value;
    expect(toCard(loaded.cards[id]).due.getTime()).toBe(card.due.getTime());
    expect(loaded.log.map((e) => Date.parse(e.at))).toEqual(state.log.map((e) => Date.parse(e.at)));
    expect(fromCard(toCard(loaded.cards[id]))).toEqual(loaded.cards[id]);
  });
});

describe('a clock that moved backwards', () => {
  const id = 'cnn/pooling/output-formula';
  const answer = (at: Date, rating: Rating.Again | Rating.Good = Rating.Good) => ({ id, topic: 'cnn', correct: rating === Rating.Good, rating, seconds: 1, mode: 'study' as const, at });

  it('applyAnswer with a date before the last review gives a valid card', () => {
    let state = emptyQuizState();
    state = applyAnswer(state, answer(T));
    state = applyAnswer(state, answer(new Date(T.getTime() + 2 * DAY)));
    const last = Date.parse(state.cards[id].last_review!);
    for (const [back, rating] of [[HOUR, Rating.Good], [5 * DAY, Rating.Again], [400 * DAY, Rating.Good]] as const) {
      const next = applyAnswer(state, answer(new Date(last - back), rating));
      expect(quizSchema.safeParse(next).success).toBe(true);
      const c = next.cards[id];
      expect(Number.isFinite(Date.parse(c.due))).toBe(true);
      expect(Date.parse(c.due)).toBeGreaterThanOrEqual(last);
      expect(c.reps).toBe(state.cards[id].reps + 1);
      expect(Number.isFinite(c.stability) && c.stability > 0).toBe(true);
      expect(Number.isFinite(c.difficulty)).toBe(true);
      expect(c.elapsed_days).toBeGreaterThanOrEqual(0);
      expect(next.log).toHaveLength(3);
    }
  });

  it('a session whose clock runs backwards keeps asking, recording and re-rating', async () => {
    const store = storeIn(home());
    const first = session({ items: [item(id)], store, now: () => T });
    await first.answer(0, await first.grade(0, '(W-F)/S+1'), 3);
    // The next session starts a day later (so the card is due), then the clock jumps back day by day.
    let calls = 0;
    const now = () => new Date(calls++ === 0 ? T.getTime() + DAY : T.getTime() - calls * DAY);
    const items = [item(id), item('dnn/sigmoid-range'), item('cnn/why-cnn/params-overfit')];
    const s = session({ items, store, now }, (await store.load()).value);
    expect(s.queue.map((x) => x.id)).toEqual(items.map((x) => x.id));
    expect(s.dueCount).toBe(1);
    const lines = ['1 + (W-F)/S', '?', 't'];
    for (let i = 0; i < 3; i++) {
      const r = await s.answer(i, await s.grade(i, lines[i]), 2);
      expect(r.next).toBeInstanceOf(Date);
      expect(Number.isFinite(r.next!.getTime())).toBe(true);
    }
    expect(await s.rerate(0, Rating.Easy)).toBeInstanceOf(Date);
    expect(await s.rerate(2, Rating.Hard)).toBeInstanceOf(Date);
    const saved = (await store.load()).value;
    expect(quizSchema.safeParse(saved).success).toBe(true);
    expect(saved.log).toHaveLength(4);
    expect(saved.log.map((e) => e.rating)).toEqual([Rating.Good, Rating.Easy, Rating.Again, Rating.Hard]);
    // The card answered "in the past" is not scheduled before its previous review.
    expect(Date.parse(saved.cards[id].due)).toBeGreaterThanOrEqual(Date.parse(saved.log[0].at));
    // And a new study session planned with a clock far in the past still works.
    const again = session({ items, store, now: () => new Date(T.getTime() - 365 * DAY) }, saved);
    expect(again.queue).toHaveLength(0);
  });
});
