/**
 * residual-layernorm, quick variant over seeds 1–3: the plain deep tanh stack
 * barely learns and its first layer gets a vanishing gradient; residual
 * connections or layer norm (each alone, and the two together as Add & Norm)
 * make the same stack train. Plus the helpers: the four stacks' wiring, the
 * steps-to-target count and the pair-wise comparisons of the verdict.
 */
import { describe, expect, it } from 'vitest';
import { LayerNorm, Linear, Residual } from '../../src/engine/index.js';
import { CLEAR_MARGIN, deepStack, pairs, residualLayernorm, stepsToLoss } from '../../src/experiments/defs/residual-layernorm.js';
import { runExperiment } from '../../src/experiments/runner.js';

describe('experiment residual-layernorm (quick)', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: Add & Norm, residual and norm stacks train; the plain one does not`, () => {
      const r = runExperiment(residualLayernorm, { seed, quick: true });
      const m = r.measurements as Record<string, number>;
      expect(r.verdict.holds, r.verdict.text.en).toBe(true);
      // The vanishing gradient at the plain stack's first layer, at the first step.
      expect(m.plain_first_grad).toBeLessThan(0.01 * m.both_first_grad);
      expect(m.plain_first_grad).toBeLessThan(0.01 * m.residual_first_grad);
      // Each piece trains the stack: clearly lower mean loss, and it reaches the target loss where plain does not.
      for (const v of ['both', 'residual', 'norm']) {
        expect(m.plain_mean_loss - m[`${v}_mean_loss`]).toBeGreaterThanOrEqual(CLEAR_MARGIN);
        expect(m[`${v}_steps_to_target`]).toBeGreaterThan(0);
        expect(m[`${v}_test_accuracy`]).toBeGreaterThanOrEqual(0.9);
      }
      expect(m.plain_steps_to_target).toBe(-1);
      expect(m.plain_test_accuracy).toBeLessThan(0.85);
      // Add & Norm no worse than either piece alone (within the tie band).
      // Both together against the better piece alone is within the seeds' noise here: reported, not asserted.
    }, 60_000);
  }
});

describe('residual-layernorm helpers', () => {
  it('builds the four wirings from the same first weights', () => {
    const stacks = (['both', 'residual', 'norm', 'plain'] as const).map((v) => deepStack(v, 3, 7));
    const count = (i: number, cls: new (...a: never[]) => unknown) => stacks[i].net.model.layers.filter((m) => m instanceof cls).length;
    expect([0, 1, 2, 3].map((i) => count(i, Residual))).toEqual([3, 3, 0, 0]);
    expect([0, 1, 2, 3].map((i) => count(i, LayerNorm))).toEqual([3, 0, 3, 0]);
    // plain: first fc, 3 block fcs, last fc; residual's block fcs sit inside Residual.
    expect(count(3, Linear)).toBe(5);
    for (const s of stacks) expect(Array.from(s.first.weight.data)).toEqual(Array.from(stacks[0].first.weight.data));
    expect(stacks[0].net.parameters).toBe(stacks[1].net.parameters + 3 * 64);
  });

  it('counts the steps until the 10-step mean falls below the target', () => {
    expect(stepsToLoss(new Array(20).fill(1), 0.1)).toBe(-1);
    expect(stepsToLoss([...new Array(10).fill(1), ...new Array(20).fill(0)], 0.1)).toBe(20);
    expect(stepsToLoss(new Array(10).fill(0.05), 0.1)).toBe(10);
    expect(stepsToLoss(new Array(9).fill(0.05), 0.1)).toBe(-1);
  });

  it('judges the pairs: a tie within the band holds, a clear loss does not', () => {
    const m = (both: number, residual: number, norm: number, plain: number) => ({
      both_mean_loss: both,
      residual_mean_loss: residual,
      norm_mean_loss: norm,
      plain_mean_loss: plain,
    });
    expect(pairs(m(0.1, 0.12, 0.13, 0.6)).map((p) => p.held)).toEqual([true, true, true, true]);
    const tie = pairs(m(0.14, 0.12, 0.1, 0.6));
    expect(tie.map((p) => [p.held, p.tie])).toEqual([[true, true], [true, true], [true, false], [true, false]]);
    expect(pairs(m(0.3, 0.12, 0.1, 0.6)).map((p) => p.held)).toEqual([false, false, true, true]);
    expect(pairs(m(0.1, 0.5, 0.1, 0.6)).map((p) => p.held)).toEqual([true, true, false, true]);
  });

  it('writes a verdict that says which piece failed, and reports (without deciding on) both against one piece', () => {
    const m = {
      both_mean_loss: 0.3, residual_mean_loss: 0.1, norm_mean_loss: 0.55, plain_mean_loss: 0.6,
      both_steps_to_target: 80, residual_steps_to_target: 40, norm_steps_to_target: 40, plain_steps_to_target: -1,
      both_test_accuracy: 1, residual_test_accuracy: 1, norm_test_accuracy: 1, plain_test_accuracy: 0.6,
      both_first_grad: 0.1, residual_first_grad: 0.1, norm_first_grad: 0.1, plain_first_grad: 1e-5, steps: 175, target_loss: 0.1,
    };
    const v = residualLayernorm.verdict(m, [], { seed: 1, quick: true });
    expect(v.holds).toBe(false);
    expect(v.text.en).toContain('LayerNorm only did not clearly beat the plain stack');
    expect(v.text.zh).toContain('没有明显胜过普通堆叠');
    const ok = residualLayernorm.verdict({ ...m, norm_mean_loss: 0.2 }, [], { seed: 1, quick: true });
    expect(ok.holds).toBe(true);
    expect(ok.text.en).toContain('residual only did better than both together here');
    const vanishing = residualLayernorm.verdict({ ...m, norm_mean_loss: 0.2, plain_first_grad: 0.05 }, [], { seed: 1, quick: true });
    expect(vanishing.holds).toBe(false);
    expect(vanishing.text.en).toContain('was not vanishingly small');
  });

});
