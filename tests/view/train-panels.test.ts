import { describe, expect, it } from 'vitest';
import type { EpochRow, LayerGrad } from '../../src/training/task.js';
import { EXPLODE_NORM, gradVerdict, lossAxis, renderCurves, renderGradNorms, renderPerPosition, VANISH_RATIO } from '../../src/view/figures/index.js';
import { ANSI, maxWidth } from './helpers.js';
import { history, stepLosses } from './train-samples.js';

const en = { level: 0, lang: 'en' } as const;

describe('learning curves', () => {
  const two: EpochRow[] = [
    { epoch: 1, step: 4, loss: 1, accuracy: 0.5, test_loss: 1.2, test_accuracy: 0.25, lr: 0.1, examples_per_second: 100 },
    { epoch: 2, step: 8, loss: 0.5, accuracy: 1, test_loss: 0.8, test_accuracy: 0.75, lr: 0.1, examples_per_second: 100 },
  ];

  it('golden: step loss in braille, epoch losses * and o (@ where they meet), accuracy below, the step axis and a legend', () => {
    expect(renderCurves({ history: two, stepLosses: [2, 1.5, 1.2, 1, 0.8, 0.6, 0.55, 0.5] }, 30, { ...en, height: 14 })).toEqual([
      'loss 0.5 (test 0.8)',
      'accuracy 100 % (test 75 %)',
      '   2 ┤⠑⠢⡀',
      '     │  ⠈⠑⠤⣀',
      '     │      ⠉⠑⠒⠢@⣍⣒⣒⡒⠢⠤⠤⢄⣀⣀⣀',
      ' 0.5 ┤             ⠉⠙⠛⠫⠶⢖⣢⣤⣤⣍@',
      '100% ┤                  ⣀⡠⠤⠒⠒*',
      '     │           ⣀⣀⠤⠔⠒⠉⣉⣀⠤⠤⠒⠒o',
      '     │          @⠤⠤⠒⠒⠉⠉',
      "  0% ┤",
      '     └────────────────────────',
      '     step 1                  8',
      '⠤ loss per step  * train',
      'o test  @ both',
    ]);
  });

  it('the accuracy panel gets at least 3 rows, or none; the "above/below" words only where they cost no line', () => {
    for (const h of [10, 12, 14, 18, 24]) {
      const lines = renderCurves({ history: two, stepLosses: [2, 1.5, 1.2, 1, 0.8, 0.6, 0.55, 0.5] }, 30, { ...en, height: h });
      const top = lines.findIndex((l) => l.startsWith('100%'));
      const bottom = lines.findIndex((l) => l.startsWith('  0%'));
      if (top >= 0) expect(bottom - top + 1, `height ${h}`).toBeGreaterThanOrEqual(3);
      else expect(bottom, `height ${h}`).toBe(-1);
    }
    const wide = renderCurves({ history: two, stepLosses: [2, 1, 0.5] }, 100, { ...en, height: 14 }).join('\n');
    expect(wide).toContain('loss above, accuracy below');
  });

  it('a regression names its loss, and the Chinese header uses full-width brackets', () => {
    const rows = two.map((r) => ({ ...r, accuracy: Number.NaN, test_accuracy: Number.NaN }));
    const mse = { en: 'mean squared error', zh: '均方误差' };
    expect(renderCurves({ history: rows, stepLosses: [2, 1], lossName: mse }, 60, en)[0]).toBe('mean squared error 0.5 (test 0.8)');
    expect(renderCurves({ history: rows, stepLosses: [2, 1], lossName: mse }, 60, { level: 0, lang: 'zh' })[0]).toBe('均方误差 0.5（测试 0.8）');
  });

  it('fits the height it is given and the width', () => {
    for (const h of [6, 10, 14, 24]) {
      for (const w of [30, 80]) {
        const lines = renderCurves({ history, stepLosses }, w, { ...en, height: h });
        expect(lines.length, `${w}×${h}`).toBeLessThanOrEqual(h);
        expect(maxWidth(lines)).toBeLessThanOrEqual(w);
      }
    }
  });

  it('turns to a log scale when the loss spans two decades, and says so', () => {
    expect(lossAxis([2.3, 0.01])).toMatchObject({ log: true });
    expect(lossAxis([2.3, 0.1])).toMatchObject({ log: false });
    expect(lossAxis([1, 0, 300])).toMatchObject({ log: false }); // a 0 cannot go on a log axis
    expect(renderCurves({ history: [], stepLosses: [2.3, 1, 0.1, 0.01] }, 60, en).join('\n')).toContain('log scale');
    expect(renderCurves({ history: [], stepLosses: [2.3, 1, 0.5] }, 60, en).join('\n')).not.toContain('log scale');
  });

  it('a long run (200,000 step losses) draws without overflowing a call', () => {
    const many = Array.from({ length: 200_000 }, (_, i) => 1 / (1 + i));
    const lines = renderCurves({ history: [], stepLosses: many }, 80, en);
    expect(lines.join('\n')).toContain('step 1');
    expect(lines.join('\n')).toContain('log scale');
  });

  it('one point is drawn (no division by a zero span)', () => {
    const lines = renderCurves({ history: [], stepLosses: [0.7] }, 40, en);
    expect(lines[0]).toBe('loss 0.7');
    expect(lines.join('\n')).toMatch(/[⠁-⣿]/);
  });

  it('NaN and ∞ are not drawn but counted, and a diverged run is named with a hint', () => {
    const text = renderCurves({ history: [], stepLosses: [2.3, 1, Number.NaN, Infinity] }, 80, en).join('\n');
    expect(text).toContain('not drawn: 1 step loss NaN, 1 ∞');
    expect(text).toContain('training diverged — try a smaller learning rate');
    const zh = renderCurves({ history: [], stepLosses: [Number.NaN] }, 80, { level: 0, lang: 'zh' }).join('\n');
    expect(zh).toContain('还没有可画的损失');
    expect(zh).toContain('训练发散了');
  });

  it('only the last steps are kept: the axis starts where they start', () => {
    const lines = renderCurves({ history: [], stepLosses: [1, 0.9, 0.8], stepsDone: 10_002 }, 40, en);
    expect(lines.join('\n')).toMatch(/step 10000 +10002/);
    const short = renderCurves({ history: [], stepLosses: [1, 0.9, 0.8], stepsDone: 102 }, 40, en);
    expect(short.join('\n')).toMatch(/step 100 +102/);
  });

  it('colour: the series in their own colours; none at level 0', () => {
    expect(renderCurves({ history, stepLosses }, 80, { level: 3, lang: 'en' }).join('')).toMatch(ANSI);
    expect(renderCurves({ history, stepLosses }, 80, en).join('')).not.toMatch(ANSI);
  });
});

describe('gradient norms', () => {
  it('golden: log-scale bars, the decades beneath, the verdict', () => {
    const grads: LayerGrad[] = [
      { layer: 'fc1', norm: 1e-4 },
      { layer: 'fc2', norm: 1e-2 },
      { layer: 'fc3', norm: 1 },
    ];
    expect(renderGradNorms(grads, 40, en)).toEqual([
      'gradient norm per layer',
      'fc1 ····························· 1e-4',
      'fc2 ██████████████▌·············· 0.01',
      'fc3 █████████████████████████████    1',
      '    1e-4       log scale        1',
      "vanishing: fc1's gradient is smaller",
      "than fc3's by 4 orders of magnitude —",
      'the first layers barely learn',
    ]);
  });

  it('the verdict by its documented thresholds', () => {
    const g = (...norms: number[]) => norms.map((norm, i) => ({ layer: `L${i + 1}`, norm }));
    expect(gradVerdict(g(0.1, 0.5, 1)).kind).toBe('ok');
    expect(gradVerdict(g(VANISH_RATIO * 1.01, 1)).kind).toBe('ok');
    expect(gradVerdict(g(VANISH_RATIO * 0.99, 1)).kind).toBe('vanishing');
    expect(gradVerdict(g(0, 1)).kind).toBe('vanishing');
    expect(gradVerdict(g(0.1, EXPLODE_NORM * 2)).kind).toBe('exploding');
    expect(gradVerdict(g(10, EXPLODE_NORM)).kind).toBe('ok');
    expect(gradVerdict(g(1e-9, Number.NaN)).kind).toBe('exploding');
    expect(gradVerdict(g(Infinity)).kind).toBe('exploding');
    expect(gradVerdict(g(0, 0)).kind).toBe('zero');
    expect(gradVerdict([]).kind).toBe('none');
    // One layer cannot vanish relative to itself.
    expect(gradVerdict(g(1e-9)).kind).toBe('ok');
  });

  it('in Chinese, labels aligned by display width', () => {
    const lines = renderGradNorms([{ layer: '卷积1', norm: 0.5 }, { layer: 'fc', norm: Infinity }], 40, { level: 0, lang: 'zh' });
    expect(lines[0]).toBe('各层梯度范数');
    // Both bars start in the same column: after the widest label (卷积1 = 5 columns) and a space.
    expect(lines[1].startsWith('卷积1 ')).toBe(true);
    expect(lines[2].startsWith('fc    ')).toBe(true);
    expect(lines.join('\n')).toContain('梯度爆炸');
  });
});

describe('accuracy per position', () => {
  it('golden: columns on 0–100 % with the positions beneath', () => {
    expect(renderPerPosition([1, 0.75, 0.5, 0.25, Number.NaN], 30, { ...en, height: 4 })).toEqual([
      'test accuracy per position',
      '100% │█',
      '     │█  █',
      '     │█  █  █',
      '  0% │█  █  █  █  ?',
      '      1  2  3  4  5',
      '      position · mean 62.5 %',
    ]);
  });

  it('more positions than columns: means of neighbours, with a note', () => {
    const lines = renderPerPosition(Array.from({ length: 200 }, (_, i) => i / 200), 40, en);
    expect(maxWidth(lines)).toBeLessThanOrEqual(40);
    expect(lines.join(' ').replace(/ +/g, ' ')).toContain('each column = mean of 6 positions');
  });
});
