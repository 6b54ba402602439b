import { checkShape, MAX_RANK } from './budget.js';
import { type EngineError, fmtShape } from './errors.js';
import { engineError } from './messages.js';
import { type Lease, leaseOf, stepAlloc } from './step-memory.js';

/**
 * The recorded op call that made a tensor (autograd/node.ts's GradNode). Tensors see
 * only its name — as PyTorch prints grad_fn=<AddBackward0> — so this file knows
 * nothing of ops or the tape.
 */
export interface GradFn {
  /** The registered op's name, e.g. "add", "conv2d". */
  readonly name: string;
}

/** Nested arrays of numbers, as a student writes a matrix: [[1, 2], [3, 4]]. */
export type Nested = number | Nested[];

/**
 * A dense float32 tensor in row-major (C) order. Immutable shape; the data
 * array is exposed so ops can run tight loops over it without copies.
 */
export class Tensor {
  readonly shape: readonly number[];
  /** What `data` returns (an own field, so comparing two tensors compares their numbers). */
  private numbers: Float32Array;
  /**
   * Set when the numbers live in a training step's memory (step-memory.ts), which is given
   * back when the step ends: reading them after that throws instead of showing whatever the
   * next step wrote there.
   */
  #lease: Lease | null;

  /**
   * The numbers. On the JS path (no lease) this is one null check more than a plain field,
   * which the JIT folds away (measured: the same ns/element reading t.data in a loop).
   * Read it once before a loop, as the ops do.
   */
  get data(): Float32Array {
    const l = this.#lease;
    if (l !== null && l.freed) throw engineError('memory-step-freed', { shape: this.shape });
    return this.numbers;
  }
  /**
   * Autograd (PyTorch's names): a leaf the student trains sets `requiresGrad`;
   * `backward()` adds dLoss/dthis into `grad`. `gradFn` is the recorded op that
   * made this tensor (null for leaves and for results computed under noGrad).
   */
  requiresGrad = false;
  grad: Tensor | null = null;
  gradFn: GradFn | null = null;
  /** Which output of `gradFn` this tensor is (ops such as lstm give several). */
  gradOutputIndex = 0;
  /**
   * Keep dLoss/dthis in `grad` although this is not a leaf (PyTorch's retain_grad()):
   * how a lesson shows the gradient reaching each hidden state of an RNN.
   */
  retainsGrad = false;

  constructor(shape: readonly number[], data?: Float32Array | ArrayLike<number>) {
    const size = checkShape(shape);
    this.shape = Object.freeze([...shape]);
    let numbers: Float32Array;
    if (data === undefined) {
      numbers = allocate(size, shape);
    } else if (data instanceof Float32Array) {
      if (data.length !== size) throw sizeMismatch(shape, size, data.length);
      numbers = data;
    } else {
      numbers = copyNumbers(data, shape, size);
    }
    let lease = leaseOf(numbers);
    if (lease === undefined) {
      // A view of the kernels' memory that no step handed out: nothing would tell when it is
      // overwritten, so the tensor keeps a copy of its numbers instead.
      const copy = allocate(size, shape);
      copy.set(numbers);
      numbers = copy;
      lease = leaseOf(copy) ?? null;
    }
    this.numbers = numbers;
    this.#lease = lease;
  }

  /**
   * @internal The optimizer's move of a parameter (or its state) into the kernels' memory
   * (optim/optimizer.ts): the same numbers, copied into `to` (a persistent block from
   * step-memory.ts persistentAlloc), which this tensor then holds. An array read from `data`
   * before the move is no longer this tensor's: the engine keeps none across steps.
   */
  moveNumbersInto(to: Float32Array): void {
    const lease = leaseOf(to);
    if (to.length !== this.numbers.length || !lease?.persistent) throw new Error('moveNumbersInto: not a persistent block of this size');
    to.set(this.data);
    this.numbers = to;
    this.#lease = lease;
  }

  /**
   * A copy of the numbers in an ordinary array: it outlives the training step it was made in
   * (stepScope frees everything else the step allocated). No gradient is recorded.
   */
  clone(): Tensor {
    return new Tensor(this.shape, new Float32Array(this.data));
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
      if (probe.length === 0) throw engineError('tensor-empty-list', {});
      shape.push(probe.length);
      if (shape.length > MAX_RANK) throw engineError('tensor-too-deep', { max: MAX_RANK });
      probe = probe[0];
    }
    const size = checkShape(shape);
    const out = allocate(size, shape);
    let k = 0;
    const walk = (v: unknown, depth: number, path: string): void => {
      if (depth === shape.length) {
        if (typeof v !== 'number') {
          throw Array.isArray(v) ? engineError('tensor-ragged-depth', { path }) : engineError('tensor-not-number-at', { path, value: v });
        }
        out[k++] = v;
        return;
      }
      if (!Array.isArray(v) || v.length !== shape[depth]) {
        throw engineError('tensor-ragged-rows', { path, n: shape[depth] });
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
      throw engineError('tensor-index-parts', { index, shape: this.shape });
    }
    let off = 0;
    for (let i = 0; i < index.length; i++) {
      const n = this.shape[i];
      const j = index[i];
      if (!Number.isInteger(j) || j < 0 || j >= n) {
        throw engineError('tensor-index-range', { index: j, dim: i, size: n });
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

/** `given` is the length of the data, null when the data has none (a string, an object). */
function sizeMismatch(shape: readonly number[], size: number, given: number | null): EngineError {
  return engineError('tensor-size-mismatch', { shape, size, given });
}

/**
 * A zeroed Float32Array of `size` numbers: inside a training step under the WebAssembly back
 * end, a block of the kernels' memory given back when the step ends (step-memory.ts); else an
 * ordinary array. Ops allocate their outputs and the buffers they save for backward here;
 * what must outlive a step uses `new Float32Array` (gradients of parameters) or a persistent
 * block (parameters and optimizer state, moved by the optimizer: optim/optimizer.ts).
 * The element budget can be raised past what the machine can hold: the RangeError of a
 * failed allocation becomes an EngineError.
 */
export function allocate(size: number, shape?: readonly number[]): Float32Array {
  const inStep = stepAlloc(size);
  if (inStep !== undefined) return inStep;
  try {
    return new Float32Array(size);
  } catch (e) {
    if (e instanceof RangeError) {
      throw engineError('tensor-out-of-memory', { shape: shape ?? [size], size });
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
    throw engineError('tensor-data-not-list', { value: data });
  }
  const list = data as ArrayLike<unknown>;
  const n: unknown = typeof data === 'string' ? NaN : list.length;
  if (typeof n !== 'number' || n !== size) throw sizeMismatch(shape, size, typeof n === 'number' && !Number.isNaN(n) ? n : null);
  const out = allocate(size, shape);
  for (let i = 0; i < size; i++) {
    const v = list[i];
    if (typeof v !== 'number') {
      throw engineError('tensor-data-not-number', { index: i, value: v });
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
