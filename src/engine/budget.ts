import { groupDigits } from './format.js';
import { type BadSize, engineError, type ShapeNoun } from './messages.js';

/** Largest rank a tensor may have: the lessons need at most [N, C, H, W] plus one spare. */
export const MAX_RANK = 6;

const DEFAULT_BUDGET = 2 ** 26;
let elementBudget = DEFAULT_BUDGET;

/** How many float32 numbers one tensor may hold (default 2^26 = 256 MiB). */
export function getElementBudget(): number {
  return elementBudget;
}

/** Changes the per-tensor budget; pass nothing to restore the default. */
export function setElementBudget(n: number = DEFAULT_BUDGET): void {
  elementBudget = checkBudgetValue(n, 'element');
}

/** A budget must be a positive safe integer; anything else (NaN, 1.5, a string, 2**60) is refused by name. */
function checkBudgetValue(n: unknown, which: 'element' | 'work'): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    throw engineError('budget-not-positive', { which, shown: typeof n === 'number' ? String(n) : typeof n });
  }
  return n;
}

// ---------------------------------------------------------------------------
// Work budget: the element budget bounds memory, this bounds time.

/**
 * What one step of each kind of loop costs, in work units. One unit is one
 * multiply-add inside the GEMM (im2col convolution, linear, attention), the
 * fastest loop the engine has (~1.5–4 G/s on a laptop core); slower loops are
 * charged more per step so that the budget means seconds whatever the op.
 * Measured on the development machine: a pooling window cell ~2× a GEMM
 * multiply-add, Math.pow ~40×, an elementwise exp/tanh ~8×.
 */
export const WORK_COST = Object.freeze({
  /** One multiply-add in the GEMM. */
  gemm: 1,
  /** One multiply-add in a plain JS loop (recurrent steps in float64, backprop through time). */
  loop: 2,
  /** One cell visited by a pooling window (compare or add). */
  window: 2,
  /** One Math.pow (Lp pooling with p other than 1 or 2). */
  pow: 40,
  /** One element of an elementwise op with a transcendental function (exp, tanh, sqrt). */
  elementwise: 8,
});

/** ≈ 4 seconds of GEMM on a slow laptop core; the REPL stays well under it. */
const DEFAULT_WORK_BUDGET = 4e9;
let workBudget = DEFAULT_WORK_BUDGET;

/** How many work units (≈ multiply-adds, see WORK_COST) one op call may spend (default 4·10⁹, a few seconds). */
export function getWorkBudget(): number {
  return workBudget;
}

/** Changes the per-call work budget; pass nothing to restore the default. */
export function setWorkBudget(n: number = DEFAULT_WORK_BUDGET): void {
  workBudget = checkBudgetValue(n, 'work');
}

const ELEMENTWISE_SMALLER = { en: 'use a smaller tensor', zh: '使用更小的张量' };

/** The check for ops that touch each element a few times (activations, softmax, norms, clipping). */
export function checkElementwise(op: string, elements: number, passes = 1): void {
  checkWork(op, elements * passes * WORK_COST.elementwise, ELEMENTWISE_SMALLER);
}

/** 1.23e12 or 1,234,567: exact digits while they are readable. */
export function fmtCount(n: number): string {
  return n > 1e12 || !Number.isFinite(n) ? n.toExponential(2) : groupDigits(n);
}

/**
 * Refuses, before anything is allocated or computed, an op call whose work
 * (units, from its shapes and attributes) is over the work budget. `smaller`
 * says what would make this op's call cheaper, in both languages.
 */
export function checkWork(op: string, units: number, smaller: { en: string; zh: string }): void {
  // NaN would pass a plain comparison: treat a work count that cannot be computed as too much.
  if (units <= workBudget) return;
  throw engineError('work-over-budget', { op, shown: fmtCount(units), limit: fmtCount(workBudget), smaller });
}

/**
 * Validates a shape and returns its element count, refusing (before any
 * allocation) shapes that are malformed or larger than the budget.
 */
export function checkShape(shape: readonly number[], what: ShapeNoun = 'tensor'): number {
  if (!Array.isArray(shape)) throw engineError('shape-not-list', { what });
  if (shape.length > MAX_RANK) throw engineError('shape-rank-too-high', { what, shape, max: MAX_RANK });
  let count = 1;
  for (let i = 0; i < shape.length; i++) {
    const n = shape[i];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      const why: BadSize =
        typeof n !== 'number' || Number.isNaN(n) ? 'not-a-number' : !Number.isFinite(n) ? 'infinite' : !Number.isInteger(n) ? 'fraction' : 'not-positive';
      const shown = typeof n === 'number' ? String(n) : typeof n;
      throw engineError('shape-bad-size', { what, shape: shape.map((v) => (typeof v === 'number' ? v : NaN)), dim: i, why, shown });
    }
    count *= n;
  }
  if (count > elementBudget) {
    throw engineError('shape-over-budget', {
      what,
      shape,
      shown: count > 1e15 ? count.toExponential(2) : groupDigits(count),
      bytes: count * 4,
      limit: groupDigits(elementBudget),
      limitBytes: elementBudget * 4,
    });
  }
  return count;
}
