/**
 * One number format per view (issue #11): softmax's columns showed 0.659 beside
 * 0.2424, and inputs an ASCII "-" beside the formulas' "−". Computed columns are
 * now all at 4 decimals, inputs as typed with a real minus sign.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const session = createSession({ lang: 'en' });
afterAll(() => session.close());
const text = async (line: string) => renderBlocks((await session.exec(line)).blocks(), { lang: 'en', width: 80, theme: makeTheme(0) }).join('\n');

describe('activation tables: one number format per view', () => {
  it('softmax: every exponential, probability and sum at 4 decimals', async () => {
    const t = await text('softmax [2, 1, 0.1]');
    for (const cell of ['1.0000', '0.3679', '0.1496', '1.5174', '0.6590', '0.2424', '0.0986']) expect(t).toContain(cell);
    expect(t).not.toMatch(/\b0\.659\b(?!0)/);
  });

  it('sigmoid and tanh at 4 decimals; inputs keep a real minus sign; ReLU shows its numbers as typed', async () => {
    const s = await text('sigmoid [-2, 0, 2]');
    expect(s).toMatch(/−2 +0\.1192/);
    expect(s).toMatch(/0 +0\.5000/);
    expect(s).not.toMatch(/(^|\s)-2\s/m);
    const r = await text('relu [-2, 0.5]');
    expect(r).toMatch(/−2 +0\n/);
    const m = await text('softmax [-1, -3]');
    expect(m).toContain('e^(x + 1)');
  });
});
