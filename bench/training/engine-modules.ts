/**
 * The boundary to the layers the LeNet, LSTM and transformer rows need
 * (Conv2d, MaxPool2d, LSTM, TransformerEncoderLayer). They are looked up in
 * src/engine/nn by name when a row runs, typed with the constructors the
 * engine gives them, so the benchmark typechecks and runs whether or not the
 * engine has them yet; a row whose layer is missing says so instead of
 * timing. Once all four are exported from src/engine/nn/index.ts, this file's
 * body can become one line, so the compiler checks the rows against the real
 * classes:
 *   export { Conv2d, MaxPool2d, LSTM, TransformerEncoderLayer } from '../../src/engine/nn/index.js';
 * (and the rows' `pending('X')` calls plain `X`).
 */
import * as nn from '../../src/engine/nn/index.js';
import type { Module } from '../../src/engine/nn/module.js';
import type { Rng } from '../../src/engine/nn/init.js';

interface PendingLayers {
  /** [N, inC, H, W] → [N, outC, H', W'] (torch.nn.Conv2d). */
  Conv2d: new (inChannels: number, outChannels: number, kernel: number, opts?: { stride?: number; padding?: number; rng?: Rng }) => Module;
  /** [N, C, H, W] → [N, C, H', W'] (torch.nn.MaxPool2d). */
  MaxPool2d: new (kernel: number, stride?: number) => Module;
  /** [N, T, in] → [N, T, hidden] (torch.nn.LSTM, batch_first). */
  LSTM: new (inputSize: number, hiddenSize: number, opts?: { rng?: Rng }) => Module;
  /** [N, T, d] → [N, T, d] (torch.nn.TransformerEncoderLayer, post-norm, batch_first). */
  TransformerEncoderLayer: new (dModel: number, nhead: number, dimFeedforward: number, opts?: { causal?: boolean; rng?: Rng }) => Module;
}

/** The engine's layer class `name`, or undefined while src/engine/nn does not export it. */
export function pending<K extends keyof PendingLayers>(name: K): PendingLayers[K] | undefined {
  const found = (nn as unknown as Record<string, unknown>)[name];
  return typeof found === 'function' ? (found as PendingLayers[K]) : undefined;
}

/** The row's "cannot run yet" reason for the first missing layer, or null when all are there. */
export function missing(names: readonly (keyof PendingLayers)[]): { unavailable: string } | null {
  const gone = names.filter((n) => pending(n) === undefined);
  return gone.length === 0 ? null : { unavailable: `nnlearn has no ${gone.join('/')} yet` };
}
