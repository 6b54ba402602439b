/**
 * Keys on a lesson's live formula, in a real terminal: a typed number keeps its
 * sign (`-` is not a stepping key), Esc cancels an edit instead of leaving,
 * `[`/`]` step by a step that suits the variable, the selected variable is
 * marked in the values. Expectations come from src/lessons/lstm/gates.ts
 * (step 4: cₜ = f·cₜ₋₁ + i·g with f=0.9, c=0.8, i=0.3, g=−0.5).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Tmux, requireTmux } from './tmux.js';

const t = new Tmux('lesson-keys');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

async function openGatesFormula(): Promise<void> {
  await t.start({ args: ['lesson', 'lstm/gates'] });
  await t.waitFor('LSTM: the three gates 1/12');
  for (let k = 2; k <= 4; k++) {
    await t.key('Right');
    await t.waitFor(`LSTM: the three gates ${k}/12`);
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
    expect(screen).toContain('LSTM: the three gates 4/12');
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
