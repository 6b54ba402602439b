/**
 * torch.nn.utils.clip_grad_norm_: the total 2-norm over every gradient entry of
 * every parameter; when it exceeds maxNorm all gradients are scaled by
 * coef = maxNorm/(total + 1e-6) in place. Returns the total before clipping.
 */
import { engineError } from '../messages.js';
import type { Tensor } from '../tensor.js';

export function clipGradNorm_(params: Iterable<Tensor>, maxNorm: number): number {
  if (typeof maxNorm !== 'number' || !(maxNorm >= 0)) throw engineError('clip-max-norm', { value: maxNorm });
  const grads = [...params].flatMap((p) => (p.grad ? [p.grad.data] : []));
  let sq = 0;
  for (const g of grads) for (let i = 0; i < g.length; i++) sq += g[i] * g[i];
  const total = Math.sqrt(sq);
  const coef = Math.min(1, maxNorm / (total + 1e-6));
  if (coef < 1) for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= coef;
  return total;
}
