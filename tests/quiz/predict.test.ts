/** "Predict the outcome": one choice item per experiment, from its `predict`, asked, graded and scheduled like the bank's. */
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import type { ExperimentDef } from '../../src/experiments/types.js';
import { choiceShuffle, grade, LETTERS } from '../../src/quiz/grade.js';
import { ITEMS } from '../../src/quiz/items.js';
import { planStudy } from '../../src/quiz/plan.js';
import { PREDICTIONS, predictionQuestion } from '../../src/quiz/predict.js';
import { questionBlocks, solutionBlocks } from '../../src/quiz/present.js';
import { emptyQuizState } from '../../src/quiz/state.js';
import type { Question } from '../../src/quiz/types.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const theme = makeTheme(0);
const text = (blocks: Parameters<typeof renderBlocks>[0], lang: 'en' | 'zh' = 'en') => renderBlocks(blocks, { lang, width: 100, theme }).join('\n');
type Choice = Extract<Question, { kind: 'choice' }>;

const fake: ExperimentDef = {
  ...EXPERIMENTS[0],
  id: 'fake-experiment',
  topic: 'rnn',
  lesson: 'rnn/long-term',
  predict: {
    question: msg('Which remembers 40 steps back?', '哪个能记住 40 步之前？'),
    choices: [msg('the RNN', 'RNN'), msg('the LSTM', 'LSTM'), msg('neither', '都不能')],
    answer: 1,
    why: msg('The cell state is carried by addition.', '单元状态靠加法传递。'),
  },
};

describe('experiment predictions in the quiz', () => {
  it('one item per registered experiment, with a stable id experiment/<id>, in ITEMS', () => {
    expect(PREDICTIONS.map((q) => q.id)).toEqual(EXPERIMENTS.map((e) => `experiment/${e.id}`));
    for (const e of EXPERIMENTS) {
      const item = ITEMS.find((it) => it.id === `experiment/${e.id}`);
      expect(item, e.id).toBeDefined();
      expect(item!.topic).toBe(e.topic);
      expect(item!.lesson).toBe(e.lesson);
      expect(item!.kind).toBe('choice');
    }
    expect(new Set(ITEMS.map((it) => it.id)).size).toBe(ITEMS.length);
  });

  it('is the experiment’s predict as a multiple-choice question', () => {
    const q = predictionQuestion(fake) as Choice;
    expect(q).toMatchObject({ kind: 'choice', id: 'experiment/fake-experiment', topic: 'rnn', lesson: 'rnn/long-term', answer: 1, taught: 'rnn/long-term#experiment-fake-experiment' });
    expect(q.options).toEqual(fake.predict.choices);
    expect(q.prompt.en).toContain('Which remembers 40 steps back?');
    expect(q.prompt.zh).toContain('哪个能记住 40 步之前？');
  });

  it('is graded like any choice: the answer’s letter is right, another is wrong; the solution shows why and the command', async () => {
    const q = predictionQuestion(fake) as Choice;
    for (const seed of [1, 2, 3]) {
      const shown = choiceShuffle(q, seed);
      const right = LETTERS[shown.indexOf(q.answer)];
      const wrong = LETTERS[shown.indexOf((q.answer + 1) % 3)];
      expect((await grade(q, right, seed)).outcome).toBe('right');
      const g = await grade(q, wrong, seed);
      expect(g.outcome).toBe('wrong');
      const en = text(solutionBlocks(q, g, { seed, now: new Date(0), lang: 'en' }));
      expect(en).toContain('The cell state is carried by addition.');
      expect(en).toContain('nnlearn experiment fake-experiment');
      const zh = text(solutionBlocks(q, g, { seed, now: new Date(0), lang: 'zh' }), 'zh');
      expect(zh).toContain('单元状态靠加法传递。');
      expect(zh).toContain('nnlearn experiment fake-experiment');
    }
    const asked = text(questionBlocks(q, { index: 0, total: 1, seed: 1 }));
    for (const c of fake.predict.choices) expect(asked).toContain(c.en);
  });

  it('each registered prediction: its answer is one of its choices, and grading it is right', async () => {
    for (const q of PREDICTIONS as Choice[]) {
      expect(q.answer, q.id).toBeGreaterThanOrEqual(0);
      expect(q.answer, q.id).toBeLessThan(q.options.length);
      expect((await grade(q, LETTERS[choiceShuffle(q, 1).indexOf(q.answer)], 1)).outcome).toBe('right');
    }
  });

  it('sits with its lesson’s questions (after the last of them), so the plan asks it with that lesson', () => {
    for (const e of EXPERIMENTS) {
      const at = ITEMS.findIndex((it) => it.id === `experiment/${e.id}`);
      const sameLesson = ITEMS.map((it, i) => (it.lesson === e.lesson && !it.id.startsWith('gen/') && !it.id.startsWith('experiment/') ? i : -1)).filter((i) => i >= 0);
      // Two experiments of one lesson (rnn/gradients) follow its questions one after the other, in the registry's order.
      const before = EXPERIMENTS.slice(0, EXPERIMENTS.indexOf(e)).filter((o) => o.lesson === e.lesson).length;
      if (sameLesson.length) expect(at, e.id).toBe(Math.max(...sameLesson) + 1 + before);
    }
  });

  it('is scheduled as a new card, then by its id once answered', () => {
    const id = PREDICTIONS[0].id;
    const fresh = planStudy(ITEMS, emptyQuizState(), { now: new Date('2026-12-01T00:00:00Z'), count: ITEMS.length, seed: 1 });
    expect(fresh.queue.map((it) => it.id)).toContain(id);
    const state = emptyQuizState();
    state.cards[id] = { due: '2026-11-30T00:00:00.000Z', stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: '2026-11-29T00:00:00.000Z' };
    const { queue, due } = planStudy(ITEMS, state, { now: new Date('2026-12-01T00:00:00Z'), count: 3, seed: 1 });
    expect(due).toBe(1);
    expect(queue[0].id).toBe(id);
  });
});
