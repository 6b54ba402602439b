/**
 * Saved state is only ever a regular file: a symlink planted at the state
 * path or its backup is never followed (an outside file was overwritten with
 * quiz JSON through quiz.json.bak), a FIFO never hangs a read, and the backup
 * is written from the validated state, not copied from a file that may change.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SaveError, StateFileError } from '../../src/storage/json-store.js';
import { addOne, answers, newDir, storeIn } from './helpers.js';

const mkfifo = (path: string) => execFileSync('mkfifo', [path]);
const OUTSIDE = 'the student’s own notes\n';

function outsideFile(): string {
  const p = join(newDir('nnlearn-outside-'), 'notes.txt');
  writeFileSync(p, OUTSIDE);
  return p;
}

describe('a state path that is not a regular file', () => {
  it('a symlink at FILE.bak is not written through: the save is refused with a clear message, the outside file unchanged', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(() => answers(2));
    const outside = outsideFile();
    symlinkSync(outside, s.backupPath);
    const err = await s.update(addOne).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SaveError);
    expect((err as SaveError).kind).toBe('not-a-file');
    expect((err as SaveError).detail.en).toMatch(/is a symbolic link, not a regular file/);
    expect((err as SaveError).detail.zh).toMatch(/符号链接/);
    expect(readFileSync(outside, 'utf8')).toBe(OUTSIDE);
    expect((await s.load()).value.n).toBe(2); // the state itself is untouched
  });

  it('a symlink at the state path is neither read nor written; the outside file is unchanged', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    const outside = outsideFile();
    symlinkSync(outside, s.path);
    await expect(s.load()).rejects.toBeInstanceOf(StateFileError);
    const err = await s.update(addOne).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as StateFileError).detail.en).toMatch(/symbolic link/);
    expect(readFileSync(outside, 'utf8')).toBe(OUTSIDE);
  });

  it('a FIFO at the state path: load and update return (they never open it), with a message naming it', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    mkfifo(s.path);
    const err = await s.load().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StateFileError);
    expect((err as StateFileError).detail.en).toMatch(/named pipe \(FIFO\)/);
    await expect(s.update(addOne)).rejects.toBeInstanceOf(StateFileError);
  });

  it('a FIFO at FILE.bak beside a missing state file does not hang either', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    mkfifo(s.backupPath);
    await expect(s.load()).rejects.toBeInstanceOf(StateFileError);
  });

  it('a folder at the state path is reported, not written', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    mkdirSync(s.path);
    await expect(s.update(addOne)).rejects.toBeInstanceOf(StateFileError);
  });

  it('the backup holds exactly the validated state read before the change (not a copy of whatever the file is)', async () => {
    const dir = newDir();
    const s = storeIn(dir);
    await s.update(() => answers(5));
    // Extra bytes a schema would reject nowhere: same JSON, different text layout, an unknown key.
    writeFileSync(s.path, JSON.stringify({ ...answers(5), extra: 'dropped by the schema' }));
    await s.update(addOne);
    expect(JSON.parse(readFileSync(s.backupPath, 'utf8'))).toEqual(answers(5));
  });
});
