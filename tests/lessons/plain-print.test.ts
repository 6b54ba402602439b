/**
 * `lesson ID --plain` prints the lesson for reading: no key instructions
 * ("Press r…", "Change the numbers…") that only the lesson screen can honour.
 */
import { describe, expect, it } from 'vitest';
import { LESSON_INDEX, loadLesson } from '../../src/lessons/catalog.js';
import { forPrint, lessonBlocks } from '../../src/lessons/render.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const INTERACTIVE = /[Pp]ress r\b|[Cc]hange the numbers|[Cc]hange them\.|[Cc]hange pos|按 r\b|改一改这些数|改改下面|改改看|试着改变/;

describe('plain lesson output', () => {
  it('rewrites the screen instructions as statements', () => {
    expect(forPrint({ en: 'The engine does it. Press r for new numbers.', zh: '引擎计算。按 r 换一组数。' })).toEqual({ en: 'The engine does it.', zh: '引擎计算。' });
    expect(forPrint('a random table (press r for another), the positions')).toBe('a random table, the positions');
    expect(forPrint('so ReLU changed nothing; press r for other numbers and watch.')).toBe('so ReLU changed nothing.');
    expect(forPrint('Change the numbers and watch h: it always stays between 0 and 1.')).toBe('h always stays between 0 and 1.');
  });

  it('cnn/stride-padding marks never-read cells with a · its label explains, not *stars* (which mean winners)', async () => {
    const info = LESSON_INDEX.find((l) => l.id === 'cnn/stride-padding')!;
    const lesson = await loadLesson(info);
    const theme = makeTheme(0);
    for (const lang of ['en', 'zh'] as const) {
      const text = renderBlocks(await lessonBlocks(lesson, { lang, width: 80, theme }), { lang, width: 80, theme }).join('\n');
      expect(text).not.toMatch(/\*\d+\*/);
      expect(text).not.toMatch(/starred|带星号|\*never read\*/);
      expect(text).toContain(lang === 'en' ? '(· after a number = never read)' : '（数字后的 · = 从未被读取）');
      expect(text).toMatch(/\d·/);
    }
  });

  it('no lesson, in either language, tells a reader of --plain to press a key or change numbers', async () => {
    const theme = makeTheme(0);
    for (const info of LESSON_INDEX) {
      const lesson = await loadLesson(info);
      for (const lang of ['en', 'zh'] as const) {
        const text = renderBlocks(await lessonBlocks(lesson, { lang, width: 80, theme }), { lang, width: 100000, theme }).join('\n');
        const hit = text.split('\n').find((l) => INTERACTIVE.test(l));
        expect(hit, `${info.id} (${lang})`).toBeUndefined();
      }
    }
  }, 120000);
});
