/**
 * How every full-screen command (REPL, lesson menu, notes, quiz) runs its Ink
 * screen: drawn with Ctrl+Z support, Ctrl+C left to the screen (it asks
 * before leaving), and the process ended when the screen exits.
 */
import type { Instance } from 'ink';
import type { ReactNode } from 'react';
import { renderScreen } from './suspend.js';

export interface RunScreenOptions {
  /** Leave the shell prompt on a line of its own (default true). */
  newlineAfter?: boolean;
  /** Called once the screen is up: e.g. signal handlers that need the app. */
  started?: (app: Instance) => void;
  /** Called after the screen exited, before the process ends: close workers, restore the terminal. */
  finished?: () => void;
}

export async function runScreen(node: ReactNode, o: RunScreenOptions = {}): Promise<never> {
  const app = renderScreen(node, { exitOnCtrlC: false });
  o.started?.(app);
  await app.waitUntilExit();
  if (o.newlineAfter !== false) process.stdout.write('\n');
  o.finished?.();
  // Ink's render throttle can keep a finished process alive for a moment: leave now.
  process.exit(0);
}
