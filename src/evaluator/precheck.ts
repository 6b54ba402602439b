/**
 * Checks on the text of an expression before mathjs sees it: length, control
 * characters and bracket nesting. Cheap, linear, never recursive — so a line
 * of 20,000 "(" gets a clear message instead of a stack overflow.
 */
import { M } from './messages.js';
import type { Bilingual } from './types.js';

export const MAX_EXPR_LENGTH = 2000;
export const MAX_NESTING = 100;

// Control characters other than tab and newline (binary junk, escape sequences).
const UNPRINTABLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\ufffd\ud800-\udfff]/u;

export function precheck(text: string, maxLength = MAX_EXPR_LENGTH, maxNesting = MAX_NESTING): Bilingual | null {
  if (text.length > maxLength) return M.tooLong(text.length, maxLength);
  if (text.trim() === '') return M.empty();
  const bad = firstUnprintable(text);
  if (bad) return M.badChar(bad.code, bad.index + 1);
  const deep = nesting(text);
  if (deep.max > maxNesting) return M.tooDeep(deep.max, maxNesting, deep.at + 1);
  return null;
}

function firstUnprintable(text: string): { code: string; index: number } | null {
  // Lone surrogates: the /u regex above does not match halves of valid pairs.
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const n = text.charCodeAt(i + 1);
      if (n >= 0xdc00 && n <= 0xdfff) {
        i++;
        continue;
      }
      return { code: c.toString(16).padStart(4, '0'), index: i };
    }
    if (c >= 0xdc00 && c <= 0xdfff) return { code: c.toString(16).padStart(4, '0'), index: i };
  }
  const m = UNPRINTABLE.exec(text);
  if (!m) return null;
  return { code: m[0].codePointAt(0)!.toString(16).padStart(4, '0'), index: m.index };
}

/** Deepest nesting of ( [ { outside string literals, and where it is reached. */
export function nesting(text: string): { max: number; at: number } {
  let depth = 0;
  let max = 0;
  let at = 0;
  let quote: string | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '(' || c === '[' || c === '{') {
      depth++;
      if (depth > max) {
        max = depth;
        at = i;
      }
    } else if (c === ')' || c === ']' || c === '}') {
      if (depth > 0) depth--;
    }
  }
  return { max, at };
}
