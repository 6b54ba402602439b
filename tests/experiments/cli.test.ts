/**
 * nnlearn experiment without a terminal: the list (lines and JSON), a bad id
 * or seed answered with what would work, and a whole quick experiment as
 * lines and as the JSON object ({experiment, runs, measurements,
 * verdict: {holds, text}}), in English and Chinese.
 */
import { describe, expect, it } from 'vitest';
import { runExperimentCommand, parseSeed } from '../../src/cli/actions/experiment.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { runCli } from '../helpers/cli.js';

async function run(args: { id?: string; cli?: Record<string, unknown>; lang?: 'en' | 'zh' }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runExperimentCommand({ id: args.id, lang: args.lang ?? 'en', cli: args.cli ?? {}, tty: false, write: (l) => out.push(l), writeError: (l) => err.push(l) });
  return { code, out, err };
}

describe('nnlearn experiment (built CLI)', () => {
  it('--list --json lists every experiment with its topic, lesson, title and claim', () => {
    const r = runCli(['experiment', '--list', '--json']);
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as { experiments: { id: string; topic: string; lesson: string; title: string; claim: string }[] };
    expect(list.experiments.map((e) => e.id)).toEqual(EXPERIMENTS.map((e) => e.id));
    for (const e of list.experiments) for (const k of ['id', 'topic', 'lesson', 'title', 'claim'] as const) expect(typeof e[k]).toBe('string');
  });

  it('without an id prints the list by topic and how to run one', () => {
    const r = runCli(['experiment']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('Deep neural networks');
    expect(r.stdout).toContain('no-nonlinearity');
    expect(r.stdout).toContain('nnlearn experiment ID');
  });

  it('a misspelt id gets the nearest one and the list, exit 2', () => {
    const r = runCli(['experiment', 'no-nonlinearty']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('Did you mean no-nonlinearity?');
    expect(r.stdout).toBe('');
  });

  it('a bad seed says what would work, in Chinese too', () => {
    const r = runCli(['experiment', 'no-nonlinearity', '--seed', 'abc', '--lang', 'zh']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('--seed "abc"');
    expect(r.stderr).toContain('0 到 2147483647');
  });
});

describe('runExperimentCommand', () => {
  it('--json prints one object: experiment, runs, measurements, verdict {holds, text}', async () => {
    const r = await run({ id: 'no-nonlinearity', cli: { json: true, quick: true, seed: '1' } });
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(1);
    const o = JSON.parse(r.out[0]) as Record<string, unknown>;
    expect(Object.keys(o)).toEqual(expect.arrayContaining(['experiment', 'runs', 'measurements', 'verdict']));
    expect(o.experiment).toBe('no-nonlinearity');
    const verdict = o.verdict as { holds: unknown; text: unknown };
    expect(typeof verdict.holds).toBe('boolean');
    expect(verdict.text).toMatch(/\d/);
    const runs = o.runs as { id: string; parameters: number; final: { test_accuracy: number } }[];
    expect(runs.map((x) => x.id)).toEqual(['one', 'linear', 'tanh', 'relu']);
    // The measurements are the runs' own numbers, not a second copy that could drift.
    expect((o.measurements as Record<string, number>).relu_accuracy).toBe(runs[3].final.test_accuracy);
  });

  it('--plain in Chinese: the claim, a line per finished run, the runs, the verdict', async () => {
    const r = await run({ id: 'no-nonlinearity', cli: { plain: true, quick: true }, lang: 'zh' });
    expect(r.code).toBe(0);
    const text = r.out.join('\n');
    expect(text).toContain('结论：');
    expect(r.out.filter((l) => /^ {2}[✓✗] /.test(l))).toHaveLength(4);
    expect(text).toMatch(/结论：(成立|这次的运行没有证实这个结论)。/);
  });

  it('parseSeed takes 0 … 2³¹−1 and refuses the rest', () => {
    expect(parseSeed(undefined)).toEqual({ ok: true, seed: 1 });
    expect(parseSeed('0')).toEqual({ ok: true, seed: 0 });
    expect(parseSeed('2147483647')).toEqual({ ok: true, seed: 2147483647 });
    for (const bad of ['-1', '2147483648', '1.5', '', ' ', '1e3', 'x'.repeat(100)]) expect(parseSeed(bad).ok).toBe(false);
  });
});
