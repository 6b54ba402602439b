/**
 * A text model's characters, kept in its saved file (the `extra` field of saved/format.ts).
 * A character model's embedding and output layer have one row per character of the
 * vocabulary, in the vocabulary's order: the same weights read against another corpus's
 * vocabulary would take every character for another one without a word. So a text model is
 * saved with its characters in index order (and which one, if any, is the rare characters'
 * shared symbol), and loaded with them: the corpus is then encoded with the saved characters,
 * whatever characters it has itself.
 *
 * The extra of a text model:
 *   { "chars": ["e", " ", "t", …],   one character (one code point) per id, in id order
 *     "unknown": -1 | id,            the id of UNKNOWN_CHAR, or −1 when it has none
 *     "lessons": "en" | "zh" | null } the lessons' language it learnt from (null: a --text file)
 */
import { msg, type Lang, type Msg } from '../../i18n/index.js';
import { shown } from '../data/shown.js';
import { MAX_VOCAB, UNKNOWN_CHAR, type Vocab } from '../data/text.js';
import type { JsonValue } from '../json-value.js';

/** What a text run is built with when it starts from a saved model (--load, --pretrained). */
export interface SavedVocab {
  vocab: Vocab;
  /** The lessons' language the model learnt from, or null for a --text file. */
  lessons: Lang | null;
  /** How messages name the model: `the saved model "mine"`, `the model shipped with nnlearn for text-lstm`. */
  shownAs: Msg;
  /** What starts from it, for the advice: --load or --pretrained. */
  flag: '--load' | '--pretrained';
}

export function textExtra(vocab: Vocab, lessons: Lang | null): JsonValue {
  return { chars: [...vocab.chars], unknown: vocab.unknown, lessons };
}

export function vocabOf(chars: readonly string[], unknown: number): Vocab {
  return { chars, unknown, index: new Map(chars.map((c, i) => [c, i])) };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The vocabulary in a saved text model's extra, or what is wrong with it (a clause after "its list of characters"). */
export function vocabFromExtra(extra: unknown): { ok: true; vocab: Vocab; lessons: Lang | null } | { ok: false; why: Msg } {
  const bad = (en: string, zh: string) => ({ ok: false as const, why: msg(en, zh) });
  if (!isObject(extra) || !('chars' in extra)) return bad('is missing', '缺失');
  const { chars, unknown, lessons } = extra;
  if (!Array.isArray(chars)) return bad('is not a list', '不是一个列表');
  if (chars.length < 2 || chars.length > MAX_VOCAB) return bad(`has ${chars.length} characters; a text model has 2 to ${MAX_VOCAB}`, `有 ${chars.length} 个字符；文本模型应有 2 到 ${MAX_VOCAB} 个`);
  const seen = new Set<string>();
  for (const [i, c] of chars.entries()) {
    if (typeof c !== 'string' || [...c].length !== 1) return bad(`has an entry that is not one character (number ${i})`, `的第 ${i} 项不是单个字符`);
    if (seen.has(c)) return bad(`has the character ${JSON.stringify(c)} twice (number ${i})`, `中字符 ${JSON.stringify(c)} 出现了两次（第 ${i} 项）`);
    seen.add(c);
  }
  // −1, or the id of UNKNOWN_CHAR (a text may hold U+FFFD as a character of its own: then −1 too).
  if (unknown !== -1 && !(typeof unknown === 'number' && chars[unknown] === UNKNOWN_CHAR)) {
    return bad(`says the unknown symbol is number ${JSON.stringify(unknown)}, which it is not`, `说未知符号是第 ${JSON.stringify(unknown)} 项，但并不是`);
  }
  if (lessons !== null && lessons !== 'en' && lessons !== 'zh') return bad('names a lessons language that is not en or zh', '标明的课程语言不是 en 或 zh');
  return { ok: true, vocab: vocabOf(chars as string[], unknown), lessons };
}

/**
 * The model's output layer has one row per character (SequenceNet's head is `out`): a list of
 * characters of another length than the weights was changed after training, and is refused
 * here rather than as a shape the student would have to decode.
 */
export function vocabFitsWeights(vocab: Vocab, state: Readonly<Record<string, { shape: readonly number[] }>>): Msg | undefined {
  const rows = state['out.bias']?.shape[0];
  if (rows === undefined || rows === vocab.chars.length) return undefined;
  return msg(`has ${vocab.chars.length} characters, but the weights are for ${rows}`, `有 ${vocab.chars.length} 个字符，但权重是按 ${rows} 个字符训练的`);
}

/** A saved model's characters that cannot be used, with the file named. */
export function badVocabMsg(path: string, why: Msg): Msg {
  return msg(
    `${path} cannot be used as a text model: its list of characters ${why.en}. nnlearn leaves the file as it is. Train and save the model again, or load another one.`,
    `${path} 不能作为文本模型使用：它的字符表${why.zh}。nnlearn 不会改动这个文件。请重新训练并保存模型，或者加载另一个模型。`,
  );
}

/** Characters of `text` the vocabulary does not have, each once, in order of first appearance. */
export function missingChars(text: string, vocab: Vocab): { chars: string[]; count: number } {
  const missing = new Set<string>();
  let count = 0;
  for (const c of text) {
    if (vocab.index.has(c)) continue;
    count++;
    missing.add(c);
  }
  return { chars: [...missing], count };
}

/**
 * The corpus has characters a model without an unknown symbol never learnt: each would be
 * read as some other character. Said rather than done, with what would work.
 */
export function unknownCharsMsg(from: SavedVocab, missing: { chars: string[]; count: number }): Msg {
  // JSON's escapes make a newline or a control character visible; shown() makes the rest safe to print.
  const list = missing.chars.slice(0, 8).map((c) => shown(JSON.stringify(c).slice(1, -1))).join(' ');
  const more = missing.chars.length > 8 ? ' …' : '';
  const kinds = missing.chars.length;
  const V = from.vocab.chars.length;
  return msg(
    `${from.shownAs.en} knows only the ${V} characters of the text it learnt from, and has no symbol for others; this text has ${kinds} other character${kinds === 1 ? '' : 's'} (${missing.count} in all): ${list}${more}. Train a new model on this text instead (leave out ${from.flag}), or give it the text it learnt from.`,
    `${from.shownAs.zh}只认识它训练时那段文本里的 ${V} 个字符，没有表示其他字符的符号；这段文本里有 ${kinds} 种它不认识的字符（共 ${missing.count} 个）：${list}${more}。请用这段文本训练一个新模型（去掉 ${from.flag}），或者给它原来训练用的文本。`,
  );
}
