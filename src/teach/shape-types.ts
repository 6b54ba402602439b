/**
 * What a worked size explanation holds: the engine's numbers (size-rule.ts)
 * plus the formula text, coverage, warnings, notes and paragraphs a student
 * reads in the REPL, the lessons and the quiz. A result is either accepted
 * (`ok: true`, every field present) or refused (`ok: false`, the issues).
 */
import type { AxisSize, LocalizedText, PoolKind, SizeIssueCode } from '../engine/size-rule.js';

export type { LocalizedText, PoolKind, Rounding, Size2, SpatialAxis, ConvShapeOptions, PoolShapeOptions } from '../engine/size-rule.js';

export type ShapeIssueCode =
  | SizeIssueCode
  // warnings
  | 'fractional-output'
  | 'skipped-cells'
  | 'padding-only-window'
  | 'huge-count'
  // notes
  | 'ceil-rounded-up'
  | 'ceil-dropped-window'
  | 'overlapping'
  | 'same-padding';

export interface ShapeIssue {
  code: ShapeIssueCode;
  /** The spatial axis concerned, when there is one; 'both' when height and width have the same numbers. */
  axis?: 'height' | 'width' | 'both';
  /** The option concerned (inC, inH, inW, outChannels, kernel, stride, padding, dilation, pool). */
  param?: string;
  message: LocalizedText;
}

/** The size rule worked out for one spatial axis, with its working and coverage. */
export interface AxisRule extends AxisSize {
  /** In the notes' letters, e.g. "(W − F + 2P)/S + 1" or "(W₁ − F)/S + 1". */
  formula: string;
  /** The same with the student's numbers, e.g. "(32 − 5 + 2·2)/1 + 1". */
  substituted: string;
  /** The whole computation, e.g. "(7 − 2)/2 + 1 = 5/2 + 1 = 3.5 → ⌊3.5⌋ = 3". */
  worked: string;
  /** `exact` printed: "13.5", "3.333…". */
  exactText: string;
  /** The last window as [start, end) in unpadded input coordinates (start may be negative), or null if none fits. */
  lastWindow: { start: number; end: number } | null;
  /** Cells the last window reaches past the padded input (ceil mode only; 0 otherwise). */
  overhang: number;
  /** Every input index (0-based, unpadded) that no window reads, ascending. */
  unvisited: number[];
  /** The trailing run of `unvisited` (the last rows/columns), or null. */
  unvisitedAtEnd: { from: number; to: number; count: number } | null;
  /** One paragraph: the worked formula, the rounding and the coverage. */
  explanation: LocalizedText;
}

export interface DepthRule {
  input: number;
  output: number;
  /** "D₂ = K" (conv) or "D₂ = D₁" (pool). */
  formula: string;
  substituted: string;
  explanation: LocalizedText;
}

/** What every explanation has, accepted or refused. */
interface ExplanationCommon {
  /** "32×32×3" (width×height×depth, the notes' W×H×D) when the input numbers are valid. */
  inputText: string | null;
  errors: ShapeIssue[];
  warnings: ShapeIssue[];
  notes: ShapeIssue[];
  /** One line: the output volume, or why the configuration is refused. */
  summary: LocalizedText;
}

/** Accepted: the output and the working of every axis. */
interface Accepted extends ExplanationCommon {
  ok: true;
  /** The output as PyTorch prints it, [C, H, W]. */
  outShape: [number, number, number];
  inputText: string;
  outputText: string;
  height: AxisRule;
  width: AxisRule;
  depth: DepthRule;
  /** The height and width paragraphs to print (one paragraph when both axes have the same numbers). */
  spatial: LocalizedText[];
}

/** Refused: the errors; the axes' working when the numbers themselves were valid. */
export interface RefusedExplanation extends ExplanationCommon {
  ok: false;
  height: AxisRule | null;
  width: AxisRule | null;
  // Present as null so code that reads them on either variant needs no cast.
  outShape: null;
  outputText: null;
  depth: null;
  spatial: [];
}

export interface ConvParams {
  /** F_h·F_w·D_in */
  weightsPerFilter: number;
  biasPerFilter: 1;
  perFilter: number;
  filters: number;
  total: number;
  formula: string;
  /** "16·(5·5·3 + 1) = 16·76 = 1,216" */
  worked: string;
  explanation: LocalizedText;
}

export interface ReceptiveField {
  /** Input cells one output neuron depends on: span × span × D_in. */
  height: number;
  width: number;
  depth: number;
  /** Weights actually read (F_h × F_w × D_in; fewer than the span with dilation). */
  taps: number;
  text: string;
  explanation: LocalizedText;
}

export interface FullyConnectedComparison {
  inputs: number;
  outputs: number;
  weights: number;
  biases: number;
  total: number;
  /** total / conv parameters */
  ratio: number;
  explanation: LocalizedText;
}

export interface ConvShapeAccepted extends Accepted {
  kind: 'conv';
  params: ConvParams;
  receptiveField: ReceptiveField;
  fullyConnected: FullyConnectedComparison;
  /** Multiply-adds of one forward pass: H₂·W₂·K·F·F·D_in. */
  multiplyAdds: number;
}

export interface ConvShapeRefused extends RefusedExplanation {
  kind: 'conv';
  params: null;
  receptiveField: null;
  fullyConnected: null;
  multiplyAdds: null;
}

export type ConvShapeExplanation = ConvShapeAccepted | ConvShapeRefused;

interface PoolFacts {
  kind: 'pool';
  pool: PoolKind;
  ceilMode: boolean;
  /** F > S along some axis: neighbouring windows share cells (“overlapping pooling”, F=3 S=2). */
  overlapping: boolean;
  /** Pooling learns nothing. */
  params: 0;
}

export type PoolShapeAccepted = Accepted & PoolFacts;
export type PoolShapeRefused = RefusedExplanation & PoolFacts;
export type PoolShapeExplanation = PoolShapeAccepted | PoolShapeRefused;
