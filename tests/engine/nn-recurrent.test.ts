/** The RNN, LSTM and Embedding layers: PyTorch's parameter names, shapes, initialisation and refusals. */
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { Embedding, LSTM, RNN, seeded } from '../../src/engine/nn/index.js';
import { registry } from '../../src/engine/ops/all.js';
import { Tensor } from '../../src/engine/tensor.js';

function shapes(m: { namedParameters(): [string, Tensor][] }): Record<string, number[]> {
  return Object.fromEntries(m.namedParameters().map(([n, t]) => [n, [...t.shape]]));
}

function thrown(f: () => unknown): EngineError {
  try {
    f();
  } catch (e) {
    if (e instanceof EngineError) return e;
    throw e;
  }
  throw new Error('did not throw');
}

describe('recurrent layers', () => {
  it('LSTM has PyTorch names, 4H rows, U(±1/√H) values, and maps [N,T,in] → [N,T,H]', () => {
    const m = new LSTM(3, 16, { rng: seeded(1) });
    expect(shapes(m)).toEqual({ weight_ih_l0: [64, 3], weight_hh_l0: [64, 16], bias_ih_l0: [64], bias_hh_l0: [64] });
    for (const [, p] of m.namedParameters()) {
      expect(p.requiresGrad).toBe(true);
      expect(Math.max(...p.data.map(Math.abs))).toBeLessThanOrEqual(0.25);
      expect(Math.max(...p.data.map(Math.abs))).toBeGreaterThan(0.2);
    }
    expect(m.forward(new Tensor([2, 5, 3])).shape).toEqual([2, 5, 16]);
  });

  it('RNN has H rows, tanh by default, relu when asked', () => {
    const m = new RNN(2, 4, { rng: seeded(2) });
    expect(shapes(m)).toEqual({ weight_ih_l0: [4, 2], weight_hh_l0: [4, 4], bias_ih_l0: [4], bias_hh_l0: [4] });
    const x = new Tensor([1, 3, 2], [1, -2, 3, 0.5, -1, 2]);
    expect(m.forward(x).data.every((v) => v > -1 && v < 1)).toBe(true);
    const relu = new RNN(2, 4, { nonlinearity: 'relu', rng: seeded(2) });
    expect(relu.forward(x).data.every((v) => v >= 0)).toBe(true);
  });

  it('refuses a sequence without a batch dimension, naming the layout', () => {
    const e = thrown(() => new LSTM(3, 4).forward(new Tensor([5, 3])));
    expect(e.message).toContain('[N, T, input_size]');
    expect(thrown(() => registry.run('rnn_sequence', { input: new Tensor([5, 3]), weight_ih: new Tensor([4, 3]), weight_hh: new Tensor([4, 4]) })).code).toBe('rnn-batch-rank');
  });
});

describe('Embedding', () => {
  it('has weight [num, dim] drawn from N(0, 1) and maps ids [N,T] → [N,T,dim]', () => {
    const m = new Embedding(100, 20, { rng: seeded(3) });
    expect(shapes(m)).toEqual({ weight: [100, 20] });
    const w = m.weight.data;
    const mean = w.reduce((a, b) => a + b, 0) / w.length;
    const std = Math.sqrt(w.reduce((a, b) => a + (b - mean) ** 2, 0) / w.length);
    expect(Math.abs(mean)).toBeLessThan(0.1);
    expect(std).toBeGreaterThan(0.9);
    expect(std).toBeLessThan(1.1);
    const y = m.forward(new Tensor([2, 3], [0, 99, 5, 5, 0, 1]));
    expect(y.shape).toEqual([2, 3, 20]);
    expect([...y.data.slice(20, 40)]).toEqual([...w.slice(99 * 20, 100 * 20)]);
  });

  it('refuses an id outside the table and says the range', () => {
    const m = new Embedding(5, 2);
    for (const id of [5, -1, 1.5]) {
      const e = thrown(() => m.forward(new Tensor([2], [0, id])));
      expect(e.code).toBe('embedding-id');
      expect(e.message).toContain('0 to 4');
    }
  });
});
