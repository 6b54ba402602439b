/**
 * Memory across a gap: the first step shows one of `symbols` symbols, the next
 * `gap` steps show a blank, and at the last step the net must say which symbol
 * it saw first. A plain RNN forgets over long gaps (its gradient vanishes); an
 * LSTM's cell keeps it — the classic reason LSTMs exist.
 *
 * ids [n, gap + 1]: symbol ids 0…symbols−1, blank = symbols (vocab symbols + 1).
 * Target [n, 1]: the first symbol. Classes balanced.
 */
import { mulberry32 } from '../../engine/random.js';
import { msg } from '../../i18n/index.js';
import { balancedSymbols, checkSequenceOptions, splitSequences, type SequenceTask } from './sequences.js';
import { ok } from './types.js';

export const memory: SequenceTask = {
  id: 'memory',
  title: msg('Remember the first symbol', '记住第一个符号'),
  description: msg(
    'See a symbol, then a gap of blank steps; at the end, say which symbol came first.',
    '先看到一个符号，再经过若干空白步；最后说出第一个符号是什么。',
  ),
  kind: 'classify',
  steps: { min: 1, max: 1000, integer: true, default: 20 },
  symbols: { min: 2, max: 10, integer: true, default: 4 },
  make(opts = {}) {
    const checked = checkSequenceOptions(memory, opts, (gap) => gap + 1);
    if (!checked.ok) return checked;
    const { size, steps: gap, symbols, testSplit, seed } = checked.value;
    const length = gap + 1;
    const first = balancedSymbols(size, symbols, mulberry32(seed));
    const ids = new Int32Array(size * length).fill(symbols);
    for (let i = 0; i < size; i++) ids[i * length] = first[i];
    return ok(
      splitSequences(
        { n: size, steps: length, ids, vocab: symbols + 1, features: symbols + 1, answerSteps: 1, targets: first, classes: symbols },
        testSplit,
      ),
    );
  },
};
