/**
 * An experiment in its worker thread (dist/experiment-worker.js), as the
 * screen runs it: frames while the runs train, then the report with the same
 * verdict the same seed gives in this thread; an unknown id is answered with
 * the message, not a crash. Waits are for messages, never for a clock.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { ExperimentClient } from '../../src/experiments/client.js';
import { findExperiment } from '../../src/experiments/registry.js';
import { runExperiment, type ExperimentFrame } from '../../src/experiments/runner.js';
import type { ExperimentReport } from '../../src/experiments/types.js';
import type { Msg } from '../../src/i18n/index.js';

let client: ExperimentClient | null = null;
afterEach(() => client?.close());

function start(id: string): Promise<{ frames: ExperimentFrame[]; report?: ExperimentReport; error?: Msg }> {
  return new Promise((resolve) => {
    const frames: ExperimentFrame[] = [];
    client = new ExperimentClient(
      { id, seed: 2, quick: true, fps: 50 },
      {
        frame: (f) => frames.push(f),
        done: (f, report) => resolve({ frames: [...frames, f], report }),
        error: (error) => resolve({ frames, error }),
      },
    );
  });
}

describe('the experiment worker', () => {
  it('sends frames as the runs train, then the report this thread would compute', async () => {
    const heard = await start('no-nonlinearity');
    expect(heard.error).toBeUndefined();
    expect(heard.frames.length).toBeGreaterThanOrEqual(2);
    expect(heard.frames[0].runs.every((r) => r.steps === 0)).toBe(true);
    expect(heard.frames.at(-1)!.done).toBe(true);
    const def = findExperiment('no-nonlinearity');
    if (!def.ok) throw new Error('no def');
    const here = runExperiment(def.def, { seed: 2, quick: true });
    expect(heard.report!.measurements).toEqual(here.measurements);
    expect(heard.report!.verdict).toEqual(here.verdict);
  });

  it('answers an unknown id with the message', async () => {
    const heard = await start('no-such-thing');
    expect(heard.error?.en).toContain('There is no experiment');
  });
});
