/**
 * The content linter (rustlings-style): checks every lesson the way a
 * student would meet it, headless. Returns problems as text; the test suite
 * fails on any.
 */
import stringWidth from '../view/width.js';
import { isMsg, type Lang } from '../i18n/index.js';
import { allSpecs } from '../repl/commands/index.js';
import { parseLine } from '../repl/parser.js';
import { renderBlocks } from '../view/render-text.js';
import { makeTheme } from '../view/style.js';
import { REQUIRED_IDS } from './catalog.js';
import { checkAnswerBlocks, stepBlocks } from './render.js';
import { textOf, type Lesson } from './types.js';

const HAN = /[\u4e00-\u9fff]/;

function checkMsg(where: string, m: unknown, problems: string[]): void {
  if (!isMsg(m)) {
    problems.push(`${where}: not a bilingual message`);
    return;
  }
  if (!m.en.trim()) problems.push(`${where}: English text is empty`);
  if (!m.zh.trim()) problems.push(`${where}: Chinese text is empty`);
  // Identical prose in both slots means the translation was never written (formulas and numbers may match).
  else if (m.zh === m.en && /[A-Za-z]{3,}\s+[A-Za-z]{3,}\s+[A-Za-z]{3,}/.test(m.en)) {
    problems.push(`${where}: the Chinese text is the English text`);
  }
}

/**
 * The shape every lesson shares, so a student meets the same rhythm in each:
 * enough steps to teach, few enough to finish in one sitting, prose, a picture,
 * something computed, a question and a REPL line to try.
 */
export const LESSON_SHAPE = { minSteps: 6, maxSteps: 12, minTexts: 2, needs: ['diagram', 'demo', 'check', 'try'], minOptions: 3 } as const;

/** An experiment's id as the registry spells them (what she types after `nnlearn experiment`). */
const EXPERIMENT_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

function checkShape(l: Lesson, problems: string[]): void {
  // A link to an experiment teaches nothing by itself: it does not count against the lesson's length.
  const kinds = l.steps.map((s) => s.kind).filter((k) => k !== 'experiment');
  const { minSteps, maxSteps, minTexts, needs } = LESSON_SHAPE;
  if (kinds.length < minSteps || kinds.length > maxSteps) problems.push(`${l.id}: ${kinds.length} steps (a lesson has ${minSteps} to ${maxSteps})`);
  const texts = kinds.filter((k) => k === 'text').length;
  if (texts < minTexts) problems.push(`${l.id}: ${texts} text steps (at least ${minTexts})`);
  // "no check question" is reported below with the other check rules.
  for (const k of needs) if (k !== 'check' && !kinds.includes(k)) problems.push(`${l.id}: no ${k} step`);
}

export async function lintLessons(lessons: readonly Lesson[], opts: { width?: number; seeds?: number[] } = {}): Promise<string[]> {
  const problems: string[] = [];
  const width = opts.width ?? 80;
  const ids = new Set<string>();
  for (const l of lessons) {
    if (ids.has(l.id)) problems.push(`${l.id}: duplicate id`);
    ids.add(l.id);
  }
  for (const id of REQUIRED_IDS) if (!ids.has(id)) problems.push(`${id}: required lesson is missing`);
  const theme = makeTheme(0);
  for (const l of lessons) {
    checkMsg(`${l.id} title`, l.title, problems);
    checkMsg(`${l.id} summary`, l.summary, problems);
    if (l.steps.length === 0) problems.push(`${l.id}: no steps`);
    else checkShape(l, problems);
    if (!l.steps.some((s) => s.kind === 'check')) problems.push(`${l.id}: no check question`);
    for (const [i, step] of l.steps.entries()) {
      const where = `${l.id} step ${i + 1} (${step.kind})`;
      if (step.title) checkMsg(`${where} title`, step.title, problems);
      for (const lang of ['en', 'zh'] as Lang[]) {
        for (const seed of opts.seeds ?? [1, 2]) {
          const env = { lang, seed };
          try {
            if (step.kind === 'text') checkMsg(where, textOf(step.body, env), problems);
            if (step.kind === 'check') {
              checkMsg(`${where} question`, textOf(step.check.question, env), problems);
              step.check.options.forEach((o, k) => checkMsg(`${where} option ${k}`, o, problems));
              checkMsg(`${where} explanation`, step.check.explain, problems);
              if (!Number.isInteger(step.check.answer) || step.check.answer < 0 || step.check.answer >= step.check.options.length) {
                problems.push(`${where}: answer ${step.check.answer} is not one of its ${step.check.options.length} options`);
              }
              if (step.check.options.length < LESSON_SHAPE.minOptions) problems.push(`${where}: ${step.check.options.length} options (at least ${LESSON_SHAPE.minOptions})`);
              for (const k of Object.keys(step.check.wrong ?? {})) {
                if (Number(k) === step.check.answer) problems.push(`${where}: the right answer has a "wrong" explanation`);
              }
            }
            if (step.kind === 'experiment') {
              if (typeof step.id !== 'string' || !EXPERIMENT_ID.test(step.id)) problems.push(`${where}: ${JSON.stringify(step.id)} is not an experiment id (kebab case: rnn-vs-lstm)`);
              if (step.note !== undefined) checkMsg(`${where} note`, textOf(step.note, env), problems);
            }
            if (step.kind === 'try') {
              const parsed = parseLine(step.command, allSpecs());
              if (parsed.kind !== 'command') problems.push(`${where}: "${step.command}" does not parse as a REPL command (${parsed.kind === 'error' ? parsed.error.en : parsed.kind})`);
            }
            const blocks = await stepBlocks(step, { lang, width, theme, seed });
            if (step.kind === 'check') blocks.push(...checkAnswerBlocks(step, step.check.answer === 0 ? 1 : 0));
            const lines = renderBlocks(blocks, { lang, width, theme });
            for (const line of lines) {
              if (stringWidth(line) > width) {
                problems.push(`${where} [${lang}]: a line is ${stringWidth(line)} columns wide (max ${width}): ${line.slice(0, 60)}…`);
                break;
              }
            }
            if (lang === 'zh' && (step.kind === 'text' || step.kind === 'check') && !HAN.test(lines.join(''))) {
              problems.push(`${where} [zh]: no Chinese text`);
            }
          } catch (e) {
            problems.push(`${where} [${lang}, seed ${seed}]: threw ${(e as Error)?.stack ?? e}`);
          }
        }
      }
    }
  }
  return problems;
}
