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
    // s opens that step: its layers, then (Tab) its loss worked out; Esc goes back to the run.
    screen = await t.waitFor(/› input +1×28×28/);
    expect(screen).toContain('Forward · Loss · Gradients · Update');
    expect(screen).toMatch(/conv1 +6×28×28/);
    expect(screen).toContain('Esc close');
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(80);
    await t.key('Tab');
    screen = await t.waitFor(/−log p_y = −log [\d.e-]+ = /);
    expect(screen).toMatch(/batch: mean over the 32 examples = /);
    await t.key('s');
    screen = await t.waitFor(new RegExp(`step ${(n + 2).toLocaleString('en')} `));
    expect(screen).toContain('Cross-entropy');
    await t.key('Escape');
    screen = await t.waitFor('space pause');
    expect(screen).not.toContain('Esc close');

    await t.key('*');
    screen = await t.waitFor('adam lr 0.006');

    await t.key('q');
    screen = await t.waitFor('Leave the run? · y / Enter: leave');
    await t.key('n');
    screen = await t.waitFor('space pause');
    await t.key('q');
    await t.waitFor('Leave the run?');
    await t.key('y');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    // The run's screen is gone; where it got to stays, and the terminal is the shell's again.
    expect(screen).toMatch(/Handwritten digits with LeNet-5: stopped at epoch \d\/6, step [\d,]+; test accuracy/);
    expect(screen).not.toContain('space pause');
    expect(t.display('#{cursor_flag}')).toBe('1');
    await t.type('stty -a');
    await t.waitFor(/^\$ stty -a$/m); // echoed as typed: echo is on
    await t.key('C-j'); // a newline even if the terminal were left raw (no icrnl)
    screen = await t.waitFor(/speed \d+ baud/);
    const stty = screen.slice(screen.lastIndexOf('$ stty -a'));
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
  }, 90000);

  it('--save: leaving a run part-way saves it first, and says where', async () => {
    await t.start({ args: ['train', 'digits', '--save', 'half'], cols: 80, rows: 24 });
    await t.waitFor(/epoch 1\/6 · step [1-9]/, 30000);
    await t.key('q');
    await t.waitFor('Leave the run?');
    await t.key('y');
    const screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    expect(t.capture({ joined: true })).toMatch(/Saved as half: \S+half\.nnmodel/);
  }, 90000);

  it('without --save, the quit question offers to save: s saves under the run and the minute, then leaves', async () => {
    await t.start({ args: ['train', 'digits'], cols: 80, rows: 24 });
    await t.waitFor(/epoch 1\/6 · step [1-9]/, 30000);
    await t.key('q');
    await t.waitFor('s: save the model, then leave');
    await t.key('s');
    const screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    // The path makes the line longer than the pane: read it as one line.
    expect(t.capture({ joined: true })).toMatch(/Saved as digits-\d{8}-\d{4}: \S+\.nnmodel/);
  }, 90000);

  it('Ctrl+C leaves a running run at once; SIGTERM restores the terminal too', async () => {
    await t.start({ args: ['train', 'digits'], cols: 80, rows: 24 });
    await t.waitFor(/epoch 1\/6 · step [1-9]/, 30000);
    await t.key('C-c');
    let screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    expect(t.display('#{cursor_flag}')).toBe('1');
    await t.start({ args: ['train', 'digits'], cols: 80, rows: 24 });
    await t.waitFor(/epoch 1\/6 · step [1-9]/, 30000);
    t.tmux(['run-shell', `pkill -TERM -f '^[^ ]+ [^ ]+nnlearn[.]js train digits'`]);
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('143');
    expect(screen).not.toContain('space pause');
    expect(t.display('#{cursor_flag}')).toBe('1');
  }, 90000);

  it('a run on the command line that cannot be built: its message on the terminal, exit 1, nothing else left', async () => {
    await t.start({ args: ['train', 'spiral', '--net', '2 | fc 8 | relu | fc 5'], cols: 80, rows: 24 });
    const screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('1');
    expect(screen).toContain('The last layer gives 5 outputs, but the data has 2 classes');
    expect(screen).not.toContain('starting');
  }, 60000);

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
