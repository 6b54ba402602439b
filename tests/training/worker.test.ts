/**
 * A real run in the training worker thread (dist/train-worker.js), driven as the
 * screen drives it: paused at the start, one step, learning rate ×2, resume
 * to the end, and close. Waits are for messages, never for a clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Msg } from '../../src/i18n/index.js';
import { TrainingClient } from '../../src/training/loop/client.js';
import type { Frame } from '../../src/training/loop/frame.js';
import type { EpochRow } from '../../src/training/task.js';

interface Heard {
  frames: Frame[];
  epochs: EpochRow[];
  done: Frame[];
  errors: Msg[];
}

let client: TrainingClient | null = null;
afterEach(() => client?.close());

function start(runId: string, options: Record<string, unknown>, paused = true) {
  const heard: Heard = { frames: [], epochs: [], done: [], errors: [] };
  const waiters: (() => void)[] = [];
  const wake = () => waiters.splice(0).forEach((w) => w());
  client = new TrainingClient(
    { runId, options, paused },
    {
      frame: (f) => (heard.frames.push(f), wake()),
      epoch: (r) => (heard.epochs.push(r), wake()),
      done: (f) => (heard.done.push(f), wake()),
      error: (e) => (heard.errors.push(e), wake()),
    },
  );
  const until = async (ok: () => boolean) => {
    while (!ok()) await new Promise<void>((r) => waiters.push(r));
  };
  return { heard, until, client };
}

describe('the training worker', () => {
  it('paused at the start; one step; lr ×2; resumed it trains to the end and says done once', async () => {
    const { heard, until, client: c } = start('spiral', { epochs: 2, seed: 3 });
    await until(() => heard.frames.length > 0);
    expect(heard.frames[0]).toMatchObject({ stepsDone: 0, paused: true, done: false });
    expect(heard.frames[0].info).toMatchObject({ id: 'spiral', epochs: 2, seed: 3 });
    c.send({ type: 'step' });
    await until(() => heard.frames.some((f) => f.stepsDone === 1));
    const one = heard.frames.find((f) => f.stepsDone === 1)!;
    expect(one.losses).toHaveLength(1);
    expect(one.grads.map((g) => g.layer)).toEqual(['fc1', 'fc2', 'fc3']);
    expect(one.views.boundary?.predicted.length).toBe(one.views.boundary!.res ** 2);
    c.send({ type: 'lr', factor: 2 });
    await until(() => heard.frames.some((f) => f.lr === 0.02));
    c.send({ type: 'resume' });
    await until(() => heard.done.length > 0);
    expect(heard.epochs.map((r) => r.epoch)).toEqual([1, 2]);
    expect(heard.epochs.every((r) => r.lr === 0.02)).toBe(true);
    expect(heard.done[0]).toMatchObject({ done: true, stepsDone: 16 });
    expect(heard.errors).toEqual([]);
  }, 60_000);

  it('reset with a seed starts the run again from step 0 with that seed', async () => {
    const { heard, until, client: c } = start('xor', { epochs: 1 });
    await until(() => heard.frames.length > 0);
    c.send({ type: 'step' });
    c.send({ type: 'step' });
    await until(() => heard.frames.some((f) => f.stepsDone === 2));
    c.send({ type: 'reset', seed: 99 });
    await until(() => heard.frames.some((f) => f.info.seed === 99));
    expect(heard.frames.find((f) => f.info.seed === 99)).toMatchObject({ stepsDone: 0 });
  }, 60_000);

  it('a run that cannot be built is an error message, not a dead thread', async () => {
    const { heard, until } = start('csv', {});
    await until(() => heard.errors.length > 0);
    expect(heard.errors[0].en).toMatch(/--data/);
    expect(heard.errors[0].zh.length).toBeGreaterThan(0);
    // its thread then ends quietly: no second message about a stopped thread
    await new Promise((r) => setTimeout(r, 300));
    expect(heard.errors).toHaveLength(1);
  }, 60_000);
});
