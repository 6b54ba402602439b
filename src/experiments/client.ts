/**
 * The screen's end of an experiment in a worker thread (worker.ts): start it,
 * hear frames, the report and errors; close() ends the thread wherever it is.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { msg, type Msg } from '../i18n/index.js';
import type { ExperimentStart, FromExperimentWorker } from './protocol.js';
import type { ExperimentFrame } from './runner.js';
import type { ExperimentReport } from './types.js';

export interface ExperimentHandlers {
  frame(f: ExperimentFrame): void;
  done(f: ExperimentFrame, report: ExperimentReport): void;
  error(text: Msg): void;
}

/** dist/experiment-worker.js; from source (vitest, tsx) the build's output is used, as for the training worker. */
export function experimentWorkerLocation(from: string = import.meta.url): URL {
  if (/\.[cm]?tsx?$/.test(new URL(from).pathname)) return new URL('../../dist/experiment-worker.js', from);
  const candidates = [new URL('./experiment-worker.js', from), new URL('../experiment-worker.js', from)];
  for (const u of candidates) if (existsSync(fileURLToPath(u))) return u;
  return candidates[0];
}

export class ExperimentClient {
  private worker: Worker | null;

  constructor(start: ExperimentStart, handlers: ExperimentHandlers, workerPath: string | URL = experimentWorkerLocation()) {
    const w = new Worker(workerPath, { workerData: start, execArgv: [] });
    this.worker = w;
    let ended = false;
    w.on('message', (m: FromExperimentWorker) => {
      if (this.worker !== w) return;
      if (m.type === 'frame') return handlers.frame(m.frame);
      ended = true;
      if (m.type === 'done') return handlers.done(m.frame, m.report);
      handlers.error(m.error);
    });
    w.on('error', (e) => {
      if (this.worker !== w) return;
      ended = true;
      handlers.error(msg(`The experiment's thread failed: ${e.message}`, `实验线程出错：${e.message}`));
    });
    w.on('exit', (code) => {
      if (this.worker !== w || ended) return;
      handlers.error(msg(`The experiment's thread ended early (exit code ${code}).`, `实验线程提前结束（退出码 ${code}）。`));
    });
  }

  close(): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
  }
}
