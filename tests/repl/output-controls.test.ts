/**
 * "Text output never contains a control character that did not come from
 * nnlearn": arbitrary strings full of escapes, bells, C1 and bidi controls go
 * through every command path (session.exec, then formatResult as `nnlearn
 * run` and the piped REPL print it) and come out escaped. Without colour the
 * output holds no ESC at all; with colour only nnlearn's own SGR codes.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatResult } from '../../src/cli/print-result.js';
import { createSession } from '../../src/repl/session.js';
import { makeTheme } from '../../src/view/style.js';
import { FORBIDDEN, hostile } from '../helpers/hostile.js';

const session = createSession({ lang: 'en', width: 80 });
afterAll(() => session.close());

/** Every way untrusted text enters a line: a command's argument, a name, a math string, an error. */
const TEMPLATES = [
  (s: string) => s,
  (s: string) => `conv 32x32x3 F=5${s}`,
  (s: string) => `conv ${s}`,
  (s: string) => `pool 32x32x16 ${s}`,
  (s: string) => `fc ${s} -> 10`,
  (s: string) => `net 32x32x3 | ${s}`,
  (s: string) => `tanh ${s}`,
  (s: string) => `softmax [1, ${s}]`,
  (s: string) => `let x = ${s}`,
  (s: string) => `let ${s} = 2`,
  (s: string) => `show ${s}`,
  (s: string) => `help ${s}`,
  (s: string) => `${JSON.stringify(s)}`,
  (s: string) => `"${s}" + 1`,
  (s: string) => `x = ${JSON.stringify(s)}`,
  (s: string) => `${JSON.stringify(s)}.foo`,
  (s: string) => `f(${s}) = 1`,
  (s: string) => `[1, ${JSON.stringify(s)}]`,
  (s: string) => `{a: ${JSON.stringify(s)}}`,
];

/** Math strings written with escapes: "\u001b[2J" typed as text, turned into ESC by mathjs. */
const ESCAPED_MATH = ['"\\u001b[2J"', '"\\u001b]2;PWNED\\u0007"', '"a\\u0007" + 1', '"\\u009b2J"', '"\\u202eabc"', 'concat("\\u001b", "]52;c;aGk=\\u0007")', 'x = "\\u001b[2J"; x', 'x = "\\u001b[2J"; x * 2'];

describe('text output escapes controls from every command path', () => {
  it('piped / run text without colour holds no control but newline', async () => {
    const plain = makeTheme(0);
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom(...TEMPLATES), async (s, template) => {
        const line = template(s);
        const r = await session.exec(line);
        const text = formatResult(r, { lang: 'en', json: false, width: 80, theme: plain, echo: line });
        expect(text).not.toMatch(FORBIDDEN);
        expect(text).not.toContain('\u001b');
      }),
      { numRuns: 150 },
    );
  });

  it('with colour, only SGR colour codes', async () => {
    const colour = makeTheme(3);
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom(...TEMPLATES), async (s, template) => {
        const line = template(s);
        const r = await session.exec(line);
        const text = formatResult(r, { lang: 'zh', json: false, width: 80, theme: colour, echo: line });
        expect(text.replace(/\u001b\[[0-9;]*m/g, '')).not.toMatch(FORBIDDEN);
      }),
      { numRuns: 80 },
    );
  });

  it.each(ESCAPED_MATH)('mathjs values and errors made from string escapes are shown escaped: %s', async (line) => {
    const r = await session.exec(line);
    const text = formatResult(r, { lang: 'en', json: false, width: 80, theme: makeTheme(0), echo: line });
    expect(text).not.toMatch(FORBIDDEN);
  });

  it('shows the escapes visibly, and the caret still points at the character', async () => {
    const line = 'conv 32x32x3 F=5\u001b]2;PWNED\u0007';
    const r = await session.exec(line);
    const text = formatResult(r, { lang: 'en', json: false, width: 80, theme: makeTheme(0) });
    const [shown, caret] = text.split('\n');
    expect(shown).toBe('  conv 32x32x3 F=5\\e]2;PWNED\\x07');
    expect(caret.indexOf('^')).toBe(shown.indexOf('\\e'));
    const error = await session.exec('"\\u001b[2J" + 1');
    expect(formatResult(error, { lang: 'en', json: false, width: 80, theme: makeTheme(0) })).toContain('"\\e[2J" is text');
    const value = await session.exec('"\\u001b[2J"');
    expect(formatResult(value, { lang: 'en', json: false, width: 80, theme: makeTheme(0) })).toBe('"\\u001b[2J"');
  });

  it('--json is valid JSON with every control escaped (C1 and bidi too)', async () => {
    await fc.assert(
      fc.asyncProperty(hostile, fc.constantFrom(...TEMPLATES), async (s, template) => {
        const r = await session.exec(template(s));
        const text = formatResult(r, { lang: 'en', json: true, width: 80, theme: makeTheme(0) });
        expect(text).not.toMatch(FORBIDDEN);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(r.json())));
      }),
      { numRuns: 60 },
    );
  });
});
