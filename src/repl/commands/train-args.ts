/**
 * The words of `train ID key=value …`. The REPL's lexer splits on "|" and
 * "=" and knows no quotes, but a train line carries a whole net chain and
 * file paths: `net="2 | fc 8 | tanh | fc 2"`, `data=~/pts.csv`. So train
 * reads its own line: a value is a quoted text ('…' or "…"), or the next
 * word; an unquoted net= takes the rest of the chain, up to the next train
 * option (conv F=5 P=2 inside a chain are the chain's own words).
 */
import { msg, type Msg } from '../../i18n/index.js';
import { fail } from '../parser.js';
import type { OptionSpec, ParsedArgs, ParseFailure } from '../spec.js';
import { suggest } from '../suggest.js';

/** Every `nnlearn train` option but the output modes (--list, --json, --plain), as the REPL spells them. */
export const TRAIN_KEYS = [
  'net',
  'lr',
  'optimizer',
  'batch',
  'epochs',
  'seed',
  'noise',
  'test-split',
  'activation',
  'points',
  'classes',
  'data',
  'text',
  'cell',
  'hidden',
  'length',
  'save',
  'load',
  'pretrained',
] as const;
export type TrainKey = (typeof TRAIN_KEYS)[number];

/** Few, so help's column stays narrow: the spellings a student is likely to type. */
const ALIASES: Partial<Record<TrainKey, readonly string[]>> = {
  'test-split': ['test_split'],
  optimizer: ['opt'],
  epochs: ['epoch'],
};

const HELP: Record<TrainKey, Msg> = {
  net: msg('the network in the chain grammar, quoted: net="2 | fc 8 | tanh | fc 2"', '网络结构，用层链写法并加引号：net="2 | fc 8 | tanh | fc 2"'),
  lr: msg('learning rate', '学习率'),
  optimizer: msg('sgd, momentum or adam', 'sgd、momentum 或 adam'),
  batch: msg('examples per step', '每步的样本数'),
  epochs: msg('passes over the training data', '遍历训练数据的轮数'),
  seed: msg('seed for the data and the first weights', '数据和初始权重的随机种子'),
  noise: msg('2D sets: how far points stray from the pattern (0 to 0.5)', '二维数据：点偏离图案的程度（0 到 0.5）'),
  'test-split': msg('fraction of the data held out for testing', '留作测试的数据比例'),
  activation: msg('hidden activation when net= is not given: relu, tanh, sigmoid, linear', '未给 net= 时隐藏层的激活函数：relu、tanh、sigmoid、linear'),
  points: msg('2D sets: how many points', '二维数据：点的个数'),
  classes: msg('2D sets: how many classes (2 to 5)', '二维数据：类别数（2 到 5）'),
  data: msg('your own points: a CSV of x,y,label rows', '你自己的点：每行 x,y,label 的 CSV 文件'),
  text: msg('your own text for a character model', '字符模型使用你自己的文本'),
  cell: msg('text and sequence runs: rnn, lstm or transformer', '文本和序列训练：rnn、lstm 或 transformer'),
  hidden: msg('the hidden width: of the default MLP (2D points) or of the cell (text, sequences)', '隐藏层宽度：默认 MLP 的（二维点）或循环单元/Transformer 的（文本、序列）'),
  length: msg('sequence runs: the sequence length T', '序列训练：序列长度 T'),
  save: msg('save the model under this name when the run ends', '训练结束时以这个名字保存模型'),
  load: msg('start from a saved model (its run and settings; the id may be left out)', '从保存的模型开始（用它的训练和设置；可以不写 id）'),
  pretrained: msg('yes: start from the model that ships with nnlearn (digits, text-lstm)', 'yes：从 nnlearn 自带的模型开始（digits、text-lstm）'),
};

export const TRAIN_OPTION_SPECS: readonly OptionSpec[] = TRAIN_KEYS.map((key) => ({ key, aliases: ALIASES[key] ?? [], help: HELP[key] }));

/** A word as typed, with its columns (for the caret under an error). */
export interface Placed {
  text: string;
  start: number;
  end: number;
}

export interface TrainArgs extends ParsedArgs {
  train: { id?: Placed; values: Partial<Record<TrainKey, Placed>> };
}

function keyOf(word: string): TrainKey | undefined {
  const w = word.toLowerCase();
  return TRAIN_KEYS.find((k) => k === w || ALIASES[k]?.includes(w));
}

const KEY_AT = /[A-Za-z_][A-Za-z0-9_-]*(?=\s*=)/y;
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’' };
const EXAMPLE = 'train spiral lr=0.1 epochs=5 net="2 | fc 8 | tanh | fc 2"';

/** Where an unquoted net= chain ends: before the next ` KEY=` that is a train option, or at the end of the line. */
function chainEnd(line: string, from: number): number {
  const next = /\s([A-Za-z_][A-Za-z0-9_-]*)\s*=/g;
  next.lastIndex = from;
  for (let m = next.exec(line); m; m = next.exec(line)) if (keyOf(m[1])) return m.index;
  return line.length;
}

/** Reads one value at `i` (spaces already skipped); null at the end of the line. */
function readValue(line: string, i: number, key: TrainKey): Placed | ParseFailure | null {
  if (i >= line.length) return null;
  const close = QUOTES[line[i]];
  if (close) {
    const end = line.indexOf(close, i + 1);
    if (end < 0) return fail(msg(`The quote at column ${i + 1} is never closed.`, `第 ${i + 1} 列的引号没有闭合。`), i);
    return { text: line.slice(i + 1, end), start: i, end: end + 1 };
  }
  if (key === 'net') {
    const end = chainEnd(line, i);
    return { text: line.slice(i, end).trim(), start: i, end };
  }
  const m = /\S+/y;
  m.lastIndex = i;
  const word = m.exec(line)![0];
  return { text: word, start: i, end: i + word.length };
}

export function parseTrainLine(line: string): TrainArgs | ParseFailure {
  const out: TrainArgs = { positionals: {}, options: {}, flags: [], train: { values: {} } };
  let i = /^\s*[A-Za-z_][A-Za-z0-9_-]*/.exec(line)?.[0].length ?? 0;
  for (;;) {
    while (i < line.length && /\s/.test(line[i])) i++;
    if (i >= line.length) return out;
    KEY_AT.lastIndex = i;
    const keyMatch = KEY_AT.exec(line);
    if (!keyMatch) {
      const word = /\S+/y;
      word.lastIndex = i;
      const w = word.exec(line)![0];
      const at = { text: w, start: i, end: i + w.length };
      // The command line's spelling: say how the REPL writes it.
      if (w.startsWith('--') && keyOf(w.slice(2))) {
        const k = keyOf(w.slice(2))!;
        return fail(msg(`In the REPL the options are written key=value: ${k}=… instead of ${w} …, e.g. ${EXAMPLE}`, `在 REPL 里选项写成 键=值：用 ${k}=… 而不是 ${w} …，例如 ${EXAMPLE}`), i, w.length);
      }
      if (out.train.id || Object.keys(out.train.values).length > 0 || !/^[A-Za-z0-9_.-]+$/.test(w)) {
        return fail(
          msg(`Unexpected "${w}" in train: give one run id, then options as key=value, e.g. ${EXAMPLE}`, `train 中出现了意外的“${w}”：先写一个训练 id，再用 键=值 写选项，例如 ${EXAMPLE}`),
          i,
          w.length,
        );
      }
      out.train.id = at;
      i = at.end;
      continue;
    }
    const word = keyMatch[0];
    const key = keyOf(word);
    if (!key) {
      const close = suggest(word, TRAIN_KEYS);
      return fail(
        msg(
          `train has no option "${word}".${close.length ? ` Did you mean ${close[0]}?` : ''} Its options: ${TRAIN_KEYS.join(', ')}.`,
          `train 没有选项“${word}”。${close.length ? `你是不是想用 ${close[0]}？` : ''}可用选项：${TRAIN_KEYS.join('、')}。`,
        ),
        i,
        word.length,
      );
    }
    if (out.train.values[key]) return fail(msg(`${key} is given twice.`, `${key} 出现了两次。`), i, word.length);
    let j = line.indexOf('=', i + word.length) + 1;
    while (j < line.length && /\s/.test(line[j])) j++;
    const value = readValue(line, j, key);
    // "lr= epochs=3": the next word is an option of its own, not lr's value.
    const nextOption = value !== null && !('error' in value) && !QUOTES[line[j]] && /^[A-Za-z_][A-Za-z0-9_-]*=/.test(value.text) && keyOf(value.text.slice(0, value.text.indexOf('=')));
    if (value === null || nextOption || (!('error' in value) && value.text.trim() === '' && value.start === value.end)) {
      return fail(msg(`${key}= needs a value, e.g. ${key}=${key === 'net' ? '"2 | fc 8 | tanh | fc 2"' : '…'}.`, `${key}= 后面需要一个值，例如 ${key}=${key === 'net' ? '"2 | fc 8 | tanh | fc 2"' : '…'}。`), j);
    }
    if ('error' in value) return value;
    out.train.values[key] = value;
    i = value.end;
  }
}
