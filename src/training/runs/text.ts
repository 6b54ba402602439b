/**
 * The text runs: a character language model (plain RNN, LSTM or a tiny
 * Transformer) on nnlearn's own lessons in the student's language, or on the
 * student's file (--text FILE). --cell switches the model of any of them.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { checkOption } from '../data/checks.js';
import { encode, loadCorpus, type Corpus } from '../data/text.js';
import type { CellKind } from '../models/sequence-net.js';
import type { TrainOptions } from '../task.js';
import { TextTask, textSplit } from '../tasks/text.js';
import { missingChars, unknownCharsMsg, type SavedVocab } from '../tasks/text-vocab.js';
import { fillModelOptions, type Filled } from './model-options.js';
import type { RunDef } from './run-def.js';

/** A training window of 2 … 256 characters (longer windows cost memory and learn little more for these models). */
export const TEXT_WINDOW_RANGE = { min: 2, max: 256, integer: true } as const;

/**
 * Characters in one batch (windows × length): 32 × 64 = 2,048 by default. An LSTM keeps
 * 6·hidden numbers per character for its backward, so a batch past this would need
 * gigabytes at the widest hidden size.
 */
export const MAX_BATCH_CHARS = 65_536;

const ACCEPTS: readonly (keyof TrainOptions)[] = ['lr', 'optimizer', 'batch', 'epochs', 'seed', 'testSplit', 'text', 'cell', 'hidden', 'length'];

const BASE = { optimizer: 'adam', batch: 32, epochs: 10, seed: 1, testSplit: 0.1, length: 64 } as const;

const MODEL_NAME: Record<CellKind, { en: string; zh: string }> = {
  rnn: { en: 'a plain RNN', zh: '普通 RNN' },
  lstm: { en: 'an LSTM', zh: 'LSTM' },
  transformer: { en: 'a tiny Transformer', zh: '微型 Transformer' },
};

function titleOf(cell: CellKind): Msg {
  const name = MODEL_NAME[cell];
  return msg(`Write like the lessons: ${name.en} reads character by character`, `模仿课程写作：${name.zh}逐字符阅读`);
}

function textRun(id: string, cell: CellKind, hidden: number, lr: number): RunDef {
  const defaults: Filled = { ...BASE, cell, hidden, lr };
  const title = titleOf(cell);
  const name = MODEL_NAME[cell];
  return {
    id,
    topic: 'text',
    title,
    summary: msg(
      `${name.en[0].toUpperCase()}${name.en.slice(1)} learns to predict the next character of nnlearn's lessons (or your --text file) and writes samples as it learns.`,
      `${name.zh}学习预测 nnlearn 课程（或你用 --text 给出的文件）的下一个字符，并在学习过程中写出样例。`,
    ),
    defaults,
    accepts: ACCEPTS,
    build(o, saved) {
      const filled = fillModelOptions(defaults, o);
      if (!filled.ok) return filled;
      const f = filled.value;
      const badWindow = checkOption('--length', f.length, TEXT_WINDOW_RANGE);
      if (badWindow) return { ok: false, error: badWindow };
      if (f.batch * f.length > MAX_BATCH_CHARS) {
        return {
          ok: false,
          error: msg(
            `A batch of ${f.batch} windows of ${f.length} characters is ${f.batch * f.length} characters; at most ${MAX_BATCH_CHARS}. Use a smaller --batch or --length.`,
            `${f.batch} 个长度为 ${f.length} 的窗口，一批共 ${f.batch * f.length} 个字符；最多 ${MAX_BATCH_CHARS} 个。请减小 --batch 或 --length。`,
          ),
        };
      }
      // The lessons' language: the student's, but a model that learnt from the lessons goes on
      // with the ones it learnt from (an English model reads the Chinese lessons as unknown symbols).
      const lessons = f.text === undefined ? (saved?.lessons ?? f.lang ?? 'en') : null;
      const loaded = loadCorpus({ file: f.text, lang: lessons ?? 'en' });
      if (!loaded.ok) return { ok: false, error: loaded.error };
      const corpus = saved ? withSavedVocab(loaded.value, saved) : { ok: true as const, value: loaded.value };
      if (!corpus.ok) return corpus;
      const chars = corpus.value.ids.length;
      if (!textSplit(chars, f.length, f.testSplit)) {
        return {
          ok: false,
          error: msg(
            `The text has ${chars} characters: too few for training windows of ${f.length} characters and a test part (${Math.round(f.testSplit * 100)} %). Use a shorter --length or a longer text.`,
            `这段文本只有 ${chars} 个字符：不够切出 ${f.length} 个字符的训练窗口和测试部分（${Math.round(f.testSplit * 100)}%）。请用更短的 --length 或更长的文本。`,
          ),
        };
      }
      const task = new TextTask(
        corpus.value,
        { id, cell: f.cell, hidden: f.hidden, window: f.length, batch: f.batch, epochs: f.epochs, lr: f.lr, optimizer: f.optimizer, seed: f.seed, testSplit: f.testSplit, lessons },
        titleOf(f.cell),
      );
      return { ok: true, task };
    },
  };
}

/**
 * The corpus read with a saved model's characters (--load, --pretrained): its weights have a row
 * per saved character. A character the model does not have becomes its unknown symbol; a model
 * without one cannot read it, and the student is told which characters.
 */
function withSavedVocab(corpus: Corpus, saved: SavedVocab): { ok: true; value: Corpus } | { ok: false; error: Msg } {
  const missing = missingChars(corpus.text, saved.vocab);
  if (missing.count > 0 && saved.vocab.unknown < 0) return { ok: false, error: unknownCharsMsg(saved, missing) };
  return { ok: true, value: { source: corpus.source, text: corpus.text, ids: encode(corpus.text, saved.vocab), vocab: saved.vocab } };
}

export const TEXT_RUNS: readonly RunDef[] = [
  textRun('text-lstm', 'lstm', 128, 0.003),
  textRun('text-rnn', 'rnn', 128, 0.002),
  textRun('text-transformer', 'transformer', 64, 0.002),
];
