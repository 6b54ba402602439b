/**
 * Issue #12: Chinese input methods type ，＝（）：［］； and full-width digits and
 * letters; the REPL rejected `softmax [2，1，0.1]` and `F＝5`. A line with them
 * must read exactly as its ASCII form, and carets count display columns.
 */
import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { allSpecs } from '../../src/repl/commands/index.js';
import { foldFullWidth } from '../../src/repl/fullwidth.js';
import { parseLine } from '../../src/repl/parser.js';
import { createSession } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const specs = allSpecs();
const parse = (line: string) => parseLine(line, specs, new Set(['x', 'w']));

/** The full-width form of a printable ASCII character (U+FF01–U+FF5E; space → U+3000). */
const wide = (c: string) => (c === ' ' ? '\u3000' : String.fromCharCode(c.charCodeAt(0) + 0xfee0));

const LINES = [
  'softmax [2,1,0.1]',
  'F=5',
  'let a = [[1,2],[3,4]]',
  'conv 32x32x3 F=5 S=1 P=2 K=16',
  'pool x F=2 S=2',
  'fc 4096 -> 1000',
  'relu [-3, 0, 2]',
  'sin(0.5) + max(1, 2)',
  'conv x F=3 K=2 w=w',
  'conv 32x32x3 F=5 Q=2',
  'conv 32x32x3 (P=2)',
  'let b = [1;2]',
];

describe('full-width input reads as ASCII', () => {
  it('any line with any of its ASCII characters typed full-width parses the same as the ASCII line', () => {
    fc.assert(
      fc.property(fc.constantFrom(...LINES), fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), (line, pick) => {
        const typed = [...line].map((c, i) => (pick[i % pick.length] && c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) <= 0x7e ? wide(c) : c)).join('');
        expect(parse(typed)).toEqual(parse(line));
      }),
      { numRuns: 300 },
    );
  });

  it('folds only U+FF01–U+FF5E and U+3000, one character for one (columns unchanged)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const f = foldFullWidth(s);
        expect(f.length).toBe(s.length);
        expect(f).toBe(s.replace(/[\uff01-\uff5e\u3000]/g, (c) => c.normalize('NFKC')));
      }),
    );
    expect(foldFullWidth('。、×《》')).toBe('。、×《》');
  });

  it('the session runs softmax [2，1，0.1] and F＝5', async () => {
    const s = createSession({ lang: 'zh' });
    try {
      const r = await s.exec('softmax [2，1，0.1]');
      expect(r.ok).toBe(true);
      const f = await s.exec('F＝5');
      expect(f.ok).toBe(true);
      expect(s.ctx.vars.get('F')).toMatchObject({ kind: 'number', value: 5 });
    } finally {
      s.close();
    }
  });

  it('the caret stands under the error in display columns, after Chinese text', async () => {
    const s = createSession({ lang: 'zh' });
    try {
      const r = await s.exec('conv 32x32x3 F＝5 备注 Q=2');
      expect(r.ok).toBe(false);
      const lines = renderBlocks(r.blocks(), { lang: 'zh', width: 80, theme: makeTheme(0) });
      const at = lines.findIndex((l) => l.includes('^'));
      const quoted = lines[at - 1];
      const caretCol = lines[at].indexOf('^');
      // The character above the caret is the one refused (备), counted in display columns.
      const before = [...quoted].reduce<{ w: number; ch?: string }>((acc, ch) => (acc.ch !== undefined ? acc : acc.w === caretCol ? { ...acc, ch } : { w: acc.w + stringWidth(ch) }), { w: 0 });
      expect(before.ch).toBe('备');
    } finally {
      s.close();
    }
  });
});
