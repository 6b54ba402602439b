/**
 * The lstm lessons (cell-state, gates): the content linter, the teaching
 * order, and the numbers the demos show checked against the engine's runOp.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runOp, Tensor } from '../../src/engine/index.js';
import { evaluateFormula } from '../../src/lessons/formula.js';
import { cellState } from '../../src/lessons/lstm/cell-state.js';
import { beltExperiment, beltInputs, beltWeights, lstmParamCount, SENTENCE } from '../../src/lessons/lstm/common.js';
import { drawCell, drawChain } from '../../src/lessons/lstm/diagrams.js';
import { gates, gateSteps } from '../../src/lessons/lstm/gates.js';
import type { Lesson } from '../../src/lessons/types.js';
import { makeTheme } from '../../src/view/style.js';
import { formulas, plainLesson, topicIds } from './helpers.js';

const plain = (lesson: Lesson, lang: 'en' | 'zh', seed = 1, width = 80) => plainLesson(lesson, lang, { seed, width });

const MINE: Lesson[] = [cellState, gates];



describe('lstm lessons', () => {
  it('are the lstm index, in the catalog’s teaching order', async () => {
    const { lessons } = await import('../../src/lessons/lstm/index.js');
    expect(lessons.map((l) => l.id)).toEqual(topicIds('lstm'));
    expect(lessons).toEqual(MINE);
  });

  it('each has a live formula', () => {
    for (const l of MINE) expect(formulas(l).length, l.id).toBeGreaterThan(0);
  });

  it('draw the chain and the cell within 80 and 120 columns without cutting', () => {
    for (const draw of [drawChain, drawCell]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const width of [80, 120]) {
          const lines = draw({ lang, width, theme: makeTheme(0) });
          expect(Math.max(...lines.map((l) => stringWidth(l)))).toBeLessThanOrEqual(width);
        }
      }
    }
    const chain = drawChain({ lang: 'en', width: 120, theme: makeTheme(0) }).join('\n');
    expect(chain).toContain('c₄');
    expect(drawChain({ lang: 'en', width: 80, theme: makeTheme(0) }).join('\n')).toContain('c₃');
  });

  it('the belt demo is the engine’s LSTM: f ≈ 1 carries step 2 to step 9, f ≈ 0 loses it', () => {
    for (const seed of [1, 2, 3]) {
      const [keep, half, lose] = beltExperiment(seed);
      const w = beltWeights(keep.forgetBias);
      const out = runOp('lstm', { input: beltInputs(1, seed), weight_ih: w.weightIh, weight_hh: w.weightHh, bias_ih: w.biasIh! });
      expect(Array.from(out.output.data)).toEqual(Array.from(keep.plural.output.data));
      expect(out.c_n.data[0]).toBeCloseTo(keep.c9, 6);
      expect(keep.f).toBeGreaterThan(0.97);
      expect(half.f).toBeCloseTo(0.5, 6);
      expect(lose.f).toBeLessThan(0.03);
      expect(keep.c9).toBeGreaterThan(0.8 * keep.c2);
      expect(Math.abs(lose.c9)).toBeLessThan(0.05);
      expect(Math.abs(keep.dh9)).toBeGreaterThan(0.5);
      expect(Math.abs(lose.dh9)).toBeLessThan(1e-3);
      expect(keep.plural.inputGate.data[1]).toBeGreaterThan(0.95);
    }
    expect(SENTENCE[1]).toBe('cats');
    expect(SENTENCE[8]).toBe('were');
  });

  it('the gates demo rebuilds c_t = f·c_{t−1} + i·g from the engine’s gates', () => {
    for (const seed of [1, 7]) {
      for (const s of gateSteps(seed)) {
        expect(s.recomputed).toBeCloseTo(s.c, 5);
        expect(s.h).toBeCloseTo(s.o * Math.tanh(s.c), 5);
        for (const g of [s.f, s.i, s.o]) {
          expect(g).toBeGreaterThan(0);
          expect(g).toBeLessThan(1);
        }
        expect(Math.abs(s.g)).toBeLessThan(1);
      }
    }
  });

  it('counts parameters with one bias and with PyTorch’s two', async () => {
    expect(lstmParamCount(10, 20)).toMatchObject({ oneBias: 2480, pytorch: 2560 });
    expect(lstmParamCount(3, 2).pytorch).toBe(4 * (2 * (3 + 2) + 2 * 2));
    const [, params] = formulas(gates);
    expect((await evaluateFormula(params)).result).toBe(lstmParamCount(10, 20).oneBias);
    expect((await evaluateFormula(params, { I: 100, H: 128 })).result).toBe(4 * (128 * 228 + 128));
    const cell = formulas(gates)[0];
    expect((await evaluateFormula(cell, { f: 1, c: 0.7, i: 0, g: 0.3 })).result).toBeCloseTo(0.7, 12);
  });

  it('say what the notes say', async () => {
    const a = await plain(cellState, 'en');
    expect(a).toMatch(/conveyor belt/);
    expect(a).toMatch(/cell state/);
    expect(a).toMatch(/step 2 and hand it to step 9/);
    expect(a).toMatch(/chain of LSTM units/);
    const z = await plain(cellState, 'zh');
    expect(z).toMatch(/传送带/);
    // The notes' term is 单元状态; 细胞状态 appears once, as an alias.
    expect(z).toMatch(/单元状态/);
    expect(z.match(/细胞状态/g) ?? []).toHaveLength(1);
    const g = await plain(gates, 'en');
    for (const s of ['forget gate', 'input gate', 'output gate', 'cₜ = fₜ ⊙ cₜ₋₁ + iₜ ⊙ gₜ', 'hₜ = oₜ ⊙ tanh(cₜ)', '4·(H·(I + H) + 2H)']) expect(g).toContain(s);
    const gz = await plain(gates, 'zh');
    for (const s of ['遗忘门', '输入门', '输出门', '单元状态']) expect(gz).toContain(s);
    expect(gz).not.toMatch(/细胞/);
  });

  it('"LSTM unit" means one time step\'s block (the notes\' sense), never one of the H numbers', async () => {
    for (const lesson of [cellState, gates]) {
      const en = (await plain(lesson, 'en', 1, 200)).replace(/\s+/g, ' ');
      expect(en, lesson.id).not.toMatch(/one-unit LSTM|with (one|two) units?\b|H hidden units|units whose/);
    }
    expect((await plain(cellState, 'en', 1, 200)).replace(/\s+/g, ' ')).toMatch(/an LSTM unit here is the block for one time step/);
  });
});
