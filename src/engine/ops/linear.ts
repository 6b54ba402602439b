/**
 * Fully connected layer (PyTorch's nn.Linear) and plain 2-D matrix product,
 * both on the blocked GEMM.
 *
 *   linear:   output[N, out] = input[N, in] · weightᵀ + bias      (weight is [out, in])
 *   backward: grad_input  = dY · W            [N, in]
 *             grad_weight = dYᵀ · input       [out, in]   (summed over the N rows)
 *             grad_bias   = Σ_rows dY         [out]
 *
 * The input may be a single vector [in] (output [out]) or have any number of
 * leading dimensions [..., in] (output [..., out]), as in PyTorch.
 */
import { checkWork, WORK_COST } from '../budget.js';
import { engineError } from '../messages.js';
import { gemm } from '../gemm.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';

export interface LinearGrads {
  gradInput: Tensor;
  gradWeight: Tensor;
  /** Σ of grad_output over the rows (returned even when the forward had no bias). */
  gradBias: Tensor;
}

interface LinearDims {
  rows: number;
  inF: number;
  outF: number;
  outShape: number[];
}

function linearDims(input: Tensor, weight: Tensor, bias: Tensor | undefined, op: string): LinearDims {
  if (weight.rank !== 2) {
    throw engineError('linear-weight-rank', { op, shape: weight.shape });
  }
  const [outF, inF] = weight.shape;
  if (input.rank < 1) {
    throw engineError('linear-input-scalar', { op, inF });
  }
  const last = input.shape[input.rank - 1];
  if (last !== inF) {
    throw engineError('linear-features', { op, last, inputShape: input.shape, weightShape: weight.shape, inF, outF });
  }
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== outF)) {
    throw engineError('linear-bias', { op, outF, shape: bias.shape });
  }
  const rows = input.size / inF;
  return { rows, inF, outF, outShape: [...input.shape.slice(0, -1), outF] };
}

const LINEAR_SMALLER = { en: 'use fewer rows or fewer input/output features', zh: '使用更少的行或更少的输入/输出特征' };

/** Work units of linear: rows·in·out multiply-adds (the backward pass does two such GEMMs). */
export function linearWork(rows: number, inF: number, outF: number): number {
  return rows * inF * outF * WORK_COST.gemm;
}

/** output = input · weightᵀ + bias, for input [in], [N, in] or [..., in]. */
export function linear(input: Tensor, weight: Tensor, bias?: Tensor): Tensor {
  const { rows, inF, outF, outShape } = linearDims(input, weight, bias, 'linear');
  checkWork('linear', linearWork(rows, inF, outF), LINEAR_SMALLER);
  const out = new Tensor(outShape);
  const y = out.data;
  gemm({ M: rows, N: outF, K: inF, A: input.data, lda: inF, B: weight.data, ldb: inF, transB: true, C: y, ldc: outF });
  if (bias) {
    const b = bias.data;
    for (let r = 0; r < rows; r++) {
      const o = r * outF;
      for (let j = 0; j < outF; j++) y[o + j] += b[j];
    }
  }
  return out;
}

/** Gradients of linear given dL/d(output) (same shape as the output). */
export function linearBackward(input: Tensor, weight: Tensor, bias: Tensor | undefined, gradOutput: Tensor): LinearGrads {
  const { rows, inF, outF, outShape } = linearDims(input, weight, bias, 'linear_backward');
  if (gradOutput.rank !== outShape.length || outShape.some((n, i) => n !== gradOutput.shape[i])) {
    throw engineError('linear-grad-mismatch', { want: outShape, got: gradOutput.shape });
  }
  checkWork('linear_backward', 2 * linearWork(rows, inF, outF), LINEAR_SMALLER);
  const dy = gradOutput.data;
  const gradInput = new Tensor(input.shape);
  const gradWeight = new Tensor(weight.shape);
  const gradBias = new Tensor([outF]);
  // dX[rows, in] = dY[rows, out] · W[out, in]
  gemm({ M: rows, N: inF, K: outF, A: dy, lda: outF, B: weight.data, ldb: inF, C: gradInput.data, ldc: inF });
  // dW[out, in] = dYᵀ · X: every row (sample) used the same weights, so their contributions add up.
  gemm({ M: outF, N: inF, K: rows, A: dy, lda: outF, transA: true, B: input.data, ldb: inF, C: gradWeight.data, ldc: inF });
  const gb = gradBias.data;
  for (let r = 0; r < rows; r++) {
    const o = r * outF;
    for (let j = 0; j < outF; j++) gb[j] += dy[o + j];
  }
  return { gradInput, gradWeight, gradBias };
}

/** Matrix product of two 2-D tensors: [M, K] · [K, N] → [M, N]. */
export function matmul(a: Tensor, b: Tensor): Tensor {
  for (const [which, t] of [['first', a], ['second', b]] as const) {
    if (t.rank !== 2) throw engineError('matmul-rank', { which, shape: t.shape });
  }
  const [M, K] = a.shape;
  const [K2, N] = b.shape;
  if (K !== K2) {
    throw engineError('matmul-inner', { a: a.shape, b: b.shape });
  }
  checkWork('matmul', M * N * K * WORK_COST.gemm, { en: 'use smaller matrices', zh: '使用更小的矩阵' });
  const out = new Tensor([M, N]);
  gemm({ M, N, K, A: a.data, lda: K, B: b.data, ldb: N, C: out.data, ldc: N });
  return out;
}

export const linearOps: OpDef[] = [
  {
    name: 'linear',
    summary: 'output = input · weightᵀ + bias (fully connected layer)',
    inputs: [{ name: 'input' }, { name: 'weight' }, { name: 'bias', optional: true }],
    attrs: [],
    outputs: ['output'],
    run: (i) => ({ output: linear(i.input, i.weight, i.bias) }),
    vjp: ({ inputs: i }, { output: g }) => {
      const r = linearBackward(i.input, i.weight, i.bias, g);
      return { input: r.gradInput, weight: r.gradWeight, bias: i.bias ? r.gradBias : undefined };
    },
  },
  {
    name: 'linear_backward',
    summary: 'gradients of linear: grad_input = dY·W, grad_weight = dYᵀ·input, grad_bias = Σ dY',
    inputs: [{ name: 'input' }, { name: 'weight' }, { name: 'bias', optional: true }, { name: 'grad_output' }],
    attrs: [],
    outputs: ['grad_input', 'grad_weight', 'grad_bias'],
    run: (i) => {
      const r = linearBackward(i.input, i.weight, i.bias, i.grad_output);
      return { grad_input: r.gradInput, grad_weight: r.gradWeight, grad_bias: r.gradBias };
    },
  },
];
