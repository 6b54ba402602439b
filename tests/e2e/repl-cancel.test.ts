/**
 * Issue #10: in the interactive REPL, long engine work ignored Ctrl+C, exit and
 * SIGTERM, and kill -9 left the terminal raw with the cursor hidden. Commands now
 * run in a worker: Ctrl+C cancels, SIGTERM leaves at once with the terminal
 * restored. The endless command is a test hook (NNLEARN_TEST_HANG_ON), so the
 * test does not depend on the machine's speed.
 */
import { spawnSync } from 'node:child_process';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, requireTmux } from './tmux.js';

const t = new Tmux('repl-cancel');
const HANG = 'spin forever';

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

/** The pid of nnlearn: the child of the pane's shell. */
function nnlearnPid(): number {
  const shell = t.display('#{pane_pid}');
  const r = spawnSync('ps', ['-o', 'pid=,args=', '--ppid', shell], { encoding: 'utf8', timeout: 10_000 });
  const line = r.stdout.split('\n').find((l) => l.includes('nnlearn.js'));
  if (!line) throw new Error(`nnlearn is not running under the pane's shell ${shell}:\n${r.stdout}`);
  return Number(line.trim().split(/\s+/)[0]);
}

describe('nnlearn repl: typing while a command runs', () => {
  it('keys typed while busy are kept; Enter queues the line; Ctrl+C cancels the running line and the queued ones, saying so', async () => {
    await t.start({ args: ['repl'], env: { NNLEARN_TEST_HANG_ON: HANG } });
    await t.waitFor('nnlearn REPL');
    await t.type(HANG);
    await t.key('Enter');
    await t.waitFor('working… (Ctrl+C cancels)', 30000);
    // Queued behind the endless line: it must not be lost, and Ctrl+C must not run it.
    await t.type('let q = 1');
    await t.key('Enter');
    // Typed but not submitted: it stays in the line, edited as usual.
    await t.type('let b = 5');
    await t.waitFor(/^nn› let b = 5/m, 15000);
    await t.key('C-c');
    await t.waitFor('Cancelled. Your variables are kept', 15000);
    await t.waitFor('let q = 1  (not run: cancelled)', 15000);
    // The typed line survived the cancel; Enter runs it.
    await t.key('Enter');
    await t.waitFor(/^b = 5$/m, 60000);
    await t.type('exit');
    await t.key('Enter');
    const screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 180_000);
});

describe('nnlearn repl: long work never holds the terminal', () => {
  it('Ctrl+C cancels a running command; the variables are kept; exit leaves', async () => {
    await t.start({ args: ['repl'], env: { NNLEARN_TEST_HANG_ON: HANG } });
    await t.waitFor('nnlearn REPL');
    await t.type('let x = rand 6x6x1');
    await t.key('Enter');
    await t.waitFor('x = tensor [1, 6, 6]', 30000);
    await t.type(HANG);
    await t.key('Enter');
    await t.waitFor('working… (Ctrl+C cancels)', 30000);
    await t.key('C-c');
    await t.waitFor('Cancelled. Your variables are kept', 15000);
    await t.type('show x');
    await t.key('Enter');
    await t.waitFor(/x: 6×6×1/, 60000);
    await t.type('exit');
    await t.key('Enter');
    const screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 180_000);

  it('SIGTERM during a running command ends nnlearn at once and restores the terminal (cooked mode, cursor shown)', async () => {
    await t.start({ args: ['repl'], env: { NNLEARN_TEST_HANG_ON: HANG } });
    await t.waitFor('nnlearn REPL');
    await t.type(HANG);
    await t.key('Enter');
    await t.waitFor('working… (Ctrl+C cancels)', 30000);
    process.kill(nnlearnPid(), 'SIGTERM');
    const screen = await t.waitFor(EXITED, 15000);
    expect(screen.match(EXITED)![1]).toBe('143');
    expect(t.display('#{cursor_flag}')).toBe('1');
    await t.type('stty -a | grep -o -- "-\\?icanon" | head -1');
    await t.key('Enter');
    const after = await t.waitFor(/^-?icanon$/m);
    expect(after).toMatch(/^icanon$/m);
  }, 120_000);
});
