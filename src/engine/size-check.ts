/**
 * The numbers a size rule accepts: whole, finite, in range, one number or a
 * pair [height, width]. A refused number is recorded as an issue (a code and
 * its message from size-messages.ts) rather than thrown, so a whole
 * configuration can be checked at once.
 */
import { labelOn, numberMessages, type AxisKey, type Label, type LocalizedText, type SpatialAxis } from './size-messages.js';

/** Largest size, channel count, kernel, stride, padding or dilation the rules accept. */
export const MAX_SHAPE_VALUE = 1 << 20;

/** Why the size rule refuses a configuration. */
export type SizeIssueCode =
  // invalid numbers
  | 'missing'
  | 'not-a-number'
  | 'infinite'
  | 'not-whole-number'
  | 'too-small'
  | 'too-large'
  | 'bad-pair'
  | 'bad-pool'
  // invalid geometry
  | 'kernel-too-large'
  | 'padding-too-large'
  | 'output-too-small'
  | 'lp-padding';

export interface SizeIssue {
  code: SizeIssueCode;
  /** The spatial axis concerned, when there is one; 'both' when height and width have the same numbers. */
  axis?: AxisKey;
  /** The option concerned (inC, inH, inW, outChannels, kernel, stride, padding, dilation, pool). */
  param?: string;
  message: LocalizedText;
}

/** A whole number ≥ min and ≤ MAX_SHAPE_VALUE, or null after recording why not. */
export function checkNumber(v: unknown, label: Label, min: number, issues: SizeIssue[], axis?: SpatialAxis): number | null {
  const named = labelOn(label, axis);
  const fail = (code: SizeIssueCode, message: LocalizedText): null => {
    issues.push({ code, param: label.param, ...(axis ? { axis } : {}), message });
    return null;
  };
  if (v === undefined || v === null) return fail('missing', numberMessages.missing(named));
  if (typeof v !== 'number' || Number.isNaN(v)) return fail('not-a-number', numberMessages.notANumber(named, v));
  if (!Number.isFinite(v)) return fail('infinite', numberMessages.infinite(named, v));
  if (!Number.isInteger(v)) return fail('not-whole-number', numberMessages.notWhole(named, v));
  if (v < min) return fail('too-small', min === 0 ? numberMessages.negative(named, v) : numberMessages.tooSmall(named, v, min));
  if (v > MAX_SHAPE_VALUE) return fail('too-large', numberMessages.tooLarge(named, v, MAX_SHAPE_VALUE));
  return v;
}

/** Absent, null or [] (PyTorch's "use the default"). */
export function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || (Array.isArray(v) && v.length === 0);
}

/** A number or [h, w]; `def` applies when absent or null. Returns [h, w] or null after recording issues. */
export function checkPair(v: unknown, label: Label, min: number, def: readonly [number, number] | null, issues: SizeIssue[]): [number, number] | null {
  if (isAbsent(v) && def) return [def[0], def[1]];
  if (Array.isArray(v)) {
    if (v.length === 1) v = v[0];
    else if (v.length === 2) {
      const h = checkNumber(v[0], label, min, issues, 'height');
      const w = checkNumber(v[1], label, min, issues, 'width');
      return h === null || w === null ? null : [h, w];
    } else {
      issues.push({ code: 'bad-pair', param: label.param, message: numberMessages.badPair(label, v) });
      return null;
    }
  }
  const n = checkNumber(v, label, min, issues);
  return n === null ? null : [n, n];
}
