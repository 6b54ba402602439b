/**
 * An experiment on its live screen, opened from elsewhere (the lesson's
 * experiment step, the interactive REPL's `experiment ID`): the caller lends
 * the terminal; what is left when she leaves is the verdict as blocks, for the
 * caller to print.
 */
import type { Block } from '../../view/blocks.js';
import type { OpenExperiment } from './run.js';

export type { OpenExperiment } from './run.js';

export async function openExperimentScreen(o: OpenExperiment): Promise<Block[]> {
  const { runExperimentScreen } = await import('./run.js');
  return runExperimentScreen(o);
}
