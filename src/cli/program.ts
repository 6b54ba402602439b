/**
 * The commander program. Each subcommand lives in src/cli/commands/ and is
 * registered here, in one place. Subcommands import their heavy modules
 * (Ink, React, mathjs) lazily inside their action so --help stays instant.
 */
import { Command, InvalidArgumentError, Option } from 'commander';
import { langFromEnv, parseLang, type Lang } from './lang.js';
import { VERSION } from './version.js';
import { commands } from './commands/index.js';

export interface GlobalOptions {
  lang: Lang;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('nnlearn')
    .description('A terminal tutor and REPL for neural networks: lessons that compute, a layer REPL, and a spaced-repetition quiz.')
    .version(VERSION, '-V, --version', 'print the version')
    .addOption(
      new Option('--lang <lang>', 'language of lessons and messages: en or zh (default from LC_ALL/LANG)')
        .argParser((v) => {
          try {
            return parseLang(v);
          } catch (e) {
            throw new InvalidArgumentError((e as Error).message);
          }
        })
        .default(langFromEnv(), 'from LC_ALL/LANG'),
    )
    .showSuggestionAfterError(true)
    .showHelpAfterError('(run nnlearn --help for the commands)');
  for (const register of commands) register(program);
  return program;
}

/** The global options as seen from inside a subcommand's action. */
export function globalOptions(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals() as GlobalOptions;
}
