/** Untrusted text for property tests: control characters, escape sequences and bidi overrides mixed with ordinary text. */
import fc from 'fast-check';

/** Everything a terminal may obey (C0 but newline/tab, DEL, C1, bidi controls). */
export const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

export const hostileUnit = fc.oneof(
  fc.constantFrom('\u001b', '\u0007', '\r', '\b', '\u009b', '\u0085', '\u007f', '\u202e', '\u2066', '\u0000', '\t', ']2;PWNED', '[2J', ']52;c;aGk=', '[31m', '中', 'x', ' ', '=', '5', '"'),
  fc.integer({ min: 0, max: 0x2fff }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
);

export const hostile = fc.string({ unit: hostileUnit, maxLength: 40 });
