/** Lines fitted to the terminal on the lesson screens: cut with a visible mark, key hints broken between items. */
import { describe, expect, it } from 'vitest';
import { cutLine, fitParts } from '../../src/screens/lesson/fit.js';
import stringWidth from '../../src/view/width.js';

describe('cutLine', () => {
  it('leaves a line that fits alone', () => {
    expect(cutLine('abc', 5)).toEqual({ line: 'abc', cut: false });
  });

  it('cuts a wider line to the width, its last column a ›, colour codes kept and reset', () => {
    const r = cutLine('\u001b[33mabcdefgh\u001b[39m', 5);
    expect(r.cut).toBe(true);
    expect(r.line.replace(/\u001b\[[0-9;]*m/g, '')).toBe('abcd›');
    expect(r.line.startsWith('\u001b[33m')).toBe(true);
  });

  it('measures Chinese as two columns (no half character before the mark)', () => {
    const r = cutLine('中文中文', 6);
    expect(stringWidth(r.line)).toBe(6);
    expect(r.line.endsWith('›')).toBe(true);
  });
});

describe('fitParts', () => {
  it('breaks between items, never inside one', () => {
    expect(fitParts(['↑/↓ choose', 'Enter open', 'q quit'], 24)).toEqual(['↑/↓ choose · Enter open', 'q quit']);
  });

  it('cuts an item wider than the line with …', () => {
    expect(fitParts(['abcdefghij'], 5)).toEqual(['abcd…']);
  });
});
