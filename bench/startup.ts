/**
 * npm run bench:startup — how fast nnlearn shows something, against plain
 * `node -e 0`, measured alternately in one run (median of RUNS each):
 *   --help, --version ≤ 1.5×; run 'conv …' ≤ 2×;
 *   first frame of `lesson cnn/pooling` and `repl` in a real terminal ≤ 0.2 s
 *   (spawn → the first screen showing the lesson's content), through `script`'s pty.
 * Build first (npm run build): it times the bundled CLI users run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const RUNS = Number(process.env.RUNS ?? 15);
const BIN = join(import.meta.dirname, '..', 'bin', 'nnlearn.js');
const HOME = mkdtempSync(join(tmpdir(), 'nnlearn-bench-'));
const env = { ...process.env, NNLEARN_HOME: HOME, LANG: 'en_US.UTF-8' };

function timeCommand(args: string[]): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { env, stdio: ['ignore', 'ignore', 'ignore'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  return Number(process.hrtime.bigint() - t) / 1e6;
}

/** Milliseconds from spawn until `needle` appears on the pseudo-terminal. */
function firstFrame(command: string, needle: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...env, COLUMNS: '80', LINES: '30', TERM: 'xterm-256color' } });
    let buf = '';
    const timer = setTimeout(() => {
      p.kill('SIGKILL');
      reject(new Error(`no "${needle}" within 10 s from ${command}`));
    }, 10_000);
    p.stdout.on('data', (d: Buffer) => {
      buf += d.toString();
      if (buf.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '').includes(needle)) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        p.kill('SIGKILL');
        resolve(ms);
      }
    });
  });
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

const node = process.execPath;
const base: number[] = [];
const rows: Record<string, number[]> = { '--help': [], '--version': [], "run 'conv 32x32x3 F=5 S=1 P=2'": [], 'first frame: lesson cnn/pooling': [], 'first frame: repl': [], 'first frame: node -e 0 (pty)': [] };
if (spawnSync('script', ['--version']).status !== 0) {
  console.error('bench:startup needs `script` (util-linux) for the pseudo-terminal rows.');
  process.exit(2);
}
for (let i = 0; i < RUNS; i++) {
  base.push(timeCommand(['-e', '0']));
  rows['--help'].push(timeCommand([BIN, '--help']));
  base.push(timeCommand(['-e', '0']));
  rows['--version'].push(timeCommand([BIN, '--version']));
  base.push(timeCommand(['-e', '0']));
  rows["run 'conv 32x32x3 F=5 S=1 P=2'"].push(timeCommand([BIN, 'run', 'conv 32x32x3 F=5 S=1 P=2']));
  rows['first frame: node -e 0 (pty)'].push(await firstFrame(`${node} -e 0; echo READY`, 'READY'));
  rows['first frame: lesson cnn/pooling'].push(await firstFrame(`${node} ${BIN} lesson cnn/pooling`, 'cnn/pooling ·'));
  rows['first frame: repl'].push(await firstFrame(`${node} ${BIN} repl`, 'nn›'));
}
const b = median(base);
const targets: Record<string, { ratio?: number; ms?: number }> = {
  '--help': { ratio: 1.5 },
  '--version': { ratio: 1.5 },
  "run 'conv 32x32x3 F=5 S=1 P=2'": { ratio: 2 },
  'first frame: lesson cnn/pooling': { ms: 200 },
  'first frame: repl': { ms: 200 },
  'first frame: node -e 0 (pty)': {},
};
console.log(`node -e 0: median ${b.toFixed(1)} ms over ${base.length} runs (alternating with each row, ${RUNS} runs a row)\n`);
console.log('row'.padEnd(36), 'median ms'.padStart(10), 'ratio'.padStart(8), 'target'.padStart(10), '  result');
let failed = 0;
for (const [name, xs] of Object.entries(rows)) {
  const m = median(xs);
  const t = targets[name];
  const ok = t.ratio ? m / b <= t.ratio : t.ms ? m <= t.ms : true;
  if (!ok) failed++;
  const target = t.ratio ? `≤ ${t.ratio}×` : t.ms ? `≤ ${t.ms} ms` : 'reference';
  console.log(name.padEnd(36), m.toFixed(1).padStart(10), `${(m / b).toFixed(2)}×`.padStart(8), target.padStart(10), t.ratio || t.ms ? (ok ? '  PASS' : '  FAIL') : '');
}
console.log(`\n${failed === 0 ? 'all start-up targets met' : `${failed} target(s) missed`} (a busy machine inflates every number; the ratios are what to compare)`);
