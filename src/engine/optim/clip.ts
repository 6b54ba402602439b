/**
 * torch.nn.utils.clip_grad_norm_ on parameters: the same clipping as the
 * `clip_grad_norm` op (ops/clip.ts: one total norm over every gradient entry,
 * coef = min(1, max_norm/(total + 1e-6))), written back into each .grad.
 * Returns the total norm before clipping; parameters without a gradient are skipped.
 */
import { type ClipNormType, clipGradNorm } from '../ops/clip.js';
import type { Tensor } from '../tensor.js';

export function clipGradNorm_(params: Iterable<Tensor>, maxNorm: number, normType: ClipNormType = 2): number {
  const grads = [...params].flatMap((p) => (p.grad ? [p.grad] : []));
  const r = clipGradNorm(grads, maxNorm, normType);
  grads.forEach((g, k) => g.data.set(r.grads[k].data));
  return r.totalNorm;
}
