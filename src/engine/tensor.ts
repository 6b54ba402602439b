import { checkShape, MAX_RANK } from './budget.js';
import { EngineError, fmtShape } from './errors.js';

/** Nested arrays of numbers, as a student writes a matrix: [[1, 2], [3, 4]]. */
export type Nested = number | Nested[];

/**
 * A dense float32 tensor in row-major (C) order. Immutable shape; the data
 * array is exposed so ops can run tight loops over it without copies.
 */
export class Tensor {
  readonly shape: readonly number[];
  readonly data: Float32Array;

  constructor(shape: readonly number[], data?: Float32Array | ArrayLike<number>) {
    const size = checkShape(shape);
    this.shape = Object.freeze([...shape]);
    if (data === undefined) {
      this.data = allocate(size, shape);
    } else if (data instanceof Float32Array) {
      if (data.length !== size) throw sizeMismatch(shape, size, data.length);
      this.data = data;
    } else {
      this.data = copyNumbers(data, shape, size);
    }
  }

  /**
   * Builds a tensor from nested arrays; ragged or non-numeric input is rejected.
   * The depth is checked against MAX_RANK while it is probed, so an array that
   * contains itself is refused at once instead of being followed forever.
   */
  static fromNested(value: Nested): Tensor {
    const shape: number[] = [];
    let probe: unknown = value;
    while (Array.isArray(probe)) {
      if (probe.length === 0) throw new EngineError('An empty list cannot be a tensor: every dimension needs at least one number.', '空列表不能作为张量：每一维至少要有一个数。');
      shape.push(probe.length);
      if (shape.length > MAX_RANK) {
        throw new EngineError(
          `The list is nested more than ${MAX_RANK} levels deep (or contains itself); a tensor has at most ${MAX_RANK} dimensions.`,
          `这个列表嵌套超过 ${MAX_RANK} 层（或包含它自己）；张量最多 ${MAX_RANK} 维。`,
        );
      }
      probe = probe[0];
    }
    const size = checkShape(shape);
    const out = allocate(size, shape);
    let k = 0;
    const walk = (v: unknown, depth: number, path: string): void => {
      if (depth === shape.length) {
        if (typeof v !== 'number') {
          const where = path || 'the top';
          throw new EngineError(
            Array.isArray(v)
              ? `Expected a number at ${where}, found a list: the rows have different depths.`
              : `Expected a number at ${where}, found ${describeValue(v)}: a tensor holds numbers only.`,
            Array.isArray(v) ? `${where} 处应为数字，却是一个列表：各行的嵌套深度不同。` : `${where} 处应为数字，却是 ${describeValue(v)}：张量只能包含数字。`,
          );
        }
        out[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw new EngineError(
          `The rows are not all the same length: ${path || 'the top'} should have ${shape[depth]} entries like the first one.`,
          `各行长度不一致：${path || '顶层'} 应像第一个一样有 ${shape[depth]} 项。`,
        );
      }
      for (let i = 0; i < v.length; i++) walk(v[i], depth + 1, `${path}[${i}]`);
    };
    walk(value, 0, '');
    return new Tensor(shape, out);
  }

  static zeros(shape: readonly number[]): Tensor {
    return new Tensor(shape);
  }

  static scalar(v: number): Tensor {
    return new Tensor([], [v]);
  }

  get size(): number {
    return this.data.length;
  }

  get rank(): number {
    return this.shape.length;
  }

  /** Element at a full index, e.g. t.get(c, y, x). */
  get(...index: number[]): number {
    return this.data[this.offset(index)];
  }

  private offset(index: number[]): number {
    if (index.length !== this.shape.length) {
      throw new EngineError(`Index [${index.join(', ')}] has ${index.length} parts; shape ${fmtShape(this.shape)} needs ${this.shape.length}.`);
    }
    let off = 0;
    for (let i = 0; i < index.length; i++) {
      const n = this.shape[i];
      const j = index[i];
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw new EngineError(`Index ${j} is out of range for dimension ${i} of size ${n}.`);
      }
      off = off * n + j;
    }
    return off;
  }

  /** Same data viewed with another shape of the same size. */
  reshape(shape: readonly number[]): Tensor {
    return new Tensor(shape, this.data);
  }

  toNested(): Nested {
    if (this.shape.length === 0) return this.data[0];
    const build = (dim: number, off: number): Nested[] => {
      const n = this.shape[dim];
      let stride = 1;
      for (let i = dim + 1; i < this.shape.length; i++) stride *= this.shape[i];
      const row: Nested[] = [];
      for (let i = 0; i < n; i++) {
        row.push(dim === this.shape.length - 1 ? this.data[off + i] : build(dim + 1, off + i * stride));
      }
      return row;
    };
    return build(0, 0);
  }

  /** Readable printing: the shape, then the numbers aligned (large tensors elided). */
  toString(precision = 4): string {
    return formatTensor(this, precision);
  }
}

/** What a non-number is, for messages: "a string (\"a\")", "a BigInt", "undefined (a hole or missing entry)". */
function describeValue(v: unknown): string {
  if (v === undefined) return 'nothing (undefined: a hole or a missing entry)';
  if (v === null) return 'null';
  if (typeof v === 'string') return `a string (${JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v)})`;
  if (typeof v === 'bigint') return 'a BigInt (convert it with Number(…))';
  if (typeof v === 'boolean') return `a boolean (${v})`;
  if (typeof v === 'symbol') return 'a Symbol';
  if (typeof v === 'function') return 'a function';
  return `an object`;
}

function sizeMismatch(shape: readonly number[], size: number, given: unknown): EngineError {
  return new EngineError(`Shape ${fmtShape(shape)} needs ${size} numbers but ${String(given)} were given.`, `形状 ${fmtShape(shape)} 需要 ${size} 个数，但给了 ${String(given)} 个。`);
}

/**
 * A zeroed Float32Array of `size` numbers. The element budget can be raised past
 * what the machine can hold: the RangeError of a failed allocation becomes an EngineError.
 */
export function allocate(size: number, shape: readonly number[] = [size]): Float32Array {
  try {
    return new Float32Array(size);
  } catch (e) {
    if (e instanceof RangeError) {
      throw new EngineError(
        `Could not allocate a tensor of shape ${fmtShape(shape)} (${size} numbers): not enough memory. Use smaller sizes.`,
        `无法为形状 ${fmtShape(shape)} 的张量（${size} 个数）分配内存：内存不足。请用更小的尺寸。`,
      );
    }
    throw e;
  }
}

/**
 * Copies array-like data, refusing anything that is not a number by its index
 * (Float32Array.from would turn "a" into NaN silently and throw a TypeError on a BigInt).
 */
function copyNumbers(data: unknown, shape: readonly number[], size: number): Float32Array {
  if (data === null || (typeof data !== 'object' && typeof data !== 'string')) {
    throw new EngineError(`The data of a tensor must be a list of numbers, got ${describeValue(data)}.`, `张量的数据必须是数字列表，现在是 ${describeValue(data)}。`);
  }
  const list = data as ArrayLike<unknown>;
  const n: unknown = typeof data === 'string' ? NaN : list.length;
  if (typeof n !== 'number' || n !== size) throw sizeMismatch(shape, size, typeof n === 'number' && !Number.isNaN(n) ? n : 'no list of');
  const out = allocate(size, shape);
  for (let i = 0; i < size; i++) {
    const v = list[i];
    if (typeof v !== 'number') {
      throw new EngineError(
        `The data of a tensor must be numbers, but entry ${i} is ${describeValue(v)}.`,
        `张量的数据必须是数字，但第 ${i} 项是 ${describeValue(v)}。`,
      );
    }
    out[i] = v;
  }
  return out;
}

function fmtNumber(v: number, precision: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 10 ** -precision)) return v.toExponential(Math.max(1, precision - 2));
  return v.toFixed(precision);
}

const EDGE = 3; // numbers kept at each end of a long row or column

function formatTensor(t: Tensor, precision: number): string {
  const head = `Tensor ${fmtShape(t.shape)}`;
  if (t.rank === 0) return `${head} ${fmtNumber(t.data[0], precision)}`;
  const shape = t.shape;
  const keep = (n: number): number[] =>
    n <= 2 * EDGE + 1 ? [...Array(n).keys()] : [...Array(EDGE).keys(), -1, ...Array.from({ length: EDGE }, (_, i) => n - EDGE + i)];
  const cells = Array.from(t.data, (v) => fmtNumber(v, precision));
  const width = cells.reduce((w, s) => Math.max(w, s.length), 1);
  const strides = shape.map((_, i) => shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const render = (dim: number, off: number, indent: string): string => {
    const idx = keep(shape[dim]);
    if (dim === shape.length - 1) {
      return '[' + idx.map((i) => (i < 0 ? '…'.padStart(width) : cells[off + i].padStart(width))).join(' ') + ']';
    }
    const sep = dim === shape.length - 2 ? '\n' : '\n\n';
    const rows = idx.map((i) => (i < 0 ? indent + ' …' : indent + ' ' + render(dim + 1, off + i * strides[dim], indent + ' ').trimStart()));
    return '[' + rows.join(sep).trimStart() + ']';
  };
  return `${head}\n${render(0, 0, '')}`;
}
