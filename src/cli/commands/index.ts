import type { Command } from 'commander';
import { registerRepl } from './repl.js';
import { registerRun } from './run.js';

/** Every subcommand, registered in this order. One file per subcommand. */
export const commands: ReadonlyArray<(program: Command) => void> = [registerRepl, registerRun];
