/**
 * A character model's corpus: the text, its characters (code points, so a
 * Chinese character or an emoji is one character), and the text as ids.
 * The vocabulary is capped: past MAX_VOCAB the rarest characters all become
 * one "unknown" symbol (UNKNOWN_CHAR), so a file with thousands of different
 * characters still gives an output layer a small model can train.
 */
import { msg, type Lang, type Msg } from '../../i18n/index.js';
import { lessonText } from './lesson-text.js';
import { readTextFile } from './text-file.js';
import { ok, type DataResult } from './types.js';

export const MAX_VOCAB = 400;
/** What a character left out of the vocabulary becomes (U+FFFD, the replacement character). */
export const UNKNOWN_CHAR = '\uFFFD';

export interface Vocab {
  /** Character of each id, most frequent first (UNKNOWN_CHAR last when present). */
  readonly chars: readonly string[];
  /** Id of UNKNOWN_CHAR, or −1 when every character has its own id. */
  readonly unknown: number;
  readonly index: ReadonlyMap<string, number>;
}

export interface Corpus {
  /** Where the text came from, for the header: "nnlearn's lessons (English)", "book.txt". */
  readonly source: Msg;
  readonly text: string;
  /** The text as ids, one per character. */
  readonly ids: Int32Array;
  readonly vocab: Vocab;
}

/** The characters of `text` by frequency (ties by code point), the rarest merged into UNKNOWN_CHAR past `maxVocab`. */
export function buildVocab(text: string, maxVocab = MAX_VOCAB): Vocab {
  const counts = new Map<string, number>();
  for (const c of text) counts.set(c, (counts.get(c) ?? 0) + 1);
  const byFreq = [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].codePointAt(0)! - b[0].codePointAt(0)!).map(([c]) => c);
  const kept = byFreq.length <= maxVocab ? byFreq : [...byFreq.slice(0, maxVocab - 1).filter((c) => c !== UNKNOWN_CHAR), UNKNOWN_CHAR];
  const index = new Map(kept.map((c, i) => [c, i]));
  return { chars: kept, unknown: byFreq.length <= maxVocab ? -1 : kept.length - 1, index };
}

/** `text` as ids of `vocab` (characters it does not have become its unknown id, or 0 without one). */
export function encode(text: string, vocab: Vocab): Int32Array {
  const out: number[] = [];
  const fallback = vocab.unknown >= 0 ? vocab.unknown : 0;
  for (const c of text) out.push(vocab.index.get(c) ?? fallback);
  return Int32Array.from(out);
}

export function decode(ids: ArrayLike<number>, vocab: Vocab): string {
  let s = '';
  for (let i = 0; i < ids.length; i++) s += vocab.chars[ids[i]] ?? UNKNOWN_CHAR;
  return s;
}

export function corpusOf(text: string, source: Msg, maxVocab = MAX_VOCAB): Corpus {
  const vocab = buildVocab(text, maxVocab);
  return { source, text, ids: encode(text, vocab), vocab };
}

/** The student's file (`--text FILE`), or nnlearn's own lesson text in `lang`. */
export function loadCorpus(opts: { file?: string; lang: Lang; maxVocab?: number }): DataResult<Corpus> {
  if (opts.file !== undefined) {
    const read = readTextFile(opts.file);
    if (!read.ok) return read;
    const name = opts.file.split(/[\\/]/).pop() || opts.file;
    return ok(corpusOf(read.value, msg(name, name), opts.maxVocab));
  }
  return ok(corpusOf(lessonText(opts.lang), msg(`nnlearn's lessons (${opts.lang === 'zh' ? 'Chinese' : 'English'})`, `nnlearn 的课程（${opts.lang === 'zh' ? '中文' : '英文'}）`), opts.maxVocab));
}
