/**
 * The WebAssembly SIMD GEMM against the engine's JS GEMM, in GFLOP/s (one thread):
 *   npm run bench:wasm
 *
 * - gemm 512: gemm() on the JS path and wasmGemm() (copies in and out included),
 *   interleaved in one process, medians.
 * - the matmul and conv2d ops end to end: NNLEARN_ENGINE is read once per process, so each
 *   engine runs in its own child process (this script with --ops), medians of each.
 * Medians are what to quote: other processes on the machine make single runs noisy.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { gemm } from '../src/engine/gemm.js';
import { wasmGemm, wasmKernelStatus } from '../src/engine/kernels/wasm-gemm.js';
import { matmul } from '../src/engine/ops/linear.js';
import { randUniform } from '../src/engine/random.js';
import { runOp } from '../src/engine/run-op.js';
import { timeInterleaved, timeMedian } from './timing.js';

const gflops = (flops: number, ms: number): string => (flops / ms / 1e6).toFixed(1);

interface OpRow {
  name: string;
  flops: number;
  run: () => unknown;
}

function opRows(): OpRow[] {
  const n = 512;
  const a = randUniform([n, n], 4);
  const b = randUniform([n, n], 5);
  const rows: OpRow[] = [{ name: `matmul ${n}×${n} · ${n}×${n}`, flops: 2 * n * n * n, run: () => matmul(a, b) }];
  for (const [H, W, C, K, F] of [[56, 56, 64, 64, 3], [224, 224, 3, 64, 3]]) {
    const x = randUniform([C, H, W], 1);
    const w = randUniform([K, C, F, F], 2, -0.2, 0.2);
    const bias = randUniform([K], 3);
    const attrs = { stride: 1, padding: 1, dilation: 1 };
    rows.push({ name: `conv2d ${H}×${W}×${C} → ${K} F=${F}`, flops: 2 * H * W * K * C * F * F, run: () => runOp('conv2d', { input: x, weight: w, bias }, attrs) });
  }
  return rows;
}

if (process.argv.includes('--ops')) {
  const out: Record<string, number> = {};
  for (const r of opRows()) out[r.name] = await timeMedian(r.run, { iterations: 11, warmup: 3 });
  console.log(JSON.stringify(out));
} else {
  const status = wasmKernelStatus();
  if (!status.ok) {
    console.error(`The WebAssembly kernels did not load (${status.reason}); run npm run build first.`);
    process.exit(1);
  }
  const n = 512;
  const A = randUniform([n, n], 4).data;
  const B = randUniform([n, n], 5).data;
  const C1 = new Float32Array(n * n);
  const C2 = new Float32Array(n * n);
  const flops = 2 * n * n * n;
  const t = await timeInterleaved(
    () => gemm({ M: n, N: n, K: n, A, lda: n, B, ldb: n, C: C1, ldc: n }),
    () => wasmGemm({ M: n, N: n, K: n, A, lda: n, B, ldb: n, C: C2, ldc: n }),
    { iterations: 15, warmup: 3 },
  );
  console.log(`gemm 512 (median of 15, interleaved)   JS ${gflops(flops, t.a)} GFLOP/s (${t.a.toFixed(1)} ms)   wasm ${gflops(flops, t.b)} GFLOP/s (${t.b.toFixed(1)} ms)   ${(t.a / t.b).toFixed(1)}×`);

  const here = fileURLToPath(import.meta.url);
  const medians = (engine: string): Record<string, number> => {
    const r = spawnSync(process.execPath, [...process.execArgv, here, '--ops'], { env: { ...process.env, NNLEARN_ENGINE: engine }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`the ${engine} child failed:\n${r.stderr}`);
    return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
  };
  const js = medians('js');
  const wasm = medians('wasm');
  console.log('ops end to end (median of 11, one child process per engine):');
  for (const r of opRows()) {
    const a = js[r.name];
    const b = wasm[r.name];
    console.log(`  ${r.name.padEnd(32)} JS ${gflops(r.flops, a).padStart(5)} GFLOP/s (${a.toFixed(1)} ms)   wasm ${gflops(r.flops, b).padStart(5)} GFLOP/s (${b.toFixed(1)} ms)   ${(a / b).toFixed(1)}×`);
  }
}
