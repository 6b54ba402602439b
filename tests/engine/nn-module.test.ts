/**
 * Modules keep PyTorch's parameter names and layouts, load and save state dicts,
 * and refuse a state dict that does not fit with a message naming the parameter.
 */
import { describe, expect, it } from 'vitest';
import { backward, Dropout, EngineError, F, Linear, noGrad, ReLU, Residual, Sequential, seeded, Tanh, Tensor } from '../../src/engine/index.js';

function mlp(): Sequential {
  const rng = seeded(1);
  return new Sequential([new Linear(2, 4, { rng }), Tanh(), new Residual([new Linear(4, 4, { rng }), ReLU()]), new Linear(4, 3, { rng })]);
}

describe('Module', () => {
  it('names parameters as torch.nn.Sequential does, residual bodies included', () => {
    expect(mlp().namedParameters().map(([n, t]) => `${n} ${t.shape.join('x')}`)).toEqual([
      '0.weight 4x2',
      '0.bias 4',
      '2.body.0.weight 4x4',
      '2.body.0.bias 4',
      '3.weight 3x4',
      '3.bias 3',
    ]);
  });

  it('initialises Linear as PyTorch does: U(−1/√in, 1/√in)', () => {
    const l = new Linear(16, 32, { rng: seeded(3) });
    const bound = 1 / 4;
    const w = Array.from(l.weight.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(bound);
    expect(Math.max(...w.map(Math.abs))).toBeGreaterThan(bound * 0.9);
  });

  it('round-trips a state dict, and stateDict() returns copies', () => {
    const a = mlp();
    const b = new Sequential([new Linear(2, 4), Tanh(), new Residual([new Linear(4, 4), ReLU()]), new Linear(4, 3)]);
    b.loadStateDict(a.stateDict());
    const x = new Tensor([1, 2], [0.3, -0.7]);
    const ya = noGrad(() => a.forward(x));
    const yb = noGrad(() => b.forward(x));
    expect(Array.from(yb.data)).toEqual(Array.from(ya.data));
    const sd = a.stateDict();
    sd['0.weight'].data[0] = 99;
    expect(a.namedParameters()[0][1].data[0]).not.toBe(99);
  });

  it('refuses an unknown name (suggesting the close one), a wrong shape and a missing parameter — before writing anything', () => {
    const m = mlp();
    const sd = m.stateDict();
    const before = Array.from(m.parameters()[0].data);
    const wrongName = { ...sd, '2.body.0.weigth': sd['2.body.0.weight'] };
    expect(() => m.loadStateDict(wrongName)).toThrow(/no parameter "2\.body\.0\.weigth".*"2\.body\.0\.weight"/);
    sd['0.weight'].data.fill(5);
    expect(() => m.loadStateDict({ ...sd, '3.bias': new Tensor([4]) })).toThrow(/"3\.bias" has shape \[3\].*\[4\]/);
    expect(Array.from(m.parameters()[0].data)).toEqual(before);
    const { ['3.bias']: _dropped, ...missing } = sd;
    expect(() => m.loadStateDict(missing)).toThrow(EngineError);
    expect(() => m.loadStateDict(missing, { strict: false })).not.toThrow();
  });

  it('gradients reach every parameter, and zeroGrad clears them', () => {
    const m = mlp();
    backward(F.crossEntropy(m.forward(new Tensor([2, 2], [0.1, 0.2, -0.3, 0.4])), new Tensor([2], [0, 2])));
    for (const [name, p] of m.namedParameters()) expect(p.grad, name).not.toBeNull();
    m.zeroGrad();
    expect(m.parameters().every((p) => p.grad === null)).toBe(true);
  });

  it('Dropout drops while training and is the identity in eval()', () => {
    const net = new Sequential([new Dropout(0.5, 7)]);
    const x = new Tensor([1, 200], Array(200).fill(1));
    const y = net.forward(x);
    const zeros = Array.from(y.data).filter((v) => v === 0).length;
    expect(zeros).toBeGreaterThan(60);
    expect(zeros).toBeLessThan(140);
    expect(Array.from(y.data).every((v) => v === 0 || v === 2)).toBe(true);
    net.eval();
    expect(Array.from(net.forward(x).data).every((v) => v === 1)).toBe(true);
  });
});
