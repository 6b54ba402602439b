/**
 * A cross-process lock beside a file, so two nnlearn processes never
 * interleave a read-modify-write of the same state. mkdir is atomic on every
 * platform; the owner then records {pid, host, started, token} inside and
 * refreshes a heartbeat every second while it holds the lock.
 *
 * Staleness never compares clocks (a process whose clock ran ahead used to
 * steal live locks by comparing its Date.now with the lock's mtime):
 * - same host (and boot and pid namespace): the lock is stale iff the owner's
 *   pid is gone (kill(pid, 0) says ESRCH; EPERM means alive) — a lock left by
 *   kill -9 is taken at once;
 * - another host or container, or no readable owner yet (killed between mkdir and writing
 *   it): stale when the owner info and heartbeat have not changed for
 *   `staleMs` as measured on this process's own monotonic clock.
 * Taking over renames the stale lock away and checks it was the one judged
 * stale; releasing removes only a lock that still carries our token.
 */
import { randomBytes } from 'node:crypto';
import { constants, readFileSync, readlinkSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { msg, type Msg } from '../i18n/index.js';
import { realFs } from './fs-seam.js';
import { readRegularFile } from './safe-read.js';

export interface LockOwner {
  pid: number;
  host: string;
  /** Boot and pid namespace: a pid only means the same process within one boot of one namespace (containers, reboots). */
  scope?: string;
  /** Informational only (ISO time on the owner's clock); never used to judge staleness. */
  started: string;
  token: string;
}

export interface LockOptions {
  /** A monotonic clock in ms (never Date.now: wall clocks jump and differ between machines). */
  monotonic: () => number;
  sleep: (ms: number) => Promise<void>;
  host: string;
  scope: string;
  pid: number;
  /** Whether a process on this host is alive (kill(pid, 0): ESRCH → dead, EPERM → alive). */
  isAlive: (pid: number) => boolean;
  /** How long an unchanging heartbeat means a dead owner (other host or no owner info). */
  staleMs: number;
  pollMs: number;
  heartbeatMs: number;
  /** Waited this long for a live owner: give up with LockBusyError (the caller says the save did not happen). */
  giveUpMs: number;
  /** After this long waiting, `onWait` is told once, so a pause is never unexplained. */
  noticeMs: number;
  onWait?: (m: Msg) => void;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

let cachedScope: string | undefined;

/** This boot's id and this process's pid namespace (Linux); '' where the system does not say. */
export function lockScope(): string {
  if (cachedScope !== undefined) return cachedScope;
  let boot = '';
  let ns = '';
  try {
    boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // not Linux
  }
  try {
    ns = readlinkSync('/proc/self/ns/pid');
  } catch {
    // not Linux
  }
  return (cachedScope = boot || ns ? `${boot}/${ns}` : '');
}

export const defaultLockOptions = (): LockOptions => ({
  monotonic: () => performance.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  host: hostname(),
  scope: lockScope(),
  pid: process.pid,
  isAlive,
  staleMs: 10_000,
  pollMs: 20,
  heartbeatMs: 1000,
  giveUpMs: 60_000,
  noticeMs: 2000,
});

const OWNER = 'owner.json';
const BEAT = 'beat';

export class LockBusyError extends Error {
  override readonly name = 'LockBusyError';
  constructor(
    readonly dir: string,
    readonly owner: LockOwner | undefined,
    readonly detail: Msg,
  ) {
    super(detail.en);
  }
}

export interface HeldLock {
  readonly token: string;
  /** The lock is still ours (not taken over by a process that judged us dead). Checked before committing a write. */
  stillHeld(): Promise<boolean>;
}

/** Never through a link nor blocking on a FIFO planted in the lock folder. */
async function readSafely(path: string): Promise<string | undefined> {
  const r = await readRegularFile(realFs, path);
  return r.kind === 'file' ? r.text : undefined;
}

// Written only by the owner, into the folder it just created; O_NOFOLLOW all the same.
const WRITE_NOFOLLOW = constants.O_WRONLY | constants.O_CREAT | constants.O_TRUNC | (constants.O_NOFOLLOW ?? 0);

async function readOwner(dir: string): Promise<{ raw: string; owner?: LockOwner } | undefined> {
  const raw = await readSafely(join(dir, OWNER));
  if (raw === undefined) return undefined;
  try {
    const o = JSON.parse(raw) as LockOwner;
    if (Number.isInteger(o.pid) && o.pid > 0 && typeof o.host === 'string' && typeof o.token === 'string') return { raw, owner: o };
  } catch {
    // Half-written: judged by observation.
  }
  return { raw };
}

async function readBeat(dir: string): Promise<string> {
  return (await readSafely(join(dir, BEAT))) ?? '';
}

const waitingMsg = (owner: LockOwner | undefined): Msg =>
  owner
    ? msg(`Waiting for another nnlearn (pid ${owner.pid}${owner.host ? ` on ${owner.host}` : ''}) that is saving…`, `正在等待另一个正在保存的 nnlearn（进程 ${owner.pid}${owner.host ? `，主机 ${owner.host}` : ''}）……`)
    : msg('Waiting for another nnlearn that is saving…', '正在等待另一个正在保存的 nnlearn……');

/** Moves a lock judged stale out of the way; false if it was not the one judged (it changed hands meanwhile). */
async function takeOver(dir: string, judgedToken: string | undefined, o: LockOptions): Promise<boolean> {
  const moved = `${dir}.stale-${o.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(dir, moved);
  } catch {
    return false; // Someone else took it over or it was released.
  }
  const now = await readOwner(moved);
  if (now?.owner?.token !== judgedToken) {
    // A new owner took the lock between our judgement and the rename: give it back.
    await rename(moved, dir).catch(() => undefined);
    return false;
  }
  await rm(moved, { recursive: true, force: true });
  return true;
}

export async function acquireLock(file: string, opts: Partial<LockOptions> = {}): Promise<{ held: HeldLock; release: () => Promise<void> }> {
  const o = { ...defaultLockOptions(), ...opts };
  const dir = `${file}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const start = o.monotonic();
  let observed: { snapshot: string; since: number } | undefined;
  let told = false;
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const info = await readOwner(dir);
    const owner = info?.owner;
    let stale: boolean;
    // Its pid can be asked only on the same host, in the same boot and pid namespace.
    if (owner && owner.host === o.host && (owner.scope ?? '') === o.scope) {
      stale = !o.isAlive(owner.pid);
    } else {
      const snapshot = `${info?.raw ?? '<none>'}\n${await readBeat(dir)}`;
      const t = o.monotonic();
      if (!observed || observed.snapshot !== snapshot) observed = { snapshot, since: t };
      stale = t - observed.since >= o.staleMs;
    }
    if (stale) {
      await takeOver(dir, owner?.token, o);
      observed = undefined;
      continue;
    }
    const waited = o.monotonic() - start;
    if (!told && waited >= o.noticeMs) {
      told = true;
      o.onWait?.(waitingMsg(owner));
    }
    if (waited >= o.giveUpMs) {
      throw new LockBusyError(
        dir,
        owner,
        msg(
          `Another nnlearn${owner ? ` (pid ${owner.pid} on ${owner.host})` : ''} has held ${dir} for over ${Math.round(o.giveUpMs / 1000)} s. If no other nnlearn is running, delete that folder.`,
          `另一个 nnlearn${owner ? `（进程 ${owner.pid}，主机 ${owner.host}）` : ''}占用 ${dir} 已超过 ${Math.round(o.giveUpMs / 1000)} 秒。如果没有其他 nnlearn 在运行，请删除这个文件夹。`,
        ),
      );
    }
    await o.sleep(o.pollMs + Math.random() * o.pollMs);
  }
  const me: LockOwner = { pid: o.pid, host: o.host, scope: o.scope, started: new Date().toISOString(), token: randomBytes(12).toString('hex') };
  let beats = 0;
  try {
    await writeFile(join(dir, OWNER), JSON.stringify(me), { flag: 'wx' });
    await writeFile(join(dir, BEAT), String(beats), { flag: WRITE_NOFOLLOW });
  } catch (e) {
    // A full disk: do not leave a lock without an owner (the next save would wait to judge it).
    await rm(dir, { recursive: true, force: true });
    throw e;
  }
  // A waiter on another host judges us alive by seeing this change.
  const timer = setInterval(() => {
    void writeFile(join(dir, BEAT), String(++beats), { flag: WRITE_NOFOLLOW }).catch(() => undefined);
  }, o.heartbeatMs);
  timer.unref();
  const held: HeldLock = {
    token: me.token,
    stillHeld: async () => (await readOwner(dir))?.owner?.token === me.token,
  };
  const release = async () => {
    clearInterval(timer);
    if (!(await held.stillHeld())) return; // Taken over: not ours to remove.
    const gone = `${dir}.released-${me.token}`;
    try {
      await rename(dir, gone);
    } catch {
      return;
    }
    await rm(gone, { recursive: true, force: true });
  };
  return { held, release };
}

export async function withLock<T>(file: string, fn: (held: HeldLock) => Promise<T>, opts: Partial<LockOptions> = {}): Promise<T> {
  const { held, release } = await acquireLock(file, opts);
  try {
    return await fn(held);
  } finally {
    await release();
  }
}
