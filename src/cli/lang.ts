import type { Lang } from '../i18n/index.js';

export type { Lang };

export const LANGS: readonly Lang[] = ['en', 'zh'];

/**
 * Default language from the environment, as POSIX locales resolve it:
 * LC_ALL wins over LC_MESSAGES over LANG; any zh* locale (zh_CN.UTF-8, zh_TW…) means Chinese.
 */
export function langFromEnv(env: NodeJS.ProcessEnv = process.env): Lang {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

export function parseLang(value: string): Lang {
  const v = value.toLowerCase();
  if (v === 'en' || v === 'zh') return v;
  if (v.startsWith('zh')) return 'zh';
  if (v.startsWith('en')) return 'en';
  throw new Error(`unknown language "${value}": use en or zh`);
}
