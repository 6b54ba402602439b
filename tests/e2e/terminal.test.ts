/**
 * What the terminal itself does to the screen: a resize in the middle of a
 * lesson, and NO_COLOR.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POOLING_LANDMARKS } from './pooling-steps.js';
import { Tmux, colourCodes, countLines, requireTmux, widths } from './tmux.js';
import { poolingLetter } from './pooling-letters.js';

const t = new Tmux('terminal');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

/** The lesson is drawn exactly once, and nothing is wider than the pane (capture -J undoes the terminal's own wrapping). */
function expectDrawnOnce(screen: string, cols: number, title: string): void {
  expect(countLines(screen, /^cnn\/pooling · Pooling layers \d+\/13$/), screen).toBe(1);
  expect(countLines(screen, /^■+□*$/), screen).toBe(1);
  expect(countLines(screen, new RegExp(`^${title}$`)), screen).toBe(1);
  expect(countLines(screen, /^→\/Enter next · ← back/), screen).toBe(1);
  expect(Math.max(...widths(screen)), screen).toBeLessThanOrEqual(cols);
}

describe('terminal behaviour (tmux)', () => {
  it('resize from 120 to 80 columns mid-lesson: drawn once, nothing wider than 80', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'], cols: 120, rows: 30 });
    await t.waitFor('Pooling layers 1/13');
    await t.key('Right');
    await t.waitFor('Pooling layers 2/13');
    let screen = await t.waitFor('A window slides over each slice');
    // At 120 columns the caption runs past 80: the resize has something to re-wrap.
    screen = t.capture({ joined: true });
    expect(Math.max(...widths(screen))).toBeGreaterThan(80);

    t.resize(80);
    expect(t.display('#{window_width}')).toBe('80');
    screen = await t.waitUntil(
      (s) => /^number\. With F = S the windows tile the input; with F > S they overlap\.$/m.test(s),
      'the caption re-wrapped at 80 columns',
      15000,
      { joined: true },
    );
    expectDrawnOnce(await t.waitStable(300, 10000, { joined: true }), 80, 'A window slides over each slice');

    // Step forward: still one lesson on the screen, at the new width.
    await t.key('Right');
    await t.waitFor('Pooling layers 3/13');
    await t.waitFor('W₂ = (224 − 2)/2 + 1 = 112');
    screen = await t.waitStable(300, 10000, { joined: true });
    expectDrawnOnce(screen, 80, 'The size rule');
    expect(screen).not.toContain('A window slides over each slice');
    expect(screen).toMatch(/^D₂ = D₁\. Change the numbers below\.$/m);
  }, 60000);

  it('NO_COLOR=1: no colour codes, still readable, the REPL cursor still visible', async () => {
    // Control: without NO_COLOR the same screens are coloured, so the check below can see colour.
    await t.start({ args: ['repl'] });
    await t.waitFor('nnlearn REPL');
    expect(colourCodes(t.capture({ escapes: true })).length).toBeGreaterThan(0);

    await t.start({ args: ['repl'], env: { NO_COLOR: '1' } });
    await t.waitFor('nnlearn REPL');
    await t.type('conv 32x32x3 F=5 S=1 P=2 K=16');
    await t.waitFor('nn› conv 32x32x3 F=5 S=1 P=2 K=16');
    await t.key('Enter');
    await t.waitFor(/parameters\s+K·\(F·F·D₁ \+ 1\) = 16·\(5·5·3 \+ 1\) = 16·76 = 1,216/, 15000, { history: true });
    await t.type('pool');
    let screen = await t.waitFor(/^nn› pool/m, 15000, { escapes: true });
    expect(colourCodes(t.capture({ escapes: true, history: true }))).toEqual([]);
    const plain = t.capture({ history: true });
    expect(plain).toMatch(/conv\s+32×32×3 → 32×32×16/);
    expect(plain).toContain('= (32 − 5 + 2·2)/1 + 1 = 31/1 + 1 = 32');
    // The input cursor is inverse video (an attribute, not a colour): still there.
    const prompt = screen.split('\n').filter((l) => l.includes('nn›')).pop() ?? '';
    expect(prompt).toMatch(/\u001b\[7m/);

    await t.start({ args: ['lesson', 'cnn/pooling'], env: { NO_COLOR: '1' } });
    await t.waitFor('Why shrink?');
    expect(colourCodes(t.capture({ escapes: true }))).toEqual([]);
    for (let k = 2; k <= 9; k++) {
      await t.key('Right');
      await t.waitFor(POOLING_LANDMARKS[k]);
      expect(colourCodes(t.capture({ escapes: true })), `step ${k}`).toEqual([]);
    }
    await t.waitFor('Where does the gradient go?');
    await t.key(poolingLetter(9, 1));
    screen = await t.waitFor(`Not quite: ${poolingLetter(9, 1)}) is not it.`);
    expect(screen).toContain('Sharing equally is what average pooling does');
    expect(colourCodes(t.capture({ escapes: true }))).toEqual([]);
  }, 90000);
});
