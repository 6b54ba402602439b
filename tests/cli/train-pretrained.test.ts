/**
 * nnlearn train ID --pretrained without a terminal: the run goes on from the model that ships
 * with nnlearn (the --json stream's first epoch is already at the shipped model's accuracy);
 * a run without one, --pretrained with --load, and a damaged shipped file (in a copy of the
 * package) each get a message and exit 1, and the shipped file is never written.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});
const tmp = (prefix: string) => {
  const d = mkdtempSync(join(tmpdir(), prefix));
  made.push(d);
  return d;
};

/** A whole epoch of LeNet-5 on a loaded machine can take a minute or two: a longer bound than runCli's. */
const EPOCH_MS = 240_000;

function train(bin: string, args: string[]): { stdout: string; stderr: string; status: number | null } {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LANG: 'en_US.UTF-8', NNLEARN_HOME: tmp('nnlearn-home-') };
  return spawnSync(process.execPath, [bin, 'train', ...args], { env, encoding: 'utf8', timeout: EPOCH_MS });
}

describe('nnlearn train --pretrained', () => {
  it('digits --json: the first epoch line already has the shipped model’s accuracy', () => {
    const r = train(join(ROOT, 'bin', 'nnlearn.js'), ['digits', '--pretrained', '--epochs', '1', '--json']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, number>);
    expect(lines[0].epoch).toBe(1);
    // It goes on at a tenth of the run's rate (0.003): the shipped model is fine-tuned, not shaken.
    expect(lines[0].lr).toBe(0.0003);
    expect(lines[0].test_accuracy).toBeGreaterThanOrEqual(0.975);
  }, EPOCH_MS + 10_000);

  it('text-lstm --plain says what it starts from, then trains on from it', () => {
    const r = train(join(ROOT, 'bin', 'nnlearn.js'), ['text-lstm', '--pretrained', '--epochs', '1', '--plain']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toMatch(/^Starting from the model that ships with nnlearn: text-lstm, trained 30 epochs \(930 steps; test accuracy 5\d\.\d%, test loss 1\.\d{3}\); counting starts again here\.$/);
    expect(lines[1]).toContain('char-LSTM, hidden 64, 137 characters');
    expect(lines[2]).toContain('adam, learning rate 0.0006');
    expect(r.stdout).toMatch(/^epoch 1\/1 .* test accuracy (4[5-9]|5\d|6\d)\.\d%/m);
  }, EPOCH_MS + 10_000);

  it('a run without a shipped model, --pretrained with --load, and no run: a message each', () => {
    const cases: [string[], RegExp][] = [
      [['train', 'spiral', '--pretrained'], /^"spiral" has no model that ships with nnlearn: --pretrained works for digits, text-lstm\./],
      [['train', 'digits', '--pretrained', '--load', 'mine'], /^--pretrained and --load both say which model to start from: give one\./],
      [['train', '--pretrained', '--plain'], /^Name the run to start from its shipped model: nnlearn train digits --pretrained, nnlearn train text-lstm --pretrained\./],
      [['train', 'text-rnn', '--pretrained', '--lang', 'zh'], /^"text-rnn" 没有随 nnlearn 一起提供的模型：--pretrained 适用于 digits、text-lstm。/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr).not.toMatch(/at \S+ \(|Error:/);
    }
    const json = runCli(['train', 'spiral', '--pretrained', '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: false });
  });

  it('a damaged shipped file (in a copy of the package) is named and left as it is', () => {
    const pkg = tmp('nnlearn-pkg-');
    for (const part of ['bin', 'dist', 'data', 'package.json']) cpSync(join(ROOT, part), join(pkg, part), { recursive: true });
    const file = join(pkg, 'data', 'pretrained', 'digits.nnmodel');
    const bytes = readFileSync(file);
    bytes[bytes.length - 50] ^= 0x01;
    writeFileSync(file, bytes);
    const r = train(join(pkg, 'bin', 'nnlearn.js'), ['digits', '--pretrained', '--plain']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`The model that ships with nnlearn for digits cannot be loaded: ${file} is damaged`);
    expect(r.stderr).toContain('npm run pretrain');
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
