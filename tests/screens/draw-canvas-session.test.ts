/**
 * The canvas inside the training screen, with a fake worker and terminal: it
 * opens at the first digits frame when asked to (--pretrained), asks the model
 * at most one question at a time and asks again when the drawing (or the
 * model) changed meanwhile, turns mouse reports on while open and off on close
 * and on the screen's way out, and maps mouse cells to pixels.
 */
import { describe, expect, it } from 'vitest';
import { MOUSE_OFF, MOUSE_ON, canvasSession } from '../../src/screens/train/canvas-session.js';
import { initialTrainScreen, trainKey, trainReducer, type TrainAction, type TrainScreenState } from '../../src/screens/train/state.js';
import type { Frame } from '../../src/training/loop/frame.js';
import type { Prediction } from '../../src/training/tasks/digit-predict.js';

const frameOf = (topic: string) => ({ info: { topic }, stepsDone: 1 }) as unknown as Frame;
const answer = (best: number): Prediction => ({ probs: Array.from({ length: 10 }, (_, i) => (i === best ? 1 : 0)), maps: { kind: 'conv', side: 0, count: 0, maps: [] } });

function setup(topic = 'digits') {
  let s: TrainScreenState = { ...initialTrainScreen(), frame: frameOf(topic) };
  const asked: Uint8Array[] = [];
  let written = '';
  const session = canvasSession({
    client: { predict: (px) => void asked.push(px) },
    out: { write: (x: string) => (written += x) },
    size: () => ({ width: 80, height: 24 }),
    lang: 'en',
    get: () => s,
    dispatch: (a: TrainAction) => void (s = trainReducer(s, a)),
  });
  return { session, asked, written: () => written, state: () => s };
}

describe('the canvas in the training screen', () => {
  it('draw at start opens it with the first digits frame (once), not on other runs', () => {
    const d = setup();
    d.session.frame(true);
    expect(d.state().canvas).toBeTruthy();
    expect(d.written()).toBe(MOUSE_ON);
    d.session.close();
    d.session.frame(true);
    expect(d.state().canvas).toBeNull(); // closed by her: stays closed
    const other = setup('points');
    other.session.frame(true);
    expect(other.state().canvas ?? null).toBeNull();
  });

  it('s over the canvas takes one step without opening the step inspector (it would sit unseen beneath the canvas)', () => {
    const d = setup();
    expect(trainKey(d.state(), 's', {})).toMatchObject({ do: 'inspect', move: 'open' });
    d.session.open();
    expect(d.session.key('s', {})).toBe(false); // not a canvas key: the run's
    expect(trainKey(d.state(), 's', {})).toEqual({ do: 'control', control: { type: 'step' } });
  });

  it('one question in flight: drawing more meanwhile asks once more when the answer comes; a blank canvas is not asked about', () => {
    const d = setup();
    d.session.open();
    d.session.frame(false);
    expect(d.asked).toHaveLength(0); // nothing drawn
    d.session.key(' ', {}); // pen down: paints
    expect(d.asked).toHaveLength(1);
    d.session.key('l', {});
    d.session.key('l', {});
    expect(d.asked).toHaveLength(1);
    d.session.answer(answer(3));
    expect(d.state().canvas?.prediction?.probs[3]).toBe(1);
    expect(d.asked).toHaveLength(2); // the drawing moved on: asked again, once
    d.session.answer(answer(4));
    expect(d.asked).toHaveLength(2); // nothing new
    d.session.frame(false); // the model trained on: ask again
    expect(d.asked).toHaveLength(3);
    // The question is the drawing made MNIST-like (not the raw canvas).
    expect(d.asked[2]).not.toEqual(d.state().canvas!.pixels);
    d.session.key('c', {});
    d.session.answer(answer(5)); // late answer for a drawing now cleared
    expect(d.state().canvas?.prediction).toBeNull();
  });

  it('the mouse over the canvas paints; mouse reports go off on close, and on the way out only if on', () => {
    const d = setup();
    d.session.open();
    d.session.mouse({ kind: 'press', button: 0, x: 2, y: 3, raw: '' }); // the first pixel at 80×24
    expect(d.state().canvas!.pixels[0]).toBe(255);
    d.session.mouse({ kind: 'press', button: 0, x: 40, y: 3, raw: '' }); // beside the canvas
    expect(d.state().canvas!.row).toBe(0);
    expect(d.session.key('q', {})).toBe(false); // q closes the canvas and is the run's key
    expect(d.state().canvas).toBeNull();
    expect(d.written()).toBe(MOUSE_ON + MOUSE_OFF);
    d.session.releaseMouse();
    expect(d.written()).toBe(MOUSE_ON + MOUSE_OFF);
    d.session.open();
    d.session.releaseMouse(); // Ctrl+Z, q, Ctrl+C, SIGTERM: restore() says it
    d.session.resumeMouse(); // fg
    expect(d.written()).toBe(MOUSE_ON + MOUSE_OFF + MOUSE_ON + MOUSE_OFF + MOUSE_ON);
    expect(d.session.key('', { escape: true })).toBe(true);
    expect(d.state().canvas).toBeNull();
  });
});
