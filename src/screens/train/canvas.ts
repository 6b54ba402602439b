/**
 * The draw-a-digit canvas's state and what keys and the mouse do to it: a
 * 28×28 grey image (0 black … 255 white, as MNIST's digits), the pen's place,
 * whether it is down (moving it paints) or erasing, the brush size, and the
 * model's last answer. Pure: the screen (direct-run.ts) feeds it keys and
 * mouse events already turned into pixels (canvas-layout.ts's pixelAt).
 */
import { DRAW_SIDE, stamp } from '../../training/data/draw-preprocess.js';
import type { Prediction } from '../../training/tasks/digit-predict.js';
import type { KeyInfo } from './keys.js';

/** Brush radii in pixels: 1 (the default) draws strokes about as thick as MNIST's once scaled to its 20×20 box. */
export const BRUSHES = [0.5, 1, 1.5, 2, 3] as const;
export const DEFAULT_BRUSH = 1;

export interface CanvasState {
  pixels: Uint8Array;
  row: number;
  col: number;
  /** Pen down: each move paints (or erases) where the pen goes. */
  down: boolean;
  /** x: the pen erases instead of painting. */
  eraser: boolean;
  /** Index into BRUSHES. */
  brush: number;
  /** A mouse button held: what dragging does, and where the last report was (to draw the line between). */
  drag: { erase: boolean; row: number; col: number } | null;
  /** Bumped at every change of the pixels: the screen asks the model again when it moved. */
  version: number;
  /** The model's answer for the drawing (null: nothing drawn or not answered yet). */
  prediction: Prediction | null;
}

export function initialCanvas(): CanvasState {
  const mid = DRAW_SIDE >> 1;
  return { pixels: new Uint8Array(DRAW_SIDE * DRAW_SIDE), row: mid, col: mid, down: false, eraser: false, brush: DEFAULT_BRUSH, drag: null, version: 0, prediction: null };
}

/** A mouse event over the canvas: `at` is the pixel under it (null: outside the canvas). */
export interface CanvasMouse {
  kind: 'press' | 'drag' | 'release';
  button: number;
  at: { row: number; col: number } | null;
}

export type CanvasAction =
  | { type: 'move'; dr: number; dc: number }
  | { type: 'pen' }
  | { type: 'eraser' }
  | { type: 'clear' }
  | { type: 'brush'; delta: number }
  | { type: 'mouse'; mouse: CanvasMouse }
  | { type: 'prediction'; prediction: Prediction | null };

const clamp = (v: number) => Math.max(0, Math.min(DRAW_SIDE - 1, v));

/** The pixels with the brush stamped along the segment from (r0, c0) to (r1, c1) (a new array). */
function strokeOf(s: CanvasState, r0: number, c0: number, r1: number, c1: number, erase: boolean): Uint8Array {
  const px = s.pixels.slice();
  const steps = Math.max(1, Math.ceil(Math.hypot(r1 - r0, c1 - c0) * 2));
  for (let k = 0; k <= steps; k++) stamp(px, DRAW_SIDE, r0 + ((r1 - r0) * k) / steps, c0 + ((c1 - c0) * k) / steps, BRUSHES[s.brush], erase);
  return px;
}

function painted(s: CanvasState, px: Uint8Array, more: Partial<CanvasState> = {}): CanvasState {
  const changed = px.some((v, i) => v !== s.pixels[i]);
  return { ...s, ...more, pixels: changed ? px : s.pixels, version: changed ? s.version + 1 : s.version };
}

export function canvasReducer(s: CanvasState, a: CanvasAction): CanvasState {
  switch (a.type) {
    case 'move': {
      const row = clamp(s.row + a.dr);
      const col = clamp(s.col + a.dc);
      if (!s.down) return { ...s, row, col };
      return painted(s, strokeOf(s, s.row, s.col, row, col, s.eraser), { row, col });
    }
    case 'pen': {
      const down = !s.down;
      if (!down) return { ...s, down };
      return painted(s, strokeOf(s, s.row, s.col, s.row, s.col, s.eraser), { down });
    }
    case 'eraser': {
      const eraser = !s.eraser;
      if (!s.down) return { ...s, eraser };
      return painted(s, strokeOf({ ...s, eraser }, s.row, s.col, s.row, s.col, eraser), { eraser });
    }
    case 'clear':
      return painted(s, new Uint8Array(DRAW_SIDE * DRAW_SIDE), { prediction: null });
    case 'brush':
      return { ...s, brush: Math.max(0, Math.min(BRUSHES.length - 1, s.brush + a.delta)) };
    case 'prediction':
      return { ...s, prediction: a.prediction };
    case 'mouse':
      return mouse(s, a.mouse);
  }
}

/** Left button paints, right erases (middle and the wheel do nothing); the pen follows the mouse. */
function mouse(s: CanvasState, m: CanvasMouse): CanvasState {
  if (m.kind === 'release') return s.drag ? { ...s, drag: null } : s;
  if (m.kind === 'press') {
    if ((m.button !== 0 && m.button !== 2) || !m.at) return s;
    const erase = m.button === 2;
    const { row, col } = m.at;
    return painted(s, strokeOf(s, row, col, row, col, erase), { row, col, drag: { erase, row, col } });
  }
  // A drag: draws from the last report to this one, so a fast stroke has no gaps; off the canvas it waits.
  if (!s.drag || !m.at) return s;
  const { row, col } = m.at;
  return painted(s, strokeOf(s, s.drag.row, s.drag.col, row, col, s.drag.erase), { row, col, drag: { ...s.drag, row, col } });
}

/** What a key does on the canvas: an action, 'close', or null (not a canvas key). */
export function canvasKey(ch: string, key: KeyInfo): CanvasAction | 'close' | null {
  if (key.escape) return 'close';
  if (key.return) return { type: 'pen' };
  if (key.leftArrow) return { type: 'move', dr: 0, dc: -1 };
  if (key.rightArrow) return { type: 'move', dr: 0, dc: 1 };
  if (key.upArrow) return { type: 'move', dr: -1, dc: 0 };
  if (key.downArrow) return { type: 'move', dr: 1, dc: 0 };
  switch (ch) {
    case 'h':
      return { type: 'move', dr: 0, dc: -1 };
    case 'l':
      return { type: 'move', dr: 0, dc: 1 };
    case 'k':
      return { type: 'move', dr: -1, dc: 0 };
    case 'j':
      return { type: 'move', dr: 1, dc: 0 };
    case ' ':
      return { type: 'pen' };
    case 'x':
      return { type: 'eraser' };
    case 'c':
      return { type: 'clear' };
    case '+':
    case '=':
      return { type: 'brush', delta: 1 };
    case '-':
    case '_':
      return { type: 'brush', delta: -1 };
    case 'd':
      return 'close';
  }
  return null;
}

/** Whether anything is drawn (a blank canvas is not sent to the model). */
export function isBlank(s: CanvasState): boolean {
  return !s.pixels.some((v) => v > 0);
}
