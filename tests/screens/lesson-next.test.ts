/** Which lesson "continue" and the completion message offer: never a finished one. */
import { describe, expect, it } from 'vitest';
import type { Progress } from '../../src/lessons/progress.js';
import { continueTarget, nextUnfinished } from '../../src/screens/lesson/next.js';

const ids = ['a', 'b', 'c', 'd'];
const done = { step: 3, completed: true, updatedAt: '' };
const open = { step: 1, completed: false, updatedAt: '' };
const progress = (last: string | undefined, lessons: Progress['lessons']): Progress => ({ version: 1, last, lessons });

describe('next lesson', () => {
  it('continue reopens an unfinished lesson', () => {
    expect(continueTarget(ids, progress('b', { b: open }))).toBe('b');
  });

  it('continue after a finished lesson offers the next unfinished one, skipping finished ones and wrapping round', () => {
    expect(continueTarget(ids, progress('b', { b: done }))).toBe('c');
    expect(continueTarget(ids, progress('b', { b: done, c: done }))).toBe('d');
    expect(continueTarget(ids, progress('d', { d: done }))).toBe('a');
  });

  it('nothing to continue when every lesson is finished or none was opened', () => {
    expect(continueTarget(ids, progress('b', { a: done, b: done, c: done, d: done }))).toBeUndefined();
    expect(continueTarget(ids, progress(undefined, {}))).toBeUndefined();
  });

  it('the lesson after one just finished (its progress may not be saved yet)', () => {
    expect(nextUnfinished(ids, progress('c', { c: open }), 'c')).toBe('d');
  });
});
