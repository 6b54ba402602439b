/**
 * The step inspector's part of the training screen's state (state.ts keeps
 * the rest): which page (Forward · Loss · Gradients · Update) and which layer
 * or parameter is chosen, and what each key means while it is open. `s` steps
 * and opens it; `s` again steps again and shows the new step on the same page;
 * Esc, Enter or `i` close it; space closes it and lets the run go on.
 */
import type { StepDetail } from '../../training/inspect/types.js';
import type { Control } from '../../training/loop/loop.js';
import type { KeyInfo } from './keys.js';

export const INSPECT_PAGES = 4;
export const PAGE_FORWARD = 0;
export const PAGE_LOSS = 1;
export const PAGE_GRADIENTS = 2;
export const PAGE_UPDATE = 3;

export interface InspectView {
  page: number;
  /** The chosen entry of the Forward page's layers, and of the Gradients and Update pages' parameters (they share it). */
  layer: number;
  param: number;
  /** A step was asked for and its detail has not come yet. */
  waiting: boolean;
}

/** open: after `s` (a step is on its way); the others move within the open inspector. */
export type InspectMove = 'open' | 'reopen' | 'close' | 'next-page' | 'prev-page' | 'up' | 'down';

export type InspectIntent = { do: 'inspect'; move: InspectMove; control?: Control };

/** `s` (or `.`) anywhere: one step, opened up. */
export const STEP_AND_INSPECT: InspectIntent = { do: 'inspect', move: 'open', control: { type: 'step', inspect: true } };

export function inspectReduce(v: InspectView | null, move: InspectMove, counts: { layers: number; params: number }): InspectView | null {
  const wrap = (k: number, n: number) => (n > 0 ? (k + n) % n : 0);
  switch (move) {
    case 'open':
      return { ...(v ?? { page: PAGE_FORWARD, layer: 0, param: 0 }), waiting: true };
    case 'reopen':
      return v ?? { page: PAGE_FORWARD, layer: 0, param: 0, waiting: false };
    case 'close':
      return null;
    case 'next-page':
    case 'prev-page':
      return v && { ...v, page: wrap(v.page + (move === 'next-page' ? 1 : -1), INSPECT_PAGES) };
    case 'up':
    case 'down': {
      if (!v) return v;
      const d = move === 'down' ? 1 : -1;
      if (v.page === PAGE_FORWARD) return { ...v, layer: wrap(v.layer + d, counts.layers) };
      if (v.page === PAGE_GRADIENTS || v.page === PAGE_UPDATE) return { ...v, param: wrap(v.param + d, counts.params) };
      return v;
    }
  }
}

/** How many entries ↑/↓ go through on the Forward page and on the parameter pages. */
export function inspectCounts(d: StepDetail | null): { layers: number; params: number } {
  return { layers: d?.forward.length ?? 0, params: d?.grads.length ?? 0 };
}

/** A key while the inspector is open; null: the screen's usual meaning (q, ?, the learning rate…). */
export function inspectKey(ch: string, key: KeyInfo): InspectIntent | null {
  if (key.escape || key.return || ch === 'i') return { do: 'inspect', move: 'close' };
  if (key.tab || key.rightArrow) return { do: 'inspect', move: 'next-page' };
  if (key.leftArrow) return { do: 'inspect', move: 'prev-page' };
  if (key.upArrow) return { do: 'inspect', move: 'up' };
  if (key.downArrow) return { do: 'inspect', move: 'down' };
  if (ch === ' ' || ch === 'p') return { do: 'inspect', move: 'close', control: { type: 'resume' } };
  if (ch === 's' || ch === '.') return STEP_AND_INSPECT;
  return null;
}
