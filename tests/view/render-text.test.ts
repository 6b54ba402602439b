import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { renderBlocks, wrap } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

describe('wrap', () => {
  it('breaks Chinese text between characters within the width', () => {
    const s = '若用全连接层从全部 32×32×3 = 3,072 个输入产生同样的 32×32×16 = 16,384 个输出，需要 50,348,032 个参数。';
    const lines = wrap(s, 40);
    expect(lines.length).toBeGreaterThan(1);
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(40);
    expect(lines.join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
  });

  it('never starts a line with Chinese punctuation', () => {
    for (let width = 10; width <= 30; width++) {
      const lines = wrap('卷积层的每个神经元只连接一小块区域，并且同一个滤波器的权重在所有位置共享。这样参数少得多。', width);
      for (const l of lines) expect(l, `width ${width}`).not.toMatch(/^[，。]/);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
    }
  });

  it('never ends a line with an opening bracket: it goes down with what it opens', () => {
    const s = '请使用更小的窗口、填充 P=4 或 ceil 模式（ceil_mode）。（PyTorch：输出尺寸太小。）也可以《改用》「更大的」输入【示例】。';
    for (let width = 10; width <= 70; width++) {
      const lines = wrap(s, width, '  ');
      for (const l of lines) expect(l, `width ${width}: ${JSON.stringify(lines)}`).not.toMatch(/[（《「『【]$/);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
      expect(lines.join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
    }
  });

  it('carries a short word along with punctuation that may not start a line', () => {
    // From 40 columns on, the longest word here fits on a line of its own.
    for (let width = 40; width <= 70; width++) {
      const lines = wrap('循环神经网络的隐藏层的值s不仅仅取决于当前这次的输入x，还取决于上一次隐藏层的值s。权重矩阵 W 是权重。打开 `nnlearn lesson transformer/encoder`。', width);
      for (const l of lines) expect(l, `width ${width}`).not.toMatch(/^[，。]/);
    }
  });

  it('carries a closing bracket and the character before it along with the punctuation', () => {
    for (let width = 20; width <= 60; width++) {
      const lines = wrap('这是 c 中某一个数的更新。试试 f = 1、i = 0（保留，不写入），f = 0、i = 1（替换），以及 f = 1、i = 1（累加）。', width);
      for (const l of lines) expect(l, `width ${width}`).not.toMatch(/^[，。）]/);
      for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(width);
    }
  });

  it('keeps leading spaces and never glues words at a break', () => {
    const lines = wrap('    then 25088 → 4096 → 4096 → 1000 and so on to the end of the line', 30, '  ');
    expect(lines[0].startsWith('    then')).toBe(true);
    expect(lines.join(' ')).not.toMatch(/\d→|→\d/);
  });

  it('property: every wrapped line fits, and no non-space character is lost', () => {
    const text = fc.array(fc.oneof(fc.constantFrom('卷积', '池化层', '，', '。', ' ', '  ', 'conv', '32×32×3', '→', 'a-very-long-word-without-spaces-at-all'), fc.string({ maxLength: 8 })), { maxLength: 40 });
    fc.assert(
      fc.property(text, fc.integer({ min: 10, max: 120 }), (parts, width) => {
        const s = parts.join('').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
        const lines = wrap(s, width, '  ');
        for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(Math.max(10, width));
        expect(lines.join('').replace(/\s/g, '')).toBe(s.replace(/\s/g, ''));
      }),
      { numRuns: 500 },
    );
  });
});

describe('renderBlocks', () => {
  it('aligns a table with Chinese cells by display width', () => {
    const lines = renderBlocks([{ kind: 'table', head: ['层', 'params'], rows: [['卷积层', '1,216'], ['fc', '40,970']], align: ['left', 'right'] }], { lang: 'zh', width: 80, theme: makeTheme(0) });
    const widths = new Set(lines.filter((l) => !l.includes('─')).map((l) => stringWidth(l)));
    expect(widths.size).toBe(1);
  });

  it('points a caret at the error column', () => {
    const lines = renderBlocks([{ kind: 'error', text: 'bad', line: 'conv 32x32x3 G=5', column: 13, length: 3 }], { lang: 'en', width: 80, theme: makeTheme(0) });
    expect(lines[1].indexOf('^^^')).toBe(2 + 13);
  });

  it('a caret under a long Chinese line stays within the width and under the right character', () => {
    const line = 'conv ' + '中'.repeat(40) + ' G=5 ' + '文'.repeat(40);
    const column = line.indexOf('G=5');
    const lines = renderBlocks([{ kind: 'error', text: 'bad', line, column, length: 3 }], { lang: 'zh', width: 80, theme: makeTheme(0) });
    for (const l of lines) expect(stringWidth(l)).toBeLessThanOrEqual(80);
    const caretAt = lines[1].indexOf('^');
    const shown = lines[0];
    let col = 0;
    let i = 0;
    for (const ch of shown) {
      if (col >= caretAt) break;
      col += stringWidth(ch);
      i += ch.length;
    }
    expect(shown.slice(i, i + 3)).toBe('G=5');
  });

  it('NO_COLOR (level 0) output has no escape codes', () => {
    const lines = renderBlocks([{ kind: 'title', text: 'x' }, { kind: 'warning', text: 'w' }], { lang: 'en', width: 80, theme: makeTheme(0) });
    expect(lines.join('')).not.toMatch(/\u001b/);
  });
});
