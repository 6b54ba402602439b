/**
 * The REPL session in a worker thread (dist/repl-worker.js), so that long
 * engine work never blocks the interactive screen: the main thread keeps
 * reading keys, and Ctrl+C or SIGTERM ends the work with worker.terminate().
 * One request at a time: { id, line, width } → { id, result, vars }. Only what
 * the screen shows crosses the thread: a result's blocks (and its JSON record
 * when the session was asked for JSON), never the rest of what it computed.
 */
import { toWireValue } from './wire.js';
import { parentPort, workerData } from 'node:worker_threads';
import type { Lang } from '../i18n/index.js';
import type { Block } from '../view/blocks.js';
import type { CommandResult, JsonRecord } from './context.js';
import { createSession } from './session.js';
import type { TrainingService } from './training-service.js';

export interface SessionRequest {
  id: number;
  line: string;
  width: number;
  /** Replayed to restore variables after a cancel: run, but not answered with a result. */
  quiet?: boolean;
  /** Send the line's JSON record too (scripts and tests; the screen shows blocks only). */
  json?: boolean;
}

/** One result as it crosses the thread: its blocks built here, its JSON record only when asked. */
export interface WireResult extends Pick<CommandResult, 'ok' | 'command' | 'action' | 'stepper' | 'binds' | 'train' | 'experiment'> {
  blocks: Block[];
  json?: JsonRecord;
}

export interface SessionReply {
  id: number;
  result: WireResult | null;
  vars: string[];
  error?: string;
}

/**
 * Answers the screen's requests in this thread. The entry (src/cli/repl-worker.ts)
 * gives the training service: the REPL does not import the training domain.
 */
export function serveSession(extra: { training?: TrainingService } = {}): void {
  const data = (workerData ?? {}) as { lang: Lang; width: number; hangOn?: string };
  const session = createSession({ lang: data.lang, width: data.width });
  session.ctx.training = extra.training;
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
        parentPort?.postMessage({ id: req.id, result: req.quiet ? null : toWire(result, req.json === true), vars } satisfies SessionReply);
      } catch (e) {
        // A result that cannot cross threads (it never should): say so rather than hang the prompt.
        parentPort?.postMessage({ id: req.id, result: null, vars, error: (e as Error).message } satisfies SessionReply);
      }
    });
  });
}

function toWire(r: CommandResult, json: boolean): WireResult {
  const { ok, command, action, stepper, binds, train, experiment } = r;
  return { ok, command, action, stepper: toWireValue(stepper), binds, train, experiment, blocks: toWireValue(r.blocks()), ...(json ? { json: r.json() } : {}) };
}

