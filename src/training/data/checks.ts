/**
 * Range checks for data options (size, noise, test split, classes, steps):
 * a bad value gets a message naming the option, the value and the range that
 * would work, in both languages.
 */
import { msg, type Msg } from '../../i18n/index.js';

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /** Whole numbers only (sizes, counts). */
  readonly integer?: boolean;
}

/** undefined when `value` is in range, else the message for the student. */
export function checkOption(name: string, value: number, range: NumberRange): Msg | undefined {
  const { min, max, integer } = range;
  const shown = Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
    const kindEn = integer ? 'a whole number' : 'a number';
    const kindZh = integer ? '整数' : '数';
    return msg(
      `${name} must be ${kindEn} from ${min} to ${max}; got ${shown}.`,
      `${name} 必须是 ${min} 到 ${max} 之间的${kindZh}，现在是 ${shown}。`,
    );
  }
  return undefined;
}
