/**
 * Draw a digit in a real terminal: d on a digits run opens the canvas, keys
 * move and paint, the model's answer appears, mouse reports (sent as the
 * terminal would send them) paint pixels and never arrive as keys, and mouse
 * reporting is on only while the canvas is open — off again after Esc, and
 * after leaving by q or Ctrl+C. Waits are for what the screen shows.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, EXITED, ROOT, Tmux, requireTmux, widths } from './tmux.js';

const t = new Tmux('draw');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
const homes: string[] = [];
afterAll(() => {
  t.dispose();
  for (const h of homes) rmSync(h, { recursive: true, force: true });
});

const mouseFlags = () => ({ sgr: t.display('#{mouse_sgr_flag}'), button: t.display('#{mouse_button_flag}') });
/** The characters of screen line `row` (1-based) from column `from` to `to` (1-based, inclusive). */
const cells = (screen: string, row: number, from: number, to: number) => [...(screen.split('\n')[row - 1] ?? '')].slice(from - 1, to).join('');

describe('draw a digit (tmux)', () => {
  it('80×24 NO_COLOR: d opens the canvas, keys paint, the answer shows, the mouse paints and erases, Esc goes back, q leaves with the mouse off', async () => {
    await t.start({ args: ['train', 'digits'], cols: 80, rows: 24, env: { NO_COLOR: '1' } });
    await t.waitFor(/epoch 1\/6 · step [1-9]/, 30000);
    expect(t.capture()).toContain('d draw');
    expect(mouseFlags()).toEqual({ sgr: '0', button: '0' });

    await t.key('d');
    let screen = await t.waitFor('Draw a digit on the left.');
    expect(screen).toMatch(/^Draw a digit · LeNet-5 · step [\d,]+ · training goes on/m);
    expect(screen).toMatch(/^┌─{28}┐/m);
    expect(mouseFlags()).toEqual({ sgr: '1', button: '1' });

    // The pen starts in the middle (pixel 14, 14): down, then three right and six down.
    await t.key('Space', 'Right', 'Right', 'Right', 'Down', 'Down', 'Down', 'Down', 'Down', 'Down');
    screen = await t.waitFor(/it is a \d \(\d+ %\)/);
    expect(screen).toMatch(/^│[ ▀▄█o]+│/m);
    expect(screen).toMatch(/█{3,}/); // the stroke across
    expect(screen).toMatch(/^ *│.*o.*│/m); // the pen, down
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(80);

    // The mouse: the canvas's first pixel is at column 2, its first line of pixels at row 3.
    // A press at (5, 4) dragged to (20, 4) and released paints pixel row 2 from column 3 to 18.
    expect(cells(screen, 4, 5, 20).trim()).toBe('');
    t.tmux(['send-keys', '-l', '\u001b[<0;5;4M\u001b[<32;9;4M\u001b[<32;14;4M\u001b[<32;20;4M\u001b[<0;20;4m']);
    screen = await t.waitUntil((s) => /^[█▀▄o]{16}$/u.test(cells(s, 4, 5, 20)), 'a painted row on line 4');
    // Nothing of the reports reached the keys: the canvas is still open, no help, no quit question.
    expect(screen).toContain('Esc/d back');
    expect(screen).not.toContain('Leave the run?');
    expect(screen).not.toContain('Keys while it trains');
    // The right button erases (the pen follows the mouse: it is left at column 15).
    t.tmux(['send-keys', '-l', '\u001b[<2;10;4M\u001b[<34;15;4M\u001b[<2;15;4m']);
    await t.waitUntil((s) => cells(s, 4, 10, 14).trim() === '' && cells(s, 4, 15, 15) === 'o', 'line 4 erased from column 10 to 14');

    // c clears, Esc goes back to the run with mouse reporting off.
    await t.key('c');
    await t.waitFor('Draw a digit on the left.');
    await t.key('Escape');
    screen = await t.waitFor('space pause');
    expect(screen).not.toContain('Draw a digit');
    expect(mouseFlags()).toEqual({ sgr: '0', button: '0' });

    // Open again and leave from inside the canvas: q asks, y leaves; the terminal's mouse is off.
    await t.key('d');
    await t.waitFor('Draw a digit on the left.');
    expect(mouseFlags().sgr).toBe('1');
    await t.key('q');
    await t.waitFor('Leave the run?');
    await t.key('y');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    expect(mouseFlags()).toEqual({ sgr: '0', button: '0' });
    expect(t.display('#{cursor_flag}')).toBe('1');
  }, 120000);

  it('Ctrl+C with the canvas open leaves at once and turns the mouse off; 60×15 in Chinese fits', async () => {
    await t.start({ args: ['train', 'digits-mlp', '--lang', 'zh'], cols: 60, rows: 15, lang: 'zh_CN.UTF-8' });
    await t.waitFor(/第 1\/\d+ 轮/, 30000);
    await t.key('d');
    let screen = await t.waitFor('在左边画一个数字。');
    expect(screen).toMatch(/方向键\/hjkl 移动 · 空格 落笔 · Esc 返回/);
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(60);
    await t.key('Space', 'Down', 'Down', 'Down', 'Down');
    screen = await t.waitFor(/它是 \d（\d+ %）/);
    expect(mouseFlags().sgr).toBe('1');
    await t.key('C-c');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    expect(mouseFlags()).toEqual({ sgr: '0', button: '0' });
  }, 120000);

  it('Ctrl+Z with the canvas open gives the shell a terminal without mouse reports; fg brings the canvas and the reports back', async () => {
    const home = mkdtempSync(join(tmpdir(), 'nnlearn-e2e-draw-'));
    homes.push(home);
    const env = [`PATH=${process.env.PATH ?? '/usr/bin:/bin'}`, `HOME=${home}`, `NNLEARN_HOME=${home}`, 'TERM=xterm-256color', 'LANG=en_US.UTF-8', 'PS1=$ ', 'NO_COLOR=1'];
    t.tmux(['new-session', '-d', '-x', '80', '-y', '24', '-c', ROOT, '--', 'env', '-i', ...env, 'bash', '--norc', '--noprofile', '-i']);
    await t.waitFor(/^\$ ?$/m);
    await t.type([process.execPath, BIN, 'train', 'digits-mlp'].join(' '));
    await t.key('Enter');
    await t.waitFor(/epoch 1\/\d+ · step [1-9]/, 30000);
    await t.key('d');
    await t.waitFor('Draw a digit on the left.');
    expect(mouseFlags().sgr).toBe('1');
    await t.key('C-z');
    await t.waitFor(/Stopped/);
    expect(mouseFlags()).toEqual({ sgr: '0', button: '0' });
    await t.type('fg');
    await t.key('Enter');
    await t.waitFor('Draw a digit on the left.');
    expect(mouseFlags()).toEqual({ sgr: '1', button: '1' });
    await t.key('Escape');
    await t.waitFor('space pause');
    expect(mouseFlags().sgr).toBe('0');
    await t.key('C-c');
    await t.waitFor(/^\$ ?$/m);
    expect(mouseFlags().sgr).toBe('0');
  }, 120000);

  it('digits --pretrained opens on the canvas with the shipped LeNet-5, which reads a drawn 1; Esc shows where the run started from', async () => {
    await t.start({ args: ['train', 'digits', '--pretrained'], cols: 80, rows: 24, env: { NO_COLOR: '1' } });
    await t.waitFor('Draw a digit on the left.', 30000);
    expect(mouseFlags()).toEqual({ sgr: '1', button: '1' });
    // A vertical stroke down the middle: pen down, twelve pixels down.
    await t.key('Space', ...Array.from({ length: 12 }, () => 'Down'));
    await t.waitFor(/it is a 1 \((?:[89]\d|100) %\)/);
    await t.key('Escape');
    const screen = await t.waitFor('Started from the model that ships with nnlearn');
    expect(Math.max(...widths(screen))).toBeLessThanOrEqual(80);
    await t.key('q');
    await t.waitFor('Leave the run?');
    await t.key('y');
    await t.waitFor(EXITED);
  }, 120000);
});
