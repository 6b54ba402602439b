/**
 * Lessons are typed data (rustlings-style): one file per lesson, one folder
 * per topic, listed in catalog.ts. A lesson is a sequence of steps; numbers in
 * the text are computed at run time from the engine, never typed in.
 */
import type { Lang, Msg } from '../i18n/index.js';
import type { Block } from '../view/blocks.js';
import type { Theme } from '../view/style.js';

export type Topic = 'dnn' | 'cnn' | 'rnn' | 'lstm' | 'transformer';

/** What dynamic content may depend on: the language and a seed ('r' reruns a demo with a new one). */
export interface LessonEnv {
  lang: Lang;
  seed: number;
}

/** Static text, or text computed when shown (so its numbers come from the engine). */
export type LessonText = Msg | ((env: LessonEnv) => Msg);

export interface DrawOptions {
  lang: Lang;
  width: number;
  theme: Theme;
}

export interface FormulaVar {
  /** Name used in `expr` and in `display` as {name}. */
  name: string;
  value: number;
  label: Msg;
  min?: number;
  max?: number;
  integer?: boolean;
}

/**
 * A live formula: the student changes a variable and sees the substituted
 * formula and the result recomputed (mathjs evaluates `expr`).
 */
export interface LiveFormula {
  /** The formula in letters, Unicode: "W₂ = (W₁ − F + 2P)/S + 1". */
  symbolic: string;
  /** The same with {name} placeholders for the numbers: "W₂ = ({W} − {F} + 2·{P})/{S} + 1". */
  substituted: string;
  /** A mathjs expression over the variables: "(W - F + 2*P)/S + 1". */
  expr: string;
  vars: FormulaVar[];
  /** `min`: below it the result means nothing (an output size under 1) and is shown as “—”. */
  result: { name: string; label: Msg; round?: 'floor' | 'ceil'; min?: number };
  /** A remark on particular values (e.g. "not a whole number: PyTorch floors"). */
  note?: (values: Record<string, number>, result: number) => Msg | null;
}

export interface CheckQuestion {
  question: LessonText;
  options: Msg[];
  /** Index into options. */
  answer: number;
  /** Why the answer is right (shown after any answer). */
  explain: Msg;
  /** Why a particular wrong option is wrong, by its index. */
  wrong?: Record<number, Msg>;
}

/**
 * `key` names a step so that quiz items can say which step teaches them
 * (`taught: 'cnn/pooling#ceil-mode'`); the linter checks that every such
 * reference resolves, so no quiz item asks what no lesson teaches.
 */
interface StepKey {
  key?: string;
}

export type Step = StepKey &
  (
    | { kind: 'text'; title?: Msg; body: LessonText }
    | { kind: 'formula'; title?: Msg; intro?: LessonText; formula: LiveFormula }
    /** A picture: lines drawn for the width, or Blocks the view lays out (the student's notes). */
    | { kind: 'diagram'; title?: Msg; draw: (o: DrawOptions) => string[]; caption?: LessonText }
    | { kind: 'diagram'; title?: Msg; blocks: () => readonly Block[]; caption?: LessonText }
    | { kind: 'demo'; title: Msg; intro?: LessonText; run: (env: LessonEnv) => Block[] }
    | { kind: 'check'; title?: Msg; check: CheckQuestion }
    | { kind: 'try'; title?: Msg; command: string; note: LessonText }
    /**
     * A link to an experiment (src/experiments) that tests what the lesson just
     * claimed: its title and claim are shown, with how to run it (`nnlearn
     * experiment ID`; the lesson screen opens it on a key). Lessons name it by
     * id only: src/lessons never imports src/experiments (experiments import
     * training, which imports lessons). The caller of the renderer resolves the
     * id (StepRenderOptions.experiment); a test checks every id is registered.
     */
    | { kind: 'experiment'; title?: Msg; id: string; note?: LessonText }
  );

/** What the renderer shows of a linked experiment: resolved by the caller (see the 'experiment' step). */
export interface ExperimentLink {
  id: string;
  title: Msg;
  claim: Msg;
}

export interface Lesson {
  /** "cnn/pooling"; a topic alone ("dnn") for single-lesson topics. */
  id: string;
  topic: Topic;
  title: Msg;
  /** One line for menus and --list. */
  summary: Msg;
  /** The notes' section this lesson teaches (for the author and the linter). */
  section: string;
  steps: Step[];
}

export function textOf(t: LessonText, env: LessonEnv): Msg {
  return typeof t === 'function' ? t(env) : t;
}

/** A lesson as the index knows it without loading it (manifest.gen.ts). */
export interface LessonInfo {
  id: string;
  topic: Topic;
  title: Msg;
  summary: Msg;
  steps: number;
  /** Imports the module that defines the lesson. */
  load: () => Promise<Record<string, unknown>>;
}
