import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'nnlearn.js');
const TRACER = join(ROOT, 'tests', 'helpers', 'trace-loads.mjs');

export interface CliResult {
  stdout: string;
  stderr: string;
  status: number | null;
  loaded: string[];
}

/** Runs the built CLI without a TTY; `loaded` lists the dist files it imported. */
export function runCli(args: string[], opts: { env?: Record<string, string>; input?: string; trace?: boolean } = {}): CliResult {
  const home = opts.env?.NNLEARN_HOME ?? mkdtempSync(join(tmpdir(), 'nnlearn-test-'));
  const traceFile = join(mkdtempSync(join(tmpdir(), 'nnlearn-trace-')), 'loads.txt');
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    LANG: 'en_US.UTF-8',
    NNLEARN_HOME: home,
    ...opts.env,
  };
  if (opts.trace) {
    env.NODE_OPTIONS = `--import ${TRACER}`;
    env.NNLEARN_TRACE_FILE = traceFile;
  }
  const r = spawnSync(process.execPath, [BIN, ...args], { env, input: opts.input ?? '', encoding: 'utf8', timeout: 20000 });
  let loaded: string[] = [];
  if (opts.trace) {
    try {
      loaded = readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);
    } catch {
      loaded = [];
    }
  }
  return { stdout: r.stdout, stderr: r.stderr, status: r.status, loaded };
}

interface Meta {
  outputs: Record<string, { inputs: Record<string, unknown> }>;
}

/** Source inputs (node_modules paths included) of every dist file loaded. */
export function inputsOf(loaded: string[]): string[] {
  const meta = JSON.parse(readFileSync(join(ROOT, 'dist', 'meta.json'), 'utf8')) as Meta;
  const out: string[] = [];
  for (const url of loaded) {
    const rel = url.slice(url.indexOf('/dist/') + 1);
    const entry = meta.outputs[rel];
    if (entry) out.push(...Object.keys(entry.inputs));
  }
  return out;
}

/** The built CLI with stdin as a pipe (not spawnSync), to answer one line at a time and wait for output. */
export function startCliProcess(args: string[], home: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8', NNLEARN_HOME: home, ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    out += d;
    for (const w of [...waiters]) w();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => child.on('close', (code, signal) => res({ code, signal })));
  return {
    child,
    exited,
    out: () => out,
    err: () => err,
    send: (line: string) => child.stdin.write(line + '\n'),
    waitFor(pred: (out: string) => boolean, ms = 15_000): Promise<void> {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`timed out waiting; output so far:\n${out}\n${err}`)), ms);
        const check = () => {
          if (!pred(out)) return;
          clearTimeout(timer);
          waiters.splice(waiters.indexOf(check), 1);
          resolve();
        };
        waiters.push(check);
        check();
      });
    },
  };
}
