/**
 * The published package: `npm pack` holds what a user needs and not the
 * tests; installed from the tarball into an empty folder, offline, nnlearn runs.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { wasmProbeScript } from '../helpers/wasm-probe.js';

// Every child has a bound: a synchronous child that never ends would block this
// worker, so vitest's own timeout could not fire and the whole run would hang.
const CHILD_MS = 60_000;

describe('npm pack', () => {
  it('the tarball installs offline into an empty folder and runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-pack-'));
    const listing = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, encoding: 'utf8', timeout: CHILD_MS, env: { ...process.env, npm_config_ignore_scripts: 'true' } });
    const files = (JSON.parse(listing) as { files: { path: string }[] }[])[0].files.map((f) => f.path);
    expect(files).toContain('bin/nnlearn.js');
    expect(files).toContain('dist/cli.js');
    expect(files).toContain('dist/engine/index.js');
    expect(files).toContain('dist/math-worker.js');
    expect(files).toContain('dist/engine/kernels.wasm');
    // The digits and their licence (CC BY-SA 3.0) travel together.
    expect(files).toContain('data/digits/digits.bin.gz');
    expect(files).toContain('data/digits/LICENSE.md');
    // The shipped models (--pretrained) and the note on their licences.
    expect(files).toContain('data/pretrained/digits.nnmodel');
    expect(files).toContain('data/pretrained/text-lstm.nnmodel');
    expect(files).toContain('data/pretrained/LICENSE.md');
    expect(files.some((f) => f.startsWith('tests/') || f.startsWith('src/') || f.endsWith('meta.json'))).toBe(false);

    const tgz = readdirSync(dir).find((f) => f.endsWith('.tgz'))!;
    const app = join(dir, 'app');
    execFileSync('mkdir', ['-p', app]);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'empty', version: '1.0.0', private: true }));
    execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', join(dir, tgz)], { cwd: app, encoding: 'utf8', timeout: CHILD_MS });
    expect(existsSync(join(app, 'node_modules', 'nnlearn', 'data', 'digits', 'digits.bin.gz'))).toBe(true);
    expect(existsSync(join(app, 'node_modules', 'nnlearn', 'data', 'pretrained', 'digits.nnmodel'))).toBe(true);
    const run = (args: string[]) => spawnSync('npx', ['--offline', 'nnlearn', ...args], { cwd: app, encoding: 'utf8', timeout: CHILD_MS, env: { ...process.env, NNLEARN_HOME: join(dir, 'home') } });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Usage: nnlearn');
    const list = run(['lesson', '--list']);
    expect(list.stdout).toContain('cnn/pooling');
    const pool = run(['run', 'pool 32x32x16 F=2 S=2']);
    expect(pool.status).toBe(0);
    expect(pool.stdout).toContain('16×16×16');
    const engine = spawnSync(process.execPath, ['--input-type=module', '-e', "import('nnlearn/engine').then(m => console.log(m.runOp('relu', { input: m.Tensor.fromNested([-1, 2]) }).output.data.join(',')))"], { cwd: app, encoding: 'utf8', timeout: CHILD_MS });
    expect(engine.stdout.trim()).toBe('0,2');
    // The installed engine finds its WebAssembly kernels (node_modules/nnlearn/dist/engine/kernels.wasm).
    const wasm = spawnSync(process.execPath, ['--input-type=module', '-e', wasmProbeScript('nnlearn/engine')], { cwd: app, encoding: 'utf8', timeout: CHILD_MS, env: { ...process.env, NNLEARN_ENGINE: 'wasm' } });
    expect(wasm.stderr).toBe('');
    expect(Number(wasm.stdout.trim())).toBeGreaterThan(0);
  }, 6 * CHILD_MS);
});
