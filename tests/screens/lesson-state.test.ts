/**
 * The lesson screen's reducer (no Ink): typing a number into a live formula
 * takes a sign, a leading point and an exponent; the stepping keys move by a
 * step that suits the variable; an edit can be cancelled.
 */
import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { stepOf, stepValue } from '../../src/lessons/formula.js';
import type { Lesson } from '../../src/lessons/types.js';
import { canType, initialLessonState, lessonReducer, type LessonAction, type LessonState } from '../../src/screens/lesson/state.js';

const lesson: Lesson = {
  id: 'test/formula',
  topic: 'lstm',
  title: msg('T', 'T'),
  summary: msg('S', 'S'),
  section: 's',
  steps: [
    {
      kind: 'formula',
      formula: {
        symbolic: 'y = g·n',
        substituted: '{g}·{n}',
        expr: 'g * n',
        vars: [
          { name: 'g', value: 0.5, label: msg('gate', '门'), min: -1, max: 1 },
          { name: 'n', value: 3, label: msg('size', '大小'), min: 1, max: 512, integer: true },
        ],
        result: { name: 'y', label: msg('y', 'y') },
      },
    },
  ],
};

function run(...actions: LessonAction[]): LessonState {
  const r = lessonReducer(lesson);
  return actions.reduce(r, initialLessonState());
}

const typed = (text: string) => [...text].map((ch): LessonAction => ({ type: 'type-digit', text: ch }));

describe('lesson state: typing a number', () => {
  it('takes a sign, a leading point and an exponent', () => {
    expect(run(...typed('-0.9')).typing).toBe('-0.9');
    expect(run(...typed('.5')).typing).toBe('.5');
    expect(run(...typed('1e-3')).typing).toBe('1e-3');
    expect(run(...typed('+2')).typing).toBe('+2');
  });

  it('refuses what cannot make a number: a sign in the middle, an e first or twice, letters', () => {
    expect(canType('1', '-')).toBe(false);
    expect(canType('', 'e')).toBe(false);
    expect(canType('1e3', 'e')).toBe(false);
    expect(canType('1', 'x')).toBe(false);
    expect(run(...typed('3-')).typing).toBe('3');
  });

  it('Esc (clear-typing) cancels the edit: the value stays as it was', () => {
    const s = run(...typed('-0.9'), { type: 'clear-typing' });
    expect(s.typing).toBe('');
    expect(s.values).toEqual({});
  });

  it('Backspace erases the last character', () => {
    expect(run(...typed('-0.9'), { type: 'erase-digit' }).typing).toBe('-0.');
  });
});

describe('lesson state: stepping keys', () => {
  it('a gate in (−1, 1) steps by 0.1, without binary noise, clamped to its range', () => {
    const g = (lesson.steps[0] as Extract<Lesson['steps'][0], { kind: 'formula' }>).formula.vars[0];
    expect(stepOf(g)).toBe(0.1);
    expect(run({ type: 'bump', name: 'g', direction: 1 }).values.g).toBe(0.6);
    expect(run({ type: 'bump', name: 'g', direction: -1 }).values.g).toBe(0.4);
    expect(stepValue(g, 0.95, 1)).toBe(1);
    expect(stepValue(g, -0.2, -1)).toBe(-0.3);
  });

  it('a size steps by 1', () => {
    expect(stepOf({ name: 'n', value: 3, label: msg('', ''), min: 1, max: 512, integer: true })).toBe(1);
    expect(run({ type: 'bump', name: 'n', direction: -1 }, { type: 'bump', name: 'n', direction: -1 }, { type: 'bump', name: 'n', direction: -1 }).values.n).toBe(1);
  });

  it('a gate in (0, 1) steps by 0.1, a wide real range by at most 1', () => {
    expect(stepOf({ name: 'f', value: 0.9, label: msg('', ''), min: 0, max: 1 })).toBe(0.1);
    expect(stepOf({ name: 'c', value: 0.8, label: msg('', ''), min: -100, max: 100 })).toBe(1);
    expect(stepOf({ name: 'c', value: 0.8, label: msg('', '') })).toBe(0.1);
  });
});

const quiz: Lesson = {
  ...lesson,
  steps: [
    { kind: 'text', body: msg('one', '一') },
    { kind: 'check', check: { question: msg('Q?', '问？'), options: [msg('a', 'a'), msg('b', 'b')], answer: 1, explain: msg('because', '因为') } },
  ],
};

describe('lesson state: check questions and the end', () => {
  const r = lessonReducer(quiz);
  const at = (step: number) => initialLessonState(step);

  it('"I don\'t know — show me" (reveal) lets the student go on, and no answer can be chosen after it', () => {
    expect(r(at(1), { type: 'next' }).done).toBe(false);
    const shown = r(at(1), { type: 'reveal' });
    expect(shown.revealed).toBe(true);
    expect(r(shown, { type: 'answer', option: 1 }).chosen).toBeUndefined();
    expect(r(shown, { type: 'next' }).done).toBe(true);
  });

  it('reveal after answering changes nothing', () => {
    const answered = r(at(1), { type: 'answer', option: 0 });
    expect(r(answered, { type: 'reveal' }).revealed).toBe(false);
  });

  it('past the last step: done, and ← goes back to the last step', () => {
    const done = r(r(at(1), { type: 'answer', option: 1 }), { type: 'next' });
    expect(done.done).toBe(true);
    const back = r(done, { type: 'prev' });
    expect(back.done).toBe(false);
    expect(back.step).toBe(1);
  });
});

describe('lesson state: the number field edits like every text field (editKey)', () => {
  const edit = (e: Extract<LessonAction, { type: 'edit-typing' }>['edit']): LessonAction => ({ type: 'edit-typing', edit: e });
  it('← moves the cursor and a digit goes in there', () => {
    const s = run(...typed('-09'), edit({ type: 'left' }), ...typed('.'));
    expect(s.typing).toBe('-0.9');
    expect(s.cursor).toBe(3);
  });
  it('Ctrl+A then a sign: nothing goes in front of a sign, but a digit after it does', () => {
    expect(run(...typed('-9'), edit({ type: 'home' }), ...typed('5')).typing).toBe('-9');
    expect(run(...typed('9'), edit({ type: 'home' }), ...typed('-')).typing).toBe('-9');
  });
  it('Ctrl+K deletes to the end, Ctrl+U to the start, Ctrl+W a word, Ctrl+E goes to the end', () => {
    expect(run(...typed('1.25'), edit({ type: 'left' }), edit({ type: 'left' }), edit({ type: 'kill-to-end' })).typing).toBe('1.');
    const u = run(...typed('1.25'), edit({ type: 'left' }), edit({ type: 'kill-line' }));
    expect([u.typing, u.cursor]).toEqual(['5', 0]);
    expect(run(...typed('0.75'), edit({ type: 'kill-word' })).typing).toBe('');
    const e = run(...typed('12'), edit({ type: 'home' }), edit({ type: 'end' }), ...typed('3'));
    expect(e.typing).toBe('123');
  });
  it('Backspace erases before the cursor', () => {
    expect(run(...typed('123'), edit({ type: 'left' }), edit({ type: 'backspace' })).typing).toBe('13');
  });
});
