/**
 * npm run bench:startup — how fast nnlearn shows something, against plain
 * `node -e 0`, measured alternately in one run (median of RUNS each):
 *   --help, --version ≤ 1.5×; run 'conv …' ≤ 2×;
 *   first frame of `lesson cnn/pooling` and `repl` in a real terminal ≤ 0.2 s
 *   (spawn → the first screen showing the lesson's content), through `script`'s pty.
 * And the WebAssembly kernels (dist/engine/kernels.wasm): their read + compile + instantiate
 * time, paid lazily by the first large product, measured in fresh child processes (a
 * process compiles them once, and V8 reuses a module compiled from the same bytes), and a
 * check that importing the engine, --help, --version, run 'conv …' and the first frame of a
 * lesson never compile them, even under NNLEARN_ENGINE=wasm (bench/kernels-probe.mjs watches WebAssembly in the child).
 * Build first (npm run build): it times the bundled CLI users run.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

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
function firstFrame(command: string, needle: string, childEnv: NodeJS.ProcessEnv = env): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const p = spawn('script', ['-qfec', command, '/dev/null'], { env: { ...childEnv, COLUMNS: '80', LINES: '30', TERM: 'xterm-256color' } });
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

// ---------------------------------------------------------------------------
// The WebAssembly kernels: compile time (lazy) and who compiles them.

const KERNELS = join(import.meta.dirname, '..', 'dist', 'engine', 'kernels.wasm');
const PROBE = ['--import', pathToFileURL(join(import.meta.dirname, 'kernels-probe.mjs')).href];
const probeEnv = (engine: string): NodeJS.ProcessEnv => ({ ...env, NNLEARN_ENGINE: engine, NNLEARN_PROBE_KERNELS: KERNELS });

interface KernelRun {
  /** Kernel compiles once the engine was imported, and after two products. */
  afterImport: number;
  compiles: number;
  compileMs: number;
  instantiateMs: number;
  /** The first and the second 40×40×200 gemm: the first pays for loading the kernels. */
  firstMs: number;
  secondMs: number;
}

/** One fresh process: import the built engine, then time its first two 40×40×200 products. */
function kernelRun(engine: 'wasm' | 'js'): KernelRun {
  const script = `
    const stats = globalThis[Symbol.for('nnlearn.kernelsProbe')];
    const m = await import(${JSON.stringify(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'engine', 'index.js')).href)});
    const afterImport = stats.compiles;
    const M = 40, N = 40, K = 200;
    const A = new Float32Array(M * K).map((_, i) => Math.sin(i)), B = new Float32Array(K * N).map((_, i) => Math.cos(i));
    const C = new Float32Array(M * N);
    const product = () => { const t = performance.now(); m.gemm({ M, N, K, A, lda: K, B, ldb: N, C, ldc: N }); return performance.now() - t; };
    const firstMs = product();
    const secondMs = product();
    console.log(JSON.stringify({ afterImport, ...stats, firstMs, secondMs }));`;
  const r = spawnSync(process.execPath, [...PROBE, '--input-type=module', '-e', script], { env: probeEnv(engine), encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`the kernel probe (NNLEARN_ENGINE=${engine}) failed:\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as KernelRun;
}

/** How often `nnlearn …args` compiled the kernels, under NNLEARN_ENGINE=wasm. */
function compilesDuring(args: string[]): number {
  const out = join(HOME, 'probe.json');
  const r = spawnSync(process.execPath, [...PROBE, BIN, ...args], { env: { ...probeEnv('wasm'), NNLEARN_PROBE_OUT: out }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`nnlearn ${args.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return (JSON.parse(readFileSync(out, 'utf8')) as { compiles: number }).compiles;
}

/** How often the kernels were compiled by the time `nnlearn …args` showed `needle` in a pty (then killed). */
async function compilesByFirstFrame(args: string[], needle: string): Promise<number> {
  const out = join(HOME, 'probe-frame.json');
  rmSync(out, { force: true });
  const command = [process.execPath, ...PROBE, BIN, ...args].map((a) => `'${a}'`).join(' ');
  await firstFrame(command, needle, { ...probeEnv('wasm'), NNLEARN_PROBE_OUT: out });
  // The probe writes when it loads and on each compile: no file means it never ran.
  if (!existsSync(out)) throw new Error(`the kernel probe did not run in nnlearn ${args.join(' ')}`);
  return (JSON.parse(readFileSync(out, 'utf8')) as { compiles: number }).compiles;
}

const wasmRuns: KernelRun[] = [];
const jsRuns: KernelRun[] = [];
for (let i = 0; i < RUNS; i++) {
  wasmRuns.push(kernelRun('wasm'));
  jsRuns.push(kernelRun('js'));
}
const med = (runs: KernelRun[], f: (r: KernelRun) => number): string => median(runs.map(f)).toFixed(2);
const compiledEvery = wasmRuns.every((r) => r.compiles === 1) && jsRuns.every((r) => r.compiles === 0);
console.log(`\nWebAssembly kernels (dist/engine/kernels.wasm, ${(statSync(KERNELS).size / 1024).toFixed(1)} KiB), loaded lazily by the first large product; median of ${RUNS} fresh processes each:`);
const kernelRows: [string, string][] = [
  ['compile (new WebAssembly.Module)', `${med(wasmRuns, (r) => r.compileMs)} ms`],
  ['instantiate (new WebAssembly.Instance)', `${med(wasmRuns, (r) => r.instantiateMs)} ms`],
  ['first 40×40×200 product, NNLEARN_ENGINE=wasm', `${med(wasmRuns, (r) => r.firstMs)} ms  (read + compile + instantiate + product)`],
  ['second product, NNLEARN_ENGINE=wasm', `${med(wasmRuns, (r) => r.secondMs)} ms`],
  ['first 40×40×200 product, NNLEARN_ENGINE=js', `${med(jsRuns, (r) => r.firstMs)} ms`],
  ['second product, NNLEARN_ENGINE=js', `${med(jsRuns, (r) => r.secondMs)} ms`],
];
for (const [name, v] of kernelRows) console.log(`  ${name.padEnd(46)} ${v}`);
if (!compiledEvery) {
  failed++;
  console.log('  FAIL: the kernels were not compiled exactly once under NNLEARN_ENGINE=wasm and never under js');
}

// Lazy: nothing a student starts with compiles them, even when the wasm back end is chosen.
const lazy: [string, number][] = [
  ['importing the engine', Math.max(...wasmRuns.map((r) => r.afterImport))],
  ['--help', compilesDuring(['--help'])],
  ['--version', compilesDuring(['--version'])],
  ["run 'conv 32x32x3 F=5 S=1 P=2'", compilesDuring(['run', 'conv 32x32x3 F=5 S=1 P=2'])],
  ['the first frame of lesson cnn/pooling', await compilesByFirstFrame(['lesson', 'cnn/pooling'], 'cnn/pooling ·')],
];
const eager = lazy.filter(([, n]) => n > 0);
if (eager.length > 0) failed++;
console.log(
  `  kernel compiles under NNLEARN_ENGINE=wasm: ${lazy.map(([what, n]) => `${what} ${n}`).join(', ')}` + (eager.length === 0 ? '  PASS (lazy)' : '  FAIL (must be 0)'),
);
console.log(`\n${failed === 0 ? 'all start-up targets met' : `${failed} target(s) missed`} (a busy machine inflates every number; the ratios are what to compare)`);
