/**
 * The plain shapes the training screen's figures draw. They mirror the fields
 * of src/training/task.ts (TaskViews, EpochRow, LayerGrad) structurally, so a
 * task's views can be passed in as they are, but the view layer sits below the
 * training code and must not import it. Every figure is a pure function
 * (data, width, options) → lines, each no wider than `width` columns.
 */
import type { Lang, Msg } from '../../i18n/index.js';

/** How a training figure is drawn: colour level (0 = NO_COLOR, 1 = 16 colours, 2 = 256, 3 = truecolor) and language. */
export interface TrainFigOptions {
  level: 0 | 1 | 2 | 3;
  lang: Lang;
  /** Most lines the figure may take, where it can fit itself (default per figure). */
  height?: number;
}

/** TaskViews.boundary: the predicted class over a res×res grid of [−1,1]², row 0 at y = +1. */
export interface BoundaryData {
  res: number;
  classes: number;
  predicted: ArrayLike<number>;
  confidence: ArrayLike<number>;
}

export interface PointSet {
  /** x, y interleaved, in [−1, 1]². */
  xy: ArrayLike<number>;
  labels: ArrayLike<number>;
}

/** TaskViews.points. */
export interface PointsData {
  train: PointSet;
  test: PointSet;
}

/** One entry of TaskViews.neurons: each hidden unit's activation over the res×res grid. */
export interface NeuronLayer {
  layer: string;
  res: number;
  units: readonly ArrayLike<number>[];
}

/** The EpochRow fields the curves use. */
export interface CurveRow {
  epoch: number;
  step: number;
  loss: number;
  accuracy: number;
  test_loss: number;
  test_accuracy: number;
}

export interface CurvesData {
  history: readonly CurveRow[];
  /** The loss of each step, the last one being step `stepsDone` (TrainerApi.stepLosses keeps the last 10,000). */
  stepLosses: readonly number[];
  /** Steps done so far (default: stepLosses.length). */
  stepsDone?: number;
  /** Each stepLosses entry is the mean of this many steps (default 1). */
  every?: number;
  /** The step the first stepLosses entry starts at (default: worked out from stepsDone). */
  firstStep?: number;
  /** What the loss is, named in the header where there is no accuracy beside it ("mean squared error"). */
  lossName?: Msg;
}

/** LayerGrad. */
export interface GradNorm {
  layer: string;
  norm: number;
}

/** A grey image, row-major, 0 = black … 255 = white (the digits are white on black). */
export interface GreyImage {
  pixels: ArrayLike<number>;
  side: number;
}

/** One entry of TaskViews.wrong. */
export interface WrongDigit extends GreyImage {
  label: number;
  predicted: number;
  /** Probability of the predicted class, in [0, 1]. */
  confidence: number;
}

/** Small maps of one size: first-layer filters (size×size) or feature maps (mapSide×mapSide). */
export interface MapGrid {
  side: number;
  maps: readonly ArrayLike<number>[];
  label?: Msg | string;
}

/** TaskViews.confusion: counts[true][predicted]. */
export interface ConfusionData {
  classNames: readonly string[];
  counts: readonly (readonly number[])[];
}

/** TaskViews.sample. */
export interface SampleData {
  prompt: string;
  text: string;
}

export type GateName = 'input' | 'forget' | 'output';

/** TaskViews.gates. */
export interface GatesData {
  tokens: readonly string[];
  gates: readonly { name: GateName; values: ArrayLike<number> }[];
}

/** TaskViews.attention: one T×T map per head, rows are queries. */
export interface AttentionData {
  tokens: readonly string[];
  heads: readonly ArrayLike<number>[];
}
