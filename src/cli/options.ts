/** The options every subcommand inherits from the program (today: --lang). */
import type { Command } from 'commander';
import { langFromEnv, type Lang } from './lang.js';

export interface GlobalOptions {
  lang: Lang;
}

/** The global options as seen from inside a subcommand's action. */
export function globalOptions(cmd: Command): GlobalOptions {
  const o = cmd.optsWithGlobals() as Partial<GlobalOptions>;
  return { ...o, lang: o.lang ?? langFromEnv() } as GlobalOptions;
}
