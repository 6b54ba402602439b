/**
 * Whether the interactive (Ink) screens may run: both ends a terminal, and one that
 * moves a cursor. TERM=dumb (Emacs shell buffers, some CI consoles and screen readers'
 * terminals) cannot, so it gets the plain mode a pipe gets instead of escape codes.
 */
export function interactiveTerminal(env: NodeJS.ProcessEnv = process.env, stdin: { isTTY?: boolean } = process.stdin, stdout: { isTTY?: boolean } = process.stdout): boolean {
  return !!stdin.isTTY && !!stdout.isTTY && env.TERM !== 'dumb';
}
