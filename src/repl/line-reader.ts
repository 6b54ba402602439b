/**
 * Lines from a stream with a length cap. readline keeps a line in memory until
 * its newline arrives, so a 100 MB line piped in (or a file with no newline at
 * all) used to be held, echoed and wrapped in full until Node ran out of memory.
 * Here a line past the cap is dropped as it streams by: only its length and a
 * short excerpt of its start are kept, so memory stays bounded whatever comes in.
 */
import { StringDecoder } from 'node:string_decoder';

/** The longest line the piped REPL reads; the parser's own limit (MAX_LINE) is lower still. */
export const MAX_READ_LINE = 10_000;
/** How much of a rejected line is ever shown. */
export const EXCERPT_LENGTH = 60;

export type ReadLine =
  | { kind: 'line'; number: number; text: string }
  | { kind: 'too-long'; number: number; length: number; excerpt: string };

/** U+FEFF (byte order mark / zero-width no-break space): editors put it at the start of files and lines. */
const BOM = '\ufeff';

export function stripBom(s: string): string {
  return s.startsWith(BOM) ? s.slice(1) : s;
}

/** The first `max` characters of `s`, with … when it was cut. */
export function excerpt(s: string, max = EXCERPT_LENGTH): string {
  return s.length <= max ? s : s.slice(0, max) + '…';
}

/**
 * Splits a byte or text stream into lines (\n, \r\n), numbering them from 1.
 * A line longer than `maxLength` characters comes out as 'too-long' with its
 * full length; at no time is more than `maxLength` of it held.
 */
export async function* readLines(input: AsyncIterable<Buffer | string>, maxLength = MAX_READ_LINE): AsyncGenerator<ReadLine> {
  const decoder = new StringDecoder('utf8');
  let parts: string[] = [];
  let held = 0; // characters in parts
  let length = 0; // characters of the current line so far, held or not
  let head = ''; // the line's start, kept for the excerpt once it is dropped
  let number = 0;
  let overflow = false;

  let endsWithCr = false;

  const add = (piece: string): void => {
    if (!piece) return;
    if (head.length <= EXCERPT_LENGTH) head += piece.slice(0, EXCERPT_LENGTH + 1 - head.length);
    length += piece.length;
    endsWithCr = piece.endsWith('\r');
    if (overflow) return;
    if (length > maxLength + 1) {
      // +1: the \r of a CRLF line end is not counted against the cap.
      overflow = true;
      parts = [];
      held = 0;
      return;
    }
    parts.push(piece);
    held += piece.length;
  };

  const finish = (): ReadLine => {
    number++;
    const len = endsWithCr ? length - 1 : length;
    let out: ReadLine;
    if (overflow || len > maxLength) {
      out = { kind: 'too-long', number, length: len, excerpt: excerpt(stripBom(head).replace(/\r$/, '')) };
    } else {
      const text = parts.join('');
      out = { kind: 'line', number, text: stripBom(endsWithCr ? text.slice(0, -1) : text) };
    }
    parts = [];
    held = 0;
    length = 0;
    head = '';
    overflow = false;
    endsWithCr = false;
    return out;
  };

  for await (const chunk of input) {
    const text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    let from = 0;
    for (;;) {
      const nl = text.indexOf('\n', from);
      if (nl < 0) {
        add(text.slice(from));
        break;
      }
      add(text.slice(from, nl));
      yield finish();
      from = nl + 1;
    }
  }
  add(decoder.end());
  if (length > 0 || held > 0) yield finish();
}
