import { engineError } from './messages.js';

/** Attribute values as the golden format carries them (snake_case keys). */
export type AttrValue = number | boolean | string | readonly number[] | null;
export type Attrs = Readonly<Record<string, AttrValue | undefined>>;

/**
 * Any value as a message shows it, never throwing: JSON.stringify throws on a BigInt,
 * String() and join() on a Symbol or an object without a prototype.
 */
export function showAttr(v: unknown, depth = 0): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'bigint') return `${String(v)}n`;
  if (typeof v === 'number' || typeof v === 'boolean' || v === undefined || v === null) return String(v);
  if (typeof v === 'symbol') return 'a Symbol';
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return depth > 1 ? '[…]' : `[${v.slice(0, 8).map((x) => showAttr(x, depth + 1)).join(', ')}${v.length > 8 ? ', …' : ''}]`;
  return 'an object';
}

const describe = showAttr;

/** A whole number attribute, e.g. stride=2. Rejects NaN, fractions, out-of-range values. */
export function intAttr(
  attrs: Attrs,
  name: string,
  opts: { default?: number; min?: number; max?: number } = {},
): number {
  const v = attrs[name];
  if (v === undefined || v === null) {
    if (opts.default !== undefined) return opts.default;
    throw engineError('attr-missing-int', { name });
  }
  const n = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw engineError('attr-not-int', { name, shown: describe(v) });
  }
  checkRange(name, n, opts.min, opts.max);
  return n;
}

function checkRange(name: string, n: number, min?: number, max?: number): void {
  if (min !== undefined && n < min) throw engineError('attr-too-small', { name, n, min });
  if (max !== undefined && n > max) throw engineError('attr-too-large', { name, n, max });
}

/**
 * A spatial attribute given as one number for both directions or as [h, w]
 * (PyTorch accepts both: kernel_size=3 or kernel_size=(3, 5)).
 */
export function pairAttr(
  attrs: Attrs,
  name: string,
  opts: { default?: readonly [number, number]; min?: number; max?: number } = {},
): [number, number] {
  const v = attrs[name];
  if (v === undefined || v === null) {
    if (opts.default !== undefined) return [opts.default[0], opts.default[1]];
    throw engineError('attr-missing-size', { name });
  }
  let pair: [number, number];
  if (typeof v === 'number') pair = [v, v];
  else if (Array.isArray(v) && v.length === 1) pair = [v[0], v[0]];
  else if (Array.isArray(v) && v.length === 2) pair = [v[0], v[1]];
  else throw engineError('attr-not-size', { name, shown: describe(v) });
  for (const n of pair) {
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw engineError('attr-not-ints', { name, shown: describe(v) });
    }
    checkRange(name, n, opts.min, opts.max);
  }
  return pair;
}

export function floatAttr(
  attrs: Attrs,
  name: string,
  opts: { default?: number; min?: number; exclusiveMin?: number } = {},
): number {
  const v = attrs[name];
  if (v === undefined || v === null) {
    if (opts.default !== undefined) return opts.default;
    throw engineError('attr-missing-number', { name });
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw engineError('attr-not-finite', { name, shown: describe(v) });
  }
  if (opts.min !== undefined && v < opts.min) throw engineError('attr-below-min', { name, v, min: opts.min });
  if (opts.exclusiveMin !== undefined && v <= opts.exclusiveMin) {
    throw engineError('attr-not-above', { name, v, min: opts.exclusiveMin });
  }
  return v;
}

export function boolAttr(attrs: Attrs, name: string, def: boolean): boolean {
  const v = attrs[name];
  if (v === undefined || v === null) return def;
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  throw engineError('attr-not-bool', { name, shown: describe(v) });
}

export function enumAttr<T extends string>(attrs: Attrs, name: string, allowed: readonly T[], def?: T): T {
  const v = attrs[name];
  if (v === undefined || v === null) {
    if (def !== undefined) return def;
    throw engineError('attr-missing-choice', { name, allowed });
  }
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw engineError('attr-bad-choice', { name, shown: describe(v), allowed });
  }
  return v as T;
}

export function intListAttr(attrs: Attrs, name: string, opts: { min?: number } = {}): number[] {
  const v = attrs[name];
  const list = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0) {
    throw engineError('attr-not-int-list', { name, shown: describe(v) });
  }
  for (const n of list) {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw engineError('attr-list-not-ints', { name, shown: describe(v) });
    checkRange(name, n, opts.min);
  }
  return [...list];
}

/**
 * A spatial size as given: a number, [n] or [h, w]; null when absent, null or []
 * (the op's default). The values themselves are checked by the size rule, which
 * explains NaN, fractions, zero…
 */
export function sizeAttr(attrs: Attrs, name: string): number | [number, number] | null {
  const v = attrs[name];
  if (v === undefined || v === null || (Array.isArray(v) && v.length === 0)) return null;
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && (v.length === 1 || v.length === 2) && v.every((n) => typeof n === 'number')) {
    return v.length === 1 ? v[0] : [v[0], v[1]];
  }
  throw engineError('attr-not-size', { name, shown: showAttr(v) });
}

/** As sizeAttr, for an attribute without a default (kernel_size). */
export function requiredSizeAttr(attrs: Attrs, name: string): number | [number, number] {
  const v = sizeAttr(attrs, name);
  if (v === null) throw engineError('attr-missing-size', { name });
  return v;
}
