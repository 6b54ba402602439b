/**
 * The draw-a-digit canvas inside a running training screen (direct-run.ts):
 * opens and closes it, turns the terminal's mouse reports on while it is open
 * (and off again on every way out: the screen's restore() calls
 * releaseMouse), feeds it keys and mouse events, and asks the model about the
 * drawing — at most one question in flight: when the answer comes and the
 * drawing has changed meanwhile (or training has moved the model on), it asks
 * again, so the answer follows her pen without piling up work in the worker.
 */
import type { Lang } from '../../i18n/index.js';
import type { TrainingClient } from '../../training/loop/client.js';
import { mnistLike } from '../../training/data/draw-preprocess.js';
import type { Prediction } from '../../training/tasks/digit-predict.js';
import { canvasKey, canvasReducer, initialCanvas, isBlank, type CanvasAction } from './canvas.js';
import { canvasGeometry, pixelAt } from './canvas-layout.js';
import type { MouseEvent } from './mouse-input.js';
import type { KeyInfo, TrainAction, TrainScreenState } from './state.js';

/** Button-event tracking (presses, drags with a button held, releases) in SGR's form. */
export const MOUSE_ON = '\u001b[?1002h\u001b[?1006h';
export const MOUSE_OFF = '\u001b[?1006l\u001b[?1002l';

export interface CanvasSessionDeps {
  client: Pick<TrainingClient, 'predict'>;
  out: { write(s: string): unknown };
  size: () => { width: number; height: number };
  lang: Lang;
  get: () => TrainScreenState;
  dispatch: (a: TrainAction) => void;
}

export function canvasSession(d: CanvasSessionDeps) {
  let mouseOn = false;
  let inFlight = false;
  /** The drawing's version the question in flight was about, and whether the model changed since (a training frame). */
  let askedVersion = -1;
  let modelMoved = false;
  let openedAtStart = false;

  const setMouse = (on: boolean) => {
    if (on === mouseOn) return;
    mouseOn = on;
    d.out.write(on ? MOUSE_ON : MOUSE_OFF);
  };

  const ask = () => {
    const c = d.get().canvas;
    if (!c || inFlight || isBlank(c)) return;
    inFlight = true;
    askedVersion = c.version;
    modelMoved = false;
    d.client.predict(mnistLike(c.pixels));
  };

  const act = (a: CanvasAction) => {
    const c = d.get().canvas;
    if (!c) return;
    const next = canvasReducer(c, a);
    if (next === c) return;
    d.dispatch({ type: 'canvas', canvas: next });
    if (next.version !== c.version) ask();
  };

  const open = () => {
    if (d.get().canvas) return;
    d.dispatch({ type: 'canvas', canvas: initialCanvas() });
    setMouse(true);
  };
  const close = () => {
    setMouse(false);
    d.dispatch({ type: 'canvas', canvas: null });
  };

  return {
    open,
    close,
    /** A key while the canvas is open: true when it was the canvas's (else the training screen's keys apply). */
    key(ch: string, info: KeyInfo): boolean {
      const a = canvasKey(ch, info);
      if (a === 'close') {
        close();
        return true;
      }
      if (a) {
        act(a);
        return true;
      }
      // q: back to the run's screen, where the quit question shows.
      if (ch === 'q') close();
      return false;
    },
    mouse(e: MouseEvent): void {
      if (!d.get().canvas) return;
      const { width, height } = d.size();
      const at = pixelAt(canvasGeometry(width, height, d.lang), e.x, e.y);
      act({ type: 'mouse', mouse: { kind: e.kind, button: e.button, at } });
    },
    answer(p: Prediction | null): void {
      inFlight = false;
      const c = d.get().canvas;
      if (!c) return;
      d.dispatch({ type: 'canvas', canvas: canvasReducer(c, { type: 'prediction', prediction: isBlank(c) ? null : p }) });
      if (c.version !== askedVersion || modelMoved) ask();
    },
    /** A training frame arrived: the model may have changed, so the answer is asked for again; --pretrained's canvas opens with the first digits frame. */
    frame(drawAtStart: boolean): void {
      const s = d.get();
      if (drawAtStart && !openedAtStart && s.frame?.info.topic === 'digits') {
        openedAtStart = true;
        open();
      }
      if (!s.canvas) return;
      modelMoved = true;
      ask();
    },
    /** The terminal is ours again (start, fg after Ctrl+Z): mouse reports back on if the canvas is open. */
    resumeMouse(): void {
      if (d.get().canvas && !mouseOn) setMouse(true);
    },
    /** The terminal goes back to the shell (any way out, Ctrl+Z): mouse reports off. */
    releaseMouse(): void {
      if (!mouseOn) return;
      mouseOn = false;
      d.out.write(MOUSE_OFF);
    },
  };
}
