/**
 * `npm run golden -- FILE…` over the fixtures: both formats in one run, ending
 * with "N passed, M failed" and exit 0 only when nothing failed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
// The script runs as `npm run golden` does: one node process with tsx's loader. It runs on the
// TypeScript back end here: under Node 24 on a loaded machine, a process that has loaded the
// WebAssembly kernels sometimes never finishes exiting (after printing its result, its last
// threads wait on each other inside node's teardown: seen in 1 of 40 and 4 of 60 runs of this very
// script, never in 40 on the TypeScript back end). What this file checks — the command's output
// and exit code — does not depend on the back end; the numbers under the kernels are checked
// in-process by golden.test.ts and train-golden.test.ts.
const fixtures = readdirSync(join(root, 'tests', 'fixtures'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => join(root, 'tests', 'fixtures', f));

function golden(...files: string[]): { code: number | null; out: string } {
  const r = spawnSync(process.execPath, ['--no-concurrent-sparkplug', '--import', 'tsx', join(root, 'scripts', 'golden.ts'), ...files], {
    cwd: root,
    encoding: 'utf8',
    timeout: 120_000,
    env: { ...process.env, NNLEARN_ENGINE: 'js' },
  });
  return { code: r.status, out: r.stdout + r.stderr };
}

describe('npm run golden', () => {
  it('passes every op case and every training run of the fixtures', () => {
    const r = golden(...fixtures);
    expect(r.out).toMatch(/^\d+ passed, 0 failed$/m);
    expect(r.code).toBe(0);
  });

  it('reports a tampered training run as failed, naming the case and the number', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-golden-'));
    const file = join(dir, 'tampered.json');
    const doc = {
      format: 'nnlearn-train/1',
      cases: [
        {
          id: 'mlp/tampered',
          model: [{ type: 'linear', in: 1, out: 1 }],
          params: { '0.weight': { shape: [1, 1], data: [0.5] }, '0.bias': { shape: [1], data: [0] } },
          inputs: { shape: [2, 1], data: [1, 2] },
          targets: { shape: [2, 1], data: [1, 2] },
          loss: 'mse',
          optimizer: { type: 'sgd', lr: 0.1 },
          batches: [[0, 1]],
          probe: [0],
          // loss of step 0: mean((0.5−1)², (1−2)²) = 0.625 — written as 0.7
          expected: {
            losses: { shape: [1], data: [0.7] },
            grads_step0: {},
            final_params: {},
            probe_outputs: { shape: [1, 1], data: [0] },
          },
        },
      ],
    };
    writeFileSync(file, JSON.stringify(doc));
    const r = golden(file);
    expect(r.out).toMatch(/FAIL mlp\/tampered \[losses\]: worst element 0 .*expected 0\.7, actual 0\.625/);
    expect(r.out).toMatch(/^0 passed, 1 failed$/m);
    expect(r.code).toBe(1);
  });
});
