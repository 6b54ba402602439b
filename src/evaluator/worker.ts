/**
 * The math worker (bundled as dist/math-worker.js): the only place mathjs is
 * loaded. It owns the sandbox and its scope and answers the evaluator's
 * requests one at a time. The main thread limits its memory and time, and
 * replaces it when it runs out of either.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { M } from './messages.js';
import { DEFAULT_LIMITS, createSandbox } from './sandbox.js';
import type { WorkerInit, WorkerRequest, WorkerResponse } from './types.js';

const port = parentPort;
if (port) {
  // mathjs may warn on the console; the REPL's screen is not the place for it.
  const quiet = () => {};
  console.log = console.info = console.warn = console.error = console.debug = console.trace = quiet;

  const init = (workerData ?? {}) as Partial<WorkerInit>;
  let current = 0;
  const sandbox = createSandbox(
    { ...DEFAULT_LIMITS, ...(init.limits ?? {}) },
    {
      replayTag: init.replayTag,
      onDefine: (name, entry) => {
        const progress: WorkerResponse = { id: current, type: 'progress', changes: [[name, entry]] };
        port.postMessage(progress);
      },
    },
  );

  port.on('message', (req: WorkerRequest) => {
    let res: WorkerResponse;
    current = req.id;
    try {
      switch (req.type) {
        case 'eval': {
          const r = sandbox.evaluate(String(req.text));
          res = { id: req.id, type: 'eval', outcome: r.outcome, changes: r.changes };
          break;
        }
        case 'set':
          try {
            sandbox.set(req.name, req.value);
            res = { id: req.id, type: 'set' };
          } catch (e) {
            res = { id: req.id, type: 'set', error: e instanceof Error ? e.message : String(e) };
          }
          break;
        case 'replay':
          res = { id: req.id, type: 'replay', failed: sandbox.replay(req.entries) };
          break;
        default:
          return;
      }
    } catch (e) {
      // Anything unexpected (a stack overflow while building the answer, …).
      const message = e instanceof Error ? e.message : String(e);
      res = { id: req.id, type: 'eval', outcome: { ok: false, error: M.generic(message) }, changes: [] };
    }
    try {
      port.postMessage(res);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      port.postMessage({ id: req.id, type: 'eval', outcome: { ok: false, error: M.generic(message) }, changes: [] } satisfies WorkerResponse);
    }
  });
  port.postMessage({ type: 'ready' });
}
