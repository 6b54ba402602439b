/**
 * Ctrl+Z and SIGTSTP for every Ink screen (REPL, stepper, lesson, quiz).
 * In raw mode the terminal does not turn Ctrl+Z into SIGTSTP: Ink hands it
 * to us as a key. A SIGTSTP sent from outside would stop the process with
 * the terminal still raw and the cursor hidden. Either way: put the
 * terminal back as the shell expects it (cooked mode, cursor shown, the
 * screen's frame erased), stop with SIGSTOP, and on SIGCONT take the
 * terminal again and redraw the frame.
 */
import { render, useInput, type Instance, type RenderOptions } from 'ink';
import type { ReactNode } from 'react';

const SHOW_CURSOR = '\u001b[?25h';
const HIDE_CURSOR = '\u001b[?25l';

interface Terminal {
  stdin: NodeJS.ReadStream;
  stdout: NodeJS.WriteStream;
  /** Stops the process (SIGSTOP); a test hook may replace it. */
  stop: () => void;
}

let active: { suspend: () => void } | null = null;

/** While another screen has the terminal (handTerminalOver), Ctrl+Z and SIGTSTP/SIGCONT are that screen's to answer. */
let handedOver = false;

/**
 * Lends the terminal to a screen that draws it itself (the REPL's train opens
 * the live training screen on the alternate screen) and takes it back: the
 * Ink screen's own suspend stays out of the way meanwhile, resizes wait until
 * it is back (Ink would redraw onto the other screen), and raw mode, which the
 * other screen leaves off, is restored. The caller keeps Ink from drawing
 * while `fn` runs.
 */
export async function handTerminalOver<T>(fn: () => Promise<T>, term: { stdin: NodeJS.ReadStream; stdout: NodeJS.WriteStream } = process): Promise<T> {
  const wasRaw = !!(term.stdin.isTTY && term.stdin.isRaw);
  const resizeListeners = term.stdout.listeners('resize') as (() => void)[];
  const size = `${term.stdout.columns}x${term.stdout.rows}`;
  for (const l of resizeListeners) term.stdout.off('resize', l);
  handedOver = true;
  try {
    return await fn();
  } finally {
    handedOver = false;
    try {
      if (wasRaw) term.stdin.setRawMode(true);
    } catch {
      // stdin closed: nothing to restore.
    }
    for (const l of resizeListeners) term.stdout.on('resize', l);
    // Resized meanwhile: the Ink screen hears of it now.
    if (`${term.stdout.columns}x${term.stdout.rows}` !== size) for (const l of resizeListeners) l();
  }
}

/** Ctrl+Z arrives as a key in raw mode: suspend like a shell program. */
function SuspendOnCtrlZ(): null {
  useInput((input, key) => {
    if (key.ctrl && input === 'z') active?.suspend();
  });
  return null;
}

/**
 * Ink's render with suspend support: Ctrl+Z in the screen and SIGTSTP from
 * outside suspend it, SIGCONT (fg) resumes it. The handlers go when the app exits.
 */
export function renderScreen(node: ReactNode, options: RenderOptions): Instance {
  const app = render(
    <>
      <SuspendOnCtrlZ />
      {node}
    </>,
    options,
  );
  const release = enableSuspend(app);
  void app.waitUntilExit().then(release, release);
  return app;
}

export function enableSuspend(
  app: Pick<Instance, 'clear'>,
  term: Terminal = { stdin: process.stdin, stdout: process.stdout, stop: () => process.kill(process.pid, 'SIGSTOP') },
): () => void {
  let suspended = false;
  let wasRaw = false;
  let frameLines = 0;

  const suspend = () => {
    if (suspended || handedOver) return;
    suspended = true;
    frameLines = eraseFrame(app, term.stdout);
    wasRaw = !!(term.stdin.isTTY && term.stdin.isRaw);
    try {
      if (wasRaw) term.stdin.setRawMode(false);
    } catch {
      // stdin closed: nothing to restore.
    }
    term.stdout.write(SHOW_CURSOR);
    term.stop();
  };

  const resume = () => {
    if (!suspended) return;
    suspended = false;
    try {
      if (wasRaw) term.stdin.setRawMode(true);
    } catch {
      // stdin closed.
    }
    // Ink draws its own cursor (inverse video) and hides the terminal's.
    term.stdout.write(HIDE_CURSOR);
    // Ink still counts the erased frame's lines and will erase that many before drawing: give it blank
    // lines to erase (not the shell's), then have it draw the frame again through its console, which
    // erases, prints a blank line, and writes the whole frame.
    term.stdout.write('\n'.repeat(Math.max(0, frameLines - 1)));
    console.log();
  };

  const onTstp = () => suspend();
  const onCont = () => resume();
  process.on('SIGTSTP', onTstp);
  process.on('SIGCONT', onCont);
  active = { suspend };
  return () => {
    process.off('SIGTSTP', onTstp);
    process.off('SIGCONT', onCont);
    if (active?.suspend === suspend) active = null;
  };
}

/** Erases Ink's current frame; returns how many lines Ink will erase before it next draws (what it wrote as ESC[2K). */
function eraseFrame(app: Pick<Instance, 'clear'>, stdout: NodeJS.WriteStream): number {
  const write = stdout.write;
  let written = '';
  stdout.write = function (this: NodeJS.WriteStream, chunk: unknown, ...rest: unknown[]) {
    if (typeof chunk === 'string') written += chunk;
    return (write as (...a: unknown[]) => boolean).call(this, chunk, ...rest);
  } as typeof stdout.write;
  try {
    app.clear();
  } finally {
    stdout.write = write;
  }
  return (written.match(/\u001b\[2K/g) ?? []).length;
}
