/**
 * Drives the BUILT nnlearn in a real pseudo-terminal: a tmux server of its own
 * per test file (-L nnlearn-e2e-<name>-<pid>, no user config), a pane of a fixed size
 * running /bin/sh with an explicit environment, keys sent one at a time, and
 * the screen read back with capture-pane. Nothing here looks at nnlearn's
 * internals: only at what a person would see.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import stringWidth from 'string-width';

export const ROOT = join(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'nnlearn.js');

/** The line the pane prints when nnlearn has exited: `[nnlearn exited <status>]`. */
export const EXITED = /\[nnlearn exited (\d+)\]/;

const KEY_PAUSE_MS = 40;
const CHAR_PAUSE_MS = 15;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Fails (never skips) when tmux is missing: CI installs it in .ci/run. */
export function requireTmux(): void {
  const r = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
  if (r.error || r.status !== 0) {
    throw new Error(
      'tmux is not installed, and the end-to-end tests need it to run nnlearn in a real terminal. ' +
        'Install it (Debian/Ubuntu: apt-get install -y tmux); CI does so in .ci/run.',
    );
  }
  if (!existsSync(join(ROOT, 'dist', 'cli.js'))) {
    throw new Error('dist/cli.js is missing: the e2e tests run the built CLI. Run `node scripts/build.mjs` (vitest’s global setup does).');
  }
}

/** Single-quotes a word for /bin/sh. */
function shq(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

export interface StartOptions {
  /** nnlearn's arguments, e.g. ['lesson', 'cnn/pooling']. */
  args: string[];
  cols?: number;
  rows?: number;
  /** LANG inside the pane (default en_US.UTF-8). */
  lang?: string;
  /** Extra variables for the pane, e.g. { NO_COLOR: '1' }. */
  env?: Record<string, string>;
}

export interface CaptureOptions {
  /** Keep colours and attributes as escape sequences (-e). */
  escapes?: boolean;
  /** Join lines the terminal wrapped (-J): a line wider than the pane shows up as such. */
  joined?: boolean;
  /** Include the scrollback (-S -). */
  history?: boolean;
}

/** SGR parameters that set a colour (foreground, background, 256/true colour); resets (0, 39, 49) and attributes are not. */
export function colourCodes(screenWithEscapes: string): string[] {
  const found: string[] = [];
  for (const m of screenWithEscapes.matchAll(/\u001b\[([0-9;:]*)m/g)) {
    const params = m[1] === '' ? [0] : m[1].split(/[;:]/).map(Number);
    for (let i = 0; i < params.length; i++) {
      const p = params[i];
      if (p === 38 || p === 48) {
        found.push(m[0]);
        break;
      }
      if ((p >= 30 && p <= 37) || (p >= 40 && p <= 47) || (p >= 90 && p <= 97) || (p >= 100 && p <= 107)) {
        found.push(m[0]);
        break;
      }
    }
  }
  return found;
}

/** Display width of each line (wide CJK characters count 2). */
export function widths(screen: string): number[] {
  return screen.split('\n').map((l) => stringWidth(l));
}

/** How many lines of the screen match. */
export function countLines(screen: string, re: RegExp): number {
  return screen.split('\n').filter((l) => re.test(l)).length;
}

export class Tmux {
  readonly socket: string;
  /** The NNLEARN_HOME (and HOME) of the current pane: a fresh temp dir per start(). */
  home = '';
  private homes: string[] = [];
  /** Whether a wait has already seen nnlearn's exit line (after that, waits are about the shell). */
  private exitSeen = false;
  private socketPath = '';

  constructor(name: string) {
    // One server per test file; the pid keeps two runs at once (two work trees, say) apart.
    this.socket = `nnlearn-e2e-${name}-${process.pid}`;
  }

  /** Runs a tmux command against this file's server. */
  tmux(args: string[], allowFail = false): string {
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: process.env.HOME ?? tmpdir(),
      LANG: 'C.UTF-8',
      TERM: 'xterm-256color',
    };
    const r = spawnSync('tmux', ['-u', '-L', this.socket, '-f', '/dev/null', ...args], { env, encoding: 'utf8', timeout: 20_000 });
    if (!allowFail && (r.error || r.status !== 0)) throw new Error(`tmux ${args.join(' ')} failed: ${r.error?.message ?? r.stderr}`);
    return r.stdout ?? '';
  }

  /**
   * A new server with one pane cols×rows running `node bin/nnlearn.js ARGS`
   * under /bin/sh, with only the variables given here. When nnlearn ends the
   * pane prints `[nnlearn exited N]` and keeps a shell, so the terminal's state
   * can be inspected afterwards.
   */
  async start(o: StartOptions): Promise<void> {
    this.kill();
    this.exitSeen = false;
    this.home = mkdtempSync(join(tmpdir(), 'nnlearn-e2e-home-'));
    this.homes.push(this.home);
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '/usr/bin:/bin',
      HOME: this.home,
      NNLEARN_HOME: this.home,
      LANG: o.lang ?? 'en_US.UTF-8',
      TERM: 'xterm-256color',
      PS1: '$ ',
      ...o.env,
    };
    const cmd = [process.execPath, BIN, ...o.args].map(shq).join(' ');
    const script = `cd ${shq(ROOT)}; ${cmd}; echo "[nnlearn exited $?]"; exec /bin/sh`;
    const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
    this.tmux(['new-session', '-d', '-x', String(o.cols ?? 80), '-y', String(o.rows ?? 30), '--', 'env', '-i', ...envArgs, '/bin/sh', '-c', script]);
    this.socketPath = this.display('#{socket_path}');
  }

  /** The visible screen (trailing blank lines dropped). escapes: keep colours/attributes (-e); joined: undo the terminal's own wrapping (-J). */
  capture(o: CaptureOptions = {}): string {
    const args = ['capture-pane', '-p'];
    if (o.escapes) args.push('-e');
    if (o.joined) args.push('-J');
    if (o.history) args.push('-S', '-');
    return this.tmux(args).replace(/\s+$/, '');
  }

  /**
   * Polls the screen until it matches (a string: contained; a RegExp: tested)
   * and returns it; on timeout fails with the pattern and the last screen.
   */
  async waitFor(pattern: string | RegExp, timeoutMs = 15000, o: CaptureOptions = {}): Promise<string> {
    return this.waitUntil((screen) => {
      const plain = o.escapes ? screen.replace(/\u001b\[[0-9;:]*m/g, '') : screen;
      return typeof pattern === 'string' ? plain.includes(pattern) : pattern.test(plain);
    }, String(pattern), timeoutMs, o);
  }

  /** Polls until the screen no longer matches. */
  async waitForNo(pattern: string | RegExp, timeoutMs = 15000): Promise<string> {
    return this.waitUntil((screen) => !(typeof pattern === 'string' ? screen.includes(pattern) : pattern.test(screen)), `${String(pattern)} to leave`, timeoutMs);
  }

  /** Polls until pred(screen) holds; on timeout fails with `what` and the last screen. */
  async waitUntil(pred: (screen: string) => boolean, what: string, timeoutMs = 15000, o: CaptureOptions = {}): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let screen = '';
    for (;;) {
      screen = this.capture(o);
      if (pred(screen)) {
        if (EXITED.test(screen)) this.exitSeen = true;
        return screen;
      }
      // nnlearn ended while something else was expected (a crash, say): say so now rather than at the timeout.
      if (!this.exitSeen && EXITED.test(screen)) {
        await sleep(100);
        screen = this.capture(o);
        if (pred(screen)) return screen;
        throw new Error(`nnlearn exited while waiting for ${what}:\n${'─'.repeat(40)}\n${screen}\n${'─'.repeat(40)}`);
      }
      if (Date.now() > deadline) break;
      await sleep(50);
    }
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what} on the screen:\n${'─'.repeat(40)}\n${screen}\n${'─'.repeat(40)}`);
  }

  /** Waits until the screen stops changing for quietMs (a redraw has finished), and returns it. */
  async waitStable(quietMs = 300, timeoutMs = 10000, o: CaptureOptions = {}): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    let last = this.capture(o);
    let since = Date.now();
    while (Date.now() < deadline) {
      await sleep(50);
      const now = this.capture(o);
      if (now !== last) {
        last = now;
        since = Date.now();
      } else if (Date.now() - since >= quietMs) return now;
    }
    throw new Error(`the screen kept changing for ${timeoutMs} ms:\n${last}`);
  }

  /** tmux key names (Right, Enter, Up, C-c, Tab, a, …), one key per send with a pause: Ink reads keys arriving together as a paste. */
  async key(...keys: string[]): Promise<void> {
    for (const k of keys) {
      this.tmux(['send-keys', k]);
      await sleep(KEY_PAUSE_MS);
    }
  }

  /**
   * Types text one character at a time (literally: no key-name lookup). Wait for the
   * screen to show it before Enter, as a person would; typeFast is the impatient typist.
   */
  async type(text: string): Promise<void> {
    for (const ch of text) {
      this.tmux(['send-keys', '-l', ch]);
      await sleep(CHAR_PAUSE_MS);
    }
  }

  /** Types text and then presses Enter (a tmux key name) with no pause at all: keys that come faster than the app redraws. */
  typeFast(text: string, then = 'Enter'): void {
    for (const ch of text) this.tmux(['send-keys', '-l', ch]);
    this.tmux(['send-keys', then]);
  }

  /** A tmux format about the pane, e.g. '#{cursor_flag}'. */
  display(format: string): string {
    return this.tmux(['display-message', '-p', format]).trim();
  }

  resize(cols: number, rows?: number): void {
    this.tmux(['resize-window', '-x', String(cols), ...(rows ? ['-y', String(rows)] : [])]);
  }

  /** Kills the server (and with it nnlearn) if it runs. */
  kill(): void {
    if (this.running()) {
      this.tmux(['kill-server'], true);
      // kill-server returns before the server is gone; a new-session too soon would talk to the dying one.
      for (let i = 0; i < 100 && this.running(); i++) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
    }
    // tmux leaves its socket file behind.
    if (this.socketPath) rmSync(this.socketPath, { force: true });
    this.socketPath = '';
  }

  private running(): boolean {
    const r = spawnSync('tmux', ['-L', this.socket, 'list-sessions'], { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env.PATH ?? '/usr/bin:/bin' } });
    return r.status === 0;
  }

  /** kill() and remove the temp homes. */
  dispose(): void {
    this.kill();
    for (const h of this.homes) rmSync(h, { recursive: true, force: true });
    this.homes = [];
  }
}

/** Runs the built CLI as a plain child process (no terminal), with an explicit environment. */
export function runPiped(args: string[], input: string, env: Record<string, string> = {}): { stdout: string; stderr: string; status: number | null } {
  const home = mkdtempSync(join(tmpdir(), 'nnlearn-e2e-home-'));
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], {
      input,
      encoding: 'utf8',
      timeout: 30000,
      env: { PATH: process.env.PATH ?? '', HOME: home, NNLEARN_HOME: home, LANG: 'en_US.UTF-8', ...env },
    });
    return { stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** The REPL's input line: what follows the last prompt on the screen (earlier prompts are commands already run). */
export function inputLine(screen: string): string | undefined {
  const lines = screen.split('\n').filter((l) => l.startsWith('nn›'));
  return lines.length ? lines[lines.length - 1].slice(4).trimEnd() : undefined;
}
