/**
 * A nearly full disk never costs an acknowledged answer: the writer loops
 * until every byte is written, verifies the size, syncs, and only then renames;
 * a short write leaves the old file intact, and the quiz says plainly that
 * this answer was not saved and the earlier ones are safe, then goes on.
 * Deterministic with an injected short write; also on a real 64 KB tmpfs when
 * this process may mount one (root), skipped otherwise.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ITEMS } from '../../src/quiz/items.js';
import { applyAnswer, Rating } from '../../src/quiz/scheduler.js';
import { QuizSession } from '../../src/quiz/session.js';
import { emptyQuizState, quizStore, type QuizState } from '../../src/quiz/state.js';
import { SaveError } from '../../src/storage/errors.js';
import { realFs } from '../../src/storage/fs-seam.js';
import { JsonStore } from '../../src/storage/json-store.js';
import { addOne, answers, emptyS, fsWith, newDir, schema, storeIn, type S } from './helpers.js';

const T = new Date('2025-03-01T12:00:00.000Z');

/** A disk that accepts only `room` more bytes per file, then reports 0 written (what a nearly full disk does). */
const shortWrites = (room: number) =>
  fsWith({
    write: async (fd, buf, off, len) => realFs.write(fd, buf, off, Math.min(len, room)).then((n) => ((room = Math.max(0, room - n)), n)),
  });

function stateWith(n: number): QuizState {
  let s = emptyQuizState();
  const it = ITEMS[0];
  for (let i = 0; i < n; i++) s = applyAnswer(s, { id: it.id, topic: it.topic, correct: true, rating: Rating.Good, seconds: 1, mode: 'study', at: new Date(T.getTime() + i * 60_000) });
  return s;
}

describe('the atomic writer', () => {
  it('a short write (the backup fits, the new file does not) is never renamed into place: the old file is intact and no temp file is left', async () => {
    const dir = newDir();
    const good = storeIn(dir);
    await good.update(() => answers(149));
    await good.update(addOne);
    const before = readFileSync(good.path, 'utf8');
    // Room for the backup (the 150 answers) and a few bytes of the new file.
    const full = storeIn(dir, { fs: shortWrites(before.length + 100) });
    const err = await full.update(addOne).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaveError);
    expect((err as SaveError).kind).toBe('disk-full');
    expect(readFileSync(good.path, 'utf8')).toBe(before);
    expect(readdirSync(dir).filter((f) => f.includes('.tmp-'))).toEqual([]);
    expect((await good.load()).value.n).toBe(150);
  });

  it('a write that reports every byte but leaves a shorter file (fstat) is refused too', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(() => answers(3));
    const lying = storeIn(dir, { fs: fsWith({ write: async (fd, buf, off, len) => (await realFs.write(fd, buf, off, Math.max(1, len - 10)), len) }) });
    await expect(lying.update(addOne)).rejects.toMatchObject({ kind: 'disk-full' });
    expect((await s.load()).value.n).toBe(3);
  });

  for (const [code, kind] of [
    ['ENOSPC', 'disk-full'],
    ['EDQUOT', 'disk-full'],
    ['EROFS', 'read-only'],
    ['EACCES', 'permission'],
    ['EPERM', 'permission'],
    ['EIO', 'io'],
  ] as const) {
    it(`${code} becomes a SaveError (${kind}) with a message in both languages; the old file is intact`, async () => {
      const dir = newDir();
      const s = storeIn(dir);
      await s.update(() => answers(2));
      const failing = storeIn(dir, { fs: fsWith({ write: async () => Promise.reject(Object.assign(new Error(code), { code })) }) });
      const err = (await failing.update(addOne).catch((e: unknown) => e)) as SaveError;
      expect(err).toBeInstanceOf(SaveError);
      expect(err.kind).toBe(kind);
      expect(err.detail.en).toContain(code);
      expect(err.detail.zh).toContain(code);
      expect((await s.load()).value.n).toBe(2);
    });
  }
});

describe('the quiz on a full disk', () => {
  it('says "the disk is full: this answer was not saved; your earlier 149 answers are safe", keeps going, and the file keeps 149', async () => {
    const home = newDir('nnlearn-full-');
    await quizStore({ NNLEARN_HOME: home }).update(() => stateWith(149));
    const before = readFileSync(join(home, 'quiz.json'), 'utf8');
    const store = quizStore({ NNLEARN_HOME: home }, { fs: shortWrites(4096) });
    const loaded = await store.load();
    const s = new QuizSession({ mode: 'study', items: [...ITEMS], count: 2, seed: 1, lang: 'en', store, now: () => T }, loaded.value);
    const r = await s.answer(0, await s.grade(0, '?'), 3);
    expect(r.unsaved?.message.en).toMatch(/^The disk is full: this answer was not saved; your earlier 149 answers are safe\. You can keep going\./);
    expect(r.unsaved?.message.zh).toMatch(/磁盘已满：这个答案没有保存；你之前的 149 个答案都安全/);
    expect(r.unsaved?.failure).toMatchObject({ kind: 'disk-full', code: 'short-write' });
    expect(r.unsaved?.message.en).not.toMatch(/internal error/i);
    expect(readFileSync(join(home, 'quiz.json'), 'utf8')).toBe(before);
    // The session goes on: the next question can be asked and answered.
    const r2 = await s.answer(1, await s.grade(1, '?'), 3);
    expect(r2.unsaved).toBeDefined();
  });
});

// A real small filesystem: only where this process may mount one (root in a container; CI without root skips).
const mnt = newDir('nnlearn-tmpfs-');
let mounted = false;
try {
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt], { stdio: 'ignore' });
  mounted = true;
} catch {
  mounted = false;
}
afterAll(() => {
  if (mounted) execFileSync('umount', [mnt]);
});

describe.skipIf(!mounted)('a real 64 KB tmpfs filling up', () => {
  it('answers until the disk is full, then each save fails plainly and the file on disk stays the last complete one', async () => {
    const store = quizStore({ NNLEARN_HOME: mnt });
    let last = '';
    let saved = 0;
    let failure: SaveError | undefined;
    for (let i = 0; i < 2000 && !failure; i++) {
      try {
        await store.update((s) => applyAnswer(s, { id: ITEMS[i % 50].id, topic: ITEMS[i % 50].topic, correct: i % 3 === 0, rating: Rating.Good, seconds: 1, mode: 'study', at: new Date(T.getTime() + i * 1000) }));
        saved++;
        last = readFileSync(join(mnt, 'quiz.json'), 'utf8');
      } catch (e) {
        failure = e as SaveError;
      }
    }
    expect(failure).toBeInstanceOf(SaveError);
    expect(failure!.kind).toBe('disk-full');
    expect(saved).toBeGreaterThan(5);
    expect(readFileSync(join(mnt, 'quiz.json'), 'utf8')).toBe(last);
    expect((await store.load()).value.log).toHaveLength(saved);
    expect(readdirSync(mnt).filter((f) => f.includes('.tmp-'))).toEqual([]);
  });
});

describe('a disk that fails while the lock is taken', () => {
  it('an error making the lock folder (here ENAMETOOLONG, as EROFS or ENOSPC would) is a SaveError, not an internal error', async () => {
    const dir = newDir();
    // 252 characters: the state file may exist, but "<name>.lock" is over the 255 a name may have.
    const s = new JsonStore<S>(join(dir, 'x'.repeat(247) + '.json'), schema, emptyS);
    const err = await s.update(addOne).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaveError);
    expect((err as SaveError).code).toBe('ENAMETOOLONG');
  });
});
