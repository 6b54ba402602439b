/**
 * Issue 12: the stepper walks what PyTorch computes — every pooling it accepts
 * (a ceil-mode window larger than the padded input included) and a conv filter
 * over all its input channels, the sum checked against the engine.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conv2d } from '../../src/engine/ops/conv.js';
import { avgPool2d, maxPool2d } from '../../src/engine/ops/pool.js';
import { Tensor } from '../../src/engine/tensor.js';
import { agrees, computeWindow, renderStepperFrame, type StepperData } from '../../src/view/stepper/frame.js';
import { initStepper, stepperGeometry, windowPositions } from '../../src/view/stepper/state.js';
import { opts } from './helpers.js';

const rand = (n: number, seed: number) => {
  let s = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return Math.round(((s / 2 ** 32) * 10 - 5) * 10) / 10;
  });
};

describe('ceil-mode pools whose window is larger than the padded input', () => {
  it('pool [[1,2],[3,4]] F=3 S=2 ceil: one window, partly outside, equal to the engine (4)', () => {
    const x = new Tensor([1, 2, 2], [1, 2, 3, 4]);
    const out = maxPool2d(x, { kernelSize: 3, stride: 2, ceilMode: true }).output;
    expect(out.shape).toEqual([1, 1, 1]);
    const g = stepperGeometry({ op: 'max', H: 2, W: 2, F: 3, S: 2, ceilMode: true });
    expect([g.OH, g.OW]).toEqual([1, 1]);
    const r = computeWindow(g, { input: x, output: out }, windowPositions(g)[0]);
    expect(r.computed).toBe(4);
    expect(agrees(r)).toBe(true);
    const frame = renderStepperFrame(initStepper({ op: 'max', H: 2, W: 2, F: 3, S: 2, ceilMode: true }), { input: x, output: out }, opts(80)).join('\n');
    expect(frame).toContain('ceil mode skips');
    expect(frame).not.toContain('padded 2×2');
  });

  it('any max/avg pool the engine accepts (fast-check, ceil mode too) steps, window for window', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 0, max: 2 }), fc.boolean(), fc.constantFrom('max', 'avg'), fc.integer(), (H, W, F, S, P, ceil, op, seed) => {
        const x = new Tensor([1, H, W], rand(H * W, seed));
        const o = { kernelSize: F, stride: S, padding: P, ceilMode: ceil };
        let out: Tensor;
        try {
          out = op === 'max' ? maxPool2d(x, o).output : avgPool2d(x, o);
        } catch {
          // The engine (as PyTorch) refuses it: the stepper must refuse it too.
          expect(() => stepperGeometry({ op: op as 'max', H, W, F, S, P, ceilMode: ceil })).toThrow();
          return;
        }
        const g = stepperGeometry({ op: op as 'max', H, W, F, S, P, ceilMode: ceil });
        expect([g.OH, g.OW]).toEqual(out.shape.slice(1));
        const data: StepperData = { input: x, output: out };
        for (const pos of windowPositions(g)) expect(agrees(computeWindow(g, data, pos))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});

describe('conv over every input channel', () => {
  it('a 3-channel filter: the window sums all channels and equals conv2d; the frame names channel and filter', () => {
    const C = 3;
    const x = new Tensor([C, 4, 4], rand(C * 16, 5));
    const w = new Tensor([2, C, 3, 3], rand(2 * C * 9, 6));
    const b = new Tensor([2], [0.5, -1]);
    const y = conv2d(x, w, b, { stride: 1, padding: 1 });
    const k = 1;
    const data: StepperData = {
      input: x,
      channels: C,
      weight: new Tensor([C, 3, 3], w.data.subarray(k * C * 9, (k + 1) * C * 9)),
      bias: -1,
      filter: { index: k, count: 2 },
      output: new Tensor([4, 4], y.data.subarray(16, 32)),
    };
    const state = initStepper({ op: 'conv', H: 4, W: 4, F: 3, S: 1, P: 1 });
    for (const pos of state.positions) expect(agrees(computeWindow(state.geometry, data, pos))).toBe(true);
    const frame = renderStepperFrame(state, data, { ...opts(120), channel: 2 }).join('\n');
    expect(frame).toContain('filter 1 of 0…1');
    expect(frame).toContain('drawn: input channel 2 of 0…2; y adds all 3 channels');
    expect(frame).toContain('[ch2]');
    expect(frame).toContain('✓ same');
  });
});
