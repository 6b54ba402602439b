/**
 * The interactive REPL's session, run in a worker thread (session-worker.ts)
 * so the screen never blocks on engine work: while a command runs, keys are
 * still read, "working…" is drawn, and Ctrl+C (cancel) or SIGTERM end it with
 * worker.terminate(). After a cancel a fresh worker starts and the lines that
 * set variables (let, math assignments) are replayed into it, so the student's
 * variables are kept.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Tensor } from '../engine/tensor.js';
import { msg, tr, type Lang, type Msg } from '../i18n/index.js';
import { commandResult, type CommandResult } from './context.js';
import type { SessionReply, SessionRequest, WireResult } from './session-worker.js';

/** What the Ink REPL needs from a session: the local one (session.ts) and this one both fit. */
export interface ReplSession {
  ctx: { vars: ReadonlyMap<string, unknown>; width: number };
  exec(line: string): Promise<CommandResult>;
  /** Stops the running command, if any; true when something was stopped. */
  cancel?(): boolean;
  close(): void;
}

export interface WorkerSessionOptions {
  lang: Lang;
  width: number;
  /** Default: dist/repl-worker.js next to this module (see sessionWorkerLocation). */
  workerPath?: string | URL;
  /** Tests only: a line that keeps the worker busy until it is terminated. */
  hangOn?: string;
  /** Bring each line's JSON record across too (the screen needs only blocks, so by default just { command, ok }). */
  json?: boolean;
}

/** dist/repl-worker.js; from source (vitest, tsx) the build's output is used, as for the math worker. */
export function sessionWorkerLocation(from: string = import.meta.url): URL {
  if (/\.[cm]?tsx?$/.test(new URL(from).pathname)) return new URL('../../dist/repl-worker.js', from);
  const candidates = [new URL('./repl-worker.js', from), new URL('../repl-worker.js', from)];
  for (const u of candidates) if (existsSync(fileURLToPath(u))) return u;
  return candidates[0];
}

export function sessionWorkerBuilt(): boolean {
  return existsSync(fileURLToPath(sessionWorkerLocation()));
}

function failed(lang: Lang, text: Msg, command = 'none'): CommandResult {
  return commandResult(command, { json: () => ({ command, ok: false, error: tr(lang, text) }), blocks: () => [{ kind: 'error', text }] }, { ok: false });
}

/** A result that crossed the thread, as a CommandResult again (tensors revived for the views). */
function fromWire(w: WireResult): CommandResult {
  const blocks = revive(w.blocks);
  const stepper = w.stepper ? revive(w.stepper) : undefined;
  const json = w.json ?? { command: w.command, ok: w.ok };
  return commandResult(w.command, { json: () => json, blocks: () => blocks }, { ok: w.ok, action: w.action, stepper, binds: w.binds, train: w.train, experiment: w.experiment });
}

/** Tensors crossed the thread boundary as plain { shape, data }: make them Tensors again for the views. */
function revive<T>(v: T, depth = 0): T {
  if (depth > 12 || v === null || typeof v !== 'object' || ArrayBuffer.isView(v)) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = revive(v[i], depth + 1);
    return v;
  }
  const o = v as Record<string, unknown>;
  if (Array.isArray(o.shape) && o.data instanceof Float32Array) {
    try {
      return new Tensor(o.shape as number[], o.data) as T;
    } catch {
      return v;
    }
  }
  for (const k of Object.keys(o)) o[k] = revive(o[k], depth + 1);
  return v;
}

interface Pending {
  resolve: (r: CommandResult) => void;
  line: string;
  quiet: boolean;
}

export class WorkerSession implements ReplSession {
  readonly ctx: { vars: Map<string, true>; width: number };
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** Lines that set variables, in order: replayed into a fresh worker after a cancel. */
  private readonly replay: string[] = [];

  constructor(private readonly opts: WorkerSessionOptions) {
    this.ctx = { vars: new Map(), width: opts.width };
  }

  /** Starts the worker (and mathjs inside it) ahead of the first line. */
  warm(): void {
    void this.exec('0').catch(() => undefined);
  }

  exec(line: string): Promise<CommandResult> {
    return this.send(line, false);
  }

  busy(): boolean {
    return [...this.pending.values()].some((p) => !p.quiet);
  }

  cancel(): boolean {
    if (!this.busy()) return false;
    this.stopWorker();
    const text = msg(
      'Cancelled. Your variables are kept; step and grad need the conv or pool again.',
      '已取消。变量都还在；step 和 grad 需要重新运行一次 conv 或 pool。',
    );
    this.settleAll(() => failed(this.opts.lang, text));
    return true;
  }

  close(): void {
    this.stopWorker();
    this.settleAll(() => failed(this.opts.lang, msg('The REPL was closed.', 'REPL 已关闭。')));
  }

  private send(line: string, quiet: boolean): Promise<CommandResult> {
    const w = (this.worker ??= this.start());
    const id = this.nextId++;
    w.ref();
    return new Promise((resolve) => {
      this.pending.set(id, { resolve, line, quiet });
      w.postMessage({ id, line, width: this.ctx.width, quiet, json: this.opts.json } satisfies SessionRequest);
    });
  }

  private start(): Worker {
    const w = new Worker(this.opts.workerPath ?? sessionWorkerLocation(), {
      workerData: { lang: this.opts.lang, width: this.ctx.width, hangOn: this.opts.hangOn },
      execArgv: [],
    });
    w.on('message', (m: SessionReply) => this.onReply(w, m));
    w.on('error', (e) => this.onDeath(w, e.message));
    w.on('exit', (code) => this.onDeath(w, `exit code ${code}`));
    // Restore the variables of the worker this one replaces (quietly: no results are shown).
    for (const line of this.replay) {
      const id = this.nextId++;
      this.pending.set(id, { resolve: () => undefined, line, quiet: true });
      w.postMessage({ id, line, width: this.ctx.width, quiet: true } satisfies SessionRequest);
    }
    return w;
  }

  private onReply(w: Worker, m: SessionReply): void {
    if (w !== this.worker) return;
    const p = this.pending.get(m.id);
    if (!p) return;
    this.pending.delete(m.id);
    this.ctx.vars = new Map(m.vars.map((n) => [n, true]));
    if (this.pending.size === 0) w.unref();
    if (p.quiet) return;
    if (!m.result) {
      p.resolve(failed(this.opts.lang, msg(`Something went wrong inside nnlearn: ${m.error ?? 'no result'}. The REPL goes on.`, `nnlearn 内部出错：${m.error ?? '没有结果'}。REPL 会继续运行。`)));
      return;
    }
    const binds = m.result.binds;
    // A rand without seed= drew a fresh seed: replay it with that seed, so a restarted worker has the same numbers.
    const replayLine = binds?.seed !== undefined && !/\bseed\s*[=＝]/i.test(p.line) ? `${p.line} seed=${binds.seed}` : p.line;
    if (m.result.ok && binds) this.replay.push(replayLine);
    p.resolve(fromWire(m.result));
  }

  /** The worker crashed or could not start: every waiting line gets a clear answer, and the next line starts a fresh worker. */
  private onDeath(w: Worker, detail: string): void {
    if (w !== this.worker) return;
    this.worker = null;
    const text = msg(
      `The REPL's worker stopped (${detail}). The next line starts a fresh one with your variables.`,
      `REPL 的工作线程停止了（${detail}）。下一行会启动一个新的，变量都还在。`,
    );
    this.settleAll(() => failed(this.opts.lang, text));
  }

  private stopWorker(): void {
    const w = this.worker;
    this.worker = null;
    if (w) void w.terminate();
  }

  private settleAll(result: () => CommandResult): void {
    const waiting = [...this.pending.values()];
    this.pending.clear();
    for (const p of waiting) if (!p.quiet) p.resolve(result());
  }
}
