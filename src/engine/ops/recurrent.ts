/**
 * Recurrent networks, PyTorch's semantics (FORMAT.md):
 *   rnn_cell   h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
 *   lstm_cell  z = W_ih x + b_ih + W_hh h + b_hh, split into gates i, f, g, o
 *              c' = σ(f)·c + σ(i)·tanh(g),  h' = σ(o)·tanh(c')
 *   lstm       lstm_cell over t = 0..T-1 from (h0, c0)
 *   rnn_bptt_grad_norms  how ‖∂loss/∂h_t‖ shrinks or grows back through time.
 *
 * Cells accept one vector [in] or a batch [N, in]. The sequence LSTM is the
 * hot path: X·W_ihᵀ for all steps is one gemm, then each step is one gemv
 * with W_hh plus a fused gate loop, with no allocations inside the loop.
 * The cells have vjps; batched sequences for training (BPTT) are in recurrent-seq.ts.
 */
import { type Attrs, enumAttr, intAttr } from '../attrs.js';
import { checkWork, WORK_COST } from '../budget.js';
import { engineError } from '../messages.js';
import { gemm, gemvAddRows } from '../gemm.js';
import type { OpDef } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';

export type RnnNonlinearity = 'tanh' | 'relu';

/** The parameters of an RNN or LSTM cell, named as in torch.nn.RNNCell / LSTMCell. */
export interface CellWeights {
  /** [H, in] for an RNN cell, [4H, in] for an LSTM (rows: i, f, g, o). */
  weightIh: Tensor;
  /** [H, H] for an RNN cell, [4H, H] for an LSTM. */
  weightHh: Tensor;
  biasIh?: Tensor | null;
  biasHh?: Tensor | null;
}

export interface RnnCellGrads {
  gradInput: Tensor;
  gradHidden: Tensor;
  gradWeightIh: Tensor;
  gradWeightHh: Tensor;
  gradBiasIh: Tensor;
  gradBiasHh: Tensor;
}

export interface LstmCellResult {
  hNext: Tensor;
  cNext: Tensor;
  /** σ(i): how much of the candidate is written. */
  inputGate: Tensor;
  /** σ(f): how much of the old cell is kept. */
  forgetGate: Tensor;
  /** tanh(g): the candidate values. */
  cellGate: Tensor;
  /** σ(o): how much of tanh(c') is shown as h'. */
  outputGate: Tensor;
}

export interface LstmResult {
  /** [T, H]: h_t for every step. */
  output: Tensor;
  /** Last hidden state, shaped like h0 ([H] by default). */
  hN: Tensor;
  /** Last cell state, shaped like c0 ([H] by default). */
  cN: Tensor;
}

/** An LSTM run with every step's activated gates and cell state, each [T, H]. */
export interface LstmTrace extends LstmResult {
  inputGate: Tensor;
  forgetGate: Tensor;
  cellGate: Tensor;
  outputGate: Tensor;
  cells: Tensor;
}

export interface BpttResult {
  /** [T]: ‖∂loss/∂h_t‖₂, the total derivative through all later steps. */
  gradNorms: Tensor;
  /** []: sum(h_{T-1}). */
  loss: Tensor;
  /** [T, H]: the hidden states h_0..h_{T-1}. */
  hidden: Tensor;
  /** [T, H]: ∂loss/∂h_t for every step. */
  grads: Tensor;
  /** [H]: ∂loss/∂h0 (the initial state, before step 0). */
  gradH0: Tensor;
}

// ---------------------------------------------------------------- validation

export function checkWeights(op: string, gates: number, w: CellWeights): { inSize: number; H: number } {
  const { weightIh: wi, weightHh: wh } = w;
  if (!(wi instanceof Tensor) || !(wh instanceof Tensor)) throw engineError('rnn-weights-not-tensors', { op });
  if (wi.rank !== 2) throw engineError('rnn-wih-rank', { op, gates, shape: wi.shape });
  if (wh.rank !== 2) throw engineError('rnn-whh-rank', { op, gates, shape: wh.shape });
  const H = wh.shape[1];
  const rows = gates * H;
  if (wh.shape[0] !== rows) throw gates === 1 ? engineError('rnn-whh-square', { op, shape: wh.shape }) : engineError('lstm-whh-rows', { op, shape: wh.shape });
  if (wi.shape[0] !== rows) throw engineError('rnn-wih-rows', { op, gates, rowsGiven: wi.shape[0], whh: wh.shape });
  for (const [b, name, wname] of [
    [w.biasIh, 'bias_ih', 'weight_ih'],
    [w.biasHh, 'bias_hh', 'weight_hh'],
  ] as const) {
    if (b && (b.rank !== 1 || b.shape[0] !== rows)) {
      throw engineError('rnn-bias-size', { op, name, weight: wname, shape: b.shape, gates, H });
    }
  }
  return { inSize: wi.shape[1], H };
}

export function checkState(op: string, name: string, t: Tensor | null | undefined, expected: number[], H: number, wh: Tensor): void {
  if (!t) return;
  const ok = t.rank === expected.length && t.shape.every((n, i) => n === expected[i]);
  if (ok) return;
  const last = t.shape[t.rank - 1];
  if (t.rank === expected.length && last !== H) {
    throw engineError('rnn-state-size', { op, name, last, perRow: t.rank === 2, whh: wh.shape, H });
  }
  throw engineError('rnn-state-shape', { op, name, want: expected, got: t.shape });
}

interface CellPlan {
  N: number;
  batched: boolean;
  inSize: number;
  H: number;
}

function planCell(op: string, gates: number, input: Tensor, hidden: Tensor | null | undefined, cell: Tensor | null | undefined, w: CellWeights): CellPlan {
  const { inSize, H } = checkWeights(op, gates, w);
  if (input.rank !== 1 && input.rank !== 2) {
    throw engineError('rnn-cell-input-rank', { op, shape: input.shape });
  }
  const batched = input.rank === 2;
  const N = batched ? input.shape[0] : 1;
  const len = input.shape[input.rank - 1];
  if (len !== inSize) {
    throw engineError('rnn-cell-input-size', { op, len, perRow: batched, wih: w.weightIh.shape });
  }
  const expected = batched ? [N, H] : [H];
  checkState(op, 'hidden', hidden, expected, H, w.weightHh);
  checkState(op, 'cell', cell, expected, H, w.weightHh);
  return { N, batched, inSize, H };
}

/** z[N, rows] = X·W_ihᵀ + Hprev·W_hhᵀ + b_ih + b_hh. */
function preactivation(input: Tensor, hidden: Tensor | null | undefined, w: CellWeights, N: number, inSize: number, H: number, rows: number): Float32Array {
  const z = allocate(N * rows);
  gemm({ M: N, N: rows, K: inSize, A: input.data, lda: inSize, B: w.weightIh.data, ldb: inSize, transB: true, C: z, ldc: rows });
  if (hidden) {
    gemm({ M: N, N: rows, K: H, A: hidden.data, lda: H, B: w.weightHh.data, ldb: H, transB: true, C: z, ldc: rows, accumulate: true });
  }
  const bi = w.biasIh?.data;
  const bh = w.biasHh?.data;
  if (bi || bh) {
    for (let n = 0; n < N; n++) {
      const o = n * rows;
      for (let r = 0; r < rows; r++) z[o + r] += (bi ? bi[r] : 0) + (bh ? bh[r] : 0);
    }
  }
  return z;
}

export const RNN_SMALLER = { en: 'use fewer steps (T), a smaller hidden size (H) or fewer input features', zh: '使用更少的步数（T）、更小的隐藏维度（H）或更少的输入特征' };

/**
 * Work units of a recurrent pass: per step and row, gates·H·(H + in) multiply-adds
 * (gates = 1 for an RNN, 4 for an LSTM) plus the gate nonlinearities. `perMac` is
 * WORK_COST.gemm for the GEMM paths and WORK_COST.loop for the float64 loops.
 */
export function recurrentWork(steps: number, H: number, inSize: number, gates: number, perMac: number = WORK_COST.gemm): number {
  return steps * gates * H * ((H + inSize) * perMac + WORK_COST.elementwise);
}

export function sig(v: number): number {
  return 1 / (1 + Math.exp(-v));
}

// ---------------------------------------------------------------- RNN cell

/**
 * One step of a vanilla RNN: h' = tanh(W_ih x + b_ih + W_hh h + b_hh)
 * (or relu). `input` is [in] or [N, in]; `hidden` is [H] / [N, H] or omitted (zeros).
 */
export function rnnCell(input: Tensor, hidden: Tensor | null | undefined, w: CellWeights, nonlinearity: RnnNonlinearity = 'tanh'): Tensor {
  const { N, batched, inSize, H } = planCell('rnn_cell', 1, input, hidden, null, w);
  checkWork('rnn_cell', recurrentWork(N, H, inSize, 1), RNN_SMALLER);
  const z = preactivation(input, hidden, w, N, inSize, H, H);
  if (nonlinearity === 'relu') for (let i = 0; i < z.length; i++) z[i] = z[i] <= 0 ? 0 : z[i]; // NaN stays NaN, as in PyTorch
  else for (let i = 0; i < z.length; i++) z[i] = Math.tanh(z[i]);
  return new Tensor(batched ? [N, H] : [H], z);
}

/**
 * Backward of rnnCell given its output hNext and dL/dh' (gradHNext).
 * With dz = g ⊙ (1 − h'²) (tanh) or g ⊙ [h' > 0] (relu):
 *   dx = dz·W_ih, dh = dz·W_hh, dW_ih = dzᵀ·x, dW_hh = dzᵀ·h, db_ih = db_hh = Σ_batch dz.
 */
export function rnnCellBackward(
  input: Tensor,
  hidden: Tensor | null | undefined,
  w: CellWeights,
  hNext: Tensor,
  gradHNext: Tensor,
  nonlinearity: RnnNonlinearity = 'tanh',
): RnnCellGrads {
  const { N, batched, inSize, H } = planCell('rnn_cell backward', 1, input, hidden, null, w);
  checkWork('rnn_cell backward', 2 * recurrentWork(N, H, inSize, 1), RNN_SMALLER);
  const expected = batched ? [N, H] : [H];
  checkState('rnn_cell backward', 'h_next', hNext, expected, H, w.weightHh);
  checkState('rnn_cell backward', 'grad_h_next', gradHNext, expected, H, w.weightHh);
  const dz = allocate(N * H);
  const y = hNext.data;
  const g = gradHNext.data;
  for (let i = 0; i < dz.length; i++) dz[i] = nonlinearity === 'relu' ? (y[i] <= 0 ? 0 : g[i]) : g[i] * (1 - y[i] * y[i]);
  const dx = allocate(N * inSize);
  gemm({ M: N, N: inSize, K: H, A: dz, lda: H, B: w.weightIh.data, ldb: inSize, C: dx, ldc: inSize });
  const dh = allocate(N * H);
  gemm({ M: N, N: H, K: H, A: dz, lda: H, B: w.weightHh.data, ldb: H, C: dh, ldc: H });
  const dwi = allocate(H * inSize);
  gemm({ M: H, N: inSize, K: N, A: dz, lda: H, transA: true, B: input.data, ldb: inSize, C: dwi, ldc: inSize });
  const dwh = allocate(H * H);
  if (hidden) gemm({ M: H, N: H, K: N, A: dz, lda: H, transA: true, B: hidden.data, ldb: H, C: dwh, ldc: H });
  const db = new Float64Array(H);
  for (let n = 0; n < N; n++) for (let j = 0; j < H; j++) db[j] += dz[n * H + j];
  return {
    gradInput: new Tensor(input.shape, dx),
    gradHidden: new Tensor(expected, dh),
    gradWeightIh: new Tensor([H, inSize], dwi),
    gradWeightHh: new Tensor([H, H], dwh),
    gradBiasIh: new Tensor([H], Float32Array.from(db)),
    gradBiasHh: new Tensor([H], Float32Array.from(db)),
  };
}

// ---------------------------------------------------------------- LSTM cell

/**
 * One LSTM step (gate order i, f, g, o as in PyTorch). `input` [in] or [N, in];
 * `hidden` and `cell` [H] / [N, H] or omitted (zeros). Gates are the activated values.
 */
export function lstmCell(input: Tensor, hidden: Tensor | null | undefined, cell: Tensor | null | undefined, w: CellWeights): LstmCellResult {
  const { N, batched, inSize, H } = planCell('lstm_cell', 4, input, hidden, cell, w);
  checkWork('lstm_cell', recurrentWork(N, H, inSize, 4), RNN_SMALLER);
  const G = 4 * H;
  const z = preactivation(input, hidden, w, N, inSize, H, G);
  const shape = batched ? [N, H] : [H];
  const h2 = allocate(N * H);
  const c2 = allocate(N * H);
  const ig = allocate(N * H);
  const fg = allocate(N * H);
  const gg = allocate(N * H);
  const og = allocate(N * H);
  const c = cell?.data;
  for (let n = 0; n < N; n++) {
    const zo = n * G;
    for (let j = 0; j < H; j++) {
      const k = n * H + j;
      const i = sig(z[zo + j]);
      const f = sig(z[zo + H + j]);
      const g = Math.tanh(z[zo + 2 * H + j]);
      const o = sig(z[zo + 3 * H + j]);
      const cn = f * (c ? c[k] : 0) + i * g;
      c2[k] = cn;
      h2[k] = o * Math.tanh(cn);
      ig[k] = i;
      fg[k] = f;
      gg[k] = g;
      og[k] = o;
    }
  }
  return {
    hNext: new Tensor(shape, h2),
    cNext: new Tensor(shape, c2),
    inputGate: new Tensor(shape, ig),
    forgetGate: new Tensor(shape, fg),
    cellGate: new Tensor(shape, gg),
    outputGate: new Tensor(shape, og),
  };
}

/**
 * Backward of lstmCell. Every output may carry a gradient (the gates are outputs too):
 *   dc' = g_c' + g_h'·o·(1 − tanh²c'),  do = g_h'·tanh c' + g_o,  di = dc'·g + g_i,
 *   df = dc'·c + g_f,  dg = dc'·i + g_g;  through σ / tanh to dz [N, 4H], then
 *   dx = dz·W_ih, dh = dz·W_hh, dc = dc'·f, dW_ih = dzᵀ·x, dW_hh = dzᵀ·h, db = Σ dz.
 */
function lstmCellBackward(inputs: Readonly<Record<string, Tensor>>, outputs: Readonly<Record<string, Tensor>>, g: Readonly<Record<string, Tensor>>): Partial<Record<string, Tensor>> {
  const { input, hidden, cell } = inputs;
  const w = weightsOf(inputs);
  const { N, inSize, H } = planCell('lstm_cell backward', 4, input, hidden, cell, w);
  checkWork('lstm_cell backward', 2 * recurrentWork(N, H, inSize, 4), RNN_SMALLER);
  const G = 4 * H;
  const [ig, fg, gg, og, c2] = [outputs.input_gate, outputs.forget_gate, outputs.cell_gate, outputs.output_gate, outputs.c_next].map((t) => t.data);
  const [gh, gc, gi, gf, gG, go] = ['h_next', 'c_next', 'input_gate', 'forget_gate', 'cell_gate', 'output_gate'].map((n) => g[n]?.data ?? allocate(N * H));
  const c = cell?.data;
  const dz = allocate(N * G);
  const dcPrev = allocate(N * H);
  for (let n = 0; n < N; n++) {
    for (let j = 0; j < H; j++) {
      const k = n * H + j;
      const z = n * G + j;
      const tc = Math.tanh(c2[k]);
      const dc = gc[k] + gh[k] * og[k] * (1 - tc * tc);
      dz[z] = (dc * gg[k] + gi[k]) * ig[k] * (1 - ig[k]);
      dz[z + H] = (dc * (c ? c[k] : 0) + gf[k]) * fg[k] * (1 - fg[k]);
      dz[z + 2 * H] = (dc * ig[k] + gG[k]) * (1 - gg[k] * gg[k]);
      dz[z + 3 * H] = (gh[k] * tc + go[k]) * og[k] * (1 - og[k]);
      dcPrev[k] = dc * fg[k];
    }
  }
  const dx = new Tensor(input.shape);
  gemm({ M: N, N: inSize, K: G, A: dz, lda: G, B: w.weightIh.data, ldb: inSize, C: dx.data, ldc: inSize });
  const dwi = new Tensor([G, inSize]);
  gemm({ M: G, N: inSize, K: N, A: dz, lda: G, transA: true, B: input.data, ldb: inSize, C: dwi.data, ldc: inSize });
  const dwh = new Tensor([G, H]);
  let dh: Tensor | undefined;
  if (hidden) {
    gemm({ M: G, N: H, K: N, A: dz, lda: G, transA: true, B: hidden.data, ldb: H, C: dwh.data, ldc: H });
    dh = new Tensor(hidden.shape);
    gemm({ M: N, N: H, K: G, A: dz, lda: G, B: w.weightHh.data, ldb: H, C: dh.data, ldc: H });
  }
  const db = new Float64Array(G);
  for (let n = 0; n < N; n++) for (let r = 0; r < G; r++) db[r] += dz[n * G + r];
  return {
    input: dx,
    hidden: dh,
    cell: cell ? new Tensor(cell.shape, dcPrev) : undefined,
    weight_ih: dwi,
    weight_hh: dwh,
    bias_ih: w.biasIh ? new Tensor([G], Float32Array.from(db)) : undefined,
    bias_hh: w.biasHh ? new Tensor([G], Float32Array.from(db)) : undefined,
  };
}

// ---------------------------------------------------------------- LSTM sequence

interface SeqPlan {
  T: number;
  inSize: number;
  H: number;
}

function planSequence(op: string, gates: number, input: Tensor, w: CellWeights): SeqPlan {
  const { inSize, H } = checkWeights(op, gates, w);
  if (input.rank !== 2) {
    throw engineError('rnn-seq-rank', { op, shape: input.shape });
  }
  if (input.shape[1] !== inSize) {
    throw engineError('rnn-seq-input-size', { op, len: input.shape[1], wih: w.weightIh.shape });
  }
  return { T: input.shape[0], inSize, H };
}

/** Initial states may be [H] or PyTorch's [num_layers=1, H]. */
function checkInitial(op: string, name: string, t: Tensor | null | undefined, H: number, wh: Tensor): void {
  if (!t) return;
  if (t.rank === 2 && t.shape[0] === 1 && t.shape[1] === H) return;
  checkState(op, name, t, [H], H, wh);
}

function lstmRun(input: Tensor, h0: Tensor | null | undefined, c0: Tensor | null | undefined, w: CellWeights, trace: boolean): LstmTrace | LstmResult {
  const op = 'lstm';
  const { T, inSize: I, H } = planSequence(op, 4, input, w);
  checkInitial(op, 'h0', h0, H, w.weightHh);
  checkInitial(op, 'c0', c0, H, w.weightHh);
  // The recurrent half runs as row dot products (gemvAddRows); the input half is one GEMM.
  checkWork(op, T * 4 * H * (I * WORK_COST.gemm + H * WORK_COST.loop + WORK_COST.elementwise), RNN_SMALLER);
  const G = 4 * H;
  // All input projections at once: z[T, 4H] = X · W_ihᵀ.
  const z = allocate(T * G);
  gemm({ M: T, N: G, K: I, A: input.data, lda: I, B: w.weightIh.data, ldb: I, transB: true, C: z, ldc: G });
  const bias = new Float64Array(G);
  const bi = w.biasIh?.data;
  const bh = w.biasHh?.data;
  for (let r = 0; r < G; r++) bias[r] = (bi ? bi[r] : 0) + (bh ? bh[r] : 0);

  const out = allocate(T * H);
  const hInit = h0 ? h0.data : allocate(H);
  const c = new Float64Array(H);
  if (c0) for (let j = 0; j < H; j++) c[j] = c0.data[j];
  const gi = trace ? allocate(T * H) : null;
  const gf = trace ? allocate(T * H) : null;
  const gg = trace ? allocate(T * H) : null;
  const go = trace ? allocate(T * H) : null;
  const cs = trace ? allocate(T * H) : null;
  const whh = w.weightHh.data;
  const H2 = 2 * H;
  const H3 = 3 * H;

  for (let t = 0; t < T; t++) {
    const zo = t * G;
    const hp = t === 0 ? hInit : out;
    const ho = t === 0 ? 0 : (t - 1) * H;
    // z_t += W_hh · h_{t-1} + biases.
    gemvAddRows(whh, G, H, hp, ho, z, zo, bias);
    // Fused gates: i, f, o through σ, g through tanh; then the cell and the output.
    const oo = t * H;
    for (let j = 0; j < H; j++) {
      const i = 1 / (1 + Math.exp(-z[zo + j]));
      const f = 1 / (1 + Math.exp(-z[zo + H + j]));
      const g = Math.tanh(z[zo + H2 + j]);
      const o = 1 / (1 + Math.exp(-z[zo + H3 + j]));
      const cn = f * c[j] + i * g;
      c[j] = cn;
      out[oo + j] = o * Math.tanh(cn);
      if (gi) {
        gi[oo + j] = i;
        gf![oo + j] = f;
        gg![oo + j] = g;
        go![oo + j] = o;
        cs![oo + j] = cn;
      }
    }
  }
  const hShape = h0 ? h0.shape : [H];
  const cShape = c0 ? c0.shape : [H];
  const result: LstmResult = {
    output: new Tensor([T, H], out),
    hN: new Tensor(hShape, out.slice((T - 1) * H)),
    cN: new Tensor(cShape, Float32Array.from(c)),
  };
  if (!trace) return result;
  return {
    ...result,
    inputGate: new Tensor([T, H], gi!),
    forgetGate: new Tensor([T, H], gf!),
    cellGate: new Tensor([T, H], gg!),
    outputGate: new Tensor([T, H], go!),
    cells: new Tensor([T, H], cs!),
  };
}

/**
 * A one-layer LSTM over a sequence `input` [T, in] from h0, c0 ([H], or
 * omitted for zeros). output[t] = h_t; hN = h_{T-1}; cN = c_{T-1}.
 */
export function lstm(input: Tensor, h0: Tensor | null | undefined, c0: Tensor | null | undefined, w: CellWeights): LstmResult {
  return lstmRun(input, h0, c0, w, false);
}

/** Like `lstm`, also returning every step's activated gates and cell state ([T, H] each). */
export function lstmWithGates(input: Tensor, h0: Tensor | null | undefined, c0: Tensor | null | undefined, w: CellWeights): LstmTrace {
  return lstmRun(input, h0, c0, w, true) as LstmTrace;
}

// ---------------------------------------------------------------- BPTT gradient norms

/**
 * Runs a vanilla RNN over `input` [T, in] from h0 (zeros when omitted), takes
 * loss = sum(h_{T-1}) and backpropagates through time:
 *   g_{T-1} = 1,  g_{t-1} = W_hhᵀ (g_t ⊙ (1 − h_t²)),
 * returning ‖g_t‖₂ per step. Everything is computed in float64, since the
 * norms can span many decades (vanishing and exploding gradients).
 */
export function rnnBpttGradNorms(input: Tensor, h0: Tensor | null | undefined, w: CellWeights, nonlinearity: RnnNonlinearity = 'tanh'): BpttResult {
  const op = 'rnn_bptt_grad_norms';
  const { T, inSize: I, H } = planSequence(op, 1, input, w);
  checkInitial(op, 'h0', h0, H, w.weightHh);
  // Forward in float64 loops, then backward through time (H·H per step).
  checkWork(op, recurrentWork(T, H, I, 1, WORK_COST.loop) + T * H * H * WORK_COST.loop, RNN_SMALLER);
  const x = input.data;
  const wi = w.weightIh.data;
  const wh = w.weightHh.data;
  const bi = w.biasIh?.data;
  const bh = w.biasHh?.data;
  const hs = new Float64Array(T * H);
  const hInit = new Float64Array(H);
  if (h0) for (let j = 0; j < H; j++) hInit[j] = h0.data[j];
  for (let t = 0; t < T; t++) {
    const prev = t === 0 ? hInit : hs;
    const po = t === 0 ? 0 : (t - 1) * H;
    for (let r = 0; r < H; r++) {
      let s = (bi ? bi[r] : 0) + (bh ? bh[r] : 0);
      for (let k = 0; k < I; k++) s += wi[r * I + k] * x[t * I + k];
      for (let k = 0; k < H; k++) s += wh[r * H + k] * prev[po + k];
      hs[t * H + r] = nonlinearity === 'relu' ? (s <= 0 ? 0 : s) : Math.tanh(s);
    }
  }
  let loss = 0;
  for (let j = 0; j < H; j++) loss += hs[(T - 1) * H + j];

  const grads = new Float64Array(T * H);
  const norms = new Float64Array(T);
  const gH0 = new Float64Array(H);
  const d = new Float64Array(H);
  for (let j = 0; j < H; j++) grads[(T - 1) * H + j] = 1;
  for (let t = T - 1; t >= 0; t--) {
    const go = t * H;
    let sq = 0;
    for (let j = 0; j < H; j++) {
      const g = grads[go + j];
      sq += g * g;
      const h = hs[go + j];
      d[j] = nonlinearity === 'relu' ? (h <= 0 ? 0 : g) : g * (1 - h * h);
    }
    norms[t] = Math.sqrt(sq);
    const dst = t === 0 ? gH0 : grads;
    const dOff = t === 0 ? 0 : (t - 1) * H;
    for (let k = 0; k < H; k++) dst[dOff + k] = 0;
    for (let r = 0; r < H; r++) {
      const dr = d[r];
      if (dr === 0) continue;
      const ro = r * H;
      for (let k = 0; k < H; k++) dst[dOff + k] += wh[ro + k] * dr;
    }
  }
  return {
    gradNorms: new Tensor([T], Float32Array.from(norms)),
    loss: Tensor.scalar(loss),
    hidden: new Tensor([T, H], Float32Array.from(hs)),
    grads: new Tensor([T, H], Float32Array.from(grads)),
    gradH0: new Tensor([H], Float32Array.from(gH0)),
  };
}

// ---------------------------------------------------------------- ops

function weightsOf(i: Readonly<Record<string, Tensor>>): CellWeights {
  return { weightIh: i.weight_ih, weightHh: i.weight_hh, biasIh: i.bias_ih, biasHh: i.bias_hh };
}

const NONLIN: readonly RnnNonlinearity[] = ['tanh', 'relu'];

function gateOrder(attrs: Attrs): void {
  enumAttr(attrs, 'gate_order', ['ifgo'], 'ifgo');
}

const CELL_INPUTS = [
  { name: 'input' },
  { name: 'hidden', optional: true },
  { name: 'weight_ih' },
  { name: 'weight_hh' },
  { name: 'bias_ih', optional: true },
  { name: 'bias_hh', optional: true },
];

export const recurrentOps: OpDef[] = [
  {
    name: 'rnn_cell',
    summary: "one RNN step: h' = tanh(W_ih x + b_ih + W_hh h + b_hh)",
    inputs: CELL_INPUTS,
    attrs: ['nonlinearity'],
    outputs: ['h_next'],
    run: (i, a) => ({ h_next: rnnCell(i.input, i.hidden, weightsOf(i), enumAttr(a, 'nonlinearity', NONLIN, 'tanh')) }),
    vjp: ({ inputs: i, attrs: a, outputs: o }, { h_next: g }) => {
      const r = rnnCellBackward(i.input, i.hidden, weightsOf(i), o.h_next, g, enumAttr(a, 'nonlinearity', NONLIN, 'tanh'));
      return {
        input: r.gradInput,
        hidden: i.hidden ? r.gradHidden : undefined,
        weight_ih: r.gradWeightIh,
        weight_hh: r.gradWeightHh,
        bias_ih: i.bias_ih ? r.gradBiasIh : undefined,
        bias_hh: i.bias_hh ? r.gradBiasHh : undefined,
      };
    },
  },
  {
    name: 'lstm_cell',
    summary: "one LSTM step: gates i, f, g, o from W_ih x + W_hh h + b; c' = f·c + i·g, h' = o·tanh(c')",
    inputs: [...CELL_INPUTS.slice(0, 2), { name: 'cell', optional: true }, ...CELL_INPUTS.slice(2)],
    attrs: ['gate_order'],
    outputs: ['h_next', 'c_next', 'input_gate', 'forget_gate', 'cell_gate', 'output_gate'],
    run: (i, a) => {
      gateOrder(a);
      const r = lstmCell(i.input, i.hidden, i.cell, weightsOf(i));
      return {
        h_next: r.hNext,
        c_next: r.cNext,
        input_gate: r.inputGate,
        forget_gate: r.forgetGate,
        cell_gate: r.cellGate,
        output_gate: r.outputGate,
      };
    },    vjp: ({ inputs, outputs }, g) => lstmCellBackward(inputs, outputs, g),
  },
  {
    name: 'lstm',
    summary: 'a one-layer LSTM over a sequence [T, in] → output [T, H], h_n, c_n',
    inputs: [
      { name: 'input' },
      { name: 'h0', optional: true },
      { name: 'c0', optional: true },
      { name: 'weight_ih' },
      { name: 'weight_hh' },
      { name: 'bias_ih', optional: true },
      { name: 'bias_hh', optional: true },
    ],
    attrs: ['num_layers', 'gate_order'],
    outputs: ['output', 'h_n', 'c_n'],
    run: (i, a) => {
      const layers = intAttr(a, 'num_layers', { default: 1, min: 1 });
      if (layers !== 1) {
        throw engineError('lstm-layers', { layers });
      }
      gateOrder(a);
      const r = lstm(i.input, i.h0, i.c0, weightsOf(i));
      return { output: r.output, h_n: r.hN, c_n: r.cN };
    },
  },
  {
    name: 'rnn_bptt_grad_norms',
    summary: '‖∂ sum(h_T) / ∂h_t‖ for each step t of a tanh RNN: watch gradients vanish or explode',
    inputs: [
      { name: 'input' },
      { name: 'h0', optional: true },
      { name: 'weight_ih' },
      { name: 'weight_hh' },
      { name: 'bias_ih', optional: true },
      { name: 'bias_hh', optional: true },
    ],
    attrs: ['T', 'nonlinearity', 'loss', 'regime', 'weight_hh_gain'],
    outputs: ['grad_norms', 'loss'],
    run: (i, a) => {
      const nl = enumAttr(a, 'nonlinearity', NONLIN, 'tanh');
      enumAttr(a, 'loss', ['sum(h_T)'], 'sum(h_T)');
      if (a.T !== undefined && a.T !== null) {
        const T = intAttr(a, 'T', { min: 1 });
        const steps = i.input.shape[0];
        if (i.input.rank === 2 && steps !== T) {
          throw engineError('bptt-steps', { T, shape: i.input.shape });
        }
      }
      const r = rnnBpttGradNorms(i.input, i.h0, weightsOf(i), nl);
      return { grad_norms: r.gradNorms, loss: r.loss };
    },
  },
];
