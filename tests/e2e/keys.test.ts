/**
 * Issue #12: Ctrl+C, Esc, q and Ctrl+D mean "leave this screen" everywhere (the
 * quiz shows its report first), except in the REPL's line, where Ctrl+C clears
 * the line (variables kept) and leaves only on an empty line. Ctrl+A/E/U/K/W edit
 * every text field the same way (one shared reducer).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, requireTmux } from './tmux.js';

const t = new Tmux('keys');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

/** What follows the last `prompt` on the screen, trailing blanks dropped. */
function lineAfter(screen: string, prompt: string): string | undefined {
  // The capture drops trailing blanks, the cursor's cell among them: compare without the prompt's space.
  const p = prompt.trimEnd();
  const lines = screen.split('\n').filter((l) => l.startsWith(p));
  return lines.length ? lines[lines.length - 1].slice(p.length).trim() : undefined;
}
const waitLine = (prompt: string, text: string) => t.waitUntil((s) => lineAfter(s, prompt) === text, `the line after "${prompt}" to read "${text}"`);

describe('keys (tmux)', () => {
  it('REPL: Ctrl+C clears a half-typed line and keeps the variables; Ctrl+C on an empty line leaves', async () => {
    await t.start({ args: ['repl'] });
    await t.waitFor('nnlearn REPL');
    await waitLine('nn› ', '');
    await t.type('let a = 7');
    await t.key('Enter');
    await t.waitFor(/^a = 7$/m, 30000);
    await waitLine('nn› ', '');

    await t.type('conv 32x32x3 F=5');
    await waitLine('nn› ', 'conv 32x32x3 F=5');
    await t.key('C-c');
    let screen = await waitLine('nn› ', '');
    expect(screen).toContain('Line cleared. Ctrl+C or Ctrl+D on an empty line leaves');
    expect(screen).not.toMatch(EXITED);

    // The session lived through it: the variable is still there.
    await t.type('show a');
    await t.key('Enter');
    await t.waitFor(/^a: \[1\]\n.*\n\s+7$/m, 30000);
    await waitLine('nn› ', '');

    await t.key('C-c');
    screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 120_000);

  it('REPL: Ctrl+D on an empty line leaves', async () => {
    await t.start({ args: ['repl'] });
    await waitLine('nn› ', '');
    await t.key('C-d');
    const screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 60_000);

  it('REPL: Ctrl+A, Ctrl+E, Ctrl+W, Ctrl+K and Ctrl+U edit the line', async () => {
    await t.start({ args: ['repl'] });
    await waitLine('nn› ', '');
    await t.type('relu one two');
    await waitLine('nn› ', 'relu one two');
    await t.key('C-w');
    await waitLine('nn› ', 'relu one');
    await t.key('C-a', 'Right', 'Right', 'Right', 'Right', 'C-k');
    await waitLine('nn› ', 'relu');
    await t.key('C-a');
    await t.type('x');
    await waitLine('nn› ', 'xrelu');
    await t.key('C-e');
    await t.type('y');
    await waitLine('nn› ', 'xreluy');
    await t.key('C-u');
    await waitLine('nn› ', '');
  }, 60_000);

  it('quiz: the answer field edits with Ctrl+A/E/W/K/U too; Ctrl+D on an empty answer stops', async () => {
    await t.start({ args: ['quiz', 'cnn/pooling', '--seed', '3'] });
    await t.waitFor(/^answer›/m);
    await t.type('12 34');
    await waitLine('answer› ', '12 34');
    await t.key('C-w');
    await waitLine('answer› ', '12');
    await t.key('C-a');
    await t.type('9');
    await waitLine('answer› ', '912');
    await t.key('C-e');
    await t.type('5');
    // Ctrl+W kept the space before the word it deleted, as shells do.
    await waitLine('answer› ', '912 5');
    await t.key('C-a', 'Right', 'C-k');
    await waitLine('answer› ', '9');
    await t.key('C-u');
    await waitLine('answer› ', '');
    // Nothing answered yet: nothing to report, so Ctrl+D leaves at once.
    await t.key('C-d');
    const screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 60_000);

  it('quiz: Ctrl+C after an answer shows the report first (it used to quit without it)', async () => {
    await t.start({ args: ['quiz', 'cnn/pooling', '--seed', '3'] });
    await t.waitFor(/^answer›/m);
    await t.type('?');
    await t.key('Enter');
    await t.waitFor(/Enter: next question|How did it feel/);
    await t.key('C-c');
    let screen = await t.waitFor(/Done: \d+ of 1 right\./);
    expect(screen).not.toMatch(EXITED);
    await t.key('C-c');
    screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 60_000);

  it('lesson: Ctrl+D leaves like q, Esc and Ctrl+C; from the menu each goes back to the menu', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'] });
    await t.waitFor(/cnn\/pooling · /);
    await t.key('C-d');
    let screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');

    await t.start({ args: ['lesson'] });
    await t.waitFor(/lessons · 0\/\d+ done/);
    await t.key('Enter');
    await t.waitFor(/\d+\/\d+\s*$/m);
    await t.key('C-c');
    await t.waitFor(/lessons · 0\/\d+ done/);
    await t.key('Enter');
    await t.waitFor(/\d+\/\d+\s*$/m);
    await t.key('C-d');
    await t.waitFor(/lessons · 0\/\d+ done/);
    await t.key('C-d');
    screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 90_000);

  it('step: Ctrl+C leaves the stepper back to the prompt (it was ignored), the REPL stays', async () => {
    await t.start({ args: ['repl'] });
    await waitLine('nn› ', '');
    await t.type('let x = [[1,2,3],[4,5,6],[7,8,9]]');
    await t.key('Enter');
    await t.waitFor(/^x = /m, 30000);
    await waitLine('nn› ', '');
    await t.type('pool x F=2 S=1');
    await t.key('Enter');
    await t.waitFor(/pool/, 30000);
    await waitLine('nn› ', '');
    await t.type('step');
    await t.key('Enter');
    // The whole help fits one line at 80 columns (a wrapped "leave" alone on a line is hard to read).
    await t.waitFor('←/→/space: step · a: play · g/G: first/last · q, Esc, Ctrl+C or Ctrl+D: leave', 30000);
    await t.key('C-c');
    const screen = await waitLine('nn› ', '');
    expect(screen).not.toContain('Ctrl+D: leave');
    expect(screen).not.toMatch(EXITED);
  }, 90_000);
});

describe('TERM=dumb gets the plain mode, as a pipe does (no cursor movement)', () => {
  it('lesson: printed whole, no keys needed', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'], env: { TERM: 'dumb' } });
    const screen = await t.waitFor(EXITED, 30000);
    expect(screen.match(EXITED)![1]).toBe('0');
    expect(screen).not.toContain('→/Enter next');
  }, 60_000);

  it('repl: line mode (no nn› screen); Ctrl+D ends it', async () => {
    await t.start({ args: ['repl'], env: { TERM: 'dumb' } });
    await t.type('relu 2');
    await t.key('Enter');
    let screen = await t.waitFor('Negative numbers become 0', 30000);
    expect(screen).not.toContain('nnlearn REPL  help');
    await t.key('C-d');
    screen = await t.waitFor(EXITED);
    expect(screen.match(EXITED)![1]).toBe('0');
  }, 60_000);

  it('quiz: questions printed and answers read line by line', async () => {
    await t.start({ args: ['quiz', 'cnn/pooling', '--seed', '3', '--count', '1'], env: { TERM: 'dumb' } });
    await t.waitFor(/^\[1\/1\] cnn\/pooling/m, 30000);
    const screen = t.capture();
    expect(screen).not.toContain('Enter: answer · ?: I don’t know');
    await t.type('?');
    await t.key('Enter');
    await t.waitFor(EXITED, 30000);
  }, 60_000);
});

describe('nnlearn with no command', () => {
  it('on a terminal opens the lesson menu and says where the help is; q leaves', async () => {
    await t.start({ args: [] });
    const screen = await t.waitFor(/lessons · 0\/\d+ done/);
    expect(screen).toContain('nnlearn --help');
    await t.key('q');
    const after = await t.waitFor(EXITED);
    expect(after.match(EXITED)![1]).toBe('0');
  }, 60_000);
});
