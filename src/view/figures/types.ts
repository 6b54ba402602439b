/**
 * Blocks that draw pictures: matrices, heatmaps, volumes, bars, charts.
 * Each has a pure renderer in this folder (props → lines of text), shared by
 * the REPL, the lessons and the quiz. Labels are bilingual (Msg) or
 * language-neutral strings (names, numbers, formulas).
 */
import type { Lang, Msg } from '../../i18n/index.js';
import type { Theme } from '../style.js';

export type Label = Msg | string;

/** Anything with a row-major shape and numbers: an engine Tensor or plain { shape, data }. */
export interface TensorLike {
  readonly shape: readonly number[];
  readonly data: ArrayLike<number>;
}

/**
 * How a tensor's axes are named. 'CHW' (default for rank ≥ 3): PyTorch
 * [C, H, W] / [N, C, H, W]. 'HWC' (alias 'TF'): TensorFlow [H, W, C] / [N, H, W, C].
 * 'HW': a rank-2 tensor that is an image (labelled W×H) rather than a
 * matrix (labelled rows×cols).
 */
export type TensorLayout = 'CHW' | 'HWC' | 'TF' | 'HW';

/**
 * Cells to emphasise in a matrix. Each cell is [row, col] of the shown 2-D
 * slice ([i] for a 1-D tensor). `slice` limits it to one slice (channel) of a
 * 3-D/4-D tensor (index in the order the slices are listed); absent = every slice.
 * 'box' (default): a window, drawn inverse in colour, [in brackets] without;
 * 'star': winners (e.g. max-pool), drawn bold in colour, *between stars* without.
 * 'unused': cells nothing reads, a · after the number (dim in colour): the same mark in every medium.
 */
export interface MatrixHighlight {
  cells: readonly (readonly number[])[];
  slice?: number;
  style?: 'box' | 'star' | 'unused';
}

export interface MatrixBlock {
  kind: 'matrix';
  /** Name shown before the shape, e.g. 'x' or msg('kernel', '卷积核'). */
  label?: Label;
  tensor: TensorLike;
  layout?: TensorLayout;
  /** Digits after the point; default 0 when every value is whole, else 2. */
  precision?: number;
  highlight?: MatrixHighlight | readonly MatrixHighlight[];
  /** Rows shown per slice before eliding the middle (default 16, or 8 with several slices). */
  maxRows?: number;
  /** Slices shown before eliding (default 6 for small slices, else 3). */
  maxSlices?: number;
  /** Colour numbers by sign and size (default true; only when the theme has colour). */
  colorize?: boolean;
}

export interface HeatmapBlock {
  kind: 'heatmap';
  label?: Label;
  /** 2-D [rows, cols]; 1-D is one row; 3-D and more: one slice (`slice`, default 0) of the leading axes. */
  tensor: TensorLike;
  slice?: number;
  /** Row names (e.g. query tokens), shown at the left. */
  rowLabels?: readonly string[];
  /** Column names (e.g. key tokens), shown above (or as a numbered key when they do not fit). */
  colLabels?: readonly string[];
  /** Fixed ends of the scale (e.g. 0 and 1 for attention weights); default the data's min and max. */
  min?: number;
  max?: number;
  /** Legend captions for the two ends (default "min"/"max"). */
  lowLabel?: Label;
  highLabel?: Label;
  /** Rows (cells) kept before downsampling (default 24). */
  maxRows?: number;
}

/** One W×H×D volume (CS231n's width × height × depth) in a row of volumes. */
export interface VolumeItem {
  width: number;
  height: number;
  depth: number;
  /** Caption above the box, e.g. 'input' / msg('output', '输出'). */
  label?: Label;
  /** The layer that produced this volume, written on the arrow leading in: 'conv F=5 K=16'. */
  op?: Label;
}

export interface VolumesBlock {
  kind: 'volumes';
  label?: Label;
  items: readonly VolumeItem[];
}

export interface BarItem {
  label: Label;
  value: number;
}

/** Horizontal bars with the numbers (gate values, probabilities). */
export interface BarsBlock {
  kind: 'bars';
  label?: Label;
  items: readonly BarItem[];
  /** Ends of the bar scale; default 0 and 1. */
  min?: number;
  max?: number;
  precision?: number;
}

export interface SparklineBlock {
  kind: 'sparkline';
  label?: Label;
  values: readonly number[];
  /** Shape on a log₁₀ scale (for values spanning decades; values ≤ 0 are gaps). */
  log?: boolean;
}

export interface ChartSeries {
  label: Label;
  /** y values at x = xStart, xStart + xStep, … */
  values: readonly number[];
}

/** A small line chart with a y axis (labels), x ticks and a legend. */
export interface ChartBlock {
  kind: 'chart';
  label?: Label;
  series: readonly ChartSeries[];
  /** log₁₀ y axis with a tick at every decade (or every few) — for gradient norms. */
  log?: boolean;
  /** Plot rows (default 12). */
  height?: number;
  xStart?: number;
  xStep?: number;
  xLabel?: Label;
  yLabel?: Label;
}

export type VisualBlock = MatrixBlock | HeatmapBlock | VolumesBlock | BarsBlock | SparklineBlock | ChartBlock;

/** How every view is drawn: language, the most columns a line may take, the theme (colour or not). */
export interface ViewOptions {
  lang: Lang;
  width: number;
  theme: Theme;
}
