/**
 * nnlearn train in a real terminal: a run opens and trains while keys are
 * answered — pause, one step, learning rate ×2, the quit question — and the
 * menu opens a run and comes back. Waits are for what the screen shows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, requireTmux, widths } from './tmux.js';

const t = new Tmux('train');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

const stepOf = (screen: string) => Number(/step ([\d,]+)/.exec(screen)![1].replace(/,/g, ''));

describe('nnlearn train (tmux)', () => {
  it('digits at 80×24: it trains, space pauses, s steps once, * doubles the learning rate, q asks, y leaves', async () => {
    await t.start({ args: ['train', 'digits'], cols: 80, rows: 24 });
    let screen = await t.waitFor(/epoch 1\/6 · step [1-9]/, 30000);
    expect(screen).toContain('nnlearn train · Handwritten digits with LeNet-5');
    expect(screen).toContain('61,706 parameters');
    expect(screen).toContain('▶ running');
    expect(screen).toMatch(/conv1 .*\n.*conv2 /);
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(80);

    await t.key('Space');
    screen = await t.waitFor('⏸ paused');
    // Paused: the step count holds still.
    screen = await t.waitStable(500);
    const n = stepOf(screen);
    expect(stepOf(await t.waitStable(500))).toBe(n);

    await t.key('s');
    screen = await t.waitFor(new RegExp(`step ${(n + 1).toLocaleString('en')} `));
    expect(screen).toContain('⏸ paused');

    await t.key('*');
    screen = await t.waitFor('adam lr 0.006');

    await t.key('q');
    screen = await t.waitFor('Leave the run? y / Enter: leave');
    await t.key('n');
    screen = await t.waitFor('space pause');
    await t.key('q');
    await t.waitFor('Leave the run?');
    await t.key('y');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
  }, 90000);

  it('the menu at 60×15 in Chinese, NO_COLOR: Enter opens spiral, q goes back to the menu once it is done, q leaves', async () => {
    await t.start({ args: ['train'], cols: 60, rows: 15, lang: 'zh_CN.UTF-8', env: { NO_COLOR: '1' } });
    let screen = await t.waitFor('nnlearn train · 看着网络学习');
    expect(screen).toMatch(/^› spiral/m);
    await t.key('Enter');
    screen = await t.waitFor('✓ 完成', 60000);
    expect(screen).toContain('nnlearn train · 螺旋');
    expect(t.capture({ escapes: true })).not.toMatch(/\u001b\[[0-9;]*[34]8;/);
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(60);
    await t.key('Tab');
    screen = await t.waitFor('Tab 更多（2/');
    await t.key('q');
    screen = await t.waitFor(/^› spiral/m);
    await t.key('q');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
  }, 90000);
});
