/**
 * The interactive REPL in a real terminal: a conv layer's volume and
 * parameters, Tab completion, ↑/↓ history, an unknown command with its
 * suggestion (and the REPL carrying on), exit.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, inputLine, requireTmux } from './tmux.js';

const t = new Tmux('repl');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());


/** Waits until the input line reads exactly `text`. */
const waitInput = (text: string) => t.waitUntil((s) => inputLine(s) === text, `the input line to read "${text}"`);

describe('nnlearn repl (tmux)', () => {
  it('conv, Tab completion, history, an error with a suggestion, exit', async () => {
    await t.start({ args: ['repl'] });
    await t.waitFor('nnlearn REPL');
    await waitInput('');

    await t.type('conv 32x32x3 F=5 S=1 P=2 K=16');
    await waitInput('conv 32x32x3 F=5 S=1 P=2 K=16');
    await t.key('Enter');
    let screen = await t.waitFor(/conv\s+32×32×3 → 32×32×16/, 15000, { history: true });
    expect(screen).toContain('= (32 − 5 + 2·2)/1 + 1 = 31/1 + 1 = 32');
    expect(screen).toMatch(/parameters\s+K·\(F·F·D₁ \+ 1\) = 16·\(5·5·3 \+ 1\) = 16·76 = 1,216/);
    screen = await waitInput('');

    // Tab: "po" is ambiguous (pool, posenc): both are listed; "poo" completes to "pool ".
    await t.type('po');
    await waitInput('po');
    await t.key('Tab');
    screen = await t.waitFor(/^pool\s+posenc$/m);
    expect(inputLine(screen)).toBe('po');
    await t.type('o');
    await waitInput('poo');
    await t.key('Tab');
    screen = await waitInput('pool');
    await t.type('32x32x16 F=2 S=2');
    await waitInput('pool 32x32x16 F=2 S=2');
    await t.key('Enter');
    screen = await t.waitFor(/max pooling\s+32×32×16 → 16×16×16/, 15000, { history: true });
    expect(screen).toMatch(/parameters\s+0 — pooling has nothing to learn/);
    await waitInput('');

    // History: ↑ recalls the previous line, ↑ again the one before, ↓ comes back.
    await t.key('Up');
    screen = await waitInput('pool 32x32x16 F=2 S=2');
    await t.key('Up');
    screen = await waitInput('conv 32x32x3 F=5 S=1 P=2 K=16');
    await t.key('Down');
    screen = await waitInput('pool 32x32x16 F=2 S=2');
    await t.key('Down');
    await waitInput('');

    // A typo: the error points at it and suggests the command.
    await t.type('comv 3x3');
    await waitInput('comv 3x3');
    await t.key('Enter');
    screen = await t.waitFor('Unknown command "comv". Did you mean "conv"?');
    expect(screen).toMatch(/^\s+comv 3x3\n\s+\^\^\^\^$/m);
    await waitInput('');

    // … and the REPL goes on.
    await t.type('fc 4096 -> 1000');
    await waitInput('fc 4096 -> 1000');
    await t.key('Enter');
    screen = await t.waitFor(/params = 4,096·1,000 \+ 1,000 = 4,097,000/);
    expect(screen).toMatch(/parameters\s+4,097,000/);
    await waitInput('');

    // Typed faster than the screen redraws: every key still counts, Enter included.
    t.typeFast('relu -3');
    screen = await t.waitFor(/^\s+−3\s+0$/m); // the table prints a real minus sign
    expect(screen).toMatch(/^nn› relu -3$/m);
    await waitInput('');

    t.typeFast('exit');
    screen = await t.waitFor(EXITED);
    expect(screen).toMatch(/^nn› exit$/m);
    expect(screen).not.toMatch(/Unknown command "ex/);
    expect(EXITED.exec(screen)![1]).toBe('0');
    // The process is gone: the pane runs the shell again, and it answers.
    expect(t.display('#{pane_current_command}')).not.toBe('node');
    await t.type('echo shell-$((6*7))');
    await t.waitFor('$ echo shell-$((6*7))');
    await t.key('Enter');
    await t.waitFor(/^shell-42$/m);
  }, 90000);
});
