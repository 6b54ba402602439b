/**
 * The sliding-window stepper's state, as a pure reducer (no Ink): every
 * window position of a conv or pool, in the order the output is filled (row
 * by row), which one is current, and whether it is playing. Geometry follows
 * PyTorch (conv2d: zero padding, dilation; pools: max pads with −∞, average
 * with zeros, ceil mode; Lp has no padding), the same rules as the engine.
 */

export type StepperOp = 'conv' | 'max' | 'avg' | 'l2';

export interface StepperConfig {
  op: StepperOp;
  /** Input height and width (one H×W plane). */
  H: number;
  W: number;
  /** Kernel size F (square). */
  F: number;
  /** Stride S; default 1 for conv and F for pools (PyTorch's defaults). */
  S?: number;
  /** Padding P on every side; default 0. Lp (l2) pooling has none. */
  P?: number;
  /** Gap between kernel taps (conv only); default 1. */
  dilation?: number;
  /** Pools: ceil instead of floor for the output size. */
  ceilMode?: boolean;
  /** Average pooling: padding cells count in the divisor (PyTorch's default, true). */
  countIncludePad?: boolean;
}

/** The settings with every default filled in, plus the output size. */
export interface StepperGeometry {
  op: StepperOp;
  H: number;
  W: number;
  F: number;
  S: number;
  P: number;
  dilation: number;
  ceilMode: boolean;
  countIncludePad: boolean;
  OH: number;
  OW: number;
  /** Columns/rows the window can reach: the padded input plus, in ceil mode, a partial window past it. */
  spanH: number;
  spanW: number;
}

export interface WindowPos {
  /** Position in the walk (0-based). */
  index: number;
  /** Output cell this window fills. */
  oy: number;
  ox: number;
}

export interface WindowCell {
  /** Kernel tap (row, col). */
  i: number;
  j: number;
  /** Row/col in the padded input (0 = first padding row). */
  pr: number;
  pc: number;
  /** Row/col in the real input (may be outside it: padding). */
  r: number;
  c: number;
  /** In the real input. */
  inside: boolean;
  /** In the padded range [−P, n + P) (ceil-mode windows can reach past it). */
  inPadded: boolean;
}

function outSize(n: number, f: number, s: number, p: number, d: number, ceil: boolean): number {
  const eff = d * (f - 1) + 1;
  const span = n + 2 * p - eff;
  // As PyTorch's pooling_output_shape: in ceil mode a window larger than the padded input
  // (span < 0, but > −S) still gives one window, partly outside; floor mode gives none.
  let out = (ceil ? Math.ceil(span / s) : Math.floor(span / s)) + 1;
  if (out < 1) return 0;
  // PyTorch: the last window must start inside the input or the left padding.
  if (ceil && (out - 1) * s >= n + p) out--;
  return out;
}

const whole = (v: unknown, min: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min;

export function stepperGeometry(cfg: StepperConfig): StepperGeometry {
  const pool = cfg.op !== 'conv';
  const F = cfg.F;
  const S = cfg.S ?? (pool ? F : 1);
  const P = cfg.P ?? 0;
  const dilation = pool ? 1 : (cfg.dilation ?? 1);
  const ceilMode = pool && cfg.ceilMode === true;
  if (!whole(cfg.H, 1) || !whole(cfg.W, 1)) throw new Error(`stepper: the input size must be whole numbers ≥ 1, got ${cfg.H}×${cfg.W}.`);
  if (!whole(F, 1)) throw new Error(`stepper: the kernel size F must be a whole number ≥ 1, got ${F}.`);
  if (!whole(S, 1)) throw new Error(`stepper: the stride S must be a whole number ≥ 1, got ${S}.`);
  if (!whole(P, 0)) throw new Error(`stepper: the padding P must be a whole number ≥ 0, got ${P}.`);
  if (!whole(dilation, 1)) throw new Error(`stepper: the dilation must be a whole number ≥ 1, got ${dilation}.`);
  if (cfg.op === 'l2' && P !== 0) throw new Error('stepper: Lp (l2) pooling has no padding (P must be 0).');
  if (pool && P > Math.floor(F / 2)) throw new Error(`stepper: pooling padding P=${P} may be at most F/2 = ${Math.floor(F / 2)}.`);
  const OH = outSize(cfg.H, F, S, P, dilation, ceilMode);
  const OW = outSize(cfg.W, F, S, P, dilation, ceilMode);
  if (OH < 1 || OW < 1) throw new Error(`stepper: a ${F}×${F} window does not fit in the ${cfg.H}×${cfg.W} input with padding ${P}.`);
  const eff = dilation * (F - 1) + 1;
  const spanH = Math.max(cfg.H + 2 * P, (OH - 1) * S + eff);
  const spanW = Math.max(cfg.W + 2 * P, (OW - 1) * S + eff);
  return { op: cfg.op, H: cfg.H, W: cfg.W, F, S, P, dilation, ceilMode, countIncludePad: cfg.countIncludePad !== false, OH, OW, spanH, spanW };
}

/** Every window position, row by row: the order the output cells are filled. */
export function windowPositions(cfg: StepperConfig | StepperGeometry): WindowPos[] {
  const g = 'OH' in cfg ? cfg : stepperGeometry(cfg);
  const out: WindowPos[] = [];
  for (let oy = 0; oy < g.OH; oy++) for (let ox = 0; ox < g.OW; ox++) out.push({ index: out.length, oy, ox });
  return out;
}

/** The cells a window reads, tap by tap (row-major over the kernel). */
export function windowCells(g: StepperGeometry, pos: Pick<WindowPos, 'oy' | 'ox'>): WindowCell[] {
  const cells: WindowCell[] = [];
  for (let i = 0; i < g.F; i++) {
    for (let j = 0; j < g.F; j++) {
      const pr = pos.oy * g.S + i * g.dilation;
      const pc = pos.ox * g.S + j * g.dilation;
      const r = pr - g.P;
      const c = pc - g.P;
      const inside = r >= 0 && r < g.H && c >= 0 && c < g.W;
      const inPadded = r >= -g.P && r < g.H + g.P && c >= -g.P && c < g.W + g.P;
      cells.push({ i, j, pr, pc, r, c, inside, inPadded });
    }
  }
  return cells;
}

export interface StepperState {
  geometry: StepperGeometry;
  positions: readonly WindowPos[];
  /** Current window (index into positions). */
  index: number;
  playing: boolean;
}

export type StepperAction =
  | { type: 'next' }
  | { type: 'prev' }
  | { type: 'first' }
  | { type: 'last' }
  | { type: 'jump'; index: number }
  | { type: 'jump-to'; oy: number; ox: number }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'toggle' }
  /** Timer tick: advance while playing, stop at the last window. */
  | { type: 'tick' };

export function initStepper(cfg: StepperConfig): StepperState {
  const geometry = stepperGeometry(cfg);
  return { geometry, positions: windowPositions(geometry), index: 0, playing: false };
}

export function stepperReducer(state: StepperState, action: StepperAction): StepperState {
  const last = state.positions.length - 1;
  const at = (index: number, playing = state.playing): StepperState => {
    const i = Math.max(0, Math.min(last, Math.trunc(index)));
    return i === state.index && playing === state.playing ? state : { ...state, index: i, playing };
  };
  switch (action.type) {
    case 'next':
      return at(state.index + 1, false);
    case 'prev':
      return at(state.index - 1, false);
    case 'first':
      return at(0, false);
    case 'last':
      return at(last, false);
    case 'jump':
      return Number.isFinite(action.index) ? at(action.index, false) : state;
    case 'jump-to': {
      const { OH, OW } = state.geometry;
      if (!(action.oy >= 0 && action.oy < OH && action.ox >= 0 && action.ox < OW)) return state;
      return at(action.oy * OW + action.ox, false);
    }
    case 'play':
      // Playing from the end starts again.
      return state.index >= last ? at(0, last > 0) : at(state.index, true);
    case 'pause':
      return at(state.index, false);
    case 'toggle':
      return stepperReducer(state, { type: state.playing ? 'pause' : 'play' });
    case 'tick':
      if (!state.playing) return state;
      return state.index + 1 >= last ? at(last, false) : at(state.index + 1, true);
  }
}

/** For every output cell (row-major), whether it is filled once the current window is computed. */
export function filledMask(state: StepperState): boolean[] {
  return state.positions.map((p) => p.index <= state.index);
}
