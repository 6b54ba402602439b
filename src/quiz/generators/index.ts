/**
 * Every question generator: unlimited fresh numeric questions, each solved
 * and explained by the engine, the same seed always giving the same question
 * (its id is `${generator.id}#${seed}`).
 */
import type { Generator } from '../types.js';
import { attentionShapes } from './attention-shapes.js';
import { clip } from './clip.js';
import { convOutput } from './conv-output.js';
import { convParams } from './conv-params.js';
import { fcParams } from './fc-params.js';
import { gradNorm } from './grad-norm.js';
import { lstmParams } from './lstm-params.js';
import { lstmStep } from './lstm-step.js';
import { mhaParams } from './mha-params.js';
import { poolOutput } from './pool-output.js';
import { receptiveField } from './receptive-field.js';

export const GENERATORS: Generator[] = [
  convOutput,
  poolOutput,
  convParams,
  fcParams,
  receptiveField,
  gradNorm,
  clip,
  lstmParams,
  lstmStep,
  attentionShapes,
  mhaParams,
];

/** The generator of "gen/conv-output" or of a generated question id "gen/conv-output#42". */
export function findGenerator(id: string): Generator | undefined {
  const key = id.split('#')[0];
  return GENERATORS.find((g) => g.id === key);
}
