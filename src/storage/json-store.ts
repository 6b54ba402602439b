/**
 * Saved state that is never lost: JSON validated with a schema on load,
 * written atomically (write-file-atomic: temp file + rename), with the last
 * good version kept as FILE.bak. A corrupt or unreadable file is moved aside
 * (FILE.corrupt-<time>, never overwritten), the student is told, and the
 * backup is used. Updates run under a lock, re-reading the file first, so two
 * nnlearn processes merge instead of clobbering each other.
 */
import { copyFile, mkdir, readFile, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import writeFileAtomic from 'write-file-atomic';
import type { ZodMiniType } from 'zod/mini';
import { withLock } from './lock.js';

/** A damaged state file that could not be moved aside: nnlearn stops rather than overwrite it. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly path: string,
    readonly reason: string,
    readonly moveError: string,
  ) {
    super(`${path} cannot be read (${reason}) and cannot be moved aside (${moveError}); it was left untouched. Move or fix it, then run nnlearn again.`);
  }
}

export interface Recovery {
  /** Where the unreadable file was moved. */
  movedTo: string;
  reason: string;
  /** What was used instead. */
  usedBackup: boolean;
}

export interface Loaded<T> {
  value: T;
  recovery?: Recovery;
  /** The file on disk was valid (and so is worth keeping as the backup). */
  valid?: boolean;
}

export class JsonStore<T> {
  constructor(
    readonly path: string,
    private readonly schema: ZodMiniType<T>,
    private readonly empty: () => T,
  ) {}

  private async readValid(path: string): Promise<{ ok: true; value: T } | { ok: false; missing: boolean; reason: string }> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      return { ok: false, missing: code === 'ENOENT', reason: `cannot read it (${code ?? (e as Error).message})` };
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      return { ok: false, missing: false, reason: `it is not valid JSON (${(e as Error).message})` };
    }
    const parsed = this.schema.safeParse(json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const expected = first && 'expected' in first ? `expected ${String(first.expected)}` : first?.message;
      return { ok: false, missing: false, reason: `it does not have the expected shape (${first?.path.join('.') || 'top'}: ${expected})` };
    }
    return { ok: true, value: parsed.data };
  }

  /** Loads the state; a damaged file is moved aside and the backup (or an empty state) used. */
  async load(): Promise<Loaded<T>> {
    const main = await this.readValid(this.path);
    if (main.ok) return { value: main.value, valid: true };
    if (main.missing) return { value: this.empty() };
    // Unique even for two damaged files within one millisecond (two processes).
    const movedTo = `${this.path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      await rename(this.path, movedTo);
    } catch (e) {
      // It cannot be moved (permissions): it must not be written over either.
      throw new StateFileError(this.path, main.reason, (e as Error).message);
    }
    const backup = await this.readValid(`${this.path}.bak`);
    const value = backup.ok ? backup.value : this.empty();
    if (backup.ok) await this.write(value, false);
    return { value, recovery: { movedTo, reason: main.reason, usedBackup: backup.ok } };
  }

  private async write(value: T, backupFirst: boolean): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    if (backupFirst) {
      // The current file was just read and validated: it is the last good version.
      await copyFile(this.path, `${this.path}.bak`).catch(() => undefined);
    }
    await writeFileAtomic(this.path, JSON.stringify(value, null, 1) + '\n', { fsync: true });
  }

  /**
   * Read-modify-write under the lock. `fn` gets the state as it is on disk now
   * (another process may have changed it) and returns the new state.
   */
  async update(fn: (current: T) => T): Promise<{ value: T; recovery?: Recovery }> {
    return withLock(this.path, async () => {
      const loaded = await this.load();
      const next = fn(loaded.value);
      await this.write(next, loaded.valid === true);
      return { value: next, recovery: loaded.recovery };
    });
  }
}
