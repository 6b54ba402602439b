/**
 * The shared half of the generated sequence tasks (memory.ts, adding.ts,
 * reverse.ts): the shapes, the options and their ranges, the split.
 *
 * Shapes are batch-first, as the engine's RNN, LSTM and Transformer layers take them:
 * - token tasks (memory, reverse) give `ids` [n, steps] (Int32; an Embedding
 *   wants them as a Float32 tensor of the same numbers) and `oneHot` makes the
 *   [n, steps, vocab] inputs of an RNN/LSTM — for a batch at a time, since the
 *   whole set one-hot can be large;
 * - the adding problem gives `inputs` [n, steps, 2] directly.
 * Answers: the net's outputs at the LAST `answerSteps` steps are scored against
 * `targets` [n, answerSteps] — class ids (Int32) for memory and reverse, a real
 * number (Float32, mean squared error) for adding.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { checkOption, type NumberRange } from './checks.js';
import { fail, ok, type DataResult } from './types.js';

export interface SequenceSet {
  readonly n: number;
  /** Length of every input sequence. */
  readonly steps: number;
  /** Token tasks: the token ids [n, steps]. */
  readonly ids?: Int32Array;
  /** Token tasks: how many different ids there are (the one-hot width). */
  readonly vocab?: number;
  /** Real-valued tasks: the inputs [n, steps, features]. */
  readonly inputs?: Float32Array;
  /** Width of one step's input: vocab for token tasks (one-hot), else the feature count. */
  readonly features: number;
  /** The last `answerSteps` outputs are the answers. */
  readonly answerSteps: number;
  /** [n, answerSteps]: class ids (classes > 0) or real targets (classes = 0). */
  readonly targets: Int32Array | Float32Array;
  /** Number of answer classes; 0 when the answer is a real number (regression). */
  readonly classes: number;
}

export interface SequenceData {
  readonly train: SequenceSet;
  readonly test: SequenceSet;
}

export interface SequenceOptions {
  /** Number of sequences, train and test together (default 2000). */
  readonly size?: number;
  /** The task's length: the gap (memory), the sequence length (adding, reverse). */
  readonly steps?: number;
  /** Token tasks: how many different symbols (default 4). */
  readonly symbols?: number;
  /** Fraction kept for testing (default 0.2). */
  readonly testSplit?: number;
  readonly seed?: number;
}

export interface SequenceTask {
  readonly id: string;
  readonly title: Msg;
  /** One line for the menu. */
  readonly description: Msg;
  readonly kind: 'classify' | 'regress';
  /** The range and default of `steps` (the gap for memory). */
  readonly steps: NumberRange & { readonly default: number };
  /** Token tasks only: the range of `symbols`. */
  readonly symbols?: NumberRange & { readonly default: number };
  make(opts?: SequenceOptions): DataResult<SequenceData>;
}

export const SEQ_SIZE_RANGE: NumberRange = { min: 10, max: 20000, integer: true };
export const SEQ_TEST_SPLIT_RANGE: NumberRange = { min: 0.05, max: 0.9 };
/** size × steps, so a long gap with many sequences cannot fill the memory. */
export const MAX_SEQUENCE_STEPS = 2_000_000;
export const SEQ_DEFAULTS = { size: 2000, testSplit: 0.2, seed: 1 } as const;

export interface CheckedSequenceOptions {
  readonly size: number;
  readonly steps: number;
  readonly symbols: number;
  readonly testSplit: number;
  readonly seed: number;
}

/** The options with their defaults, or the first bad one's message. `length` turns steps into the input length. */
export function checkSequenceOptions(task: SequenceTask, opts: SequenceOptions, length: (steps: number) => number): DataResult<CheckedSequenceOptions> {
  const size = opts.size ?? SEQ_DEFAULTS.size;
  const steps = opts.steps ?? task.steps.default;
  const symbols = opts.symbols ?? task.symbols?.default ?? 0;
  const testSplit = opts.testSplit ?? SEQ_DEFAULTS.testSplit;
  const seed = opts.seed ?? SEQ_DEFAULTS.seed;
  const bad =
    checkOption('size', size, SEQ_SIZE_RANGE) ??
    checkOption(task.id === 'memory' ? 'gap' : 'steps', steps, task.steps) ??
    (task.symbols ? checkOption('symbols', symbols, task.symbols) : undefined) ??
    checkOption('test split', testSplit, SEQ_TEST_SPLIT_RANGE) ??
    checkOption('seed', seed, { min: 0, max: 2 ** 32 - 1, integer: true });
  if (bad) return fail(bad);
  if (size * length(steps) > MAX_SEQUENCE_STEPS) {
    return fail(
      msg(
        `${size} sequences of ${length(steps)} steps are too many (${size * length(steps)} steps; at most ${MAX_SEQUENCE_STEPS}); use fewer or shorter sequences.`,
        `${size} 个长度为 ${length(steps)} 的序列太多了（共 ${size * length(steps)} 步；最多 ${MAX_SEQUENCE_STEPS}）；请减少序列数量或长度。`,
      ),
    );
  }
  return ok({ size, steps, symbols, testSplit, seed });
}

function rows<T extends Int32Array | Float32Array>(a: T, width: number, from: number, to: number): T {
  return a.slice(from * width, to * width) as T;
}

/** The first sequences for training, the last round(size · testSplit) for testing (they are drawn independently, so no shuffle is needed). */
export function splitSequences(all: SequenceSet, testSplit: number): SequenceData {
  const nTest = Math.min(Math.max(Math.round(all.n * testSplit), 1), all.n - 1);
  const cut = (from: number, to: number): SequenceSet => ({
    ...all,
    n: to - from,
    ids: all.ids && rows(all.ids, all.steps, from, to),
    inputs: all.inputs && rows(all.inputs, all.steps * all.features, from, to),
    targets: rows(all.targets, all.answerSteps, from, to),
  });
  return { train: cut(0, all.n - nTest), test: cut(all.n - nTest, all.n) };
}

/**
 * The one-hot inputs [count, steps, vocab] of sequences `from` … `from + count − 1`
 * of a token set (a batch at a time: the whole set one-hot can be large).
 */
export function oneHot(set: SequenceSet, from = 0, count = set.n): Float32Array {
  const { ids, vocab, steps } = set;
  // Programming errors (a run asking for what the task does not have), not the student's.
  if (!ids || !vocab) throw new RangeError('oneHot: not a token task');
  if (!(Number.isInteger(from) && Number.isInteger(count) && from >= 0 && count >= 0 && from + count <= set.n)) {
    throw new RangeError(`oneHot: sequences ${from}…${from + count - 1} of ${set.n}`);
  }
  const out = new Float32Array(count * steps * vocab);
  for (let k = 0; k < count * steps; k++) out[k * vocab + ids[from * steps + k]] = 1;
  return out;
}

/** `count` symbols 0…symbols−1, each as often as the others (±1), in a seeded order: the answer classes stay balanced. */
export function balancedSymbols(count: number, symbols: number, rng: () => number): Int32Array {
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) out[i] = i % symbols;
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}
