/**
 * The step inspector on the training screen (`s`): its pages drawn from real
 * steps of real runs fit 80×24, 60×15 and larger in both languages, with and
 * without colour, nothing cut; what each page says; and what the keys do.
 */
import { describe, expect, it } from 'vitest';
import { inspectBody, ratioVerdict } from '../../src/screens/train/inspect-layout.js';
import { INSPECT_PAGES, PAGE_FORWARD, PAGE_GRADIENTS, PAGE_LOSS, PAGE_UPDATE, STEP_AND_INSPECT, type InspectView } from '../../src/screens/train/inspect-state.js';
import { trainScreenLines } from '../../src/screens/train/layout.js';
import { initialTrainScreen, trainKey, trainReducer, type TrainScreenState } from '../../src/screens/train/state.js';
import type { StepDetail } from '../../src/training/inspect/types.js';
import { makeFrame, type Frame } from '../../src/training/loop/frame.js';
import { startTrainer } from '../../src/training/start.js';
import type { TrainOptions } from '../../src/training/task.js';
import { fmtShort } from '../../src/i18n/numbers.js';
import { makeTheme } from '../../src/view/style.js';
import sw from '../../src/view/width.js';

async function stepOf(id: string, options: TrainOptions = {}): Promise<{ frame: Frame; detail: StepDetail }> {
  const t = await startTrainer(id, { seed: 1, ...options });
  if (!t.ok) throw new Error(t.error.en);
  t.trainer.step();
  const r = t.trainer.step({ inspect: true });
  return { frame: makeFrame(t.trainer, { paused: true, speed: Infinity, done: false, grads: r.grads }), detail: r.detail! };
}

const RUNS: Record<string, { frame: Frame; detail: StepDetail }> = {
  spiral: await stepOf('spiral', { optimizer: 'sgd', lr: 0.1 }),
  digits: await stepOf('digits', { epochs: 1 }),
  text: await stepOf('text-lstm', { hidden: 16 }),
  transformer: await stepOf('text-transformer', { hidden: 16 }),
  memory: await stepOf('memory-lstm', { hidden: 8, length: 10 }),
  adding: await stepOf('adding-lstm', { hidden: 8, length: 10 }),
};

const strip = (s: string) => s.replace(/\u001b\[[0-9;:]*m/g, '');
const view = (v: Partial<InspectView> = {}): InspectView => ({ page: PAGE_FORWARD, layer: 0, param: 0, waiting: false, ...v });
const opts = (width: number, height: number, lang: 'en' | 'zh' = 'en', level: 0 | 3 = 0) => ({ width, height, lang, level, theme: makeTheme(level) });
const screen = (name: string, v: Partial<InspectView>, width = 80, height = 24, lang: 'en' | 'zh' = 'en', level: 0 | 3 = 0): string[] => {
  const { frame, detail } = RUNS[name];
  const s: TrainScreenState = { ...initialTrainScreen(), frame, detail, inspect: view(v) };
  return trainScreenLines(s, opts(width, height, lang, level));
};

describe('the inspector fits the terminal', () => {
  for (const [name, { detail }] of Object.entries(RUNS)) {
    for (const [width, height] of [
      [80, 24],
      [60, 15],
      [120, 40],
    ]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const level of [0, 3] as const) {
          it(`${name} at ${width}×${height}, ${lang}, colour level ${level}: every page, first and last entries`, () => {
            const room = height - 5;
            for (let page = 0; page < INSPECT_PAGES; page++) {
              for (const k of [0, 1, detail.forward.length - 1, detail.grads.length - 1]) {
                const v = view({ page, layer: k, param: k });
                // The inspector's own lines fit as they are: none needs cutting (so none is cut mid-character).
                const body = inspectBody(v, detail, false, opts(width, height, lang, level), room);
                expect(body.length).toBeLessThanOrEqual(room);
                for (const l of body) {
                  expect(sw(strip(l)), strip(l)).toBeLessThanOrEqual(width);
                  expect(strip(l)).not.toMatch(/\uFFFD|[\uD800-\uDFFF]/);
                }
                const lines = screen(name, v, width, height, lang, level);
                expect(lines.length).toBeLessThanOrEqual(height);
                for (const l of lines) expect(sw(strip(l))).toBeLessThanOrEqual(width);
                if (level === 0) expect(lines.join('\n')).not.toContain('\u001b[');
                const text = strip(lines.join('\n'));
                // The header stays: the step counter moves as `s` steps again.
                expect(text).toMatch(lang === 'en' ? /step 2/ : /第 2 步/);
                expect(text).toContain(lang === 'en' ? 'Esc close' : 'Esc 关闭');
              }
            }
          });
        }
      }
    }
  }
});

describe('what each page says', () => {
  const text = (name: string, v: Partial<InspectView>, width = 80, height = 24, lang: 'en' | 'zh' = 'en') => strip(screen(name, v, width, height, lang).join('\n'));

  it('Forward: the layers by name with their shapes; the chosen one drawn; the digit as pixels', () => {
    const t = text('spiral', { page: PAGE_FORWARD, layer: 1 });
    expect(t).toContain('[Forward] · Loss · Gradients · Update');
    expect(t).toMatch(/› fc1 +32 +min/);
    expect(t).toMatch(/relu1 +32/);
    expect(t).toMatch(/step 2 · batch 2\/\d+ of epoch 1 · 32 examples · example 0: x [-\d.]+, y [-\d.]+ → \d/);
    const softmax = text('spiral', { page: PAGE_FORWARD, layer: RUNS.spiral.detail.forward.length - 1 });
    expect(softmax).toMatch(/› softmax/);
    expect(softmax).toMatch(/0 .*█.*\n.*1 .*█/);
    const digit = text('digits', { page: PAGE_FORWARD, layer: 0 });
    expect(digit).toMatch(/› input +1×28×28/);
    expect(digit).toMatch(/[░▒▓█]{2}/);
    expect(text('digits', { page: PAGE_FORWARD, layer: 1 })).toContain('the first 5 of 6 maps');
    // Token ids are whole numbers and are shown as such; a layer's outputs keep their decimals.
    const ids = text('text', { page: PAGE_FORWARD, layer: 0 });
    expect(ids).toMatch(/^0 +\d+ +\d+ /m);
    expect(ids).not.toMatch(/\d\.000/);
    expect(text('text', { page: PAGE_FORWARD, layer: 1 })).toMatch(/-?\d\.\d{3}/);
  });

  it('Loss: the formula with example 0’s numbers, the mean over the batch, the probabilities', () => {
    const d = RUNS.spiral.detail.loss;
    if (d.kind !== 'cross-entropy') throw new Error('cross entropy expected');
    const t = text('spiral', { page: PAGE_LOSS });
    expect(t).toContain(`p_y = softmax(logits)_y = ${fmtShort(d.p)}`);
    expect(t).toContain(`−log p_y = −log ${fmtShort(d.p)} = ${fmtShort(d.term)}`);
    expect(t).toContain(`batch: mean over the 32 examples = ${fmtShort(d.mean)}`);
    expect(t).toContain(`the step's loss ${fmtShort(d.value)}`);
    expect(t).toMatch(/✓/);
    expect(text('text', { page: PAGE_LOSS })).toMatch(/mean over [\d,]+ predictions \(32 examples × \d+ positions\)/);
    expect(text('adding', { page: PAGE_LOSS })).toMatch(/\(ŷ − y\)² = \([-\d.]+ − [-\d.]+\)² = /);
    expect(text('adding', { page: PAGE_LOSS }, 60, 15, 'zh')).toContain('均方误差');
  });

  it('Gradients and Update: every parameter by its readable name, norms, the rule and the ‖Δ‖/‖w‖ verdict', () => {
    const g = text('spiral', { page: PAGE_GRADIENTS, param: 0 });
    expect(g).toMatch(/› fc1\.weight +32×2 +‖g‖/);
    expect(g).toContain('fc3.bias');
    const u = text('spiral', { page: PAGE_UPDATE, param: 0 });
    expect(u).toContain('sgd, lr 0.1: Δw = −lr·g');
    expect(u).toMatch(/‖Δ‖\/‖w‖ = [\d.e-]+: (far above|near|far below) the healthy ~1e-3 \(CS231n\)/);
    expect(u).toContain('Δ fc1.weight');
    expect(text('text', { page: PAGE_UPDATE, param: 0 })).toContain('embed.weight');
    expect(text('spiral', { page: PAGE_UPDATE }, 80, 24, 'zh')).toContain('健康的约 1e-3');
    expect(ratioVerdict(1e-3)).toBe('healthy');
    expect(ratioVerdict(0.05)).toBe('high');
    expect(ratioVerdict(1e-6)).toBe('low');
    expect(ratioVerdict(NaN)).toBe('none');
    expect(ratioVerdict(Infinity)).toBe('high');
    // A parameter that was all zeros before the step: no ratio, said as such (not "far above").
    const d = RUNS.spiral.detail;
    const zero = { ...d, update: d.update.map((u, k) => (k === 0 ? { ...u, normWeight: 0, ratio: NaN } : u)) };
    const z = strip(inspectBody(view({ page: PAGE_UPDATE }), zero, false, opts(80, 24), 19).join('\n'));
    expect(z).toContain('‖w‖ was 0 before this step');
    expect(z).not.toContain('far above');
  });

  it('before the step arrives, and once the run has ended', () => {
    const o = opts(80, 24);
    expect(strip(inspectBody(view({ waiting: true }), null, false, o, 10).join('\n'))).toContain('stepping…');
    expect(strip(inspectBody(view(), null, true, o, 10).join('\n'))).toContain('no step left');
    // s again: the last step stays on screen, marked, until the new one comes.
    expect(strip(inspectBody(view({ waiting: true }), RUNS.spiral.detail, false, o, 10)[0])).toContain('stepping…');
  });
});

describe('keys', () => {
  const { frame, detail } = RUNS.spiral;
  const closed: TrainScreenState = { ...initialTrainScreen(), frame };

  it('s steps and opens the inspector; the detail arrives; i opens the last one again', () => {
    expect(trainKey(closed, 's', {})).toEqual(STEP_AND_INSPECT);
    expect(trainKey(closed, '.', {})).toEqual(STEP_AND_INSPECT);
    expect(trainKey(closed, 'i', {})).toBeNull();
    let s = trainReducer(closed, { type: 'inspect', move: 'open' });
    expect(s.inspect).toEqual({ page: 0, layer: 0, param: 0, waiting: true });
    s = trainReducer(s, { type: 'detail', detail });
    expect(s.inspect!.waiting).toBe(false);
    expect(s.detail).toBe(detail);
    s = trainReducer(s, { type: 'inspect', move: 'close' });
    expect(s.inspect).toBeNull();
    expect(trainKey(s, 'i', {})).toEqual({ do: 'inspect', move: 'reopen' });
    expect(trainReducer(s, { type: 'inspect', move: 'reopen' }).inspect).toMatchObject({ page: 0, waiting: false });
  });

  it('inside: ←/→ and Tab turn the pages, ↑/↓ choose, s steps again on the same page, Esc/Enter/i close, space goes on', () => {
    let s: TrainScreenState = { ...closed, detail, inspect: view() };
    expect(trainKey(s, '', { rightArrow: true })).toEqual({ do: 'inspect', move: 'next-page' });
    expect(trainKey(s, '', { tab: true })).toEqual({ do: 'inspect', move: 'next-page' });
    expect(trainKey(s, '', { leftArrow: true })).toEqual({ do: 'inspect', move: 'prev-page' });
    expect(trainKey(s, '', { upArrow: true })).toEqual({ do: 'inspect', move: 'up' });
    expect(trainKey(s, '', { downArrow: true })).toEqual({ do: 'inspect', move: 'down' });
    for (const k of [{ escape: true }, { return: true }]) expect(trainKey(s, '', k)).toEqual({ do: 'inspect', move: 'close' });
    expect(trainKey(s, 'i', {})).toEqual({ do: 'inspect', move: 'close' });
    expect(trainKey(s, ' ', {})).toEqual({ do: 'inspect', move: 'close', control: { type: 'resume' } });
    expect(trainKey(s, 's', {})).toEqual(STEP_AND_INSPECT);
    // The screen's other keys keep their meaning.
    expect(trainKey(s, 'q', {})).toEqual({ do: 'ask-quit' });
    expect(trainKey(s, '*', {})).toEqual({ do: 'control', control: { type: 'lr', factor: 2 } });
    expect(trainKey(s, '?', {})).toEqual({ do: 'help' });

    s = trainReducer(s, { type: 'inspect', move: 'prev-page' });
    expect(s.inspect!.page).toBe(PAGE_UPDATE);
    s = trainReducer(s, { type: 'inspect', move: 'next-page' });
    expect(s.inspect!.page).toBe(PAGE_FORWARD);
    s = trainReducer(s, { type: 'inspect', move: 'up' });
    expect(s.inspect!.layer).toBe(detail.forward.length - 1);
    s = trainReducer(s, { type: 'inspect', move: 'down' });
    expect(s.inspect!.layer).toBe(0);
    s = trainReducer(trainReducer(s, { type: 'inspect', move: 'next-page' }), { type: 'inspect', move: 'next-page' });
    expect(s.inspect!.page).toBe(PAGE_GRADIENTS);
    s = trainReducer(s, { type: 'inspect', move: 'down' });
    expect(s.inspect).toMatchObject({ param: 1, layer: 0 });
    s = trainReducer(s, { type: 'inspect', move: 'open' });
    expect(s.inspect).toMatchObject({ page: PAGE_GRADIENTS, param: 1, waiting: true });
  });

  it('the keys line and the help say so', () => {
    const lines = strip(screen('spiral', {}).join('\n'));
    expect(lines).toContain('←/→ Tab page · ↑/↓ choose · s step again · Esc close · space go on · ? help');
    const help = strip(trainScreenLines({ ...closed, help: true }, opts(80, 24)).join('\n'));
    expect(help).toContain('one step, opened up: Forward · Loss · Gradients · Update');
    const zh = strip(trainScreenLines({ ...closed, help: true }, opts(80, 24, 'zh')).join('\n'));
    expect(zh).toContain('走一步并打开这一步');
  });
});
