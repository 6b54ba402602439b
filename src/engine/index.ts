/**
 * nnlearn/engine — the public surface of the tensor engine.
 * No UI and no I/O: tensors, ops (forward and backward), the conv/pool size
 * rule (numbers and issue codes), and runOp over the explicit registry.
 */
export { Tensor, type Nested } from './tensor.js';
export { stepScope, stepMemoryStats, type StepMemoryStats } from './step-memory.js';
export { EngineError, fmtShape } from './errors.js';
export { MAX_RANK, WORK_COST, checkShape, checkWork, getElementBudget, setElementBudget, getWorkBudget, setWorkBudget } from './budget.js';
export type { Attrs, AttrValue } from './attrs.js';
export type { Inputs, Outputs, OpDef } from './registry.js';
export { runOp, listOps, hasOp } from './run-op.js';
export { checkGolden, checkCase, parseGoldenFile, type GoldenCase, type GoldenReport, type GoldenFailure } from './golden.js';
export { gemm, gemmBackend, setGemmBackend, type GemmArgs } from './gemm.js';
export { engineChoice, type GemmBackend } from './backend-choice.js';
export * from './ops/activations.js';
export * from './random.js';
export * from './ops/softmax.js';
export * from './ops/norm.js';
export * from './ops/linear.js';
export * from './ops/conv.js';
export * from './ops/local-conv.js';
export * from './ops/pool.js';
export * from './ops/recurrent.js';
export * from './ops/clip.js';
export * from './ops/attention.js';
export * from './ops/posenc.js';
export {
  axisSize,
  convSize,
  convSizeOrThrow,
  poolSize,
  poolSizeOrThrow,
  ShapeRuleError,
  MAX_SHAPE_VALUE,
  type AxisSize,
  type ConvShapeOptions,
  type ConvSize,
  type ConvSizeOk,
  type LocalizedText,
  type PoolKind,
  type PoolShapeOptions,
  type PoolSize,
  type PoolSizeOk,
  type Rounding,
  type Size2,
  type SizeIssue,
  type SizeIssueCode,
  type SizeRefused,
  type SpatialAxis,
} from './size-rule.js';

// Training: autograd, layers, losses, optimizers, PyTorch training runs.
export { backward } from './autograd/backward.js';
export { isGradEnabled, noGrad } from './autograd/grad-mode.js';
export * as F from './autograd/functional.js';
export { checkGraph, checkOpGradients, type GradCheckResult } from './autograd/gradcheck.js';
export * from './nn/index.js';
export { Optimizer } from './optim/optimizer.js';
export { SGD, type SgdOptions } from './optim/sgd.js';
export { Adam, AdamW, type AdamOptions } from './optim/adam.js';
export { clipGradNorm_ } from './optim/clip.js';
export { trainCase, buildModel, type TrainResult } from './train/train-case.js';
export { parseTrainFile, type TrainCase, type LayerSpec } from './train/case-format.js';
export { checkTrainCase, checkTrainGolden } from './train/check.js';
export { checkGoldenText } from './golden-file.js';
