/**
 * A piece of the student's file, made safe to put in a message: control
 * characters and bidi overrides (which a terminal may obey) become '?', and a
 * long value is cut, so a hostile or binary file cannot paint the screen.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const MAX_SHOWN = 24;

export function shown(value: string): string {
  const safe = value.replace(UNSAFE, '?');
  const cut = [...safe];
  return `"${cut.length > MAX_SHOWN ? `${cut.slice(0, MAX_SHOWN).join('')}…` : safe}"`;
}
