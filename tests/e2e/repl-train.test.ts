/**
 * The REPL's train in a real terminal: `train spiral epochs=1` opens the live
 * training screen over the REPL, q leaves it, and she is back at her prompt
 * with her variables, her history and a line saying where the run got to;
 * help train still works, and the terminal is the shell's again at the end.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, inputLine, requireTmux } from './tmux.js';

const t = new Tmux('repl-train');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

const waitInput = (text: string) => t.waitUntil((s) => inputLine(s) === text, `the input line to read "${text}"`, 30000);

describe('nnlearn repl: train (tmux)', () => {
  it('train opens the training screen; q comes back to the prompt with variables and history; help train works', async () => {
    await t.start({ args: ['repl'], cols: 80, rows: 24 });
    await t.waitFor('nnlearn REPL');
    await waitInput('');
    await t.type('let a = 7');
    await t.key('Enter');
    await t.waitFor(/^a = 7$/m, 30000);
    await waitInput('');

    await t.type('train spiral epochs=1');
    await waitInput('train spiral epochs=1');
    await t.key('Enter');
    // The live screen, over the whole terminal; the REPL's lines are not on it.
    let screen = await t.waitFor('nnlearn train · Spiral', 60000);
    expect(screen).not.toContain('nn›');
    screen = await t.waitFor('✓ done', 60000);
    expect(screen).toContain('epoch 1/1');

    await t.key('q');
    // Back: her lines as they were, the line saying where the run got to, and the prompt.
    screen = await t.waitFor(/Spiral: done at epoch 1\/1, step 8; test accuracy [\d.]+%\./, 15000);
    expect(screen).toMatch(/^nn› let a = 7$/m);
    expect(screen).toMatch(/^nn› train spiral epochs=1$/m);
    expect(screen).not.toContain('space pause');
    await waitInput('');

    // Her variable is still there; ↑ walks back to the train line.
    await t.type('a * 6');
    await t.key('Enter');
    await t.waitFor(/^42$/m, 15000);
    await waitInput('');
    await t.key('Up', 'Up');
    await waitInput('train spiral epochs=1');
    await t.key('C-c');
    await waitInput('');

    await t.type('help train');
    await t.key('Enter');
    screen = await t.waitFor(/train — watch a network learn/, 15000, { history: true });
    expect(screen).toContain('train spiral epochs=3');
    await waitInput('');

    await t.type('exit');
    await t.key('Enter');
    screen = await t.waitFor(EXITED, 15000);
    expect(EXITED.exec(screen)![1]).toBe('0');
    expect(t.display('#{cursor_flag}')).toBe('1');
  }, 240_000);

  it('a run whose options are wrong never opens the screen: the message is at the prompt', async () => {
    await t.start({ args: ['repl'], cols: 60, rows: 15 });
    await t.waitFor('nnlearn REPL');
    await waitInput('');
    await t.type('train spiral lr=abc');
    await t.key('Enter');
    const screen = await t.waitFor(/--lr "abc" is not a number/, 30000);
    expect(screen).not.toContain('nnlearn train ·');
    await waitInput('');
  }, 120_000);
});
