/**
 * Ctrl+Z and SIGTSTP in the Ink screens, in a real terminal with job control
 * (an interactive bash inside tmux): the shell gets a cooked terminal with a
 * visible cursor back, and fg redraws the screen and takes input again.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BIN, ROOT, Tmux, requireTmux } from './tmux.js';

const t = new Tmux('suspend');
const homes: string[] = [];

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => {
  t.dispose();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

/** A pane running an interactive bash (job control on), with nnlearn started from it. */
async function startInShell(args: string[]): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'nnlearn-e2e-suspend-'));
  homes.push(home);
  const env = [`PATH=${process.env.PATH ?? '/usr/bin:/bin'}`, `HOME=${home}`, `NNLEARN_HOME=${home}`, 'TERM=xterm-256color', 'LANG=en_US.UTF-8', 'PS1=$ '];
  t.tmux(['new-session', '-d', '-x', '80', '-y', '24', '-c', ROOT, '--', 'env', '-i', ...env, 'bash', '--norc', '--noprofile', '-i']);
  await t.waitFor(/^\$ ?$/m);
  await t.type([process.execPath, BIN, ...args].join(' '));
  await t.key('Enter');
}

/** The terminal modes the shell sees, from stty run at its prompt. */
async function sttyFlags(): Promise<string> {
  await t.type('stty -a | tr " " "\\n" | grep -x -- "-\\{0,1\\}\\(icanon\\|echo\\)" | paste -sd, - | sed "s/^/MODES=/"');
  await t.key('Enter');
  const screen = await t.waitFor(/^MODES=.+$/m);
  return /^MODES=(.+)$/m.exec(screen)![1];
}

/** The shell's child (nnlearn), found in /proc (no pgrep needed). */
function nnlearnPid(): string {
  const shell = t.display('#{pane_pid}');
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces, so read after the last ")".
      const ppid = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1];
      if (ppid === shell) return pid;
    } catch {
      // gone meanwhile
    }
  }
  throw new Error(`no child of the shell ${shell}`);
}

async function expectShellHasTerminal(): Promise<void> {
  await t.waitFor(/Stopped/);
  expect(await sttyFlags()).toBe('icanon,echo');
  expect(t.display('#{cursor_flag}')).toBe('1');
  t.tmux(['send-keys', 'clear', 'Enter']);
  await t.waitForNo(/MODES=/);
}

describe('suspend and resume (tmux, bash with job control)', () => {
  it('the REPL: Ctrl+Z gives the shell a cooked terminal; fg redraws the line and takes input', async () => {
    await startInShell(['repl']);
    await t.waitFor('nnlearn REPL');
    await t.type('conv 32x32x3 F=5');
    await t.waitFor('nn› conv 32x32x3 F=5');
    await t.key('C-z');
    await expectShellHasTerminal();

    await t.type('fg');
    await t.key('Enter');
    await t.waitFor('nn› conv 32x32x3 F=5');
    expect(t.display('#{cursor_flag}')).toBe('0');
    await t.type(' K=8');
    await t.key('Enter');
    await t.waitFor('32×32×3 → 28×28×8');

    // SIGTSTP from outside does the same.
    spawnSync('kill', ['-TSTP', nnlearnPid()], { timeout: 10_000 });
    await expectShellHasTerminal();
    await t.type('fg');
    await t.key('Enter');
    await t.waitFor(/^nn›\s*$/m);
    await t.type('exit');
    await t.key('Enter');
    await t.waitFor(/^\$ ?$/m);
    expect(await sttyFlags()).toBe('icanon,echo');
  }, 90_000);

  it('a lesson: Ctrl+Z and fg bring the same step back', async () => {
    await startInShell(['lesson', 'cnn/pooling']);
    await t.waitFor(/Pooling layers 1\/\d+/);
    await t.key('Right');
    await t.waitFor(/Pooling layers 2\/\d+/);
    await t.key('C-z');
    await expectShellHasTerminal();
    await t.type('fg');
    await t.key('Enter');
    await t.waitFor(/Pooling layers 2\/\d+/);
    await t.key('Right');
    await t.waitFor(/Pooling layers 3\/\d+/);
    await t.key('q');
    await t.waitFor(/^\$ ?$/m);
  }, 90_000);

  it('the quiz: Ctrl+Z and fg bring the same question back, and it still takes an answer', async () => {
    await startInShell(['quiz', '--count', '2']);
    await t.waitFor('answer›');
    await t.type('?');
    await t.waitFor(/^answer› \?/m);
    await t.key('C-z');
    await expectShellHasTerminal();
    await t.type('fg');
    await t.key('Enter');
    await t.waitFor(/^answer› \?/m);
    await t.key('Enter');
    await t.waitForNo(/^answer› \?/m);
  }, 90_000);
});
