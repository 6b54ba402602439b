/**
 * The generated sequence tasks (data/memory, adding, reverse) as a Task: the
 * model reads the whole sequence; only its outputs at the last `answerSteps`
 * steps are scored — cross entropy against the answer symbols (memory,
 * reverse) or the squared error against the sum (adding, a regression: its
 * accuracy is NaN). Accuracy counts answer symbols, so a sequence with 3 of 8
 * symbols reversed right counts 3/8: BatchLoss.correct is then fractional.
 * views().perPosition is the test accuracy per answer position as of the last
 * evaluate() (the Trainer's epoch end): scoring the whole test split at every
 * frame would slow training down.
 */
import { F, noGrad, stepScope, Tensor } from '../../engine/index.js';
import { msg, tr } from '../../i18n/index.js';
import { oneHot, type SequenceData, type SequenceSet } from '../data/sequences.js';
import { type CellKind, insideViews, SequenceNet, type SequenceNetSpec } from '../models/sequence-net.js';
import type { BatchLoss, OptimizerName, SplitScore, Task, TaskInfo, TaskViews } from '../task.js';
import { countCorrect, epochRng, shuffled } from './scores.js';

export interface SequenceTaskSettings {
  id: string;
  cell: CellKind;
  hidden: number;
  batch: number;
  epochs: number;
  lr: number;
  optimizer: OptimizerName;
  seed: number;
  /** The model's SequenceNetSpec.unrolled: one cell op per step, each hₜ kept (for reading ∂L/∂hₜ). */
  unrolled?: boolean;
  /** The Transformer's shape where it departs from the runs' default (an experiment's: no positions, one layer, one head…). */
  transformer?: Pick<SequenceNetSpec, 'positions' | 'causal' | 'layers' | 'heads'>;
}

/** Training sequences scored by evaluate() (the first ones; the whole test split is always scored). */
const EVAL_TRAIN = 250;
/** Sequences per forward pass while scoring: bounds the memory of a long gap. */
const EVAL_CHUNK = 250;

interface Scored {
  loss: number;
  /** Right answers per answer position (classification), summed over the sequences. */
  rightAt: Float64Array;
  n: number;
}

export class SequenceRunTask implements Task {
  readonly info: TaskInfo;
  readonly model: SequenceNet;
  private order: Int32Array = new Int32Array(0);
  /** Test accuracy per answer position at the last evaluate() (scoring the whole test split is too slow for every frame). */
  private lastPerPosition: number[] | undefined;
  private readonly classify: boolean;

  constructor(
    readonly data: SequenceData,
    readonly settings: SequenceTaskSettings,
    title: TaskInfo['title'],
    /** Names of the input symbols (token tasks), for the views' step labels. */
    private readonly symbolNames?: readonly string[],
  ) {
    const set = data.train;
    this.classify = set.classes > 0;
    this.model = new SequenceNet({
      cell: settings.cell,
      hidden: settings.hidden,
      input: { kind: 'features', features: set.features },
      outputs: this.classify ? set.classes : 1,
      seed: settings.seed,
      chronoSpan: set.steps,
      ...(settings.unrolled ? { unrolled: true } : {}),
      ...settings.transformer,
    });
    this.info = {
      id: settings.id,
      title,
      topic: 'sequence',
      model: `${this.model.describe()}, sequences of ${set.steps}`,
      modelName: msg(`${this.model.describe()}, sequences of ${set.steps}`, `${tr('zh', this.model.describeMsg())}，序列长 ${set.steps}`),
      ...(this.classify ? {} : { lossName: msg('mean squared error', '均方误差') }),
      parameters: this.model.parameterCount(),
      optimizer: settings.optimizer,
      lr: settings.lr,
      batch: settings.batch,
      epochs: settings.epochs,
      seed: settings.seed,
      stepsPerEpoch: Math.ceil(set.n / settings.batch),
      trainSize: set.n,
      testSize: data.test.n,
      unit: msg('sequences', '序列'),
      classNames: this.classify ? Array.from({ length: set.classes }, (_, k) => symbolNames?.[k] ?? String(k)) : undefined,
    };
  }

  startEpoch(epoch: number): number {
    this.order = shuffled(this.data.train.n, epochRng(this.settings.seed, epoch));
    return this.info.stepsPerEpoch;
  }

  /** Inputs [n, T, F] and targets [n, answerSteps] of sequences `rows` of `set`. */
  private batchOf(set: SequenceSet, rows: ArrayLike<number>): { x: Tensor; y: Tensor } {
    const { steps: T, features: Fw, answerSteps: A } = set;
    const x = new Float32Array(rows.length * T * Fw);
    const y = new Float32Array(rows.length * A);
    for (let k = 0; k < rows.length; k++) {
      const r = rows[k];
      x.set(set.inputs ? set.inputs.subarray(r * T * Fw, (r + 1) * T * Fw) : oneHot(set, r, 1), k * T * Fw);
      for (let a = 0; a < A; a++) y[k * A + a] = set.targets[r * A + a];
    }
    return { x: new Tensor([rows.length, T, Fw], x), y: new Tensor([rows.length, A], y) };
  }

  /** The outputs at the answer steps [n, A, outputs] and the loss against `y`. */
  private answer(x: Tensor, y: Tensor): { out: Tensor; loss: Tensor } {
    const T = x.shape[1];
    const A = y.shape[1];
    const out = this.model.head(F.slice(this.model.states(x), 1, T - A, T));
    const loss = this.classify ? F.crossEntropy(out, y) : F.mseLoss(F.reshape(out, y.shape), y);
    return { out, loss };
  }

  batchLoss(i: number): BatchLoss {
    const { batch } = this.settings;
    const { x, y } = this.batchOf(this.data.train, this.order.subarray(i * batch, (i + 1) * batch));
    const { out, loss } = this.answer(x, y);
    const n = x.shape[0];
    const inside = { input: x, output: out, target: y, loss: this.classify ? 'cross-entropy' : 'mse' } as const;
    if (!this.classify) return { loss, examples: n, inside };
    return { loss, examples: n, correct: countCorrect(out.data, y.data, out.shape[2]) / y.shape[1], inside };
  }

  private score(set: SequenceSet, count: number): Scored {
    const A = set.answerSteps;
    const rightAt = new Float64Array(A);
    let lossSum = 0;
    for (let from = 0; from < count; from += EVAL_CHUNK) {
      const rows = Int32Array.from({ length: Math.min(EVAL_CHUNK, count - from) }, (_, k) => from + k);
      lossSum += stepScope(() =>
        noGrad(() => {
          const { x, y } = this.batchOf(set, rows);
          const { out, loss } = this.answer(x, y);
          if (this.classify) {
            const C = out.shape[2];
            for (let r = 0; r < rows.length * A; r++) rightAt[r % A] += countCorrect(out.data.subarray(r * C, (r + 1) * C), [y.data[r]], C);
          }
          return loss.data[0] * rows.length;
        }),
      );
    }
    return { loss: lossSum / count, rightAt, n: count };
  }

  private split(s: Scored): SplitScore {
    const right = s.rightAt.reduce((a, b) => a + b, 0);
    return { loss: s.loss, accuracy: this.classify ? right / (s.n * s.rightAt.length) : NaN };
  }

  evaluate(): { train: SplitScore; test: SplitScore } {
    const { train, test } = this.data;
    const scored = this.score(test, test.n);
    if (this.classify) this.lastPerPosition = Array.from(scored.rightAt, (r) => r / scored.n);
    return { train: this.split(this.score(train, Math.min(EVAL_TRAIN, train.n))), test: this.split(scored) };
  }

  /** Labels of the steps of test sequence `row`: symbol names, or the adding problem's numbers (marked ones in brackets). */
  private tokens(set: SequenceSet, row: number): string[] {
    const { steps: T } = set;
    if (set.ids) return Array.from(set.ids.subarray(row * T, (row + 1) * T), (id) => this.symbolNames?.[id] ?? String(id));
    const v = set.inputs!;
    return Array.from({ length: T }, (_, t) => {
      const shown = v[(row * T + t) * 2].toFixed(2).replace(/^0/, '');
      return v[(row * T + t) * 2 + 1] === 1 ? `[${shown}]` : shown;
    });
  }

  views(): TaskViews {
    const test = this.data.test;
    const views: TaskViews = {};
    if (this.classify) {
      if (!this.lastPerPosition) this.evaluate();
      views.perPosition = this.lastPerPosition!.slice();
    }
    stepScope(() => {
      const { x } = this.batchOf(test, [0]);
      const tokens = this.tokens(test, 0);
      Object.assign(views, insideViews(this.model, x, tokens));
    });
    return views;
  }
}
