/**
 * The lesson screen on an experiment step: the step shows the experiment's
 * title and command, the footer offers x, x opens the experiment (through the
 * caller's openExperiment: the live screen with the terminal lent to it) and
 * what it leaves — the verdict — is shown under the step when the lesson comes back.
 */
import { render } from 'ink';
import { afterEach, describe, expect, it } from 'vitest';
import { msg } from '../../src/i18n/index.js';
import { LESSONS } from '../../src/lessons/all.js';
import { LessonScreen } from '../../src/screens/lesson/LessonScreen.js';
import type { Block } from '../../src/view/blocks.js';
import { plain } from '../view/helpers.js';
import { FakeStdin, FakeStdout, tick } from '../helpers/ink-streams.js';

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const dnn = LESSONS.find((l) => l.id === 'dnn')!;
const at = dnn.steps.findIndex((s) => s.kind === 'experiment');

function mount(openExperiment?: (id: string) => Promise<Block[]>) {
  const stdout = new FakeStdout(100, 40);
  const stdin = new FakeStdin();
  const app = render(<LessonScreen lesson={dnn} lang="en" theme={plain} startStep={at} onExit={() => undefined} openExperiment={openExperiment} />, {
    stdout: stdout as unknown as NodeJS.WriteStream,
    stdin: stdin as unknown as NodeJS.ReadStream,
    debug: true,
    exitOnCtrlC: false,
    patchConsole: false,
  });
  cleanup = () => app.unmount();
  return { stdout, stdin, last: () => stdout.frames.at(-1) ?? '' };
}

async function settle(last: () => string, want: string): Promise<void> {
  for (let i = 0; i < 200 && !last().includes(want); i++) await tick(50);
}

describe('<LessonScreen> on an experiment step', () => {
  it('shows the experiment and its command; x opens it and the verdict is shown when the lesson comes back', async () => {
    expect(at).toBeGreaterThan(0);
    let release: (b: Block[]) => void = () => undefined;
    const opened: string[] = [];
    const { stdin, last } = mount((id) => {
      opened.push(id);
      return new Promise((r) => (release = r));
    });
    await settle(last, 'nnlearn experiment no-nonlinearity');
    expect(last()).toContain('nnlearn experiment no-nonlinearity');
    expect(last()).toContain('Stacked linear layers are one linear layer');
    expect(last()).toContain('x run the experiment');
    stdin.press('x');
    await tick();
    expect(opened).toEqual(['no-nonlinearity']);
    // Keys belong to the experiment's screen meanwhile: a second x opens nothing, → does not move on.
    stdin.press('x');
    stdin.press('\u001b[C');
    await tick();
    expect(opened).toEqual(['no-nonlinearity']);
    release([{ kind: 'text', text: msg('VERDICT: the claim holds.', '结论：成立。') }]);
    await settle(last, 'VERDICT');
    expect(last()).toContain('VERDICT: the claim holds.');
    expect(last()).toContain(`${at + 1}/${dnn.steps.length}`);
  }, 30_000);

  it('without openExperiment: no x in the footer, the command only', async () => {
    const { stdin, last } = mount();
    await settle(last, 'nnlearn experiment no-nonlinearity');
    expect(last()).not.toContain('x run the experiment');
    expect(last()).not.toContain('press x');
    stdin.press('x');
    await tick();
    expect(last()).toContain('nnlearn experiment no-nonlinearity');
  }, 30_000);
});
