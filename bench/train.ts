/**
 * npm run bench:train — the speed targets of `nnlearn train` (issue #16), timed
 * on the built CLI as a student runs it (wall clock from spawn, start-up included):
 *   spiral, default run: ≥ 95 % test accuracy at its end, in ≤ 10 s;
 *   digits (LeNet-5): ≥ 95 % test accuracy within 30 s and ≥ 97 % within 60 s;
 *   char-LSTM (hidden 128): ≥ 20,000 characters/s of training;
 *   first frame of `nnlearn train spiral` in a terminal ≤ 3× `node -e 0` (both in a pty).
 * Build first (npm run build). SEEDS=1,2,3 repeats the accuracy rows per seed.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RUNS } from '../src/training/runs/registry.js';

const BIN = join(import.meta.dirname, '..', 'bin', 'nnlearn.js');
const HOME = mkdtempSync(join(tmpdir(), 'nnlearn-bench-train-'));
const env = { ...process.env, NNLEARN_HOME: HOME, LANG: 'en_US.UTF-8' };
const SEEDS = (process.env.SEEDS ?? '1').split(',').map(Number);

interface Epoch {
  epoch: number;
  test_accuracy: number;
  examples_per_second: number;
  /** ms from spawn to this line. */
  at: number;
}

/** Runs `nnlearn train …args --json`; every epoch line with the wall time it arrived at. */
function trainJson(args: string[]): Promise<{ epochs: Epoch[]; total: number }> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn(process.execPath, [BIN, 'train', ...args, '--json'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    const epochs: Epoch[] = [];
    let buf = '';
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl: number;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        const o = JSON.parse(line) as Partial<Epoch> & { summary?: unknown };
        if (!o.summary) epochs.push({ ...(o as Epoch), at: performance.now() - t0 });
      }
    });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve({ epochs, total: performance.now() - t0 }) : reject(new Error(`train ${args.join(' ')} exited ${code}`))));
  });
}

/** Milliseconds from spawn until `needle` is on the pseudo-terminal. */
function firstFrame(command: string, needle: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...env, COLUMNS: '80', LINES: '24', TERM: 'xterm-256color' } });
    let buf = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`no "${needle}" within 20 s from ${command}`));
    }, 20_000);
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').includes(needle)) {
        clearTimeout(timer);
        const ms = performance.now() - t0;
        p.kill('SIGKILL');
        resolve(ms);
      }
    });
  });
}

const rows: { row: string; value: string; target: string; pass: boolean }[] = [];
const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

for (const seed of SEEDS) {
  const spiral = await trainJson(['spiral', '--seed', String(seed)]);
  const acc = spiral.epochs.at(-1)!.test_accuracy;
  rows.push({ row: `spiral, default run (seed ${seed})`, value: `${pct(acc)} in ${s(spiral.total)}`, target: '≥ 95 % in ≤ 10 s', pass: acc >= 0.95 && spiral.total <= 10_000 });

  const digits = await trainJson(['digits', '--seed', String(seed)]);
  const at95 = digits.epochs.find((e) => e.test_accuracy >= 0.95)?.at;
  const at97 = digits.epochs.find((e) => e.test_accuracy >= 0.97)?.at;
  const last = digits.epochs.at(-1)!;
  const speed = Math.round(digits.epochs.reduce((a, e) => a + e.examples_per_second, 0) / digits.epochs.length);
  rows.push({
    row: `digits, LeNet-5 (seed ${seed}; ${speed} images/s)`,
    value: `95 % at ${at95 === undefined ? '—' : s(at95)}, 97 % at ${at97 === undefined ? '—' : s(at97)}; ${pct(last.test_accuracy)} at ${s(digits.total)}`,
    target: '95 % ≤ 30 s, 97 % ≤ 60 s',
    pass: at95 !== undefined && at95 <= 30_000 && at97 !== undefined && at97 <= 60_000,
  });
}

// The character LSTM: its second epoch's characters/s (the first includes compiling and warming up).
const lstmRun = RUNS.find((r) => r.id === 'text-lstm');
if (lstmRun) {
  const text = await trainJson(['text-lstm', '--hidden', '128', '--epochs', '2']);
  const cps = text.epochs.at(-1)!.examples_per_second;
  rows.push({ row: 'char-LSTM, hidden 128', value: `${Math.round(cps).toLocaleString('en')} characters/s`, target: '≥ 20,000 characters/s', pass: cps >= 20_000 });
} else {
  rows.push({ row: 'char-LSTM, hidden 128', value: 'no text-lstm run', target: '≥ 20,000 characters/s', pass: false });
}

// First frame, alternating with the baseline so both see the same machine.
const base: number[] = [];
const frame: number[] = [];
for (let i = 0; i < 7; i++) {
  base.push(await firstFrame(`${process.execPath} -e "console.log('ready')"`, 'ready'));
  frame.push(await firstFrame(`${process.execPath} ${BIN} train spiral`, 'epoch'));
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ratio = median(frame) / median(base);
rows.push({ row: 'first frame: train spiral (pty)', value: `${median(frame).toFixed(0)} ms vs node -e ${median(base).toFixed(0)} ms = ${ratio.toFixed(2)}×`, target: '≤ 3× node -e 0', pass: ratio <= 3 });

const w = Math.max(...rows.map((r) => r.row.length));
const v = Math.max(...rows.map((r) => r.value.length));
console.log(`${'row'.padEnd(w)}  ${'measured'.padEnd(v)}  target`);
for (const r of rows) console.log(`${r.row.padEnd(w)}  ${r.value.padEnd(v)}  ${r.target}  ${r.pass ? 'PASS' : 'FAIL'}`);
console.log(`${rows.filter((r) => r.pass).length}/${rows.length} targets met`);
