import { beforeAll, describe, expect, it } from 'vitest';
import { noGrad } from '../../src/engine/index.js';
import { CAUSAL_PENALTY, JUDGE_MARGIN, LOOKAHEAD_GAIN, MASK_TOLERANCE, maskedAttention } from '../../src/experiments/defs/masked-attention.js';
import { causalLoss, realWordFraction, windowLoss, windowStarts, wordsOf } from '../../src/experiments/defs/masked-attention-eval.js';
import { runExperiment } from '../../src/experiments/runner.js';
import { loadLessonCorpus } from '../../src/training/data/lesson-text.js';
import { SequenceNet } from '../../src/training/models/sequence-net.js';

beforeAll(async () => {
  await loadLessonCorpus();
});

describe('masked-attention: what it measures', () => {
  const ids = Int32Array.from({ length: 60 }, (_, i) => (i * 7 + (i >> 2)) % 9);
  const net = (causal: boolean) => new SequenceNet({ cell: 'transformer', hidden: 8, input: { kind: 'tokens', vocab: 9 }, outputs: 9, seed: 4, causal });

  it('with the mask, cutting the window after each position changes nothing; without it, it does', () => {
    const starts = windowStarts(ids, 6);
    expect(starts).toEqual([0, 6, 12, 18, 24, 30, 36, 42, 48]);
    const masked = net(true);
    const open = net(false);
    const [mw, mc, ow, oc] = noGrad(() => [windowLoss(masked, ids, starts, 6), causalLoss(masked, ids, starts, 6), windowLoss(open, ids, starts, 6), causalLoss(open, ids, starts, 6)]);
    expect(Math.abs(mw - mc)).toBeLessThan(1e-5);
    expect(Math.abs(ow - oc)).toBeGreaterThan(1e-3);
  });

  it('real words: runs of two or more letters found in the corpus; none at all counts as 0', () => {
    const corpus = new Set(wordsOf('The layer, the weights: x·W + b.'));
    expect([...corpus].sort()).toEqual(['layer', 'the', 'weights']);
    expect(realWordFraction('the lyer weights a', corpus)).toBeCloseTo(2 / 3, 10);
    expect(realWordFraction('= = 0 =', corpus)).toBe(0);
  });
});

describe('masked-attention (quick)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: the unmasked model's low loss is copying; it predicts and writes worse`, () => {
      const r = runExperiment(maskedAttention, { seed, quick: true });
      const m = r.measurements as Record<string, number | string>;
      const n = (k: string) => m[k] as number;
      expect(r.verdict.holds, r.verdict.text.en).toBe(true);
      expect(n('unmasked_train_loss')).toBeLessThanOrEqual(n('masked_train_loss') - LOOKAHEAD_GAIN);
      expect(n('unmasked_test_loss')).toBeLessThan(n('masked_test_loss'));
      expect(n('unmasked_causal_loss')).toBeGreaterThanOrEqual(n('masked_causal_loss') + CAUSAL_PENALTY);
      expect(Math.abs(n('masked_causal_loss') - n('masked_test_loss'))).toBeLessThanOrEqual(MASK_TOLERANCE);
      expect(n('judge_unmasked_sample')).toBeGreaterThanOrEqual(n('masked_test_loss') + JUDGE_MARGIN);
      expect((m.masked_sample as string).length).toBeGreaterThan(50);
      expect((m.unmasked_sample as string).length).toBeGreaterThan(50);
      expect(r.verdict.text.zh).toContain(String(Number(n('unmasked_causal_loss').toPrecision(4))));
    }, 60_000);
  }
});
