import { describe, expect, it } from 'vitest';
import { downsample, renderHeatmap, shadeLevel, SHADES } from '../../src/view/figures/heatmap.js';
import type { HeatmapBlock } from '../../src/view/figures/types.js';
import { ANSI, color, color16, maxWidth, opts, plain, WIDTHS } from './helpers.js';
import { fmtShort } from '../../src/i18n/numbers.js';

const h = (shape: number[], data: ArrayLike<number>, extra: Partial<HeatmapBlock> = {}): HeatmapBlock => ({ kind: 'heatmap', tensor: { shape, data }, ...extra });
const body = (lines: string[]) => lines.filter((l) => l.includes('│')).map((l) => l.slice(l.indexOf('│') + 1, l.lastIndexOf('│')));

describe('heatmap without colour', () => {
  it('shades a ramp from blank to full block, two columns a cell, inside a frame', () => {
    const lines = renderHeatmap(h([1, 5], [0, 1, 2, 3, 4]), opts(80));
    expect(body(lines)).toEqual(['  ░░▒▒▓▓██']);
    expect(lines.join('\n')).not.toMatch(ANSI);
    expect(lines.some((l) => l.includes('┌') && l.includes('┐'))).toBe(true);
  });

  it('the legend shows min and max (and the scale), in both languages', () => {
    const data = [-0.53, 0.2, 2.1, 1.0];
    const en = renderHeatmap(h([2, 2], data), opts(80)).join('\n');
    expect(en).toMatch(/min -0\.53 \[  ░░▒▒▓▓██\] 2\.1 max/);
    const zh = renderHeatmap(h([2, 2], data), opts(80, plain, 'zh')).join('\n');
    expect(zh).toContain('最小 -0.53');
    expect(zh).toContain('2.1 最大');
  });

  it('a fixed scale (attention 0…1) is used for the shading and the data range is noted', () => {
    const lines = renderHeatmap(h([1, 2], [0.3, 0.5], { min: 0, max: 1 }), opts(80));
    expect(body(lines)).toEqual(['░░▒▒']);
    const text = lines.join('\n');
    expect(text).toContain('min 0 ');
    expect(text).toContain(' 1 max');
    expect(text).toContain('data min 0.3, max 0.5');
  });

  it('row and column labels (tokens) are shown with the cells', () => {
    const tokens = ['The', 'cat', 'sat'];
    const data = [1, 0, 0, 0.5, 0.5, 0, 0.2, 0.3, 0.5];
    const lines = renderHeatmap(h([3, 3], data, { rowLabels: tokens, colLabels: tokens, min: 0, max: 1 }), opts(80));
    expect(lines[1].trim().split(/\s+/)).toEqual(tokens);
    const rows = lines.filter((l) => l.includes('│'));
    expect(rows.map((l) => l.trim().split(' ')[0])).toEqual(tokens);
    // "The" attends fully to "The": a full block under the first column label.
    const col = lines[1].indexOf('The');
    expect(rows[0].slice(col, col + 3)).toBe('███');
    expect(rows[0].slice(col + 4, col + 7)).toBe('   ');
  });

  it('long column labels become numbers with a key', () => {
    const labels = ['transformer', 'attention', 'weights'];
    const lines = renderHeatmap(h([1, 3], [0, 1, 2], { colLabels: labels }), opts(40));
    const text = lines.join('\n');
    expect(lines[1].trim().split(/\s+/)).toEqual(['0', '1', '2']);
    expect(text).toContain('0=transformer');
    expect(text).toContain('2=weights');
  });

  it('NaN and ±∞ get their own characters and a key', () => {
    const lines = renderHeatmap(h([1, 4], [Number.NaN, Infinity, -Infinity, 1]), opts(80));
    expect(body(lines)).toEqual(['??++--▒▒']);
    expect(lines.join('\n')).toContain('? = NaN, + = +∞, - = −∞');
  });

  it('a 224×224 map is downsampled to fit, with a note, at every width', () => {
    const data = new Float32Array(224 * 224).map((_, i) => Math.floor(i / 224) + (i % 224));
    for (const w of WIDTHS) {
      const lines = renderHeatmap(h([224, 224], data), opts(w));
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
      expect(lines.length).toBeLessThan(40);
      const text = lines.join('\n').replace(/\s+/g, ' ');
      expect(text).toMatch(/downsampled 224×224 → (\d+)×\1 \(each cell = mean of (\d+)×\2\)/);
      expect(text).toContain('min 0 ');
      // The legend gives the data's range, not the block means'.
      expect(text).toContain(`${fmtShort(223 + 223)} max`);
    }
  });

  it('a 3-D tensor shows one slice, with a note counting from 1', () => {
    const lines = renderHeatmap(h([2, 1, 2], [0, 0, 5, 10], { slice: 1 }), opts(80));
    expect(body(lines)).toEqual(['  ██']);
    expect(lines.join('\n')).toContain('slice 2 of 2');
  });
});

describe('heatmap with colour', () => {
  it('truecolor: coloured blocks; large label-less maps use half blocks (two rows a line)', () => {
    const small = renderHeatmap(h([2, 2], [0, 1, 2, 3]), opts(80, color));
    expect(small.join('')).toMatch(/\u001b\[38;2;/);
    const big = renderHeatmap(h([20, 20], Array.from({ length: 400 }, (_, i) => i)), opts(80, color));
    const rows = big.filter((l) => l.includes('▀'));
    expect(rows).toHaveLength(10);
    expect(rows[0]).toMatch(/\u001b\[48;2;/);
    expect(maxWidth(big)).toBeLessThanOrEqual(80);
  });

  it('16 colours: the shade characters are kept, coloured', () => {
    const lines = renderHeatmap(h([1, 5], [0, 1, 2, 3, 4]), opts(80, color16));
    const text = lines.join('');
    expect(text).toContain('▓▓');
    expect(text).toMatch(ANSI);
  });
});

describe('helpers', () => {
  it('shadeLevel splits [lo, hi] in five and survives extremes', () => {
    expect([0, 0.19, 0.2, 0.5, 0.99, 1].map((v) => shadeLevel(v, 0, 1))).toEqual([0, 0, 1, 2, 4, 4]);
    expect(shadeLevel(1e308, -1.7e308, 1.7e308)).toBe(3);
    expect(SHADES).toHaveLength(5);
  });

  it('downsample takes block means', () => {
    const p = downsample({ rows: 3, cols: 3, data: Float64Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]) }, 2);
    expect([p.rows, p.cols]).toEqual([2, 2]);
    expect(Array.from(p.data)).toEqual([3, 4.5, 7.5, 9]);
  });
});
