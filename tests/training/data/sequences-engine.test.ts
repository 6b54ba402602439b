/** The sequence tasks' shapes go straight into the engine's layers and loss, as a run will use them. */
import { describe, expect, it } from 'vitest';
import { crossEntropy, mseLoss } from '../../../src/engine/autograd/functional.js';
import { Embedding, Last, Linear, LSTM, Sequential, TransformerEncoderLayer, seeded } from '../../../src/engine/nn/index.js';
import { Tensor } from '../../../src/engine/tensor.js';
import { adding } from '../../../src/training/data/adding.js';
import { memory } from '../../../src/training/data/memory.js';
import { reverse } from '../../../src/training/data/reverse.js';
import { oneHot } from '../../../src/training/data/sequences.js';

describe('sequence tasks fit the engine', () => {
  it('memory one-hot → LSTM → last step → Linear → cross entropy', () => {
    const r = memory.make({ size: 20, steps: 5, symbols: 3 });
    if (!r.ok) throw new Error(r.error.en);
    const s = r.value.train;
    const g = seeded(1);
    const model = new Sequential([new LSTM(s.features, 8, { rng: g }), new Last(), new Linear(8, s.classes, { rng: g })]);
    const x = new Tensor([4, s.steps, s.features], oneHot(s, 0, 4));
    const logits = model.forward(x);
    expect(logits.shape).toEqual([4, 3]);
    const loss = crossEntropy(logits, new Tensor([4], Float32Array.from(s.targets.subarray(0, 4))));
    expect(Number.isFinite(loss.data[0])).toBe(true);
  });

  it('adding inputs → LSTM → last step → Linear → mean squared error', () => {
    const r = adding.make({ size: 20, steps: 6 });
    if (!r.ok) throw new Error(r.error.en);
    const s = r.value.train;
    const g = seeded(2);
    const model = new Sequential([new LSTM(2, 8, { rng: g }), new Last(), new Linear(8, 1, { rng: g })]);
    const out = model.forward(new Tensor([s.n, s.steps, 2], s.inputs!));
    expect(out.shape).toEqual([s.n, 1]);
    expect(Number.isFinite(mseLoss(out, new Tensor([s.n, 1], s.targets as Float32Array)).data[0])).toBe(true);
  });

  it('reverse ids → Embedding → Transformer encoder → Linear; the last T positions against [N, T] targets', () => {
    const r = reverse.make({ size: 20, steps: 4, symbols: 3 });
    if (!r.ok) throw new Error(r.error.en);
    const s = r.value.train;
    const g = seeded(3);
    const model = new Sequential([new Embedding(s.vocab!, 8, { rng: g }), new TransformerEncoderLayer(8, 2, 16, { rng: g }), new Linear(8, s.classes, { rng: g })]);
    const ids = new Tensor([2, s.steps], Float32Array.from(s.ids!.subarray(0, 2 * s.steps)));
    const out = model.forward(ids);
    expect(out.shape).toEqual([2, s.steps, s.classes]);
    expect(s.targets.length / s.n).toBe(s.answerSteps);
  });
});
