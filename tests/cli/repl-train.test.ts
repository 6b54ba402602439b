/**
 * The REPL's train through the built CLI: `nnlearn run` and the piped REPL
 * print each epoch under the command's echo as it ends, then the summary, with
 * the numbers `nnlearn train --json` prints for the same seed; a bad option
 * is a message and exit code 1, and the commands after it still run. A run
 * that never trains loads nothing of the training domain.
 */
import { describe, expect, it } from 'vitest';
import { inputsOf, runCli } from '../helpers/cli.js';

type Obj = Record<string, unknown>;
const objects = (stdout: string): Obj[] => stdout.trim().split('\n').map((l) => JSON.parse(l) as Obj);
const steady = (o: Obj) => Object.fromEntries(Object.entries(o).filter(([k]) => !['examples_per_second', 'seconds', 'command', 'ok'].includes(k)));

describe('train in nnlearn run and the piped REPL', () => {
  it('nnlearn run --json: one object per epoch, then the summary — the numbers of nnlearn train --json', () => {
    const repl = runCli(['run', '--json', 'train xor epochs=2 seed=3 net="2 | fc 6 | tanh | fc 2"']);
    expect(repl.status, repl.stderr).toBe(0);
    const cli = runCli(['train', 'xor', '--json', '--epochs', '2', '--seed', '3', '--net', '2 | fc 6 | tanh | fc 2']);
    expect(cli.status, cli.stderr).toBe(0);
    const a = objects(repl.stdout);
    const b = objects(cli.stdout);
    expect(a).toHaveLength(3);
    expect(a.slice(0, 2).map(steady)).toEqual(b.slice(0, 2).map(steady));
    expect(a[0]).toMatchObject({ command: 'train', ok: true, epoch: 1 });
    expect(steady(a[2].summary as Obj)).toEqual(steady(b[2].summary as Obj));
  });

  it('piped: the echo, the header, a line per epoch, the end; then the next line runs with the variables kept', () => {
    const r = runCli(['repl'], { input: 'let a = 5\ntrain circles epochs=2 seed=1\na\n' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('› train circles epochs=2 seed=1');
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^Circles — /);
    expect(lines.slice(at + 3, at + 5).every((l) => /^epoch \d\/2 {2}step \d+ {2}loss/.test(l))).toBe(true);
    expect(lines[at + 5]).toMatch(/^Done in [\d.]+ s: test accuracy/);
    expect(r.stdout).toMatch(/› a\n5\n/);
  });

  it('a bad option: the CLI’s message, exit 1, and the next command still runs', () => {
    const r = runCli(['run', 'train spiral optimizer=rmsprop', '1 + 1']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('--optimizer "rmsprop" is not one of sgd, momentum, adam. Did you mean adam?');
    expect(r.stdout).toMatch(/› 1 \+ 1\n2/);
  });

  it('nnlearn run "conv …" loads nothing of the training domain', () => {
    const r = runCli(['run', 'conv 32x32x3 F=5'], { trace: true });
    expect(r.status).toBe(0);
    expect(inputsOf(r.loaded).filter((f) => f.startsWith('src/training/'))).toEqual([]);
  });
});
