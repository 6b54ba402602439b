/**
 * Reverse a sequence: `steps` symbols go in, then `steps` "go" steps during
 * which the net must give them back last-first. The answers come after the
 * whole input, so a one-directional RNN/LSTM can do it too (it has to hold the
 * whole sequence); a Transformer reads it by attention.
 *
 * ids [n, 2·steps]: symbols 0…symbols−1, then the go id = symbols (vocab symbols + 1).
 * Targets [n, steps]: targets[i, t] = symbol number steps−1−t, scored at the last `steps` outputs.
 */
import { mulberry32 } from '../../engine/random.js';
import { msg } from '../../i18n/index.js';
import { checkSequenceOptions, splitSequences, type SequenceTask } from './sequences.js';
import { ok } from './types.js';

export const reverse: SequenceTask = {
  id: 'reverse',
  title: msg('Reverse a sequence', '反转序列'),
  description: msg('Read a row of symbols, then write them back in reverse order.', '读入一串符号，然后按相反的顺序写出来。'),
  kind: 'classify',
  steps: { min: 2, max: 100, integer: true, default: 8 },
  symbols: { min: 2, max: 10, integer: true, default: 4 },
  make(opts = {}) {
    const checked = checkSequenceOptions(reverse, opts, (steps) => 2 * steps);
    if (!checked.ok) return checked;
    const { size, steps, symbols, testSplit, seed } = checked.value;
    const rng = mulberry32(seed);
    const length = 2 * steps;
    const ids = new Int32Array(size * length).fill(symbols);
    const targets = new Int32Array(size * steps);
    for (let i = 0; i < size; i++) {
      for (let t = 0; t < steps; t++) ids[i * length + t] = Math.floor(rng() * symbols);
      for (let t = 0; t < steps; t++) targets[i * steps + t] = ids[i * length + steps - 1 - t];
    }
    return ok(
      splitSequences({ n: size, steps: length, ids, vocab: symbols + 1, features: symbols + 1, answerSteps: steps, targets, classes: symbols }, testSplit),
    );
  },
};
