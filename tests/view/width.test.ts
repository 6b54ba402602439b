import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import displayWidth from '../../src/view/width.js';

describe('displayWidth agrees with string-width', () => {
  it.each(['abc', '中文', '卷积层 32×32×3', '\u001b[31mred\u001b[0m', 'é', 'a\u0301', '👍', '👨‍👩‍👧', '①', '，。', '─┼│', '█░▒▓', 'Ｆｕｌｌ', 'ｶﾀｶﾅ', '한국어', '\t', '', '\u009b31mred', '\u001b7x', '\u001b]0;title\u0007ok'])('%j', (s) => {
    expect(displayWidth(s)).toBe(stringWidth(s));
  });

  it('property: text of ASCII, CJK, punctuation, box drawing and colour codes', () => {
    const piece = fc.oneof(
      fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
      fc.string({ unit: fc.integer({ min: 0x4e00, max: 0x9fff }).map((c) => String.fromCharCode(c)), maxLength: 8 }),
      fc.constantFrom('，', '。', '×', '·', '→', '─', '│', '█', '\u001b[1m', '\u001b[0m', '\u001b[38;5;208m', 'ₜ', '²', '√', '⊙', 'σ'),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
        const s = parts.join('');
        expect(displayWidth(s)).toBe(stringWidth(s));
      }),
      { numRuns: 1000 },
    );
  });
});
