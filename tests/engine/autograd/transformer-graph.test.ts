/**
 * backward() through a whole (small) TransformerEncoderLayer with a causal mask:
 * x is used four times (Q, K and V of one self-attention op, and the residual), the
 * layer norms, ReLU and both residual adds — the gradient of the input and of every
 * parameter must match finite differences.
 */
import { describe, expect, it } from 'vitest';
import { backward } from '../../../src/engine/autograd/backward.js';
import * as F from '../../../src/engine/autograd/functional.js';
import { checkGraph } from '../../../src/engine/autograd/gradcheck.js';
import { noGrad } from '../../../src/engine/autograd/grad-mode.js';
import { seeded, TransformerEncoderLayer } from '../../../src/engine/nn/index.js';
import { Tensor } from '../../../src/engine/tensor.js';
import { randTensor } from '../gradcheck.js';

/** Small enough that no ReLU input crosses its kink (at 1e-2 one of them does, and the difference quotient is wrong there). */
const H = 1e-3;

function layer(): TransformerEncoderLayer {
  const m = new TransformerEncoderLayer(4, 2, 6, { causal: true, rng: seeded(5) });
  // Nonzero biases and layer-norm affine parameters, so their gradients are exercised too.
  const rng = seeded(9);
  for (const [name, p] of m.namedParameters()) {
    if (!name.endsWith('weight') || name.startsWith('norm')) for (let i = 0; i < p.size; i++) p.data[i] += (rng() * 2 - 1) * 0.3;
  }
  return m;
}

describe('TransformerEncoderLayer (causal) through backward()', () => {
  it('the input gradient matches finite differences', () => {
    const m = layer();
    const r = checkGraph({ x: randTensor([2, 3, 4], 31) }, (l) => m.forward(l.x), { h: H });
    expect(r.checked).toBe(24);
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('every parameter gradient matches finite differences', () => {
    const m = layer();
    const x = randTensor([2, 3, 4], 32);
    const w = randTensor([2, 3, 4], 33);
    const loss = (): Tensor => F.sum(F.mul(m.forward(x), w));
    m.zeroGrad();
    backward(loss());
    const h = H;
    let checked = 0;
    for (const [name, p] of m.namedParameters()) {
      for (let i = 0; i < p.size; i++) {
        const orig = p.data[i];
        p.data[i] = orig + h;
        const lp = noGrad(() => loss().data[0]);
        p.data[i] = orig - h;
        const lm = noGrad(() => loss().data[0]);
        p.data[i] = orig;
        const numeric = (lp - lm) / (2 * h);
        const analytic = p.grad!.data[i];
        expect(Math.abs(analytic - numeric), `${name}[${i}]: analytic ${analytic}, numeric ${numeric}`).toBeLessThanOrEqual(2e-3 + 2e-2 * Math.abs(numeric));
        checked++;
      }
    }
    expect(checked).toBe(m.parameters().reduce((n, p) => n + p.size, 0));
  });

  it('a later position does not change an earlier output (the causal mask)', () => {
    const m = layer();
    const x = randTensor([1, 3, 4], 34);
    const y = noGrad(() => m.forward(x));
    x.data[2 * 4 + 1] += 1; // change position 2 only
    const y2 = noGrad(() => m.forward(x));
    expect(Array.from(y2.data.subarray(0, 8))).toEqual(Array.from(y.data.subarray(0, 8)));
    expect(y2.data[8]).not.toBe(y.data[8]);
  });
});
