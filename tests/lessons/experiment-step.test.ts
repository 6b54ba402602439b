/** The lesson step that links an experiment: rendered with and without the caller's resolver, and linted. */
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { lintLessons } from '../../src/lessons/lint.js';
import { lessonBlocks, stepBlocks } from '../../src/lessons/render.js';
import type { ExperimentLink, Lesson, Step } from '../../src/lessons/types.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';
import { LESSONS } from '../../src/lessons/all.js';

const theme = makeTheme(0);
const link: ExperimentLink = { id: 'rnn-vs-lstm', title: msg('LSTM remembers, RNN forgets', 'LSTM 记得住，RNN 记不住'), claim: msg('An LSTM carries a token across 40 steps; an RNN does not.', 'LSTM 能把一个记号带过 40 步；RNN 不能。') };
const resolve = (id: string) => (id === link.id ? link : undefined);
const text = async (step: Step, lang: 'en' | 'zh', o: { experiment?: typeof resolve; experimentKey?: string } = {}) =>
  renderBlocks(await stepBlocks(step, { lang, width: 80, theme, ...o }), { lang, width: 80, theme }).join('\n');

describe('experiment step', () => {
  const step: Step = { kind: 'experiment', id: 'rnn-vs-lstm', note: msg('Watch the two curves part.', '看两条曲线分开。') };

  it('shows the experiment’s title and claim (resolved by the caller), the note and how to run it', async () => {
    const en = await text(step, 'en', { experiment: resolve });
    expect(en).toContain('Experiment: LSTM remembers, RNN forgets');
    expect(en).toContain('An LSTM carries a token across 40 steps');
    expect(en).toContain('Watch the two curves part.');
    expect(en).toContain('nnlearn experiment rnn-vs-lstm');
    expect(en).not.toContain('press x');
    const zh = await text(step, 'zh', { experiment: resolve });
    expect(zh).toContain('实验：LSTM 记得住，RNN 记不住');
    expect(zh).toContain('nnlearn experiment rnn-vs-lstm');
  });

  it('without a resolver (or for an id it does not know) shows the id and the command', async () => {
    const en = await text(step, 'en');
    expect(en).toContain('Experiment: rnn-vs-lstm');
    expect(en).toContain('nnlearn experiment rnn-vs-lstm');
    expect(await text({ kind: 'experiment', id: 'pooling' }, 'en', { experiment: resolve })).toContain('Experiment: pooling');
  });

  it('on the lesson screen names the key that runs it there', async () => {
    expect(await text(step, 'en', { experiment: resolve, experimentKey: 'x' })).toContain('press x to run it here');
    expect(await text(step, 'zh', { experiment: resolve, experimentKey: 'x' })).toContain('按 x 在这里运行');
  });

  it('--plain (lessonBlocks) passes the resolver through', async () => {
    const dnn = LESSONS.find((l) => l.id === 'dnn')!;
    const plain = renderBlocks(await lessonBlocks(dnn, { lang: 'en', width: 80, theme, experiment: (id) => (id === 'no-nonlinearity' ? { id, title: msg('Stacked', '堆叠'), claim: msg('One map.', '一个映射。') } : undefined) }), { lang: 'en', width: 80, theme }).join('\n');
    expect(plain).toContain('Experiment: Stacked');
    expect(plain).toContain('nnlearn experiment no-nonlinearity');
  });

  it('the linter checks its shape: a kebab-case id, a bilingual note; it does not count against the lesson’s length', async () => {
    const base = LESSONS.find((l) => l.id === 'dnn')!;
    const bad: Lesson = { ...base, steps: [...base.steps, { kind: 'experiment', id: 'Bad Id' }, { kind: 'experiment', id: 'ok-id', note: msg('A note.', '') }] };
    const problems = (await lintLessons([bad], { seeds: [1] })).join('\n');
    expect(problems).toMatch(/dnn step 14 \(experiment\): "Bad Id" is not an experiment id/);
    expect(problems).toMatch(/dnn step 15 \(experiment\) note: Chinese text is empty/);
    expect(problems).not.toMatch(/steps \(a lesson has/);
  });
});
