/**
 * Splits a REPL line into tokens, keeping each token's column so errors can
 * point at the problem. Volumes such as 32x32x3 stay one "chunk": whether a
 * chunk is a volume, a number or a name is decided by the command that reads it.
 */
export type TokenKind = 'chunk' | 'eq' | 'arrow' | 'pipe' | 'list' | 'other';

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
}

const ZERO_WIDTH = new Set(['\ufeff', '\u200b', '\u200c', '\u200d', '\u2060']);

const CHUNK = /^[A-Za-z0-9_.×\u00d7\-+]+/;

export class LexError extends Error {
  constructor(
    readonly column: number,
    readonly what: 'unclosed' | 'unexpected',
    readonly char: string,
  ) {
    super(what);
  }
}

export function lex(line: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < line.length) {
    const c = line[i];
    // Zero-width characters (a BOM pasted or piped in, U+200B from a web page) separate like a space.
    if (c === ' ' || c === '\t' || ZERO_WIDTH.has(c)) {
      i++;
      continue;
    }
    if (line.startsWith('->', i) || c === '→') {
      const len = c === '→' ? 1 : 2;
      tokens.push({ kind: 'arrow', text: line.slice(i, i + len), start: i, end: i + len });
      i += len;
      continue;
    }
    if (c === '|' || c === '=') {
      tokens.push({ kind: c === '|' ? 'pipe' : 'eq', text: c, start: i, end: i + 1 });
      i++;
      continue;
    }
    if (c === '[') {
      let depth = 0;
      let j = i;
      for (; j < line.length; j++) {
        if (line[j] === '[') depth++;
        else if (line[j] === ']' && --depth === 0) break;
      }
      if (j >= line.length) throw new LexError(i, 'unclosed', '[');
      tokens.push({ kind: 'list', text: line.slice(i, j + 1), start: i, end: j + 1 });
      i = j + 1;
      continue;
    }
    const m = CHUNK.exec(line.slice(i));
    if (m && !(m[0].startsWith('-') && line.startsWith('->', i))) {
      tokens.push({ kind: 'chunk', text: m[0], start: i, end: i + m[0].length });
      i += m[0].length;
      continue;
    }
    tokens.push({ kind: 'other', text: c, start: i, end: i + 1 });
    i++;
  }
  return tokens;
}
