/**
 * Issue #10: long engine work blocked the interactive REPL (Ctrl+C, exit and
 * SIGTERM ignored). Its session now runs in a worker (dist/repl-worker.js):
 * cancel() terminates the worker, and the next line finds the variables again.
 * The long command is a test hook (a line the worker spins on until terminated),
 * so nothing here depends on how fast the machine is.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { Tensor } from '../../src/engine/tensor.js';
import { WorkerSession, sessionWorkerBuilt } from '../../src/repl/remote-session.js';

const HANG = '__hang__';
let open: WorkerSession[] = [];
/** A session that also brings each line's JSON record across (the screen's takes blocks only). */
const make = (json = true) => {
  const s = new WorkerSession({ lang: 'en', width: 80, hangOn: HANG, json });
  open.push(s);
  return s;
};
afterEach(() => {
  open.forEach((s) => s.close());
  open = [];
});

describe('the REPL session in a worker', () => {
  it('is built (the build writes dist/repl-worker.js)', () => {
    expect(sessionWorkerBuilt()).toBe(true);
  });

  it('brings across only what the screen shows: the blocks, and the JSON record only when asked for', async () => {
    const s = make(false);
    const r = await s.exec('let x = rand 6x6x1 seed=7');
    expect(r.ok).toBe(true);
    expect(r.blocks().length).toBeGreaterThan(0);
    expect(r.json()).toEqual({ command: 'let', ok: true });
    const shown = await s.exec('show x');
    expect(shown.blocks().some((b) => b.kind === 'matrix')).toBe(true);
    expect(shown.json()).toEqual({ command: 'show', ok: true });
  }, 60_000);

  it('runs commands, mirrors the variable names and hands back tensors the views can draw', async () => {
    const s = make();
    expect((await s.exec('let x = rand 6x6x1 seed=7')).ok).toBe(true);
    expect([...s.ctx.vars.keys()]).toContain('x');
    const r = await s.exec('conv x F=3 K=2');
    expect(r.ok).toBe(true);
    const matrix = r.blocks().find((b) => b.kind === 'matrix') as { tensor: unknown };
    expect(matrix.tensor).toBeInstanceOf(Tensor);
    const step = await s.exec('step');
    expect(step.action).toBe('stepper');
    expect((step.stepper!.data as { input: unknown }).input).toBeInstanceOf(Tensor);
  }, 60_000);

  it('cancel() stops a command that never ends; the variables are kept and the next line runs', async () => {
    const s = make();
    await s.exec('let x = rand 6x6x1 seed=7');
    await s.exec('w = 3');
    const running = s.exec(HANG);
    expect(s.busy()).toBe(true);
    expect(s.cancel()).toBe(true);
    const r = await running;
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(/^Cancelled\. Your variables are kept/);
    expect(s.busy()).toBe(false);
    expect(s.cancel()).toBe(false);
    // A fresh worker, with x and w replayed into it.
    const shown = await s.exec('show x');
    expect(shown.ok).toBe(true);
    expect(shown.json()).toMatchObject({ command: 'show', name: 'x', value: { shape: [1, 6, 6] } });
    expect((await s.exec('w + 1')).json()).toMatchObject({ ok: true, value: 4 });
    expect([...s.ctx.vars.keys()].sort()).toEqual(['w', 'x']);
  }, 60_000);

  it('a rand without seed= is replayed with the seed it drew: after cancel() the numbers are the same', async () => {
    const s = make();
    const made = await s.exec('let r = rand 3x3');
    const before = (made.json().value as { data: number[] }).data;
    const running = s.exec(HANG);
    s.cancel();
    await running;
    const shown = await s.exec('show r');
    expect((shown.json().value as { data: number[] }).data).toEqual(before);
  }, 60_000);

  it('close() answers a waiting line instead of leaving it hanging', async () => {
    const s = make();
    const running = s.exec(HANG);
    s.close();
    expect((await running).ok).toBe(false);
  }, 60_000);
});
