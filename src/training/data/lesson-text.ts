/**
 * The default corpus of a character model: nnlearn's own lesson text in one
 * language, as plain prose. Only the fixed text is taken (titles, bodies,
 * captions, questions and their explanations); text a lesson computes when it
 * is shown (numbers from the engine) and the demos' tables are left out, so
 * the corpus is the same on every machine. Backticks (the lessons' one piece
 * of markup, around REPL commands) are dropped.
 */
import { isMsg, type Lang } from '../../i18n/index.js';
import type { Lesson, Step } from '../../lessons/types.js';

/**
 * The lessons, with their demos and figures, are most of a megabyte of code
 * (~130 ms to load): only a text run needs their prose, so they are loaded on
 * demand, once, before such a run is built (start.ts, the tests).
 */
let lessons: readonly Lesson[] | undefined;

export async function loadLessonCorpus(): Promise<void> {
  lessons ??= (await import('../../lessons/all.js')).LESSONS;
}

function stepTexts(s: Step): unknown[] {
  const parts: unknown[] = [s.title];
  if (s.kind === 'text') parts.push(s.body);
  if (s.kind === 'formula' || s.kind === 'demo') parts.push(s.intro);
  if (s.kind === 'diagram') parts.push(s.caption);
  if (s.kind === 'try') parts.push(s.note);
  if (s.kind === 'check') parts.push(s.check.question, ...s.check.options, s.check.explain);
  return parts;
}

/** Markup a student's text would not have, made plain. */
export function plainLessonText(s: string): string {
  return s.replaceAll('\u0060', '').replace(/[ \t]+\n/g, '\n');
}

/** Every lesson's fixed prose in `lang`, paragraphs separated by a blank line. */
export function lessonText(lang: Lang): string {
  if (!lessons) throw new Error('lessonText() before loadLessonCorpus(): load the lessons first');
  const paragraphs: string[] = [];
  for (const lesson of lessons) {
    for (const part of [lesson.title, lesson.summary, ...lesson.steps.flatMap(stepTexts)]) {
      if (isMsg(part)) paragraphs.push(plainLessonText(part[lang]).trim());
    }
  }
  return paragraphs.filter((p) => p.length > 0).join('\n\n') + '\n';
}
