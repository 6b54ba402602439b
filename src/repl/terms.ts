/**
 * Values as typed in a command before variables are resolved: a number or a
 * variable name (`conv Wx227x3 F=11 S=4` uses the variable W).
 */
export type Term = { num: number; text: string } | { name: string; text: string };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** NaN and ±Infinity are numbers (tanh NaN = NaN, as in PyTorch), never variable names. */
const NUMBER_WORD = /^[+-]?(NaN|Infinity)$/;

export function parseTerm(text: string): Term | null {
  if (NUMBER.test(text) || NUMBER_WORD.test(text)) return { num: Number(text), text };
  if (NAME.test(text)) return { name: text, text };
  return null;
}

export function isName(text: string): boolean {
  return NAME.test(text);
}

/** A volume as the notes write it: W×H×D (width, height, depth). */
export interface VolumeTerm {
  width: Term;
  height: Term;
  depth: Term | null;
  text: string;
}

/** 32x32x3, 32×32×3, Wx227x3, or W×H (depth omitted). */
export function parseVolume(text: string): VolumeTerm | null {
  const parts = text.split(/[x×X*]/);
  if (parts.length < 2 || parts.length > 3) return null;
  const terms = parts.map(parseTerm);
  if (terms.some((t) => t === null)) return null;
  const [width, height, depth] = terms as Term[];
  return { width, height, depth: depth ?? null, text };
}
