/**
 * Repairs happen under the lock: a load that finds a damaged or missing file
 * repairs it only while holding the lock, so an update by another process can
 * never start from an empty state in the middle of a repair and have its
 * answer (or the whole history) overwritten.
 */
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { realFs } from '../../src/storage/fs-seam.js';
import { addOne, answers, fsWith, gate, newDir, storeIn, tick } from './helpers.js';

describe('repair vs update', () => {
  it('a repair delayed right after moving the damaged file aside loses no answer of an update running meanwhile', async () => {
    const dir = newDir();
    const setup = storeIn(dir);
    await setup.update(() => answers(149));
    await setup.update(addOne); // quiz.json: 150, .bak: 149
    writeFileSync(setup.path, '{"n": 150, "log": ["a0", "a'); // damaged
    const paused = gate();
    const moved = gate();
    // Process A: its rename of the damaged file aside is followed by a long pause (a slow disk, a descheduled process).
    const a = storeIn(dir, {
      fs: fsWith({
        rename: async (from, to) => {
          await realFs.rename(from, to);
          if (to.includes('.corrupt-')) {
            moved.open();
            await paused.wait;
          }
        },
      }),
    });
    const b = storeIn(dir);
    const repairing = a.load();
    await moved.wait; // A has moved quiz.json aside and is about to restore the backup
    const updating = b.update(addOne); // B answers now
    await tick();
    await tick();
    paused.open();
    const [loaded] = await Promise.all([repairing, updating]);
    expect(loaded.recovery?.usedBackup).toBe(true);
    const final = (await b.load()).value;
    // The backup's 149 answers and B's answer: nothing lost.
    expect(final.n).toBe(150);
    expect(final.log).toHaveLength(150);
  });

  it('a missing quiz file beside a good backup is restored from it and said so, not taken for a new student', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(() => answers(149));
    await s.update(addOne); // main 150, bak 149
    rmSync(s.path);
    const loaded = await s.load();
    expect(loaded.recovery).toMatchObject({ usedBackup: true, restoredMissing: true });
    expect(loaded.value.n).toBe(149);
    expect(JSON.parse(readFileSync(s.path, 'utf8'))).toEqual(loaded.value);
    // The next answer builds on the backup; the backup is not overwritten by a near-empty state.
    await s.update(addOne);
    expect((await s.load()).value.n).toBe(150);
    expect(JSON.parse(readFileSync(s.backupPath, 'utf8')).n).toBe(149);
  });

  it('an update (not only a load) on a missing file beside a backup also starts from the backup', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(() => answers(10));
    await s.update(addOne);
    rmSync(s.path);
    const r = await s.update(addOne);
    expect(r.recovery?.restoredMissing).toBe(true);
    expect(r.value.n).toBe(11);
  });

  it('a missing file beside a damaged backup keeps the backup aside and says so', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    writeFileSync(s.backupPath, 'garbage');
    const loaded = await s.load();
    expect(loaded.recovery?.usedBackup).toBe(false);
    expect(loaded.recovery?.reason).toMatch(/missing and its backup is damaged/);
    expect(readdirSync(dir).filter((f) => f.includes('.corrupt-')).map((f) => readFileSync(join(dir, f), 'utf8'))).toEqual(['garbage']);
  });

  it('a plain load of a good file never writes nor takes the lock', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(() => answers(3));
    const writes: string[] = [];
    const watched = storeIn(dir, {
      fs: fsWith({
        rename: async (a, b) => {
          writes.push(b);
          await realFs.rename(a, b);
        },
        open: async (p, f, m) => {
          if (f & 1) writes.push(p);
          return realFs.open(p, f, m);
        },
      }),
    });
    expect((await watched.load()).value.n).toBe(3);
    expect(writes).toEqual([]);
    expect(existsSync(s.path + '.lock')).toBe(false);
  });
});
