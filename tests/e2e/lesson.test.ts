/**
 * Lessons in a real terminal: the menu, stepping with ← / →, a live formula
 * recomputed from typed numbers, check questions answered by letter, q to
 * leave. Expectations come from src/lessons/cnn/pooling.ts (12 steps: 3 is
 * the size-rule formula W₂ = (W₁ − F)/S + 1 with W=224 F=2 S=2; 9 and 11 are
 * check questions).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { poolingLetter } from './pooling-letters.js';
import { POOLING_LANDMARKS } from './pooling-steps.js';
import { EXITED, Tmux, countLines, requireTmux } from './tmux.js';

const t = new Tmux('lesson');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

describe('nnlearn lesson (tmux)', () => {
  it('menu: move down, open a lesson, step → and ←, q back to the menu, q leaves', async () => {
    await t.start({ args: ['lesson'] });
    let screen = await t.waitFor(/nnlearn lessons · 0\/\d+ done/);
    expect(screen).toMatch(/^›\s+dnn\s+A layer/m);
    expect(screen).toContain('↑/↓ choose · Enter open · ? help · q quit');
    expect(screen).toContain('✓ finished · … started, not finished');

    await t.key('Down');
    screen = await t.waitFor(/^›\s+cnn\/why-cnn\s+Why convolutional networks\?/m);
    expect(screen).not.toMatch(/^›\s+dnn/m);

    await t.key('Enter');
    screen = await t.waitFor(/cnn\/why-cnn · Why convolutional networks\? 1\/(\d+)/);
    const n = Number(/ 1\/(\d+)/.exec(screen)![1]);
    expect(n).toBeGreaterThan(2);
    await t.waitFor('Images are big');
    const first = t.capture();

    await t.key('Right');
    screen = await t.waitFor(new RegExp(`Why convolutional networks\\? 2/${n}`));
    screen = await t.waitForNo('Images are big');
    expect(screen).not.toBe(first);
    expect(screen).toContain('■■□');

    await t.key('Left');
    screen = await t.waitFor(new RegExp(`Why convolutional networks\\? 1/${n}`));
    await t.waitFor('Images are big');

    // q returns to the menu, which now remembers the lesson.
    await t.key('q');
    // Wait for the remembered row itself: the title can be drawn a frame before the rows.
    screen = await t.waitFor(/^›\s+… cnn\/why-cnn/m);
    expect(screen).toMatch(/nnlearn lessons · 0\/\d+ done/);
    expect(screen).toContain('c continue cnn/why-cnn');

    await t.key('q');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
  }, 60000);

  it('cnn/pooling: the live formula recomputes, check questions give right/wrong feedback', async () => {
    await t.start({ args: ['lesson', 'cnn/pooling'] });
    await t.waitFor('cnn/pooling · Pooling layers 1/13');
    await t.waitFor('Why shrink?');

    await t.key('Right');
    await t.waitFor('Pooling layers 2/13');
    await t.waitFor('A window slides over each slice');
    await t.key('Right');
    // The formula step takes a moment the first time (it loads the math engine): meanwhile the
    // previous step's drawing must not stay under the new header.
    let screen = await t.waitFor('Pooling layers 3/13');
    expect(screen).not.toContain('A window slides over each slice');
    screen = await t.waitFor('W₂ = (224 − 2)/2 + 1 = 112');
    expect(screen).toContain('The size rule');
    expect(screen).toMatch(/W₂\s+output width\s+112/);
    expect(screen).toContain('↑/↓ variable (W)');

    // ↓ selects F; type 3, Enter: (224 − 3)/2 + 1 = 111.5, floored to 111.
    await t.key('Down');
    await t.waitFor('↑/↓ variable (F)');
    await t.type('3');
    await t.waitFor('F = 3▏');
    await t.key('Enter');
    screen = await t.waitFor('W₂ = (224 − 3)/2 + 1 = 111.5 → ⌊111.5⌋ = 111');
    expect(screen).toMatch(/W₂\s+output width\s+111/);
    expect(screen).toContain('F > S: neighbouring windows overlap');

    // ↑↑ wraps round to S; two digits typed one at a time.
    await t.key('Up', 'Up');
    await t.waitFor('↑/↓ variable (S)');
    await t.type('56');
    await t.waitFor('S = 56▏');
    await t.key('Enter');
    screen = await t.waitFor('W₂ = (224 − 3)/56 + 1 = 4.94643… → ⌊4.94643…⌋ = 4');
    expect(screen).toMatch(/W₂\s+output width\s+4$/m);

    // A digit and Enter at once (faster than a redraw): still a value, not "next step".
    t.typeFast('8');
    screen = await t.waitFor('W₂ = (224 − 3)/8 + 1 = 28.625 → ⌊28.625⌋ = 28');
    expect(screen).toContain('Pooling layers 3/13');

    // A value out of range is refused with a message, and the result stays.
    await t.type('0');
    await t.waitFor('S = 0▏');
    await t.key('Enter');
    screen = await t.waitFor('S must be at least 1.');
    expect(screen).toContain('= 28.625 → ⌊28.625⌋ = 28');

    // On to step 9, the first check question, past ceil_mode (5). The demos, 6 and 7, are taller
    // than the pane: they scroll under the header, and PgDn shows their end.
    await t.key('Right');
    await t.waitFor('Pooling layers 4/13');
    await t.key('Right');
    await t.waitFor('Pooling layers 5/13');
    await t.key('Right');
    screen = await t.waitFor(/lines 1–\d+ of \d+/);
    expect(screen).not.toContain('Average: every cell of a window gets 1/4 of it.');
    await t.key('PgDn');
    await t.waitFor('Average: every cell of a window gets 1/4 of it.');
    expect(t.capture()).toContain('cnn/pooling · Pooling layers 6/13');
    for (let k = 7; k <= 9; k++) {
      await t.key('Right');
      await t.waitFor(POOLING_LANDMARKS[k]);
    }
    screen = await t.waitFor('Pooling layers 9/13');
    expect(screen).toContain(`${poolingLetter(9, 0)}) 0, 5, 0, 0: all of it to the 6, nothing to the others`);
    expect(screen).toContain('Answer with a letter (a–d) · ? I don\'t know — show me');

    // → before answering is refused (and must not count as an answer).
    await t.key('Right');
    screen = await t.waitFor("Answer first: press the letter of your choice, or ? if you don't know.");
    expect(screen).toContain('Pooling layers 9/13');
    expect(screen).not.toContain('Right!');
    expect(screen).not.toContain('Not quite');

    // A wrong letter: the feedback names it and explains.
    await t.key(poolingLetter(9, 2));
    screen = await t.waitFor(`Not quite: ${poolingLetter(9, 2)}) is not it.`);
    expect(screen).toContain('Changing the 1, 3 or 2 a little would not change the max at all');
    expect(screen).toContain(`Answer: ${poolingLetter(9, 0)}) 0, 5, 0, 0`);

    await t.key('Right');
    await t.waitFor('Pooling layers 10/13');
    await t.waitFor('Networks without pooling');
    await t.key('Right');
    await t.waitFor('Pooling layers 11/13');
    screen = await t.waitFor('A 32×32×16 volume goes through max pooling with F=2, S=2. What comes out?');
    expect(screen).toContain(`${poolingLetter(11, 0)}) 16×16×16`);

    // The right letter.
    await t.key(poolingLetter(11, 0));
    screen = await t.waitFor('Right!');
    expect(screen).toContain('W₂ = (32 − 2)/2 + 1 = 16');
    expect(screen).not.toContain('Not quite');

    // ← and → again: the question is asked afresh.
    await t.key('Left');
    await t.waitFor('Pooling layers 10/13');
    await t.key('Right');
    await t.waitFor('Pooling layers 11/13');
    screen = await t.waitFor('Answer with a letter (a–d) · ? I don\'t know — show me');
    expect(screen).not.toContain('Right!');

    // q leaves a lesson opened directly.
    await t.key('q');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    expect(countLines(screen, /Pooling layers \d+\/13/)).toBeLessThanOrEqual(1);
  }, 90000);
});
