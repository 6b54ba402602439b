/**
 * The REPL's experiment through the built CLI: `nnlearn run` prints the
 * header, progress and the report under the command's echo; --json prints the
 * report's JSON alone; a bad id is the registry's did-you-mean and exit 1,
 * and the commands after it still run. A line that runs no experiment loads
 * nothing of the experiments.
 */
import { describe, expect, it } from 'vitest';
import { inputsOf, runCli } from '../helpers/cli.js';

describe('experiment in nnlearn run and the piped REPL', () => {
  it('nnlearn run --json: one object, the report (measurements and a computed verdict)', () => {
    const r = runCli(['run', '--json', 'experiment no-nonlinearity quick=yes seed=1']);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const rec = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(rec).toMatchObject({ command: 'experiment', ok: true, experiment: 'no-nonlinearity', seed: 1, quick: true });
    expect(rec.measurements).toHaveProperty('collapse_gap');
    expect(typeof (rec.verdict as { holds: unknown }).holds).toBe('boolean');
  });

  it('piped: the echo, the header, progress lines, the report; then the next line runs', () => {
    const r = runCli(['repl'], { input: 'experiment no-nonlinearity quick=yes\n1 + 1\n' });
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.split('\n');
    const at = lines.indexOf('› experiment no-nonlinearity quick=yes');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toBe('Stacked linear layers are one linear layer');
    expect(lines.some((l) => /^ {2}3 layers with ReLU {2}epoch \d+\/\d+ {2}loss/.test(l))).toBe(true);
    expect(r.stdout).toMatch(/Verdict: (the claim holds|these runs do not bear the claim out)\./);
    expect(r.stdout).toMatch(/› 1 \+ 1\n2/);
  });

  it('a bad id: the did-you-mean, exit 1, and the next command still runs', () => {
    const r = runCli(['run', 'experiment no-nonlinerity', '1 + 1']);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('There is no experiment "no-nonlinerity". Did you mean no-nonlinearity?');
    expect(r.stdout).toMatch(/› 1 \+ 1\n2/);
  });

  it('nnlearn run "experiment" lists them; "conv …" loads nothing of the experiments', () => {
    const list = runCli(['run', 'experiment']);
    expect(list.status, list.stderr).toBe(0);
    expect(list.stdout).toContain('no-nonlinearity');
    const r = runCli(['run', 'conv 32x32x3 F=5'], { trace: true });
    expect(r.status).toBe(0);
    expect(inputsOf(r.loaded).filter((f) => f.startsWith('src/experiments/'))).toEqual([]);
  });
});
