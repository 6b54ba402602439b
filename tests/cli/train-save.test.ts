/**
 * nnlearn train --save NAME / --load NAME without a terminal: a model saved at
 * the end of a run starts the next run where it stopped (the run id may be left
 * out), and every bad case — a wrong run, a missing or damaged file, a bad name —
 * gets a message and leaves saved files as they were.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const home = () => mkdtempSync(join(tmpdir(), 'nnlearn-save-'));
const lastJson = (stdout: string) => JSON.parse(stdout.trim().split('\n').at(-1)!) as { summary: Record<string, unknown> };

describe('nnlearn train --save / --load', () => {
  it('a saved run goes on where it stopped; the id can be left out; --json says where it was saved', () => {
    const h = home();
    const env = { NNLEARN_HOME: h };
    const first = runCli(['train', 'circles', '--epochs', '30', '--seed', '4', '--json', '--save', 'ring'], { env });
    expect(first.stderr).toBe('');
    const done = lastJson(first.stdout).summary;
    expect(done.saved).toBe(join(h, 'models', 'ring.nnmodel'));
    expect(done.test_accuracy as number).toBeGreaterThan(0.9);
    const fresh = lastJson(runCli(['train', 'circles', '--epochs', '1', '--seed', '4', '--json'], { env }).stdout).summary;
    const again = runCli(['train', '--load', 'ring', '--epochs', '1', '--lr', '0.0001', '--json'], { env });
    expect(again.stderr).toBe('');
    const loaded = lastJson(again.stdout).summary;
    expect(loaded.run).toBe('circles');
    // From the saved weights: far better after one epoch than a fresh start after one epoch.
    expect(loaded.test_accuracy as number).toBeGreaterThan(0.9);
    expect(loaded.test_accuracy as number).toBeGreaterThan(fresh.test_accuracy as number);
    const plain = runCli(['train', 'circles', '--load', 'ring', '--epochs', '1'], { env });
    expect(plain.stdout).toMatch(/^Circles — 2 → fc/m);
  });

  it('plain output says where it was saved, in both languages', () => {
    const h = home();
    const en = runCli(['train', 'xor', '--epochs', '1', '--save', 'x1'], { env: { NNLEARN_HOME: h } });
    expect(en.stdout).toContain(`Saved as x1: ${join(h, 'models', 'x1.nnmodel')}`);
    const zh = runCli(['train', 'xor', '--epochs', '1', '--save', 'x2', '--lang', 'zh'], { env: { NNLEARN_HOME: h } });
    expect(zh.stdout).toContain('已保存为 x2：');
  });

  it('refuses a model of another run, a missing one and a bad name, each with a message', () => {
    const h = home();
    const env = { NNLEARN_HOME: h };
    runCli(['train', 'spiral', '--epochs', '1', '--save', 'sp'], { env });
    const cases: [string[], RegExp][] = [
      [['train', 'xor', '--load', 'sp'], /"sp" was saved from the run spiral, not xor: nnlearn train spiral --load sp/],
      [['train', 'spiral', '--load', 'nothere'], /There is no saved model "nothere".*Saved models: sp\./],
      [['train', '--load', 'nothere'], /There is no saved model "nothere"/],
      [['train', 'spiral', '--save', '../escape'], /path separator/],
      [['train', 'spiral', '--save', ''], /The model needs a name/],
      [['train', 'spiral', '--load', 'sp', '--net', '2 | fc 3 | tanh | fc 2'], /does not fit this network: its parameter fc1\.weight \(0\.weight\) has shape \[32, 2\], this network's has \[3, 2\]/],
    ];
    for (const [args, re] of cases) {
      const r = runCli(args, { env });
      expect(r.status, args.join(' ')).toBe(1);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr).not.toMatch(/at \S+ \(|Error:/);
    }
  });

  it('a text run saves with --save and goes on with --load (its characters travel with it)', () => {
    const h = home();
    const env = { NNLEARN_HOME: h };
    const small = ['--hidden', '16', '--batch', '8', '--length', '16', '--epochs', '1'];
    const first = runCli(['train', 'text-rnn', ...small, '--json', '--save', 't1'], { env });
    expect(first.stderr).toBe('');
    expect(lastJson(first.stdout).summary.saved).toBe(join(h, 'models', 't1.nnmodel'));
    const again = runCli(['train', '--load', 't1', '--epochs', '1'], { env });
    expect(again.stderr).toBe('');
    expect(again.stdout).toMatch(/^Loaded t1: text-rnn, saved at epoch 1/m);
  });

  it('a damaged model file is named, never overwritten by a save, never changed by a load', () => {
    const h = home();
    const env = { NNLEARN_HOME: h };
    runCli(['train', 'spiral', '--epochs', '1', '--save', 'm'], { env });
    const file = join(h, 'models', 'm.nnmodel');
    const bytes = readFileSync(file);
    bytes[bytes.length - 10] ^= 0xff;
    writeFileSync(file, bytes);
    const load = runCli(['train', 'spiral', '--load', 'm'], { env });
    expect(load.status).toBe(1);
    expect(load.stderr).toContain(file);
    const save = runCli(['train', 'spiral', '--epochs', '1', '--save', 'm'], { env });
    expect(save.status).toBe(1);
    expect(save.stdout + save.stderr).toContain(file);
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });
});
