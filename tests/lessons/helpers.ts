/** Shared by the per-topic lesson tests: print a lesson as --plain does, its live formulas, the linter filter. */
import { lessonBlocks } from '../../src/lessons/render.js';
import type { Lesson, LiveFormula } from '../../src/lessons/types.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

/** Per-topic tests lint only their own lessons: the others' ids are "missing" there. */
export const notMissing = (p: string) => !/required lesson is missing/.test(p);

/** The lesson as `nnlearn lesson ID --plain` prints it, without colour. */
export async function plainLesson(lesson: Lesson, lang: 'en' | 'zh', opts: { seed?: number; width?: number } = {}): Promise<string> {
  const o = { lang, width: opts.width ?? 80, theme: makeTheme(0), seed: opts.seed ?? 1 };
  return renderBlocks(await lessonBlocks(lesson, o), o).join('\n');
}

export function formulas(lesson: Lesson): LiveFormula[] {
  return lesson.steps.flatMap((s) => (s.kind === 'formula' ? [s.formula] : []));
}
