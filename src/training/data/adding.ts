/**
 * The adding problem (Hochreiter & Schmidhuber 1997, in the form of Le, Jaitly
 * & Hinton 2015 that most papers use): each step carries a number drawn
 * uniformly from [0, 1) and a marker, 0 or 1. Exactly two steps are marked, one
 * in the first half and one in the second; at the last step the net must give
 * the sum of the two marked numbers (0 … 2).
 *
 * inputs [n, steps, 2] = (number, marker); target [n, 1] the sum; mean squared
 * error. Always answering 1 scores about 1/6 — a net must beat that to have learnt anything.
 */
import { mulberry32 } from '../../engine/random.js';
import { msg } from '../../i18n/index.js';
import { checkSequenceOptions, splitSequences, type SequenceTask } from './sequences.js';
import { ok } from './types.js';

/** The mean squared error of always answering 1 (the sum of two U(0,1) has variance 1/6). */
export const ADDING_BASELINE_MSE = 1 / 6;

export const adding: SequenceTask = {
  id: 'adding',
  title: msg('The adding problem', '加法问题'),
  description: msg(
    'Numbers go by, two of them marked; at the end, give the sum of the two marked numbers.',
    '一串数字依次出现，其中两个带标记；最后给出这两个带标记数字的和。',
  ),
  kind: 'regress',
  steps: { min: 2, max: 1000, integer: true, default: 50 },
  make(opts = {}) {
    const checked = checkSequenceOptions(adding, opts, (steps) => steps);
    if (!checked.ok) return checked;
    const { size, steps, testSplit, seed } = checked.value;
    const rng = mulberry32(seed);
    const inputs = new Float32Array(size * steps * 2);
    const targets = new Float32Array(size);
    const half = Math.floor(steps / 2);
    for (let i = 0; i < size; i++) {
      const base = i * steps * 2;
      for (let t = 0; t < steps; t++) inputs[base + 2 * t] = rng();
      const a = Math.floor(rng() * half);
      const b = half + Math.floor(rng() * (steps - half));
      inputs[base + 2 * a + 1] = 1;
      inputs[base + 2 * b + 1] = 1;
      // Summed from the stored float32 numbers, so the target is exactly what the net was shown.
      targets[i] = inputs[base + 2 * a] + inputs[base + 2 * b];
    }
    return ok(splitSequences({ n: size, steps, inputs, features: 2, answerSteps: 1, targets, classes: 0 }, testSplit));
  },
};
