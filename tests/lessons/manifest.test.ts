import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: a plain .mjs build script without types
import { generateManifest } from '../../scripts/gen-lessons.mjs';
import { LESSON_INDEX, loadLesson } from '../../src/lessons/catalog.js';
import { LESSONS } from '../../src/lessons/all.js';

describe('lesson manifest', () => {
  it('the committed manifest matches the lessons (run node scripts/gen-lessons.mjs)', async () => {
    expect(readFileSync('src/lessons/manifest.gen.ts', 'utf8')).toBe(await generateManifest());
  }, 60_000);

  it('every entry loads exactly its own lesson', async () => {
    expect(LESSON_INDEX.map((l) => l.id)).toEqual(LESSONS.map((l) => l.id));
    for (const info of LESSON_INDEX) {
      const lesson = await loadLesson(info);
      expect(lesson.id).toBe(info.id);
      expect(lesson.steps.length).toBe(info.steps);
      expect(lesson.title).toEqual(info.title);
    }
  });
});
