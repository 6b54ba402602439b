import { describe, expect, it } from 'vitest';
import type { TaskViews } from '../../src/training/task.js';
import { CLASS_COLORS, nearest256, regionColor, renderBoundary, sureness, type BoundaryFigure } from '../../src/view/figures/index.js';
import { makeTheme } from '../../src/view/style.js';
import { paint, themeOf } from '../../src/view/figures/train-common.js';
import { ANSI, maxWidth } from './helpers.js';
import { circleBoundary, points } from './train-samples.js';

/** 5×5: the two left columns class 0, the rest class 1; the middle column unsure. */
function halves(): BoundaryFigure['boundary'] {
  const predicted = new Uint8Array(25);
  const confidence = new Float32Array(25);
  for (let i = 0; i < 5; i++) {
    for (let j = 0; j < 5; j++) {
      predicted[i * 5 + j] = j < 2 ? 0 : 1;
      confidence[i * 5 + j] = j === 2 ? 0.6 : 0.95;
    }
  }
  return { res: 5, classes: 2, predicted, confidence };
}

const corners: BoundaryFigure['points'] = {
  train: { xy: new Float32Array([-0.9, 0.9, 0.9, -0.9]), labels: new Uint8Array([0, 1]) },
  test: { xy: new Float32Array([0.9, 0.9]), labels: new Uint8Array([0]) },
};

describe('decision boundary without colour', () => {
  it('golden: a class character per cell, doubled where sure, points as digits (train) and letters (test)', () => {
    expect(renderBoundary({ boundary: halves(), points: corners }, 40, { level: 0, lang: 'en', height: 7 })).toEqual([
      '0 ..+ ++a',
      '....+ ++++',
      '....+ ++++',
      '....+ ++++',
      '....+ ++1',
      '.. 0  ++ 1  points: 0–1 train, a–b test',
      'doubled = sure, single = unsure',
    ]);
  });

  it('the legend is in Chinese too, with the class names', () => {
    const text = renderBoundary({ boundary: halves(), classNames: ['猫', '狗'] }, 60, { level: 0, lang: 'zh' }).join('\n');
    expect(text).toContain('.. 猫');
    expect(text).toContain('++ 狗');
    expect(text).toContain('点：0–1 训练，a–b 测试');
  });

  it('fits the grid to the width and the height: two columns and one line per cell', () => {
    for (const [w, h] of [
      [30, 24],
      [80, 10],
      [120, 40],
    ]) {
      const lines = renderBoundary({ boundary: circleBoundary(100) }, w, { level: 0, lang: 'en', height: h });
      expect(lines.length).toBeLessThanOrEqual(h);
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
      const map = lines.filter((l) => /^[.+ ]+$/.test(l));
      const legend = lines.length - map.length;
      // As big as the width allows, unless the height stops it first.
      expect(map.length).toBe(Math.min(Math.floor(w / 2), h - legend));
      expect(map.length === Math.floor(w / 2) || lines.length === h).toBe(true);
    }
  });

  it('upsamples a small grid (nearest cell)', () => {
    const lines = renderBoundary({ boundary: halves() }, 20, { level: 0, lang: 'en', height: 100 });
    // 10 cells across from 5: each source column twice.
    expect(lines[0]).toBe('........+ + ++++++++');
  });

  it('no grid yet: a message and the legend, no crash', () => {
    const lines = renderBoundary({ boundary: { res: 0, classes: 2, predicted: new Uint8Array(), confidence: new Float32Array() } }, 40, { level: 0, lang: 'en' });
    expect(lines[0]).toBe('(no boundary yet)');
  });
});

describe('decision boundary in colour', () => {
  const draw = (level: 1 | 2 | 3, w = 40) => renderBoundary({ boundary: circleBoundary(40), points }, w, { level, lang: 'en', height: 14 });

  it('half blocks: one column and two grid rows per character, points ● (train) and ○ (test)', () => {
    const lines = draw(3);
    const map = lines.filter((l) => l.includes('▀'));
    expect(map.length).toBe(13); // 14 lines minus one legend line: 26 grid rows, so 26 columns
    const bare = map.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''));
    expect(bare.every((l) => l.length === 26)).toBe(true);
    expect(bare.join('')).toContain('●');
    expect(bare.join('')).toContain('○');
    expect(lines[lines.length - 1]).toContain('● train  ○ test');
  });

  it('truecolor at level 3, the 256 palette at level 2, 16 colours at level 1', () => {
    expect(draw(3).join('')).toMatch(/\u001b\[38;2;\d+;\d+;\d+m/);
    const l2 = draw(2).join('');
    expect(l2).toMatch(/\u001b\[38;5;\d+m/);
    expect(l2).not.toMatch(/\u001b\[38;2;/);
    const l1 = draw(1).join('');
    expect(l1).toMatch(/\u001b\[(9[0-7]|3[0-7]|10[0-7]|4[0-7])m/);
    expect(l1).not.toMatch(/\u001b\[(38|48);[25];/);
  });

  it('at 16 colours the legend shows the hues the map uses: blue, yellow, green …', () => {
    const legend = draw(1).at(-1)!;
    expect(legend).toContain('\u001b[94m■\u001b[39m 0');
    expect(legend).toContain('\u001b[93m■\u001b[39m 1');
  });

  it('sure cells are stronger than unsure ones; classes have distinct colours', () => {
    const dark = regionColor(0, 0, 2);
    const strong = regionColor(0, 1, 2);
    expect(strong[2]).toBeGreaterThan(dark[2]);
    const keys = new Set(CLASS_COLORS.map((c) => c.join(',')));
    expect(keys.size).toBe(10);
    // Chance is 0 and certainty 1, whatever the number of classes.
    expect(sureness(0.5, 2)).toBe(0);
    expect(sureness(1, 2)).toBe(1);
    expect(sureness(0.2, 5)).toBeCloseTo(0);
    expect(sureness(Number.NaN, 3)).toBe(0);
  });

  it('no escape codes at level 0', () => {
    expect(renderBoundary({ boundary: circleBoundary(40), points }, 80, { level: 0, lang: 'en' }).join('')).not.toMatch(ANSI);
  });
});

describe('nearest of the 256 colours', () => {
  it('exact cube and grey colours map to themselves', () => {
    expect(nearest256([0, 0, 0])).toBe(16);
    expect(nearest256([255, 255, 255])).toBe(231);
    expect(nearest256([95, 135, 175])).toBe(16 + 36 * 1 + 6 * 2 + 3);
    expect(nearest256([128, 128, 128])).toBe(232 + 12); // grey 128 is on the grey ramp
    // Okabe–Ito blue: each channel to its nearest cube level (0, 95, 175); the greys are far.
    expect(nearest256([0, 114, 178])).toBe(16 + 36 * 0 + 6 * 1 + 3);
  });
});

describe('colour codes written directly', () => {
  it('are the codes chalk writes, at 256 colours and truecolor; plain text at level 0', () => {
    const c3 = makeTheme(3).chalk;
    expect(paint(themeOf(3), [1, 2, 3], [4, 5, 6], '▀')).toBe(c3.rgb(1, 2, 3).bgRgb(4, 5, 6)('▀'));
    expect(paint(themeOf(3), [1, 2, 3], null, '●')).toBe(c3.rgb(1, 2, 3)('●'));
    const c2 = makeTheme(2).chalk;
    const a = nearest256([200, 30, 40]);
    const b = nearest256([10, 200, 90]);
    expect(paint(themeOf(2), [200, 30, 40], [10, 200, 90], '▀')).toBe(c2.ansi256(a).bgAnsi256(b)('▀'));
    expect(paint(themeOf(0), [200, 30, 40], [10, 200, 90], '▀')).toBe('▀');
  });
});

describe('the shapes match the training views', () => {
  it('TaskViews.boundary and .points can be drawn as they are', () => {
    const views: TaskViews = { boundary: circleBoundary(8), points };
    const lines = renderBoundary({ boundary: views.boundary!, points: views.points }, 40, { level: 0, lang: 'en' });
    expect(lines.length).toBeGreaterThan(2);
  });
});
