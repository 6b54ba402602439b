/**
 * Terminal display width of a string: Chinese characters take two columns,
 * colour codes and combining marks none. The same rules as string-width,
 * without its grapheme segmenter and emoji-sequence regexes, which cost
 * ~100 ms to load and first use — too much for a CLI that must start
 * instantly. The build also points Ink's own `string-width` import here.
 * tests/view/width.test.ts checks it against string-width.
 */
import { eastAsianWidth } from 'get-east-asian-width';
// string-width strips colour and other escape codes with the same package, so widths agree.
import stripAnsi from 'strip-ansi';

// Code points that draw nothing: controls, combining marks, format characters, variation selectors.
const ZERO = /[\p{Cc}\p{Mn}\p{Me}\p{Cf}\u{FE00}-\u{FE0F}\u{E0100}-\u{E01EF}]/u;
// Printable ASCII and the symbols nnlearn draws with are always one column: the fast path.
const NARROW = /^[\u0020-\u007e\u00a1-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u22ff\u2500-\u25fc]*$/;
const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;

export interface WidthOptions {
  ambiguousIsNarrow?: boolean;
  countAnsiEscapeCodes?: boolean;
}

export default function displayWidth(input: string, options: WidthOptions = {}): number {
  if (typeof input !== 'string' || input.length === 0) return 0;
  let s = input;
  if (!options.countAnsiEscapeCodes) s = stripAnsi(s);
  if (NARROW.test(s)) return s.length;
  const ambiguousAsWide = options.ambiguousIsNarrow === false;
  let width = 0;
  let afterZwj = false;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp === 0x200d) {
      afterZwj = true; // the next pictograph joins the previous one: no extra width
      continue;
    }
    if (ZERO.test(ch)) continue;
    if (afterZwj && PICTOGRAPHIC.test(ch)) {
      afterZwj = false;
      continue;
    }
    afterZwj = false;
    width += cp >= 0x1f000 && PICTOGRAPHIC.test(ch) ? 2 : eastAsianWidth(cp, { ambiguousAsWide });
  }
  return width;
}
