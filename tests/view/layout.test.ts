import { describe, expect, it } from 'vitest';
import { center, clipLines, padEnd, sideBySide, widthOf } from '../../src/view/layout.js';

describe('the text-layout kit', () => {
  it('sideBySide pads each block to its widest line (Chinese counts two columns) and trims the right edge', () => {
    expect(sideBySide([['ab', 'a'], ['中', 'x']], 1)).toEqual(['ab 中', 'a  x']);
    expect(sideBySide([['a'], ['b', 'c']], 3)).toEqual(['a   b', '    c']);
  });

  it('sideBySide pushes a block down by its offset', () => {
    expect(sideBySide([{ lines: ['1', '2', '3'] }, { lines: ['→'], top: 1 }], 2)).toEqual(['1', '2  →', '3']);
  });

  it('widths, padding and centring by display width', () => {
    expect(widthOf(['ab', '卷积层', ''])).toBe(6);
    expect(padEnd('中', 4)).toBe('中  ');
    expect(center('ab', 6)).toBe('  ab  ');
    expect(center('abcdef', 4)).toBe('abcdef');
  });

  it('clipLines cuts each line to the width without splitting a wide character', () => {
    expect(clipLines(['abcdef', '中文中文', 'ok'], 5)).toEqual(['abcde', '中文', 'ok']);
  });
});
