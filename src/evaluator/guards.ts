/**
 * Allocation and cost guards for the sandboxed mathjs instance: each one looks
 * at a function's arguments and refuses, BEFORE anything is allocated or
 * computed, a result over the REPL's limits. Duck-typed on mathjs's values,
 * so this module does not import mathjs.
 */
import { M, fmtShape } from './messages.js';
import type { Bilingual, Limits } from './types.js';
import { fmtAsTyped, fmtSizeCount } from '../i18n/numbers.js';

export class GuardError extends Error {
  constructor(readonly msg: Bilingual) {
    super(msg.en);
    this.name = 'GuardError';
  }
}

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export type Guard = (args: readonly unknown[], limits: Limits, name: string) => void;

/** Decompositions cost about this many times n³ elementary steps in mathjs. */
export const DECOMPOSITION_WEIGHT = 10;
/** Largest number of decimal digits an exact (bigint, fraction) result may have. */
export const MAX_DIGITS = 100_000;
/** Largest precision format() and print() accept. */
export const MAX_PRECISION = 1000;

export function isMatrix(x: unknown): boolean {
  return typeof x === 'object' && x !== null && (x as Any).isMatrix === true;
}

export function isCollection(x: unknown): boolean {
  return Array.isArray(x) || isMatrix(x);
}

/** Shape of a matrix or nested array (following first elements; matrices inside arrays count). */
export function shapeOf(x: unknown): number[] {
  const dims: number[] = [];
  let cur: unknown = x;
  for (let guard = 0; guard < 64; guard++) {
    if (Array.isArray(cur)) {
      dims.push(cur.length);
      if (cur.length === 0) break;
      cur = cur[0];
    } else if (isMatrix(cur)) {
      const s = (cur as Any).size() as number[];
      dims.push(...s);
      break;
    } else break;
  }
  return dims;
}

export function product(dims: readonly number[]): number {
  let p = 1;
  for (const d of dims) p *= d;
  return p;
}

/** Number of elements of a collection (1 for anything else). */
export function countOf(x: unknown): number {
  return isCollection(x) ? product(shapeOf(x)) : 1;
}

/**
 * Elements of nested arrays holding matrices (what matrix([...]) will copy),
 * counted without walking into plain numbers one by one.
 */
export function countDeep(x: unknown, depth = 0): number {
  if (isMatrix(x)) return product((x as Any).size());
  if (!Array.isArray(x)) return 1;
  if (depth > 8 || x.length === 0) return x.length;
  const first = x[0];
  if (!Array.isArray(first) && !isMatrix(first)) return x.length;
  let n = 0;
  for (const item of x) n += countDeep(item, depth + 1);
  return n;
}

/** A number from number, bigint, BigNumber, Fraction or boolean; undefined otherwise. */
export function toNumber(x: unknown): number | undefined {
  if (typeof x === 'number') return x;
  if (typeof x === 'bigint') return Number(x);
  if (typeof x === 'boolean') return x ? 1 : 0;
  if (typeof x === 'object' && x !== null) {
    const o = x as Any;
    if (o.isBigNumber === true) return o.toNumber();
    if (o.isFraction === true) return Number(o.valueOf());
  }
  return undefined;
}

/** The numbers of a size argument: a number, or a vector given as array or matrix. */
function sizeNumbers(x: unknown): number[] {
  const n = toNumber(x);
  if (n !== undefined) return [n];
  if (isMatrix(x)) x = (x as Any).valueOf();
  if (Array.isArray(x) && x.length <= 64) {
    const out: number[] = [];
    for (const v of x) {
      const k = toNumber(v);
      if (k === undefined) return [];
      out.push(k);
    }
    return out;
  }
  return [];
}

/**
 * What a size allocates: the largest count over its leading dimensions, so
 * 1e9×0 (a billion empty rows) counts as 1e9. Negative or fractional sizes
 * are left for mathjs to reject.
 */
function sizeCount(sizes: readonly number[]): number {
  let p = 1;
  let max = 1;
  for (const s of sizes) {
    if (!(s >= 0)) return 0;
    p *= Math.floor(s);
    if (p > max) max = p;
    if (p === 0) break;
  }
  return sizes.length ? max : 1;
}

// ---------------------------------------------------------------------------
// How calls are shown in messages: zeros(1e9), multiply(3000×3000 matrix, …)

export function fmtArg(x: unknown): Bilingual {
  const same = (s: string): Bilingual => ({ en: s, zh: s });
  if (typeof x === 'number') return same(fmtAsTyped(x));
  if (typeof x === 'string') return same(JSON.stringify(x.length > 20 ? `${x.slice(0, 19)}…` : x));
  if (typeof x === 'bigint') {
    const digits = x.toString().length;
    return digits > 12 ? { en: `a ${digits}-digit integer`, zh: `一个 ${digits} 位整数` } : same(`${x}`);
  }
  if (typeof x === 'boolean') return same(String(x));
  if (isCollection(x)) {
    const shape = shapeOf(x);
    const nums = shape.length === 1 && shape[0] <= 4 ? sizeNumbers(x) : [];
    if (shape.length === 1 && nums.length === shape[0]) return same(`[${nums.map(fmtAsTyped).join(', ')}]`);
    if (shape.length === 1) return { en: `a vector of ${fmtSizeCount(shape[0])}`, zh: `长度为 ${fmtSizeCount(shape[0])} 的向量` };
    return { en: `a ${fmtShape(shape)} matrix`, zh: `${fmtShape(shape)} 矩阵` };
  }
  const k = toNumber(x);
  if (k !== undefined) return same(fmtAsTyped(k));
  if (typeof x === 'function') return { en: 'a function', zh: '函数' };
  return typeof x === 'object' && x !== null ? { en: 'an object', zh: '对象' } : same(String(x));
}

export function fmtCall(name: string, args: readonly unknown[]): Bilingual {
  const parts = args.map(fmtArg);
  return { en: `${name}(${parts.map((p) => p.en).join(', ')})`, zh: `${name}(${parts.map((p) => p.zh).join(', ')})` };
}

function refuseCount(name: string, args: readonly unknown[], count: number, limits: Limits): void {
  if (!(count <= limits.maxElements)) throw new GuardError(M.tooMany(fmtCall(name, args), count, limits.maxElements));
}

/** How the student wrote it: + rather than add. */
const OPERATORS: Record<string, string> = {
  add: '+',
  subtract: '-',
  dotMultiply: '.*',
  dotDivide: './',
  dotPow: '.^',
  equal: '==',
  unequal: '!=',
  larger: '>',
  largerEq: '>=',
  smaller: '<',
  smallerEq: '<=',
  mod: 'mod',
  and: 'and',
  or: 'or',
  xor: 'xor',
  bitAnd: '&',
  bitOr: '|',
  bitXor: '^|',
  nullish: '??',
  rightArithShift: '>>',
  rightLogShift: '>>>',
};

// ---------------------------------------------------------------------------
// Element-wise functions: broadcasting two matrices can multiply their sizes

/** Elements of the broadcast result; throws when the shapes do not broadcast. */
export function broadcastCount(args: readonly unknown[], name = 'add'): number {
  const shapes: number[][] = [];
  for (const a of args) if (isCollection(a)) shapes.push(shapeOf(a));
  if (shapes.length < 2) return 0;
  const rank = Math.max(...shapes.map((s) => s.length));
  let total = 1;
  for (let d = 0; d < rank; d++) {
    let dim = 1;
    for (const s of shapes) {
      const v = s[s.length - rank + d] ?? 1;
      if (v === 1) continue;
      if (dim !== 1 && v !== dim) {
        const [a, b] = shapes.filter((sh) => (sh[sh.length - rank + d] ?? 1) !== 1).slice(0, 2);
        throw new GuardError(M.broadcastMismatch(OPERATORS[name] ?? name, a, b));
      }
      dim = v;
    }
    total *= dim;
  }
  return total;
}

export const broadcastGuard: Guard = (args, limits, name) => {
  const n = broadcastCount(args, name);
  if (n > limits.maxElements) refuseCount(name, args, n, limits);
};

// ---------------------------------------------------------------------------
// Matrix product: shapes must fit, and the work must stay bounded

function productShape(a: number[], b: number[]): { shape: number[]; cost: number } {
  if (a.length === 0 || b.length === 0) return { shape: a.length ? a : b, cost: product(a.length ? a : b) };
  if (a.length > 2 || b.length > 2) return { shape: [], cost: 0 }; // mathjs explains
  const inner = a[a.length - 1];
  const innerB = b[0];
  if (inner !== innerB) throw new GuardError(M.matmul(a, b, inner, innerB));
  const rows = a.length === 2 ? [a[0]] : [];
  const cols = b.length === 2 ? [b[1]] : [];
  const shape = [...rows, ...cols];
  return { shape, cost: product(rows) * inner * product(cols) };
}

function digitsOf(x: unknown): number {
  if (typeof x === 'bigint') return x === 0n ? 1 : (x < 0n ? -x : x).toString(16).length * 1.2042;
  if (typeof x === 'object' && x !== null && (x as Any).isFraction === true) {
    const f = x as Any;
    return digitsOf(BigInt(f.n)) + digitsOf(BigInt(f.d));
  }
  return 0;
}

function refuseDigits(call: Bilingual, digits: number): void {
  if (digits > MAX_DIGITS) throw new GuardError(M.tooManyDigits(call, digits, MAX_DIGITS));
}

export const multiplyGuard: Guard = (args, limits, name) => {
  let shape: number[] | null = null;
  let totalCost = 0;
  let digits = 0;
  for (const a of args) {
    digits += digitsOf(a);
    const s = isCollection(a) ? shapeOf(a) : [];
    if (shape === null) {
      shape = s;
      continue;
    }
    const r = productShape(shape, s);
    totalCost += r.cost;
    shape = r.shape;
    const count = product(shape);
    if (count > limits.maxElements) refuseCount(name, args, count, limits);
  }
  if (totalCost > limits.maxCost) {
    const shapes = args.filter(isCollection).map((a) => fmtShape(shapeOf(a)));
    throw new GuardError(
      M.tooCostly(
        shapes.length >= 2 ? { en: `The matrix product ${shapes.join(' * ')}`, zh: `矩阵乘积 ${shapes.join(' * ')}` } : fmtCall(name, args),
        totalCost,
        limits.maxCost,
      ),
    );
  }
  if (digits > 0) refuseDigits(fmtCall(name, args), digits);
};

function squareSize(x: unknown): number {
  const s = isCollection(x) ? shapeOf(x) : [];
  return s.length === 2 ? Math.max(s[0], s[1]) : s.length === 1 ? s[0] : 0;
}

/** det, inv, lup, qr, eigs, …: about n³ steps each. */
export const decompositionGuard: Guard = (args, limits, name) => {
  let cost = 0;
  for (const a of args) {
    const n = squareSize(a);
    cost = Math.max(cost, n * n * n * DECOMPOSITION_WEIGHT);
  }
  if (cost > limits.maxCost) throw new GuardError(M.tooCostly(fmtCall(name, args), cost, limits.maxCost));
};

export const divideGuard: Guard = (args, limits, name) => {
  if (args.length === 2 && isCollection(args[1])) {
    const n = squareSize(args[1]);
    const cost = n * n * n * DECOMPOSITION_WEIGHT + (isCollection(args[0]) ? product(shapeOf(args[0])) * n : 0);
    if (cost > limits.maxCost) throw new GuardError(M.tooCostly(fmtCall(name, args), cost, limits.maxCost));
  }
};

export const powGuard: Guard = (args, limits, name) => {
  const [a, b] = args;
  if (isCollection(a)) {
    const n = squareSize(a);
    const k = Math.abs(toNumber(b) ?? 0);
    const steps = 2 * Math.ceil(Math.log2(k + 1)) + 1;
    const cost = n * n * n * steps + ((toNumber(b) ?? 0) < 0 ? n * n * n * DECOMPOSITION_WEIGHT : 0);
    if (cost > limits.maxCost) throw new GuardError(M.tooCostly(fmtCall(name, args), cost, limits.maxCost));
    return;
  }
  const base = digitsOf(a);
  if (base > 0) {
    const e = Math.abs(toNumber(b) ?? 0);
    refuseDigits(fmtCall(name, args), base * e);
  }
};

export const shiftGuard: Guard = (args, limits, name) => {
  const [a, b] = args;
  if (typeof a === 'bigint' || typeof b === 'bigint') {
    const bits = Math.abs(toNumber(b) ?? 0);
    refuseDigits(fmtCall(name, args), digitsOf(a) + bits * 0.30103);
  }
  broadcastGuard(args, limits, name);
};

// ---------------------------------------------------------------------------
// Functions that allocate from a size

/** zeros(…), ones(…): every number argument (or the size vector) is a dimension. */
export const sizeArgsGuard: Guard = (args, limits, name) => {
  const sizes: number[] = [];
  for (const a of args) if (typeof a !== 'string') sizes.push(...sizeNumbers(a));
  refuseCount(name, args, sizeCount(sizes), limits);
};

export const identityGuard: Guard = (args, limits, name) => {
  const sizes: number[] = [];
  for (const a of args) if (typeof a !== 'string') sizes.push(...sizeNumbers(a));
  refuseCount(name, args, sizes.length === 1 ? sizeCount([sizes[0], sizes[0]]) : sizeCount(sizes), limits);
};

/** random(size, …), randomInt(size, …), matrixFromFunction(size, …): the first argument is the size. */
export const firstSizeGuard: Guard = (args, limits, name) => {
  if (isCollection(args[0])) refuseCount(name, args, sizeCount(sizeNumbers(args[0])), limits);
};

/** resize(x, size), reshape(x, size): the second argument is the size. */
export const secondSizeGuard: Guard = (args, limits, name) => {
  const sizes = sizeNumbers(args[1]).filter((s) => s !== -1);
  if (sizes.length) refuseCount(name, args, sizeCount(sizes), limits);
};

/**
 * reshape(x, sizes): the sizes are one list of whole numbers (-1 = "the rest")
 * that multiply to x's element count. mathjs reads a matrix of sizes as NaN
 * and reports "(NaN vs 1)"; say what is wrong instead.
 */
export const reshapeGuard: Guard = (args) => {
  if (args.length !== 2 || !isCollection(args[0])) return;
  const sizesArg = args[1];
  if (!isCollection(sizesArg)) return;
  const shape = shapeOf(sizesArg);
  if (shape.length !== 1) throw new GuardError(M.reshapeSizes(shape));
  const sizes = sizeNumbers(sizesArg);
  if (sizes.length !== shape[0] || sizes.some((n) => !Number.isInteger(n))) return; // mathjs's own message names the bad size
  const have = countOf(args[0]);
  if (sizes.includes(-1)) return;
  const want = product(sizes);
  if (want !== have) throw new GuardError(M.reshapeCount(have, sizes, want));
};

export const pickRandomGuard: Guard = (args, limits, name) => {
  let n = toNumber(args[1]);
  if (n === undefined && typeof args[1] === 'object' && args[1] !== null) n = toNumber((args[1] as Any).number);
  if (n !== undefined) refuseCount(name, args, n, limits);
};

export const diagGuard: Guard = (args, limits, name) => {
  const s = isCollection(args[0]) ? shapeOf(args[0]) : [];
  if (s.length === 1) {
    const k = Math.abs(toNumber(args[1]) ?? 0);
    refuseCount(name, args, (s[0] + k) * (s[0] + k), limits);
  }
};

export const concatGuard: Guard = (args, limits, name) => {
  let n = 0;
  for (const a of args) if (isCollection(a)) n += countOf(a);
  refuseCount(name, args, n, limits);
};

export const productOfCountsGuard: Guard = (args, limits, name) => {
  let n = 1;
  let any = false;
  for (const a of args) {
    if (isCollection(a)) {
      n *= countOf(a);
      any = true;
    }
  }
  if (any) refuseCount(name, args, n, limits);
};

export const powersetGuard: Guard = (args, limits, name) => {
  const n = countOf(args[0]);
  refuseCount(name, args, n > 60 ? Infinity : 2 ** n * Math.max(1, n / 2), limits);
};

export const matrixDataGuard: Guard = (args, limits, name) => {
  if (isCollection(args[0])) refuseCount(name, args.slice(0, 1), countDeep(args[0]), limits);
};

/** freqz(b, a, w) and quantileSeq(x, n): a count given as a number. */
export const countArgGuard =
  (position: number): Guard =>
  (args, limits, name) => {
    const n = toNumber(args[position]);
    if (n !== undefined && Number.isInteger(n) && n > 1) refuseCount(name, args, n, limits);
  };

/** Start, end and step of a range → how many numbers it holds. */
export function rangeCount(args: readonly unknown[], includeEnd: boolean): number | undefined {
  let start: number | undefined;
  let end: number | undefined;
  let step: number | undefined = 1;
  let incl = includeEnd;
  const rest = [...args];
  if (typeof rest[rest.length - 1] === 'boolean') incl = rest.pop() as boolean;
  if (typeof rest[0] === 'string') {
    const parts = (rest[0] as string).split(':').map((p) => Number(p.trim()));
    if (parts.length === 2) [start, end] = parts;
    else if (parts.length === 3) [start, step, end] = parts;
    else return undefined;
  } else {
    start = toNumber(rest[0]);
    // One number alone: mathjs counts from it to 0 (range(-5) is -5, …, 0), so range(-3e130) must be counted too.
    end = rest.length === 1 ? (start === undefined ? undefined : 0) : toNumber(rest[1]);
    if (rest.length >= 3) step = toNumber(rest[2]);
  }
  if (start === undefined || end === undefined || step === undefined) return undefined;
  if (![start, end, step].every((v) => !Number.isNaN(v))) return undefined;
  if (step === 0) return undefined; // mathjs explains
  const span = (end - start) / step;
  if (span < 0) return 0;
  if (!Number.isFinite(span)) return Infinity;
  const whole = Math.floor(span + 1e-12);
  return whole + (incl || whole < span ? 1 : 0);
}

export const rangeGuard: Guard = (args, limits, name) => {
  const n = rangeCount(args, true);
  if (n !== undefined) refuseCount(name, args, n, limits);
};

export function rangeSyntaxGuard(start: unknown, end: unknown, step: unknown, limits: Limits): void {
  const args = step === undefined ? [start, end] : [start, end, step];
  const n = rangeCount(args, true);
  if (n !== undefined && !(n <= limits.maxElements)) {
    const parts = (step === undefined ? [start, end] : [start, step, end]).map(fmtArg);
    const text = { en: parts.map((p) => p.en).join(':'), zh: parts.map((p) => p.zh).join(':') };
    throw new GuardError(M.tooMany(text, n, limits.maxElements));
  }
}

/** Largest absolute numeric value in nested arrays (booleans and text skipped). */
function maxAbs(x: unknown, depth = 0): number | undefined {
  if (isMatrix(x)) x = (x as Any).valueOf();
  if (Array.isArray(x)) {
    if (depth > 8) return undefined;
    let max: number | undefined;
    for (const v of x) {
      const m = maxAbs(v, depth + 1);
      if (m !== undefined && (max === undefined || m > max)) max = m;
    }
    return max;
  }
  if (typeof x === 'boolean' || typeof x === 'string') return undefined;
  const n = toNumber(x);
  return n === undefined ? undefined : Math.abs(n);
}

/** Index values beyond the largest matrix can only enlarge something (or fail). */
export const indexGuard: Guard = (args, limits) => {
  for (const a of args) {
    const max = maxAbs(a);
    if (max !== undefined && max > limits.maxElements) throw new GuardError(M.indexTooLarge(max, limits.maxElements));
  }
};

export const formatGuard: Guard = (args, _limits, name) => {
  for (const a of args.slice(1)) {
    let p = toNumber(a);
    if (p === undefined && typeof a === 'object' && a !== null && !isCollection(a)) p = toNumber((a as Any).precision);
    if (p !== undefined && p > MAX_PRECISION) throw new GuardError(M.precisionTooLarge(name, p, MAX_PRECISION));
  }
};

/** stirlingS2(n, k) fills a table of n·k numbers (kept for later calls). */
export const stirlingGuard: Guard = (args, limits, name) => {
  const n = toNumber(args[0]) ?? 0;
  const k = toNumber(args[1]) ?? 0;
  refuseCount(name, args, (n + 1) * (Math.min(k, n) + 1), limits);
};

/** bellNumbers(n) and bernoulli(n): about n² table entries. */
export const squareTableGuard: Guard = (args, limits, name) => {
  const n = toNumber(args[0]) ?? 0;
  refuseCount(name, args, (n + 1) * (n + 1), limits);
};

/** factorial and gamma of exact or big numbers loop n times. */
export const factorialGuard: Guard = (args, limits, name) => {
  const a = args[0];
  if (typeof a === 'bigint') {
    const n = Number(a);
    const digits = n > 1 ? (n * Math.log(n) - n) / Math.LN10 : 1;
    refuseDigits(fmtCall(name, args), digits);
  } else if (typeof a === 'object' && a !== null && !isCollection(a)) {
    const n = toNumber(a) ?? 0;
    if (n > limits.maxElements / 10) throw new GuardError(M.tooCostly(fmtCall(name, args), n, limits.maxElements / 10));
  }
};

/** Patches the matrix classes so an assignment like x[1e6, 1e6] = 1 cannot grow a matrix past the limit. */
export function guardMatrixClass(cls: Any, limits: Limits): void {
  const proto = cls?.prototype;
  if (!proto || proto.__nnlearnGuarded) return;
  const check = (self: Any, wanted: number[]) => {
    const cur: number[] = self.size();
    const rank = Math.max(cur.length, wanted.length);
    const next: number[] = [];
    for (let d = 0; d < rank; d++) next.push(Math.max(cur[d] ?? 1, wanted[d] ?? 1));
    const n = sizeCount(next);
    if (n > limits.maxElements)
      throw new GuardError(
        M.tooMany({ en: `Growing a ${fmtShape(cur)} matrix to ${fmtShape(next)}`, zh: `把 ${fmtShape(cur)} 矩阵扩大到 ${fmtShape(next)}` }, n, limits.maxElements),
      );
  };
  const subset = proto.subset;
  proto.subset = function (this: Any, index: Any, ...rest: unknown[]) {
    if (rest.length >= 1 && index && typeof index.max === 'function') {
      const max = (index.max() as unknown[]).map((m) => (toNumber(m) ?? 0) + 1);
      check(this, max);
    }
    return subset.call(this, index, ...rest);
  };
  const set = proto.set;
  proto.set = function (this: Any, index: unknown, ...rest: unknown[]) {
    if (Array.isArray(index)) check(this, index.map((i) => (toNumber(i) ?? 0) + 1));
    return set.call(this, index, ...rest);
  };
  const resize = proto.resize;
  proto.resize = function (this: Any, size: unknown, ...rest: unknown[]) {
    const s = sizeNumbers(size);
    const n = sizeCount(s);
    if (n > limits.maxElements) throw new GuardError(M.tooMany(fmtCall('resize', [s]), n, limits.maxElements));
    return resize.call(this, size, ...rest);
  };
  Object.defineProperty(proto, '__nnlearnGuarded', { value: true });
}

/** The element count a value keeps alive in the scope (strings: 8 characters = one number). */
export function footprint(x: unknown, depth = 0): number {
  if (typeof x === 'string') return Math.ceil(x.length / 8);
  if (isCollection(x)) return countDeep(x);
  if (depth < 4 && typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype) {
    let n = 0;
    for (const v of Object.values(x)) n += footprint(v, depth + 1);
    return n;
  }
  return 1;
}
