/**
 * What the masked-attention experiment measures of a trained character model
 * (helpers it alone needs): its loss when every prediction is made from the
 * characters before it only, and how much of its generated text is made of
 * words that occur in the corpus.
 */
import { F, Tensor } from '../../engine/index.js';
import type { SequenceNet } from '../../training/models/sequence-net.js';

/** Test windows scored (fewer when the test text is shorter). */
export const EVAL_WINDOWS = 32;

/** Starts of up to EVAL_WINDOWS consecutive windows of `window` characters (each with its next character) in `ids`. */
export function windowStarts(ids: Int32Array, window: number, count = EVAL_WINDOWS): number[] {
  const n = Math.min(count, Math.floor((ids.length - 1) / window));
  return Array.from({ length: n }, (_, k) => k * window);
}

function inputs(ids: Int32Array, starts: readonly number[], L: number): Tensor {
  const x = new Float32Array(starts.length * L);
  starts.forEach((s, k) => {
    for (let t = 0; t < L; t++) x[k * L + t] = ids[s + t];
  });
  return new Tensor([starts.length, L], x);
}

/** Mean next-character cross entropy over the windows at `starts`, the whole window in at once and every position scored (as training and the test loss do). Call under noGrad. */
export function windowLoss(model: SequenceNet, ids: Int32Array, starts: readonly number[], window: number): number {
  const n = starts.length;
  if (n === 0) return NaN;
  const y = new Float32Array(n * window);
  starts.forEach((s, k) => {
    for (let t = 0; t < window; t++) y[k * window + t] = ids[s + t + 1];
  });
  return F.crossEntropy(model.forward(inputs(ids, starts, window)), new Tensor([n, window], y)).data[0];
}

/**
 * The same mean, each prediction for character t + 1 made from characters 0 … t alone (the
 * window cut after t), as a model must predict when it writes text one character at a time.
 * With a causal mask this equals windowLoss (to float rounding): a position never saw what
 * follows it. Without the mask windowLoss can be low because the answer was in the input.
 * Call under noGrad.
 */
export function causalLoss(model: SequenceNet, ids: Int32Array, starts: readonly number[], window: number): number {
  const n = starts.length;
  if (n === 0) return NaN;
  let sum = 0;
  for (let L = 1; L <= window; L++) {
    const logits = model.forward(inputs(ids, starts, L)); // [n, L, V]: only the last position's row is used
    const V = logits.shape[2];
    const last = new Float32Array(n * V);
    const target = new Float32Array(n);
    for (let k = 0; k < n; k++) {
      last.set(logits.data.subarray((k * L + L - 1) * V, (k * L + L) * V), k * V);
      target[k] = ids[starts[k] + L];
    }
    sum += F.crossEntropy(new Tensor([n, V], last), new Tensor([n], target)).data[0];
  }
  return sum / window;
}

/** The words of a text: runs of two or more Latin letters, lower case (single letters are too often real to tell anything). */
export function wordsOf(text: string): string[] {
  return (text.toLowerCase().match(/[a-z]{2,}/g) ?? []) as string[];
}

/** The fraction of `sample`'s words that occur as words in the corpus (0 when it has no word at all: "= = 0 =" is not text). */
export function realWordFraction(sample: string, corpusWords: ReadonlySet<string>): number {
  const words = wordsOf(sample);
  if (words.length === 0) return 0;
  return words.filter((w) => corpusWords.has(w)).length / words.length;
}
