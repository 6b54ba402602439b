/**
 * trainCase(case): builds the model a `nnlearn-train/1` case describes, loads its
 * parameters, trains on its batches exactly as the PyTorch loop that made the
 * reference did —
 *   for each batch: zero_grad; loss = L(model(x[batch]), y[batch]); backward;
 *                   [clip_grad_norm_]; step
 * — and returns what the format records: the loss of every step (before that
 * step's update), the gradients of step 0 (before clipping), the final
 * parameters and the trained model's outputs on the probe examples.
 */
import * as F from '../autograd/functional.js';
import { backward } from '../autograd/backward.js';
import { noGrad } from '../autograd/grad-mode.js';
import { engineError } from '../messages.js';
import { runOp } from '../run-op.js';
import { stepScope } from '../step-memory.js';
import { Sequential } from '../nn/basic.js';
import { seeded } from '../nn/init.js';
import type { Module } from '../nn/module.js';
import { Adam, AdamW } from '../optim/adam.js';
import { clipGradNorm_ } from '../optim/clip.js';
import type { Optimizer } from '../optim/optimizer.js';
import { SGD } from '../optim/sgd.js';
import { Tensor } from '../tensor.js';
import { type LayerSpec, type OptimizerSpec, type TrainCase, tensorOf, validateCase } from './case-format.js';
import { type LayerContext, LAYERS } from './layers.js';

export interface TrainResult {
  losses: Tensor;
  grads_step0: Record<string, Tensor>;
  final_params: Record<string, Tensor>;
  probe_outputs: Tensor;
}

/** The model of a case: its layers in an nn.Sequential, so parameter names are "<i>.<name>". */
export function buildModel(id: string, specs: readonly LayerSpec[], seed = 0): Sequential {
  const rng = seeded(seed);
  const build = (list: unknown, where: string): Module[] => {
    if (!Array.isArray(list) || list.length === 0) {
      throw engineError('train-field', { id, field: where, want: 'a non-empty list of layers', wantZh: '非空的层列表' });
    }
    return list.map((spec: LayerSpec, i) => {
      const at = `${where}[${i}]`;
      const make = typeof spec?.type === 'string' && Object.hasOwn(LAYERS, spec.type) ? LAYERS[spec.type] : undefined;
      if (!make) throw engineError('train-layer-unknown', { id, index: i, type: String(spec?.type), known: Object.keys(LAYERS) });
      const ctx: LayerContext = { id, where: at, rng, build };
      return make(spec, ctx);
    });
  };
  return new Sequential(build(specs, 'model'));
}

const OPTIMIZERS = ['sgd', 'adam', 'adamw'];

export function buildOptimizer(spec: OptimizerSpec, params: readonly Tensor[]): Optimizer {
  const common = { weightDecay: spec.weight_decay };
  switch (spec.type) {
    case 'sgd':
      return new SGD(params, { lr: spec.lr ?? NaN, momentum: spec.momentum, ...common });
    case 'adam':
      return new Adam(params, { lr: spec.lr, betas: spec.betas, eps: spec.eps, ...common });
    case 'adamw':
      return new AdamW(params, { lr: spec.lr, betas: spec.betas, eps: spec.eps, ...common });
    default:
      throw engineError('optim-unknown', { type: String(spec.type), known: OPTIMIZERS });
  }
}

export function lossFn(name: string): (out: Tensor, target: Tensor) => Tensor {
  if (name === 'cross_entropy') return F.crossEntropy;
  if (name === 'mse') return F.mseLoss;
  throw engineError('train-loss-unknown', { name });
}

/** The examples `idx` of a tensor with a leading example dimension (a batch; never recorded). */
export function rows(t: Tensor, idx: readonly number[]): Tensor {
  return runOp('index_select', { input: t, index: new Tensor([idx.length], idx) }, { dim: 0 }).output;
}

function copy(t: Tensor): Tensor {
  return new Tensor(t.shape, new Float32Array(t.data));
}

export function trainCase(c: TrainCase): TrainResult {
  const id = validateCase(c);
  const model = buildModel(id, c.model);
  const params = Object.fromEntries(Object.entries(c.params).map(([n, t]) => [n, tensorOf(id, `params.${n}`, t)]));
  model.loadStateDict(params);
  const named = model.namedParameters();
  const optimizer = buildOptimizer(c.optimizer, named.map(([, p]) => p));
  const loss = lossFn(c.loss);
  const inputs = tensorOf(id, 'inputs', c.inputs);
  const targets = tensorOf(id, 'targets', c.targets);
  if (targets.shape[0] !== inputs.shape[0]) {
    throw engineError('train-field', { id, field: 'targets', want: `one target per example (${inputs.shape[0]})`, wantZh: `每个样本一个目标（${inputs.shape[0]} 个）` });
  }
  const losses = new Tensor([c.batches.length]);
  let grads0: Record<string, Tensor> = {};
  model.train();
  // Each step in a stepScope: what it allocates (activations, saved buffers, gradients of
  // non-leaves) is given back when it ends; parameters, their .grad and the optimizer's state
  // carry over (under the wasm back end the first optimizer step moves the parameters and the
  // state into persistent blocks of the kernels' memory, optim/optimizer.ts).
  c.batches.forEach((batch, step) =>
    stepScope(() => {
      optimizer.zeroGrad();
      const l = loss(model.forward(rows(inputs, batch)), rows(targets, batch));
      const v = l.data[0];
      if (!Number.isFinite(v)) throw engineError('train-loss-nan', { step, loss: v });
      losses.data[step] = v;
      backward(l);
      if (step === 0) grads0 = Object.fromEntries(named.map(([n, p]) => [n, p.grad ? copy(p.grad) : new Tensor(p.shape)]));
      if (c.clip_grad_norm !== undefined) clipGradNorm_(named.map(([, p]) => p), c.clip_grad_norm);
      optimizer.step();
    }),
  );
  model.eval();
  const probe = noGrad(() => model.forward(rows(inputs, c.probe)));
  return { losses, grads_step0: grads0, final_params: model.stateDict(), probe_outputs: copy(probe) };
}
