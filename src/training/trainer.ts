/**
 * The Trainer: drives any Task one optimizer step at a time (the worker thread
 * and the plain printer call step() in a loop; the screen calls views() between
 * steps). One step = zeroGrad, the task's batch loss, backward, per-layer gradient
 * norms, the optimizer's update — all inside stepScope, so under the wasm back end
 * a long run reuses the same memory; only numbers leave the scope. After an
 * epoch's last batch the task scores both splits (outside the scope, no graph)
 * and the epoch's row (the --json object) is kept in history.
 */
import { Adam, backward, clipGradNorm_, noGrad, SGD, stepScope, type Module, type Optimizer, type Tensor } from '../engine/index.js';
import { StepProbe } from './inspect/capture.js';
import type { JsonValue } from './json-value.js';
import { layerNames, layerPrefix } from './layer-names.js';
import type { Prediction } from './tasks/digit-predict.js';
import type { EpochRow, LayerGrad, StepOptions, StepReport, Task, TaskInfo, TaskViews, TrainerApi } from './task.js';

/** The loss curve keeps the most recent steps only: a long run must not grow without end. */
export const MAX_STEP_LOSSES = 10_000;
/** A plain step's report carries no detail (one shared empty object: the running loop allocates nothing for the inspector). */
const NO_DETAIL = {};
/** examples/s is measured over this many recent steps (smooth, yet follows a change of speed). */
const SPEED_WINDOW = 20;

export interface TrainerOptions {
  /** Milliseconds from some fixed origin (performance.now by default); tests inject their own. */
  clock?: () => number;
  /** clip_grad_norm_ to this total norm before every update (an experiment's clipped run); none by default. */
  clipNorm?: number;
}

/** A readable name per parameter group: "fc1", "conv2" for the layers of a Sequential, else the module path ("lstm", "head"). */
export function layerGroups(model: Module): { layer: string; params: Tensor[] }[] {
  const names = layerNames(model);
  const groups = new Map<string, { layer: string; params: Tensor[] }>();
  for (const [name, t] of model.namedParameters()) {
    const prefix = layerPrefix(name);
    let g = groups.get(prefix);
    if (!g) groups.set(prefix, (g = { layer: names.get(prefix)!, params: [] }));
    g.params.push(t);
  }
  return [...groups.values()];
}

function makeOptimizer(info: TaskInfo, params: Tensor[]): Optimizer {
  switch (info.optimizer) {
    case 'sgd':
      return new SGD(params, { lr: info.lr });
    case 'momentum':
      return new SGD(params, { lr: info.lr, momentum: 0.9 });
    case 'adam':
      return new Adam(params, { lr: info.lr });
  }
}

/** √(Σ g²) over a layer's gradients, summed in float64. */
function gradNorm(params: readonly Tensor[]): number {
  let s = 0;
  for (const p of params) {
    if (!p.grad) continue;
    const g = p.grad.data;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  }
  return Math.sqrt(s);
}

export class Trainer implements TrainerApi {
  readonly info: TaskInfo;
  readonly history: EpochRow[] = [];
  readonly stepLosses: number[] = [];
  epoch = 1;
  stepsDone = 0;
  stepInEpoch = 0;
  done = false;
  private currentLr: number;
  private readonly optimizer: Optimizer;
  private readonly groups: { layer: string; params: Tensor[] }[];
  private readonly clock: () => number;
  private readonly clipNorm: number | undefined;
  private batches: number;
  private last: { loss: number; grads: LayerGrad[] } = { loss: NaN, grads: [] };
  /** The recent steps' examples and milliseconds, for examples/s. */
  private readonly recent: { examples: number; ms: number }[] = [];

  constructor(
    private readonly task: Task,
    opts: TrainerOptions = {},
  ) {
    this.info = task.info;
    this.currentLr = task.info.lr;
    this.clock = opts.clock ?? (() => performance.now());
    this.clipNorm = opts.clipNorm;
    this.groups = layerGroups(task.model);
    this.optimizer = makeOptimizer(task.info, task.model.parameters());
    this.batches = task.startEpoch(1);
  }

  get model(): Module {
    return this.task.model;
  }

  get lr(): number {
    return this.currentLr;
  }

  setLr(lr: number): void {
    if (!Number.isFinite(lr) || lr <= 0) throw new RangeError(`setLr: the learning rate must be a positive number, got ${lr}`);
    this.currentLr = lr;
  }

  get examplesPerSecond(): number {
    let examples = 0;
    let ms = 0;
    for (const r of this.recent) {
      examples += r.examples;
      ms += r.ms;
    }
    return ms > 0 ? (examples * 1000) / ms : 0;
  }

  step(opts?: StepOptions): StepReport {
    if (this.done) return { ...this.last, done: true };
    // The optimizers read their lr at each update; it is readonly only to keep students' code from changing it mid-step.
    (this.optimizer as unknown as { lr: number }).lr = this.currentLr;
    const model = this.task.model;
    const t0 = this.clock();
    // `s` on the screen opens the step up (inspect/): the probe records inside this very step; without it nothing extra runs.
    const probe = opts?.inspect ? new StepProbe(model, this.info) : null;
    const place = probe && { epoch: this.epoch, step: this.stepsDone + 1, index: this.stepInEpoch, batches: this.batches, lr: this.currentLr };
    const r = stepScope(() => {
      this.optimizer.zeroGrad();
      const b = probe ? probe.forward(() => this.task.batchLoss(this.stepInEpoch)) : this.task.batchLoss(this.stepInEpoch);
      backward(b.loss);
      // A task that records gradients of its insides (∂L/∂hₜ) reads them here, before the step's scope frees them.
      this.task.afterBackward?.();
      // The norms before clipping: the screen shows what backward produced.
      const grads = this.groups.map((g) => ({ layer: g.layer, norm: gradNorm(g.params) }));
      if (this.clipNorm !== undefined) clipGradNorm_(model.parameters(), this.clipNorm);
      probe?.beforeUpdate();
      this.optimizer.step();
      return { loss: b.loss.data[0], examples: b.examples, grads, detail: place ? probe?.finish(b, place) : undefined };
    });
    this.recent.push({ examples: r.examples, ms: this.clock() - t0 });
    if (this.recent.length > SPEED_WINDOW) this.recent.shift();
    this.last = { loss: r.loss, grads: r.grads };
    this.stepLosses.push(r.loss);
    if (this.stepLosses.length > MAX_STEP_LOSSES) this.stepLosses.splice(0, this.stepLosses.length - MAX_STEP_LOSSES);
    this.stepsDone++;
    this.stepInEpoch++;
    const detail = r.detail ? { detail: r.detail } : NO_DETAIL;
    if (this.stepInEpoch < this.batches) return { ...this.last, done: false, ...detail };

    model.eval();
    const scores = noGrad(() => this.task.evaluate());
    model.train();
    const row: EpochRow = {
      epoch: this.epoch,
      step: this.stepsDone,
      loss: scores.train.loss,
      accuracy: scores.train.accuracy,
      test_loss: scores.test.loss,
      test_accuracy: scores.test.accuracy,
      lr: this.currentLr,
      examples_per_second: this.examplesPerSecond,
    };
    this.history.push(row);
    if (this.epoch >= this.info.epochs) {
      this.done = true;
    } else {
      this.epoch++;
      this.stepInEpoch = 0;
      this.batches = this.task.startEpoch(this.epoch);
    }
    return { ...this.last, epochEnded: row, done: this.done, ...detail };
  }

  predict(pixels: Uint8Array): Prediction | undefined {
    if (!this.task.predict) return undefined;
    const model = this.task.model;
    model.eval();
    try {
      return noGrad(() => this.task.predict!(pixels));
    } finally {
      model.train();
    }
  }

  savedExtra(): JsonValue | null {
    return this.task.savedExtra?.() ?? null;
  }

  views(): TaskViews {
    const model = this.task.model;
    model.eval();
    try {
      return noGrad(() => this.task.views());
    } finally {
      model.train();
    }
  }
}
