/**
 * The training options as typed on the command line (commander hands over
 * strings; keys are the TrainOptions names) checked one by one. A bad value gets
 * a message in both languages saying what was wrong and what would work; a value
 * far too big gets the cap and the reason for it. Never throws.
 */
import { editDistance } from '../../engine/edit-distance.js';
import { msg, type Msg } from '../../i18n/index.js';
import { NOISE_RANGE, SIZE_RANGE } from '../data/points-2d.js';
import { shown } from '../data/shown.js';
import { TEST_SPLIT_RANGE } from '../data/split.js';
import type { ActivationName, OptimizerName, TrainOptions } from '../task.js';

export type OptionsResult = { ok: true; options: TrainOptions } | { ok: false; error: Msg };

type Key = keyof TrainOptions;

/** How each option is spelled on the command line, for messages. */
export const FLAG: Record<Key, string> = {
  net: '--net',
  lr: '--lr',
  optimizer: '--optimizer',
  batch: '--batch',
  epochs: '--epochs',
  seed: '--seed',
  noise: '--noise',
  testSplit: '--test-split',
  activation: '--activation',
  points: '--points',
  classes: '--classes',
  data: '--data',
  text: '--text',
  cell: '--cell',
  hidden: '--hidden',
  length: '--length',
  lang: '--lang',
};

interface NumberRule {
  min: number;
  max: number;
  integer?: boolean;
  /** min itself is not allowed (a learning rate of 0 learns nothing). */
  above?: boolean;
  /** Why max is the cap, shown when a value is over it. */
  why: Msg;
  example: string;
}

const NUMBERS: Partial<Record<Key, NumberRule>> = {
  lr: { min: 0, above: true, max: 10, why: msg('a larger step throws any net’s weights far off at once', '更大的步长会一下子把任何网络的权重甩得很远'), example: '0.01' },
  batch: { min: 1, max: 10_000, integer: true, why: msg('no training set here is larger', '这里没有比这更大的训练集'), example: '32' },
  epochs: { min: 1, max: 1000, integer: true, why: msg('every run here learns what it can in far fewer', '这里的每个训练在少得多的轮数里就学到了它能学的'), example: '20' },
  seed: { min: 0, max: 2 ** 32 - 1, integer: true, why: msg('seeds are 32-bit numbers', '种子是 32 位的数'), example: '7' },
  noise: { min: NOISE_RANGE.min, max: NOISE_RANGE.max, why: msg('at 0.5 the classes already overlap almost everywhere', '到 0.5 时各类几乎处处重叠'), example: '0.2' },
  testSplit: { min: TEST_SPLIT_RANGE.min, max: TEST_SPLIT_RANGE.max, why: msg('both the training and the test split need enough examples', '训练集和测试集都需要足够的样本'), example: '0.5' },
  points: { min: SIZE_RANGE.min, max: SIZE_RANGE.max, integer: true, why: msg('more points only make each epoch slower', '更多的点只会让每轮更慢'), example: '500' },
  classes: { min: 2, max: 5, integer: true, why: msg('the 2D sets have 2 to 5 classes', '二维数据集有 2 到 5 个类别'), example: '3' },
  hidden: { min: 1, max: 1024, integer: true, why: msg('a wider layer trains too slowly to watch', '更宽的层训练得太慢，没法看着它学'), example: '16' },
  length: { min: 1, max: 1000, integer: true, why: msg('longer sequences train too slowly to watch', '更长的序列训练得太慢，没法看着它学'), example: '20' },
};

const CHOICES: Partial<Record<Key, readonly string[]>> = {
  optimizer: ['sgd', 'momentum', 'adam'] satisfies OptimizerName[],
  activation: ['relu', 'tanh', 'sigmoid', 'linear'] satisfies ActivationName[],
  cell: ['rnn', 'lstm', 'transformer'],
  lang: ['en', 'zh'],
};

/** Other names a student may know, and the choice here that is closest to them. */
const KIN: Record<string, string> = { rmsprop: 'adam', adagrad: 'adam', adamw: 'adam', nadam: 'adam', adadelta: 'adam', nesterov: 'momentum', gelu: 'relu', leakyrelu: 'relu', elu: 'relu', gru: 'lstm' };

const TEXTS: readonly Key[] = ['net', 'data', 'text'];
/** Longer than any chain or path a student types: a cap so a pasted file is not taken for an option. */
const MAX_TEXT = 2000;

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

function range(r: NumberRule): { en: string; zh: string } {
  const lo = r.above ? `above ${r.min}` : `from ${r.min}`;
  const loZh = r.above ? `大于 ${r.min}、至多 ${r.max}` : `${r.min} 到 ${r.max} 之间`;
  return { en: `${r.integer ? 'a whole number' : 'a number'} ${lo} up to ${r.max}`, zh: `${loZh} 的${r.integer ? '整数' : '数'}` };
}

function checkNumber(key: Key, raw: string, r: NumberRule): number | Msg {
  const flag = FLAG[key];
  const value = raw.trim();
  const want = range(r);
  if (!NUMBER.test(value)) {
    return msg(`${flag} ${shown(raw)} is not a number; ${flag} takes ${want.en}, e.g. ${flag} ${r.example}.`, `${flag} ${shown(raw)} 不是数字；${flag} 需要${want.zh}，例如 ${flag} ${r.example}。`);
  }
  const n = Number(value);
  if (r.integer && !Number.isInteger(n)) {
    return msg(`${flag} ${value}: must be a whole number (${want.en}), e.g. ${flag} ${r.example}.`, `${flag} ${value}：必须是整数（${want.zh}），例如 ${flag} ${r.example}。`);
  }
  if (n > r.max) {
    return msg(`${flag} ${value} is too large: at most ${r.max}, because ${r.why.en}.`, `${flag} ${value} 太大：最多 ${r.max}，因为${r.why.zh}。`);
  }
  if (n < r.min || (r.above && n === r.min)) {
    return msg(`${flag} ${value} is too small: ${flag} takes ${want.en}, e.g. ${flag} ${r.example}.`, `${flag} ${value} 太小：${flag} 需要${want.zh}，例如 ${flag} ${r.example}。`);
  }
  return n;
}

function checkChoice(key: Key, raw: string, choices: readonly string[]): string | Msg {
  const value = raw.trim().toLowerCase();
  if (choices.includes(value)) return value;
  const flag = FLAG[key];
  const kin = Object.hasOwn(KIN, value) && choices.includes(KIN[value]) ? KIN[value] : undefined;
  const near = kin ?? choices.map((c) => ({ c, d: editDistance(value, c, 3) })).filter((x) => x.d <= 3).sort((a, b) => a.d - b.d)[0]?.c;
  return msg(
    `${flag} ${shown(raw)} is not one of ${choices.join(', ')}.${near ? ` Did you mean ${near}?` : ''}`,
    `${flag} ${shown(raw)} 不在 ${choices.join('、')} 之中。${near ? `你是想用 ${near} 吗？` : ''}`,
  );
}

/** The raw strings (undefined = not given) → checked options, or the first problem's message. */
export function parseTrainOptions(raw: Record<string, string | undefined>): OptionsResult {
  const options: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    if (value === undefined) continue;
    if (!Object.hasOwn(FLAG, key)) {
      const known = Object.values(FLAG).join(' ');
      return { ok: false, error: msg(`There is no training option ${shown(key)}. The options: ${known}.`, `没有训练选项 ${shown(key)}。可用的选项：${known}。`) };
    }
    const k = key as Key;
    const flag = FLAG[k];
    if (typeof value !== 'string') return { ok: false, error: msg(`${flag} needs a value.`, `${flag} 需要一个值。`) };
    const rule = NUMBERS[k];
    const choices = CHOICES[k];
    let checked: unknown;
    if (rule) checked = checkNumber(k, value, rule);
    else if (choices) checked = checkChoice(k, value, choices);
    else if (TEXTS.includes(k)) {
      if (value.trim() === '') checked = msg(`${flag} needs a value, not an empty text.`, `${flag} 需要一个值，不能为空。`);
      else if (value.length > MAX_TEXT) checked = msg(`${flag} is ${value.length} characters long; at most ${MAX_TEXT}.`, `${flag} 有 ${value.length} 个字符；最多 ${MAX_TEXT} 个。`);
      else checked = value;
    }
    if (typeof checked === 'object' && checked !== null) return { ok: false, error: checked as Msg };
    options[k] = checked;
  }
  return { ok: true, options: options as TrainOptions };
}
