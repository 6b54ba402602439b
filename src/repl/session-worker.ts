/**
 * The REPL session in a worker thread (dist/repl-worker.js), so that long
 * engine work never blocks the interactive screen: the main thread keeps
 * reading keys, and Ctrl+C or SIGTERM ends the work with worker.terminate().
 * One request at a time: { id, line, width } → { id, result, vars }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../i18n/index.js';
import { createSession } from './session.js';

export interface SessionRequest {
  id: number;
  line: string;
  width: number;
  /** Replayed to restore variables after a cancel: run, but not answered with a result. */
  quiet?: boolean;
}

export interface SessionReply {
  id: number;
  result: import('./context.js').CommandResult | null;
  vars: string[];
  error?: string;
}

const data = (workerData ?? {}) as { lang: Lang; width: number; hangOn?: string };
const session = createSession({ lang: data.lang, width: data.width });
let queue = Promise.resolve();

parentPort?.on('message', (req: SessionRequest | 'close') => {
  if (req === 'close') {
    session.close();
    parentPort?.close();
    return;
  }
  queue = queue.then(async () => {
    // A test hook: a line that keeps this thread busy until it is terminated, standing in for long engine work.
    if (data.hangOn !== undefined && req.line === data.hangOn) for (;;);
    session.ctx.width = req.width;
    const result = await session.exec(req.line);
    const vars = [...session.ctx.vars.keys()];
    try {
      parentPort?.postMessage({ id: req.id, result: req.quiet ? null : result, vars } satisfies SessionReply);
    } catch (e) {
      // A result that cannot cross threads (it never should): say so rather than hang the prompt.
      parentPort?.postMessage({ id: req.id, result: null, vars, error: (e as Error).message } satisfies SessionReply);
    }
  });
});
