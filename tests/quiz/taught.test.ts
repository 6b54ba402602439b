/**
 * Every quiz item must be answerable from the lessons (issue #11: a question
 * asked ceil_mode, which no lesson taught). Each bank question and each
 * generator names the step that teaches it — `taught: 'cnn/pooling#ceil-mode'`
 * — and that reference must resolve: a lesson in the catalog, the item's own
 * lesson, and a step of it carrying that key. Failures list every item.
 */
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/all.js';
import { LESSON_INDEX } from '../../src/lessons/catalog.js';
import { QUESTIONS } from '../../src/quiz/bank/index.js';
import { GENERATORS } from '../../src/quiz/generators/index.js';
import { PREDICTIONS } from '../../src/quiz/predict.js';

const catalog = new Set(LESSON_INDEX.map((l) => l.id));
const stepKeys = new Map(LESSONS.map((l) => [l.id, new Set(l.steps.map((s) => s.key).filter((k): k is string => !!k))]));

/** What is wrong with an item's `taught`, or null when it resolves. */
function problem(item: { id: string; lesson: string; taught?: string }): string | null {
  if (!item.taught) return 'no taught';
  const m = /^([a-z0-9-]+(?:\/[a-z0-9-]+)*)#([A-Za-z0-9-]+)$/.exec(item.taught);
  if (!m) return `"${item.taught}" is not lesson#step-key`;
  const [, lesson, key] = m;
  if (!catalog.has(lesson)) return `${lesson} is not a lesson in the catalog`;
  if (lesson !== item.lesson) return `taught by ${lesson} but filed under ${item.lesson}`;
  if (!stepKeys.get(lesson)?.has(key)) return `${lesson} has no step with key "${key}"`;
  return null;
}

function expectAllTaught(items: readonly { id: string; lesson: string; taught?: string }[], what: string) {
  const bad = items.flatMap((it) => {
    const p = problem(it);
    return p ? [`${it.id}: ${p}`] : [];
  });
  expect(bad, `${bad.length} of ${items.length} ${what} do not name the lesson step that teaches them:\n  ${bad.join('\n  ')}`).toEqual([]);
}

describe('every quiz item names the lesson step that teaches it', () => {
  it('the catalog and the loaded lessons agree (so a key found is a key shown)', () => {
    expect([...catalog].sort()).toEqual(LESSONS.map((l) => l.id).sort());
  });

  it('step keys are unique within each lesson', () => {
    const dupes = LESSONS.flatMap((l) => {
      const keys = l.steps.map((s) => s.key).filter(Boolean);
      return keys.filter((k, i) => keys.indexOf(k) !== i).map((k) => `${l.id}#${k}`);
    });
    expect(dupes).toEqual([]);
  });

  it('every bank question', () => expectAllTaught(QUESTIONS, 'bank questions'));

  it('every generator', () => expectAllTaught(GENERATORS, 'generators'));

  it('every experiment’s prediction (the lesson step that links the experiment)', () => expectAllTaught(PREDICTIONS, 'predictions'));

  it('a reference that does not resolve is caught (the check itself works)', () => {
    const some = LESSONS.find((l) => l.steps.some((s) => s.key));
    expect(problem({ id: 'x', lesson: 'cnn/pooling' })).toBe('no taught');
    expect(problem({ id: 'x', lesson: 'cnn/pooling', taught: 'cnn/pooling' })).toMatch(/not lesson#step-key/);
    expect(problem({ id: 'x', lesson: 'cnn/nope', taught: 'cnn/nope#a' })).toMatch(/not a lesson/);
    expect(problem({ id: 'x', lesson: 'cnn/conv', taught: 'cnn/pooling#a' })).toMatch(/filed under/);
    expect(problem({ id: 'x', lesson: 'cnn/pooling', taught: 'cnn/pooling#no-such-step-key' })).toMatch(/no step/);
    if (some) {
      const key = some.steps.find((s) => s.key)!.key!;
      expect(problem({ id: 'x', lesson: some.id, taught: `${some.id}#${key}` })).toBeNull();
    }
  });
});
