/**
 * The `nnlearn-train/1` format (TRAIN-FORMAT.md, summarised in tests/fixtures/README.md):
 * a model as a list of layers, its initial parameters, the data, the loss, the
 * optimizer, the batches of every step and — in reference files — what PyTorch
 * produced. Parsing checks the top level and every field a run needs, so a bad
 * file is refused with a message naming the case and the field.
 */
import { casesOf } from '../golden.js';
import { engineError } from '../messages.js';
import { Tensor } from '../tensor.js';

export interface TensorJson {
  shape: number[];
  data: number[];
}

export interface LayerSpec {
  type: string;
  [field: string]: unknown;
}

export interface OptimizerSpec {
  type: string;
  lr?: number;
  momentum?: number;
  weight_decay?: number;
  betas?: [number, number];
  eps?: number;
}

export interface TrainCase {
  id: string;
  model: LayerSpec[];
  params: Record<string, TensorJson>;
  inputs: TensorJson;
  targets: TensorJson;
  loss: string;
  optimizer: OptimizerSpec;
  clip_grad_norm?: number;
  batches: number[][];
  probe: number[];
  expected?: TrainExpected;
  atol?: number;
  rtol?: number;
  seed?: number;
  note?: string;
}

export interface TrainExpected {
  losses: TensorJson;
  grads_step0: Record<string, TensorJson>;
  final_params: Record<string, TensorJson>;
  probe_outputs: TensorJson;
}

export function parseTrainFile(text: string): TrainCase[] {
  return casesOf(text, 'nnlearn-train/1', 'train-bad-format') as TrainCase[];
}

function field(id: string, name: string, want: string, wantZh: string): never {
  throw engineError('train-field', { id, field: name, want, wantZh });
}

export function isTensorJson(v: unknown): v is TensorJson {
  const t = v as TensorJson;
  return !!t && typeof t === 'object' && Array.isArray(t.shape) && Array.isArray(t.data);
}

/** A format tensor as an engine tensor (shape and data checked by the Tensor constructor). */
export function tensorOf(id: string, name: string, v: unknown): Tensor {
  if (!isTensorJson(v)) field(id, name, 'a tensor {"shape":[…],"data":[…]}', '张量 {"shape":[…],"data":[…]}');
  return new Tensor(v.shape, v.data);
}

/** Checks the fields a run needs (not `expected`); returns the case's id for messages. */
export function validateCase(c: TrainCase): string {
  const id = typeof c?.id === 'string' ? c.id : '(no id)';
  if (!c || typeof c !== 'object') field(id, 'case', 'an object', '对象');
  if (!Array.isArray(c.model) || c.model.length === 0) field(id, 'model', 'a non-empty list of layers', '非空的层列表');
  c.model.forEach((l, i) => {
    if (!l || typeof l !== 'object' || typeof l.type !== 'string') field(id, `model[${i}].type`, 'a layer type name', '层类型名');
  });
  if (!c.params || typeof c.params !== 'object') field(id, 'params', 'an object of tensors by parameter name', '按参数名排列的张量对象');
  if (!isTensorJson(c.inputs) || c.inputs.shape.length < 1) field(id, 'inputs', 'a tensor with a leading example dimension', '第一维为样本的张量');
  if (!isTensorJson(c.targets)) field(id, 'targets', 'a tensor', '张量');
  if (typeof c.loss !== 'string') field(id, 'loss', '"cross_entropy" or "mse"', '"cross_entropy" 或 "mse"');
  if (!c.optimizer || typeof c.optimizer !== 'object' || typeof c.optimizer.type !== 'string') {
    field(id, 'optimizer', 'an object with a "type"', '带 "type" 的对象');
  }
  if (c.clip_grad_norm !== undefined && (typeof c.clip_grad_norm !== 'number' || !(c.clip_grad_norm >= 0))) {
    field(id, 'clip_grad_norm', 'a number ≥ 0', '≥ 0 的数');
  }
  const n = c.inputs.shape[0];
  const indexList = (name: string, list: unknown, step: number): void => {
    if (!Array.isArray(list) || list.length === 0) field(id, name, 'a non-empty list of example indices', '非空的样本索引列表');
    for (const k of list) {
      if (!Number.isInteger(k) || k < 0 || k >= n) throw engineError('train-batch-index', { id, step, index: k, n });
    }
  };
  if (!Array.isArray(c.batches)) field(id, 'batches', 'a list of batches (lists of example indices)', '批次列表（样本索引列表）');
  c.batches.forEach((b, k) => indexList(`batches[${k}]`, b, k));
  indexList('probe', c.probe, -1);
  return id;
}
