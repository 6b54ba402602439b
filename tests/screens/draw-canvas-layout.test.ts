/**
 * The training screen with the draw-a-digit canvas open, as the student sees
 * it: at 80×24 and 60×15, in both languages, with and without colour — the
 * canvas whole, the pen, the answer and its bars, the first layer's maps where
 * they fit, and the keys; and how the run's own screen offers it (d).
 */
import { describe, expect, it } from 'vitest';
import { canvasGeometry } from '../../src/screens/train/canvas-layout.js';
import { canvasReducer, initialCanvas, type CanvasState } from '../../src/screens/train/canvas.js';
import { helpLines, trainScreenLines } from '../../src/screens/train/layout.js';
import { initialTrainScreen, trainKey, type TrainScreenState } from '../../src/screens/train/state.js';
import { makeFrame, type Frame } from '../../src/training/loop/frame.js';
import { mnistLike } from '../../src/training/data/draw-preprocess.js';
import { startTrainer } from '../../src/training/start.js';
import type { TrainerApi } from '../../src/training/task.js';
import { makeTheme } from '../../src/view/style.js';
import sw from '../../src/view/width.js';

async function started(id: string): Promise<{ frame: Frame; trainer: TrainerApi }> {
  const t = await startTrainer(id, { seed: 1, epochs: 1 });
  if (!t.ok) throw new Error(t.error.en);
  const grads = t.trainer.step().grads;
  return { trainer: t.trainer, frame: makeFrame(t.trainer, { paused: false, speed: Infinity, done: false, grads }) };
}

const strip = (s: string) => s.replace(/\u001b\[[0-9;:]*m/g, '');
const RUNS = { digits: await started('digits'), mlp: await started('digits-mlp'), spiral: await started('spiral') };

/** A "7" drawn with the pen: across the top, then down to the left. */
function drawnSeven(trainer: TrainerApi): CanvasState {
  let c = canvasReducer(initialCanvas(), { type: 'move', dr: -8, dc: -6 });
  c = canvasReducer(c, { type: 'pen' });
  c = canvasReducer(c, { type: 'move', dr: 0, dc: 12 });
  c = canvasReducer(c, { type: 'move', dr: 16, dc: -6 });
  return canvasReducer(c, { type: 'prediction', prediction: trainer.predict!(mnistLike(c.pixels))! });
}

const screen = (frame: Frame, canvas: CanvasState | null, width: number, height: number, lang: 'en' | 'zh', level: 0 | 3) =>
  trainScreenLines({ ...initialTrainScreen(), frame, canvas } satisfies TrainScreenState, { width, height, lang, level, theme: makeTheme(level) });

describe('the canvas screen fits', () => {
  for (const [name, run] of [
    ['digits', RUNS.digits],
    ['digits-mlp', RUNS.mlp],
  ] as const) {
    for (const [width, height] of [
      [80, 24],
      [60, 15],
    ]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const level of [0, 3] as const) {
          it(`${name} at ${width}×${height}, ${lang}, colour level ${level}`, () => {
            for (const canvas of [initialCanvas(), drawnSeven(run.trainer)]) {
              const lines = screen(run.frame, canvas, width, height, lang, level);
              expect(lines.length).toBeLessThanOrEqual(height);
              for (const l of lines) expect(sw(strip(l))).toBeLessThanOrEqual(width);
              if (level === 0) expect(lines.join('\n')).not.toContain('\u001b[');
              const text = strip(lines.join('\n'));
              // the canvas whole: its 14 lines of pixels between │ … │, where the geometry says
              const g = canvasGeometry(width, height, lang);
              for (let r = 0; r < 14; r++) expect(strip(lines[g.top - 1 + r]).slice(g.left - 2, g.left + 29)).toMatch(/^│.{28}│/u);
              expect(text).toMatch(lang === 'en' ? /Esc(\/d)? back/ : /Esc(\/d)? 返回/);
              if (canvas.prediction) {
                expect(text).toMatch(lang === 'en' ? /it is a \d \(\d+ %\)/ : /它是 \d（\d+ %）/);
                for (let d = 0; d < 10; d++) expect(text).toMatch(new RegExp(`(^|\\s)${d} [█▏▎▍▌▋▊▉·]+ +\\d+ %`, 'm'));
              } else {
                expect(text).toContain(lang === 'en' ? 'Draw a digit on the left.' : '在左边画一个数字。');
              }
            }
          });
        }
      }
    }
  }
});

describe('the canvas screen at any size', () => {
  it('never wider than the terminal nor taller, from 20×8 to 140×50', () => {
    const c = drawnSeven(RUNS.digits.trainer);
    for (let width = 20; width <= 140; width += 13) {
      for (let height = 8; height <= 50; height += 6) {
        for (const level of [0, 3] as const) {
          const lines = screen(RUNS.digits.frame, c, width, height, 'zh', level);
          expect(lines.length).toBeLessThanOrEqual(height);
          for (const l of lines) expect(sw(strip(l))).toBeLessThanOrEqual(width);
        }
      }
    }
  });
});

describe('what the canvas screen shows', () => {
  it('NO_COLOR 80×24: the stroke as half blocks, the pen, the title with the run going on, the maps of conv1', () => {
    const c = drawnSeven(RUNS.digits.trainer);
    const lines = screen(RUNS.digits.frame, c, 80, 24, 'en', 0);
    const text = lines.join('\n');
    expect(lines[0]).toMatch(/^Draw a digit · LeNet-5 · step 1 · training goes on · brush 1/);
    expect(lines[1]).toMatch(/^┌─{28}┐/);
    expect(text).toMatch(/█{5,}/); // the top bar of the 7
    expect(text).toContain('o'); // the pen, down and painting
    expect(text).toContain('what the first conv layer sees  6 × 28×28');
    const g = canvasGeometry(80, 24, 'en');
    expect(g).toEqual({ top: 3, left: 2, title: true, framed: true });
  });

  it('the MLP shows its first hidden layer’s units as one tile where there is room', () => {
    const text = strip(screen(RUNS.mlp.frame, drawnSeven(RUNS.mlp.trainer), 80, 24, 'en', 0).join('\n'));
    expect(text).toContain('first hidden layer: 77 units');
  });

  it('a tall terminal also shows the drawing as the model gets it, under the canvas; 80×24 has no room for it', () => {
    const c = drawnSeven(RUNS.digits.trainer);
    expect(strip(screen(RUNS.digits.frame, c, 100, 40, 'en', 0).join('\n'))).toContain('what the model sees');
    expect(strip(screen(RUNS.digits.frame, c, 100, 40, 'zh', 3).join('\n'))).toContain('模型看到的');
    expect(strip(screen(RUNS.digits.frame, c, 80, 24, 'en', 0).join('\n'))).not.toContain('what the model sees');
    expect(strip(screen(RUNS.digits.frame, initialCanvas(), 100, 40, 'en', 0).join('\n'))).not.toContain('what the model sees');
  });

  it('60×15: no title line, the canvas from the first line, the keys in one line', () => {
    const lines = screen(RUNS.digits.frame, drawnSeven(RUNS.digits.trainer), 60, 15, 'en', 0);
    expect(canvasGeometry(60, 15, 'en')).toEqual({ top: 1, left: 2, title: false, framed: false });
    expect(lines[0]).toMatch(/^│/);
    expect(lines[14]).toMatch(/^arrows\/hjkl move · space pen · Esc back/);
  });
});

describe('the run’s screen offers the canvas on digits runs', () => {
  const theme = makeTheme(0);
  it('d opens it on a digits run, and nowhere else; the keys line and help say so', () => {
    const digits = { ...initialTrainScreen(), frame: RUNS.digits.frame };
    const spiral = { ...initialTrainScreen(), frame: RUNS.spiral.frame };
    expect(trainKey(digits, 'd', {})).toEqual({ do: 'canvas' });
    expect(trainKey(spiral, 'd', {})).toBeNull();
    const keys = (s: TrainScreenState, lang: 'en' | 'zh') => trainScreenLines(s, { width: 120, height: 40, lang, level: 0, theme }).join('\n');
    expect(keys(digits, 'en')).toContain('d draw');
    expect(keys(digits, 'zh')).toContain('d 画数字');
    expect(keys(spiral, 'en')).not.toContain('d draw');
    expect(helpLines({ width: 80, height: 24, lang: 'en', level: 0, theme }).join('\n')).toMatch(/^d +digits runs: draw a digit/m);
    expect(helpLines({ width: 80, height: 24, lang: 'zh', level: 0, theme }).join('\n')).toContain('画一个数字');
  });

  it('help shows over the canvas (? then any key goes back to it)', () => {
    const s = { ...initialTrainScreen(), frame: RUNS.digits.frame, canvas: initialCanvas(), help: true };
    expect(trainScreenLines(s, { width: 80, height: 24, lang: 'en', level: 0, theme }).join('\n')).toContain('Keys while it trains');
  });
});
