/**
 * npm run bench [-- FILTER…]
 *
 * Times the nnlearn engine against TensorFlow.js (tfjs-core + the pure-JS CPU
 * backend, the fair comparison: both are JavaScript on one thread) in one
 * process. Each iteration runs the engine and then tfjs, after warm-up, and
 * the table shows the medians. tfjs results are read with dataSync() outside
 * tf.tidy — inside the timing, so tfjs really computes — and every tfjs
 * tensor is disposed. A max|Δ| column compares the two results once, to show
 * that both sides compute the same thing.
 *
 * FILTER words keep only rows whose name contains one of them (e.g. `conv`,
 * or `train` for the training rows). Rows for ops that are not registered yet
 * print "op not available yet".
 *
 * The training rows (bench/training/, one file per model) time one SGD step of
 * a whole model — forward, backward, update — against tfjs-cpu (autograd over
 * tf ops) and, for LeNet-5, ConvNetJS, interleaved in the same way, and print
 * rates and the ratio nnlearn/peer in a second table.
 *
 * The GEMM/conv rows (conv2d, matmul: the products issue #15's WebAssembly SIMD kernels
 * are for) time four sides in turn each round: the engine with the WebAssembly GEMM (inside
 * stepScope, as a training step runs: the result is written in the kernels' memory) and
 * with the JS GEMM (setGemmBackend switches it between runs, untimed), tfjs-cpu and
 * @tensorflow/tfjs-backend-wasm (XNNPACK, SIMD, one thread; see bench/tfjs-wasm.ts for how
 * the one global tfjs backend is shared). A second table prints their GFLOP/s
 * (2·M·N·K for a product, 2·K·C·F·F·OH·OW for a convolution of one image) and the issue's
 * targets, PASS or FAIL. The first table's engine column is the back end NNLEARN_ENGINE
 * chooses (the JS GEMM unless it says wasm), so its ≥ 3× tfjs-cpu targets mean what they did.
 *
 * `--quick` (or NNLEARN_BENCH_QUICK=1) times fewer rounds: a smoke run in
 * about a minute, noisier numbers.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { gemmBackend, setGemmBackend, type GemmBackend } from '../src/engine/gemm.js';
import { stepScope } from '../src/engine/step-memory.js';
import { wasmKernelStatus } from '../src/engine/kernels/wasm-gemm.js';
import { matmul } from '../src/engine/ops/linear.js';
import { randUniform } from '../src/engine/random.js';
import { hasOp, runOp } from '../src/engine/run-op.js';
import type { Tensor } from '../src/engine/tensor.js';
import { formatResult } from '../src/cli/print-result.js';
import { createSession } from '../src/repl/session.js';
import { makeTheme } from '../src/view/style.js';
import { livesOn, loadTfjsWasm, onBackend, useBackend, type TfBackend, type TfjsWasmStatus } from './tfjs-wasm.js';
import { timeInterleaved, timeMedian, timeRounds, type TimedSide, type TimingOptions } from './timing.js';
import { formatTrainingTable, runTrainingRow, trainingRows, type TrainingResult } from './training/run.js';
import { formatBackendTable, runBackendRow, type BackendResult } from './training/backends.js';

export { median, timeInterleaved, timeMedian, timeOnce, timeRounds, type TimingOptions } from './timing.js';

/** What a row sets up: the two callbacks to time and an optional check of their agreement. */
interface Prepared {
  engine: () => unknown;
  /** Absent for engine-only rows (timed alone, reported without a ratio). */
  tfjs?: () => unknown;
  /** Largest |engine − tfjs| over the outputs (computed once, untimed). */
  check?: () => number;
  dispose?: () => void;
}

/** One tfjs side of a GEMM/conv row: its run, and the tensors it made under its own backend. */
interface TfSide {
  run: () => Float32Array;
  tensors: tf.Tensor[];
}

/** A GEMM/conv row's sides: the engine (run under either GEMM back end) and one tfjs side per backend. */
interface GemmPrepared {
  engine: () => Tensor;
  /** The engine's output in tfjs's layout, for the max|Δ| check. */
  asTfjs: (y: Tensor) => Float32Array;
  /** Creates a tfjs side's tensors (called with that backend active) and its run. */
  tfjs: () => TfSide;
}

/** Issue #15's targets for a GEMM/conv row (every such row must also be at least as fast as tfjs-wasm). */
export interface GemmTargets {
  /** Floating-point operations of one run. */
  flops: number;
  /** Required GFLOP/s of the engine with the WebAssembly GEMM. */
  gflops?: number;
  /** Required speed-up of the WebAssembly GEMM over the engine's JS GEMM. */
  overJs?: number;
}

export interface BenchRow {
  name: string;
  /** Required tfjs/engine ratio, or null for report-only rows. */
  target: number | null;
  /** Engine op the row goes through (checked with hasOp before running). */
  op?: string;
  timing?: TimingOptions;
  /** Every row but the GEMM/conv rows. */
  setup?: () => Prepared;
  /** GEMM/conv rows: timed with both GEMM back ends against both tfjs backends. */
  gemm?: GemmTargets & { setup: () => GemmPrepared };
}

export interface GemmResult {
  flops: number;
  /** Median ms per side; null when that side could not run here. */
  wasmMs: number | null;
  jsMs: number | null;
  tfjsCpuMs: number | null;
  tfjsWasmMs: number | null;
  targets: { label: string; status: 'PASS' | 'FAIL' | 'n/a' }[];
}

export interface RowResult {
  name: string;
  engineMs: number | null;
  tfjsMs: number | null;
  ratio: number | null;
  target: number | null;
  status: 'PASS' | 'FAIL' | 'info' | 'n/a';
  note: string;
  /** GEMM/conv rows only: all four sides and issue #15's targets. */
  gemm?: GemmResult;
}

// ---------------------------------------------------------------------------
// Data helpers

/** [C,H,W] → [H,W,C] (tfjs is channels-last). */
function chwToHwc(d: Float32Array, C: number, H: number, W: number): Float32Array {
  const out = new Float32Array(d.length);
  for (let c = 0; c < C; c++) for (let i = 0; i < H * W; i++) out[i * C + c] = d[c * H * W + i];
  return out;
}

/** conv weight [K,C,FH,FW] → tfjs filter [FH,FW,C,K]. */
function kcffToFfck(d: Float32Array, K: number, C: number, FH: number, FW: number): Float32Array {
  const out = new Float32Array(d.length);
  for (let k = 0; k < K; k++)
    for (let c = 0; c < C; c++)
      for (let y = 0; y < FH; y++) for (let x = 0; x < FW; x++) out[((y * FW + x) * C + c) * K + k] = d[((k * C + c) * FH + y) * FW + x];
  return out;
}

function maxDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= m)) m = Number.isNaN(d) ? Infinity : d;
  }
  return m;
}

/** Reads a tfjs tensor (outside tidy) and frees it. */
function take(t: tf.Tensor): Float32Array {
  const d = t.dataSync() as Float32Array;
  t.dispose();
  return d;
}

// ---------------------------------------------------------------------------
// Rows

function convRow(H: number, W: number, C: number, K: number, F: number, S: number, P: number, gflops?: number): BenchRow {
  const OH = Math.floor((H + 2 * P - F) / S) + 1;
  const OW = Math.floor((W + 2 * P - F) / S) + 1;
  return {
    name: `conv2d ${H}×${W}×${C} → ${K} F=${F} S=${S} P=${P}`,
    target: 3,
    op: 'conv2d',
    gemm: {
      flops: 2 * K * C * F * F * OH * OW,
      gflops,
      setup: () => {
        const x = randUniform([C, H, W], 1);
        const w = randUniform([K, C, F, F], 2, -0.2, 0.2);
        const b = randUniform([K], 3);
        const attrs = { stride: S, padding: P, dilation: 1 };
        return {
          engine: () => runOp('conv2d', { input: x, weight: w, bias: b }, attrs).output,
          asTfjs: (y) => chwToHwc(y.data, K, y.shape[1], y.shape[2]),
          tfjs: () => {
            const tx = tf.tensor4d(chwToHwc(x.data, C, H, W), [1, H, W, C]);
            const tw = tf.tensor4d(kcffToFfck(w.data, K, C, F, F), [F, F, C, K]);
            const tb = tf.tensor1d(b.data);
            return { run: () => take(tf.tidy(() => tf.fused.conv2d({ x: tx, filter: tw, bias: tb, strides: S, pad: P }))), tensors: [tx, tw, tb] };
          },
        };
      },
    },
  };
}

function matmulRow(n: number, targets: Omit<GemmTargets, 'flops'> = {}): BenchRow {
  return {
    name: `matmul ${n}×${n} · ${n}×${n}`,
    target: 3,
    gemm: {
      flops: 2 * n * n * n,
      ...targets,
      setup: () => {
        const a = randUniform([n, n], 4);
        const b = randUniform([n, n], 5);
        return {
          engine: () => matmul(a, b),
          asTfjs: (y) => y.data,
          tfjs: () => {
            const ta = tf.tensor2d(a.data, [n, n]);
            const tb = tf.tensor2d(b.data, [n, n]);
            return { run: () => take(tf.tidy(() => tf.matMul(ta, tb))), tensors: [ta, tb] };
          },
        };
      },
    },
  };
}

function poolRow(): BenchRow {
  const [C, H, W] = [64, 224, 224];
  return {
    name: `max pool 2×2 S=2 on ${H}×${W}×${C}`,
    target: null,
    op: 'max_pool2d',
    setup: () => {
      const x = randUniform([C, H, W], 6);
      const tx = tf.tensor4d(chwToHwc(x.data, C, H, W), [1, H, W, C]);
      const engine = (): Tensor => runOp('max_pool2d', { input: x }, { kernel_size: 2, stride: 2, padding: 0, ceil_mode: false }).output;
      const tfjs = (): Float32Array => take(tf.tidy(() => tf.maxPool(tx, 2, 2, 'valid')));
      return {
        engine,
        tfjs,
        check: () => {
          const y = engine();
          const [, OH, OW] = y.shape;
          return maxDiff(chwToHwc(y.data, C, OH, OW), tfjs());
        },
        dispose: () => tx.dispose(),
      };
    },
  };
}

function lstmRow(): BenchRow {
  const [T, I, H] = [100, 64, 128];
  return {
    name: `LSTM in=${I} hidden=${H}, ${T} steps`,
    target: 3,
    op: 'lstm',
    setup: () => {
      const input = randUniform([T, I], 7);
      const h0 = randUniform([H], 8, -0.5, 0.5);
      const c0 = randUniform([H], 9, -0.5, 0.5);
      const s = 1 / Math.sqrt(H);
      const wih = randUniform([4 * H, I], 10, -s, s);
      const whh = randUniform([4 * H, H], 11, -s, s);
      const bih = randUniform([4 * H], 12, -s, s);
      const bhh = randUniform([4 * H], 13, -s, s);
      // tf.basicLSTMCell: z = [x, h]·kernel + bias, column blocks (i, j=g, f, o); torch rows are (i, f, g, o).
      const kernel = new Float32Array((I + H) * 4 * H);
      const bias = new Float32Array(4 * H);
      const torchBlock = [0, 2, 1, 3];
      for (let blk = 0; blk < 4; blk++) {
        for (let u = 0; u < H; u++) {
          const row = torchBlock[blk] * H + u;
          const col = blk * H + u;
          for (let r = 0; r < I; r++) kernel[r * 4 * H + col] = wih.data[row * I + r];
          for (let r = 0; r < H; r++) kernel[(I + r) * 4 * H + col] = whh.data[row * H + r];
          bias[col] = bih.data[row] + bhh.data[row];
        }
      }
      const tk = tf.tensor2d(kernel, [I + H, 4 * H]);
      const tbias = tf.tensor1d(bias);
      const tx = tf.tensor2d(input.data, [T, I]);
      const th0 = tf.tensor2d(h0.data, [1, H]);
      const tc0 = tf.tensor2d(c0.data, [1, H]);
      const forget = tf.scalar(0);
      const engine = (): Tensor =>
        runOp('lstm', { input, h0, c0, weight_ih: wih, weight_hh: whh, bias_ih: bih, bias_hh: bhh }, { num_layers: 1, gate_order: 'ifgo' }).output;
      const tfjs = (): Float32Array =>
        take(
          tf.tidy(() => {
            const steps = tf.unstack(tx).map((r) => tf.reshape(r, [1, I]) as tf.Tensor2D);
            let h = th0;
            let c = tc0;
            const hs: tf.Tensor2D[] = [];
            for (let t = 0; t < T; t++) {
              [c, h] = tf.basicLSTMCell(forget, tk, tbias, steps[t], c, h);
              hs.push(h);
            }
            return tf.concat(hs, 0);
          }),
        );
      return { engine, tfjs, check: () => maxDiff(engine().data, tfjs()), dispose: () => tf.dispose([tk, tbias, tx, th0, tc0, forget]) };
    },
  };
}

function attentionRow(): BenchRow {
  const [n, E, heads] = [128, 64, 8];
  const d = E / heads;
  return {
    name: `self-attention n=${n} E=${E} ${heads} heads`,
    target: 8,
    op: 'multi_head_attention',
    setup: () => {
      const x = randUniform([n, E], 14);
      const s = 1 / Math.sqrt(E);
      const inW = randUniform([3 * E, E], 15, -s, s);
      const inB = randUniform([3 * E], 16, -s, s);
      const outW = randUniform([E, E], 17, -s, s);
      const outB = randUniform([E], 18, -s, s);
      const tx = tf.tensor2d(x.data, [n, E]);
      const tInW = tf.tensor2d(inW.data, [3 * E, E]);
      const tInB = tf.tensor1d(inB.data);
      const tOutW = tf.tensor2d(outW.data, [E, E]);
      const tOutB = tf.tensor1d(outB.data);
      const engine = (): Tensor =>
        runOp(
          'multi_head_attention',
          { query: x, key: x, value: x, in_proj_weight: inW, in_proj_bias: inB, out_proj_weight: outW, out_proj_bias: outB },
          { embed_dim: E, num_heads: heads, causal: false },
        ).output;
      const tfjs = (): Float32Array => {
        const [out, weights] = tf.tidy(() => {
          const qkv = tf.add(tf.matMul(tx, tInW, false, true), tInB); // [n, 3E]
          const [q, k, v] = tf.split(qkv, 3, 1);
          const split = (t: tf.Tensor): tf.Tensor3D => tf.transpose(tf.reshape(t, [n, heads, d]), [1, 0, 2]); // [h, n, d]
          const scores = tf.mul(tf.matMul(split(q), split(k), false, true), 1 / Math.sqrt(d)); // [h, n, n]
          const w = tf.softmax(scores);
          const o = tf.matMul(w, split(v)); // [h, n, d]
          const concat = tf.reshape(tf.transpose(o, [1, 0, 2]), [n, E]);
          return [tf.add(tf.matMul(concat, tOutW, false, true), tOutB), w];
        });
        take(weights);
        return take(out);
      };
      return { engine, tfjs, check: () => maxDiff(engine().data, tfjs()), dispose: () => tf.dispose([tx, tInW, tInB, tOutW, tOutB]) };
    },
  };
}

/**
 * What a student waits for after pressing Enter, engine only: parse + execute
 * + format as text (80 columns) of one REPL line, through the same session
 * and formatter as `nnlearn run`.
 */
function replLatencyRow(line: string, first?: string): BenchRow {
  return {
    name: `REPL latency: ${line}${first ? ` (after ${first})` : ''}`,
    target: null,
    // A slow row (a 1000×1000 pool): fewer rounds.
    timing: first ? { iterations: 7, warmup: 1, maxTotalMs: 20_000, minIterations: 3 } : undefined,
    setup: () => {
      const session = createSession({ lang: 'en', width: 80 });
      const theme = makeTheme(0);
      // The line that makes the variable runs once, in the warm-up round.
      let ready = first === undefined;
      const engine = async (): Promise<string> => {
        if (!ready) {
          await session.exec(first!);
          ready = true;
        }
        const r = await session.exec(line);
        if (!r.ok) throw new Error(String(r.json().error));
        return formatResult(r, { lang: 'en', json: false, width: 80, theme });
      };
      return { engine, dispose: () => session.close() };
    },
  };
}

export const rows: BenchRow[] = [
  convRow(32, 32, 3, 16, 5, 1, 2),
  // Issue #15: ≥ 25 GFLOP/s with the WebAssembly GEMM; ≥ 30 and ≥ 6× the JS GEMM on matmul 512.
  convRow(224, 224, 3, 64, 3, 1, 1, 25),
  convRow(56, 56, 64, 64, 3, 1, 1, 25),
  matmulRow(128),
  matmulRow(256),
  matmulRow(512, { gflops: 30, overJs: 6 }),
  poolRow(),
  lstmRow(),
  attentionRow(),
  replLatencyRow('conv 32x32x3 F=5 S=1 P=2 K=16'),
  replLatencyRow('pool 32x32x16 F=2 S=2'),
  // The largest value the REPL takes, pooled window by window: the screen shows 16 rows of it.
  replLatencyRow('pool big F=1', 'let big = rand 1000x1000 seed=1'),
];

// ---------------------------------------------------------------------------
// Running and printing

/** Up to 41 interleaved pairs, fewer for slow rows: a row stops after ~6 s once it has 7 pairs. */
const DEFAULT_TIMING: TimingOptions = { iterations: 41, warmup: 3, maxTotalMs: 6_000, minIterations: 7 };
/** A training step takes from well under a millisecond (the MLP) to seconds (tfjs's LeNet): up to 21 pairs, ~10 s a pair of sides. */
const TRAINING_TIMING: TimingOptions = { iterations: 21, warmup: 2, maxTotalMs: 10_000, minIterations: 5 };
/** --quick: enough rounds for a median, not for a tight one. */
const QUICK_TIMING: TimingOptions = { iterations: 5, warmup: 1, maxTotalMs: 1_500, minIterations: 3 };

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n')[0];
  return line.length > 70 ? line.slice(0, 67) + '…' : line;
}

/** What the GEMM/conv rows need to know once per process: which sides can run here. */
export interface BenchContext {
  /** The GEMM back end NNLEARN_ENGINE chooses: the first table's engine column. */
  defaultBackend: GemmBackend;
  /** Why the engine's WebAssembly GEMM cannot run here, or null when it can. */
  kernelsMissing: string | null;
  tfjsWasm: TfjsWasmStatus;
}

export async function benchContext(): Promise<BenchContext> {
  const k = wasmKernelStatus();
  return {
    defaultBackend: gemmBackend(),
    kernelsMissing: k.ok ? null : `${k.reason} (npm run build makes dist/engine/kernels.wasm)`,
    tfjsWasm: await loadTfjsWasm(),
  };
}

const gflopsOf = (flops: number, ms: number): number => flops / ms / 1e6;

/**
 * A GEMM/conv row: the engine with the WebAssembly GEMM, with the JS GEMM, tfjs-cpu and
 * tfjs-wasm, one run of each per round (timeRounds). The GEMM back end and the tfjs
 * backend are switched before each run, outside the timing; setGemmBackend(undefined)
 * and tfjs-cpu are restored afterwards for the rows that follow.
 */
async function runGemmRow(row: BenchRow, gemm: NonNullable<BenchRow['gemm']>, timing: TimingOptions, ctx: BenchContext): Promise<RowResult> {
  const base = { name: row.name, engineMs: null, tfjsMs: null, ratio: null, target: row.target };
  const made: { backend: TfBackend; side: TfSide }[] = [];
  try {
    const p = gemm.setup();
    for (const backend of ['cpu', 'wasm'] as const) {
      if (backend === 'wasm' && !ctx.tfjsWasm.ok) continue;
      made.push({ backend, side: await onBackend(backend, p.tfjs) });
    }
    const engineOn = (b: GemmBackend): Tensor => {
      setGemmBackend(b);
      return p.engine();
    };
    // Each side against tfjs-cpu, once and untimed: all four compute the same thing.
    await useBackend('cpu');
    const ref = made[0].side.run();
    const deltas = [`js ${maxDiff(p.asTfjs(engineOn('js')), ref).toExponential(1)}`];
    if (!ctx.kernelsMissing) deltas.unshift(`wasm ${maxDiff(p.asTfjs(engineOn('wasm')), ref).toExponential(1)}`);
    if (made[1]) {
      await useBackend('wasm');
      deltas.push(`tfjs-wasm ${maxDiff(made[1].side.run(), ref).toExponential(1)}`);
    }
    const sides: (TimedSide & { name: string })[] = [];
    // As in a training step (stepScope): the result lands in the kernels' memory, in place,
    // and is given back after the run; the inputs, made outside, are copied in.
    if (!ctx.kernelsMissing) sides.push({ name: 'wasm', enter: () => setGemmBackend('wasm'), run: () => stepScope(p.engine) });
    sides.push({ name: 'js', enter: () => setGemmBackend('js'), run: p.engine });
    for (const m of made) sides.push({ name: `tfjs-${m.backend}`, enter: () => useBackend(m.backend), run: m.side.run });
    const medians = await timeRounds(sides, timing);
    const ms = (name: string): number | null => {
      const i = sides.findIndex((side) => side.name === name);
      return i < 0 ? null : medians[i];
    };
    const moved = made.filter((m) => !livesOn(m.backend, m.side.tensors)).map((m) => m.backend);
    if (moved.length > 0) throw new Error(`tfjs moved the ${moved.join(' and ')} side's inputs to another backend: its times are not its own`);

    const wasmMs = ms('wasm');
    const jsMs = ms('js');
    const tfjsCpuMs = ms('tfjs-cpu');
    const tfjsWasmMs = ms('tfjs-wasm');
    const verdict = (ok: boolean | null): 'PASS' | 'FAIL' | 'n/a' => (ok === null ? 'n/a' : ok ? 'PASS' : 'FAIL');
    const targets: GemmResult['targets'] = [];
    if (gemm.gflops !== undefined) targets.push({ label: `≥${gemm.gflops} GFLOP/s`, status: verdict(wasmMs !== null && gflopsOf(gemm.flops, wasmMs) >= gemm.gflops) });
    if (gemm.overJs !== undefined) targets.push({ label: `≥${gemm.overJs}× js`, status: verdict(wasmMs !== null && jsMs !== null && jsMs / wasmMs >= gemm.overJs) });
    targets.push({ label: '≥ tfjs-wasm', status: verdict(tfjsWasmMs === null ? null : wasmMs !== null && wasmMs <= tfjsWasmMs) });
    const notes = [`max|Δ| vs tfjs-cpu: ${deltas.join(', ')}`];
    if (ctx.kernelsMissing) notes.push(`no wasm GEMM: ${ctx.kernelsMissing}`);
    if (!ctx.tfjsWasm.ok) notes.push(`no tfjs-wasm: ${ctx.tfjsWasm.reason}`);
    const note = notes.join('; ');

    // The first table: the back end NNLEARN_ENGINE chooses (JS when the kernels cannot load) against tfjs-cpu.
    const engineMs = ctx.defaultBackend === 'wasm' && wasmMs !== null ? wasmMs : (jsMs as number);
    const ratio = tfjsCpuMs === null ? null : tfjsCpuMs / engineMs;
    const status = row.target === null || ratio === null ? 'info' : ratio >= row.target ? 'PASS' : 'FAIL';
    return { name: row.name, engineMs, tfjsMs: tfjsCpuMs, ratio, target: row.target, status, note, gemm: { flops: gemm.flops, wasmMs, jsMs, tfjsCpuMs, tfjsWasmMs, targets } };
  } catch (e) {
    return { ...base, status: 'n/a', note: `op failed: ${firstLine(e)}` };
  } finally {
    setGemmBackend(undefined);
    await useBackend('cpu');
    tf.dispose(made.flatMap((m) => m.side.tensors));
  }
}

export async function runRow(row: BenchRow, overrides: TimingOptions = {}, ctx?: BenchContext): Promise<RowResult> {
  const base = { name: row.name, engineMs: null, tfjsMs: null, ratio: null, target: row.target };
  if (row.op !== undefined && !hasOp(row.op)) return { ...base, status: 'n/a', note: 'op not available yet' };
  if (row.gemm) return runGemmRow(row, row.gemm, { ...DEFAULT_TIMING, ...row.timing, ...overrides }, ctx ?? (await benchContext()));
  if (!row.setup) return { ...base, status: 'n/a', note: 'row has nothing to run' };
  let prepared: Prepared;
  try {
    prepared = row.setup();
  } catch (e) {
    return { ...base, status: 'n/a', note: `setup failed: ${firstLine(e)}` };
  }
  try {
    let note = '';
    if (prepared.check) note = `max|Δ| ${prepared.check().toExponential(1)}`;
    const timing = { ...DEFAULT_TIMING, ...row.timing, ...overrides };
    if (!prepared.tfjs) {
      const engineMs = await timeMedian(prepared.engine, timing);
      return { name: row.name, engineMs, tfjsMs: null, ratio: null, target: row.target, status: 'info', note: note || 'engine only' };
    }
    const { a: engineMs, b: tfjsMs } = await timeInterleaved(prepared.engine, prepared.tfjs, timing);
    const ratio = tfjsMs / engineMs;
    const status = row.target === null ? 'info' : ratio >= row.target ? 'PASS' : 'FAIL';
    return { name: row.name, engineMs, tfjsMs, ratio, target: row.target, status, note };
  } catch (e) {
    return { ...base, status: 'n/a', note: `op failed: ${firstLine(e)}` };
  } finally {
    prepared.dispose?.();
  }
}

export function formatTable(results: readonly RowResult[]): string {
  const header = ['row', 'engine ms', 'tfjs ms', 'tfjs/engine', 'target', 'result', 'check'];
  const body = results.map((r) => [
    r.name,
    r.engineMs === null ? '–' : r.engineMs.toFixed(2),
    r.tfjsMs === null ? '–' : r.tfjsMs.toFixed(2),
    r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`,
    r.target === null ? 'report' : `≥${r.target}×`,
    r.status === 'info' ? '–' : r.status,
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([1, 2, 3, 4]);
  const fmt = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

/**
 * The GEMM/conv rows' second table: GFLOP/s of each side (median ms in brackets), the
 * WebAssembly GEMM's speed-up over the JS GEMM and over tfjs-wasm, and issue #15's targets
 * (the first table's check column has each side's max|Δ| against tfjs-cpu).
 */
export function formatGemmTable(results: readonly RowResult[]): string {
  const rowsWith = results.filter((r) => r.gemm);
  const cell = (flops: number, ms: number | null): string => (ms === null ? '–' : `${gflopsOf(flops, ms).toFixed(1)} (${ms.toFixed(2)})`);
  const ratio = (a: number | null, b: number | null): string => (a === null || b === null ? '–' : `${(a / b).toFixed(2)}×`);
  const header = ['GEMM/conv row: GFLOP/s (ms)', 'GFLOP', 'nnlearn wasm', 'nnlearn js', 'tfjs-cpu', 'tfjs-wasm', 'wasm/js', 'wasm/tfjs-wasm', 'issue #15 targets'];
  const body = rowsWith.map((r) => {
    const g = r.gemm!;
    return [
      r.name,
      (g.flops / 1e9).toFixed(3),
      cell(g.flops, g.wasmMs),
      cell(g.flops, g.jsMs),
      cell(g.flops, g.tfjsCpuMs),
      cell(g.flops, g.tfjsWasmMs),
      ratio(g.jsMs, g.wasmMs),
      ratio(g.tfjsWasmMs, g.wasmMs),
      g.targets.map((t) => `${t.label} ${t.status}`).join(', '),
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([1, 2, 3, 4, 5, 6, 7]);
  const fmt = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const filters = args.filter((a) => !a.startsWith('-'));
  const quick = args.includes('--quick') || process.env.NNLEARN_BENCH_QUICK === '1';
  const wanted = (name: string): boolean => filters.length === 0 || filters.some((f) => name.toLowerCase().includes(f.toLowerCase()));
  const selected = rows.filter((r) => wanted(r.name));
  const selectedTraining = trainingRows.filter((r) => wanted(r.name));
  await tf.setBackend('cpu');
  await tf.ready();
  const t0 = performance.now();
  // Only when a GEMM/conv row runs: loading the kernels and tfjs-wasm is part of what they measure.
  const ctx = selected.some((r) => r.gemm) ? await benchContext() : undefined;
  console.log(
    `nnlearn engine vs tfjs ${tf.version_core} (cpu backend), Node ${process.version}; medians of interleaved runs after warm-up` +
      (quick ? ' (--quick: few rounds)' : '') +
      `\nengine column: the ${gemmBackend()} GEMM (NNLEARN_ENGINE=${process.env.NNLEARN_ENGINE ?? ''})` +
      (ctx
        ? `; GEMM/conv rows also time nnlearn with each GEMM (${ctx.kernelsMissing ? `wasm: not run, ${ctx.kernelsMissing}` : 'wasm: dist/engine/kernels.wasm'}) and tfjs-backend-wasm ` +
          (ctx.tfjsWasm.ok ? `(${ctx.tfjsWasm.binary}, ${ctx.tfjsWasm.threads} thread)` : `(not run: ${ctx.tfjsWasm.reason})`)
        : '') +
      '\n',
  );
  const results: RowResult[] = [];
  for (const row of selected) {
    const r = await runRow(row, quick ? QUICK_TIMING : {}, ctx);
    results.push(r);
    process.stderr.write(`  ${r.name}: ${r.status}${r.ratio !== null ? ` ${r.ratio.toFixed(2)}×` : ''} ${r.note}\n`);
  }
  const training: TrainingResult[] = [];
  for (const row of selectedTraining) {
    for (const r of await runTrainingRow(row, quick ? QUICK_TIMING : TRAINING_TIMING)) {
      training.push(r);
      process.stderr.write(`  ${r.name} vs ${r.peer}: ${r.status}${r.ratio !== null ? ` ${r.ratio.toFixed(2)}×` : ''} ${r.note}\n`);
    }
  }
  const backends: BackendResult[] = [];
  for (const row of selectedTraining) {
    const r = await runBackendRow(row, quick ? QUICK_TIMING : TRAINING_TIMING);
    backends.push(r);
    process.stderr.write(`  ${r.name}, wasm vs js: ${r.targets.map((t) => `${t.label} ${t.status}`).join(', ')} ${r.note}\n`);
  }
  if (results.length > 0) console.log(formatTable(results));
  if (results.some((r) => r.gemm)) console.log('\n' + formatGemmTable(results));
  if (training.length > 0) console.log((results.length > 0 ? '\n' : '') + formatTrainingTable(training));
  if (backends.length > 0) console.log('\n' + formatBackendTable(backends));
  const scored = [...results.filter((r) => r.target !== null && r.status !== 'n/a' && r.status !== 'info'), ...training.filter((r) => r.status !== 'n/a')];
  const passed = scored.filter((r) => r.status === 'PASS').length;
  const missing = results.filter((r) => r.status === 'n/a').length + training.filter((r) => r.status === 'n/a').length;
  const issue15 = [...results.flatMap((r) => r.gemm?.targets ?? []), ...backends.flatMap((r) => r.targets)].filter((t) => t.status !== 'n/a');
  console.log(
    `\n${passed}/${scored.length} targets met` +
      (issue15.length ? `; issue #15 targets: ${issue15.filter((t) => t.status === 'PASS').length}/${issue15.length} met` : '') +
      (missing ? `, ${missing} row${missing === 1 ? '' : 's'} not run` : '') +
      ` (${((performance.now() - t0) / 1000).toFixed(1)} s)`,
  );
}

const invoked = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invoked) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
