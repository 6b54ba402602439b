/**
 * The lesson screen's state as a reducer (no Ink): which step is shown, the
 * demo's seed, the live formula's values and the answer to a check question.
 */
import { stepValue } from '../../lessons/formula.js';
import { inputReducer, initialInput, type InputAction } from '../input-line/state.js';
import type { Lesson, Step } from '../../lessons/types.js';

export interface LessonState {
  step: number;
  seed: number;
  /** Live formula: values the student set, the selected variable, the number being typed. */
  values: Record<string, number>;
  selected: number;
  typing: string;
  /** Where the cursor is in `typing` (the field edits like every text field: ←/→, Ctrl+A/E/U/K/W). */
  cursor: number;
  /** Check question: the option chosen (undefined until answered). */
  chosen: number | undefined;
  /** Check question: "I don't know — show me" (the answer is shown, nothing was chosen). */
  revealed: boolean;
  help: boolean;
  /** Past the last step: the completion message is shown (← goes back to the last step). */
  done: boolean;
}

export type LessonAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'goto'; step: number }
  | { type: 'rerun' }
  | { type: 'toggle-help' }
  | { type: 'answer'; option: number }
  | { type: 'reveal' }
  | { type: 'select-var'; delta: number }
  | { type: 'type-digit'; text: string }
  | { type: 'erase-digit' }
  | { type: 'clear-typing' }
  /** A line-editing key from editKey() (cursor moves, Ctrl+A/E/U/K/W, Backspace), applied to the number being typed. */
  | { type: 'edit-typing'; edit: InputAction }
  | { type: 'set-value'; name: string; value: number }
  | { type: 'bump'; name: string; direction: 1 | -1 };

export function initialLessonState(step = 0): LessonState {
  return { step, seed: 1, values: {}, selected: 0, typing: '', cursor: 0, chosen: undefined, revealed: false, help: false, done: false };
}

function fresh(s: LessonState, step: number): LessonState {
  return { ...s, step, values: {}, selected: 0, typing: '', cursor: 0, chosen: undefined, revealed: false, help: false, done: false };
}

/** A check question must be answered (or its answer asked for) before moving past it. */
export function canAdvance(lesson: Lesson, s: LessonState): boolean {
  const step: Step | undefined = lesson.steps[s.step];
  return !(step?.kind === 'check' && s.chosen === undefined && !s.revealed);
}

/** Longest number the field takes ("-0.000001e-10" fits). */
const MAX_TYPED = 14;

/**
 * Whether `ch` may go into the number being typed at `at` (the cursor; the end by default):
 * digits and a point anywhere but before a sign, a sign first or right after an exponent's e,
 * one e after a digit.
 * (Enter checks the whole with Number(), so "1e" or "-" alone is refused there, with a message.)
 */
export function canType(typing: string, ch: string, at = typing.length): boolean {
  if (typing.length >= MAX_TYPED || ch.length !== 1) return false;
  const before = typing.slice(0, at);
  const after = typing.slice(at);
  // Nothing goes in front of a sign: a sign is only ever first or right after e.
  if (/^[+-]/.test(after)) return false;
  if (/[0-9.]/.test(ch)) return true;
  if (ch === '-' || ch === '+') return before === '' || /[eE]$/.test(before);
  if (ch === 'e' || ch === 'E') return /[0-9.]/.test(before) && !/[eE]/.test(typing);
  return false;
}

export function lessonReducer(lesson: Lesson) {
  const last = lesson.steps.length - 1;
  return (s: LessonState, a: LessonAction): LessonState => {
    switch (a.type) {
      case 'next':
        if (!canAdvance(lesson, s)) return s;
        if (s.step >= last) return { ...s, done: true };
        return fresh(s, s.step + 1);
      case 'prev':
        if (s.done) return { ...s, done: false };
        return s.step === 0 ? s : fresh(s, s.step - 1);
      case 'goto':
        return fresh(s, Math.max(0, Math.min(last, a.step)));
      case 'rerun':
        return { ...s, seed: s.seed + 1 };
      case 'toggle-help':
        return { ...s, help: !s.help };
      case 'answer': {
        const step = lesson.steps[s.step];
        if (step?.kind !== 'check' || s.chosen !== undefined || s.revealed) return s;
        if (a.option < 0 || a.option >= step.check.options.length) return s;
        return { ...s, chosen: a.option };
      }
      case 'reveal': {
        const step = lesson.steps[s.step];
        if (step?.kind !== 'check' || s.chosen !== undefined) return s;
        return { ...s, revealed: true };
      }
      case 'select-var': {
        const step = lesson.steps[s.step];
        if (step?.kind !== 'formula') return s;
        const n = step.formula.vars.length;
        return { ...s, selected: (s.selected + a.delta + n) % n, typing: '', cursor: 0 };
      }
      case 'type-digit': {
        const at = Math.min(s.cursor, s.typing.length);
        if (!canType(s.typing, a.text, at)) return s;
        return { ...s, typing: s.typing.slice(0, at) + a.text + s.typing.slice(at), cursor: at + a.text.length };
      }
      case 'erase-digit':
        return lessonReducer(lesson)(s, { type: 'edit-typing', edit: { type: 'backspace' } });
      case 'edit-typing': {
        // The shared line editor does the editing; only text-changing and cursor keys are passed on (no history here).
        const e = inputReducer({ ...initialInput(), value: s.typing, cursor: Math.min(s.cursor, s.typing.length) }, a.edit);
        return { ...s, typing: e.value, cursor: e.cursor };
      }
      case 'clear-typing':
        return { ...s, typing: '', cursor: 0 };
      case 'set-value':
        return { ...s, values: { ...s.values, [a.name]: a.value }, typing: '', cursor: 0 };
      case 'bump': {
        const step = lesson.steps[s.step];
        if (step?.kind !== 'formula') return s;
        const v = step.formula.vars.find((x) => x.name === a.name);
        if (!v) return s;
        return { ...s, values: { ...s.values, [a.name]: stepValue(v, s.values[a.name] ?? v.value, a.direction) }, typing: '', cursor: 0 };
      }
    }
  };
}
