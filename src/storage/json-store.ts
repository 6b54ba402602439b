/**
 * Saved state that is never lost: JSON validated with a schema on load,
 * written atomically and only when complete (atomic-write.ts), with the last
 * good version kept as FILE.bak — written from the validated state in memory,
 * never copied (a copy follows links and reads a file that may be changing).
 *
 * Every repair happens under the lock: a plain load reads without the lock and
 * never writes; if it finds anything to repair (a damaged file, a missing file
 * beside a backup, a card with impossible numbers) it takes the lock and looks
 * again. A damaged file is moved aside (FILE.corrupt-<time>, never overwritten)
 * and the student is told. Updates re-read the file under the lock, so two
 * nnlearn processes merge instead of clobbering each other.
 */
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ZodMiniType } from 'zod/mini';
import { msg, type Msg } from '../i18n/index.js';
import { TEMP_MARK, writeFileAtomic, type WriteHooks } from './atomic-write.js';
import { SaveError, StateFileError, cannotMoveAsideMsg, notAFileMsg, saveErrorFrom } from './errors.js';
import { realFs, type PathKind, type StoreFs } from './fs-seam.js';
import { LockBusyError, withLock, type HeldLock, type LockOptions } from './lock.js';
import { readRegularFile } from './safe-read.js';

export { SaveError, StateFileError } from './errors.js';

export interface Recovery {
  /** Where the unreadable file was moved (absent when nothing had to be moved: the file was missing). */
  movedTo?: string;
  reason: string;
  /** What was used instead. */
  usedBackup: boolean;
  /** The file was missing and was restored from the backup. */
  restoredMissing?: boolean;
  /** Parts that were reset while the rest was kept (e.g. one card with impossible numbers). */
  partial?: Msg[];
}

export interface Loaded<T> {
  value: T;
  recovery?: Recovery;
  /** The value was validated (and so is worth keeping as the backup). */
  valid?: boolean;
}

export interface StoreOptions<T> {
  fs?: StoreFs;
  hooks?: WriteHooks;
  lock?: Partial<LockOptions>;
  /** Runs on the parsed JSON before the schema: migrations, and per-item repairs it reports as notes. */
  prepare?: (json: unknown) => { json: unknown; notes: Msg[] };
  /** Runs on every value before it is written (e.g. compacting an old log). */
  normalize?: (value: T) => T;
}

type Read<T> = { status: 'valid'; value: T; notes: Msg[] } | { status: 'missing' } | { status: 'unsafe'; kind: PathKind } | { status: 'damaged'; reason: string };

export class JsonStore<T> {
  private readonly fs: StoreFs;
  private cleaned = false;
  /** Told when a save has to wait for another nnlearn (the UI sets this to say why it pauses). */
  onNotice?: (m: Msg) => void;

  constructor(
    readonly path: string,
    private readonly schema: ZodMiniType<T>,
    private readonly empty: () => T,
    private readonly o: StoreOptions<T> = {},
  ) {
    this.fs = o.fs ?? realFs;
  }

  get backupPath(): string {
    return `${this.path}.bak`;
  }

  private async read(path: string): Promise<Read<T>> {
    const r = await readRegularFile(this.fs, path);
    if (r.kind === 'missing') return { status: 'missing' };
    if (r.kind === 'error') return { status: 'damaged', reason: `cannot read it (${r.code})` };
    if (r.kind !== 'file') return { status: 'unsafe', kind: r.kind };
    let json: unknown;
    try {
      json = JSON.parse(r.text);
    } catch (e) {
      return { status: 'damaged', reason: `it is not valid JSON (${(e as Error).message})` };
    }
    const prepared = this.o.prepare ? this.o.prepare(json) : { json, notes: [] };
    const parsed = this.schema.safeParse(prepared.json);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const expected = first && 'expected' in first ? `expected ${String(first.expected)}` : first?.message;
      return { status: 'damaged', reason: `it does not have the expected shape (${first?.path.join('.') || 'top'}: ${expected})` };
    }
    return { status: 'valid', value: parsed.data, notes: prepared.notes };
  }

  private lockOptions(): Partial<LockOptions> {
    return { onWait: (m) => this.onNotice?.(m), ...this.o.lock };
  }

  /**
   * Loads the state. Reads without the lock and never writes then; anything to
   * repair is repaired under the lock, after reading again.
   */
  async load(): Promise<Loaded<T>> {
    const main = await this.read(this.path);
    if (main.status === 'valid' && main.notes.length === 0) return { value: main.value, valid: true };
    if (main.status === 'unsafe') throw new StateFileError(this.path, notAFileMsg(this.path, main.kind));
    if (main.status === 'missing') {
      const bak = await readRegularFile(this.fs, this.backupPath);
      if (bak.kind === 'missing') return { value: this.empty() };
    }
    return this.locked(() => this.loadLocked());
  }

  private async locked<R>(fn: (held: HeldLock) => Promise<R>): Promise<R> {
    try {
      return await withLock(this.path, fn, this.lockOptions());
    } catch (e) {
      if (e instanceof LockBusyError) throw new SaveError('busy', this.path, 'busy', e.detail);
      // A full or read-only disk met while taking the lock is a failed save like any other, said plainly.
      if (!(e instanceof StateFileError) && typeof (e as NodeJS.ErrnoException)?.code === 'string') throw saveErrorFrom(e, this.path);
      throw e;
    }
  }

  private async moveAside(path: string, reason: string): Promise<string> {
    // Unique even for two damaged files within one millisecond (two processes).
    const movedTo = `${path}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
    try {
      await this.fs.rename(path, movedTo);
    } catch (e) {
      // It cannot be moved (permissions): it must not be written over either.
      throw new StateFileError(path, cannotMoveAsideMsg(path, reason, (e as Error).message));
    }
    return movedTo;
  }

  private serialize(value: T): Buffer {
    return Buffer.from(JSON.stringify(value, null, 1) + '\n', 'utf8');
  }

  private async writeMain(value: T): Promise<void> {
    await writeFileAtomic(this.fs, this.path, this.serialize(value), this.o.hooks);
  }

  /** The state as on disk now, repaired if needed. Call only while holding the lock. */
  private async loadLocked(): Promise<Loaded<T>> {
    const main = await this.read(this.path);
    if (main.status === 'unsafe') throw new StateFileError(this.path, notAFileMsg(this.path, main.kind));
    if (main.status === 'valid') {
      if (main.notes.length === 0) return { value: main.value, valid: true };
      // Some parts were impossible and reset: keep the original bytes, save the rest.
      const reason = main.notes.map((n) => n.en).join(' ');
      const movedTo = await this.moveAside(this.path, reason);
      await this.writeMain(main.value);
      return { value: main.value, valid: true, recovery: { movedTo, reason, usedBackup: false, partial: main.notes } };
    }
    const bak = await this.read(this.backupPath);
    if (bak.status === 'unsafe') throw new StateFileError(this.backupPath, notAFileMsg(this.backupPath, bak.kind));
    if (main.status === 'missing') {
      if (bak.status === 'missing') return { value: this.empty() };
      if (bak.status === 'valid') {
        // Not a new student: the main file went missing (deleted, or a sync client). The backup is the record.
        await this.writeMain(bak.value);
        return { value: bak.value, valid: true, recovery: { reason: 'the file is missing', usedBackup: true, restoredMissing: true } };
      }
      const movedTo = await this.moveAside(this.backupPath, bak.reason);
      return { value: this.empty(), recovery: { movedTo, reason: `the file is missing and its backup is damaged: ${bak.reason}`, usedBackup: false } };
    }
    const movedTo = await this.moveAside(this.path, main.reason);
    if (bak.status === 'valid') {
      await this.writeMain(bak.value);
      return { value: bak.value, valid: true, recovery: { movedTo, reason: main.reason, usedBackup: true } };
    }
    return { value: this.empty(), recovery: { movedTo, reason: main.reason, usedBackup: false } };
  }

  /**
   * Read-modify-write under the lock. `fn` gets the state as it is on disk now
   * (another process may have changed it) and returns the new state. A failed
   * write throws SaveError and leaves both files as they were.
   */
  async update(fn: (current: T) => T): Promise<{ value: T; recovery?: Recovery }> {
    try {
      await this.fs.mkdir(dirname(this.path), true);
    } catch (e) {
      throw saveErrorFrom(e, dirname(this.path));
    }
    return this.locked(async (held) => {
      const loaded = await this.loadLocked();
      await this.cleanTemps();
      const next = this.o.normalize ? this.o.normalize(fn(loaded.value)) : fn(loaded.value);
      if (!(await held.stillHeld())) {
        throw new SaveError('busy', this.path, 'lock-lost', msg('Another nnlearn took over the save lock; this change was not written.', '另一个 nnlearn 接管了保存锁；这次修改没有写入。'));
      }
      // The state just read and validated is the last good version.
      if (loaded.valid) await writeFileAtomic(this.fs, this.backupPath, this.serialize(loaded.value), this.o.hooks);
      await this.writeMain(next);
      return { value: next, recovery: loaded.recovery };
    });
  }

  /**
   * Temp files left by a killed write: ours (`FILE.tmp-…`) and write-file-atomic's
   * (`FILE.<digits>`, older versions). Called under the lock, where no write of
   * this file can be running, so no age or clock comparison is needed.
   */
  private async cleanTemps(): Promise<void> {
    if (this.cleaned) return;
    this.cleaned = true;
    const base = basename(this.path);
    const esc = base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^${esc}(\\.bak)?(${TEMP_MARK.replace('.', '\\.')}.+|\\.\\d+)$`);
    let names: string[];
    try {
      names = await this.fs.readdir(dirname(this.path));
    } catch {
      return;
    }
    for (const n of names) if (pattern.test(n)) await this.fs.unlink(join(dirname(this.path), n)).catch(() => undefined);
    // Locks renamed away to be removed (taken over or released) by a process killed right then: no longer anyone's lock.
    const movedLock = new RegExp(`^${esc}\\.lock\\.(stale|released)-`);
    for (const n of names) if (movedLock.test(n)) await rm(join(dirname(this.path), n), { recursive: true, force: true }).catch(() => undefined);
  }
}
