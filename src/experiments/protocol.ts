/** The messages between the experiment screen and its worker thread (worker.ts, client.ts). */
import type { Msg } from '../i18n/index.js';
import type { ExperimentFrame } from './runner.js';
import type { ExperimentReport } from './types.js';

export interface ExperimentStart {
  id: string;
  seed: number;
  quick: boolean;
  /** Frames a second at most (the screen draws each). */
  fps?: number;
}

export type FromExperimentWorker =
  | { type: 'frame'; frame: ExperimentFrame }
  | { type: 'done'; frame: ExperimentFrame; report: ExperimentReport }
  | { type: 'error'; error: Msg };
