/**
 * What a lesson's experiment step shows of an experiment (its title and
 * claim), for the callers of the lesson renderer: src/lessons names
 * experiments by id only and never imports them.
 */
import type { ExperimentLink } from '../lessons/types.js';
import { EXPERIMENTS } from './registry.js';

export function experimentLink(id: string): ExperimentLink | undefined {
  const def = EXPERIMENTS.find((e) => e.id === id);
  return def && { id: def.id, title: def.title, claim: def.claim };
}
