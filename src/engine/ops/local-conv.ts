/**
 * A locally connected 2-D layer (Keras's LocallyConnected2D, DeepFace's "locally
 * connected" layers): the windows of conv2d — same kernel size, stride, padding and
 * dilation — but no weight sharing: every output position (oy, ox) has its own K
 * filters of C×FH×FW weights and its own K biases.
 *
 *   output[n, k, oy, ox] = bias[k, oy, ox] + Σ_{c,fy,fx} weight[oy, ox, k, c, fy, fx] · x[n, c, oy·s − p + fy·d, ox·s − p + fx·d]
 *
 * Layouts: input [C, H, W] or [N, C, H, W]; weight [OH, OW, K, C, FH, FW] (the output
 * grid first, then conv2d's [K, C, FH, FW] per position); bias [K, OH, OW] (one per
 * output value of an image). Parameters: OH·OW·K·(C·FH·FW + 1), against conv2d's
 * K·(C·FH·FW + 1): sharing divides both weights and biases by exactly OH·OW.
 *
 * Forward and backward use conv2d's im2col (ops/conv-columns.ts) one image at a time,
 * the patches transposed to [P, N, C·FH·FW] (P = OH·OW) so each position's product
 * reads contiguous rows; the forward keeps them for the backward:
 *
 *   output[n, k, p]  = bias[k, p] + Σ_r weight[p, k, r] · patch[p, n, r]
 *   grad_weight[p, k, r] = Σ_n dY[n, k, p] · patch[p, n, r]     (summed over the batch only, not over positions)
 *   grad_patch[p, n, r]  = Σ_k dY[n, k, p] · weight[p, k, r]    (then col2im adds it back onto the pixels)
 *   grad_bias[k, p]      = Σ_n dY[n, k, p]
 *
 * Plain loops (float32 arrays, float64 sums): each position's product is tiny (N × K × C·FH·FW).
 */
import type { Attrs } from '../attrs.js';
import { checkWork, WORK_COST } from '../budget.js';
import { engineError } from '../messages.js';
import { expectRank, expectShape, type Inputs, type OpDef, withSaved } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { conv2dGeometry, optsFromAttrs, type Conv2dGeometry, type Conv2dOptions } from './conv.js';
import { gemm } from '../gemm.js';
import { col2im, colBuffer, im2col, rowBuffer } from './conv-columns.js';

const OP = 'locally_connected2d';
const WEIGHT_LAYOUT = '[OH, OW, K, C, FH, FW] (output rows, output columns, filters, input channels, kernel height, kernel width)';

/**
 * Checks shapes and settings (conv2d's rules for the windows) and returns the geometry;
 * the weight's first two sizes must be the output's height and width.
 */
export function locallyConnected2dGeometry(
  inputShape: readonly number[],
  weightShape: readonly number[],
  biasShape: readonly number[] | undefined,
  opts: Conv2dOptions = {},
): Conv2dGeometry {
  if (weightShape.length !== 6) throw engineError('tensor-wrong-rank', { what: `${OP}: weight`, rank: 6, layout: WEIGHT_LAYOUT, shape: weightShape });
  const g = conv2dGeometry(inputShape, weightShape.slice(2), undefined, opts);
  const want = [g.OH, g.OW, g.K, g.C, g.FH, g.FW];
  if (want.some((n, i) => n !== weightShape[i])) {
    throw engineError('tensor-wrong-shape', { what: `${OP}: weight (one set of filters per output position, output ${g.OH}×${g.OW})`, want: want.join(', '), shape: weightShape });
  }
  if (biasShape !== undefined && (biasShape.length !== 3 || biasShape[0] !== g.K || biasShape[1] !== g.OH || biasShape[2] !== g.OW)) {
    throw engineError('tensor-wrong-shape', { what: `${OP}: bias (one per filter and output position)`, want: `${g.K}, ${g.OH}, ${g.OW}`, shape: biasShape });
  }
  return g;
}

/** Multiply-adds of one forward (each a plain-loop one) plus the patch copy. */
export function locallyConnected2dWork(g: Conv2dGeometry): number {
  const patches = (g.batch ?? 1) * g.C * g.FH * g.FW * g.OH * g.OW;
  return patches * (g.K * WORK_COST.loop + 2);
}

const SMALLER = {
  en: 'use a smaller input, fewer filters (K), a smaller kernel (F), or a larger stride',
  zh: '使用更小的输入、更少的滤波器（K）、更小的卷积核（F）或更大的步幅',
};

/** The patches of every image, transposed to [P, N, CFF]: row (p, n) is the window image n shows output position p. */
function gatherPatches(g: Conv2dGeometry, x: Float32Array): Float32Array {
  const n = g.batch ?? 1;
  const P = g.OH * g.OW;
  const CFF = g.C * g.FH * g.FW;
  const inSize = g.C * g.H * g.W;
  const patches = allocate(P * n * CFF);
  const col = colBuffer(CFF * P);
  for (let b = 0; b < n; b++) {
    im2col(x, b * inSize, g, 0, g.OH, col, P, 0);
    // Written in order (each position's row is contiguous), read with stride P from the small column buffer.
    for (let p = 0; p < P; p++) {
      const d = (p * n + b) * CFF;
      for (let r = 0, s = p; r < CFF; r++, s += P) patches[d + r] = col[s];
    }
  }
  return patches;
}

function forward(input: Tensor, weight: Tensor, bias: Tensor | undefined, opts: Conv2dOptions): { output: Tensor; patches: Float32Array } {
  const g = locallyConnected2dGeometry(input.shape, weight.shape, bias?.shape, opts);
  checkWork(OP, locallyConnected2dWork(g), SMALLER);
  const n = g.batch ?? 1;
  const { K } = g;
  const P = g.OH * g.OW;
  const CFF = g.C * g.FH * g.FW;
  const output = new Tensor(g.batch === null ? [K, g.OH, g.OW] : [n, K, g.OH, g.OW]);
  const y = output.data;
  const w = weight.data;
  const bd = bias?.data;
  const patches = gatherPatches(g, input.data);
  // Each position: Y_p[N, K] = X_p[N, CFF] · W_pᵀ, one small GEMM, then scattered to [N, K, P] with its biases.
  const yp = rowBuffer(n * K);
  for (let p = 0; p < P; p++) {
    gemm({ M: n, N: K, K: CFF, A: patches, aOffset: p * n * CFF, lda: CFF, B: w, bOffset: p * K * CFF, ldb: CFF, transB: true, C: yp, ldc: K });
    for (let b = 0; b < n; b++) {
      for (let k = 0; k < K; k++) y[(b * K + k) * P + p] = yp[b * K + k] + (bd ? bd[k * P + p] : 0);
    }
  }
  return { output, patches };
}

/** y = locally_connected2d(input, weight, bias?) with conv2d's stride / padding / dilation. */
export function locallyConnected2d(input: Tensor, weight: Tensor, bias?: Tensor, opts: Conv2dOptions = {}): Tensor {
  return forward(input, weight, bias, opts).output;
}

export interface LocallyConnected2dGrads {
  gradInput: Tensor;
  gradWeight: Tensor;
  gradBias: Tensor;
}

/** The gradients given dL/d(output); `patches` are the forward's (gathered again when absent). */
export function locallyConnected2dBackward(
  input: Tensor,
  weight: Tensor,
  bias: Tensor | undefined,
  gradOutput: Tensor,
  opts: Conv2dOptions = {},
  needInput = true,
  saved?: Float32Array,
): LocallyConnected2dGrads {
  const g = locallyConnected2dGeometry(input.shape, weight.shape, bias?.shape, opts);
  const n = g.batch ?? 1;
  const { K } = g;
  const P = g.OH * g.OW;
  const CFF = g.C * g.FH * g.FW;
  expectShape(gradOutput, g.batch === null ? [K, g.OH, g.OW] : [n, K, g.OH, g.OW], `${OP}: grad_output`);
  checkWork(`${OP}_backward`, 2 * locallyConnected2dWork(g), SMALLER);
  const patches = saved !== undefined && saved.length === P * n * CFF ? saved : gatherPatches(g, input.data);
  const gradInput = new Tensor(input.shape);
  const gradWeight = new Tensor(weight.shape);
  const gradBias = new Tensor([K, g.OH, g.OW]);
  const dy = gradOutput.data;
  const w = weight.data;
  const gw = gradWeight.data;
  const gb = gradBias.data;
  for (let k = 0; k < K; k++) {
    for (let p = 0; p < P; p++) {
      let s = 0;
      for (let b = 0; b < n; b++) s += dy[(b * K + k) * P + p];
      gb[k * P + p] = s;
    }
  }
  // grad_weight: each position's filters saw only that position's windows (no sum over positions).
  for (let p = 0; p < P; p++) {
    for (let k = 0; k < K; k++) {
      const wr = (p * K + k) * CFF;
      for (let b = 0; b < n; b++) {
        const d = dy[(b * K + k) * P + p];
        if (d === 0) continue;
        const xr = (p * n + b) * CFF;
        for (let r = 0; r < CFF; r++) gw[wr + r] += d * patches[xr + r];
      }
    }
  }
  if (!needInput) return { gradInput, gradWeight, gradBias };
  // grad_input: each image's patch gradients in conv2d's column layout [CFF, P], then col2im.
  const inSize = g.C * g.H * g.W;
  const col = colBuffer(CFF * P);
  const acc = new Float64Array(CFF);
  for (let b = 0; b < n; b++) {
    for (let p = 0; p < P; p++) {
      acc.fill(0);
      for (let k = 0; k < K; k++) {
        const d = dy[(b * K + k) * P + p];
        if (d === 0) continue;
        const wr = (p * K + k) * CFF;
        for (let r = 0; r < CFF; r++) acc[r] += d * w[wr + r];
      }
      for (let r = 0; r < CFF; r++) col[r * P + p] = acc[r];
    }
    col2im(col, g, 0, g.OH, gradInput.data, b * inSize, P, 0);
  }
  return { gradInput, gradWeight, gradBias };
}

/** Backward() skips the input's gradient when nothing upstream wants it (the images fed to the first layer). */
function needsInput(i: Inputs): boolean {
  if (!i.input.requiresGrad && !i.weight.requiresGrad) return true;
  return i.input.requiresGrad;
}

export const localConvOps: OpDef[] = [
  {
    name: OP,
    summary: 'output = conv2d’s windows with unshared weights: every output position has its own filters and biases',
    inputs: [{ name: 'input' }, { name: 'weight' }, { name: 'bias', optional: true }],
    attrs: ['stride', 'padding', 'dilation'],
    outputs: ['output'],
    run: (i, a) => {
      expectRank(i.weight, 6, `${OP}: weight`, WEIGHT_LAYOUT);
      const r = forward(i.input, i.weight, i.bias, optsFromAttrs(a));
      return withSaved({ output: r.output }, r.patches);
    },
    vjp: ({ inputs: i, attrs, saved }, g) => {
      const r = locallyConnected2dBackward(i.input, i.weight, i.bias, g.output, optsFromAttrs(attrs), needsInput(i), saved as Float32Array | undefined);
      return { input: r.gradInput, weight: r.gradWeight, ...(i.bias ? { bias: r.gradBias } : {}) };
    },
  },
];
