/**
 * RNN and LSTM over a batch of sequences, for training (PyTorch's nn.RNN / nn.LSTM
 * with batch_first, one layer): input [N, T, in] → output [N, T, H] (every hₜ),
 * h_n and c_n [N, H] (the last step). Weights as in PyTorch: weight_ih [G·H, in],
 * weight_hh [G·H, H], bias_ih, bias_hh [G·H], G = 1 (RNN) or 4 (LSTM, gates i, f, g, o).
 *
 * Speed: X·W_ihᵀ for all N·T rows is one GEMM before the loop; each step is one
 * GEMM h_{t−1}·W_hhᵀ over the whole batch (strided views into [N, T, ·] buffers,
 * no copies) plus a fused gate loop (lstm-gates.ts: a WebAssembly kernel or its JS
 * twin). The forward saves the activated gates and the cell states; the vjp runs
 * backprop through time with one GEMM per step for dh_{t−1} = dz_t·W_hh, and the weight
 * gradients as single GEMMs over all N·T rows (every example and step used the same
 * weights, so their contributions add up).
 */
import { type Attrs, enumAttr } from '../attrs.js';
import { checkWork } from '../budget.js';
import { gemm } from '../gemm.js';
import { engineError } from '../messages.js';
import { type Inputs, type OpDef, withSaved } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { wasmColumnSums } from '../wasm-recurrent.js';
import { lstmGatesBackward, lstmGatesForward, type Rows } from './lstm-gates.js';
import { type CellWeights, checkState, checkWeights, recurrentWork, RNN_SMALLER, type RnnNonlinearity } from './recurrent.js';

interface SeqDims {
  N: number;
  T: number;
  I: number;
  H: number;
  /** Rows of the weights: gates · H. */
  G: number;
}

function weightsOf(i: Inputs): CellWeights {
  return { weightIh: i.weight_ih, weightHh: i.weight_hh, biasIh: i.bias_ih, biasHh: i.bias_hh };
}

function plan(op: string, gates: number, i: Inputs, passes: number): SeqDims {
  const w = weightsOf(i);
  const { inSize: I, H } = checkWeights(op, gates, w);
  const x = i.input;
  if (x.rank !== 3) throw engineError('rnn-batch-rank', { op, shape: x.shape });
  const [N, T] = x.shape;
  if (x.shape[2] !== I) throw engineError('rnn-seq-input-size', { op, len: x.shape[2], wih: w.weightIh.shape });
  checkState(op, 'h0', i.h0, [N, H], H, w.weightHh);
  checkState(op, 'c0', i.c0, [N, H], H, w.weightHh);
  checkWork(op, passes * recurrentWork(N * T, H, I, gates), RNN_SMALLER);
  return { N, T, I, H, G: gates * H };
}

/** b_ih + b_hh, added once per gate row. */
function biasSum(i: Inputs, G: number): Float32Array {
  const b = allocate(G);
  const bi = i.bias_ih?.data;
  const bh = i.bias_hh?.data;
  for (let r = 0; r < G; r++) b[r] = (bi ? bi[r] : 0) + (bh ? bh[r] : 0);
  return b;
}

/** z[N·T, G] = X · W_ihᵀ: the input half of every step, one GEMM. */
function inputProjection(i: Inputs, d: SeqDims): Float32Array {
  const R = d.N * d.T;
  const z = allocate(R * d.G);
  gemm({ M: R, N: d.G, K: d.I, A: i.input.data, lda: d.I, B: i.weight_ih.data, ldb: d.I, transB: true, C: z, ldc: d.G });
  return z;
}

/**
 * z_t += h_{t−1} · W_hhᵀ for all N examples at once. Row n of step t lives at
 * (n·T + t) in the [N, T, ·] buffers, so the batch is a view with stride T·(row size).
 */
function addRecurrent(z: Float32Array, out: Float32Array, h0: Tensor | undefined, whh: Float32Array, d: SeqDims, t: number): void {
  const { N, T, H, G } = d;
  if (t > 0) {
    gemm({ M: N, N: G, K: H, A: out, aOffset: (t - 1) * H, lda: T * H, B: whh, ldb: H, transB: true, C: z, cOffset: t * G, ldc: T * G, accumulate: true });
  } else if (h0) {
    gemm({ M: N, N: G, K: H, A: h0.data, lda: H, B: whh, ldb: H, transB: true, C: z, cOffset: 0, ldc: T * G, accumulate: true });
  }
}

/** The last step of every sequence: [N, T, H] → [N, H]. */
function lastStep(buf: Float32Array, d: SeqDims): Tensor {
  const { N, T, H } = d;
  const out = new Tensor([N, H]);
  for (let n = 0; n < N; n++) out.data.set(buf.subarray((n * T + T - 1) * H, (n * T + T) * H), n * H);
  return out;
}

/** h_{t−1} for every row (n, t): h0 (or zeros) at t = 0, so dW_hh is one GEMM over all N·T rows. */
function previousHidden(out: Float32Array, h0: Tensor | undefined, d: SeqDims): Float32Array {
  const { N, T, H } = d;
  const prev = allocate(N * T * H);
  for (let n = 0; n < N; n++) {
    const row = n * T * H;
    if (h0) prev.set(h0.data.subarray(n * H, (n + 1) * H), row);
    prev.set(out.subarray(row, row + (T - 1) * H), row + H);
  }
  return prev;
}

/** Σ over the R rows of dz [R, G], in float64: the gradient of b_ih (and of b_hh). */
function biasGrad(dz: Float32Array, R: number, G: number): Float64Array {
  // A step's block seen as float64s, where the kernel can write (else an ordinary array).
  const block = allocate(2 * G);
  const db = new Float64Array(block.buffer, block.byteOffset, G);
  if (wasmColumnSums(dz, R, G, db)) return db;
  db.fill(0);
  for (let r = 0; r < R; r++) {
    const o = r * G;
    for (let j = 0; j < G; j++) db[j] += dz[o + j];
  }
  return db;
}

/**
 * Given dz [N·T, G] (gradient of every pre-activation), the gradients of the input
 * and the weights, each one GEMM over all rows; dh0/dc0 come from the BPTT loop.
 */
function weightGrads(i: Inputs, dz: Float32Array, out: Float32Array, d: SeqDims): Record<string, Tensor | undefined> {
  const { N, T, I, H, G } = d;
  const R = N * T;
  const gx = new Tensor(i.input.shape);
  gemm({ M: R, N: I, K: G, A: dz, lda: G, B: i.weight_ih.data, ldb: I, C: gx.data, ldc: I });
  const gwi = new Tensor([G, I]);
  gemm({ M: G, N: I, K: R, A: dz, lda: G, transA: true, B: i.input.data, ldb: I, C: gwi.data, ldc: I });
  const gwh = new Tensor([G, H]);
  const prev = previousHidden(out, i.h0, d);
  gemm({ M: G, N: H, K: R, A: dz, lda: G, transA: true, B: prev, ldb: H, C: gwh.data, ldc: H });
  const gb = new Tensor([G], Float32Array.from(biasGrad(dz, R, G)));
  return {
    input: gx,
    weight_ih: gwi,
    weight_hh: gwh,
    bias_ih: i.bias_ih ? gb : undefined,
    bias_hh: i.bias_hh ? new Tensor([G], new Float32Array(gb.data)) : undefined,
  };
}

/** dh ← dz_t · W_hh: the gradient flowing from step t into h_{t−1}, for the whole batch. */
function backRecurrent(dz: Float32Array, whh: Float32Array, dh: Float32Array, d: SeqDims, t: number): void {
  const { N, T, H, G } = d;
  gemm({ M: N, N: H, K: G, A: dz, aOffset: t * G, lda: T * G, B: whh, ldb: H, C: dh, ldc: H });
}

/** A copy of an [N, H] gradient, or zeros; from the step's memory, where the kernels can use it. */
function startGrad(g: Tensor | undefined, n: number): Float32Array {
  const a = allocate(n);
  if (g) a.set(g.data);
  return a;
}

// ---------------------------------------------------------------- RNN

interface RnnSaved {
  dims: SeqDims;
  relu: boolean;
}

function rnnForward(i: Inputs, a: Attrs): Record<string, Tensor> {
  const relu = enumAttr(a, 'nonlinearity', ['tanh', 'relu'] as readonly RnnNonlinearity[], 'tanh') === 'relu';
  const d = plan('rnn_sequence', 1, i, 1);
  const { N, T, H } = d;
  const z = inputProjection(i, d);
  const b = biasSum(i, H);
  const out = allocate(N * T * H);
  const whh = i.weight_hh.data;
  for (let t = 0; t < T; t++) {
    addRecurrent(z, out, i.h0, whh, d, t);
    for (let n = 0; n < N; n++) {
      const o = (n * T + t) * H;
      for (let j = 0; j < H; j++) {
        const v = z[o + j] + b[j];
        out[o + j] = relu ? (v <= 0 ? 0 : v) : Math.tanh(v); // relu: NaN stays NaN, as in PyTorch
      }
    }
  }
  const saved: RnnSaved = { dims: d, relu };
  return withSaved({ output: new Tensor([N, T, H], out), h_n: lastStep(out, d) }, saved);
}

function rnnBackward(i: Inputs, out: Float32Array, s: RnnSaved, g: Readonly<Record<string, Tensor>>): Record<string, Tensor | undefined> {
  const d = s.dims;
  const { N, T, H } = d;
  const gOut = g.output?.data;
  const dh = startGrad(g.h_n, N * H);
  const dz = allocate(N * T * H);
  const whh = i.weight_hh.data;
  for (let t = T - 1; t >= 0; t--) {
    for (let n = 0; n < N; n++) {
      const o = (n * T + t) * H;
      const k = n * H;
      for (let j = 0; j < H; j++) {
        const gh = dh[k + j] + (gOut ? gOut[o + j] : 0);
        const h = out[o + j];
        dz[o + j] = s.relu ? (h > 0 ? gh : 0) : gh * (1 - h * h);
      }
    }
    if (t > 0 || i.h0) backRecurrent(dz, whh, dh, d, t);
  }
  const grads = weightGrads(i, dz, out, d);
  if (i.h0) grads.h0 = new Tensor([N, H], dh);
  return grads;
}

// ---------------------------------------------------------------- LSTM

interface LstmSaved {
  dims: SeqDims;
  /** [N·T, 4H]: σ(i), σ(f), tanh(g), σ(o) of every row. */
  gates: Float32Array;
  /** [N·T, H]: cₜ of every row. */
  cells: Float32Array;
}

/** Step t of every sequence in an [N, T, H] buffer. */
function stepOf(buf: Float32Array, t: number, d: SeqDims): Rows {
  return { data: buf, offset: t * d.H, stride: d.T * d.H };
}

/** c_{t−1} of every sequence: the previous step of `cells`, or c0 (null: zeros) at t = 0. */
function previousCells(cells: Float32Array, c0: Float32Array | undefined, t: number, d: SeqDims): Rows | null {
  if (t > 0) return stepOf(cells, t - 1, d);
  return c0 ? { data: c0, offset: 0, stride: d.H } : null;
}

function lstmForward(i: Inputs, a: Attrs): Record<string, Tensor> {
  enumAttr(a, 'gate_order', ['ifgo'], 'ifgo');
  const d = plan('lstm_sequence', 4, i, 1);
  const { N, T, H, G } = d;
  const z = inputProjection(i, d);
  const b = biasSum(i, G);
  const out = allocate(N * T * H);
  const cells = allocate(N * T * H);
  const c0 = i.c0?.data;
  const whh = i.weight_hh.data;
  for (let t = 0; t < T; t++) {
    addRecurrent(z, out, i.h0, whh, d, t);
    const stepRows = stepOf(cells, t, d);
    lstmGatesForward(N, H, { data: z, offset: t * G, stride: T * G }, b, previousCells(cells, c0, t, d), stepRows, { ...stepRows, data: out });
  }
  const saved: LstmSaved = { dims: d, gates: z, cells };
  return withSaved({ output: new Tensor([N, T, H], out), h_n: lastStep(out, d), c_n: lastStep(cells, d) }, saved);
}

function lstmBackward(i: Inputs, out: Float32Array, s: LstmSaved, g: Readonly<Record<string, Tensor>>): Record<string, Tensor | undefined> {
  const d = s.dims;
  const { N, T, H, G } = d;
  const { gates, cells } = s;
  const gOut = g.output?.data;
  const dh = startGrad(g.h_n, N * H);
  const dc = startGrad(g.c_n, N * H);
  const dz = allocate(N * T * G);
  const c0 = i.c0?.data;
  const whh = i.weight_hh.data;
  for (let t = T - 1; t >= 0; t--) {
    const gateRows = { data: gates, offset: t * G, stride: T * G };
    const cellRows = stepOf(cells, t, d);
    const gOutRows = gOut ? { ...cellRows, data: gOut } : null;
    lstmGatesBackward(N, H, gateRows, cellRows, previousCells(cells, c0, t, d), gOutRows, dh, dc, { ...gateRows, data: dz });
    if (t > 0 || i.h0) backRecurrent(dz, whh, dh, d, t);
  }
  const grads = weightGrads(i, dz, out, d);
  if (i.h0) grads.h0 = new Tensor([N, H], dh);
  if (i.c0) grads.c0 = new Tensor([N, H], dc);
  return grads;
}

// ---------------------------------------------------------------- ops

const SEQ_INPUTS = [
  { name: 'input' },
  { name: 'h0', optional: true },
  { name: 'weight_ih' },
  { name: 'weight_hh' },
  { name: 'bias_ih', optional: true },
  { name: 'bias_hh', optional: true },
];

export const recurrentSequenceOps: OpDef[] = [
  {
    name: 'rnn_sequence',
    summary: 'an RNN over a batch of sequences [N, T, in] → output [N, T, H] (every hₜ), h_n [N, H]',
    inputs: SEQ_INPUTS,
    attrs: ['nonlinearity'],
    outputs: ['output', 'h_n'],
    run: rnnForward,
    vjp: ({ inputs, outputs, saved }, g) => rnnBackward(inputs, outputs.output.data, saved as RnnSaved, g),
  },
  {
    name: 'lstm_sequence',
    summary: 'an LSTM over a batch of sequences [N, T, in] → output [N, T, H] (every hₜ), h_n, c_n [N, H]',
    inputs: [...SEQ_INPUTS.slice(0, 2), { name: 'c0', optional: true }, ...SEQ_INPUTS.slice(2)],
    attrs: ['gate_order'],
    outputs: ['output', 'h_n', 'c_n'],
    run: lstmForward,
    vjp: ({ inputs, outputs, saved }, g) => lstmBackward(inputs, outputs.output.data, saved as LstmSaved, g),
  },
];
