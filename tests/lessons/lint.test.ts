import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/all.js';
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import { lintLessons } from '../../src/lessons/lint.js';
import { msg } from '../../src/i18n/index.js';
import type { Lesson, Step } from '../../src/lessons/types.js';

describe('lesson content linter', () => {
  // The one linter run of the suite: every lesson, every rule, both widths. The topic
  // tests check their lessons' numbers and prose, not the rules again.
  it('every lesson passes: ids, shape, both languages, demos run headless, answers valid, REPL hints parse, 80 and 120 columns, several seeds', async () => {
    expect(await lintLessons(LESSONS, { seeds: [1, 2, 3, 4, 5] })).toEqual([]);
    expect(await lintLessons(LESSONS, { width: 120, seeds: [1, 2, 3, 7] })).toEqual([]);
  }, 120_000);

  it('the lessons are the catalog’s required ids, in teaching order', () => {
    expect(LESSONS.map((l) => l.id)).toEqual([...REQUIRED_IDS]);
  });

  it('catches a broken lesson (the linter can fail)', async () => {
    const bad: Lesson = {
      id: 'cnn/broken',
      topic: 'cnn',
      title: msg('Broken', ''),
      summary: msg('s', '摘要'),
      section: 'x',
      steps: [
        { kind: 'try', command: 'comv 32x32x3', note: msg('n', '注') },
        { kind: 'check', check: { question: msg('q', '问'), options: [msg('a', '甲'), msg('b', '乙')], answer: 2, explain: msg('e', '解') } },
        { kind: 'diagram', draw: () => ['─'.repeat(100)] },
        {
          kind: 'demo',
          title: msg('d', '演示'),
          run: () => {
            throw new Error('boom');
          },
        },
      ],
    };
    const problems = (await lintLessons([bad])).join('\n');
    expect(problems).toMatch(/Chinese text is empty/);
    expect(problems).toMatch(/does not parse/);
    expect(problems).toMatch(/answer 2 is not one of its 2 options/);
    expect(problems).toMatch(/columns wide/);
    expect(problems).toMatch(/threw Error: boom/);
    expect(problems).toMatch(/required lesson is missing/);
    // The shape every lesson shares.
    expect(problems).toMatch(/cnn\/broken: 4 steps \(a lesson has 6 to 12\)/);
    expect(problems).toMatch(/cnn\/broken: 0 text steps \(at least 2\)/);
    expect(problems).toMatch(/cnn\/broken step 2 \(check\): 2 options \(at least 3\)/);
  });

  it('catches a lesson that is all text: too long, and no diagram, demo, check or try', async () => {
    const text: Step = { kind: 'text', body: msg('Some words here.', '一些文字。') };
    const long: Lesson = { id: 'cnn/long', topic: 'cnn', title: msg('Long', '长'), summary: msg('s', '摘要'), section: 'x', steps: Array.from({ length: 13 }, () => text) };
    const problems = (await lintLessons([long])).join('\n');
    expect(problems).toMatch(/cnn\/long: 13 steps \(a lesson has 6 to 12\)/);
    for (const k of ['diagram', 'demo', 'try']) expect(problems).toMatch(new RegExp(`cnn/long: no ${k} step`));
    expect(problems).toMatch(/cnn\/long: no check question/);
    expect(problems).not.toMatch(/text steps/);
  });
});
