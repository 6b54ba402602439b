/**
 * nnlearn train without a terminal: the --json stream (one object per epoch
 * with the fields, then the summary), plain lines when piped, the list,
 * and a clear message for every bad option, run id and CSV row.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const EPOCH_KEYS = ['epoch', 'step', 'loss', 'accuracy', 'test_loss', 'test_accuracy', 'lr', 'examples_per_second'];

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('nnlearn train --json', () => {
  it('prints one object per epoch with exactly the documented fields, then the summary', () => {
    const r = runCli(['train', 'spiral', '--json', '--epochs', '3', '--seed', '2']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = jsonLines(r.stdout);
    expect(lines).toHaveLength(4);
    lines.slice(0, 3).forEach((o, i) => {
      expect(Object.keys(o)).toEqual(EPOCH_KEYS);
      expect(o.epoch).toBe(i + 1);
      // 250 training points in batches of 32: 8 steps an epoch
      expect(o.step).toBe(8 * (i + 1));
      for (const k of ['accuracy', 'test_accuracy']) expect(o[k]).toBeGreaterThanOrEqual(0), expect(o[k]).toBeLessThanOrEqual(1);
      for (const k of ['loss', 'test_loss', 'examples_per_second']) expect(o[k]).toBeGreaterThan(0);
      expect(o.lr).toBe(0.01);
    });
    const summary = lines[3].summary as Record<string, unknown>;
    expect(summary).toMatchObject({ run: 'spiral', epochs: 3, step: 24, test_accuracy: lines[2].test_accuracy, test_loss: lines[2].test_loss });
    expect(typeof summary.seconds).toBe('number');
    expect(summary.parameters).toBe(1218);
  });

  it('the same seed gives the same numbers; another seed other numbers', () => {
    const strip = (s: string) => jsonLines(s).slice(0, 2).map((o) => [o.loss, o.test_accuracy]);
    const a = runCli(['train', 'circles', '--json', '--epochs', '2', '--seed', '5']);
    const b = runCli(['train', 'circles', '--json', '--epochs', '2', '--seed', '5']);
    const c = runCli(['train', 'circles', '--json', '--epochs', '2', '--seed', '6']);
    expect(strip(a.stdout)).toEqual(strip(b.stdout));
    expect(strip(c.stdout)).not.toEqual(strip(a.stdout));
  });

  it('a failure is {"ok": false, "error"} on stdout, exit 1', () => {
    const r = runCli(['train', 'spiral', '--json', '--batch', '0']);
    expect(r.status).toBe(1);
    const [o] = jsonLines(r.stdout);
    expect(o.ok).toBe(false);
    expect(o.error).toMatch(/--batch 0/);
  });
});

describe('nnlearn train, piped', () => {
  it('prints the header, one line per epoch and the result, in English and Chinese', () => {
    const en = runCli(['train', 'xor', '--epochs', '2']);
    expect(en.status).toBe(0);
    expect(en.stdout).toMatch(/^XOR — 2 → fc/m);
    expect(en.stdout).toMatch(/parameters · adam, learning rate 0\.01 · batch 32/);
    expect(en.stdout).toMatch(/^epoch 1\/2 {2}step \d+ {2}loss \d\.\d{4} {2}accuracy \d+\.\d% {2}test loss/m);
    expect(en.stdout).toMatch(/^epoch 2\/2 /m);
    expect(en.stdout).toMatch(/^Done in [\d.]+ s: test accuracy \d+\.\d%/m);
    const zh = runCli(['train', 'xor', '--epochs', '2'], { env: { LANG: 'zh_CN.UTF-8' } });
    expect(zh.stdout).toMatch(/^第 1\/2 轮 {2}第 \d+ 步 {2}损失 /m);
    expect(zh.stdout).toMatch(/测试准确率 \d+\.\d%/);
    expect(zh.stdout).toMatch(/^用时 [\d.]+ 秒完成/m);
  });

  it('without a run id lists the runs by topic and says how to start one; --list --json for scripts', () => {
    const r = runCli(['train']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^ {2}spiral +Spiral/m);
    expect(r.stdout).toMatch(/^ {2}digits +/m);
    expect(r.stdout).toContain('nnlearn train spiral');
    const j = runCli(['train', '--list', '--json']);
    const runs = (JSON.parse(j.stdout) as { runs: { id: string; topic: string }[] }).runs;
    expect(runs.map((x) => x.id)).toEqual(expect.arrayContaining(['spiral', 'circles', 'xor', 'gaussian', 'csv', 'digits', 'digits-mlp']));
  });
});

describe('nnlearn train: bad input gets a message, never a crash', () => {
  const cases: [string[], RegExp][] = [
    [['train', 'spiarl'], /no run "spiarl"\. Did you mean spiral\?/],
    [['train', 'spiral', '--lr', '-1'], /--lr -1 is too small/],
    [['train', 'spiral', '--lr', 'fast'], /--lr/],
    [['train', 'spiral', '--batch', '0'], /--batch 0 is too small/],
    [['train', 'spiral', '--epochs', '2.5'], /--epochs/],
    [['train', 'spiral', '--optimizer', 'rmsprop'], /Did you mean adam\?/],
    [['train', 'spiral', '--net', '2 | fc 8 | tahn | fc 2'], /"tahn" is not a layer\. Did you mean tanh\?/],
    [['train', 'spiral', '--net', '3 | fc 2'], /starts with 2, not 3/],
    [['train', 'spiral', '--net', '2 | fc 8 | relu | fc 3'], /3 outputs, but the data has 2 classes: end the net with fc 2/],
    [['train', 'csv'], /--data/],
    [['train', 'csv', '--data', '/nonexistent/points.csv'], /points\.csv/],
  ];
  for (const [args, re] of cases) {
    it(args.slice(1).join(' '), () => {
      const r = runCli(args);
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/at \S+ \(|Error:/);
    });
  }

  it('a CSV with a bad row is named by its row, in English and Chinese', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-csv-'));
    const file = join(dir, 'mine.csv');
    writeFileSync(file, 'x,y,label\n0.1,0.2,a\n0.3,abc,b\n0.5,0.5,a\n');
    const en = runCli(['train', 'csv', '--data', file]);
    expect(en.status).toBe(1);
    expect(en.stderr).toMatch(/[Rr]ow 3/);
    expect(en.stderr).toContain('abc');
    const zh = runCli(['train', 'csv', '--data', file, '--lang', 'zh']);
    expect(zh.stderr).toMatch(/第 3 行/);
  });

  it('a good CSV trains', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-csv-'));
    const file = join(dir, 'mine.csv');
    const rows = Array.from({ length: 60 }, (_, i) => `${((i % 10) / 10 - 0.45).toFixed(2)},${(Math.floor(i / 10) / 6 - 0.4).toFixed(2)},${i % 10 < 5 ? 'left' : 'right'}`);
    writeFileSync(file, ['x,y,side', ...rows].join('\n') + '\n');
    const r = runCli(['train', 'csv', '--data', file, '--epochs', '2', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(jsonLines(r.stdout).at(-1)).toHaveProperty('summary.test_accuracy');
  });
});
