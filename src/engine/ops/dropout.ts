/**
 * Inverted dropout (PyTorch's): in training each element is zeroed with
 * probability p and the survivors are scaled by 1/(1−p), so evaluation (no
 * dropout at all) sees the same expected activations. Seeded, so a run can be
 * repeated exactly; the mask is saved for the vjp.
 */
import { boolAttr, floatAttr, intAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import { type OpDef, withSaved } from '../registry.js';
import { mulberry32 } from '../random.js';
import { allocate, Tensor } from '../tensor.js';

export const dropoutOps: OpDef[] = [
  {
    name: 'dropout',
    summary: 'zeroes each element with probability p (seeded) and scales the rest by 1/(1−p); identity when training is false',
    inputs: [{ name: 'input' }],
    attrs: ['p', 'seed', 'training'],
    outputs: ['output'],
    run: (i, a) => {
      const p = floatAttr(a, 'p', { default: 0.5, min: 0 });
      if (p > 1) throw engineError('dropout-p', { p });
      const x = i.input;
      if (!boolAttr(a, 'training', true) || p === 0) return withSaved({ output: new Tensor(x.shape, x.data) }, null);
      checkElementwise('dropout', x.size);
      const rand = mulberry32(intAttr(a, 'seed', { default: 0 }));
      const keep = p === 1 ? 0 : 1 / (1 - p);
      const mask = allocate(x.size);
      const out = new Tensor(x.shape);
      const xd = x.data;
      const od = out.data;
      for (let k = 0; k < xd.length; k++) {
        mask[k] = rand() < p ? 0 : keep;
        od[k] = xd[k] * mask[k];
      }
      return withSaved({ output: out }, mask);
    },
    vjp: ({ saved }, { output: g }) => {
      const mask = saved as Float32Array | null;
      if (!mask) return { input: g };
      const gi = new Tensor(g.shape);
      const gd = g.data;
      const gid = gi.data;
      for (let k = 0; k < gd.length; k++) gid[k] = gd[k] * mask[k];
      return { input: gi };
    },
  },
];
