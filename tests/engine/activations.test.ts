import { describe, expect, it } from 'vitest';
import { relu, reluBackward, sigmoid, sigmoidBackward, tanh, tanhBackward } from '../../src/engine/ops/activations.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, randTensor } from './gradcheck.js';

// Inputs kept away from 0 so ReLU's kink is not inside a finite-difference step.
function awayFromZero(shape: number[], seed: number): Tensor {
  const t = randTensor(shape, seed, 2);
  for (let i = 0; i < t.size; i++) if (Math.abs(t.data[i]) < 0.1) t.data[i] += t.data[i] < 0 ? -0.2 : 0.2;
  return t;
}

describe('activation backwards (finite differences)', () => {
  it('relu x=[3,4]', () => {
    const r = gradCheck({ x: awayFromZero([3, 4], 1) }, (i) => relu(i.x), (i, g) => ({ x: reluBackward(i.x, g) }));
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
  it('sigmoid x=[2,5]', () => {
    const r = gradCheck({ x: randTensor([2, 5], 2, 3) }, (i) => sigmoid(i.x), (i, g) => ({ x: sigmoidBackward(sigmoid(i.x), g) }));
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
  it('tanh x=[4,3]', () => {
    const r = gradCheck({ x: randTensor([4, 3], 3, 2) }, (i) => tanh(i.x), (i, g) => ({ x: tanhBackward(tanh(i.x), g) }));
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
  it('sigmoid stays finite for large inputs (no overflow in e^−x)', () => {
    const y = sigmoid(Tensor.fromNested([-1000, 0, 1000]));
    expect(Array.from(y.data)).toEqual([0, 0.5, 1]);
  });
});
