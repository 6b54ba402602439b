/**
 * The quiz in a real terminal. Study: three questions read off the screen and
 * answered (worked out from the screen where possible, `?` otherwise), with
 * the feedback and the next review after each, and the answers saved in
 * NNLEARN_HOME/quiz.json. Exam: the clock, one answer, Ctrl-C, and a terminal
 * left as it was found (echo, canonical mode, a visible cursor).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { EXITED, Tmux, requireTmux } from './tmux.js';

const t = new Tmux('quiz');

beforeAll(() => requireTmux());
afterEach(() => t.kill());
afterAll(() => t.dispose());

interface QuizLog {
  log: { id: string; mode: string; correct: boolean | null }[];
}
const quizFile = () => JSON.parse(readFileSync(join(t.home, 'quiz.json'), 'utf8')) as QuizLog;

/** The question on screen, from its "[k/n]" line to the answer prompt, as one line of text. */
function questionText(screen: string, k: number): string {
  const lines = screen.split('\n');
  const from = lines.findIndex((l) => l.startsWith(`[${k}/`));
  const to = lines.findIndex((l, i) => i > from && l.startsWith('answer›'));
  return lines.slice(from, to < 0 ? undefined : to).join(' ').replace(/\s+/g, ' ');
}

/** A pooling volume question ("F = 3, S = 2 … a 55×55×96 volume"), solved from the screen alone. */
function poolVolume(q: string): { W: number; D: number } | null {
  const m = /F = (\d+), S = (\d+)\)? is applied to a (\d+)×(\d+)×(\d+) volume/.exec(q);
  if (!m) return null;
  const [F, S, W, , D] = m.slice(1).map(Number);
  return { W: Math.floor((W - F) / S) + 1, D };
}

describe('nnlearn quiz (tmux)', () => {
  it('study cnn/pooling --seed 3: three answers, feedback, next review, saved to quiz.json', async () => {
    await t.start({ args: ['quiz', 'cnn/pooling', '--seed', '3'] });
    let screen = await t.waitFor(/nnlearn quiz\s+1\/\d+/);
    const seen = { right: 0, wrong: 0, dunno: 0 };
    for (let k = 1; k <= 3; k++) {
      screen = await t.waitFor(new RegExp(`^\\[${k}/\\d+\\] cnn/pooling`, 'm'));
      screen = await t.waitFor(/^answer›/m);
      const q = questionText(screen, k);
      const pool = poolVolume(q);
      let answer = '?';
      let kind: keyof typeof seen = 'dunno';
      let expected: RegExp = /That's fine — here is how it goes\./;
      if (pool && seen.right === 0) {
        kind = 'right';
        // Worked out from the numbers on the screen: (W − F)/S + 1, depth unchanged.
        answer = `${pool.W}x${pool.W}x${pool.D}`;
        expected = /✓ Right\./;
      } else if (pool) {
        kind = 'wrong';
        // A deliberate slip in the width, to see the other feedback.
        answer = `${pool.W + 1}x${pool.W + 1}x${pool.D}`;
        expected = new RegExp(`✗ Not right \\(you answered ${pool.W + 1}×${pool.W + 1}×${pool.D}\\)`);
      }
      await t.type(answer);
      await t.waitFor(`answer› ${answer}`);
      await t.key('Enter');
      screen = await t.waitFor(expected);
      expect(screen, `question ${k}: ${q}`).toMatch(/^Next review in .+ \((Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d\d:\d\d)?\)\.$/m); // local time
      if (pool) expect(screen).toContain(`Answer: ${pool.W}×${pool.W}×${pool.D}`);
      else expect(screen).toMatch(/^Answer: /m);
      seen[kind]++;

      if (/How did it feel\? 1 hard · 2 good · 3 easy/.test(screen)) {
        // Rate a right answer: the footer moves on, the next review stays shown.
        await t.key('2');
        screen = await t.waitFor('Enter: next question · q: stop');
        expect(screen).toMatch(/^Next review in /m);
      }
      if (k < 3) {
        await t.key('Enter');
        await t.waitFor(new RegExp(`nnlearn quiz\\s+${k + 1}/\\d+`));
      }
    }
    expect(seen.right, 'at least one question must be answered right from what the screen shows').toBeGreaterThanOrEqual(1);

    // q stops: the session ends with the score per topic and the misses, then q leaves.
    await t.key('q');
    screen = await t.waitFor(/Done: \d of 3 right\./);
    expect(screen).toMatch(/topic\s+right/);
    await t.key('q');
    screen = await t.waitFor(EXITED);
    expect(EXITED.exec(screen)![1]).toBe('0');
    const { log } = quizFile();
    expect(log.length).toBeGreaterThanOrEqual(3);
    expect(new Set(log.map((e) => e.id)).size).toBe(3);
    expect(log.filter((e) => e.correct === true).length).toBe(seen.right);
    expect(log.every((e) => e.mode === 'study')).toBe(true);
  }, 90000);

  it('exam stopped with Ctrl-C: the clock runs, the report comes first, a second Ctrl-C leaves, and the terminal is restored', async () => {
    await t.start({ args: ['quiz', '--exam', '--count', '5'] });
    let screen = await t.waitFor(/nnlearn exam\s+1\/5\s+⏱ \d+:\d\d/);
    const clock = /⏱ (\d+:\d\d)/.exec(screen)![1];
    // The clock counts down (it ticks every second; the default bound leaves room for a loaded machine).
    await t.waitUntil((s) => /⏱ (\d+:\d\d)/.exec(s)?.[1] !== clock, 'the exam clock to tick');
    // Ink hides the cursor while it draws.
    expect(t.display('#{cursor_flag}')).toBe('0');

    // "?" and Enter faster than a redraw: still an answer.
    t.typeFast('?');
    screen = await t.waitFor(/nnlearn exam\s+2\/5\s+⏱/);
    expect(screen).toMatch(/^\[2\/5\] /m);

    // Ctrl+C means what Esc and q mean: stop, and see the graded report first (it used to quit without it).
    await t.key('C-c');
    screen = await t.waitFor(/Exam result: \d+\/\d+/);
    expect(screen).toContain('Enter, q, Esc, Ctrl+C or Ctrl+D: leave');
    expect(screen).not.toMatch(EXITED);
    await t.key('C-c');
    screen = await t.waitFor(EXITED);
    // The answer already given is kept.
    const { log } = quizFile();
    expect(log.length).toBe(1);
    expect(log[0].mode).toBe('exam');

    // The terminal is as the shell expects it: cursor shown, echo and line editing on.
    expect(t.display('#{cursor_flag}')).toBe('1');
    await t.type('stty -a');
    await t.waitFor(/^\$ stty -a$/m); // echoed as typed: echo is on
    await t.key('C-j'); // a newline even if the terminal were left in raw mode (no icrnl)
    screen = await t.waitFor(/speed \d+ baud/);
    const stty = screen.slice(screen.lastIndexOf('$ stty -a'));
    expect(stty).toMatch(/(^|\s)echo(\s|$)/m);
    expect(stty).toMatch(/(^|\s)icanon(\s|$)/m);
    expect(stty).not.toMatch(/(^|\s)-echo(\s|$)/m);
    expect(stty).not.toMatch(/(^|\s)-icanon(\s|$)/m);
    expect(stty).toMatch(/(^|\s)isig(\s|$)/m);
    expect(t.display('#{cursor_flag}')).toBe('1');
  }, 60000);
});
