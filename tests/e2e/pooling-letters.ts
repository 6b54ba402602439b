/** The letter an option of a cnn/pooling check question is shown under (options are shown shuffled). */
import { pooling } from '../../src/lessons/cnn/pooling.js';
import { checkShuffle } from '../../src/lessons/render.js';

export function poolingLetter(stepNo: number, option: number): string {
  const step = pooling.steps[stepNo - 1];
  if (step.kind !== 'check') throw new Error(`cnn/pooling step ${stepNo} is not a check question`);
  return 'abcdefgh'[checkShuffle(step.check).indexOf(option)];
}
