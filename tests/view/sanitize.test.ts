/**
 * The sanitizer every piece of untrusted text goes through before it reaches
 * the terminal: escapes are visible, reversible in meaning (the student sees
 * which character was there), and leave nothing a terminal would obey.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN, hostile } from '../helpers/hostile.js';
import { escapeControls, escapeControlsKeepColour, escapeStreamControls, hasUnsafeControls, safeJson } from '../../src/view/sanitize.js';

describe('escapeControls', () => {
  it('shows escape, bell, carriage return, C1 and bidi controls as visible escapes', () => {
    expect(escapeControls('a\u001b]2;PWNED\u0007b')).toBe('a\\e]2;PWNED\\x07b');
    expect(escapeControls('\r\u009b\u202eabc')).toBe('\\r\\x9b\\u202eabc');
    expect(escapeControls('x\u007fy')).toBe('x\\x7fy');
  });

  it('keeps newlines and tabs in text, escapes them on a single line', () => {
    expect(escapeControls('a\nb\tc')).toBe('a\nb\tc');
    expect(escapeControls('a\nb\tc', { singleLine: true })).toBe('a\\nb\\tc');
  });

  it('leaves nothing a terminal would obey, for any string', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        expect(escapeControls(s)).not.toMatch(FORBIDDEN);
        expect(escapeControls(s, { singleLine: true })).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
        expect(hasUnsafeControls(escapeControls(s))).toBe(false);
      }),
    );
  });

  it('changes nothing in ordinary text (English, Chinese, the notes\' symbols)', () => {
    const s = 'conv 32×32×3 F=5 → 28×28×16 · 参数：1,216 ∑ σ(x) “same”';
    expect(escapeControls(s)).toBe(s);
  });
});

describe('escapeControlsKeepColour', () => {
  it("keeps colour codes (nnlearn's own styling) and escapes every other control", () => {
    expect(escapeControlsKeepColour('\u001b[31mred\u001b[39m \u001b]2;x\u0007')).toBe('\u001b[31mred\u001b[39m \\e]2;x\\x07');
  });

  it('lets no escape through except complete colour codes', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const out = escapeControlsKeepColour(s).replace(/\u001b\[[0-9;]*m/g, '');
        expect(out).not.toMatch(FORBIDDEN);
      }),
    );
  });
});

describe('safeJson', () => {
  it('is the same JSON value, with no raw DEL, C1 or bidi character', () => {
    fc.assert(
      fc.property(fc.dictionary(hostile, fc.oneof(hostile, fc.double(), fc.array(hostile, { maxLength: 3 }))), (obj) => {
        const text = safeJson(obj);
        expect(text).not.toMatch(FORBIDDEN);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('escapeStreamControls (stderr)', () => {
  it("escapes messages, passes the cursor library's own show-cursor write at exit", () => {
    const written: string[] = [];
    const stream = { write: (chunk: string) => (written.push(chunk), true) } as unknown as NodeJS.WriteStream;
    escapeStreamControls(stream);
    stream.write('There is no lesson "x\u001b]2;P\u0007".\n');
    stream.write('\u001b[?25h');
    expect(written).toEqual(['There is no lesson "x\\e]2;P\\x07".\n', '\u001b[?25h']);
  });
});
