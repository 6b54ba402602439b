/**
 * The contract between a kind of training (2D points, digits, text, sequence
 * tasks) and everything that drives or draws it. A Task owns its model, data
 * and loss; the Trainer (trainer.ts) runs any Task step by step; the worker
 * thread, the plain/--json printer and the Ink screen only see what is typed
 * here. Views are plain numbers and strings (no engine tensors): they cross a
 * worker boundary by structured clone and must survive it unchanged.
 */
import type { Module, Tensor } from '../engine/index.js';
import type { Lang, Msg } from '../i18n/index.js';
import type { Prediction } from './tasks/digit-predict.js';
import type { StepDetail } from './inspect/types.js';
import type { ActivationName, OptimizerName, Topic } from './kinds.js';

export type { ActivationName, OptimizerName, Topic } from './kinds.js';
import type { JsonValue } from './json-value.js';


/**
 * Everything a student may set (`nnlearn train ID --lr 0.1 …`, the REPL's
 * `train` words). Each field is checked by runs/options.ts before a Task sees it;
 * a run fills in the ones left out from its defaults.
 */
export interface TrainOptions {
  /** The REPL's chain grammar: '2 | fc 8 | tanh | fc 8 | tanh | fc 2'. */
  net?: string;
  lr?: number;
  optimizer?: OptimizerName;
  batch?: number;
  epochs?: number;
  seed?: number;
  /** 2D sets: how far points stray (0 = on the pattern). */
  noise?: number;
  /** Fraction of the data held out for testing, in (0, 1). */
  testSplit?: number;
  /** The hidden layers' activation when --net is not given. */
  activation?: ActivationName;
  /** 2D sets: how many points are drawn, and how many classes (2–5). */
  points?: number;
  classes?: number;
  /** --data file.csv: the student's own points. */
  data?: string;
  /** --text FILE: the student's own corpus for a character model. */
  text?: string;
  /** Text and sequence runs: the recurrent cell or the Transformer, and its width. */
  cell?: 'rnn' | 'lstm' | 'transformer';
  hidden?: number;
  /** Sequence runs: the length T (the gap of the memory task); text runs: the characters in one training window. */
  length?: number;
  /** The student's language: the default corpus of a text run is the lessons in it (the CLI fills it in; default English). */
  lang?: Lang;
}

/** A run's settings after defaults and checks: what the header shows and the summary reports. */
export interface TaskInfo {
  /** The run's id: "spiral", "digits-lenet", "text-lstm", "memory-lstm" … */
  id: string;
  title: Msg;
  topic: Topic;
  /** The model as one line: "2 → fc 8 → tanh → fc 8 → tanh → fc 2", "LeNet-5", "char-LSTM, hidden 128". */
  model: string;
  /** The same line in the student's language, where it has words to translate ("LSTM，隐藏 64，序列长 50"). */
  modelName?: Msg;
  /** What the loss is, where a run has no accuracy to show beside it (the adding problem: mean squared error). */
  lossName?: Msg;
  parameters: number;
  optimizer: OptimizerName;
  lr: number;
  batch: number;
  epochs: number;
  seed: number;
  /** Optimizer steps in one epoch (the training set over the batch size, rounded up). */
  stepsPerEpoch: number;
  trainSize: number;
  testSize: number;
  /** What one example is called in "examples/s": points, images, characters, sequences. */
  unit: Msg;
  /** Classification runs: what each class index stands for. */
  classNames?: readonly string[];
}

/** One batch's work inside a training step: the loss to back-propagate, and how many it got right. */
export interface BatchLoss {
  loss: Tensor;
  /** Examples in the batch (the unit of examples/s: characters for text). */
  examples: number;
  /** Correct predictions among `examples`, where accuracy means something. */
  correct?: number;
  /** The tensors of this forward, for the step inspector (training/inspect): references only, no copies. */
  inside?: BatchInside;
}

/** What a batch's forward read and gave: the inspector explains the loss with them (batch-first tensors). */
export interface BatchInside {
  input: Tensor;
  /** What the loss read: logits (classes last) or the regression's outputs. */
  output: Tensor;
  target: Tensor;
  loss: 'cross-entropy' | 'mse';
  /** Names of the token ids of the input and of the classes, where they are tokens (a text run's characters). */
  tokens?: readonly string[];
}

/** Loss and accuracy over a whole split, computed without recording a graph. */
export interface SplitScore {
  loss: number;
  /** NaN where accuracy means nothing (the adding problem's regression). */
  accuracy: number;
}

/** What a kind of training provides. Built by a run from checked options; one per run (reset builds another). */
export interface Task {
  readonly info: TaskInfo;
  readonly model: Module;
  /** Start an epoch: shuffle (from the task's own seeded generator) and return how many batches it has. */
  startEpoch(epoch: number): number;
  /** Batch i of the current epoch, forward through the model to its loss (called inside stepScope). */
  batchLoss(i: number): BatchLoss;
  /**
   * Called inside each step after backward and before the update: a task that records the
   * gradient of its insides (the vanishing-gradient experiment's ‖∂L/∂hₜ‖) reads it here.
   */
  afterBackward?(): void;
  /** Scores on the training and test splits (a fixed subset of each where the full split is slow). */
  evaluate(): { train: SplitScore; test: SplitScore };
  /** The task's own figures at this moment (called between steps, never inside one). */
  views(): TaskViews;
  /** Digits: the model's answer for one drawn 28×28 grey image (0–255), in eval mode with no graph. */
  predict?(pixels: Uint8Array): Prediction;
  /** What a saved model needs besides its weights to be used again (a text model's characters); none when absent. */
  savedExtra?(): JsonValue;
}

/** One epoch's line: exactly the `--json` object's fields. */
export interface EpochRow {
  epoch: number;
  step: number;
  loss: number;
  accuracy: number;
  test_loss: number;
  test_accuracy: number;
  lr: number;
  examples_per_second: number;
}

/** The gradient norm of one layer's parameters after a step (weights and bias together). */
export interface LayerGrad {
  layer: string;
  norm: number;
}

/** The figures a task can show. Every field optional: a task fills in what it has. */
export interface TaskViews {
  /** 2D points: the predicted class over a res×res grid of [−1,1]², row 0 at y = +1 (the top). */
  boundary?: {
    res: number;
    classes: number;
    /** res*res predicted classes, row-major. */
    predicted: Uint8Array;
    /** res*res probabilities of the predicted class, in [0, 1]. */
    confidence: Float32Array;
  };
  /** 2D points: the points themselves (x, y interleaved; labels by class). */
  points?: { train: { xy: Float32Array; labels: Uint8Array }; test: { xy: Float32Array; labels: Uint8Array } };
  /** 2D points: each hidden neuron's activation over the same grid (as the Playground's small squares). */
  neurons?: { layer: string; res: number; units: Float32Array[] }[];
  /** Digits: the first conv layer's filters, each size×size. */
  filters?: { size: number; weights: Float32Array[] };
  /** Digits: one test digit and the first conv layer's feature maps of it. */
  featureMaps?: { pixels: Uint8Array; side: number; label: number; mapSide: number; maps: Float32Array[] };
  /** Classification: counts[true][predicted] over the test split. */
  confusion?: { classNames: readonly string[]; counts: number[][] };
  /** Digits: test images it gets wrong (28×28 grey levels 0–255). */
  wrong?: { pixels: Uint8Array; side: number; label: number; predicted: number; confidence: number }[];
  /** Text: a sample generated from the model as it is now. */
  sample?: { prompt: string; text: string };
  /** LSTM: each gate's mean activation per time step of one sequence, in [0, 1]; tokens label the steps. */
  gates?: { tokens: string[]; gates: { name: 'input' | 'forget' | 'output'; values: Float32Array }[] };
  /** Transformer: each head's attention weights [T×T] (rows are queries) for one sequence. */
  attention?: { tokens: string[]; heads: Float32Array[] };
  /** Sequence tasks: test accuracy at each output position. */
  perPosition?: number[];
}

/** What one optimizer step reports. */
export interface StepReport {
  /** The batch's loss before the update. */
  loss: number;
  /** Per-layer gradient norms of this step, first layer first. */
  grads: LayerGrad[];
  /** Set when this step finished an epoch: that epoch's line (after evaluating both splits). */
  epochEnded?: EpochRow;
  /** True once the last epoch has ended (further steps do nothing and return the last loss). */
  done: boolean;
  /** Asked for with { inspect: true }: the step's batch, forward values, loss, gradients and update. */
  detail?: StepDetail;
}

export interface StepOptions {
  /** Capture the step's insides (copies every gradient and weight: the screen's `s` only, never the running loop). */
  inspect?: boolean;
}

/**
 * Drives any Task (trainer.ts implements it): the worker thread and the plain
 * printer call step() in a loop; the screen asks for views() between steps.
 */
export interface TrainerApi {
  readonly info: TaskInfo;
  /** The task's model (saved and loaded by --save / --load). */
  readonly model: Module;
  readonly lr: number;
  /** Changes the optimizer's learning rate from the next step on (the screen's ×2 / ÷2 keys). */
  setLr(lr: number): void;
  /** One optimizer step; with `inspect` it also reports the step opened up (training/inspect), at a cost. */
  step(opts?: StepOptions): StepReport;
  readonly done: boolean;
  /** 1-based epoch now running (or the last, once done) and the step counts. */
  readonly epoch: number;
  readonly stepsDone: number;
  readonly stepInEpoch: number;
  /** The finished epochs' lines, in order. */
  readonly history: readonly EpochRow[];
  /** The training loss of every step so far (the screen's loss curve), at most the last 10,000. */
  readonly stepLosses: readonly number[];
  /** Examples per second over the recent steps (the clock is injected, so tests can fix it). */
  readonly examplesPerSecond: number;
  views(): TaskViews;
  /** Digits runs: the model's answer for a drawn digit (the draw-a-digit canvas); undefined where the task has none. */
  predict?(pixels: Uint8Array): Prediction | undefined;
  /** The task's savedExtra (saved with the weights by --save); null when it needs nothing. */
  savedExtra?(): JsonValue | null;
}
