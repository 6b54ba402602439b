import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/all.js';
import { lintLessons } from '../../src/lessons/lint.js';
import { msg } from '../../src/i18n/index.js';
import type { Lesson } from '../../src/lessons/types.js';

describe('lesson content linter', () => {
  it('every lesson passes: ids, both languages, demos run headless, answers valid, REPL hints parse, 80 columns', async () => {
    const problems = await lintLessons(LESSONS);
    expect(problems).toEqual([]);
  }, 120_000);

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
  });
});
