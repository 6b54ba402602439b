/**
 * mathjs values ⇄ the plain MathValue the REPL understands, and the display
 * text of a result. Worker side: it receives the mathjs instance as an
 * argument and does not import mathjs itself.
 */
import { fmtShape } from './messages.js';
import { isCollection, isMatrix, shapeOf, product } from './guards.js';
import type { MathValue } from './types.js';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

/** Matrices with more elements than this are displayed as a summary. */
export const DISPLAY_MAX_ELEMENTS = 400;
export const DISPLAY_MAX_CHARS = 2000;
const MAX_RANK = 4;

/** A real matrix as shape + row-major data, or null if it holds anything but real numbers. */
export function realMatrix(x: unknown, maxElements: number): { shape: number[]; data: number[] } | null {
  if (!isCollection(x)) return null;
  let value: Any = x;
  const shape = isMatrix(value) ? (value.size() as number[]).slice() : shapeOf(value);
  if (isMatrix(value) && value.storage && value.storage() === 'sparse') {
    if (product(value.size()) > maxElements) return null;
    value = value.toArray();
  } else if (isMatrix(value)) {
    value = value.valueOf();
  }
  if (shape.length === 0 || shape.length > MAX_RANK) return null;
  if (product(shape) > maxElements) return null;
  const data: number[] = [];
  const walk = (a: Any, d: number): boolean => {
    if (!Array.isArray(a) || a.length !== shape[d]) return false;
    if (d === shape.length - 1) {
      for (const v of a) {
        if (typeof v !== 'number') return false;
        data.push(v);
      }
      return true;
    }
    for (const v of a) if (!walk(v, d + 1)) return false;
    return true;
  };
  return walk(value, 0) ? { shape, data } : null;
}

/** Nested arrays from shape + row-major data. */
export function nest(shape: readonly number[], data: readonly number[]): unknown[] {
  if (shape.length === 0) return [];
  let offset = 0;
  const build = (d: number): unknown[] => {
    const out: unknown[] = new Array(shape[d]);
    for (let i = 0; i < shape[d]; i++) out[i] = d === shape.length - 1 ? data[offset++] : build(d + 1);
    return out;
  };
  return build(0);
}

function clip(s: string): string {
  return s.length > DISPLAY_MAX_CHARS ? `${s.slice(0, DISPLAY_MAX_CHARS - 1)}…` : s;
}

/** How a value is shown: mathjs format with 6 significant digits; big things summarised. */
export function display(math: Any, x: unknown): string {
  if (x === undefined) return '';
  if (typeof x === 'string') return clip(JSON.stringify(x.length > DISPLAY_MAX_CHARS ? x.slice(0, DISPLAY_MAX_CHARS) : x));
  if (typeof x === 'function') {
    const f = x as Any;
    if (typeof f.syntax === 'string') return f.syntax;
    return f.name ? `function ${f.name}` : 'function';
  }
  if (isCollection(x)) {
    const shape = shapeOf(x);
    if (product(shape) > DISPLAY_MAX_ELEMENTS) return `[${fmtShape(shape)} matrix]`;
  }
  try {
    return clip(String(math.format(x, { precision: 6 })));
  } catch {
    return clip(String(x));
  }
}

/** The result of an evaluation as a MathValue. */
export function toMathValue(math: Any, x: unknown, maxElements: number): MathValue {
  if (typeof x === 'number') return { kind: 'number', value: x };
  if (typeof x === 'boolean') return { kind: 'boolean', value: x };
  const m = realMatrix(x, maxElements);
  if (m) return { kind: 'matrix', shape: m.shape, data: m.data };
  return { kind: 'text', display: display(math, x) };
}

/** A MathValue (pushed by the REPL) as a mathjs value. */
export function fromMathValue(math: Any, v: MathValue): unknown {
  switch (v.kind) {
    case 'number':
      return v.value;
    case 'boolean':
      return v.value;
    case 'matrix':
      return math.matrix(nest(v.shape, v.data));
    case 'text':
      return v.display;
  }
}

export function isValidMathValue(v: unknown): v is MathValue {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Any;
  switch (o.kind) {
    case 'number':
      return typeof o.value === 'number';
    case 'boolean':
      return typeof o.value === 'boolean';
    case 'text':
      return typeof o.display === 'string';
    case 'matrix':
      return (
        Array.isArray(o.shape) &&
        o.shape.length >= 1 &&
        o.shape.length <= MAX_RANK &&
        o.shape.every((d: unknown) => Number.isInteger(d) && (d as number) >= 0) &&
        Array.isArray(o.data) &&
        o.data.length === product(o.shape) &&
        o.data.every((d: unknown) => typeof d === 'number')
      );
    default:
      return false;
  }
}
