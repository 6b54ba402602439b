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

/** A value a student gave, as a message shows it: numbers as written, text quoted, nothing as "nothing". */
export function shown(v: unknown, lang: 'en' | 'zh'): string {
  if (v === undefined || v === null) return lang === 'en' ? 'nothing' : '空';
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return lang === 'en' ? 'not a number' : '非数值';
    if (!Number.isFinite(v)) return lang === 'en' ? (v > 0 ? 'infinite' : 'minus infinite') : v > 0 ? '无穷大' : '负无穷大';
    return String(v);
  }
  if (typeof v === 'string') return JSON.stringify(v.length > 20 ? v.slice(0, 20) + '…' : v);
  if (typeof v === 'boolean') return String(v);
  return lang === 'en' ? 'a value of another kind' : '其他类型的值';
}
