/**
 * The stepper walks every window of a conv or pool, and each window's
 * written-out computation (recomputed from input + weights) equals the
 * engine's output cell: conv2d / max_pool2d / avg_pool2d / lp_pool2d via runOp.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { agrees, computeWindow, renderStepperFrame, type StepperData } from '../../src/view/stepper/frame.js';
import { filledMask, initStepper, stepperGeometry, stepperReducer, windowCells, windowPositions, type StepperConfig, type StepperState } from '../../src/view/stepper/state.js';
import { ANSI, color, maxWidth, numbersIn, opts, plain, WIDTHS } from './helpers.js';

const rand = (n: number, seed: number, digits = 1) => {
  let s = seed >>> 0 || 1;
  return Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return Math.round(((s / 2 ** 32) * 10 - 5) * 10 ** digits) / 10 ** digits;
  });
};

/** Walks from the first window to the last with 'next', checking each one. */
function walk(cfg: StepperConfig, data: StepperData, check: (s: StepperState, i: number) => void): number {
  let s = initStepper(cfg);
  let n = 0;
  for (;;) {
    check(s, n);
    n++;
    const next = stepperReducer(s, { type: 'next' });
    if (next.index === s.index) break;
    expect(next.index).toBe(s.index + 1);
    s = next;
  }
  return n;
}

function expectAllWindowsMatch(cfg: StepperConfig, data: StepperData, windows: number) {
  const seen = new Set<string>();
  const n = walk(cfg, data, (s, i) => {
    const pos = s.positions[s.index];
    expect(s.index).toBe(i);
    seen.add(`${pos.oy},${pos.ox}`);
    const r = computeWindow(s.geometry, data, pos);
    const engine = data.output.data[pos.oy * s.geometry.OW + pos.ox];
    expect(r.engine).toBe(engine);
    expect(r.computed).toBeCloseTo(engine, 4);
    expect(agrees(r)).toBe(true);
    // The frame shows the written-out computation and the engine's cell, agreeing.
    const frame = renderStepperFrame(s, data, opts(120)).join('\n');
    expect(frame).toContain(`y[${pos.oy}, ${pos.ox}] = `);
    expect(frame).toContain('✓ same');
  });
  expect(n).toBe(windows);
  expect(seen.size).toBe(windows);
}

describe('stepper geometry and walk order', () => {
  it('5×5, F=3, S=2, P=1 → 3×3 output: 9 windows, row by row, reading padding at the edges', () => {
    const g = stepperGeometry({ op: 'conv', H: 5, W: 5, F: 3, S: 2, P: 1 });
    expect([g.OH, g.OW]).toEqual([3, 3]);
    const pos = windowPositions(g);
    expect(pos.map((p) => [p.oy, p.ox])).toEqual([
      [0, 0], [0, 1], [0, 2],
      [1, 0], [1, 1], [1, 2],
      [2, 0], [2, 1], [2, 2],
    ]);
    const first = windowCells(g, pos[0]);
    expect(first).toHaveLength(9);
    expect(first.filter((c) => !c.inside).map((c) => [c.r, c.c])).toEqual([[-1, -1], [-1, 0], [-1, 1], [0, -1], [1, -1]]);
    const centre = windowCells(g, pos[4]);
    expect(centre.every((c) => c.inside)).toBe(true);
    expect(centre.map((c) => [c.r, c.c])[0]).toEqual([1, 1]);
  });

  it('pool defaults S = F; dilation spreads the taps; ceil mode adds a partial window', () => {
    expect(stepperGeometry({ op: 'max', H: 4, W: 4, F: 2 })).toMatchObject({ S: 2, OH: 2, OW: 2 });
    const d = stepperGeometry({ op: 'conv', H: 7, W: 7, F: 3, dilation: 2 });
    expect([d.OH, d.OW]).toEqual([3, 3]);
    expect(windowCells(d, { oy: 0, ox: 0 }).map((c) => c.c).slice(0, 3)).toEqual([0, 2, 4]);
    expect(stepperGeometry({ op: 'l2', H: 6, W: 6, F: 3, S: 2 }).OH).toBe(2);
    expect(stepperGeometry({ op: 'l2', H: 6, W: 6, F: 3, S: 2, ceilMode: true }).OH).toBe(3);
    expect(() => stepperGeometry({ op: 'max', H: 5, W: 5, F: 3, P: 2 })).toThrow(/at most F\/2/);
    expect(() => stepperGeometry({ op: 'conv', H: 2, W: 2, F: 5 })).toThrow(/does not fit/);
  });
});

describe('stepper reducer', () => {
  const s0 = initStepper({ op: 'conv', H: 5, W: 5, F: 3, S: 2, P: 1 });

  it('next/prev clamp at the ends; jump and jump-to go to a window', () => {
    expect(stepperReducer(s0, { type: 'prev' })).toBe(s0);
    const s1 = stepperReducer(s0, { type: 'next' });
    expect(s1.index).toBe(1);
    expect(stepperReducer(s1, { type: 'prev' }).index).toBe(0);
    const last = stepperReducer(s0, { type: 'last' });
    expect(last.index).toBe(8);
    expect(stepperReducer(last, { type: 'next' })).toBe(last);
    expect(stepperReducer(s0, { type: 'jump', index: 99 }).index).toBe(8);
    expect(stepperReducer(s0, { type: 'jump', index: -3 }).index).toBe(0);
    expect(stepperReducer(s0, { type: 'jump-to', oy: 2, ox: 1 }).index).toBe(7);
    expect(stepperReducer(s0, { type: 'jump-to', oy: 3, ox: 0 })).toBe(s0);
    expect(stepperReducer(last, { type: 'first' }).index).toBe(0);
  });

  it('play: ticks advance to the last window and stop; a step pauses; play at the end restarts', () => {
    let s = stepperReducer(s0, { type: 'toggle' });
    expect(s.playing).toBe(true);
    const seen: number[] = [];
    for (let i = 0; i < 20; i++) {
      s = stepperReducer(s, { type: 'tick' });
      seen.push(s.index);
    }
    expect(seen.slice(0, 9)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 8]);
    expect(s.playing).toBe(false);
    expect(stepperReducer(s, { type: 'tick' })).toBe(s);
    const again = stepperReducer(s, { type: 'play' });
    expect([again.index, again.playing]).toEqual([0, true]);
    expect(stepperReducer(again, { type: 'next' }).playing).toBe(false);
    expect(stepperReducer(again, { type: 'toggle' }).playing).toBe(false);
  });

  it('the filled output cells are exactly those up to the current window', () => {
    const s = stepperReducer(s0, { type: 'jump', index: 4 });
    expect(filledMask(s)).toEqual([true, true, true, true, true, false, false, false, false]);
  });
});

describe('every window equals the engine', () => {
  it('conv: 5×5 input, F=3, S=2, P=1, with bias → 9 windows, each = conv2d output', () => {
    const x = new Tensor([1, 5, 5], rand(25, 1));
    const w = new Tensor([1, 1, 3, 3], rand(9, 2));
    const b = new Tensor([1], [0.25]);
    const output = runOp('conv2d', { input: x, weight: w, bias: b }, { stride: 2, padding: 1 }).output;
    expect(output.shape).toEqual([1, 3, 3]);
    expectAllWindowsMatch({ op: 'conv', H: 5, W: 5, F: 3, S: 2, P: 1 }, { input: x, weight: w, bias: 0.25, output }, 9);
  });

  it('conv with dilation 2 and padding 2 (7×7, F=3) → 49 windows', () => {
    const x = new Tensor([1, 7, 7], rand(49, 3));
    const w = new Tensor([1, 1, 3, 3], rand(9, 4));
    const output = runOp('conv2d', { input: x, weight: w }, { stride: 1, padding: 2, dilation: 2 }).output;
    expectAllWindowsMatch({ op: 'conv', H: 7, W: 7, F: 3, S: 1, P: 2, dilation: 2 }, { input: x, weight: w, output }, 49);
  });

  it('overlapping max pool (7×7, F=3, S=2) → 9 windows; the winner is the engine’s argmax', () => {
    const x = new Tensor([1, 7, 7], rand(49, 5));
    const { output, indices } = (() => {
      const r = runOp('max_pool2d', { input: x }, { kernel_size: 3, stride: 2 });
      return { output: r.output, indices: r.indices };
    })();
    expect(indices).toBeDefined();
    const data = { input: x, output };
    expectAllWindowsMatch({ op: 'max', H: 7, W: 7, F: 3, S: 2 }, data, 9);
    const s = initStepper({ op: 'max', H: 7, W: 7, F: 3, S: 2 });
    for (const pos of s.positions) {
      const r = computeWindow(s.geometry, data, pos);
      const win = r.cells[r.winner!];
      expect(win.r * 7 + win.c).toBe(indices!.data[pos.index]);
      expect(x.data[win.r * 7 + win.c]).toBe(output.data[pos.index]);
    }
  });

  it('max pool with padding (5×5, F=3, S=2, P=1): padding never wins, even when all real values are negative', () => {
    const x = new Tensor([1, 5, 5], rand(25, 6).map((v) => -Math.abs(v) - 1));
    const output = runOp('max_pool2d', { input: x }, { kernel_size: 3, stride: 2, padding: 1 }).output;
    expectAllWindowsMatch({ op: 'max', H: 5, W: 5, F: 3, S: 2, P: 1 }, { input: x, output }, 9);
  });

  it('average pool with padding, counting the padding or not', () => {
    const x = new Tensor([1, 5, 5], rand(25, 7));
    for (const include of [true, false]) {
      const output = runOp('avg_pool2d', { input: x }, { kernel_size: 3, stride: 2, padding: 1, count_include_pad: include }).output;
      expectAllWindowsMatch({ op: 'avg', H: 5, W: 5, F: 3, S: 2, P: 1, countIncludePad: include }, { input: x, output }, 9);
    }
  });

  it('L2 pool in ceil mode (6×6, F=3, S=2): cut windows scaled as PyTorch does', () => {
    const x = new Tensor([1, 6, 6], rand(36, 8));
    const output = runOp('lp_pool2d', { input: x }, { norm_type: 2, kernel_size: 3, stride: 2, ceil_mode: true }).output;
    expect(output.shape).toEqual([1, 3, 3]);
    expectAllWindowsMatch({ op: 'l2', H: 6, W: 6, F: 3, S: 2, ceilMode: true }, { input: x, output }, 9);
  });

  it('random convs and pools (fast-check): every window of every configuration matches', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        fc.integer({ min: 1, max: 2 }),
        fc.constantFrom('conv', 'max', 'avg', 'l2'),
        fc.integer(),
        (H, W, F, S, P0, D, op, seed) => {
          const pool = op !== 'conv';
          const P = op === 'l2' ? 0 : pool ? Math.min(P0, Math.floor(F / 2)) : P0;
          const dil = pool ? 1 : D;
          const cfg: StepperConfig = { op: op as StepperConfig['op'], H, W, F, S, P, dilation: dil };
          let g;
          try {
            g = stepperGeometry(cfg);
          } catch {
            return; // the window does not fit: nothing to step through
          }
          const x = new Tensor([1, H, W], rand(H * W, seed));
          let data: StepperData;
          if (op === 'conv') {
            const w = new Tensor([1, 1, F, F], rand(F * F, seed + 1));
            data = { input: x, weight: w, output: runOp('conv2d', { input: x, weight: w }, { stride: S, padding: P, dilation: dil }).output };
          } else if (op === 'l2') {
            data = { input: x, output: runOp('lp_pool2d', { input: x }, { norm_type: 2, kernel_size: F, stride: S }).output };
          } else {
            data = { input: x, output: runOp(`${op}_pool2d`, { input: x }, { kernel_size: F, stride: S, padding: P }).output };
          }
          expect(data.output.shape.slice(-2)).toEqual([g.OH, g.OW]);
          for (const pos of windowPositions(g)) {
            const r = computeWindow(g, data, pos);
            expect(agrees(r), `${JSON.stringify(cfg)} at ${pos.oy},${pos.ox}: ${r.computed} vs ${r.engine}`).toBe(true);
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('stepper frame', () => {
  const x = new Tensor([1, 5, 5], Array.from({ length: 25 }, (_, i) => i + 1));
  const w = new Tensor([1, 1, 3, 3], [1, 0, -1, 1, 0, -1, 1, 0, -1]);
  const output = runOp('conv2d', { input: x, weight: w }, { stride: 2, padding: 1 }).output;
  const data = { input: x, weight: w, output };
  const cfg: StepperConfig = { op: 'conv', H: 5, W: 5, F: 3, S: 2, P: 1 };

  it('writes the dot product with the numbers, padding as 0, and the engine value', () => {
    const s = stepperReducer(initStepper(cfg), { type: 'jump', index: 1 });
    const lines = renderStepperFrame(s, data, opts(80));
    const text = lines.join('\n');
    expect(text).toContain('window 2/9 · output row 0, col 1');
    // Window over padded rows 0..2, cols 2..4: top row is padding, then input rows 0 and 1, cols 1..3.
    expect(text.replace(/\s+/g, ' ')).toContain('y[0, 1] = 1·0 + 0·0 + (-1)·0 + 1·2 + 0·3 + (-1)·4 + 1·7 + 0·8 + (-1)·9 = -4');
    expect(output.data[1]).toBe(-4);
    expect(text).toContain('engine output[0, 1] = -4.0000 ✓ same');
  });

  it('draws the padded input with the window [bracketed] and padding as ·, the output filled so far', () => {
    const s = stepperReducer(initStepper(cfg), { type: 'jump', index: 4 });
    const lines = renderStepperFrame(s, data, opts(120));
    const text = lines.join('\n');
    expect(text).toContain('input, padded 7×7 (· = padding)');
    // Window of output (1,1): input rows 1..3, cols 1..3.
    const row2 = lines.find((l) => /^2 /.test(l.trimStart()) && l.includes('['))!;
    expect(row2).toMatch(/·\s+11\s+\[12\]\[13\]\[14\]\s+15\s+·/);
    expect(lines.some((l) => /^\s*·(\s+·){6}/.test(l))).toBe(true);
    // Output panel: 5 filled cells (the 5th bracketed), 4 question marks.
    const outRows = lines.filter((l) => /\?|\[-?\d+\]\s*\?/.test(l));
    const qs = (text.match(/\?/g) ?? []).length;
    expect(qs).toBe(4 + 1); // 4 unfilled + the legend's "? = not computed yet"
    expect(outRows.length).toBeGreaterThan(0);
    expect(output.data[4]).toBe(-6);
    expect(text).toMatch(/-36 \[ -6\]\s+\?/);
    expect(text).not.toMatch(ANSI);
  });

  it('max pool marks the winner *between stars*; colour uses inverse instead of brackets', () => {
    const xm = new Tensor([1, 4, 4], [1, 9, 2, 3, 4, 5, 6, 7, 8, 0, 1, 2, 3, 4, 5, 6]);
    const om = runOp('max_pool2d', { input: xm }, { kernel_size: 2, stride: 2 }).output;
    const s = initStepper({ op: 'max', H: 4, W: 4, F: 2, S: 2 });
    const text = renderStepperFrame(s, { input: xm, output: om }, opts(80)).join('\n');
    expect(text).toContain('[1]*9*');
    expect(text).toContain('y[0, 0] = max(1, 9, 4, 5) = 9');
    const colored = renderStepperFrame(s, { input: xm, output: om }, opts(80, color)).join('\n');
    expect(colored).toMatch(ANSI);
    expect(colored).not.toContain('[1]');
  });

  it('a wrong output is caught: the frame says it differs', () => {
    const bad = new Tensor(output.shape, Array.from(output.data, (v, i) => (i === 0 ? v + 1 : v)));
    const s = initStepper(cfg);
    const text = renderStepperFrame(s, { ...data, output: bad }, opts(80)).join('\n');
    expect(text).toContain('✗ differs from the sum above');
    expect(agrees(computeWindow(s.geometry, { ...data, output: bad }, s.positions[0]))).toBe(false);
  });

  it('big inputs are cropped around the window; every frame fits 40/80/120 columns; Chinese too', () => {
    const xb = new Tensor([1, 32, 32], rand(32 * 32, 9, 2));
    const wb = new Tensor([1, 1, 5, 5], rand(25, 10, 2));
    const ob = runOp('conv2d', { input: xb, weight: wb }, { stride: 1, padding: 2 }).output;
    const c: StepperConfig = { op: 'conv', H: 32, W: 32, F: 5, S: 1, P: 2 };
    for (const w of WIDTHS) {
      for (const index of [0, 500, 1023]) {
        const s = stepperReducer(initStepper(c), { type: 'jump', index });
        for (const th of [plain, color]) {
          const lines = renderStepperFrame(s, { input: xb, weight: wb, output: ob }, { ...opts(w, th), lang: index === 500 ? 'zh' : 'en' });
          expect(maxWidth(lines)).toBeLessThanOrEqual(w);
          expect(lines.length).toBeLessThan(80);
        }
      }
    }
    const s = stepperReducer(initStepper(c), { type: 'jump', index: 1023 });
    const lines = renderStepperFrame(s, { input: xb, weight: wb, output: ob }, opts(80));
    // The window (input rows 29..33 → 29..31 + padding) is in view: row 31 is shown, with brackets.
    expect(lines.some((l) => /^31 /.test(l.trimStart()) && l.includes('['))).toBe(true);
    expect(lines.join('\n')).toContain('…');
    const zh = renderStepperFrame(s, { input: xb, weight: wb, output: ob }, opts(80, plain, 'zh')).join('\n');
    expect(zh).toContain('窗口 1024/1024');
    expect(zh).toContain('✓ 一致');
  });

  it('rejects data of the wrong size', () => {
    const s = initStepper(cfg);
    expect(() => renderStepperFrame(s, { input: new Tensor([1, 4, 4]), weight: w, output }, opts(80))).toThrow(/5×5 = 25 numbers/);
    expect(() => renderStepperFrame(s, { input: x, output }, opts(80))).toThrow(/kernel/);
  });
});

it('numbersIn helper reads signed decimals', () => {
  expect(numbersIn('[-1.50] 2 *3*')).toEqual([-1.5, 2, 3]);
});
