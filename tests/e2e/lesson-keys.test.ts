/**
 * Keys on a lesson's live formula, in a real terminal: a typed number keeps its
 * sign (`-` is not a stepping key), Esc cancels an edit instead of leaving,
 * `[`/`]` step by a step that suits the variable, the selected variable is
 * marked in the values. Expectations come from src/lessons/lstm/gates.ts
 * (step 4: cₜ = f·cₜ₋₁ + i·g with f=0.9, c=0.8, i=0.3, g=−0.5). Check questions
 * can be skipped with ? ("I don't know — show me"); a finished lesson says what
 * comes next, and the menu's continue opens that, not the finished lesson.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poolingLetter } from './pooling-letters.js';
import { Tmux, requireTmux, widths } from './tmux.js';

const t = new Tmux('lesson-keys');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

async function openGatesFormula(): Promise<void> {
  await t.start({ args: ['lesson', 'lstm/gates'] });
  await t.waitFor('LSTM: the three gates 1/13');
  for (let k = 2; k <= 4; k++) {
    await t.key('Right');
    await t.waitFor(`LSTM: the three gates ${k}/13`);
  }
  await t.waitFor('0.9 · 0.8 + 0.3 · (−0.5) = 0.57');
}

describe('lesson keys (tmux): live formula', () => {
  it('lstm/gates: typing -0.9 for g gives −0.9; Esc cancels an edit; [ and ] step by 0.1', async () => {
    await openGatesFormula();
    let screen = await t.waitFor(/^› f\s+forget gate/m);
    expect(screen).toContain('↑/↓ variable (f) · type a number, Enter · [ ] −/+ 0.1');

    await t.key('Down', 'Down', 'Down');
    screen = await t.waitFor(/^› g\s+candidate, in \(−1, 1\)\s+−0\.5$/m);
    expect(screen).toMatch(/^ {2}f\s+forget gate/m);

    await t.type('-0.9');
    await t.waitFor('g = -0.9▏');
    await t.key('Enter');
    screen = await t.waitFor('0.9 · 0.8 + 0.3 · (−0.9) = 0.45');
    expect(screen).toMatch(/^› g\s+candidate, in \(−1, 1\)\s+−0\.9$/m);

    // Esc while typing cancels the edit: the lesson stays, g stays −0.9.
    await t.type('.5');
    await t.waitFor('g = .5▏');
    await t.key('Escape');
    screen = await t.waitForNo('g = .5▏');
    expect(screen).toContain('LSTM: the three gates 4/13');
    expect(screen).toContain('0.9 · 0.8 + 0.3 · (−0.9) = 0.45');

    // ] steps up by 0.1 (not 1, which would leave the range), with no binary noise.
    await t.type(']');
    screen = await t.waitFor('0.9 · 0.8 + 0.3 · (−0.8) = 0.48');
    expect(screen).toMatch(/^› g\s+candidate, in \(−1, 1\)\s+−0\.8$/m);
    await t.type('[');
    await t.waitFor('0.9 · 0.8 + 0.3 · (−0.9) = 0.45');

    // An exponent; Ctrl+U clears a half-typed number.
    await t.type('99');
    await t.waitFor('g = 99▏');
    await t.key('C-u');
    await t.waitForNo('g = 99▏');
    await t.type('1e-3');
    await t.waitFor('g = 1e-3▏');
    await t.key('Enter');
    await t.waitFor('0.9 · 0.8 + 0.3 · 0.001 = 0.7203');
  }, 60000);
});

describe('lesson keys (tmux): the number field edits like every text field', () => {
  it('←/→ move inside the number being typed (not between steps), Ctrl+A/E/K/W edit it', async () => {
    await openGatesFormula();
    await t.key('Down', 'Down', 'Down');
    await t.waitFor(/^› g\s+candidate/m);
    await t.type('-09');
    await t.waitFor('g = -09▏');
    // ← while typing moves the cursor, the step stays 4/13.
    await t.key('Left');
    let screen = await t.waitFor('g = -0▏9');
    expect(screen).toContain('LSTM: the three gates 4/13');
    await t.type('.');
    await t.waitFor('g = -0.▏9');
    await t.key('Right');
    await t.waitFor('g = -0.9▏');
    // Ctrl+A to the start, Ctrl+K deletes to the end, Ctrl+E back to the end.
    await t.key('C-a');
    await t.waitFor('g = ▏-0.9');
    await t.key('C-e');
    await t.waitFor('g = -0.9▏');
    await t.key('Left', 'Left', 'C-k');
    await t.waitFor('g = -0▏');
    await t.type('.7');
    await t.key('Enter');
    screen = await t.waitFor('0.9 · 0.8 + 0.3 · (−0.7) = 0.51');
    expect(screen).toContain('LSTM: the three gates 4/13');
    // Ctrl+W deletes the number typed so far; then ← moves between steps again.
    await t.type('0.25');
    await t.waitFor('g = 0.25▏');
    await t.key('C-w');
    await t.waitForNo('g = 0.25');
    await t.key('Left');
    await t.waitFor('LSTM: the three gates 3/13');
  }, 60000);
});

/** Steps → to the end of the lesson, asking for the answer (?) at every check question. */
async function finish(title: string, n: number): Promise<string> {
  for (let k = 1; k <= n; k++) {
    const screen = await t.waitFor(`${title} ${k}/${n}`);
    if (screen.includes('Answer with a letter')) {
      await t.type('?');
      await t.waitFor(/^Answer: [a-h]\) /m);
    }
    await t.key('Right');
  }
  return t.waitFor('✓ Lesson finished');
}

describe('lesson keys (tmux): questions and the end of a lesson', () => {
  it("cnn/pooling: ? on a check question shows the answer; the last step leads to a completion message; Enter opens the next lesson", async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'] });
    await t.waitFor('Pooling layers 1/13');
    for (let k = 2; k <= 9; k++) {
      await t.key('Right');
      await t.waitFor(`Pooling layers ${k}/13`);
    }
    let screen = await t.waitFor("Answer with a letter (a–d) · ? I don't know — show me");
    expect(screen).not.toContain('Answer: ');

    await t.type('?');
    screen = await t.waitFor(`Answer: ${poolingLetter(9, 0)}) 0, 5, 0, 0: all of it to the 6, nothing to the others`);
    expect(screen).toContain('Only the winner influenced the output');
    expect(screen).not.toContain('Right!');
    expect(screen).not.toContain('Not quite');
    // Shown, the answer can no longer be chosen; → goes on.
    await t.key(poolingLetter(9, 0));
    await t.key('Right');
    await t.waitFor('Pooling layers 10/13');

    await t.key('Right');
    await t.waitFor('Pooling layers 11/13');
    await t.type('?');
    await t.waitFor(`Answer: ${poolingLetter(11, 0)}) 16×16×16`);
    // Step 12 links the pooling experiment (x would open it); step 13 is the REPL line to try.
    await t.key('Right');
    screen = await t.waitFor('Pooling layers 12/13');
    await t.waitFor('nnlearn experiment pooling');
    expect(t.capture()).toContain('x run the experiment');
    await t.key('Right');
    await t.waitFor('Pooling layers 13/13');
    await t.key('Right');
    screen = await t.waitFor('✓ Lesson finished: cnn/pooling · Pooling layers');
    expect(screen).toContain('Next: cnn/normalization · Normalization layers');
    expect(screen).toContain('Enter opens cnn/normalization');

    // ← goes back to the last step, → returns to the message.
    await t.key('Left');
    await t.waitFor('Pooling layers 13/13');
    await t.key('Right');
    await t.waitFor('✓ Lesson finished');
    await t.key('Enter');
    await t.waitFor('cnn/normalization · Normalization layers 1/11');
  }, 90000);

  it('menu: after finishing cnn/why-cnn, continue opens cnn/volumes (the next unfinished lesson), not the finished one', async () => {
    await t.start({ args: ['lesson'] });
    await t.waitFor(/nnlearn lessons · 0\/\d+ done/);
    await t.key('Down');
    await t.waitFor(/^›\s+cnn\/why-cnn/m);
    await t.key('Enter');
    const first = await t.waitFor(/Why convolutional networks\? 1\/(\d+)/);
    const n = Number(/ 1\/(\d+)/.exec(first)![1]);
    const screen = await finish('Why convolutional networks?', n);
    expect(screen).toContain('Next: cnn/volumes');

    await t.key('q');
    const menu = await t.waitFor(/nnlearn lessons · 1\/\d+ done/);
    expect(menu).toMatch(/✓ cnn\/why-cnn/);
    expect(menu).toContain('c continue cnn/volumes');
    expect(menu).not.toContain('c continue cnn/why-cnn');
    await t.key('c');
    await t.waitFor(/cnn\/volumes · .* 1\/\d+/);
  }, 90000);
});

describe('lesson keys (tmux): the menu and the footer', () => {
  it('menu at 60×15: Home/End/PgDn move, ? shows help, a legend names ✓ and …, nothing is wider than the pane', async () => {
    await t.start({ args: ['lesson'], cols: 60, rows: 15 });
    let screen = await t.waitFor(/nnlearn lessons · 0\/\d+ done/);
    expect(screen).toContain('✓ finished · … started, not finished');
    expect(screen).toContain('? help');
    for (const w of widths(t.capture({ joined: true }))) expect(w).toBeLessThanOrEqual(60);
    // A long title is cut with …, not wrapped onto the next line.
    expect(screen).toMatch(/cnn\/stride-padding\s+Depth, stride and zero-paddi…$/m);

    await t.key('End');
    screen = await t.waitFor(/^›\s+transformer\/summary/m);
    await t.key('Home');
    await t.waitFor(/^›\s+dnn\s/m);
    await t.key('PgDn');
    screen = await t.waitForNo(/^›\s+dnn\s/m);
    expect(screen).toMatch(/^›\s+cnn\//m);

    await t.type('?');
    screen = await t.waitFor('Home/End: first/last lesson');
    expect(screen).toContain('c: continue');
    // q closes the help (it does not leave nnlearn).
    await t.key('q');
    await t.waitFor('✓ finished · … started, not finished');
  }, 60000);

  it('r is offered only on demo steps', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'] });
    let screen = await t.waitFor('Pooling layers 1/13');
    screen = await t.waitFor('→/Enter next · ← back · h help · q quit');
    expect(screen).not.toContain('r new numbers');
    // Step 6 is a demo (a seeded pooling run).
    for (let k = 2; k <= 6; k++) {
      await t.key('Right');
      await t.waitFor(`Pooling layers ${k}/13`);
    }
    await t.waitFor('r new numbers');
  }, 60000);
});

describe('lesson keys (tmux): the viewport', () => {
  it('at 80×24 a step gets every row the footer leaves (one spare for Ink)', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'], cols: 80, rows: 24 });
    await t.waitFor('Pooling layers 1/13');
    await t.key('Right');
    await t.waitFor('Pooling layers 2/13');
    // Header, bar, blank, 18 rows of the step, the scroll line, the keys: 23 of 24 rows.
    const screen = await t.waitFor(/lines 1–18 of \d+/);
    expect(screen).toContain('→/Enter next · ← back · h help · q quit');
  }, 60000);

  it('at 45×12 a diagram wider than the terminal is marked as cut, not wrapped', async () => {
    await t.start({ args: ['lesson', 'transformer/overview'], cols: 45, rows: 12 });
    await t.waitFor(/The Transformer: ?… 1\/9/);
    await t.key('Right');
    let screen = await t.waitFor('› wider than the terminal: widen, or --plain');
    for (const w of widths(t.capture({ joined: true }))) expect(w).toBeLessThanOrEqual(45);
    expect(screen).toMatch(/lines 1–\d+ of \d+/);
    // The drawing does not fit: its caption (the plain description) comes first, on the first screen.
    expect(screen).toContain('Left: the encoder stack');
    // Below it, the drawing's cut lines end in ›.
    await t.key('PageDown');
    screen = await t.waitFor(/lines [2-9]\d*–\d+ of \d+/);
    expect(screen).toMatch(/›$/m);
    for (const w of widths(t.capture({ joined: true }))) expect(w).toBeLessThanOrEqual(45);
  }, 60000);
});
