/**
 * One finite-difference checker for every registered backward (micrograd's
 * lesson: check each vjp against the definition of the derivative).
 *
 *   loss = Σ_outputs Σ w ⊙ output, fixed random weights w (so every output element counts)
 *   analytic: the op's vjp with grad_output = w
 *   numeric:  (loss(x + h) − loss(x − h)) / 2h for every element of every differentiable input
 *
 * The data are float32, so tolerances are those of float32 central differences
 * (h = 1e-2 by default; the losses are summed in float64). checkGraph does the
 * same through backward() for any composed function — reuse of a tensor,
 * broadcasting, masks, recurrences.
 */
import type { Attrs } from '../attrs.js';
import { registry } from '../ops/all.js';
import { SAVED, type SavedOutputs } from '../registry.js';
import { mulberry32 } from '../random.js';
import { Tensor } from '../tensor.js';
import { backward } from './backward.js';
import { noGrad } from './grad-mode.js';

export interface GradCheckOptions {
  h?: number;
  atol?: number;
  rtol?: number;
  seed?: number;
  /** Inputs not to check (their gradient is not needed or not defined at the sample point). */
  skip?: readonly string[];
}

export interface GradCheckWorst {
  input: string;
  index: number;
  analytic: number;
  numeric: number;
}

export interface GradCheckResult {
  ok: boolean;
  /** How many input elements were nudged. */
  checked: number;
  worst: GradCheckWorst | null;
}

function weightsLike(t: Tensor, rand: () => number): Tensor {
  return new Tensor(t.shape, Float32Array.from({ length: t.size }, () => rand() * 2 - 1));
}

function dot(a: Tensor, w: Tensor): number {
  let s = 0;
  for (let i = 0; i < a.size; i++) s += a.data[i] * w.data[i];
  return s;
}

/** Compares analytic gradients with central differences of `loss` over the named tensors. */
function compare(
  tensors: Readonly<Record<string, Tensor>>,
  analytic: Readonly<Record<string, Tensor | undefined>>,
  loss: () => number,
  opts: GradCheckOptions,
): GradCheckResult {
  const h = opts.h ?? 1e-2;
  const atol = opts.atol ?? 2e-3;
  const rtol = opts.rtol ?? 2e-2;
  let worst: GradCheckWorst | null = null;
  let worstExcess = -Infinity;
  let checked = 0;
  for (const [name, x] of Object.entries(tensors)) {
    if (opts.skip?.includes(name)) continue;
    const g = analytic[name];
    for (let i = 0; i < x.size; i++) {
      const orig = x.data[i];
      x.data[i] = orig + h;
      const lp = loss();
      x.data[i] = orig - h;
      const lm = loss();
      x.data[i] = orig;
      const numeric = (lp - lm) / (2 * h);
      const a = g ? g.data[i] : 0;
      const excess = Math.abs(numeric - a) - (atol + rtol * Math.abs(numeric));
      checked++;
      if (!(excess <= worstExcess) || worst === null) {
        worstExcess = Number.isNaN(excess) ? Infinity : excess;
        worst = { input: name, index: i, analytic: a, numeric };
      }
    }
  }
  return { ok: worstExcess <= 0, checked, worst };
}

/** Checks the registered vjp of `op` at the given inputs (copied: the caller's tensors are not touched). */
export function checkOpGradients(op: string, inputs: Readonly<Record<string, Tensor>>, attrs: Attrs = {}, opts: GradCheckOptions = {}): GradCheckResult {
  const def = registry.get(op);
  const own = Object.fromEntries(Object.entries(inputs).map(([n, t]) => [n, new Tensor(t.shape, new Float32Array(t.data))]));
  const outputs = registry.run(op, own, attrs);
  const rand = mulberry32(opts.seed ?? 99);
  const w = Object.fromEntries(Object.entries(outputs).map(([n, t]) => [n, weightsLike(t, rand)]));
  const vjp = def.vjp;
  if (!vjp) throw new Error(`${op} has no vjp to check`);
  const analytic = vjp({ inputs: own, attrs, outputs, saved: (outputs as SavedOutputs)[SAVED] }, w);
  const diffable = Object.fromEntries(Object.entries(own).filter(([n]) => !(def.nonDifferentiable ?? []).includes(n)));
  const loss = (): number => {
    const out = registry.run(op, own, attrs);
    let s = 0;
    for (const [n, t] of Object.entries(out)) s += dot(t, w[n]);
    return s;
  };
  return compare(diffable, analytic, loss, opts);
}


/**
 * Checks backward() through a whole recorded function of `leaves` (each gets requiresGrad):
 * f may reuse a leaf, broadcast, mask, recur — whatever a network does.
 */
export function checkGraph(leaves: Readonly<Record<string, Tensor>>, f: (x: Readonly<Record<string, Tensor>>) => Tensor, opts: GradCheckOptions = {}): GradCheckResult {
  const own = Object.fromEntries(Object.entries(leaves).map(([n, t]) => [n, new Tensor(t.shape, new Float32Array(t.data))]));
  for (const t of Object.values(own)) t.requiresGrad = true;
  const y = f(own);
  const w = weightsLike(y, mulberry32(opts.seed ?? 99));
  backward(y, w);
  const analytic = Object.fromEntries(Object.entries(own).map(([n, t]) => [n, t.grad ?? undefined]));
  const loss = (): number => noGrad(() => dot(f(own), w));
  return compare(own, analytic, loss, opts);
}
