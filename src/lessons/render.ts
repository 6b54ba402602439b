/**
 * A lesson's steps as Blocks: the same view model the REPL prints, so
 * `--plain`, the Ink lesson screen and the linter all see the same content.
 */
import { msg, tr, type Lang } from '../i18n/index.js';
import type { Block, Cell } from '../view/blocks.js';
import type { Theme } from '../view/style.js';
import stringWidth from '../view/width.js';
import { evaluateFormula, fmtFormulaInput, fmtFormulaNumber } from './formula.js';
import { textOf, type CheckQuestion, type ExperimentLink, type Lesson, type LessonEnv, type Step } from './types.js';
import { hashString, shuffledIndices } from '../engine/shuffle.js';

export interface StepRenderOptions {
  lang: Lang;
  width: number;
  theme: Theme;
  seed?: number;
  /** Values the student typed into a live formula. */
  formulaValues?: Record<string, number>;
  /** The live formula's selected variable: marked in the formula and its row (the lesson screen only). */
  selectedVar?: string;
  /**
   * Resolves an experiment step's id to its title and claim (src/lessons cannot
   * import the experiments: the CLI and the lesson screen pass this in).
   * Without it, or for an id it does not know, the step shows the id and the command.
   */
  experiment?: (id: string) => ExperimentLink | undefined;
  /** The lesson screen: the key that opens the experiment there ("Press x to run it"). */
  experimentKey?: string;
}

const LETTERS = 'abcdefgh';

export function optionLetter(i: number): string {
  return LETTERS[i] ?? String(i + 1);
}

/**
 * The order a check question's options are shown in (shown[i] = index into
 * options): fixed per question, but not the authored order, where the right
 * answer tends to come first.
 */
export function checkShuffle(c: CheckQuestion): number[] {
  return shuffledIndices(c.options.length, hashString(c.options.map((o) => o.en).join('|')));
}

export async function stepBlocks(step: Step, o: StepRenderOptions): Promise<Block[]> {
  const env: LessonEnv = { lang: o.lang, seed: o.seed ?? 1 };
  const blocks: Block[] = [];
  if (step.title) blocks.push({ kind: 'title', text: step.title });
  switch (step.kind) {
    case 'text':
      blocks.push({ kind: 'text', text: textOf(step.body, env) });
      break;
    case 'formula': {
      if (step.intro) blocks.push({ kind: 'text', text: textOf(step.intro, env) });
      const f = step.formula;
      const r = await evaluateFormula(f, o.formulaValues, o.selectedVar);
      const shownExact = fmtFormulaNumber(r.exact);
      const rounded = f.result.round && r.exact !== r.result ? ` → ${f.result.round === 'floor' ? '⌊' : '⌈'}${shownExact}${f.result.round === 'floor' ? '⌋' : '⌉'} = ${fmtFormulaNumber(r.result)}` : '';
      // Below the result's minimum (an output size under 1) the number means nothing: show "—" and let the note explain.
      const meaningless = f.result.min !== undefined && r.result < f.result.min;
      blocks.push({ kind: 'formula', lines: [f.symbolic, `${r.substituted} = ${shownExact}${meaningless ? '' : rounded}`] });
      blocks.push({
        kind: 'facts',
        rows: [...f.vars.map((v) => ({ label: `${v.name}  ${tr(o.lang, v.label)}`, value: fmtFormulaInput(r.values[v.name]), selected: v.name === o.selectedVar })), { label: `${f.result.name}  ${tr(o.lang, f.result.label)}`, value: meaningless ? '—' : fmtFormulaNumber(r.result) }],
      });
      if (r.note) blocks.push({ kind: 'warning', text: r.note });
      break;
    }
    case 'diagram': {
      const caption: Block[] = step.caption ? [{ kind: 'text', text: textOf(step.caption, env), tone: 'muted' }] : [];
      // Blocks keep to the width by themselves.
      if ('blocks' in step) {
        blocks.push(...step.blocks(), ...caption);
        break;
      }
      const drawing = step.draw({ lang: o.lang, width: o.width, theme: o.theme });
      // A drawing wider than the terminal is cut at its edge: the caption (a plain description of it)
      // then comes first, so the step still says what the picture shows.
      const tooWide = drawing.some((l) => stringWidth(l) > o.width);
      if (tooWide) blocks.push(...caption, { kind: 'raw', lines: drawing });
      else blocks.push({ kind: 'raw', lines: drawing }, ...caption);
      break;
    }
    case 'demo':
      if (step.intro) blocks.push({ kind: 'text', text: textOf(step.intro, env) });
      blocks.push(...step.run(env));
      break;
    case 'check': {
      const c = step.check;
      blocks.push({ kind: 'text', text: textOf(c.question, env) });
      blocks.push({ kind: 'list', items: checkShuffle(c).map((k, i) => ({ en: `${optionLetter(i)}) ${c.options[k].en}`, zh: `${optionLetter(i)}) ${c.options[k].zh}` })) });
      break;
    }
    case 'try':
      blocks.push({ kind: 'text', text: msg('Try it in the REPL (nnlearn repl):', '在 REPL 里试试（nnlearn repl）：'), tone: 'muted' });
      blocks.push({ kind: 'code', lines: [step.command] });
      blocks.push({ kind: 'text', text: textOf(step.note, env) });
      break;
    case 'experiment':
      blocks.push(...experimentBlocks(step, o, env));
      break;
  }
  return blocks;
}

/** The command that runs a linked experiment. */
export function experimentCommand(id: string): string {
  return `nnlearn experiment ${id}`;
}

function experimentBlocks(step: Extract<Step, { kind: 'experiment' }>, o: StepRenderOptions, env: LessonEnv): Block[] {
  const link = o.experiment?.(step.id);
  const blocks: Block[] = [];
  // The step's own title, if any, is already out; else the experiment's.
  if (!step.title) blocks.push({ kind: 'title', text: link ? msg(`Experiment: ${link.title.en}`, `实验：${link.title.zh}`) : msg(`Experiment: ${step.id}`, `实验：${step.id}`) });
  if (link) blocks.push({ kind: 'text', text: link.claim });
  if (step.note) blocks.push({ kind: 'text', text: textOf(step.note, env) });
  blocks.push({ kind: 'text', tone: 'muted', text: msg('Small networks train side by side and the verdict is computed from their runs. Run it:', '几个小网络并排训练，结论由它们的运行结果算出。运行：') });
  blocks.push({ kind: 'code', lines: [experimentCommand(step.id)] });
  if (o.experimentKey) blocks.push({ kind: 'text', tone: 'muted', text: msg(`or press ${o.experimentKey} to run it here (the lesson comes back after).`, `或按 ${o.experimentKey} 在这里运行（之后回到本课）。`) });
  return blocks;
}

/** The answer and explanation of a check step, for --plain and after answering. */
export function checkAnswerBlocks(step: Extract<Step, { kind: 'check' }>, chosen?: number): Block[] {
  const c = step.check;
  const right = c.options[c.answer];
  const shown = checkShuffle(c);
  const letter = (k: number) => optionLetter(shown.indexOf(k));
  const blocks: Block[] = [];
  if (chosen !== undefined && chosen !== c.answer) {
    blocks.push({ kind: 'text', tone: 'error', text: msg(`Not quite: ${letter(chosen)}) is not it.`, `不对：${letter(chosen)}) 不是正确答案。`) });
    const why = c.wrong?.[chosen];
    if (why) blocks.push({ kind: 'text', text: why });
  } else if (chosen !== undefined) {
    blocks.push({ kind: 'text', tone: 'ok', text: msg('Right!', '答对了！') });
  }
  blocks.push({ kind: 'text', text: msg(`Answer: ${letter(c.answer)}) ${right.en}`, `答案：${letter(c.answer)}) ${right.zh}`), tone: chosen === undefined ? undefined : 'muted' });
  blocks.push({ kind: 'text', text: c.explain });
  return blocks;
}

/**
 * Printed text has no keys: the screen's instructions ("Press r for new
 * numbers", "Change the numbers and watch h") are dropped or rewritten as
 * statements, in both languages.
 */
const PRINT_REWRITES: readonly [RegExp, string][] = [
  [/\s*\(press r\b[^)]*\)/gi, ''],
  [/;\s*press r\b[^.]*\./gi, '.'],
  [/\s*Press r\b[^.]*\./g, ''],
  [/Change the numbers and watch (\S+): it/g, '$1'],
  [/（按 r[^）]*）/g, ''],
  [/；按 r[^。]*。/g, '。'],
  [/按 r[^。]*。/g, ''],
  [/改一改这些数，看 (\S+) 怎么变：它/g, '$1 '],
  // A live formula's intro: the printed formula shows its defaults only.
  [/\s*Change (?:the numbers below|them|pos, i and d)\./g, ''],
  [/(?:试着改改下面的数|改改看|试着改变 pos、i 和 d)。/g, ''],
];

export function forPrint(c: Cell): Cell {
  const fix = (t: string) => PRINT_REWRITES.reduce((acc, [re, to]) => acc.replace(re, to), t);
  return typeof c === 'string' ? fix(c) : { en: fix(c.en), zh: fix(c.zh) };
}

function printable(b: Block): Block {
  return b.kind === 'text' ? { ...b, text: forPrint(b.text) } : b;
}

/** The whole lesson as Blocks, for --plain: every step, demos run once, answers after the questions, the screen's key instructions left out. */
export async function lessonBlocks(lesson: Lesson, o: StepRenderOptions): Promise<Block[]> {
  const blocks: Block[] = [{ kind: 'title', text: msg(`${lesson.id} — ${lesson.title.en}`, `${lesson.id} — ${lesson.title.zh}`) }, { kind: 'text', text: lesson.summary, tone: 'muted' }];
  for (const [i, step] of lesson.steps.entries()) {
    blocks.push({ kind: 'spacer' }, { kind: 'text', tone: 'muted', text: msg(`[${i + 1}/${lesson.steps.length}]`, `[${i + 1}/${lesson.steps.length}]`) });
    blocks.push(...(await stepBlocks(step, o)).map(printable));
    if (step.kind === 'check') blocks.push(...checkAnswerBlocks(step));
  }
  return blocks;
}
