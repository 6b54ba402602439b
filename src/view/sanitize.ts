/**
 * Text that did not come from nnlearn (what the student typed, mathjs's
 * values and error texts, markdown notes, file names) may hold characters a
 * terminal obeys instead of showing: ESC starts sequences that retitle the
 * window, clear the screen or write the clipboard (OSC 52), BEL rings, CR
 * rewrites the line, C1 controls act like ESC on some terminals, and bidi
 * overrides make text read differently from what it is. They are shown
 * escaped instead (\e, \x07, \u202e), so the student sees what is really there.
 */

/** C0 controls (newline and tab handled separately), DEL, C1, and the bidi embeddings, overrides, isolates and marks. */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_OR_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const UNSAFE_TEST = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

const NAMED: Record<string, string> = { '\u001b': '\\e', '\r': '\\r', '\n': '\\n', '\t': '\\t', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/**
 * Untrusted text, safe to print: every unsafe character shown as an escape.
 * Newlines and tabs stay (text blocks split paragraphs on \n) unless
 * `singleLine` is set, for an echo of one typed line.
 */
export function escapeControls(s: string, opts: { singleLine?: boolean } = {}): string {
  return s.replace(opts.singleLine ? UNSAFE_OR_LINE : UNSAFE, escapeChar);
}

export function hasUnsafeControls(s: string): boolean {
  return UNSAFE_TEST.test(s);
}

// nnlearn's own colour codes (chalk's SGR: ESC [ digits ; m) and the unsafe characters around them.
const SGR_OR_UNSAFE = /(\u001b\[[0-9;]*m)|[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * A finished line of output, as a last line of defence: keeps colour codes
 * (SGR) and escapes every other control. Untrusted text is escaped before it
 * is styled, so an SGR that reaches this point is nnlearn's own.
 */
export function escapeControlsKeepColour(line: string): string {
  return line.replace(SGR_OR_UNSAFE, (m, sgr: string | undefined) => sgr ?? escapeChar(m));
}

// Characters JSON.stringify leaves as they are but a terminal may obey (DEL, C1, bidi).
const JSON_UNSAFE = /[\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON.stringify, with the characters it leaves raw (DEL, C1 controls, bidi
 * overrides) written as \u escapes too: the same JSON value, safe to print.
 * (JSON.stringify already escapes C0 controls; these can only occur inside strings.)
 */
export function safeJson(value: unknown): string {
  const s = JSON.stringify(value);
  if (s === undefined) return s as unknown as string;
  return s.replace(JSON_UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * Makes everything later written to `stream` safe (used for stderr, which
 * carries only messages, many quoting what was typed: a lesson id, a file
 * name, an unknown option). Buffers pass through as they are.
 */
export function escapeStreamControls(stream: NodeJS.WriteStream): void {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => write(typeof chunk === 'string' && !TERMINAL_OWN.test(chunk) ? escapeControls(chunk) : chunk, ...rest)) as typeof stream.write;
}

/** A write that is only cursor show/hide: what Ink's cursor library writes to stderr at exit, never a message. */
const TERMINAL_OWN = /^(?:\u001b\[\?25[hl])+$/;
