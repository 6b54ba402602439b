/**
 * One chalk instance for all of nnlearn's output. chalk alone ignores
 * NO_COLOR (https://no-color.org), so the level is decided here: NO_COLOR
 * set → no colour; otherwise chalk's own detection (TTY, FORCE_COLOR).
 */
import { Chalk, supportsColor, type ChalkInstance } from 'chalk';

export function colorLevel(env: NodeJS.ProcessEnv = process.env): 0 | 1 | 2 | 3 {
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return 0;
  return supportsColor ? supportsColor.level : 0;
}

export function makeChalk(level: 0 | 1 | 2 | 3 = colorLevel()): ChalkInstance {
  return new Chalk({ level });
}

/** Semantic styles: views say what a thing is, the theme says how it looks. */
export interface Theme {
  title(s: string): string;
  label(s: string): string;
  value(s: string): string;
  formula(s: string): string;
  muted(s: string): string;
  ok(s: string): string;
  warn(s: string): string;
  error(s: string): string;
  accent(s: string): string;
  /** Whether colour is on (views fall back to characters only when it is not). */
  color: boolean;
  chalk: ChalkInstance;
}

export function makeTheme(level: 0 | 1 | 2 | 3 = colorLevel()): Theme {
  const c = makeChalk(level);
  return {
    title: (s) => c.bold.cyan(s),
    label: (s) => c.dim(s),
    value: (s) => c.bold(s),
    formula: (s) => c.yellow(s),
    muted: (s) => c.gray(s),
    ok: (s) => c.green(s),
    warn: (s) => c.yellow(s),
    error: (s) => c.red(s),
    accent: (s) => c.magenta(s),
    color: level > 0,
    chalk: c,
  };
}
