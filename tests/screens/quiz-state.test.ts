/**
 * The quiz screen's reducer and keys (no Ink): every phase transition —
 * asking, checking, feedback, rating, the next question, time up, the report,
 * the empty session — and what the leave keys mean in each phase.
 */
import { Rating } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import type { Graded } from '../../src/quiz/grade.js';
import {
  NO_HINT,
  TIME_IS_UP,
  initialQuizScreen,
  isLastQuestion,
  quizKey,
  quizReducer,
  timeIsUp,
  type QuizAction,
  type QuizKey,
  type QuizScreenState,
} from '../../src/screens/quiz/state.js';

const study = (total = 3) => initialQuizScreen({ total, exam: false, now: 0 });
const exam = (minutes?: number) => initialQuizScreen({ total: 2, exam: true, minutes, now: 0 });
const run = (s: QuizScreenState, ...actions: QuizAction[]) => actions.reduce(quizReducer, s);
const typed = (text: string): QuizAction[] => [...text].map((ch) => ({ type: 'edit', edit: { type: 'insert', text: ch } }));
const graded = { outcome: 'right' } as unknown as Graded;
const nextReview = new Date(0);

const none: QuizKey = { ctrl: false, meta: false, leftArrow: false, rightArrow: false, upArrow: false, downArrow: false, backspace: false, delete: false, return: false, escape: false, pageUp: false, pageDown: false };
const k = (p: Partial<QuizKey> = {}): QuizKey => ({ ...none, ...p });
const press = (s: QuizScreenState, ch: string, p: Partial<QuizKey> = {}, answersGiven = false) => quizKey(s, ch, k(p), { answersGiven, page: 10 });

/** A study question answered and saved: the solution is shown. */
const answered = (rated = false) => run(study(), ...typed('4'), { type: 'grading' }, { type: 'checked' }, { type: 'graded' }, { type: 'feedback', graded, next: nextReview, rated, notes: [] });

describe('quiz screen: the start', () => {
  it('asks the first question; with nothing to ask, only the note and the way out', () => {
    expect(study().phase).toEqual({ kind: 'asking' });
    expect(study(0).phase).toEqual({ kind: 'empty' });
  });
});

describe('quiz screen: asking → checking → feedback', () => {
  it('typing edits the answer; Enter submits it', () => {
    const s = run(study(), ...typed('12'));
    expect(s.answer.value).toBe('12');
    expect(press(s, '\r', { return: true })).toEqual({ do: 'submit', line: '12' });
  });
  it('grading: busy and "checking…"; the grade back: checking ends', () => {
    const s = run(study(), ...typed('1'), { type: 'grading' });
    expect([s.busy, s.checking]).toEqual([true, true]);
    expect(run(s, { type: 'checked' }).checking).toBe(false);
  });
  it('an answer that is not one: a note, the line kept to fix', () => {
    const s = run(study(), ...typed('x'), { type: 'grading' }, { type: 'checked' }, { type: 'graded-invalid', message: msg('not a size', '不是尺寸') });
    expect(s).toMatchObject({ busy: false, checking: false, phase: { kind: 'asking' } });
    expect(s.notes).toEqual([msg('not a size', '不是尺寸')]);
    expect(s.answer.value).toBe('x');
  });
  it('hint: the hint shown and the line emptied; a question without one says so', () => {
    const withHint = run(study(), ...typed('hint'), { type: 'grading' }, { type: 'graded-hint', hasHint: true });
    expect(withHint).toMatchObject({ hint: true, busy: false, notes: [], phase: { kind: 'asking' } });
    expect(withHint.answer.value).toBe('');
    expect(run(study(), { type: 'graded-hint', hasHint: false }).notes).toEqual([NO_HINT]);
  });
  it('a real answer is saved (busy, the line emptied, old notes gone), then the solution is shown', () => {
    const saving = run(study(), { type: 'say', notes: [NO_HINT] }, ...typed('4'), { type: 'grading' }, { type: 'graded' });
    expect(saving).toMatchObject({ busy: true, checking: false, notes: [] });
    expect(saving.answer.value).toBe('');
    const shown = run(saving, { type: 'feedback', graded, next: nextReview, rated: false, notes: [msg('not saved', '未保存')] });
    expect(shown.phase).toEqual({ kind: 'answered', graded, next: nextReview, rated: false });
    expect(shown.busy).toBe(false);
    expect(shown.notes).toEqual([msg('not saved', '未保存')]);
  });
  it('pasted text holding Enter answers with the line up to it', () => {
    expect(press(run(study(), ...typed('1')), '2\r3')).toEqual({ do: 'submit', line: '12' });
  });
  it('while busy, keys wait; Ctrl+C still leaves at once', () => {
    const s = run(study(), ...typed('1'), { type: 'grading' });
    expect(press(s, 'x')).toBeNull();
    expect(press(s, '\r', { return: true })).toBeNull();
    expect(press(s, 'c', { ctrl: true }, true)).toEqual({ do: 'leave' });
  });
});

describe('quiz screen: feedback → rating → next', () => {
  it('1/2/3 rate a right answer once (hard, good, easy); the rating is saved, then the footer moves on', () => {
    const s = answered(false);
    expect(press(s, '1')).toEqual({ do: 'rate', rating: Rating.Hard });
    expect(press(s, '3')).toEqual({ do: 'rate', rating: Rating.Easy });
    const rating = run(s, { type: 'rating' });
    expect(rating.busy).toBe(true);
    const later = new Date(86_400_000);
    const rated = run(rating, { type: 'rated', next: later, notes: [] });
    expect(rated.phase).toMatchObject({ kind: 'answered', rated: true, next: later });
    expect(press(rated, '2')).toBeNull();
  });
  it('a rating not saved says so; one saved keeps the notes there were', () => {
    const s = run(answered(false), { type: 'say', notes: [NO_HINT] });
    expect(run(s, { type: 'rated', next: null, notes: [msg('unsaved', '未保存')] }).notes).toEqual([msg('unsaved', '未保存')]);
    expect(run(s, { type: 'rated', next: null, notes: [] }).notes).toEqual([NO_HINT]);
  });
  it('Enter, space or → go on; the next question is asked afresh (no hint, no notes, at the top)', () => {
    const s = answered(true);
    for (const [ch, p] of [['\r', { return: true }], [' ', {}], ['', { rightArrow: true }]] as const) expect(press(s, ch, p)).toEqual({ do: 'next' });
    const scrolled = run(s, { type: 'scroll', by: 5, max: 20 }, { type: 'say', notes: [NO_HINT] });
    const next = run({ ...scrolled, hint: true }, { type: 'next', at: 1234 });
    expect(next).toMatchObject({ index: 1, phase: { kind: 'asking' }, hint: false, notes: [], scroll: 0, askedAt: 1234 });
  });
  it('past the last question, next changes nothing: the screen finishes instead', () => {
    const last = run(study(2), { type: 'next', at: 1 });
    expect(isLastQuestion(last)).toBe(true);
    expect(run(last, { type: 'next', at: 2 })).toBe(last);
  });
});

describe('quiz screen: the report', () => {
  it('finishing: once started it is not started again; finished shows the report without the notes', () => {
    const s = run(answered(true), { type: 'say', notes: [NO_HINT] }, { type: 'finish-started' });
    expect(s.finishing).toBe(true);
    const report = run(s, { type: 'finished' });
    expect(report.phase).toEqual({ kind: 'report' });
    expect(report.notes).toEqual([]);
  });
  it('the exam: a saved answer goes straight on (no feedback phase)', () => {
    const s = run(exam(), ...typed('1'), { type: 'grading' }, { type: 'graded' }, { type: 'saved' });
    expect(s).toMatchObject({ busy: false, phase: { kind: 'asking' } });
  });
});

describe('quiz screen: time up', () => {
  it('the clock ticks; past the limit while asking: time is up, said once the limit is passed', () => {
    const s = exam(1);
    expect(run(s, { type: 'tick', now: 60_000 })).toMatchObject({ now: 60_000, notes: [] });
    expect(timeIsUp(run(s, { type: 'tick', now: 60_000 }))).toBe(false);
    const up = run(s, { type: 'tick', now: 60_001 });
    expect(timeIsUp(up)).toBe(true);
    expect(up.notes).toEqual([TIME_IS_UP]);
  });
  it('no limit, or study: never up', () => {
    expect(timeIsUp(run(exam(), { type: 'tick', now: 1e9 }))).toBe(false);
    expect(timeIsUp(run(study(), { type: 'tick', now: 1e9 }))).toBe(false);
  });
  it('on the report the clock no longer matters', () => {
    const report = run(exam(1), { type: 'finish-started' }, { type: 'finished' }, { type: 'tick', now: 1e9 });
    expect(timeIsUp(report)).toBe(false);
    expect(report.notes).toEqual([]);
  });
});

describe('quiz screen: leave keys in each phase', () => {
  const leaveKeys = [
    ['Ctrl+C', 'c', { ctrl: true }],
    ['Ctrl+D', 'd', { ctrl: true }],
    ['Esc', '', { escape: true }],
    ['q', 'q', {}],
  ] as const;

  it('asking: Esc, Ctrl+C and Ctrl+D (empty line) stop — the report first once an answer was given; q is a letter', () => {
    const s = study();
    for (const [name, ch, p] of leaveKeys.slice(0, 3)) {
      expect(press(s, ch, p), name).toEqual({ do: 'leave' });
      expect(press(s, ch, p, true), name).toEqual({ do: 'finish' });
    }
    expect(press(s, 'q')).toEqual({ do: 'edit', edit: { type: 'insert', text: 'q' } });
  });
  it('asking with text on the line: Ctrl+D deletes under the cursor instead', () => {
    const s = run(study(), ...typed('12'), { type: 'edit', edit: { type: 'home' } });
    expect(press(s, 'd', { ctrl: true })).toEqual({ do: 'edit', edit: { type: 'delete' } });
    expect(run(s, { type: 'edit', edit: { type: 'delete' } }).answer.value).toBe('2');
  });
  it('feedback: all four stop (the report first once an answer was given)', () => {
    for (const [name, ch, p] of leaveKeys) expect(press(answered(true), ch, p, true), name).toEqual({ do: 'finish' });
  });
  it('the report and the empty session: all four and Enter leave', () => {
    const report = run(answered(true), { type: 'finished' });
    for (const s of [report, study(0)]) {
      for (const [name, ch, p] of leaveKeys) expect(press(s, ch, p, true), name).toEqual({ do: 'leave' });
      expect(press(s, '\r', { return: true })).toEqual({ do: 'leave' });
      expect(press(s, 'x')).toBeNull();
    }
  });
});

describe('quiz screen: scrolling', () => {
  it('PgUp/PgDn scroll a page in every phase, ↑/↓ a line outside the answer line; never past the ends', () => {
    expect(press(study(), '', { pageDown: true })).toEqual({ do: 'scroll', by: 10 });
    expect(press(study(), '', { downArrow: true })).toBeNull();
    expect(press(answered(true), '', { upArrow: true })).toEqual({ do: 'scroll', by: -1 });
    expect(run(study(), { type: 'scroll', by: 10, max: 4 }).scroll).toBe(4);
    expect(run(study(), { type: 'scroll', by: -3, max: 4 }).scroll).toBe(0);
  });
  it('a new phase starts at the top', () => {
    const s = run(study(), { type: 'scroll', by: 3, max: 9 });
    expect(run(s, { type: 'feedback', graded, next: null, rated: true, notes: [] }).scroll).toBe(0);
    expect(run(s, ...typed('1')).scroll).toBe(3);
  });
});
