/**
 * The REPL's math evaluator: the student's expressions run in mathjs inside a
 * worker thread (dist/math-worker.js) with a memory limit and a wall-clock
 * timeout. mathjs is never loaded in this thread.
 *
 * - One persistent worker, started on first use. Requests run one at a time.
 * - On a timeout the worker is terminated; out of memory, a crash or an exit
 *   likewise end it. The answer is a clear one-line message and the next
 *   request starts a fresh worker into which the variables are replayed: this
 *   thread keeps every assignment that succeeded (plain values by value, user
 *   functions by their definition text).
 * - While idle the worker is unref'd, so it never keeps a finished CLI alive.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { M } from './messages.js';
import { precheck } from './precheck.js';
import { isValidMathValue } from './values.js';
import type { Bilingual, Limits, MathOutcome, MathValue, ReplayEntry, WorkerRequest, WorkerResponse } from './types.js';

export type { Bilingual, MathOutcome, MathValue } from './types.js';

export interface MathEvaluator {
  /** Evaluates one expression; the scope persists across calls. Never rejects. */
  evaluate(expr: string): Promise<MathOutcome>;
  /** Puts a value made elsewhere in the REPL (e.g. a tensor) into the scope. Rejects only on a bad name or value. */
  set(name: string, value: MathValue): Promise<void>;
  /** Stops the worker. A later call starts a fresh one with the variables restored. */
  close(): void;
}

export interface MathEvaluatorOptions {
  /** Wall-clock limit of one evaluation (default 2000 ms). */
  timeoutMs?: number;
  /** Largest number of elements one result may have (default 1,000,000). */
  maxElements?: number;
  /** Largest number of multiply-adds of one matrix product (default 50,000,000). */
  maxCost?: number;
  /** Largest number of elements all variables together may hold (default 4 × maxElements). */
  maxScopeElements?: number;
  /** The worker's heap limit (default 256 MB). */
  maxMemoryMb?: number;
  /** Where the worker script is (default: found next to this module, see workerLocation). */
  workerPath?: string | URL;
}

export const DEFAULT_TIMEOUT_MS = 2000;
const STARTUP_TIMEOUT_MS = 60_000;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function createMathEvaluator(opts: MathEvaluatorOptions = {}): MathEvaluator {
  return new WorkerMathEvaluator(opts);
}

/**
 * The worker script: dist/math-worker.js. Bundled, this module lives in
 * dist/cli.js or dist/chunks/*.js; run from source (vitest, tsx) it is
 * src/evaluator/evaluator.ts and the build's output is used.
 */
export function workerLocation(from: string = import.meta.url): URL {
  if (/\.[cm]?tsx?$/.test(new URL(from).pathname)) return new URL('../../dist/math-worker.js', from);
  const candidates = [new URL('./math-worker.js', from), new URL('../math-worker.js', from)];
  for (const u of candidates) if (existsSync(fileURLToPath(u))) return u;
  return candidates[0];
}

type Failure = { failure: 'timeout' | 'oom' | 'crash' | 'closed'; detail: string };
type Reply = WorkerResponse | Failure;

function isFailure(r: Reply): r is Failure {
  return (r as Failure).failure !== undefined;
}

class WorkerMathEvaluator implements MathEvaluator {
  private readonly timeoutMs: number;
  private readonly limits: Limits;
  private readonly maxMemoryMb: number;
  private readonly workerPath: string | URL | undefined;

  private worker: Worker | null = null;
  private starting: Promise<Bilingual | null> | null = null;
  private pending: { id: number; resolve: (r: Reply) => void; timer?: NodeJS.Timeout } | null = null;
  private onReady: ((error: Bilingual | null) => void) | null = null;
  private nextId = 1;
  private queue: Promise<unknown> = Promise.resolve();
  /** The variables, in the order they were last assigned, as they can be put back. */
  private readonly replay = new Map<string, ReplayEntry>();
  /** Variables a restart could not put back, told with the next answer. */
  private unrestored: string[] = [];
  /** The envelope key of replay JSON, the same for every worker this evaluator starts (see ReplayEntry). */
  private readonly replayTag = `nnlearn-${randomBytes(16).toString('hex')}`;

  constructor(opts: MathEvaluatorOptions) {
    this.timeoutMs = positive(opts.timeoutMs, DEFAULT_TIMEOUT_MS);
    const maxElements = positive(opts.maxElements, 1_000_000);
    this.limits = {
      maxElements,
      maxCost: positive(opts.maxCost, 50_000_000),
      maxScopeElements: positive(opts.maxScopeElements, 4 * maxElements),
    };
    this.maxMemoryMb = positive(opts.maxMemoryMb, 256);
    this.workerPath = opts.workerPath;
  }

  evaluate(expr: string): Promise<MathOutcome> {
    return this.enqueue(() => this.doEvaluate(typeof expr === 'string' ? expr : String(expr)));
  }

  set(name: string, value: MathValue): Promise<void> {
    if (typeof name !== 'string' || !NAME.test(name) || name.length > 64) return Promise.reject(new Error(M.badName(String(name)).en));
    if (!isValidMathValue(value)) return Promise.reject(new Error(`Not a MathValue: ${String(JSON.stringify(value)).slice(0, 80)}`));
    if (value.kind === 'matrix' && value.data.length > this.limits.maxScopeElements)
      return Promise.reject(new Error(M.scopeFull(value.data.length, this.limits.maxScopeElements).en));
    const entry: ReplayEntry = { kind: 'value', value: structuredClone(value) };
    return this.enqueue(async () => {
      if (!this.worker || this.starting) {
        // Not running: the value goes in when the worker next starts.
        this.remember(name, entry);
        return;
      }
      const r = await this.request({ id: this.nextId++, type: 'set', name, value: entry.value }, this.timeoutMs);
      if (isFailure(r)) {
        this.remember(name, entry);
        return;
      }
      if (r.type === 'set' && r.error) throw new Error(r.error);
      this.remember(name, entry);
    });
  }

  close(): void {
    this.kill();
  }

  // -------------------------------------------------------------------------

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private remember(name: string, entry: ReplayEntry | null): void {
    this.replay.delete(name);
    if (entry) this.replay.set(name, entry);
  }

  private async doEvaluate(text: string): Promise<MathOutcome> {
    const pre = precheck(text);
    if (pre) return { ok: false, error: pre };
    return this.withNotice(await this.evaluateInWorker(text));
  }

  private async evaluateInWorker(text: string): Promise<MathOutcome> {
    try {
      const startError = await this.ensureWorker();
      if (startError) return { ok: false, error: startError };
      const r = await this.request({ id: this.nextId++, type: 'eval', text }, this.timeoutMs);
      if (isFailure(r)) return { ok: false, error: this.failureMessage(r) };
      if (r.type !== 'eval') return { ok: false, error: M.crashed('unexpected answer') };
      for (const [name, entry] of r.changes) this.remember(name, entry);
      return r.outcome;
    } catch (e) {
      this.kill();
      return { ok: false, error: M.crashed(e instanceof Error ? e.message : String(e)) };
    }
  }

  /** "Your variables are kept" must stay true: any a restart could not put back are named with the next answer. */
  private withNotice(outcome: MathOutcome): MathOutcome {
    if (this.unrestored.length === 0) return outcome;
    const notice = M.notRestored([...new Set(this.unrestored)]);
    this.unrestored = [];
    return { ...outcome, notice };
  }

  private failureMessage(f: Failure): Bilingual {
    switch (f.failure) {
      case 'timeout':
        return M.timeout(this.timeoutMs);
      case 'oom':
        return M.outOfMemory(this.maxMemoryMb);
      case 'closed':
        return M.closed();
      default:
        return M.crashed(f.detail);
    }
  }

  /** Starts the worker if needed and puts the variables back; a message if it cannot start. */
  private async ensureWorker(): Promise<Bilingual | null> {
    if (this.worker && !this.starting) return null;
    if (!this.starting) this.starting = this.start();
    try {
      return await this.starting;
    } finally {
      this.starting = null;
    }
  }

  private async start(): Promise<Bilingual | null> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const error = await this.spawn();
      if (error) return error;
      if (this.replay.size === 0) return null;
      const entries = [...this.replay.entries()];
      const r = await this.request({ id: this.nextId++, type: 'replay', entries }, Math.max(10_000, 5 * this.timeoutMs));
      if (!isFailure(r) && r.type === 'replay') {
        for (const name of r.failed) {
          this.replay.delete(name);
          this.unrestored.push(name);
        }
        return null;
      }
      // The variables themselves cannot be restored: start without them, and say which were lost.
      this.kill();
      this.unrestored.push(...this.replay.keys());
      this.replay.clear();
    }
    return M.crashed('could not restart');
  }

  private spawn(): Promise<Bilingual | null> {
    const url = this.workerPath ?? workerLocation();
    const path = url instanceof URL ? fileURLToPath(url) : url;
    if (!existsSync(path)) return Promise.resolve(M.workerMissing(path));
    let worker: Worker;
    try {
      worker = new Worker(url, {
        workerData: { limits: this.limits, replayTag: this.replayTag },
        resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
        execArgv: [],
        // No stdout/stderr pipes: piped streams would keep the process alive
        // after unref(). The worker silences its console instead.
      });
    } catch (e) {
      return Promise.resolve(M.crashed(e instanceof Error ? e.message : String(e)));
    }
    this.worker = worker;
    worker.on('message', (m: WorkerResponse | { type: 'ready' }) => {
      if (worker !== this.worker) return;
      if (m.type === 'ready') {
        const ready = this.onReady;
        this.onReady = null;
        ready?.(null);
        return;
      }
      const p = this.pending;
      if (!p || !('id' in m) || m.id !== p.id) return;
      if (m.type === 'progress') {
        for (const [name, entry] of m.changes) this.remember(name, entry);
        return;
      }
      this.settle(m);
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (worker !== this.worker) return;
      const oom = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
      this.lost(oom ? { failure: 'oom', detail: err.message } : { failure: 'crash', detail: err.message });
    });
    worker.on('exit', (code) => {
      if (worker !== this.worker) return;
      this.lost({ failure: 'crash', detail: `exit code ${code}` });
    });

    return new Promise<Bilingual | null>((resolve) => {
      const timer = setTimeout(() => {
        this.onReady = null;
        this.kill();
        resolve(M.crashed('the math engine did not start'));
      }, STARTUP_TIMEOUT_MS);
      this.onReady = (error) => {
        clearTimeout(timer);
        if (!error) worker.unref();
        resolve(error);
      };
    });
  }

  /** The worker is gone (error or exit): fail whoever waits for it. */
  private lost(f: Failure): void {
    this.worker = null;
    const ready = this.onReady;
    this.onReady = null;
    ready?.(this.failureMessage(f));
    this.settle(f);
  }

  private request(req: WorkerRequest, timeoutMs: number): Promise<Reply> {
    const worker = this.worker;
    if (!worker) return Promise.resolve({ failure: 'crash', detail: 'not running' });
    return new Promise<Reply>((resolve) => {
      worker.ref();
      this.pending = { id: req.id, resolve };
      this.pending.timer = setTimeout(() => {
        this.settle({ failure: 'timeout', detail: `${timeoutMs} ms` });
        this.kill();
      }, timeoutMs);
      try {
        worker.postMessage(req);
      } catch (e) {
        this.settle({ failure: 'crash', detail: e instanceof Error ? e.message : String(e) });
      }
    });
  }

  private settle(r: Reply): void {
    const p = this.pending;
    if (!p) return;
    this.pending = null;
    if (p.timer) clearTimeout(p.timer);
    this.worker?.unref();
    p.resolve(r);
  }

  private kill(): void {
    const w = this.worker;
    this.worker = null;
    const ready = this.onReady;
    this.onReady = null;
    ready?.(M.closed());
    this.settle({ failure: 'closed', detail: 'closed' });
    if (w) {
      w.removeAllListeners('message');
      w.on('error', () => {});
      void w.terminate().catch(() => undefined);
    }
  }
}

function positive(v: number | undefined, fallback: number): number {
  return typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : fallback;
}
