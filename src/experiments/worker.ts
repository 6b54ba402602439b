/**
 * An experiment in a worker thread (dist/experiment-worker.js): the screen's
 * thread draws and reads keys while the runs train here. Steps are taken in
 * slices of a few milliseconds with the event loop free between them, and a
 * frame goes out at most `fps` times a second.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { msg } from '../i18n/index.js';
import type { ExperimentStart, FromExperimentWorker } from './protocol.js';
import { findExperiment } from './registry.js';
import { ExperimentRunner } from './runner.js';

const start = workerData as ExperimentStart;
const post = (m: FromExperimentWorker) => parentPort?.postMessage(m);
/** Training time per slice before the thread looks at its messages and the clock again. */
const SLICE_MS = 20;

function fail(e: unknown): void {
  const detail = e instanceof Error ? e.message : String(e);
  post({ type: 'error', error: msg(`The experiment stopped: ${detail}`, `实验停止了：${detail}`) });
}

async function main(): Promise<void> {
  const found = findExperiment(start.id);
  if (!found.ok) return post({ type: 'error', error: found.error });
  await found.def.prepare?.();
  const runner = new ExperimentRunner(found.def, { seed: start.seed, quick: start.quick });
  const frameMs = 1000 / (start.fps ?? 10);
  let lastFrame = 0;
  const tick = () => {
    try {
      const t0 = performance.now();
      while (!runner.done && performance.now() - t0 < SLICE_MS) runner.step();
      if (runner.done) return post({ type: 'done', frame: runner.frame(), report: runner.report() });
      if (performance.now() - lastFrame >= frameMs) {
        lastFrame = performance.now();
        post({ type: 'frame', frame: runner.frame() });
      }
      setImmediate(tick);
    } catch (e) {
      fail(e);
    }
  };
  post({ type: 'frame', frame: runner.frame() });
  setImmediate(tick);
}

main().catch(fail);
