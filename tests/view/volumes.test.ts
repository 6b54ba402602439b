import { describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import type { VolumeItem } from '../../src/view/figures/types.js';
import { boxSize, renderVolumes, sketchBox } from '../../src/view/figures/volumes.js';
import { ANSI, color, maxWidth, opts, plain, WIDTHS } from './helpers.js';

const conv: VolumeItem[] = [
  { width: 32, height: 32, depth: 3, label: msg('input', '输入') },
  { width: 32, height: 32, depth: 16, label: msg('output', '输出'), op: 'conv F=5 K=16' },
];
const alexnet: VolumeItem[] = [
  { width: 224, height: 224, depth: 3, label: 'input' },
  { width: 55, height: 55, depth: 96, op: 'conv F=11 S=4' },
  { width: 27, height: 27, depth: 96, op: 'max pool F=3 S=2' },
  { width: 27, height: 27, depth: 256, op: 'conv F=5 P=2' },
  { width: 13, height: 13, depth: 384, op: 'conv F=3' },
];

describe('volumes', () => {
  it('input → conv → output side by side at 80 columns, sizes written on the boxes', () => {
    const lines = renderVolumes({ kind: 'volumes', items: conv }, opts(80));
    const captions = lines.find((l) => l.includes('32×32×3'))!;
    expect(captions).toMatch(/32×32×3 +32×32×16/);
    const arrow = lines.findIndex((l) => l.includes('▶'));
    expect(lines[arrow - 1]).toContain('conv F=5 K=16');
    // The arrow sits between the two boxes.
    expect(lines[arrow]).toMatch(/│.*─+▶.*│/);
    expect(lines.some((l) => /input.*output/.test(l))).toBe(true);
    // Width under each box, height at its left, depth at its back corner.
    expect(lines.some((l) => /^\s+32\s+32\s*$/.test(l))).toBe(true);
    expect(lines.some((l) => /┘ 3(\s|$)/.test(l))).toBe(true);
    expect(lines.some((l) => /┘ 16$/.test(l))).toBe(true);
    expect(lines.some((l) => /^\s*32 │/.test(l))).toBe(true);
    expect(lines.join('')).not.toMatch(ANSI);
  });

  it('a deeper volume is drawn deeper, a wider one wider (log scale)', () => {
    const thin = boxSize({ width: 32, height: 32, depth: 3 }, 1);
    const deep = boxSize({ width: 32, height: 32, depth: 256 }, 1);
    const wide = boxSize({ width: 224, height: 32, depth: 3 }, 1);
    expect(deep.dd).toBeGreaterThan(thin.dd);
    expect(wide.fw).toBeGreaterThan(thin.fw);
    expect(wide.fw).toBeLessThan(thin.fw * 3); // log, not linear (7×)
    const box = sketchBox({ width: 32, height: 32, depth: 16 }, 1).lines;
    expect(box.filter((l) => l.includes('╱')).length).toBeGreaterThan(0);
  });

  it('too wide for one row: it wraps into rows (each continued row starts with its arrow), or stacks vertically', () => {
    for (const w of WIDTHS) {
      const lines = renderVolumes({ kind: 'volumes', items: alexnet }, opts(w));
      expect(maxWidth(lines)).toBeLessThanOrEqual(w);
      const text = lines.join('\n');
      for (const c of ['224×224×3', '55×55×96', '27×27×96', '27×27×256', '13×13×384']) expect(text).toContain(c);
      for (const op of ['conv F=11 S=4', 'max pool F=3 S=2', 'conv F=5 P=2', 'conv F=3']) expect(text).toContain(op);
      // The captions come in order.
      const order = ['224×224×3', '55×55×96', '27×27×96', '27×27×256', '13×13×384'].map((c) => text.indexOf(c));
      const lineOf = (i: number) => text.slice(0, i).split('\n').length;
      for (let i = 1; i < order.length; i++) {
        expect(lineOf(order[i]) > lineOf(order[i - 1]) || (lineOf(order[i]) === lineOf(order[i - 1]) && order[i] > order[i - 1])).toBe(true);
      }
    }
    // At 40 columns the two-volume conv no longer fits in one row.
    const narrow = renderVolumes({ kind: 'volumes', items: conv }, opts(40));
    expect(narrow.some((l) => l.includes('32×32×3') && l.includes('32×32×16'))).toBe(false);
  });

  it('in Chinese, with colour, a title', () => {
    const zh = renderVolumes({ kind: 'volumes', label: msg('a conv layer', '一个卷积层'), items: conv }, opts(80, plain, 'zh'));
    expect(zh[0]).toBe('一个卷积层');
    expect(zh.some((l) => l.includes('输入') && l.includes('输出'))).toBe(true);
    expect(renderVolumes({ kind: 'volumes', items: conv }, opts(80, color)).join('')).toMatch(ANSI);
  });
});
