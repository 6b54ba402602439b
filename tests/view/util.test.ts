import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderVisual } from '../../src/view/figures/index.js';
import stripAnsi from 'strip-ansi';
import { color, opts } from './helpers.js';
import { fmtFixed, fmtShort } from '../../src/i18n/numbers.js';
import { clipLine, packPanels, truncate, wrapPlain } from '../../src/view/layout.js';

describe('view helpers', () => {
  it('wrapPlain: every line fits, no non-space character is lost, no line starts with Chinese closing punctuation', () => {
    const word = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('深度切片', '（即输出）', '最大值，', 'x', '句子。', 'supercalifragilistic'));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.integer({ min: 6, max: 60 }), (words, w) => {
        const s = words.join(' ');
        const lines = wrapPlain(s, w, '  ');
        for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(w);
        expect(lines.join('').replace(/\s+/g, '')).toBe(s.replace(/\s+/g, ''));
        for (const l of lines.slice(1)) expect(l.trimStart()).not.toMatch(/^[，。、；：？！）》」』】]/);
      }),
      { numRuns: 300 },
    );
  });

  it('wrapPlain keeps a number whole when Chinese punctuation after it moves to the next line', () => {
    const s = '测试准确率：CNN（5,994 个参数）92.5%；MLP 8（6,370）85.2%，MLP 32（25,450）89.8%，MLP 128（101,770）89.9%。';
    const lines = wrapPlain(s, 80);
    expect(lines).toHaveLength(2);
    expect(lines[1].startsWith('89.8%，')).toBe(true);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
  });

  it('fmtFixed / fmtShort', () => {
    expect(fmtFixed(1.005, 2)).toBe('1.00');
    expect(fmtFixed(-0.001, 2)).toBe('-1e-3');
    expect(fmtFixed(-0.0, 2)).toBe('0.00');
    expect(fmtFixed(12345678, 2)).toBe('1.23e7');
    expect(fmtFixed(Number.NaN, 2)).toBe('nan');
    expect(fmtFixed(-Infinity, 0)).toBe('-inf');
    expect(fmtShort(0.000123)).toBe('1.23e-4');
    expect(fmtShort(2.10001)).toBe('2.1');
  });

  it('truncate, clipLine and packPanels measure with string-width', () => {
    expect(truncate('深度切片', 5)).toBe('深度…');
    const red = color.chalk.red('深度切片abc');
    const clipped = clipLine(red, 5);
    expect(stringWidth(clipped)).toBeLessThanOrEqual(5);
    expect(stripAnsi(clipped)).toBe('深度');
    expect(packPanels([['ab'], ['深度'], ['xyz']], 9, 1)).toEqual(['ab 深度', '', 'xyz']);
    expect(packPanels([['too wide']], 3)).toBeNull();
  });

  it('renderVisual dispatches every kind', () => {
    const kinds = [
      { kind: 'matrix', tensor: { shape: [1], data: [7] } },
      { kind: 'heatmap', tensor: { shape: [1], data: [7] } },
      { kind: 'volumes', items: [{ width: 2, height: 3, depth: 4 }] },
      { kind: 'bars', items: [{ label: 'p', value: 0.5 }] },
      { kind: 'sparkline', values: [1, 2] },
      { kind: 'chart', series: [{ label: 's', values: [1, 2] }] },
    ] as const;
    const firsts = kinds.map((b) => renderVisual(b, opts(80)).join('\n'));
    expect(firsts[0]).toContain('7');
    expect(firsts[1]).toContain('┌');
    expect(firsts[2]).toContain('2×3×4');
    expect(firsts[3]).toContain('0.50');
    expect(firsts[4]).toContain('▁█');
    expect(firsts[5]).toContain('└');
  });
});
