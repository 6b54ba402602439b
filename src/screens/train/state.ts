/**
 * The training screen's state and what each key means. The run itself lives
 * in the worker (src/training/loop/); this keeps only the last frame it sent
 * and what the screen shows around it (help, the quit question, the panel).
 */
import type { Msg } from '../../i18n/index.js';
import type { Frame } from '../../training/loop/frame.js';
import type { StepDetail } from '../../training/inspect/types.js';
import type { Control } from '../../training/loop/loop.js';
import type { CanvasState } from './canvas.js';
import type { KeyInfo } from './keys.js';
import { inspectCounts, inspectKey, inspectReduce, STEP_AND_INSPECT, type InspectIntent, type InspectMove, type InspectView } from './inspect-state.js';

export interface TrainScreenState {
  frame: Frame | null;
  error: Msg | null;
  help: boolean;
  /** Which of the run's extra panels a small terminal shows (Tab cycles). */
  panel: number;
  /** q was pressed: "leave? y/n" is on screen. */
  confirmQuit: boolean;
  /** A passing word: "Saved as mine." */
  note: Msg | null;
  /** --save NAME given: leaving saves under it (else the quit question offers to save). */
  saveAs: string | null;
  /** d on a digits run: the draw-a-digit canvas is open (canvas.ts); null or absent when closed. */
  canvas?: CanvasState | null;
  /** The last step opened up (`s`), and the inspector over the figures while it is open (inspect-state.ts). */
  detail: StepDetail | null;
  inspect: InspectView | null;
}

export type TrainAction =
  | { type: 'frame'; frame: Frame }
  | { type: 'error'; error: Msg }
  | { type: 'help'; on?: boolean }
  | { type: 'panel'; panels: number }
  | { type: 'confirm-quit'; on: boolean }
  | { type: 'note'; note: Msg | null }
  | { type: 'canvas'; canvas: CanvasState | null }
  | { type: 'detail'; detail: StepDetail }
  | { type: 'inspect'; move: InspectMove };

export const initialTrainScreen = (saveAs: string | null = null): TrainScreenState => ({ frame: null, error: null, help: false, panel: 0, confirmQuit: false, note: null, saveAs, detail: null, inspect: null });

export function trainReducer(s: TrainScreenState, a: TrainAction): TrainScreenState {
  switch (a.type) {
    case 'frame':
      return { ...s, frame: a.frame };
    case 'error':
      return { ...s, error: a.error };
    case 'help':
      return { ...s, help: a.on ?? !s.help };
    case 'panel':
      return { ...s, panel: a.panels > 0 ? (s.panel + 1) % a.panels : 0 };
    case 'confirm-quit':
      return { ...s, confirmQuit: a.on };
    case 'note':
      return { ...s, note: a.note };
    case 'canvas':
      return { ...s, canvas: a.canvas };
    case 'detail':
      return { ...s, detail: a.detail, inspect: s.inspect && { ...s.inspect, waiting: false } };
    case 'inspect':
      return { ...s, inspect: inspectReduce(s.inspect, a.move, inspectCounts(s.detail)) };
  }
}

/** What a key asks for: a control for the run, or something on the screen. */
export type TrainIntent = { do: 'control'; control: Control } | InspectIntent | { do: 'help' } | { do: 'panel' } | { do: 'ask-quit' } | { do: 'quit' } | { do: 'save-quit' } | { do: 'stay' } | { do: 'canvas' };

export type { KeyInfo } from './keys.js';

/** A fresh seed for "start again": different from the last, reproducible from the number shown. */
export function nextSeed(seed: number): number {
  return (seed * 1103515245 + 12345) % 2147483647 || 1;
}

export function trainKey(s: TrainScreenState, ch: string, key: KeyInfo): TrainIntent | null {
  if (key.ctrl && (ch === 'c' || ch === 'd')) return { do: 'quit' };
  if (s.confirmQuit) {
    if (ch === 'y' || ch === 'Y' || ch === 'q' || key.return) return { do: 'quit' };
    if ((ch === 's' || ch === 'S') && s.saveAs === null) return { do: 'save-quit' };
    return { do: 'stay' };
  }
  if (s.help) return ch === 'q' ? { do: 'ask-quit' } : { do: 'help' };
  const inspecting = s.inspect ? inspectKey(ch, key) : null;
  if (inspecting) return inspecting;
  if (key.tab) return { do: 'panel' };
  if (key.escape) return { do: 'ask-quit' };
  if (key.rightArrow) return { do: 'control', control: { type: 'faster' } };
  if (key.leftArrow) return { do: 'control', control: { type: 'slower' } };
  switch (ch) {
    case ' ':
    case 'p':
      return { do: 'control', control: { type: 'toggle' } };
    case 's':
    case '.':
      // Over the canvas, s only steps: the inspector would open unseen beneath it.
      return s.canvas ? { do: 'control', control: { type: 'step' } } : STEP_AND_INSPECT;
    case 'i':
      return s.detail ? { do: 'inspect', move: 'reopen' } : null;
    case '+':
    case '=':
    case 'f':
      return { do: 'control', control: { type: 'faster' } };
    case '-':
    case '_':
      return { do: 'control', control: { type: 'slower' } };
    case '*':
    case ']':
      return { do: 'control', control: { type: 'lr', factor: 2 } };
    case '/':
    case '[':
      return { do: 'control', control: { type: 'lr', factor: 0.5 } };
    case 'r':
      return { do: 'control', control: { type: 'reset', seed: nextSeed(s.frame?.info.seed ?? 1) } };
    case '?':
    case 'h':
      return { do: 'help' };
    case 'q':
      return { do: 'ask-quit' };
    case 'd':
      return s.frame?.info.topic === 'digits' ? { do: 'canvas' } : null;
  }
  return null;
}
