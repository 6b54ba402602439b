/**
 * Gradient clipping by global norm (torch.nn.utils.clip_grad_norm_):
 *   total = ‖all entries of all gradients‖ₚ   (p = 2 by default; p = inf → max |g|)
 *   coef  = min(1, max_norm / (total + 1e-6));   g_i ← g_i · coef
 * The direction of the combined gradient is kept; only its length shrinks.
 */
import type { Attrs } from '../attrs.js';
import { floatAttr, showAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';

export type ClipNormType = number | 'inf';

export interface ClipResult {
  /** The clipped gradients, in the order given (new tensors; the inputs are untouched). */
  grads: Tensor[];
  /** The norm before clipping. */
  totalNorm: number;
  /** The factor every gradient was multiplied by (1 when no clipping happened). */
  coef: number;
}

function checkNormType(normType: ClipNormType): void {
  if (normType === 'inf' || normType === Infinity) return;
  if (typeof normType !== 'number' || !Number.isFinite(normType) || normType <= 0) {
    throw engineError('clip-bad-norm-type', { shown: String(normType) });
  }
}

/** ‖g‖ₚ over all entries of all tensors, accumulated in float64. */
export function totalGradNorm(grads: readonly Tensor[], normType: ClipNormType = 2): number {
  checkNormType(normType);
  checkElementwise('clip_grad_norm', grads.reduce((n, g) => n + g.size, 0), 2);
  if (normType === 'inf' || normType === Infinity) {
    let m = 0;
    for (const g of grads) {
      for (const v of g.data) {
        const a = Math.abs(v);
        if (a > m || Number.isNaN(a)) m = a;
      }
    }
    return m;
  }
  let s = 0;
  if (normType === 2) {
    for (const g of grads) for (const v of g.data) s += v * v;
    return Math.sqrt(s);
  }
  if (normType === 1) {
    for (const g of grads) for (const v of g.data) s += Math.abs(v);
    return s;
  }
  for (const g of grads) for (const v of g.data) s += Math.abs(v) ** normType;
  return s ** (1 / normType);
}

/**
 * Scales all gradients together so their combined norm is at most maxNorm.
 * Returns new tensors; `totalNorm` is the norm before clipping.
 */
export function clipGradNorm(grads: readonly Tensor[], maxNorm: number, normType: ClipNormType = 2): ClipResult {
  if (typeof maxNorm !== 'number' || !Number.isFinite(maxNorm) || maxNorm < 0) {
    throw engineError('clip-bad-max-norm', { shown: String(maxNorm) });
  }
  const totalNorm = totalGradNorm(grads, normType);
  const coef = Math.min(1, maxNorm / (totalNorm + 1e-6));
  const out = grads.map((g) => {
    const d = allocate(g.size);
    const gd = g.data;
    if (coef === 1) d.set(gd);
    else for (let i = 0; i < d.length; i++) d[i] = gd[i] * coef;
    return new Tensor(g.shape, d);
  });
  return { grads: out, totalNorm, coef };
}

function normTypeAttr(attrs: Attrs): ClipNormType {
  const v = attrs.norm_type;
  if (v === undefined || v === null) return 2;
  if (typeof v === 'string') {
    const s = v.trim().toLowerCase();
    if (s === 'inf' || s === 'infinity') return 'inf';
    const n = Number(s);
    if (s !== '' && Number.isFinite(n)) {
      checkNormType(n);
      return n;
    }
  }
  if (typeof v === 'number') {
    checkNormType(v);
    return v === Infinity ? 'inf' : v;
  }
  throw engineError('clip-bad-norm-attr', { shown: showAttr(v) });
}

/** g0, g1, … in numeric order; any other input name is an error. */
function orderedGrads(inputs: Readonly<Record<string, Tensor>>): [string, Tensor][] {
  const entries: [number, string, Tensor][] = [];
  for (const [name, t] of Object.entries(inputs)) {
    const m = /^g(\d+)$/.exec(name);
    if (!m) throw engineError('clip-bad-grad-name', { name });
    entries.push([Number(m[1]), name, t]);
  }
  entries.sort((a, b) => a[0] - b[0]);
  return entries.map(([, name, t]) => [name, t]);
}

export const clipOps: OpDef[] = [
  {
    name: 'clip_grad_norm',
    summary: 'scale gradients g0, g1, … together so their total norm is at most max_norm',
    inputs: 'variadic',
    attrs: ['max_norm', 'norm_type'],
    outputs: 'variadic',
    run: (i, a) => {
      const maxNorm = floatAttr(a, 'max_norm', { min: 0 });
      const normType = normTypeAttr(a);
      const named = orderedGrads(i);
      const r = clipGradNorm(
        named.map(([, t]) => t),
        maxNorm,
        normType,
      );
      const out: Record<string, Tensor> = {};
      named.forEach(([name], k) => {
        out[name] = r.grads[k];
      });
      out.total_norm = Tensor.scalar(r.totalNorm);
      return out;
    },
  },
];
