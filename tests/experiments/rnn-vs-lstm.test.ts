import { describe, expect, it } from 'vitest';
import { rnnVsLstm } from '../../src/experiments/defs/rnn-vs-lstm.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('experiment rnn-vs-lstm (quick)', () => {
  it.each([1, 2, 3])('seed %i: the LSTM bridges T = 40 where the RNN stays near chance; both learn T = 5', (seed) => {
    const r = runExperiment(rnnVsLstm, { seed, quick: true });
    const m = r.measurements;
    const rnn = m.rnn_accuracy as number[];
    const lstm = m.lstm_accuracy as number[];
    expect(m.gaps).toEqual([5, 10, 20, 40]);
    expect(rnn[0]).toBeGreaterThanOrEqual(0.9);
    expect(lstm[0]).toBeGreaterThanOrEqual(0.9);
    expect(lstm[3] - rnn[3]).toBeGreaterThanOrEqual(0.3);
    expect(rnn[3]).toBeLessThanOrEqual(0.45); // near chance (25 %)
    expect(r.verdict.holds).toBe(true);
    expect(r.verdict.text.en).toContain('At T = 40');
    expect(r.verdict.text.zh).toContain('T = 40');
  }, 60_000);

  it('the verdict says which part failed when the runs do not support the claim', () => {
    const m = { gaps: [5, 10, 20, 40], rnn_accuracy: [1, 1, 1, 0.9], lstm_accuracy: [1, 1, 1, 1], chance: 0.25, rnn_holds_up_to: 40, lstm_holds_up_to: 40, lead_at_largest_gap: 0.1 };
    const v = rnnVsLstm.verdict(m, [], { seed: 1, quick: true });
    expect(v.holds).toBe(false);
    expect(v.text.en).toContain('led by only 10 points');
    expect(v.text.en).toContain('RNN gets every gap right');
  });
});
