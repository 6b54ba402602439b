/** Shared by the per-topic lesson tests: print a lesson as --plain does, its live formulas, a topic's ids. */
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import { lessonBlocks } from '../../src/lessons/render.js';
import type { Lesson, LiveFormula } from '../../src/lessons/types.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

/** A topic's lesson ids in teaching order, as the catalog lists them (the linter lints every lesson once, in lint.test.ts). */
export const topicIds = (topic: string): string[] => REQUIRED_IDS.filter((id) => id.split('/')[0] === topic);

/** The lesson as `nnlearn lesson ID --plain` prints it, without colour. */
export async function plainLesson(lesson: Lesson, lang: 'en' | 'zh', opts: { seed?: number; width?: number } = {}): Promise<string> {
  const o = { lang, width: opts.width ?? 80, theme: makeTheme(0), seed: opts.seed ?? 1 };
  return renderBlocks(await lessonBlocks(lesson, o), o).join('\n');
}

export function formulas(lesson: Lesson): LiveFormula[] {
  return lesson.steps.flatMap((s) => (s.kind === 'formula' ? [s.formula] : []));
}
