/**
 * The base of every layer, as torch.nn.Module: parameters and sub-modules by
 * name, so `stateDict()` names match PyTorch's ("0.weight",
 * "2.self_attn.in_proj_weight", "1.body.0.bias") and weights load from and
 * compare with PyTorch state_dicts; train()/eval() switch dropout.
 */
import { editDistance } from '../edit-distance.js';
import { engineError } from '../messages.js';
import { Tensor } from '../tensor.js';

export abstract class Module {
  training = true;
  private readonly ownParams = new Map<string, Tensor>();
  private readonly children = new Map<string, Module>();

  abstract forward(x: Tensor): Tensor;

  /** The layer's name in messages ("Linear(2 → 16)"). */
  abstract describe(): string;

  /** Registers a trainable parameter (requiresGrad set) under `name`. */
  protected param(name: string, t: Tensor): Tensor {
    t.requiresGrad = true;
    this.ownParams.set(name, t);
    return t;
  }

  protected child<M extends Module>(name: string, m: M): M {
    this.children.set(name, m);
    return m;
  }

  /** [name, tensor] for every parameter, depth first in registration order (PyTorch's order). */
  namedParameters(prefix = ''): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    for (const [n, t] of this.ownParams) out.push([prefix + n, t]);
    for (const [n, c] of this.children) out.push(...c.namedParameters(`${prefix}${n}.`));
    return out;
  }

  parameters(): Tensor[] {
    return this.namedParameters().map(([, t]) => t);
  }

  /** Copies of every parameter by name. */
  stateDict(): Record<string, Tensor> {
    return Object.fromEntries(this.namedParameters().map(([n, t]) => [n, new Tensor(t.shape, new Float32Array(t.data))]));
  }

  /**
   * Copies the given values into the parameters. An unknown name or a wrong shape is
   * refused before anything is written; with strict (the default) every parameter
   * must be given.
   */
  loadStateDict(sd: Readonly<Record<string, Tensor>>, opts: { strict?: boolean } = {}): void {
    const mine = new Map(this.namedParameters());
    const known = [...mine.keys()];
    for (const [name, t] of Object.entries(sd)) {
      const p = mine.get(name);
      if (!p) {
        const close = known.filter((k) => editDistance(k, name) <= 3 || k.endsWith(name) || name.endsWith(k)).slice(0, 3);
        throw engineError('nn-param-unknown', { name, close, known });
      }
      if (p.shape.length !== t.shape.length || p.shape.some((n, i) => n !== t.shape[i])) {
        throw engineError('nn-param-shape', { name, want: p.shape, got: t.shape });
      }
    }
    if (opts.strict !== false) {
      const missing = known.filter((k) => !(k in sd));
      if (missing.length > 0) throw engineError('nn-param-missing', { names: missing });
    }
    for (const [name, t] of Object.entries(sd)) mine.get(name)!.data.set(t.data);
  }

  train(mode = true): this {
    this.training = mode;
    for (const c of this.children.values()) c.train(mode);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Clears every parameter's .grad (optimizer.zeroGrad() does the same for its parameters). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }
}
