/**
 * Every message nnlearn shows exists in English and Simplified Chinese.
 * A Msg carries both; the view picks one at print time, so results computed
 * once can be shown (and tested) in either language.
 */
export type Lang = 'en' | 'zh';

export interface Msg {
  en: string;
  zh: string;
}

export function msg(en: string, zh: string): Msg {
  return { en, zh };
}

/** Text in the chosen language; plain strings are language-neutral (numbers, formulas). */
export function tr(lang: Lang, m: Msg | string): string {
  return typeof m === 'string' ? m : m[lang];
}

/** The English or the Chinese text, for code that builds its text for one language at a time (the lesson drawings). */
export function inLang(lang: Lang, en: string, zh: string): string {
  return lang === 'zh' ? zh : en;
}

export function isMsg(v: unknown): v is Msg {
  return typeof v === 'object' && v !== null && typeof (v as Msg).en === 'string' && typeof (v as Msg).zh === 'string';
}

/** Joins messages language by language. */
export function joinMsg(parts: readonly (Msg | string)[], sep = ' '): Msg {
  return { en: parts.map((p) => tr('en', p)).join(sep), zh: parts.map((p) => tr('zh', p)).join(sep) };
}

