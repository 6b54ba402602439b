/**
 * A training run in a worker thread (dist/train-worker.js): the screen's
 * thread only draws and reads keys, so a key is answered while the network
 * trains. Between ticks the event loop is free, so controls arrive within one
 * slice of training (loop.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { msg } from '../../i18n/index.js';
import { buildRun } from '../runs/registry.js';
import { saveTrainer } from '../persist.js';
import { startTrainer } from '../start.js';
import type { TrainerApi, TrainOptions } from '../task.js';
import { Trainer } from '../trainer.js';
import { FASTEST, SPEEDS, TrainingLoop } from './loop.js';
import type { FromWorker, ToWorker, WorkerStart } from './protocol.js';

const start = workerData as WorkerStart;
const post = (m: FromWorker) => parentPort?.postMessage(m);

function fail(e: unknown): void {
  const detail = e instanceof Error ? e.message : String(e);
  post({ type: 'error', error: msg(`Training stopped: ${detail}`, `训练停止了：${detail}`) });
}

/** The model as it is now under NAME (--save's by default), said back as saved or not (the run goes on either way). */
async function save(t: TrainerApi, options: TrainOptions, name = start.save): Promise<void> {
  if (name === undefined) return;
  const r = await saveTrainer(t, name, options, start.version ?? 'dev');
  post(r.ok ? { type: 'saved', name, path: r.path } : { type: 'save-failed', error: r.error });
}

/** The draw-a-digit canvas's question: the answer, or null where the run has no predict (not a digits run). */
function predictFor(t: TrainerApi, pixels: Uint8Array): void {
  try {
    post({ type: 'prediction', prediction: t.predict?.(pixels) ?? null });
  } catch (e) {
    fail(e);
  }
}

async function main(): Promise<void> {
  const first = await startTrainer(start.runId, start.options, { load: start.load, pretrained: start.pretrained });
  if (!first.ok) return post({ type: 'error', error: first.error });
  const options = first.options;
  const loop = new TrainingLoop(
    first.trainer,
    (seed) => {
      // The options were good a moment ago and the data is loaded; only the seed changes.
      const again = buildRun(start.runId, { ...options, seed });
      if (!again.ok) throw new Error(again.error.en);
      return new Trainer(again.task);
    },
    (e) => {
      post(e);
      if (e.type === 'done') void save(loop.current, options);
    },
    {
      paused: start.paused,
      frameMs: 1000 / (start.fps ?? 15),
      // A 2D run at full speed is over in a second or two: at 100 steps/s the student sees the boundary bend.
      speed: first.trainer.info.topic === 'points' ? SPEEDS.indexOf(100) : FASTEST,
    },
  );

  let scheduled = false;
  const schedule = () => {
    if (scheduled || !loop.running) return;
    scheduled = true;
    const run = () => {
      scheduled = false;
      try {
        loop.tick();
      } catch (e) {
        loop.control({ type: 'pause' });
        return fail(e);
      }
      schedule();
    };
    const wait = loop.waitMs();
    // setImmediate lets the control messages that arrived in the meantime in first.
    if (wait > 0) setTimeout(run, wait);
    else setImmediate(run);
  };

  parentPort?.on('message', (c: ToWorker) => {
    if (c.type === 'close') {
      parentPort?.close();
      return;
    }
    if (c.type === 'save') return void save(loop.current, options, c.name ?? start.save);
    // Answered here, between two ticks of training (running or paused): the model as it is now.
    if (c.type === 'predict') return predictFor(loop.current, c.pixels);
    try {
      loop.control(c);
    } catch (e) {
      fail(e);
    }
    schedule();
  });
  loop.announce();
  loop.control(start.paused ? { type: 'pause' } : { type: 'resume' });
  schedule();
}

main().catch(fail);
