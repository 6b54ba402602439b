/**
 * Which new items a study session serves (issue #11): not the bank in
 * syllabus order (the first RNN item was #110, the first Transformer item
 * #156), but every topic within the first sessions, favouring the lessons
 * she has finished — and the same order for the same seed.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { finishedLessons } from '../../src/quiz/finished.js';
import { ITEMS } from '../../src/quiz/items.js';
import { interleaveNew, planStudy } from '../../src/quiz/plan.js';
import { QuizSession } from '../../src/quiz/session.js';
import { emptyQuizState, quizStore } from '../../src/quiz/state.js';
import { LESSONS } from '../../src/lessons/all.js';

const NOW = new Date('2026-12-01T09:00:00Z');
const TOPICS = ['dnn', 'cnn', 'rnn', 'lstm', 'transformer'];
const lessonsOf = (...topics: string[]) => LESSONS.filter((l) => topics.includes(l.topic)).map((l) => l.id);
const topicCounts = (items: readonly { topic: string }[]) => Object.fromEntries(TOPICS.map((t) => [t, items.filter((it) => it.topic === t).length]));

describe('new items are interleaved across topics', () => {
  it('a new student with no lessons done meets all 5 topics in her first 20 new items, for any seed', () => {
    for (const seed of [1, 2, 3, 42, 123456, 999_999]) {
      const { queue } = planStudy(ITEMS, emptyQuizState(), { now: NOW, count: 20, seed });
      const counts = topicCounts(queue);
      for (const t of TOPICS) expect(counts[t], `seed ${seed}: ${JSON.stringify(counts)}`).toBeGreaterThanOrEqual(3);
    }
  });

  it('even a first session of 10 has every topic', () => {
    const { queue } = planStudy(ITEMS, emptyQuizState(), { now: NOW, count: 10, seed: 7 });
    expect(new Set(queue.map((it) => it.topic)).size).toBe(5);
  });

  it('with the dnn and cnn lessons finished, those come first but the other topics still appear', () => {
    for (const seed of [1, 5, 77]) {
      const { queue } = planStudy(ITEMS, emptyQuizState(), { now: NOW, count: 20, seed, finished: lessonsOf('dnn', 'cnn') });
      const c = topicCounts(queue);
      expect(c.dnn + c.cnn, JSON.stringify(c)).toBeGreaterThan(c.rnn + c.lstm + c.transformer);
      for (const t of ['rnn', 'lstm', 'transformer']) expect(c[t], `${t}: ${JSON.stringify(c)}`).toBeGreaterThanOrEqual(1);
      expect(c.dnn, JSON.stringify(c)).toBeGreaterThanOrEqual(3);
    }
  });

  it('one finished lesson is favoured over the rest of its own topic', () => {
    const { queue } = planStudy(ITEMS, emptyQuizState(), { now: NOW, count: 12, seed: 3, finished: ['cnn/pooling'] });
    const pooling = queue.filter((it) => it.lesson === 'cnn/pooling').length;
    expect(pooling).toBeGreaterThanOrEqual(6);
  });

  it('the same seed gives the same order; another seed may lead with another topic', () => {
    const order = (seed: number) => planStudy(ITEMS, emptyQuizState(), { now: NOW, count: 30, seed }).queue.map((it) => it.id);
    expect(order(11)).toEqual(order(11));
    const leaders = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((s) => order(s)[0].split('/')[0]));
    expect(leaders.size).toBeGreaterThan(1);
  });

  it('within a topic the teaching order is kept, and every new item is served once', () => {
    const all = interleaveNew(ITEMS, { seed: 9, finished: lessonsOf('dnn') });
    expect(new Set(all.map((it) => it.id)).size).toBe(ITEMS.length);
    for (const t of TOPICS) {
      const served = all.filter((it) => it.topic === t && !it.id.startsWith('gen/')).map((it) => it.id);
      const bank = ITEMS.filter((it) => it.topic === t && !it.id.startsWith('gen/')).map((it) => it.id);
      expect(served).toEqual(bank.filter((id) => served.includes(id)));
    }
  });

  it('due cards still come before new ones', () => {
    const first = ITEMS.find((it) => it.topic === 'transformer')!;
    const state = emptyQuizState();
    state.cards[first.id] = { due: '2026-11-30T00:00:00.000Z', stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: '2026-11-29T00:00:00.000Z' };
    const { queue, due } = planStudy(ITEMS, state, { now: NOW, count: 5, seed: 1 });
    expect(due).toBe(1);
    expect(queue[0].id).toBe(first.id);
  });

  it('the session passes the seed and the finished lessons to the plan', () => {
    const s = new QuizSession(
      { mode: 'study', items: ITEMS, count: 20, seed: 5, lang: 'en', store: quizStore({ NNLEARN_HOME: '/nonexistent-nnlearn-test' }), now: () => NOW, finished: lessonsOf('dnn', 'cnn') },
      emptyQuizState(),
    );
    expect(s.queue.map((it) => it.id)).toEqual(planStudy(ITEMS, emptyQuizState(), { now: NOW, count: 20, seed: 5, finished: lessonsOf('dnn', 'cnn') }).queue.map((it) => it.id));
  });
});

describe('the finished lessons come from the lesson progress file', () => {
  it('reads the completed lessons and leaves the file as it was', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-plan-'));
    const file = join(home, 'lessons.json');
    const text = JSON.stringify({
      version: 1,
      last: 'cnn/conv',
      lessons: {
        dnn: { step: 9, completed: true, updatedAt: '2026-12-01T08:00:00.000Z' },
        'cnn/conv': { step: 2, completed: false, updatedAt: '2026-12-01T08:10:00.000Z' },
        'cnn/pooling': { step: 7, completed: true, updatedAt: '2026-12-01T08:20:00.000Z' },
      },
    });
    writeFileSync(file, text);
    expect((await finishedLessons({ NNLEARN_HOME: home })).sort()).toEqual(['cnn/pooling', 'dnn']);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });

  it('no progress file means no preference', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-plan-'));
    expect(await finishedLessons({ NNLEARN_HOME: home })).toEqual([]);
  });
});
