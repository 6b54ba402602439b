/**
 * The screen's end of a training run in a worker thread (worker.ts): start it,
 * send the student's controls, hear frames, epochs, the end and errors.
 * close() ends the thread at once, wherever the step is.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { msg, type Msg } from '../../i18n/index.js';
import type { StepDetail } from '../inspect/types.js';
import type { EpochRow } from '../task.js';
import type { Prediction } from '../tasks/digit-predict.js';
import type { Frame } from './frame.js';
import type { Control } from './loop.js';
import type { FromWorker, ToWorker, WorkerStart } from './protocol.js';

export interface TrainingHandlers {
  frame(f: Frame): void;
  epoch(row: EpochRow): void;
  done(f: Frame): void;
  error(text: Msg): void;
  /** --save: the model was saved (the run's end, or asked with save()). */
  saved?(name: string, path: string): void;
  saveFailed?(text: Msg): void;
  /** The answer to predict(): null where the run cannot predict a drawn digit. */
  prediction?(p: Prediction | null): void;
  /** The step the screen asked to open (`s`). */
  inspect?(detail: StepDetail): void;
}

/** dist/train-worker.js; from source (vitest, tsx) the build's output is used, as for the REPL's worker. */
export function trainWorkerLocation(from: string = import.meta.url): URL {
  if (/\.[cm]?tsx?$/.test(new URL(from).pathname)) return new URL('../../../dist/train-worker.js', from);
  const candidates = [new URL('./train-worker.js', from), new URL('../train-worker.js', from)];
  for (const u of candidates) if (existsSync(fileURLToPath(u))) return u;
  return candidates[0];
}

export class TrainingClient {
  private worker: Worker | null;
  private handlers: TrainingHandlers | null = null;
  /** What the thread said before anyone listened (the worker starts before the screen is drawn). */
  private early: ((h: TrainingHandlers) => void)[] = [];

  /** Starts the thread now; `handlers` may come later (listen), and then hear everything said so far, in order. */
  constructor(start: WorkerStart, handlers?: TrainingHandlers, workerPath: string | URL = trainWorkerLocation()) {
    if (handlers) this.handlers = handlers;
    const w = new Worker(workerPath, { workerData: start, execArgv: [] });
    this.worker = w;
    const tell = (say: (h: TrainingHandlers) => void) => (this.handlers ? say(this.handlers) : this.early.push(say));
    /** The thread explained itself (a run that could not be built ends its thread quietly after saying why). */
    let said = false;
    w.on('message', (m: FromWorker) => {
      if (this.worker !== w) return;
      switch (m.type) {
        case 'frame':
          return tell((h) => h.frame(m.frame));
        case 'epoch':
          return tell((h) => h.epoch(m.row));
        case 'done':
          return tell((h) => h.done(m.frame));
        case 'error':
          said = true;
          return tell((h) => h.error(m.error));
        case 'saved':
          return tell((h) => h.saved?.(m.name, m.path));
        case 'save-failed':
          return tell((h) => h.saveFailed?.(m.error));
        case 'prediction':
          return tell((h) => h.prediction?.(m.prediction));
        case 'inspect':
          return tell((h) => h.inspect?.(m.detail));
      }
    });
    const died = (detail: string) => {
      if (this.worker !== w) return;
      this.worker = null;
      tell((h) => h.error(msg(`The training thread stopped (${detail}).`, `训练线程停止了（${detail}）。`)));
    };
    w.on('error', (e) => died(e.message));
    w.on('exit', (code) => (said && code === 0 ? void (this.worker = null) : died(`exit code ${code}`)));
  }

  listen(handlers: TrainingHandlers): void {
    this.handlers = handlers;
    for (const say of this.early.splice(0)) say(handlers);
  }

  send(c: Control): void {
    this.worker?.postMessage(c satisfies ToWorker);
  }

  /** Asks the thread to save the model now, as `name` (default: --save's); the answer comes to saved / saveFailed. */
  save(name?: string): void {
    this.worker?.postMessage({ type: 'save', name } satisfies ToWorker);
  }

  /** Asks the model what a drawn 28×28 grey image (0–255, preprocessed) is; the answer comes to prediction(). */
  predict(pixels: Uint8Array): void {
    this.worker?.postMessage({ type: 'predict', pixels } satisfies ToWorker);
  }

  /** Ends the run now (quit); no handler is called after this. */
  close(): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
  }
}
