/**
 * Which lesson comes next: after finishing one (the completion message) and
 * for the menu's "continue" (which must not reopen a finished lesson).
 */
import type { Progress } from '../../lessons/progress.js';

/** The first lesson after `id` in course order (wrapping round) that is not completed, other than `id` itself. */
export function nextUnfinished(ids: readonly string[], progress: Progress, id: string | undefined): string | undefined {
  const at = id === undefined ? -1 : ids.indexOf(id);
  for (let k = 1; k <= ids.length; k++) {
    const candidate = ids[(at + k + ids.length) % ids.length];
    if (candidate !== id && !progress.lessons[candidate]?.completed) return candidate;
  }
  return undefined;
}

/** "continue": the lesson open last if it is not finished, else the next unfinished one (undefined when all are done or none was opened). */
export function continueTarget(ids: readonly string[], progress: Progress): string | undefined {
  const last = progress.last;
  if (last === undefined || !ids.includes(last)) return undefined;
  return progress.lessons[last]?.completed ? nextUnfinished(ids, progress, last) : last;
}
