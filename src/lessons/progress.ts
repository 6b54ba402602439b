/**
 * Lesson progress, keyed by lesson id (not by position in the catalog, so
 * adding lessons never shifts anyone's progress): the step reached, whether
 * the lesson was completed, and which lesson was open last.
 */
// zod/mini: the same schemas at a twentieth of the bundle size (start-up matters).
import * as z from 'zod/mini';
import { dataFile } from '../storage/paths.js';
import { JsonStore, type Recovery } from '../storage/json-store.js';

const entry = z.object({
  step: z.int().check(z.minimum(0)),
  completed: z.boolean(),
  updatedAt: z.string(),
});

const schema = z.object({
  version: z.literal(1),
  last: z.optional(z.string()),
  lessons: z.record(z.string(), entry),
});

export type Progress = z.infer<typeof schema>;
export type LessonProgress = z.infer<typeof entry>;

export function progressStore(env: NodeJS.ProcessEnv = process.env): JsonStore<Progress> {
  return new JsonStore(dataFile('lessons.json', env), schema, () => ({ version: 1, lessons: {} }));
}

export async function loadProgress(store = progressStore()): Promise<{ progress: Progress; recovery?: Recovery }> {
  const r = await store.load();
  return { progress: r.value, recovery: r.recovery };
}

/** Records reaching `step` of lesson `id` (completed once the last step is reached). */
export async function saveStep(id: string, step: number, stepCount: number, store = progressStore()): Promise<Progress> {
  const r = await store.update((p) => {
    const prev = p.lessons[id];
    const completed = (prev?.completed ?? false) || step >= stepCount - 1;
    return { ...p, last: id, lessons: { ...p.lessons, [id]: { step, completed, updatedAt: new Date().toISOString() } } };
  });
  return r.value;
}
