/**
 * The Ink <QuizApp> while a formula answer is graded: grading can take seconds
 * (the math sandbox loads), so the screen says "checking…" until the grade
 * comes back. The grade is held back here, so nothing depends on timing.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { render } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Graded } from '../../src/quiz/grade.js';
import { ITEMS } from '../../src/quiz/items.js';
import { QuizSession } from '../../src/quiz/session.js';
import { emptyQuizState, quizStore } from '../../src/quiz/state.js';
import { QuizApp } from '../../src/screens/quiz/QuizApp.js';
import { warmFormulaGrader } from '../../src/quiz/formula.js';
import { plain } from '../view/helpers.js';
import { FakeStdin, FakeStdout, tick } from '../helpers/ink-streams.js';

// The warm-up is counted (and still done) so the test sees that the quiz starts it while the question is read.
vi.mock('../../src/quiz/formula.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/quiz/formula.js')>();
  return { ...real, warmFormulaGrader: vi.fn(real.warmFormulaGrader) };
});

class Screen extends FakeStdout {
  constructor() {
    super(80, 24);
  }
  get last(): string {
    return this.frames.at(-1) ?? '';
  }
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

function mount(lang: 'en' | 'zh') {
  const formula = ITEMS.filter((it) => it.make(1).kind === 'formula').slice(0, 1);
  expect(formula.length).toBe(1);
  const home = mkdtempSync(join(tmpdir(), 'nnlearn-quiz-checking-'));
  const session = new QuizSession({ mode: 'study', items: formula, count: 1, seed: 1, lang, store: quizStore({ NNLEARN_HOME: home }) }, emptyQuizState());
  let release: (g: Graded) => void = () => undefined;
  session.grade = () => new Promise<Graded>((r) => (release = r));
  const stdout = new Screen();
  const stdin = new FakeStdin();
  const app = render(<QuizApp session={session} lang={lang} theme={plain} onDone={() => undefined} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  cleanup = () => app.unmount();
  return { stdout, stdin, release: (g: Graded) => release(g) };
}

describe('<QuizApp>: a formula answer being graded', () => {
  for (const [lang, word] of [['en', 'checking…'], ['zh', '检查中…']] as const) {
    it(`says ${word} until the grade comes back (${lang})`, async () => {
      const { stdout, stdin, release } = mount(lang);
      await tick();
      expect(stdout.last).not.toContain(word);
      // The grader started loading as soon as the formula question was shown, before any answer.
      expect(vi.mocked(warmFormulaGrader)).toHaveBeenCalled();
      vi.mocked(warmFormulaGrader).mockClear();
      stdin.press('F');
      await tick();
      stdin.press('\r');
      await tick();
      expect(stdout.last).toContain(word);
      release({ outcome: 'invalid', message: { en: 'not a formula', zh: '不是公式' } } as unknown as Graded);
      await tick();
      expect(stdout.last).not.toContain(word);
    });
  }
});
