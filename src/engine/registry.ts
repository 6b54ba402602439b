import type { Attrs } from './attrs.js';
import { editDistance } from './edit-distance.js';
import { engineError } from './messages.js';
import { Tensor } from './tensor.js';

export type Inputs = Readonly<Record<string, Tensor>>;
export type Outputs = Record<string, Tensor>;

/**
 * What an op's forward kept for its backward beyond its inputs and outputs (max-pool's
 * argmax indices, a layer norm's mean and 1/σ, an LSTM's gates…). A forward attaches it
 * to its outputs under this symbol: invisible to Object.keys, so golden checks and
 * callers of runOp never see it.
 */
export const SAVED: unique symbol = Symbol('nnlearn.saved');
export type SavedOutputs = Outputs & { [SAVED]?: unknown };

/** Attaches `saved` to a forward's outputs for its vjp (see SAVED). */
export function withSaved<T extends Outputs>(outputs: T, saved: unknown): T {
  Object.defineProperty(outputs, SAVED, { value: saved, enumerable: false });
  return outputs;
}

/** Everything a vjp may read: the forward's inputs, attributes, outputs and saved values. */
export interface VjpContext {
  readonly inputs: Inputs;
  readonly attrs: Attrs;
  readonly outputs: Outputs;
  readonly saved: unknown;
}

export interface InputSpec {
  name: string;
  optional?: boolean;
}

/**
 * One registered operation, tfjs-style: a name, what it takes and gives,
 * and the kernel. Names are those of the golden format (FORMAT.md).
 */
export interface OpDef {
  name: string;
  /** One line for `listOps()` and error messages. */
  summary: string;
  /** Named inputs, or 'variadic' for g0, g1, … (clip_grad_norm). */
  inputs: readonly InputSpec[] | 'variadic';
  /** Every attribute the op understands, including informational ones. */
  attrs: readonly string[];
  outputs: readonly string[] | 'variadic';
  run(inputs: Inputs, attrs: Attrs): Outputs;
  /**
   * The backward, registered beside the forward (micrograd/tinygrad-style): given
   * dLoss/d(output) for every output (zeros where an output was not used), it returns
   * dLoss/d(input) for each differentiable input, shaped like that input. Ops without
   * it (shape rules, the `*_backward` golden ops) cannot be recorded by autograd.
   */
  vjp?(ctx: VjpContext, gradOutputs: Readonly<Record<string, Tensor>>): Partial<Record<string, Tensor>>;
  /** Inputs that have no gradient (class indices, token ids, masks). */
  nonDifferentiable?: readonly string[];
}

export class OpRegistry {
  private readonly ops = new Map<string, OpDef>();

  constructor(defs: readonly OpDef[] = []) {
    for (const d of defs) this.register(d);
  }

  register(def: OpDef): void {
    if (this.ops.has(def.name)) throw engineError('op-registered-twice', { name: def.name });
    this.ops.set(def.name, def);
  }

  get(name: string): OpDef {
    if (typeof name !== 'string') {
      throw engineError('op-name-not-string', { type: typeof name });
    }
    const def = this.ops.get(name);
    if (!def) {
      const known = [...this.ops.keys()].sort();
      // Closest first: "rellu" suggests relu before gelu.
      const close = known
        .filter((k) => k.includes(name) || name.includes(k) || editDistance(k, name) <= 3)
        .sort((a, b) => editDistance(a, name) - editDistance(b, name));
      throw engineError('op-unknown', { name, close, known });
    }
    return def;
  }

  has(name: string): boolean {
    return this.ops.has(name);
  }

  names(): string[] {
    return [...this.ops.keys()];
  }

  /**
   * Runs an op by name after checking that every required input is a Tensor
   * and that no unknown attribute was given (`strictAttrs`, on by default).
   */
  run(name: string, inputs: Record<string, Tensor | undefined>, attrs: Attrs = {}, opts: { strictAttrs?: boolean } = {}): Outputs {
    const def = this.get(name);
    const given: Record<string, Tensor> = {};
    if (typeof inputs !== 'object' && inputs !== undefined) {
      throw engineError('op-inputs-not-object', { op: name, type: typeof inputs });
    }
    if (attrs !== null && attrs !== undefined && (typeof attrs !== 'object' || Array.isArray(attrs))) {
      throw engineError('op-attrs-not-object', { op: name, type: typeof attrs, list: Array.isArray(attrs) });
    }
    for (const [k, v] of Object.entries(inputs ?? {})) {
      if (v === undefined) continue;
      if (!(v instanceof Tensor)) throw engineError('op-input-not-tensor', { op: name, input: k });
      given[k] = v;
    }
    if (def.inputs !== 'variadic') {
      for (const spec of def.inputs) {
        if (!spec.optional && !(spec.name in given)) {
          throw engineError('op-input-missing', { op: name, input: spec.name, takes: def.inputs });
        }
      }
      const known = new Set(def.inputs.map((s) => s.name));
      for (const k of Object.keys(given)) {
        if (!known.has(k)) throw engineError('op-input-unknown', { op: name, input: k, known: [...known] });
      }
    }
    if (opts.strictAttrs !== false) {
      for (const k of Object.keys(attrs ?? {})) {
        if (!def.attrs.includes(k)) {
          throw engineError('op-attr-unknown', { op: name, attr: k, known: def.attrs });
        }
      }
    }
    try {
      return def.run(given, attrs ?? {});
    } catch (e) {
      // A typed array the machine cannot allocate (the element budget may have been raised
      // past the memory there is) surfaces as a RangeError: say it in the engine's terms.
      if (e instanceof RangeError) {
        throw engineError('op-out-of-memory', { op: name, detail: e.message });
      }
      throw e;
    }
  }
}

/** Throws unless `t` has exactly the expected shape; -1 in `expected` matches any size. */
export function expectShape(t: Tensor, expected: readonly number[], what: string): void {
  const ok = t.shape.length === expected.length && expected.every((n, i) => n === -1 || n === t.shape[i]);
  if (!ok) {
    const want = expected.map((n) => (n === -1 ? '*' : String(n))).join(', ');
    throw engineError('tensor-wrong-shape', { what, want, shape: t.shape });
  }
}

/** Throws unless `t` has the given rank. */
export function expectRank(t: Tensor, rank: number, what: string, layout: string): void {
  if (t.rank !== rank) {
    throw engineError('tensor-wrong-rank', { what, rank, layout, shape: t.shape });
  }
}
