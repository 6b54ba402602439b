/**
 * What the screen and the training worker say to each other. Only plain values:
 * they cross the thread by structured clone.
 */
import type { Msg } from '../../i18n/index.js';
import type { TrainOptions } from '../task.js';
import type { Prediction } from '../tasks/digit-predict.js';
import type { Control, LoopEvent } from './loop.js';

/** The worker's start-up data: which run, with which checked options. */
export interface WorkerStart {
  runId: string;
  options: TrainOptions;
  /** Start paused (tests; a student's run starts at once). */
  paused?: boolean;
  /** Frames per second at most (default 15). */
  fps?: number;
  /** --load NAME: start from this saved model (its run and options, under the ones given). */
  load?: string;
  /** --pretrained: start from the model that ships with nnlearn for this run (read only). */
  pretrained?: boolean;
  /** --save NAME: save the model here when the run ends, and when asked ({ type: 'save' } without a name). */
  save?: string;
  /** nnlearn's version, written into a saved model. */
  version?: string;
}

export type ToWorker = Control | { type: 'save'; name?: string } | { type: 'close' } | { type: 'predict'; pixels: Uint8Array };

export type FromWorker = LoopEvent | { type: 'error'; error: Msg } | { type: 'saved'; name: string; path: string } | { type: 'save-failed'; error: Msg } | { type: 'prediction'; prediction: Prediction | null };
