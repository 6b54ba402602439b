/** The pieces every message table is written with (messages.ts and its per-area tables). */
export type Shape = readonly number[];

export interface Lines<P> {
  readonly en: (p: P) => string;
  readonly zh: (p: P) => string;
}

/** Records the parameter type once for both languages. */
export function m<P = Record<string, never>>(en: (p: P) => string, zh: (p: P) => string): Lines<P> {
  return { en, zh };
}

/** English plural ending: 1 dimension, 2 dimensions. */
export const s = (n: number): string => (n === 1 ? '' : 's');
export const quoted = (xs: readonly string[]): string => xs.map((x) => `"${x}"`).join(', ');
