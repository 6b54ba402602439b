/**
 * A step opened up crosses the real worker thread (dist/train-worker.js): the
 * screen's `s` sends { type: 'step', inspect: true } and hears the step's
 * detail, intact after the structured clone; a plain step sends none.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StepDetail } from '../../src/training/inspect/types.js';
import { TrainingClient } from '../../src/training/loop/client.js';
import type { Frame } from '../../src/training/loop/frame.js';

let client: TrainingClient | null = null;
afterEach(() => client?.close());

describe('the inspector through the training thread', () => {
  it("'step' with inspect: an 'inspect' message with the step's detail; a plain 'step': none", async () => {
    const frames: Frame[] = [];
    const details: StepDetail[] = [];
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise<void>((r) => waiters.push(r));
    };
    client = new TrainingClient(
      { runId: 'digits', options: { seed: 1, epochs: 1 }, paused: true },
      {
        frame: (f) => (frames.push(f), wake()),
        epoch: () => undefined,
        done: () => undefined,
        error: (e) => {
          throw new Error(e.en);
        },
        inspect: (d) => (details.push(d), wake()),
      },
    );
    await until(() => frames.length > 0);
    client.send({ type: 'step' });
    await until(() => frames.some((f) => f.stepsDone === 1));
    client.send({ type: 'step', inspect: true });
    await until(() => details.length === 1 && frames.some((f) => f.stepsDone === 2));
    expect(details).toHaveLength(1);
    const d = details[0];
    expect(d.batch).toMatchObject({ epoch: 1, step: 2, index: 1, size: 32 });
    expect(d.forward[0].values).toBeInstanceOf(Float32Array);
    expect(d.forward.map((f) => f.name)).toContain('conv1');
    expect(d.grads.map((g) => g.name)).toContain('fc3.weight');
    expect(d.update.every((u) => u.delta.values.length === Math.min(u.delta.size, 4096))).toBe(true);
  }, 60000);
});
