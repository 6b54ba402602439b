/**
 * The Ink <Stepper>: keys step, `a` plays (a timer), q / Esc leave. Rendered
 * into fake streams (Ink's debug mode writes every frame in full).
 */
import { render } from 'ink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { Stepper } from '../../src/screens/Stepper.js';
import { plain } from '../view/helpers.js';
import { FakeStdin, FakeStdout, tick } from '../helpers/ink-streams.js';

class Screen extends FakeStdout {
  constructor() {
    super(100, 60);
  }
  get last(): string {
    return this.frames.filter((f) => f.includes('window')).at(-1) ?? '';
  }
}

const x = new Tensor([1, 5, 5], Array.from({ length: 25 }, (_, i) => i + 1));
const w = new Tensor([1, 1, 3, 3], [1, 0, -1, 1, 0, -1, 1, 0, -1]);
const output = runOp('conv2d', { input: x, weight: w }, { stride: 2, padding: 1 }).output;

function mount(props: Partial<Parameters<typeof Stepper>[0]> = {}) {
  const stdout = new Screen();
  const stdin = new FakeStdin();
  const onExit = vi.fn();
  const app = render(
    <Stepper config={{ op: 'conv', H: 5, W: 5, F: 3, S: 2, P: 1 }} data={{ input: x, weight: w, output }} lang="en" theme={plain} onExit={onExit} {...props} />,
    { stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, debug: true, exitOnCtrlC: false, patchConsole: false },
  );
  return { stdout, stdin, onExit, app };
}

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe('<Stepper>', () => {
  it('→, space and ← step through the windows; the frame follows', async () => {
    const { stdout, stdin, app } = mount();
    cleanup = () => app.unmount();
    await tick();
    expect(stdout.last).toContain('window 1/9 · output row 0, col 0');
    expect(stdout.last).toContain('q, Esc, Ctrl+C or Ctrl+D: leave');
    stdin.press('\u001b[C'); // →
    await tick();
    expect(stdout.last).toContain('window 2/9 · output row 0, col 1');
    stdin.press(' ');
    await tick();
    expect(stdout.last).toContain('window 3/9');
    stdin.press('\u001b[D'); // ←
    await tick();
    expect(stdout.last).toContain('window 2/9');
    expect(stdout.last).toContain('y[0, 1] = ');
    stdin.press('G');
    await tick();
    expect(stdout.last).toContain('window 9/9 · output row 2, col 2');
  });

  it('a plays to the last window on a timer and stops there', async () => {
    const { stdout, stdin, app } = mount({ intervalMs: 20 });
    cleanup = () => app.unmount();
    await tick();
    stdin.press('a');
    await tick(20 * 9 + 300);
    expect(stdout.last).toContain('window 9/9');
    expect(stdout.last).not.toContain('▶');
    const seen = new Set(stdout.frames.map((f) => /window (\d)\/9/.exec(f)?.[1]).filter(Boolean));
    expect(seen.size).toBe(9);
  });

  it('a pauses again', async () => {
    const { stdout, stdin, app } = mount({ intervalMs: 40 });
    cleanup = () => app.unmount();
    await tick();
    stdin.press('a');
    await tick(60);
    stdin.press('a');
    await tick(20);
    const paused = stdout.last;
    await tick(200);
    expect(stdout.last).toBe(paused);
    expect(paused).not.toContain('window 9/9');
  });

  it('q and Esc call onExit', async () => {
    const a = mount();
    await tick();
    a.stdin.press('q');
    await tick();
    expect(a.onExit).toHaveBeenCalledTimes(1);
    a.app.unmount();
    const b = mount();
    await tick();
    b.stdin.press('\u001b');
    await tick(80);
    expect(b.onExit).toHaveBeenCalledTimes(1);
    b.app.unmount();
  });

  it.each([
    ['Ctrl+C', '\u0003'],
    ['Ctrl+D', '\u0004'],
  ])('%s calls onExit too (it was ignored)', async (_name, seq) => {
    const a = mount();
    await tick();
    a.stdin.press(seq);
    await tick();
    expect(a.onExit).toHaveBeenCalledTimes(1);
    a.app.unmount();
  });
});

describe('<Stepper> filters and channels', () => {
  it('f/F switch the filter and c/C the input channel drawn, keeping the window; the help names the keys', async () => {
    const x2 = new Tensor([2, 3, 3], Array.from({ length: 18 }, (_, i) => i + 1));
    const w2 = new Tensor([2, 2, 2, 2], Array.from({ length: 16 }, (_, i) => (i % 3) - 1));
    const y2 = runOp('conv2d', { input: x2, weight: w2 }, { stride: 1, padding: 0 }).output;
    const filt = (k: number) => ({ input: x2, channels: 2, weight: new Tensor([2, 2, 2], w2.data.subarray(k * 8, k * 8 + 8)), filter: { index: k, count: 2 }, output: new Tensor([2, 2], y2.data.subarray(k * 4, k * 4 + 4)) });
    const { stdout, stdin, app } = mount({ config: { op: 'conv', H: 3, W: 3, F: 2, S: 1, P: 0 }, data: filt(0), filters: [filt(0), filt(1)] });
    cleanup = () => app.unmount();
    await tick();
    expect(stdout.last).toContain('filter 0 of 0…1');
    // The help line wraps at the terminal's width.
    expect(stdout.last).toMatch(/f\/F:\s+next\/previous\s+filter/);
    expect(stdout.last).toMatch(/c\/C:\s+next\/previous\s+channel/);
    stdin.press(' ');
    await tick();
    stdin.press('f');
    await tick();
    expect(stdout.last).toContain('filter 1 of 0…1');
    expect(stdout.last).toContain('window 2/4');
    expect(stdout.last).toContain('✓ same');
    stdin.press('c');
    await tick();
    expect(stdout.last).toContain('drawn: input channel 1 of 0…1');
    stdin.press('C');
    await tick();
    expect(stdout.last).toContain('drawn: input channel 0 of 0…1');
    stdin.press('F');
    await tick();
    expect(stdout.last).toContain('filter 0 of 0…1');
  });
});
