/**
 * Quiz questions as data. Authored questions live in src/quiz/bank/ (one
 * file per topic); generated ones come from src/quiz/generators/ with fresh
 * numbers, solved by the engine. Every text exists in English and Chinese.
 */
import type { Msg } from '../i18n/index.js';
import type { Topic } from '../lessons/types.js';

interface QuestionBase {
  /** Stable id, e.g. "cnn/pooling/overlapping" (the saved card is keyed by it). */
  id: string;
  topic: Topic;
  /** The lesson that teaches it, e.g. "cnn/pooling". */
  lesson: string;
  /**
   * The lesson step that teaches what the question asks: "cnn/pooling#ceil-mode"
   * (a lesson id, '#', the `key` of one of its steps). Every question must be
   * answerable from the lessons; a test checks that each reference resolves.
   */
  taught?: string;
  prompt: Msg;
  /** The worked solution / why, shown after every answer. */
  explain: Msg;
  /** Shown on request before answering. */
  hint?: Msg;
}

export type Question =
  | (QuestionBase & { kind: 'choice'; options: Msg[]; answer: number })
  | (QuestionBase & {
      kind: 'numeric';
      /** A number, or a volume [W, H, D] (the answer may be typed 32x32x16). */
      answer: number | number[];
      /** Absolute tolerance (default 1e-6 relative to the answer's size). */
      tolerance?: number;
    })
  | (QuestionBase & {
      kind: 'formula';
      /** A mathjs expression; any equivalent expression is accepted (compared on random values). */
      answer: string;
      /** Variables the expression may use, e.g. ["W", "F", "P", "S"]. */
      vars: string[];
    })
  | (QuestionBase & { kind: 'truefalse'; answer: boolean })
  | (QuestionBase & {
      kind: 'order';
      /** The items in the correct order; they are shown shuffled. */
      items: Msg[];
    });

export type QuestionKind = Question['kind'];

/** What grading one typed answer gives. */
export type Graded =
  | { outcome: 'right' | 'wrong'; given: string; note?: Msg }
  | { outcome: 'dontknow' }
  | { outcome: 'hint' }
  | { outcome: 'invalid'; message: Msg };

/**
 * A generator makes unlimited fresh questions of one kind (conv output
 * volumes, LSTM parameter counts …), each solved and explained by the engine.
 * The spaced-repetition card belongs to the generator: reviewing it means
 * answering a fresh instance.
 */
export interface Generator {
  /** Stable id, e.g. "gen/conv-output" (the saved card is keyed by it). */
  id: string;
  topic: Topic;
  lesson: string;
  /** The lesson step that teaches it, as for questions: "cnn/pooling#ceil-mode". */
  taught?: string;
  title: Msg;
  /** A fresh question from a seed; the same seed always gives the same question. Its id is `${id}#${seed}`. */
  make(seed: number): Question;
}
