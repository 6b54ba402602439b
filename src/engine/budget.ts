import { EngineError, fmtShape } from './errors.js';
import { groupDigits } from './format.js';

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
  elementBudget = checkBudgetValue(n, 'element budget', '元素预算');
}

/** A budget must be a positive safe integer; anything else (NaN, 1.5, a string, 2**60) is refused by name. */
function checkBudgetValue(n: unknown, what: string, zh: string): number {
  if (typeof n !== 'number' || !Number.isSafeInteger(n) || n < 1) {
    const shown = typeof n === 'number' ? String(n) : typeof n;
    throw new EngineError(
      `The ${what} must be a positive whole number no larger than 2^53 − 1, got ${shown}.`,
      `${zh}必须是不超过 2^53 − 1 的正整数，现在是 ${shown}。`,
    );
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
  workBudget = checkBudgetValue(n, 'work budget', '计算量预算');
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
  const shown = fmtCount(units);
  const limit = fmtCount(workBudget);
  throw new EngineError(
    `${op} would take about ${shown} units of work (≈ multiply-adds), over the work budget of ${limit} (a few seconds; setWorkBudget changes it). ` +
      `To make it smaller: ${smaller.en}.`,
    `${op} 大约需要 ${shown} 个计算单位（约等于乘加次数），超过了计算量预算 ${limit}（几秒钟；可用 setWorkBudget 修改）。` +
      `要减小计算量：${smaller.zh}。`,
  );
}

function fmtBytes(bytes: number): string {
  const units = ['bytes', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return u === 0 ? `${v} bytes` : `${v.toFixed(v < 10 ? 2 : 1)} ${units[u]}`;
}

/**
 * Validates a shape and returns its element count, refusing (before any
 * allocation) shapes that are malformed or larger than the budget.
 */
export function checkShape(shape: readonly number[], what = 'tensor'): number {
  if (!Array.isArray(shape)) {
    throw new EngineError(`The shape of a ${what} must be a list of sizes such as [3, 32, 32].`);
  }
  if (shape.length > MAX_RANK) {
    throw new EngineError(
      `A ${what} of shape ${fmtShape(shape)} has ${shape.length} dimensions; the engine supports at most ${MAX_RANK}.`,
    );
  }
  let count = 1;
  for (let i = 0; i < shape.length; i++) {
    const n = shape[i];
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) {
      const why =
        typeof n !== 'number' || Number.isNaN(n)
          ? 'is not a number'
          : !Number.isFinite(n)
            ? 'is infinite'
            : !Number.isInteger(n)
              ? 'is not a whole number'
              : 'is not positive';
      throw new EngineError(
        `Dimension ${i} of the ${what} shape ${fmtShape(shape.map((v) => (typeof v === 'number' ? v : NaN)))} ${why} (${typeof n === 'number' ? String(n) : typeof n}); every size must be a whole number of at least 1.`,
      );
    }
    count *= n;
  }
  if (count > elementBudget) {
    const shown = count > 1e15 ? count.toExponential(2) : groupDigits(count);
    const limit = groupDigits(elementBudget);
    throw new EngineError(
      `A ${what} of shape ${fmtShape(shape)} would hold ${shown} numbers (${fmtBytes(count * 4)} as float32), ` +
        `over the limit of ${limit} numbers (${fmtBytes(elementBudget * 4)}). Use smaller sizes.`,
      `形状为 ${fmtShape(shape)} 的张量需要 ${shown} 个数（float32 占 ${fmtBytes(count * 4)}），` +
        `超过了上限 ${limit} 个数（${fmtBytes(elementBudget * 4)}）。请用更小的尺寸。`,
    );
  }
  return count;
}
