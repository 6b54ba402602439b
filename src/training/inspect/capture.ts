/**
 * Captures one training step opened up (types.ts), from inside the real step:
 * the Trainer runs the task's forward through probe.forward(), which records
 * each layer's output as the layer returns it (so dropout, batch statistics
 * and the batch are those of the step itself, not of a re-run); after
 * backward, probe.beforeUpdate() copies every gradient and weight; after the
 * optimizer's update, probe.finish() takes Δ = w_after − w_before. Everything
 * happens inside the step's stepScope, so every number is copied out into
 * arrays of its own before the scope frees the step's memory.
 * Only the screen's `s` asks for this: the running loop never pays for it.
 */
import { Conv2d, Linear, Sequential, type Module, type Tensor } from '../../engine/index.js';
import { SequenceNet } from '../models/sequence-net.js';
import type { BatchLoss, TaskInfo } from '../task.js';
import { MAX_ENTRIES, MAX_VALUES, type ExampleDetail, type LossDetail, type StepDetail, type TensorDetail, type UpdateDetail } from './types.js';

/** A tensor's statistics over all its numbers (float64 sums) and its first MAX_VALUES numbers in an array of its own. */
export function tensorDetail(name: string, shape: readonly number[], data: ArrayLike<number>): TensorDetail {
  const size = data.length;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < size; i++) {
    const v = data[i];
    if (v < min) min = v;
    if (v > max) max = v;
    sum += v;
    sq += v * v;
  }
  const kept = new Float32Array(Math.min(size, MAX_VALUES));
  for (let i = 0; i < kept.length; i++) kept[i] = data[i];
  return { name, shape: [...shape], size, values: kept, min: size ? min : NaN, mean: size ? sum / size : NaN, max: size ? max : NaN, norm: Math.sqrt(sq) };
}

/** The first example of a batch-first tensor: its shape without the batch axis, and its numbers (a view, copied by tensorDetail). */
function firstExample(t: Tensor): { shape: number[]; data: Float32Array } {
  const [n, ...rest] = t.shape;
  const per = n > 0 ? t.size / n : 0;
  return { shape: rest, data: t.data.subarray(0, per) };
}

/**
 * The names of a Sequential's layers: "fc1", "conv1" as layerGroups (trainer.ts) names the
 * layers with parameters, and the others the same way ("relu1", "maxpool1", "flatten1").
 */
export function layerNames(model: Sequential): string[] {
  const counts: Record<string, number> = {};
  return model.layers.map((m) => {
    const kind = m instanceof Linear || m.describe().startsWith('Linear') ? 'fc' : m instanceof Conv2d || m.describe().startsWith('Conv2d') ? 'conv' : m.describe().split('(')[0].toLowerCase().replace(/2d$/, '');
    counts[kind] = (counts[kind] ?? 0) + 1;
    return `${kind}${counts[kind]}`;
  });
}

/** The modules whose outputs the Forward page lists, in the order the forward meets them. */
function watched(model: Module): { name: string; module: Module }[] {
  if (model instanceof Sequential) {
    const names = layerNames(model);
    return model.layers.map((m, k) => ({ name: names[k], module: m }));
  }
  if (model instanceof SequenceNet) {
    const out: { name: string; module: Module | undefined }[] = [
      { name: 'embed', module: model.embed },
      { name: 'project', module: model.project },
      { name: model.spec.cell, module: model.recurrent },
      ...model.blocks.map((b, l) => ({ name: `layers.${l}`, module: b as Module })),
      { name: 'out', module: model.out },
    ];
    return out.filter((w): w is { name: string; module: Module } => w.module !== undefined);
  }
  return [];
}

/** A parameter's readable name: a Sequential's "0.weight" is "fc1.weight"; other models' paths are readable already. */
export function parameterNames(model: Module): [string, Tensor][] {
  const named = model.namedParameters();
  if (!(model instanceof Sequential)) return named;
  const names = layerNames(model);
  return named.map(([n, t]) => {
    const dot = n.indexOf('.');
    const k = Number(n.slice(0, dot));
    return [Number.isInteger(k) && names[k] ? names[k] + n.slice(dot) : n, t];
  });
}

/** Softmax of each row of `logits` (rows × classes), in float64. */
function softmaxRows(logits: ArrayLike<number>, rows: number, classes: number): Float64Array {
  const p = new Float64Array(rows * classes);
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, logits[o + c]);
    let z = 0;
    for (let c = 0; c < classes; c++) z += p[o + c] = Math.exp(logits[o + c] - m);
    for (let c = 0; c < classes; c++) p[o + c] /= z;
  }
  return p;
}

function lossDetail(b: BatchLoss, info: TaskInfo): LossDetail {
  const inside = b.inside!;
  const value = b.loss.data[0];
  const out = inside.output.data;
  const target = inside.target.data;
  if (inside.loss === 'mse') {
    let sum = 0;
    for (let k = 0; k < target.length; k++) sum += (out[k] - target[k]) ** 2;
    const d = out[0] - target[0];
    return { kind: 'mse', value, terms: target.length, mean: sum / Math.max(1, target.length), prediction: out[0], target: target[0], term: d * d };
  }
  const classes = inside.output.shape[inside.output.shape.length - 1];
  const rows = target.length;
  // −log p_y per prediction, as the engine's cross entropy (log-sum-exp around the row's max), in float64.
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let m = -Infinity;
    for (let c = 0; c < classes; c++) m = Math.max(m, out[o + c]);
    let z = 0;
    for (let c = 0; c < classes; c++) z += Math.exp(out[o + c] - m);
    sum += Math.log(z) - (out[o + target[r]] - m);
  }
  const probs = softmaxRows(out.subarray(0, classes), 1, classes);
  const y = target[0];
  const names = classNamesOf(inside.tokens, info, classes);
  return {
    kind: 'cross-entropy',
    value,
    terms: rows,
    mean: sum / Math.max(1, rows),
    target: y,
    targetName: names[y] ?? String(y),
    p: probs[y],
    term: -Math.log(probs[y]),
    probs: Float32Array.from(probs.subarray(0, MAX_VALUES)),
    classNames: names.slice(0, MAX_VALUES),
  };
}

function classNamesOf(tokens: readonly string[] | undefined, info: TaskInfo, classes: number): string[] {
  return Array.from({ length: classes }, (_, c) => tokens?.[c] ?? info.classNames?.[c] ?? String(c));
}

function exampleDetail(b: BatchLoss, info: TaskInfo): ExampleDetail {
  const inside = b.inside!;
  const x = firstExample(inside.input);
  const input = tensorDetail('input', x.shape, x.data);
  const y = firstExample(inside.target).data;
  const classes = inside.output.shape[inside.output.shape.length - 1];
  const names = classNamesOf(inside.tokens, info, classes);
  const target = inside.loss === 'mse' ? Array.from(y, (v) => String(Number(v.toFixed(4)))) : Array.from(y, (v) => names[v] ?? String(v));
  const kind = info.topic === 'digits' ? 'image' : info.topic === 'points' ? 'point' : inside.tokens && x.shape.length === 1 ? 'tokens' : 'features';
  const tokens = kind === 'tokens' ? Array.from(x.data.subarray(0, MAX_VALUES), (id) => inside.tokens![id] ?? String(id)) : undefined;
  return { kind, input, ...(tokens ? { tokens } : {}), target: target.slice(0, MAX_VALUES) };
}

export interface StepPlace {
  epoch: number;
  /** The step's number as the header counts it after the step (1 for the first). */
  step: number;
  index: number;
  batches: number;
  lr: number;
}

export class StepProbe {
  private readonly layers: TensorDetail[] = [];
  private grads: TensorDetail[] = [];
  private before: { name: string; shape: number[]; tensor: Tensor; data: Float32Array }[] = [];

  constructor(
    private readonly model: Module,
    private readonly info: TaskInfo,
  ) {}

  /** Example 0 of a layer's output, kept under `name` (in the order the forward produced them). */
  private record(name: string, y: Tensor): void {
    if (this.layers.length >= MAX_ENTRIES) return;
    const e = firstExample(y);
    this.layers.push(tensorDetail(name, e.shape, e.data));
  }

  /** Runs the step's forward (the task's batchLoss) with each watched layer's output for example 0 recorded as it comes. */
  forward(run: () => BatchLoss): BatchLoss {
    const undo: (() => void)[] = [];
    // An own property shadows the class's method for this step only; the finally below takes it away.
    const shadow = <K extends 'forward' | 'attend'>(target: object, key: K, replace: (original: (...a: never[]) => unknown) => unknown) => {
      const t = target as Record<string, unknown>;
      const own = Object.prototype.hasOwnProperty.call(t, key);
      const original = t[key] as (...a: never[]) => unknown;
      t[key] = replace(original);
      undo.push(() => {
        if (own) t[key] = original;
        else delete t[key];
      });
    };
    for (const { name, module } of watched(this.model)) {
      shadow(module, 'forward', (original) => (x: Tensor): Tensor => {
        const y = (original as (x: Tensor) => Tensor).call(module, x);
        this.record(name, y);
        return y;
      });
    }
    // A Transformer's layers: each one's attention output and weights (heads × T × T), as its attention computed them.
    if (this.model instanceof SequenceNet) {
      this.model.blocks.forEach((b, l) => {
        const attn = b.selfAttn;
        type Attend = typeof attn.attend;
        shadow(attn, 'attend', (original) => ((...args: Parameters<Attend>) => {
          const r = (original as Attend).apply(attn, args);
          this.record(`layers.${l}.attention`, r.weights);
          this.record(`layers.${l}.self_attn`, r.output);
          return r;
        }) as Attend);
      });
    }
    try {
      return run();
    } finally {
      for (const u of undo.reverse()) u();
    }
  }

  /** After backward, before the optimizer: each parameter's gradient, and a copy of its weights. */
  beforeUpdate(): void {
    for (const [name, p] of parameterNames(this.model).slice(0, MAX_ENTRIES)) {
      if (!p.grad) continue;
      this.grads.push(tensorDetail(`${name}`, p.shape, p.grad.data));
      this.before.push({ name, shape: [...p.shape], tensor: p, data: p.data.slice() });
    }
  }

  /** After the optimizer's update: Δ = w_after − w_before per parameter, and the whole step as one plain object. */
  finish(b: BatchLoss, place: StepPlace): StepDetail | undefined {
    if (!b.inside) return undefined;
    const update: UpdateDetail[] = this.before.map(({ name, shape, tensor, data: w0 }) => {
      const w1 = tensor.data;
      const delta = new Float32Array(w0.length);
      let dd = 0;
      let ww = 0;
      for (let i = 0; i < w0.length; i++) {
        const d = w1[i] - w0[i];
        delta[i] = d;
        dd += d * d;
        ww += w0[i] * w0[i];
      }
      const normDelta = Math.sqrt(dd);
      const normWeight = Math.sqrt(ww);
      return { delta: { ...tensorDetail(name, shape, delta), norm: normDelta }, normDelta, normWeight, ratio: normWeight > 0 ? normDelta / normWeight : NaN };
    });
    const loss = lossDetail(b, this.info);
    const example = exampleDetail(b, this.info);
    const forward = [example.input, ...this.layers];
    if (!this.layers.length) {
      const o = firstExample(b.inside.output);
      forward.push(tensorDetail('logits', o.shape, o.data));
    }
    if (loss.kind === 'cross-entropy') {
      const o = firstExample(b.inside.output);
      const classes = o.shape[o.shape.length - 1];
      forward.push(tensorDetail('softmax', o.shape, softmaxRows(o.data, o.data.length / classes, classes)));
    }
    const i = this.info;
    return {
      run: { id: i.id, topic: i.topic, model: i.model, optimizer: i.optimizer, lr: place.lr },
      batch: { epoch: place.epoch, step: place.step, index: place.index, batches: place.batches, size: b.inside.input.shape[0] },
      example,
      forward: forward.slice(0, MAX_ENTRIES),
      loss,
      grads: this.grads,
      update,
    };
  }
}
