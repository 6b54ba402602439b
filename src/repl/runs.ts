/**
 * What a command leaves behind for the next one (ctx.last): step and grad
 * walk the last conv or pool, clip rescales the last grad rnn. Each run is
 * typed by the command that made it, so readers narrow on `command` instead
 * of casting.
 */
import type { PoolKind } from '../engine/size-rule.js';
import type { Tensor } from '../engine/tensor.js';

/** What a pool line asks for (kind, F, S, P, ceil). */
export interface PoolConfig {
  kind: PoolKind;
  F: number;
  S: number;
  P: number;
  ceil: boolean;
}

export interface ConvRun {
  input: Tensor;
  weight: Tensor;
  bias: Tensor;
  output: Tensor;
  stride: number;
  padding: number;
  dilation: number;
  /** The variable it ran on, for messages that suggest the next command. */
  name?: string;
}

export interface PoolRun extends PoolConfig {
  input: Tensor;
  output: Tensor;
  /** Max pooling: the winner of each window (flat y·W + x in its plane). */
  indices: Int32Array | null;
  /** The variable it ran on, for messages that suggest the next command. */
  name?: string;
}

export interface RnnGradRun {
  T: number;
  H: number;
  gain: number;
  /** ‖∂L/∂hₜ‖ for t = 0 … T (t = 0 is the initial state h₀). */
  norms: number[];
  /** [T + 1, H]: ∂L/∂hₜ for t = 0 … T. */
  grads: Tensor;
}

/** The last result later commands may act on, by the command that made it. */
export type LastRun =
  | { command: 'conv'; data: ConvRun }
  | { command: 'pool'; data: PoolRun }
  | { command: 'grad-rnn'; data: RnnGradRun };

/** A conv or a pool: what step and grad walk. */
export type WindowRun = Extract<LastRun, { command: 'conv' | 'pool' }>;
