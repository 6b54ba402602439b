/**
 * npx tsx --tsconfig tsconfig.json bench/elementwise.ts [--quick]
 *
 * The elementwise WebAssembly kernels (src/engine/wasm-elementwise.ts) against the JS paths
 * they replace, on LeNet-5's sizes (a batch of 32). The kernels run on arrays placed in the
 * kernels' memory (as a training step's tensors are there); the JS side is the op itself on
 * ordinary arrays, which is what a step costs on the JS path (its output allocation
 * included: a step's allocations come from the kernels' memory under the WebAssembly back
 * end). Medians of interleaved runs (wasm, JS, wasm, JS, …), so both see the same machine.
 */
import { performance } from 'node:perf_hooks';
import { setGemmBackend } from '../src/engine/gemm.js';
import { heapAlloc } from '../src/engine/kernels/wasm-heap.js';
import { wasmKernelStatus } from '../src/engine/kernels/wasm-module.js';
import { relu, reluBackward, sigmoid, sigmoidBackward, sigmoidScalar, tanh, tanhBackward } from '../src/engine/ops/activations.js';
import { erf, gelu } from '../src/engine/ops/elementwise.js';
import { layerNormBackward, layerNormWithStats } from '../src/engine/ops/norm.js';
import { logSoftmax, softmax, softmaxBackward } from '../src/engine/ops/softmax.js';
import { maxPool2d, maxPool2dBackward, poolGeometry } from '../src/engine/ops/pool.js';
import { Adam } from '../src/engine/optim/adam.js';
import { SGD } from '../src/engine/optim/sgd.js';
import { Tensor } from '../src/engine/tensor.js';
import {
  wasmAdam,
  wasmGelu,
  wasmSigmoid,
  wasmTanh,
  wasmLayerNorm,
  wasmLayerNormBackward,
  wasmSoftmaxBackwardRows,
  wasmSoftmaxRows,
  wasmMaxPool2d,
  wasmMaxPool2dBackward,
  wasmRelu,
  wasmReluBackward,
  wasmSgdMomentum,
  wasmSigmoidBackward,
  wasmTanhBackward,
} from '../src/engine/wasm-elementwise.js';

const quick = process.argv.includes('--quick');
const ROUNDS = quick ? 15 : 60;

if (!wasmKernelStatus().ok) throw new Error('the WebAssembly kernels did not load: run `node scripts/build.mjs` first');
setGemmBackend('wasm');

/** A block of the kernels' heap (as a training step's tensors get), filled by `fill`. */
function inMemory(n: number, fill?: (i: number) => number): Float32Array {
  const block = heapAlloc(n);
  if (!block) throw new Error('the kernels\' heap is full');
  const v = block.view;
  if (fill) for (let i = 0; i < n; i++) v[i] = fill(i);
  return v;
}
let seed = 1;
const rnd = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647) * 2 - 1;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[s.length >> 1];
}

/** Times the two sides in turn; returns the medians in microseconds. */
function race(wasm: () => void, js: () => void): [number, number] {
  for (let i = 0; i < 5; i++) {
    wasm();
    js();
  }
  const tw: number[] = [];
  const tj: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    let t = performance.now();
    wasm();
    tw.push(performance.now() - t);
    t = performance.now();
    js();
    tj.push(performance.now() - t);
  }
  return [median(tw) * 1000, median(tj) * 1000];
}

const rows: [string, number, number, number | undefined][] = [];
/** `loop`: the op's JS loop alone, written out as in the op, into a preallocated output. */
function row(name: string, wasm: () => void, js: () => void, loop?: () => void): void {
  const [w, j] = race(wasm, js);
  rows.push([name, w, j, loop ? race(wasm, loop)[1] : undefined]);
}

// Activations of LeNet's first conv layer: 32 × 6 × 28 × 28.
const shape = [32, 6, 28, 28];
const n = 32 * 6 * 28 * 28;
const x = inMemory(n, rnd);
const g = inMemory(n, rnd);
const y = inMemory(n, (i) => Math.tanh(x[i]));
const out = inMemory(n);
const xt = new Tensor(shape, Float32Array.from(x));
const gt = new Tensor(shape, Float32Array.from(g));
const yt = new Tensor(shape, Float32Array.from(y));
const pre = new Float32Array(n);
const xd = xt.data;
const gd = gt.data;
const yd = yt.data;
const reluF = (v: number): number => (v > 0 || v !== v ? v : 0);
row('relu 32×6×28×28', () => wasmRelu(x, out), () => relu(xt), () => {
  for (let i = 0; i < n; i++) pre[i] = reluF(xd[i]);
});
row('relu backward', () => wasmReluBackward(x, g, out), () => reluBackward(xt, gt), () => {
  for (let i = 0; i < n; i++) pre[i] = xd[i] <= 0 ? 0 : gd[i];
});
const tanhF = Math.tanh;
const geluF = (v: number): number => 0.5 * v * (1 + erf(v * Math.SQRT1_2));
row('sigmoid', () => wasmSigmoid(x, out), () => sigmoid(xt), () => {
  for (let i = 0; i < n; i++) pre[i] = sigmoidScalar(xd[i]);
});
row('tanh', () => wasmTanh(x, out), () => tanh(xt), () => {
  for (let i = 0; i < n; i++) pre[i] = tanhF(xd[i]);
});
row('gelu', () => wasmGelu(x, out), () => gelu(xt), () => {
  for (let i = 0; i < n; i++) pre[i] = geluF(xd[i]);
});
row('sigmoid backward', () => wasmSigmoidBackward(y, g, out), () => sigmoidBackward(yt, gt), () => {
  for (let i = 0; i < n; i++) pre[i] = gd[i] * yd[i] * (1 - yd[i]);
});
row('tanh backward', () => wasmTanhBackward(y, g, out), () => tanhBackward(yt, gt), () => {
  for (let i = 0; i < n; i++) pre[i] = gd[i] * (1 - yd[i] * yd[i]);
});

const opts = { kernelSize: 2 };
const geo = poolGeometry(xt, opts);
const nOut = geo.planes * geo.outH * geo.outW;
const pooled = inMemory(nOut);
const idxF = inMemory(nOut);
const idx = new Int32Array(idxF.buffer, idxF.byteOffset, nOut);
const gp = inMemory(nOut, rnd);
const gpt = new Tensor(geo.outShape, Float32Array.from(gp));
wasmMaxPool2d(geo, x, pooled, idx);
const jsIdx = maxPool2d(xt, opts).indices;
row('max_pool2d 2×2 → 32×6×14×14', () => wasmMaxPool2d(geo, x, pooled, idx), () => maxPool2d(xt, opts));
row('max_pool2d backward', () => wasmMaxPool2dBackward(geo.planes, geo.H * geo.W, geo.outH * geo.outW, gp, idx, out), () => maxPool2dBackward(xt, gpt, opts, jsIdx));
const geo3 = poolGeometry(xt, { kernelSize: 3, stride: 1 });
const nOut3 = geo3.planes * geo3.outH * geo3.outW;
const pooled3 = inMemory(nOut3);
const idx3F = inMemory(nOut3);
const idx3 = new Int32Array(idx3F.buffer, idx3F.byteOffset, nOut3);
row('max_pool2d 3×3 stride 1', () => wasmMaxPool2d(geo3, x, pooled3, idx3), () => maxPool2d(xt, { kernelSize: 3, stride: 1 }));

// LeNet-5's parameters: 61 706 numbers (one flat array here).
const np = 61706;
const p = inMemory(np, rnd);
const pg = inMemory(np, (i) => rnd() * 0.01);
const vel = inMemory(np);
const m1 = inMemory(np);
const m2 = inMemory(np);
const param = new Tensor([np], Float32Array.from(p));
param.requiresGrad = true;
param.grad = new Tensor([np], Float32Array.from(pg));
const sgd = new SGD([param], { lr: 0.01, momentum: 0.9, weightDecay: 5e-4 });
row('SGD momentum + wd, 61 706 params', () => wasmSgdMomentum(p, pg, vel, 0.01, 0.9, 5e-4, false), () => sgd.step());
const adam = new Adam([param], { lr: 1e-3 });
const settings = { decay: 1, coupled: 0, beta1: 0.9, beta2: 0.999, stepSize: 1e-3 / (1 - 0.9 ** 10), sqrtBc2: Math.sqrt(1 - 0.999 ** 10), eps: 1e-8 };
row('Adam, 61 706 params', () => wasmAdam(p, pg, m1, m2, settings), () => adam.step());

// The transformer row's layer norms and a softmax over rows: 512 rows (16 sequences of 32) of 64.
const lnRows = 512;
const d = 64;
const lx = inMemory(lnRows * d, rnd);
const lg = inMemory(lnRows * d, rnd);
const lw = inMemory(d, (i) => 1 + 0.1 * rnd());
const lb = inMemory(d, rnd);
const lout = inMemory(lnRows * d);
const ldx = inMemory(lnRows * d);
const stats = [0, 1, 2].map(() => new Float64Array(lnRows));
const [dw, db] = [new Float64Array(d), new Float64Array(d)];
const lxt = new Tensor([lnRows, d], Float32Array.from(lx));
const lgt = new Tensor([lnRows, d], Float32Array.from(lg));
const lwt = new Tensor([d], Float32Array.from(lw));
const lbt = new Tensor([d], Float32Array.from(lb));
row('layer_norm 512×64 (weight, bias)', () => wasmLayerNorm(lx, lnRows, d, lw, lb, 1e-5, lout, stats[0], stats[1], stats[2]), () => layerNormWithStats(lxt, [d], lwt, lbt));
// The JS side recomputes the statistics (layerNormBackward); the op's vjp reuses the forward's: the forward row is that part.
row('layer_norm backward 512×64', () => wasmLayerNormBackward(lx, lg, lw, lnRows, d, stats[0], stats[2], ldx, dw, db), () => layerNormBackward(lxt, [d], lwt, lgt));
row('softmax 512×64', () => wasmSoftmaxRows(lx, lout, lnRows, d, false), () => softmax(lxt));
row('log_softmax 512×64', () => wasmSoftmaxRows(lx, lout, lnRows, d, true), () => logSoftmax(lxt));
const sy = softmax(lxt);
lout.set(sy.data);
row('softmax backward 512×64', () => wasmSoftmaxBackwardRows(lout, lg, ldx, lnRows, d, false), () => softmaxBackward(sy, lgt));

console.log(`elementwise kernels: median µs of ${ROUNDS} interleaved runs (JS = the op on ordinary arrays, its output allocation included)`);
console.log('kernel'.padEnd(34) + 'wasm µs'.padStart(10) + 'JS op µs'.padStart(10) + 'JS/wasm'.padStart(9) + 'JS loop µs'.padStart(12) + 'loop/wasm'.padStart(10));
for (const [name, w, j, l] of rows) {
  const loop = l === undefined ? '' : l.toFixed(1).padStart(12) + ((l / w).toFixed(1) + '×').padStart(10);
  console.log(name.padEnd(34) + w.toFixed(1).padStart(10) + j.toFixed(1).padStart(10) + ((j / w).toFixed(1) + '×').padStart(9) + loop);
}
