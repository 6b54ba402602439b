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
  if (!Number.isSafeInteger(n) || n < 1) {
    throw new EngineError(`The element budget must be a positive whole number, got ${n}.`);
  }
  elementBudget = n;
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
        `Dimension ${i} of the ${what} shape ${fmtShape(shape.map((v) => (typeof v === 'number' ? v : NaN)))} ${why} (${String(n)}); every size must be a whole number of at least 1.`,
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
