/**
 * exploding-gradients, quick variant over seeds 1–3: the unclipped RNN (W_hh with
 * spectral radius 5, plain SGD) sees huge gradients and ends no better than chance;
 * the same network with clip_grad_norm_ learns the task. Plus the helpers.
 */
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/engine/index.js';
import {
  EXPLODED_NORM,
  explodingGradients,
  lossSpikes,
  MAX_NORM,
  scaleToRadius,
  spectralRadius,
} from '../../src/experiments/defs/exploding-gradients.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('exploding-gradients helpers', () => {
  it('spectralRadius: the largest |eigenvalue|, also for a rotation-like (complex) pair', () => {
    // diag(3, −0.5): 3.
    expect(spectralRadius([3, 0, 0, -0.5], 2)).toBeCloseTo(3, 6);
    // 2 × a rotation by 1 rad: eigenvalues 2e^{±i}, |λ| = 2, and ‖Wv‖ never settles on a direction.
    const c = 2 * Math.cos(1);
    const s = 2 * Math.sin(1);
    expect(spectralRadius([c, -s, s, c], 2)).toBeCloseTo(2, 6);
    // A non-normal matrix: its norm (≈ 10) is not its radius (0.5).
    expect(spectralRadius([0.5, 10, 0, 0.25], 2)).toBeCloseTo(0.5, 2);
  });

  it('scaleToRadius scales in place to the asked radius', () => {
    const w = new Tensor([3, 3], [0.1, -0.2, 0.3, 0.05, 0.2, -0.1, -0.3, 0.1, 0.15]);
    const before = Array.from(w.data);
    expect(scaleToRadius(w, 4)).toBeCloseTo(4, 4);
    const k = w.data[0] / before[0];
    w.data.forEach((v, i) => expect(v).toBeCloseTo(before[i] * k, 5));
  });

  it('lossSpikes counts jumps of more than 0.5 and a non-finite loss', () => {
    expect(lossSpikes([1, 1.4, 0.9, 1.6, 1.5, NaN])).toBe(2);
    expect(lossSpikes([2, 1.5, 1, 0.5])).toBe(0);
  });
});

describe('exploding-gradients (quick)', () => {
  it.each([1, 2, 3])('seed %i: the unclipped run blows up, the clipped one learns', (seed) => {
    const r = runExperiment(explodingGradients, { seed, quick: true });
    const m = r.measurements as Record<string, number | boolean>;
    expect(r.verdict.holds, r.verdict.text.en).toBe(true);
    expect(m.spectral_radius as number).toBeCloseTo(5, 3);
    expect(m.plain_max_grad_norm as number).toBeGreaterThanOrEqual(EXPLODED_NORM);
    expect(m.plain_diverged === true || (m.plain_final_loss as number) >= 1.0).toBe(true);
    expect(m.clipped_diverged).toBe(false);
    expect(m.clipped_final_loss as number).toBeLessThanOrEqual(0.35);
    expect(m.clipped_accuracy as number).toBeGreaterThanOrEqual(0.9);
    expect(m.plain_spikes as number).toBeGreaterThan(2 * (m.clipped_spikes as number));
    // Clipping acted: some steps' norms were above max_norm.
    expect(m.clipped_steps_fraction as number).toBeGreaterThan(0.1);
    expect(m.max_norm).toBe(MAX_NORM);
  }, 60_000);
});
