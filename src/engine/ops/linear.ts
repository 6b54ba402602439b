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
import { EngineError, fmtShape } from '../errors.js';
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
    throw new EngineError(
      `${op}: the weight should be a matrix [out_features, in_features] but has shape ${fmtShape(weight.shape)}.`,
      `${op}：权重应为矩阵 [out_features, in_features]，但它的形状是 ${fmtShape(weight.shape)}。`,
    );
  }
  const [outF, inF] = weight.shape;
  if (input.rank < 1) {
    throw new EngineError(
      `${op}: the input should be a vector [${inF}] or rows [N, ${inF}], not a single number.`,
      `${op}：输入应为向量 [${inF}] 或多行 [N, ${inF}]，不能是单个数。`,
    );
  }
  const last = input.shape[input.rank - 1];
  if (last !== inF) {
    throw new EngineError(
      `${op}: the input has ${last} feature${last === 1 ? '' : 's'} (last dimension of ${fmtShape(input.shape)}) but the weight ${fmtShape(weight.shape)} ` +
        `expects ${inF} (its second dimension, in_features). The weight of a layer from ${inF} to ${outF} features has shape [${outF}, ${inF}].`,
      `${op}：输入有 ${last} 个特征（${fmtShape(input.shape)} 的最后一维），但权重 ${fmtShape(weight.shape)} 期望 ${inF} 个（它的第二维 in_features）。` +
        `从 ${inF} 个特征到 ${outF} 个特征的层，权重形状为 [${outF}, ${inF}]。`,
    );
  }
  if (bias !== undefined && (bias.rank !== 1 || bias.shape[0] !== outF)) {
    throw new EngineError(
      `${op}: the bias should hold one number per output feature, shape [${outF}], but it has shape ${fmtShape(bias.shape)}.`,
      `${op}：偏置应为每个输出特征一个数，形状 [${outF}]，但它的形状是 ${fmtShape(bias.shape)}。`,
    );
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
    throw new EngineError(
      `linear_backward: grad_output should have the output's shape ${fmtShape(outShape)} but has shape ${fmtShape(gradOutput.shape)}.`,
      `linear_backward：grad_output 应与输出的形状 ${fmtShape(outShape)} 相同，但它的形状是 ${fmtShape(gradOutput.shape)}。`,
    );
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
  for (const [which, zh, t] of [['first', '一', a], ['second', '二', b]] as const) {
    if (t.rank !== 2) {
      throw new EngineError(
        `matmul multiplies two matrices (2 dimensions each); the ${which} operand has shape ${fmtShape(t.shape)} (${t.rank} dimension${t.rank === 1 ? '' : 's'}).`,
        `matmul 只能相乘两个矩阵（各 2 维）；第${zh}个操作数的形状是 ${fmtShape(t.shape)}（${t.rank} 维）。`,
      );
    }
  }
  const [M, K] = a.shape;
  const [K2, N] = b.shape;
  if (K !== K2) {
    throw new EngineError(
      `matmul: the inner sizes do not match: ${fmtShape(a.shape)} · ${fmtShape(b.shape)}. ` +
        `The first matrix has ${K} column${K === 1 ? '' : 's'} but the second has ${K2} row${K2 === 1 ? '' : 's'}; for A·B they must be equal (result [${M}, ${N}]).`,
      `matmul：内侧维度不匹配：${fmtShape(a.shape)} · ${fmtShape(b.shape)}。第一个矩阵有 ${K} 列，第二个有 ${K2} 行；A·B 要求二者相等（结果为 [${M}, ${N}]）。`,
    );
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
