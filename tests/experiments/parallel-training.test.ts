import { beforeAll, describe, expect, it } from 'vitest';
import { F, noGrad, Tensor } from '../../src/engine/index.js';
import { CHAIN_RATIO, chainOf, LENGTHS, parallelTraining } from '../../src/experiments/defs/parallel-training.js';
import { longestChain, opCount, stepwiseForward } from '../../src/experiments/defs/parallel-training-depth.js';
import { runExperiment } from '../../src/experiments/runner.js';
import { loadLessonCorpus } from '../../src/training/data/lesson-text.js';
import { SequenceNet } from '../../src/training/models/sequence-net.js';

beforeAll(async () => {
  await loadLessonCorpus();
});

describe('parallel-training: the longest chain of ops', () => {
  it('counts ops on the longest path, not all ops', () => {
    const w = new Tensor([2], Float32Array.from([1, 2]));
    w.requiresGrad = true;
    let chain = w;
    for (let k = 0; k < 5; k++) chain = F.tanh(chain); // 5 ops one after another
    const side = F.relu(w); // 1 op beside them
    const out = F.add(chain, side); // + 1
    expect(longestChain(out)).toBe(6);
    expect(opCount(out)).toBe(7);
    expect(() => longestChain(noGrad(() => F.tanh(w)))).toThrow(/no recorded op/);
  });

  it('the step-by-step RNN is the same function as the fused one; only its graph shows the steps', () => {
    const net = new SequenceNet({ cell: 'rnn', hidden: 12, input: { kind: 'tokens', vocab: 7 }, outputs: 7, seed: 2 });
    const x = new Tensor([3, 10], Float32Array.from({ length: 30 }, (_, i) => (i * 5) % 7));
    const a = stepwiseForward(net, x);
    const b = net.forward(x);
    expect(a.shape).toEqual(b.shape);
    for (let i = 0; i < a.size; i++) expect(Math.abs(a.data[i] - b.data[i])).toBeLessThan(1e-5);
    expect(longestChain(a)).toBe(10 + 5); // embed, slice, reshape, 10 cells, stack, head
    expect(longestChain(b)).toBe(3); // embed, rnn_sequence, head: the fused op hides the steps
  });

  it('the RNN chain grows one op per step; the Transformer chain does not grow', () => {
    const rnn = LENGTHS.map((T) => chainOf('rnn', T, 20, 1));
    const tf = LENGTHS.map((T) => chainOf('transformer', T, 20, 1));
    expect(rnn).toEqual(LENGTHS.map((T) => T + 5));
    expect(new Set(tf).size).toBe(1);
  });
});

describe('parallel-training (quick)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the verdict follows from the chains (times are reported, not asserted)`, () => {
      const r = runExperiment(parallelTraining, { seed, quick: true });
      const m = r.measurements as Record<string, number[] | number>;
      const rc = m.rnn_chain as number[];
      const tc = m.transformer_chain as number[];
      expect(r.verdict.holds, r.verdict.text.en).toBe(true);
      expect(m.lengths).toEqual([...LENGTHS]);
      for (let k = 1; k < LENGTHS.length; k++) expect(rc[k] - rc[k - 1]).toBe(LENGTHS[k] - LENGTHS[k - 1]);
      expect(tc.every((c) => c === tc[0])).toBe(true);
      expect(rc.at(-1)!).toBeGreaterThanOrEqual(CHAIN_RATIO * tc.at(-1)!);
      // The two models are of about the same size (within 15 %).
      expect(Math.abs((m.rnn_parameters as number) / (m.transformer_parameters as number) - 1)).toBeLessThan(0.15);
      for (const t of [...(m.rnn_epoch_ms as number[]), ...(m.transformer_epoch_ms as number[])]) expect(t).toBeGreaterThan(0);
      expect(r.verdict.text.en).toContain(rc.join(', '));
      expect(r.verdict.text.zh).toContain(rc.join('、'));
    }, 60_000);
  }
});
