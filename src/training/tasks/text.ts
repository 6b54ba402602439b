/**
 * A character language model: batches of random windows of the corpus (seeded
 * per epoch), the loss the cross entropy of the next character at every
 * position, the accuracy how often the most likely next character is the right
 * one. The last part of the text (testSplit) is never trained on: the test
 * scores are on text the model has not seen.
 */
import { F, noGrad, stepScope, Tensor } from '../../engine/index.js';
import { mulberry32 } from '../../engine/random.js';
import { msg, tr, type Lang } from '../../i18n/index.js';
import type { JsonValue } from '../json-value.js';
import { type Corpus, decode } from '../data/text.js';
import { type CellKind, insideViews, SequenceNet } from '../models/sequence-net.js';
import type { BatchLoss, OptimizerName, SplitScore, Task, TaskInfo, TaskViews } from '../task.js';
import { countCorrect, epochRng } from './scores.js';
import { textExtra } from './text-vocab.js';

export interface TextTaskSettings {
  id: string;
  cell: CellKind;
  hidden: number;
  /** Characters in one training window (the length of backpropagation through time). */
  window: number;
  batch: number;
  epochs: number;
  lr: number;
  optimizer: OptimizerName;
  seed: number;
  testSplit: number;
  /** The lessons' language of the default corpus, or null for a --text file (kept in a saved model). */
  lessons?: Lang | null;
  /** Transformer: the causal mask (SequenceNetSpec.causal; default on). */
  causal?: boolean;
}

export const SAMPLE_PROMPT_CHARS = 24;
export const SAMPLE_CHARS = 120;
export const SAMPLE_TEMPERATURE = 0.8;
/** Characters of the sequence the gates and attention views show (one label each on the screen). */
export const VIEW_CHARS = 24;
/** Windows scored by evaluate() on each split: enough for a steady number, few enough to take a moment. */
const EVAL_WINDOWS = 16;

/** Why the corpus cannot be cut into a training part and a test part with these settings, if it cannot. */
export function textSplit(length: number, window: number, testSplit: number): { train: number; test: number } | null {
  const test = Math.max(window + 1, Math.round(length * testSplit));
  const train = length - test;
  return train >= window + 1 ? { train, test } : null;
}

export class TextTask implements Task {
  readonly info: TaskInfo;
  readonly model: SequenceNet;
  private readonly train: Int32Array;
  private readonly test: Int32Array;
  private starts = new Int32Array(0);
  private readonly trainEval: Int32Array;
  private readonly testEval: Int32Array;

  constructor(
    readonly corpus: Corpus,
    readonly settings: TextTaskSettings,
    title: TaskInfo['title'],
  ) {
    const { window, batch, seed } = settings;
    const split = textSplit(corpus.ids.length, window, settings.testSplit);
    if (!split) throw new RangeError('TextTask: the corpus is too short for the window (checked by the run)');
    this.train = corpus.ids.subarray(0, split.train);
    this.test = corpus.ids.subarray(split.train);
    const V = corpus.vocab.chars.length;
    this.model = new SequenceNet({ cell: settings.cell, hidden: settings.hidden, input: { kind: 'tokens', vocab: V }, outputs: V, seed, ...(settings.causal === undefined ? {} : { causal: settings.causal }) });
    const rng = mulberry32(seed ^ 0x5eed);
    this.trainEval = Int32Array.from({ length: EVAL_WINDOWS }, () => Math.floor(rng() * (this.train.length - window)));
    const testWindows = Math.min(EVAL_WINDOWS, Math.floor((this.test.length - 1) / window));
    this.testEval = Int32Array.from({ length: testWindows }, (_, k) => k * window);
    this.info = {
      id: settings.id,
      title,
      topic: 'text',
      model: `${this.model.describe()}, ${V} characters`,
      modelName: msg(`${this.model.describe()}, ${V} characters`, `${tr('zh', this.model.describeMsg())}，${V} 种字符`),
      parameters: this.model.parameterCount(),
      optimizer: settings.optimizer,
      lr: settings.lr,
      batch,
      epochs: settings.epochs,
      seed,
      stepsPerEpoch: Math.max(1, Math.ceil(this.train.length / (batch * window))),
      trainSize: this.train.length,
      testSize: this.test.length,
      unit: msg('characters', '字符'),
    };
  }

  startEpoch(epoch: number): number {
    const { batch, window, seed } = this.settings;
    const rng = epochRng(seed, epoch);
    const n = this.info.stepsPerEpoch;
    this.starts = Int32Array.from({ length: n * batch }, () => Math.floor(rng() * (this.train.length - window)));
    return n;
  }

  /** Inputs [n, window] and next-character targets [n, window] of the windows starting at `starts`. */
  private windows(ids: Int32Array, starts: ArrayLike<number>): { x: Tensor; y: Tensor } {
    const T = this.settings.window;
    const x = new Float32Array(starts.length * T);
    const y = new Float32Array(starts.length * T);
    for (let k = 0; k < starts.length; k++) {
      for (let t = 0; t < T; t++) {
        x[k * T + t] = ids[starts[k] + t];
        y[k * T + t] = ids[starts[k] + t + 1];
      }
    }
    return { x: new Tensor([starts.length, T], x), y: new Tensor([starts.length, T], y) };
  }

  batchLoss(i: number): BatchLoss {
    const { batch } = this.settings;
    const { x, y } = this.windows(this.train, this.starts.subarray(i * batch, (i + 1) * batch));
    const logits = this.model.forward(x);
    const loss = F.crossEntropy(logits, y);
    const inside = { input: x, output: logits, target: y, loss: 'cross-entropy', tokens: this.corpus.vocab.chars } as const;
    return { loss, examples: y.size, correct: countCorrect(logits.data, y.data, logits.shape[2]), inside };
  }

  private score(ids: Int32Array, starts: Int32Array): SplitScore {
    if (starts.length === 0) return { loss: NaN, accuracy: NaN };
    return stepScope(() =>
      noGrad(() => {
        const { x, y } = this.windows(ids, starts);
        const logits = this.model.forward(x);
        return { loss: F.crossEntropy(logits, y).data[0], accuracy: countCorrect(logits.data, y.data, logits.shape[2]) / y.size };
      }),
    );
  }

  /** The characters, in id order: a saved model's weights mean nothing without them (text-vocab.ts). */
  savedExtra(): JsonValue {
    return textExtra(this.corpus.vocab, this.settings.lessons ?? null);
  }

  evaluate(): { train: SplitScore; test: SplitScore } {
    return { train: this.score(this.train, this.trainEval), test: this.score(this.test, this.testEval) };
  }

  /**
   * The prompt of the sample and the sequence of the gates/attention views: the test text from
   * the start of its first line (a sentence's beginning rather than the middle of a word).
   */
  private promptIds(length: number): Int32Array {
    const newline = this.corpus.vocab.index.get('\n');
    let from = 0;
    for (let k = 0; k < this.test.length - length; k++) {
      if (this.test[k] === newline && this.test[k + 1] !== newline) {
        from = k + 1;
        break;
      }
    }
    return this.test.slice(from, Math.min(from + length, this.test.length));
  }

  views(): TaskViews {
    const { seed, window } = this.settings;
    const vocab = this.corpus.vocab;
    return stepScope(() => {
      const prompt = this.promptIds(SAMPLE_PROMPT_CHARS);
      const generated = this.model.generate(prompt, SAMPLE_CHARS, SAMPLE_TEMPERATURE, mulberry32(seed), window, vocab.unknown);
      const views: TaskViews = { sample: { prompt: decode(prompt, vocab), text: decode(generated, vocab) } };
      const seq = this.promptIds(VIEW_CHARS);
      const x = new Tensor([1, seq.length], Float32Array.from(seq));
      const tokens = Array.from(seq, (id) => vocab.chars[id]);
      Object.assign(views, insideViews(this.model, x, tokens));
      return views;
    });
  }
}
