/**
 * The training screen as the student sees it, from real frames of real runs:
 * what is always there (run, model, parameters, optimizer and learning rate,
 * epoch and step, speed, curves, gradient norms), that it fits 80×24, 60×15
 * and larger terminals in both languages with and without colour, and what
 * each key asks for.
 */
import { describe, expect, it } from 'vitest';
import { makeFrame, type Frame } from '../../src/training/loop/frame.js';
import { startTrainer } from '../../src/training/start.js';
import type { TrainOptions } from '../../src/training/task.js';
import { lrText, panelCount, roomy, trainScreenLines } from '../../src/screens/train/layout.js';
import { MENU_RUNS, menuKey, menuLines } from '../../src/screens/train/menu.js';
import { initialTrainScreen, nextSeed, trainKey, trainReducer, type TrainScreenState } from '../../src/screens/train/state.js';
import sw from '../../src/view/width.js';
import { makeTheme } from '../../src/view/style.js';

async function frameOf(id: string, options: TrainOptions = {}, steps = 3): Promise<Frame> {
  const t = await startTrainer(id, { seed: 1, ...options });
  if (!t.ok) throw new Error(t.error.en);
  let grads = t.trainer.step().grads;
  for (let i = 1; i < steps; i++) grads = t.trainer.step().grads;
  return makeFrame(t.trainer, { paused: false, speed: Infinity, done: false, grads });
}

const strip = (s: string) => s.replace(/\u001b\[[0-9;:]*m/g, '');
const state = (frame: Frame | null, extra: Partial<TrainScreenState> = {}): TrainScreenState => ({ ...initialTrainScreen(), frame, ...extra });

const FRAMES: Record<string, Frame> = {
  spiral: await frameOf('spiral'),
  digits: await frameOf('digits', { epochs: 1 }, 2),
  text: await frameOf('text-lstm', { hidden: 16 }, 2),
  memory: await frameOf('memory-lstm', { hidden: 8, length: 10 }, 2),
};

describe('the training screen fits the terminal', () => {
  for (const [name, frame] of Object.entries(FRAMES)) {
    for (const [width, height] of [
      [80, 24],
      [60, 15],
      [120, 40],
    ]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const level of [0, 3] as const) {
          it(`${name} at ${width}×${height}, ${lang}, colour level ${level}`, () => {
            const panels = panelCount(frame, width, height);
            for (let panel = 0; panel < Math.max(1, panels); panel++) {
              const lines = trainScreenLines(state(frame, { panel }), { width, height, lang, level, theme: makeTheme(level) });
              expect(lines.length).toBeLessThanOrEqual(height);
              for (const l of lines) expect(sw(strip(l))).toBeLessThanOrEqual(width);
              if (level === 0) expect(lines.join('\n')).not.toContain('\u001b[');
              const text = strip(lines.join('\n'));
              expect(text).toContain(frame.info.optimizer);
              expect(text).toContain(lang === 'en' ? `epoch ${frame.epoch}/${frame.info.epochs}` : `第 ${frame.epoch}/${frame.info.epochs} 轮`);
              expect(text).toMatch(lang === 'en' ? /parameters/ : /个参数/);
            }
          });
        }
      }
    }
  }
});

describe('what is on it', () => {
  const en = (s: TrainScreenState, width = 80, height = 24) => strip(trainScreenLines(s, { width, height, lang: 'en', level: 0, theme: makeTheme(0) }).join('\n'));

  it('80×24, spiral: the boundary beside the curves and the gradient norm of every layer, the keys at the bottom', () => {
    expect(roomy(80, 24)).toBe(true);
    const text = en(state(FRAMES.spiral));
    expect(text).toMatch(/^nnlearn train · Spiral {2}2 → fc 32 → relu → fc 32 → relu → fc 2/);
    expect(text).toMatch(/1,218 parameters · epoch 1\/150 · step 3 · adam lr 0\.01 · batch 32/);
    expect(text).toContain('decision boundary');
    expect(text).toMatch(/fc1 .*\n.*fc2 .*\n.*fc3 /);
    expect(text).toMatch(/space pause · s step/);
    expect(text).toContain('q quit');
  });

  it('60×15: one panel at a time, Tab says which of how many', () => {
    expect(roomy(60, 15)).toBe(false);
    const n = panelCount(FRAMES.spiral, 60, 15);
    expect(n).toBeGreaterThanOrEqual(4);
    const first = en(state(FRAMES.spiral), 60, 15);
    expect(first).toContain(`Tab more (1/${n})`);
    expect(first).toContain('loss and accuracy');
    const second = en(state(FRAMES.spiral, { panel: 1 }), 60, 15);
    expect(second).toContain(`Tab more (2/${n})`);
    expect(second).toContain('decision boundary');
  });

  it('digits: wrong digits, filters, feature maps and the confusion matrix are among the panels', () => {
    const n = panelCount(FRAMES.digits, 60, 15);
    const all = Array.from({ length: n }, (_, panel) => en(state(FRAMES.digits, { panel }), 60, 15)).join('\n');
    expect(all).toContain('first-layer filters');
    expect(all).toContain('feature maps');
    expect(all).toContain('confusion');
    expect(all).toContain('gradient norm per layer');
  });

  it('text: the generated sample; the LSTM gates', () => {
    const n = panelCount(FRAMES.text, 60, 15);
    const all = Array.from({ length: n }, (_, panel) => en(state(FRAMES.text, { panel }), 60, 15)).join('\n');
    expect(all).toContain('sample');
    expect(all).toMatch(/forget/);
  });

  it('paused, done, a chosen speed and a changed learning rate are shown as such', () => {
    expect(en(state({ ...FRAMES.spiral, paused: true }))).toContain('⏸ paused');
    expect(en(state({ ...FRAMES.spiral, done: true }))).toContain('✓ done');
    expect(en(state({ ...FRAMES.spiral, speed: 10 }))).toContain('▶ 10 steps/s');
    expect(en(state({ ...FRAMES.spiral, lr: 0.01 * 2 * 2 * 0.5 * 3 }))).toContain('lr 0.06');
    expect(lrText(0.030000000000000002)).toBe('0.03');
  });

  it('help lists every key; the quit question; an error; before the first frame', () => {
    const help = en(state(FRAMES.spiral, { help: true }));
    for (const k of ['space or p', 's or .', 'faster / slower', 'learning rate ×2', 'learning rate ÷2', 'start again', 'Tab', 'q or Esc']) expect(help).toContain(k);
    expect(help).toContain('vanishing gradient');
    expect(en(state(FRAMES.spiral, { confirmQuit: true }))).toContain('Leave the run? · y / Enter: leave');
    const err = en(state(FRAMES.spiral, { error: { en: 'Training stopped: boom', zh: '训练停止了：boom' } }));
    expect(err).toContain('Training stopped: boom');
    expect(en(state(null))).toContain('starting…');
    expect(en(state(null, { error: { en: 'no such file', zh: '没有这个文件' } }))).toContain('no such file');
  });
});

describe('keys', () => {
  const s0 = state(FRAMES.spiral);
  it('map to the controls the issue asks for', () => {
    expect(trainKey(s0, ' ', {})).toEqual({ do: 'control', control: { type: 'toggle' } });
    expect(trainKey(s0, 's', {})).toEqual({ do: 'inspect', move: 'open', control: { type: 'step', inspect: true } });
    expect(trainKey(s0, '+', {})).toEqual({ do: 'control', control: { type: 'faster' } });
    expect(trainKey(s0, '-', {})).toEqual({ do: 'control', control: { type: 'slower' } });
    expect(trainKey(s0, '*', {})).toEqual({ do: 'control', control: { type: 'lr', factor: 2 } });
    expect(trainKey(s0, '/', {})).toEqual({ do: 'control', control: { type: 'lr', factor: 0.5 } });
    expect(trainKey(s0, 'r', {})).toEqual({ do: 'control', control: { type: 'reset', seed: nextSeed(1) } });
    expect(nextSeed(1)).not.toBe(1);
    expect(trainKey(s0, '?', {})).toEqual({ do: 'help' });
    expect(trainKey(s0, '', { tab: true })).toEqual({ do: 'panel' });
    expect(trainKey(s0, 'q', {})).toEqual({ do: 'ask-quit' });
    expect(trainKey(s0, 'c', { ctrl: true })).toEqual({ do: 'quit' });
  });

  it('the quit question: y or Enter leaves, anything else stays; help closes on any key', () => {
    const asking = trainReducer(s0, { type: 'confirm-quit', on: true });
    expect(trainKey(asking, 'y', {})).toEqual({ do: 'quit' });
    expect(trainKey(asking, '', { return: true })).toEqual({ do: 'quit' });
    expect(trainKey(asking, 'n', {})).toEqual({ do: 'stay' });
    // Without --save the question offers to save first (a text run too: its characters are saved with it); with --save, leaving saves.
    expect(trainKey(asking, 's', {})).toEqual({ do: 'save-quit' });
    expect(trainKey({ ...asking, frame: FRAMES.text }, 's', {})).toEqual({ do: 'save-quit' });
    const withSave = { ...initialTrainScreen('mine'), frame: FRAMES.spiral, confirmQuit: true };
    expect(trainKey(withSave, 's', {})).toEqual({ do: 'stay' });
    const ask = (st: TrainScreenState) => trainScreenLines(st, { width: 80, height: 24, lang: 'en', level: 0, theme: makeTheme(0) }).join('\n');
    expect(ask(asking)).toContain('s: save the model, then leave');
    expect(ask({ ...asking, frame: FRAMES.text })).toContain('s: save the model, then leave');
    expect(ask(withSave)).toContain('y / Enter: save as mine and leave');
    const help = trainReducer(s0, { type: 'help' });
    expect(trainKey(help, 'x', {})).toEqual({ do: 'help' });
    expect(trainReducer(help, { type: 'help' }).help).toBe(false);
    expect(trainReducer(trainReducer(s0, { type: 'panel', panels: 2 }), { type: 'panel', panels: 2 }).panel).toBe(0);
  });
});

describe('the menu of runs', () => {
  it('lists every run by topic, the cursor on one, within 80 and 60 columns, in both languages', () => {
    for (const [width, height] of [
      [80, 24],
      [60, 15],
    ]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const cursor of [0, MENU_RUNS.length - 1]) {
          const lines = menuLines(cursor, { width, height, lang, theme: makeTheme(0) });
          expect(lines.length).toBeLessThanOrEqual(height);
          for (const l of lines) expect(sw(l)).toBeLessThanOrEqual(width);
          expect(lines.join('\n')).toMatch(new RegExp(`› ${MENU_RUNS[cursor].id}`));
        }
      }
    }
  });

  it('↑/↓ wrap around, Enter opens, q leaves', () => {
    expect(menuKey(0, '', { upArrow: true })).toEqual({ do: 'move', to: MENU_RUNS.length - 1 });
    expect(menuKey(MENU_RUNS.length - 1, '', { downArrow: true })).toEqual({ do: 'move', to: 0 });
    expect(menuKey(3, '', { return: true })).toEqual({ do: 'open' });
    expect(menuKey(3, 'q', {})).toEqual({ do: 'quit' });
  });
});
