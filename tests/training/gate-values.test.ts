import { describe, expect, it } from 'vitest';
import { lstmWithGates, noGrad, Tensor } from '../../src/engine/index.js';
import { SequenceNet } from '../../src/training/models/sequence-net.js';
import { buildSequenceRun } from '../../src/training/runs/sequence.js';
import type { SequenceRunTask } from '../../src/training/tasks/sequence.js';

describe('SequenceNet.gateValues', () => {
  it('gives every unit\'s gates and cell for every sequence, as the lessons\' un-batched LSTM computes them', () => {
    const net = new SequenceNet({ cell: 'lstm', hidden: 8, input: { kind: 'tokens', vocab: 6 }, outputs: 6, seed: 3 });
    const seqs = [[0, 3, 5, 1, 1, 2], [4, 4, 0, 2, 5, 1]];
    const x = new Tensor([2, 6], Float32Array.from(seqs.flat()));
    const v = net.gateValues(x)!;
    expect([v.steps, v.units, v.forget.length]).toEqual([6, 8, 2 * 6 * 8]);
    const lstm = net.recurrent!;
    for (let n = 0; n < 2; n++) {
      const embedded = noGrad(() => net.embed!.forward(new Tensor([1, 6], Float32Array.from(seqs[n]))));
      const ref = lstmWithGates(new Tensor([6, embedded.shape[2]], embedded.data), null, null, {
        weightIh: lstm.weight_ih_l0,
        weightHh: lstm.weight_hh_l0,
        biasIh: lstm.bias_ih_l0,
        biasHh: lstm.bias_hh_l0,
      });
      for (let k = 0; k < 6 * 8; k++) {
        const at = n * 48 + k;
        expect(v.input[at]).toBeCloseTo(ref.inputGate.data[k], 5);
        expect(v.forget[at]).toBeCloseTo(ref.forgetGate.data[k], 5);
        expect(v.candidate[at]).toBeCloseTo(ref.cellGate.data[k], 5);
        expect(v.output[at]).toBeCloseTo(ref.outputGate.data[k], 5);
        expect(v.cell[at]).toBeCloseTo(ref.cells.data[k], 5);
      }
    }
    // gateMeans is their mean over the units, for one sequence.
    const one = new Tensor([1, 6], Float32Array.from(seqs[0]));
    const means = net.gateMeans(one)!;
    const v1 = net.gateValues(one)!;
    for (let t = 0; t < 6; t++) expect(means.forget[t]).toBeCloseTo(v1.forget.slice(t * 8, t * 8 + 8).reduce((s, y) => s + y, 0) / 8, 6);
  });

  it('is undefined for an RNN', () => {
    const net = new SequenceNet({ cell: 'rnn', hidden: 4, input: { kind: 'features', features: 3 }, outputs: 2, seed: 1 });
    expect(net.gateValues(new Tensor([1, 2, 3]))).toBeUndefined();
  });
});

describe('buildSequenceRun', () => {
  it('builds a sequence run on a data set of the size asked (train + test), the run\'s defaults filling the rest', () => {
    const built = buildSequenceRun('memory-lstm', { length: 7, seed: 2 }, 300);
    expect(built.ok).toBe(true);
    const task = (built as { ok: true; task: SequenceRunTask }).task;
    expect(task.data.train.n + task.data.test.n).toBe(300);
    expect(task.data.train.steps).toBe(8);
    expect(task.info.epochs).toBe(10); // memory's default
    const plain = buildSequenceRun('memory-lstm', { length: 7 });
    expect((plain as { ok: true; task: SequenceRunTask }).task.data.train.n).toBe(1600);
    expect(buildSequenceRun('memory-lstm', {}, 5).ok).toBe(false); // below the data's own range
    expect(buildSequenceRun('spiral', {}).ok).toBe(false);
  });
});
