/**
 * The lock judges a dead owner without comparing clocks: same host → the
 * owner's pid (kill(pid, 0)); another host or no owner info → its heartbeat
 * not changing for staleMs on the waiter's own monotonic clock. All clocks and
 * sleeps here are injected: no test waits for real time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LockBusyError, acquireLock, lockScope, withLock, type LockOptions } from '../../src/storage/lock.js';
import { newDir } from './helpers.js';

const HOUR = 3_600_000;

/** A waiter with its own fake monotonic clock, moved only by its sleeps; `onSleep` runs at each poll. */
function fakeWaiter(onSleep: (t: number) => void = () => undefined, extra: Partial<LockOptions> = {}): Partial<LockOptions> & { clock: () => number } {
  let t = 0;
  return {
    monotonic: () => t,
    sleep: async (ms) => {
      t += ms;
      onSleep(t);
    },
    clock: () => t,
    pollMs: 200,
    ...extra,
  };
}

/** A pid that is certainly not running: a child that has already exited. */
function deadPid(): number {
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

function plantLock(file: string, owner: object | string | null, beat?: string): void {
  mkdirSync(`${file}.lock`);
  if (owner !== null) writeFileSync(join(`${file}.lock`, 'owner.json'), typeof owner === 'string' ? owner : JSON.stringify(owner));
  if (beat !== undefined) writeFileSync(join(`${file}.lock`, 'beat'), beat);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe('the save lock', () => {
  it('a process whose wall clock is 2 hours ahead does not steal a live lock (same host): it waits, says for whom, then gives up', async () => {
    const file = join(newDir(), 'quiz.json');
    const holder = await acquireLock(file);
    // The waiter's Date.now is two hours ahead, and the lock's mtime is "two hours old" to it.
    const realNow = Date.now;
    vi.spyOn(Date, 'now').mockImplementation(() => realNow() + 2 * HOUR);
    const told: string[] = [];
    const w = fakeWaiter(undefined, { onWait: (m) => told.push(m.en), giveUpMs: 30_000 });
    const err = await withLock(file, async () => 'stolen', w).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LockBusyError);
    expect(w.clock()).toBeGreaterThanOrEqual(30_000); // it waited the whole give-up time on its own clock
    expect(told).toEqual([`Waiting for another nnlearn (pid ${process.pid} on ${(JSON.parse(readFileSync(join(`${file}.lock`, 'owner.json'), 'utf8')) as { host: string }).host}) that is saving…`]);
    expect(await holder.held.stillHeld()).toBe(true);
    await holder.release();
    expect(existsSync(`${file}.lock`)).toBe(false);
  });

  it('a lock of a dead pid on this host is taken at once (kill -9 leaves no wait)', async () => {
    const file = join(newDir(), 'quiz.json');
    plantLock(file, { pid: deadPid(), host: (await import('node:os')).hostname(), scope: lockScope(), started: new Date().toISOString(), token: 'dead' }, '7');
    const w = fakeWaiter();
    expect(await withLock(file, async () => 'ran', w)).toBe('ran');
    expect(w.clock()).toBe(0); // no sleep at all
  });

  it('a live owner on another host whose heartbeat moves is never taken over, however long; a frozen one is, after staleMs', async () => {
    const file = join(newDir(), 'quiz.json');
    plantLock(file, { pid: 1, host: 'other-machine', started: new Date(Date.now() + 5 * HOUR).toISOString(), token: 'remote' }, '0');
    let beats = 0;
    const beating = (t: number) => {
      if (t < 100_000) writeFileSync(join(`${file}.lock`, 'beat'), String(++beats)); // alive for 100 s, then killed
    };
    const w = fakeWaiter(beating, { giveUpMs: 1_000_000 });
    expect(await withLock(file, async () => 'ran', w)).toBe('ran');
    // Taken over only once the heartbeat had been still for 10 s (the default staleMs) of the waiter's time.
    expect(w.clock()).toBeGreaterThanOrEqual(109_500);
    expect(w.clock()).toBeLessThan(111_000);
  });

  it('a lock dir with no owner file (died between mkdir and writing it) is judged by watching it, then taken', async () => {
    const file = join(newDir(), 'quiz.json');
    plantLock(file, null);
    const w = fakeWaiter();
    expect(await withLock(file, async () => 'ran', w)).toBe('ran');
    expect(w.clock()).toBeGreaterThanOrEqual(10_000);
  });

  it('a half-written owner file counts as unreadable: judged by watching, not by a clock', async () => {
    const file = join(newDir(), 'quiz.json');
    plantLock(file, '{"pid": 12');
    const w = fakeWaiter();
    expect(await withLock(file, async () => 'ran', w)).toBe('ran');
    expect(w.clock()).toBeGreaterThanOrEqual(10_000);
  });

  it('a pid recorded on this host name but in another boot or pid namespace (a container, a reboot) is not asked: judged by its heartbeat', async () => {
    const file = join(newDir(), 'quiz.json');
    // Our own pid, alive here: in the other namespace it may be anyone, so it proves nothing.
    plantLock(file, { pid: process.pid, host: (await import('node:os')).hostname(), scope: 'another-boot/pid:[1]', started: '', token: 'c' }, '0');
    const w = fakeWaiter();
    expect(await withLock(file, async () => 'ran', w)).toBe('ran');
    expect(w.clock()).toBeGreaterThanOrEqual(10_000);
  });

  it('releasing removes only our own lock: one taken over meanwhile is left to its new owner', async () => {
    const file = join(newDir(), 'quiz.json');
    const mine = await acquireLock(file);
    // Another process judged us dead and took over: the lock now carries its token.
    writeFileSync(join(`${file}.lock`, 'owner.json'), JSON.stringify({ pid: process.pid, host: 'x', started: '', token: 'theirs' }));
    expect(await mine.held.stillHeld()).toBe(false);
    await mine.release();
    expect(existsSync(`${file}.lock`)).toBe(true);
  });

  it('the owner records pid, host, a start time and a token, and refreshes its heartbeat', async () => {
    const file = join(newDir(), 'quiz.json');
    let fire: (() => void) | undefined;
    vi.spyOn(globalThis, 'setInterval').mockImplementation(((fn: () => void) => {
      fire = fn;
      return { unref: () => undefined } as unknown as NodeJS.Timeout;
    }) as typeof setInterval);
    await withLock(file, async (held) => {
      const owner = JSON.parse(readFileSync(join(`${file}.lock`, 'owner.json'), 'utf8')) as Record<string, unknown>;
      expect(owner).toMatchObject({ pid: process.pid, token: held.token });
      expect(typeof owner.host).toBe('string');
      expect(typeof owner.started).toBe('string');
      const before = readFileSync(join(`${file}.lock`, 'beat'), 'utf8');
      fire!();
      await new Promise((r) => setTimeout(r, 20));
      expect(readFileSync(join(`${file}.lock`, 'beat'), 'utf8')).not.toBe(before);
    });
  });
});

describe('a save that has to wait', () => {
  it('says why ("waiting for another nnlearn (pid N) that is saving…") through the store, then saves once the lock is free', async () => {
    const { storeIn, addOne } = await import('./helpers.js');
    const dir = newDir();
    const file = join(dir, 'state.json');
    const holder = await acquireLock(file);
    let polls = 0;
    const w = fakeWaiter(() => {
      if (++polls === 20) void holder.release(); // the other nnlearn finishes its save after a while
    });
    const store = storeIn(dir, { lock: w });
    const told: string[] = [];
    store.onNotice = (m) => told.push(m.zh + ' / ' + m.en);
    expect((await store.update(addOne)).value.n).toBe(1);
    expect(told).toHaveLength(1);
    expect(told[0]).toContain(`Waiting for another nnlearn (pid ${process.pid}`);
    expect(told[0]).toContain(`正在等待另一个正在保存的 nnlearn（进程 ${process.pid}`);
  });
});

describe('a lock folder with a FIFO planted as its owner file', () => {
  it('is never opened blocking: the waiter judges it by watching and takes it over', async () => {
    const { execFileSync } = await import('node:child_process');
    const file = join(newDir(), 'quiz.json');
    mkdirSync(`${file}.lock`);
    execFileSync('mkfifo', [join(`${file}.lock`, 'owner.json')]);
    execFileSync('mkfifo', [join(`${file}.lock`, 'beat')]);
    const w = fakeWaiter();
    expect(await withLock(file, async () => 'ran', w)).toBe('ran');
  });
});
