import { checkShape } from './budget.js';
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
      this.data = new Float32Array(size);
    } else {
      if (data.length !== size) {
        throw new EngineError(
          `Shape ${fmtShape(shape)} needs ${size} numbers but ${data.length} were given.`,
        );
      }
      this.data = data instanceof Float32Array ? data : Float32Array.from(data);
    }
  }

  /** Builds a tensor from nested arrays; ragged or non-numeric input is rejected. */
  static fromNested(value: Nested): Tensor {
    const shape: number[] = [];
    let probe: Nested = value;
    while (Array.isArray(probe)) {
      if (probe.length === 0) throw new EngineError('An empty list cannot be a tensor: every dimension needs at least one number.');
      shape.push(probe.length);
      probe = probe[0];
    }
    const size = checkShape(shape);
    const out = new Float32Array(size);
    let k = 0;
    const walk = (v: Nested, depth: number, path: string): void => {
      if (depth === shape.length) {
        if (typeof v !== 'number') {
          throw new EngineError(`Expected a number at ${path || 'the top'}, found a list: the rows have different depths.`);
        }
        out[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw new EngineError(
          `The rows are not all the same length: ${path || 'the top'} should have ${shape[depth]} entries like the first one.`,
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
