import type { Command } from 'commander';

/** Every subcommand, registered in this order. One file per subcommand. */
export const commands: ReadonlyArray<(program: Command) => void> = [];
