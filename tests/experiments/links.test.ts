/**
 * Lessons and experiments point at each other: every experiment step of a
 * lesson names a registered experiment, and every registered experiment is
 * linked (once) from the lesson its `lesson` names. Checked against
 * EXPERIMENTS as registered: a lesson step for an experiment not (yet)
 * registered fails here, as does an experiment whose lesson does not link it.
 */
import { describe, expect, it } from 'vitest';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { experimentLink } from '../../src/experiments/links.js';
import { LESSONS } from '../../src/lessons/all.js';
import type { Lesson } from '../../src/lessons/types.js';

/** Every experiment step of these lessons: [lesson id, experiment id]. */
export function experimentSteps(lessons: readonly Lesson[]): [string, string][] {
  return lessons.flatMap((l) => l.steps.flatMap((s): [string, string][] => (s.kind === 'experiment' ? [[l.id, s.id]] : [])));
}

/** What disagrees between the registry and the lessons' steps, as sentences (empty when they agree). */
export function linkProblems(lessons: readonly Lesson[], registered: readonly { id: string; lesson: string }[]): string[] {
  const problems: string[] = [];
  const steps = experimentSteps(lessons);
  const ids = new Set(registered.map((e) => e.id));
  for (const [lesson, id] of steps) if (!ids.has(id)) problems.push(`${lesson}: links experiment ${id}, which is not registered`);
  const lessonIds = new Set(lessons.map((l) => l.id));
  for (const e of registered) {
    if (!lessonIds.has(e.lesson)) problems.push(`${e.id}: its lesson ${e.lesson} does not exist`);
    const from = steps.filter(([, id]) => id === e.id).map(([l]) => l);
    if (!from.includes(e.lesson)) problems.push(`${e.id}: not linked from its lesson ${e.lesson}${from.length ? ` (linked from ${from.join(', ')})` : ''}`);
    if (from.length > 1) problems.push(`${e.id}: linked ${from.length} times (${from.join(', ')})`);
  }
  return problems;
}

describe('lessons link the experiments', () => {
  it('every experiment step names a registered experiment, and every experiment is linked once from its lesson', () => {
    expect(linkProblems(LESSONS, EXPERIMENTS)).toEqual([]);
  });

  it('the check can fail: an unregistered id, an unlinked experiment, a link from the wrong lesson', () => {
    const lessons = LESSONS.map((l) => (l.id === 'dnn' ? { ...l, steps: [...l.steps, { kind: 'experiment' as const, id: 'no-such-thing' }] } : l));
    const registered = [...EXPERIMENTS, { id: 'orphan', lesson: 'cnn/pooling' }, { id: 'no-nonlinearity-2', lesson: 'dnn' }];
    const problems = linkProblems(lessons, registered).join('\n');
    expect(problems).toMatch(/dnn: links experiment no-such-thing, which is not registered/);
    expect(problems).toMatch(/orphan: not linked from its lesson cnn\/pooling/);
    const moved = linkProblems(LESSONS, EXPERIMENTS.map((e) => ({ id: e.id, lesson: e.lesson === 'dnn' ? 'cnn/why-cnn' : e.lesson }))).join('\n');
    expect(moved).toMatch(/no-nonlinearity: not linked from its lesson cnn\/why-cnn \(linked from dnn\)/);
  });

  it('experimentLink gives a registered experiment’s title and claim, and nothing for an unknown id', () => {
    for (const e of EXPERIMENTS) expect(experimentLink(e.id)).toEqual({ id: e.id, title: e.title, claim: e.claim });
    expect(experimentLink('no-such-thing')).toBeUndefined();
  });
});
