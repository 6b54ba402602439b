import { EngineError } from './errors.js';

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
    throw new EngineError(`Missing attribute "${name}": give a whole number.`);
  }
  const n = Array.isArray(v) && v.length === 1 ? v[0] : v;
  if (typeof n !== 'number' || !Number.isInteger(n)) {
    throw new EngineError(`Attribute ${name}=${describe(v)} must be a whole number.`);
  }
  checkRange(name, n, opts.min, opts.max);
  return n;
}

function checkRange(name: string, n: number, min?: number, max?: number): void {
  if (min !== undefined && n < min) throw new EngineError(`Attribute ${name}=${n} is too small: it must be at least ${min}.`);
  if (max !== undefined && n > max) throw new EngineError(`Attribute ${name}=${n} is too large: it must be at most ${max}.`);
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
    throw new EngineError(`Missing attribute "${name}": give a whole number or a pair [h, w].`);
  }
  let pair: [number, number];
  if (typeof v === 'number') pair = [v, v];
  else if (Array.isArray(v) && v.length === 1) pair = [v[0], v[0]];
  else if (Array.isArray(v) && v.length === 2) pair = [v[0], v[1]];
  else throw new EngineError(`Attribute ${name}=${describe(v)} must be a whole number or a pair [h, w].`);
  for (const n of pair) {
    if (typeof n !== 'number' || !Number.isInteger(n)) {
      throw new EngineError(`Attribute ${name}=${describe(v)} must be whole numbers.`);
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
    throw new EngineError(`Missing attribute "${name}": give a number.`);
  }
  if (typeof v !== 'number' || !Number.isFinite(v)) {
    throw new EngineError(`Attribute ${name}=${describe(v)} must be a finite number.`);
  }
  if (opts.min !== undefined && v < opts.min) throw new EngineError(`Attribute ${name}=${v} must be at least ${opts.min}.`);
  if (opts.exclusiveMin !== undefined && v <= opts.exclusiveMin) {
    throw new EngineError(`Attribute ${name}=${v} must be greater than ${opts.exclusiveMin}.`);
  }
  return v;
}

export function boolAttr(attrs: Attrs, name: string, def: boolean): boolean {
  const v = attrs[name];
  if (v === undefined || v === null) return def;
  if (typeof v === 'boolean') return v;
  if (v === 0 || v === 1) return v === 1;
  throw new EngineError(`Attribute ${name}=${describe(v)} must be true or false.`);
}

export function enumAttr<T extends string>(attrs: Attrs, name: string, allowed: readonly T[], def?: T): T {
  const v = attrs[name];
  if (v === undefined || v === null) {
    if (def !== undefined) return def;
    throw new EngineError(`Missing attribute "${name}": one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new EngineError(`Attribute ${name}=${describe(v)} is not supported; use one of ${allowed.map((a) => `"${a}"`).join(', ')}.`);
  }
  return v as T;
}

export function intListAttr(attrs: Attrs, name: string, opts: { min?: number } = {}): number[] {
  const v = attrs[name];
  const list = typeof v === 'number' ? [v] : v;
  if (!Array.isArray(list) || list.length === 0) {
    throw new EngineError(`Attribute ${name}=${describe(v)} must be a list of whole numbers such as [8].`);
  }
  for (const n of list) {
    if (typeof n !== 'number' || !Number.isInteger(n)) throw new EngineError(`Attribute ${name}=${describe(v)} must hold whole numbers.`);
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
  throw new EngineError(`Attribute ${name}=${showAttr(v)} must be a whole number or a pair [h, w].`);
}

/** As sizeAttr, for an attribute without a default (kernel_size). */
export function requiredSizeAttr(attrs: Attrs, name: string): number | [number, number] {
  const v = sizeAttr(attrs, name);
  if (v === null) throw new EngineError(`Missing attribute "${name}": give a whole number or a pair [h, w].`);
  return v;
}
