/**
 * The quiz screen's state as a reducer (no Ink): which question is shown, its
 * phase (asking → checking → feedback, or the report at the end), the answer
 * line, the notes under it, the exam clock and the scroll position; and what a
 * key means in each phase (quizKey). Grading and saving live in QuizSession:
 * the screen runs them and reports each step here as an action.
 */
import { Rating, type Grade } from 'ts-fsrs';
import { msg, type Msg } from '../../i18n/index.js';
import type { Graded } from '../../quiz/grade.js';
import { initialInput, inputReducer, lineKey, type EditKey, type InputAction, type InputState } from '../input-line/state.js';

export type QuizPhase =
  | { kind: 'asking' }
  /** Study: the worked solution and the next review; rated once the student said how it felt (or it needs no rating). */
  | { kind: 'answered'; graded: Graded; next: Date | null; rated: boolean }
  | { kind: 'report' }
  /** Nothing due and nothing new: only a note and the way out. */
  | { kind: 'empty' };

export interface QuizScreenState {
  total: number;
  exam: boolean;
  /** The exam's time limit; none: the clock counts up. */
  minutes?: number;
  index: number;
  phase: QuizPhase;
  answer: InputState;
  /** The question's hint is shown (the student typed hint). */
  hint: boolean;
  /** Notes under the answer line: an answer that is not one, no hint, an answer not saved, time up. */
  notes: Msg[];
  /** An answer is being graded or saved, or a rating saved: keys wait (Ctrl+C still leaves). */
  busy: boolean;
  /** Grading is running (a formula's grader can take seconds to load): "checking…" is shown. */
  checking: boolean;
  scroll: number;
  /** The report is on its way (an exam is being graded): finishing twice would grade twice. */
  finishing: boolean;
  /** Clock readings (ms): the session's start, when this question was shown, the last tick. */
  started: number;
  askedAt: number;
  now: number;
}

export type QuizAction =
  | { type: 'edit'; edit: InputAction }
  | { type: 'scroll'; by: number; max: number }
  | { type: 'tick'; now: number }
  | { type: 'grading' }
  | { type: 'checked' }
  | { type: 'graded-invalid'; message: Msg }
  | { type: 'graded-hint'; hasHint: boolean }
  /** A real answer (or ?): it is being saved. */
  | { type: 'graded' }
  /** Study: saved; the solution is shown. */
  | { type: 'feedback'; graded: Graded; next: Date | null; rated: boolean; notes: Msg[] }
  /** Exam: saved; the next question follows without feedback. */
  | { type: 'saved' }
  | { type: 'say'; notes: Msg[] }
  | { type: 'rating' }
  | { type: 'rated'; next: Date | null; notes: Msg[] }
  | { type: 'next'; at: number }
  | { type: 'finish-started' }
  | { type: 'finished' };

export const TIME_IS_UP = msg('Time is up.', '时间到。');
export const NO_HINT = msg('No hint for this one — ? shows the solution.', '这道题没有提示——输入 ? 查看解法。');

export function initialQuizScreen(o: { total: number; exam: boolean; minutes?: number; now: number }): QuizScreenState {
  return {
    total: o.total,
    exam: o.exam,
    minutes: o.minutes,
    index: 0,
    phase: o.total === 0 ? { kind: 'empty' } : { kind: 'asking' },
    answer: initialInput(),
    hint: false,
    notes: [],
    busy: false,
    checking: false,
    scroll: 0,
    finishing: false,
    started: o.now,
    askedAt: o.now,
    now: o.now,
  };
}

export const isLastQuestion = (s: QuizScreenState) => s.index + 1 >= s.total;

/** An exam with a limit, still asking, past its minutes. */
export function timeIsUp(s: QuizScreenState): boolean {
  return s.exam && !!s.minutes && s.phase.kind === 'asking' && s.now - s.started > s.minutes * 60_000;
}

function step(s: QuizScreenState, a: QuizAction): QuizScreenState {
  switch (a.type) {
    case 'edit':
      return { ...s, answer: inputReducer(s.answer, a.edit) };
    case 'scroll':
      return { ...s, scroll: Math.max(0, Math.min(a.max, s.scroll + a.by)) };
    case 'tick': {
      const t = { ...s, now: a.now };
      return timeIsUp(t) ? { ...t, notes: [TIME_IS_UP] } : t;
    }
    case 'grading':
      return { ...s, busy: true, checking: true };
    case 'checked':
      return { ...s, checking: false };
    case 'graded-invalid':
      return { ...s, busy: false, checking: false, notes: [a.message] };
    case 'graded-hint':
      return { ...s, busy: false, checking: false, hint: true, answer: inputReducer(s.answer, { type: 'submit' }), notes: a.hasHint ? [] : [NO_HINT] };
    case 'graded':
      return { ...s, busy: true, checking: false, answer: inputReducer(s.answer, { type: 'submit' }), notes: [] };
    case 'feedback':
      return { ...s, busy: false, phase: { kind: 'answered', graded: a.graded, next: a.next, rated: a.rated }, notes: a.notes };
    case 'saved':
      return { ...s, busy: false };
    case 'say':
      return a.notes.length ? { ...s, notes: a.notes } : s;
    case 'rating':
      return { ...s, busy: true };
    case 'rated': {
      const phase = s.phase.kind === 'answered' ? { ...s.phase, next: a.next, rated: true } : s.phase;
      return { ...s, busy: false, phase, notes: a.notes.length ? a.notes : s.notes };
    }
    case 'next':
      // Past the last question comes the report, which the screen finishes (an exam is graded first).
      if (isLastQuestion(s)) return s;
      return { ...s, index: s.index + 1, hint: false, notes: [], askedAt: a.at, phase: { kind: 'asking' } };
    case 'finish-started':
      return { ...s, finishing: true };
    case 'finished':
      // A note about the last typed line does not belong on the report.
      return { ...s, notes: [], phase: { kind: 'report' } };
  }
}

export function quizReducer(s: QuizScreenState, a: QuizAction): QuizScreenState {
  const next = step(s, a);
  // A new question or a new phase starts at its top.
  return next.index !== s.index || next.phase.kind !== s.phase.kind ? { ...next, scroll: 0 } : next;
}

/** What a key asks the screen to do; the screen runs it (grading, saving and leaving are its work). */
export type QuizIntent =
  /** Leave the screen now (an abandoned exam still records the answers already given). */
  | { do: 'leave' }
  /** Show the report (an exam is graded first). */
  | { do: 'finish' }
  | { do: 'submit'; line: string }
  | { do: 'rate'; rating: Grade }
  /** The next question, or the report after the last. */
  | { do: 'next' }
  | { do: 'scroll'; by: number }
  | { do: 'edit'; edit: InputAction };

/** The keys of a key event the quiz reads (a subset of Ink's Key, so no Ink here). */
export interface QuizKey extends EditKey {
  return: boolean;
  escape: boolean;
  upArrow: boolean;
  downArrow: boolean;
  pageUp: boolean;
  pageDown: boolean;
}

/**
 * Ctrl+C, Esc, q (outside the answer line) and Ctrl+D (on an empty answer) all mean "leave this screen":
 * with answers given, the report comes first (the exam is graded); from the report, they leave.
 */
function stop(s: QuizScreenState, answersGiven: boolean): QuizIntent {
  if (s.phase.kind === 'report' || s.phase.kind === 'empty') return { do: 'leave' };
  return answersGiven ? { do: 'finish' } : { do: 'leave' };
}

/** 1 hard · 2 good · 3 easy. */
const RATINGS = new Map<string, Grade>([
  ['1', Rating.Hard],
  ['2', Rating.Good],
  ['3', Rating.Easy],
]);

/**
 * What a key means in the state the previous key left. `answersGiven`: the session holds an answer
 * (leaving then shows the report first); `page`: rows a PgUp/PgDn moves.
 */
export function quizKey(s: QuizScreenState, ch: string, key: QuizKey, o: { answersGiven: boolean; page: number }): QuizIntent | null {
  const ctrlC = key.ctrl && ch === 'c';
  // While an answer is being graded or saved, Ctrl+C still leaves at once (what was saved is kept).
  if (s.busy) return ctrlC ? { do: 'leave' } : null;
  if (ctrlC) return stop(s, o.answersGiven);
  if (key.ctrl && ch === 'd' && (s.phase.kind !== 'asking' || s.answer.value === '')) return stop(s, o.answersGiven);
  // Long solutions and the exam report scroll under the fixed header.
  if (key.pageDown || key.pageUp) return { do: 'scroll', by: key.pageDown ? o.page : -o.page };
  if (s.phase.kind !== 'asking' && (key.downArrow || key.upArrow)) return { do: 'scroll', by: key.downArrow ? 1 : -1 };
  if (s.phase.kind === 'report' || s.phase.kind === 'empty') return ch === 'q' || key.return || key.escape ? { do: 'leave' } : null;
  if (s.phase.kind === 'answered') {
    const rating = RATINGS.get(ch);
    if (!s.phase.rated && rating !== undefined) return { do: 'rate', rating };
    if (key.return || ch === ' ' || key.rightArrow) return { do: 'next' };
    // Stopping early still ends with the per-topic score and the misses (leave from there).
    if (ch === 'q' || key.escape) return stop(s, o.answersGiven);
    return null;
  }
  if (key.escape) return stop(s, o.answersGiven);
  if (key.return) return { do: 'submit', line: s.answer.value };
  const edit = lineKey(ch, key);
  // Pasted text holding Enter answers with the line up to it.
  if (edit?.type === 'insert' && /[\r\n]/.test(edit.text)) return { do: 'submit', line: s.answer.value + edit.text.split(/[\r\n]/)[0] };
  return edit ? { do: 'edit', edit } : null;
}
