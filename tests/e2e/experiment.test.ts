/**
 * nnlearn experiment in a real terminal: the runs train side by side with
 * their rows and curve, the verdict appears when they are done, r runs it
 * again with the next seed, and q leaves with the verdict printed below the
 * prompt. In English at 80×24 and in Chinese at 60×15. Waits are for what the
 * screen shows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, requireTmux, widths } from './tmux.js';

const t = new Tmux('experiment');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

describe('nnlearn experiment (tmux)', () => {
  it('80×24: the runs side by side, the verdict, r again with seed 2, q leaves with the verdict', async () => {
    await t.start({ args: ['experiment', 'no-nonlinearity', '--quick'], cols: 80, rows: 24 });
    let screen = await t.waitFor(/3 layers with ReLU/, 30000);
    expect(screen).toContain('Stacked linear layers are one linear layer');
    expect(screen).toContain('seed 1 · quick');
    expect(screen).toContain('q leave (the runs stop)');
    screen = await t.waitFor(/✓ The claim holds\.|✗ These runs do not bear the claim out\./, 60000);
    expect(screen).toMatch(/Test accuracy \(chance 50 %\): one linear layer \d+\.\d %/);
    expect(screen).toContain('r run again with the next seed');
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(80);
    await t.key('r');
    screen = await t.waitFor('seed 2 · quick');
    await t.key('q');
    screen = await t.waitFor(EXITED);
    expect(screen).toMatch(/Stacked linear layers are one linear layer \(seed 2\)|Left Stacked linear layers are one linear layer before the verdict/);
  });

  it('60×15 in Chinese: rows and verdict fit', async () => {
    await t.start({ args: ['experiment', 'no-nonlinearity', '--quick'], cols: 60, rows: 15, lang: 'zh_CN.UTF-8' });
    const screen = await t.waitFor(/✓ 结论成立。|✗ 这次的运行没有证实这个结论。/, 60000);
    expect(screen).toContain('3 层加 ReLU');
    expect(screen).toContain('q 离开 · r 换下一个种子再做一次');
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(60);
    await t.key('q');
    await t.waitFor(EXITED);
  });
});
