/**
 * The one size rule of conv and pool: numbers and issue codes, no prose.
 * conv2d, the pooling ops, the shape-only golden ops and the worked
 * explanations above the engine (src/teach) all size their windows here, so
 * they can never disagree. Sizes follow PyTorch exactly (FORMAT.md):
 *   conv   o = ⌊(n + 2P − d·(F−1) − 1)/S⌋ + 1 (d: dilation), error if n + 2P < d·(F−1) + 1
 *   pool   o = ⌊(n + 2P − F)/S⌋ + 1 (⌈⌉ in ceil mode, dropping a last window that would
 *          start in the right/bottom padding), error if P > ⌊F/2⌋ or o < 1.
 * A refused configuration comes back as data (`ok: false` with its issues, each
 * worded by size-messages.ts); the …OrThrow variants raise a ShapeRuleError.
 */
import { EngineError } from './errors.js';
import { checkNumber, checkPair, isAbsent, type SizeIssue } from './size-check.js';
import { axisFormula, geometryMessages, LABELS as L, numberMessages, type AxisKey, type AxisNumbers, type LocalizedText, type SpatialAxis } from './size-messages.js';

export { MAX_SHAPE_VALUE, checkNumber, checkPair, isAbsent, type SizeIssue, type SizeIssueCode } from './size-check.js';
export { LABELS, type LocalizedText, type SpatialAxis, type AxisKey } from './size-messages.js';

/** A spatial size: one number for both directions, or [height, width] (PyTorch accepts both). */
export type Size2 = number | readonly [number, number];
export type Rounding = 'exact' | 'floor' | 'ceil';
export type PoolKind = 'max' | 'avg' | 'lp';

/** The size rule worked out for one spatial axis: numbers only. */
export interface AxisSize extends AxisNumbers {
  axis: SpatialAxis;
  /** The formula's exact value before rounding (13.5, 3.333…). */
  exact: number;
  rounding: Rounding;
  /** ceil mode: the last window would have started in the right/bottom padding, so PyTorch dropped it. */
  droppedLastWindow: boolean;
}

export interface AxisSizeInput {
  axis: SpatialAxis;
  n: number;
  k: number;
  s: number;
  /** Padding before (top/left). */
  p: number;
  /** Padding after (bottom/right); default p. */
  pAfter?: number;
  d: number;
  ceil: boolean;
}

/** The window count along one axis, PyTorch's rule. */
export function axisSize(a: AxisSizeInput): AxisSize {
  const { axis, n, k, s, p, d, ceil } = a;
  const paddedInput = n + p + (a.pAfter ?? p);
  const span = d * (k - 1) + 1;
  const numer = paddedInput - span;
  const exact = numer / s + 1;
  const divisible = numer % s === 0;
  let output = ceil ? Math.ceil(numer / s) + 1 : Math.floor(numer / s) + 1;
  let droppedLastWindow = false;
  if (ceil && (output - 1) * s >= n + p) {
    output--;
    droppedLastWindow = true;
  }
  const rounding: Rounding = divisible ? 'exact' : ceil ? 'ceil' : 'floor';
  return { axis, input: n, kernel: k, stride: s, padding: p, dilation: d, span, paddedInput, exact, rounding, output, droppedLastWindow };
}

/** Height and width with the same numbers: one message for both. */
export function sameAxes(a: AxisSize, b: AxisSize): boolean {
  return a.input === b.input && a.kernel === b.kernel && a.stride === b.stride && a.padding === b.padding && a.dilation === b.dilation;
}

/** The axes a message is given for: one ('both', worded with the width's letter W) when they have the same numbers. */
export function messageAxes<A extends AxisSize>(height: A, width: A): [A, AxisKey][] {
  return sameAxes(height, width) ? [[width, 'both']] : [[height, 'height'], [width, 'width']];
}

/** Errors of the geometry along one axis (numbers already valid). */
function axisErrors(r: AxisSize, kind: 'conv' | 'pool', key: AxisKey, errors: SizeIssue[]): void {
  if (kind === 'conv') {
    if (r.paddedInput < r.span) errors.push({ code: 'kernel-too-large', axis: key, message: geometryMessages.kernelTooLarge(r, key) });
    return;
  }
  if (r.padding > Math.floor(r.kernel / 2)) {
    errors.push({ code: 'padding-too-large', axis: key, message: geometryMessages.paddingTooLarge(r, key) });
    return;
  }
  if (r.output < 1) {
    const worked = axisFormula(kind, r.axis, r).worked;
    errors.push({ code: 'output-too-small', axis: key, message: geometryMessages.outputTooSmall(r, key, worked) });
  }
}

function spatialErrors(height: AxisSize, width: AxisSize, kind: 'conv' | 'pool', errors: SizeIssue[]): void {
  for (const [r, key] of messageAxes(height, width)) axisErrors(r, kind, key, errors);
}

// ---------------------------------------------------------------------------
// Results

/** The input numbers that were valid (null where refused). */
interface SizeInputs {
  inC: number | null;
  inH: number | null;
  inW: number | null;
}

/** A refused configuration: the issues, and the axes when the numbers themselves were valid. */
export interface SizeRefused extends SizeInputs {
  ok: false;
  errors: SizeIssue[];
  height: AxisSize | null;
  width: AxisSize | null;
}

export interface ConvShapeOptions {
  inC: number;
  inH: number;
  inW: number;
  /** K, the number of filters. */
  outChannels: number;
  kernel: Size2;
  /** Default 1. */
  stride?: Size2 | null;
  /** Default 0. */
  padding?: Size2 | null;
  /** Default 1. */
  dilation?: Size2 | null;
}

/** What an accepted conv or pool configuration has worked out: its numbers per axis and the output. */
interface SizeOk {
  ok: true;
  inC: number;
  inH: number;
  inW: number;
  kernel: [number, number];
  stride: [number, number];
  padding: [number, number];
  height: AxisSize;
  width: AxisSize;
  /** [channels, H₂, W₂] as PyTorch prints it (K for conv, C for pool). */
  outShape: [number, number, number];
}

export interface ConvSizeOk extends SizeOk {
  outChannels: number;
  dilation: [number, number];
}

export type ConvSize = (ConvSizeOk | SizeRefused) & { kind: 'conv' };

export interface PoolShapeOptions {
  /** Default "max". Max and average pooling share the size rule; "lp" has no padding. */
  pool?: PoolKind;
  inC: number;
  inH: number;
  inW: number;
  kernel: Size2;
  /** Absent or null: the window size (PyTorch's default). */
  stride?: Size2 | null;
  /** Default 0. */
  padding?: Size2 | null;
  /** Default false. */
  ceilMode?: boolean;
}

export type PoolSizeOk = SizeOk;

export type PoolSize = (PoolSizeOk | SizeRefused) & { kind: 'pool'; pool: PoolKind; ceilMode: boolean };

/** An issue as thrown: the size rule's, or one the teaching layer words the same way. */
export interface RuleIssue {
  code: string;
  axis?: AxisKey;
  param?: string;
  message: LocalizedText;
}

/** Thrown by the …OrThrow variants; `issues` carries the bilingual messages. */
export class ShapeRuleError extends EngineError {
  readonly issues: readonly RuleIssue[];
  constructor(issues: readonly RuleIssue[]) {
    super(
      issues.map((i) => i.message.en).join(' '),
      issues.map((i) => i.message.zh).join(''),
    );
    this.issues = issues;
  }
  /** The messages in the given language. */
  text(lang: 'en' | 'zh'): string {
    return this.issues.map((i) => i.message[lang]).join(lang === 'en' ? ' ' : '');
  }
}

// ---------------------------------------------------------------------------
// Convolution

/** Output size of a 2-D convolution. Never throws: a refused configuration is returned as data. */
export function convSize(opts: ConvShapeOptions): ConvSize {
  const errors: SizeIssue[] = [];
  const o = (opts ?? {}) as Partial<ConvShapeOptions>;
  const inC = checkNumber(o.inC, L.inC, 1, errors);
  const inH = checkNumber(o.inH, L.inH, 1, errors);
  const inW = checkNumber(o.inW, L.inW, 1, errors);
  const K = checkNumber(o.outChannels, L.outChannels, 1, errors);
  const kernel = checkPair(o.kernel, L.convKernel, 1, null, errors);
  const stride = checkPair(o.stride, L.stride, 1, [1, 1], errors);
  const padding = checkPair(o.padding, L.padding, 0, [0, 0], errors);
  const dilation = checkPair(o.dilation, L.dilation, 1, [1, 1], errors);
  const refused = { kind: 'conv' as const, ok: false as const, errors, inC, inH, inW, height: null, width: null };
  if (errors.length || inC === null || inH === null || inW === null || K === null || !kernel || !stride || !padding || !dilation) return refused;
  const height = axisSize({ axis: 'height', n: inH, k: kernel[0], s: stride[0], p: padding[0], d: dilation[0], ceil: false });
  const width = axisSize({ axis: 'width', n: inW, k: kernel[1], s: stride[1], p: padding[1], d: dilation[1], ceil: false });
  spatialErrors(height, width, 'conv', errors);
  if (errors.length) return { ...refused, height, width };
  return {
    kind: 'conv',
    ok: true,
    inC,
    inH,
    inW,
    outChannels: K,
    kernel,
    stride,
    padding,
    dilation,
    height,
    width,
    outShape: [K, height.output, width.output],
  };
}

/** As convSize, but throws a ShapeRuleError (an EngineError) when the configuration is refused. */
export function convSizeOrThrow(opts: ConvShapeOptions): ConvSizeOk & { kind: 'conv' } {
  const e = convSize(opts);
  if (!e.ok) throw new ShapeRuleError(e.errors);
  return e;
}

// ---------------------------------------------------------------------------
// Pooling

/** Output size of 2-D max/average/Lp pooling. Never throws: a refused configuration is returned as data. */
export function poolSize(opts: PoolShapeOptions): PoolSize {
  const errors: SizeIssue[] = [];
  const o = (opts ?? {}) as Partial<PoolShapeOptions>;
  let pool: PoolKind = 'max';
  if (o.pool !== undefined && o.pool !== null) {
    if (o.pool === 'max' || o.pool === 'avg' || o.pool === 'lp') pool = o.pool;
    else errors.push({ code: 'bad-pool', param: 'pool', message: numberMessages.badPool(o.pool) });
  }
  const ceilMode = o.ceilMode === true;
  const inC = checkNumber(o.inC, L.poolInC, 1, errors);
  const inH = checkNumber(o.inH, L.inH, 1, errors);
  const inW = checkNumber(o.inW, L.inW, 1, errors);
  const kernel = checkPair(o.kernel, L.poolKernel, 1, null, errors);
  const stride = isAbsent(o.stride) ? kernel : checkPair(o.stride, L.stride, 1, null, errors);
  const padding = checkPair(o.padding, L.padding, 0, [0, 0], errors);
  if (pool === 'lp' && padding && (padding[0] !== 0 || padding[1] !== 0)) {
    errors.push({ code: 'lp-padding', param: 'padding', message: numberMessages.lpPadding() });
  }
  const refused = { kind: 'pool' as const, pool, ceilMode, ok: false as const, errors, inC, inH, inW, height: null, width: null };
  if (errors.length || inC === null || inH === null || inW === null || !kernel || !stride || !padding) return refused;
  const height = axisSize({ axis: 'height', n: inH, k: kernel[0], s: stride[0], p: padding[0], d: 1, ceil: ceilMode });
  const width = axisSize({ axis: 'width', n: inW, k: kernel[1], s: stride[1], p: padding[1], d: 1, ceil: ceilMode });
  spatialErrors(height, width, 'pool', errors);
  if (errors.length) return { ...refused, height, width };
  return {
    kind: 'pool',
    pool,
    ceilMode,
    ok: true,
    inC,
    inH,
    inW,
    kernel,
    stride: [stride[0], stride[1]],
    padding,
    height,
    width,
    outShape: [inC, height.output, width.output],
  };
}

/** As poolSize, but throws a ShapeRuleError (an EngineError) when the configuration is refused. */
export function poolSizeOrThrow(opts: PoolShapeOptions): PoolSizeOk & { kind: 'pool'; pool: PoolKind; ceilMode: boolean } {
  const e = poolSize(opts);
  if (!e.ok) throw new ShapeRuleError(e.errors);
  return e;
}
