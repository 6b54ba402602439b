/**
 * Losses, each fused so its gradient is one simple formula:
 *   cross_entropy: mean over positions of −log softmax(logits)[target]; the classes
 *     are the last dimension ([N,C] with targets [N], [N,T,C] with targets [N,T]).
 *     dL/dlogits = (softmax − onehot(target)) / positions.
 *   mse_loss: mean of (input − target)² over every element; dL/dinput = 2(input − target)/size.
 */
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';
import { wasmCrossEntropyGrad, wasmRowLogSumExp } from '../wasm-elementwise.js';

interface CeDims {
  rows: number;
  classes: number;
}

function ceDims(logits: Tensor, target: Tensor): CeDims {
  if (logits.rank < 1) throw engineError('ce-logits-scalar', {});
  const classes = logits.shape[logits.rank - 1];
  const lead = logits.shape.slice(0, -1);
  if (target.rank !== lead.length || target.shape.some((n, i) => n !== lead[i])) {
    throw engineError('ce-target-shape', { logits: logits.shape, target: target.shape, want: lead });
  }
  const rows = logits.size / classes;
  for (let r = 0; r < rows; r++) {
    const t = target.data[r];
    if (!Number.isInteger(t) || t < 0 || t >= classes) throw engineError('ce-target-range', { index: r, value: t, classes });
  }
  return { rows, classes };
}

/** Row-wise log-softmax in float64 (max-subtracted), the fused loss's only pass over the logits. */
function logProbs(logits: Tensor, { rows, classes }: CeDims): Float64Array {
  const out = new Float64Array(logits.size);
  const x = logits.data;
  for (let r = 0; r < rows; r++) {
    const o = r * classes;
    let m = -Infinity;
    for (let j = 0; j < classes; j++) m = Math.max(m, x[o + j]);
    let s = 0;
    for (let j = 0; j < classes; j++) s += Math.exp(x[o + j] - m);
    const lse = m + Math.log(s);
    for (let j = 0; j < classes; j++) out[o + j] = x[o + j] - lse;
  }
  return out;
}

export function crossEntropy(logits: Tensor, target: Tensor): Tensor {
  const d = ceDims(logits, target);
  checkElementwise('cross_entropy', logits.size, 3);
  // Logits in the kernels' memory: each row's log Σ e^x by the WebAssembly kernel, then the same sum as below.
  const lse = wasmRowLogSumExp(logits.data, d.rows, d.classes);
  if (lse) {
    let loss = 0;
    for (let r = 0; r < d.rows; r++) loss -= logits.data[r * d.classes + target.data[r]] - lse[r];
    return Tensor.scalar(loss / d.rows);
  }
  const lp = logProbs(logits, d);
  let loss = 0;
  for (let r = 0; r < d.rows; r++) loss -= lp[r * d.classes + target.data[r]];
  return Tensor.scalar(loss / d.rows);
}

function mseCheck(input: Tensor, target: Tensor): void {
  if (input.rank !== target.rank || input.shape.some((n, i) => n !== target.shape[i])) {
    throw engineError('mse-shapes', { inputShape: input.shape, target: target.shape });
  }
}

export const lossOps: OpDef[] = [
  {
    name: 'cross_entropy',
    summary: 'mean of −log softmax(input)[target] over positions (classes in the last dimension)',
    inputs: [{ name: 'input' }, { name: 'target' }],
    attrs: [],
    outputs: ['loss'],
    nonDifferentiable: ['target'],
    run: (i) => ({ loss: crossEntropy(i.input, i.target) }),
    vjp: ({ inputs: { input, target } }, { loss: g }) => {
      const d = ceDims(input, target);
      const scale = g.data[0] / d.rows;
      const out = new Tensor(input.shape);
      const od = out.data;
      const td = target.data;
      if (wasmCrossEntropyGrad(input.data, od, d.rows, d.classes, scale)) {
        for (let r = 0; r < d.rows; r++) od[r * d.classes + td[r]] -= scale;
        return { input: out };
      }
      const lp = logProbs(input, d);
      for (let r = 0; r < d.rows; r++) {
        const o = r * d.classes;
        for (let j = 0; j < d.classes; j++) od[o + j] = Math.exp(lp[o + j]) * scale;
        od[o + td[r]] -= scale;
      }
      return { input: out };
    },
  },
  {
    name: 'mse_loss',
    summary: 'mean of (input − target)² over every element',
    inputs: [{ name: 'input' }, { name: 'target' }],
    attrs: [],
    outputs: ['loss'],
    run: ({ input, target }) => {
      mseCheck(input, target);
      checkElementwise('mse_loss', input.size);
      let s = 0;
      const xd = input.data;
      const td = target.data;
      for (let k = 0; k < xd.length; k++) s += (xd[k] - td[k]) ** 2;
      return { loss: Tensor.scalar(s / input.size) };
    },
    vjp: ({ inputs: { input, target } }, { loss: g }) => {
      const scale = (2 * g.data[0]) / input.size;
      const gi = new Tensor(input.shape);
      const gt = new Tensor(input.shape);
      const xd = input.data;
      const td = target.data;
      const gid = gi.data;
      const gtd = gt.data;
      for (let k = 0; k < xd.length; k++) {
        const d = (xd[k] - td[k]) * scale;
        gid[k] = d;
        gtd[k] = -d;
      }
      return { input: gi, target: gt };
    },
  },
];
