import type { CommandResult, ReplContext } from './context.js';
import type { CommandSpec, ParsedArgs } from './spec.js';

/** One REPL command: its grammar as data, and how it runs against a context. */
export interface ReplCommand {
  spec: CommandSpec;
  run(args: ParsedArgs, ctx: ReplContext, line: string): CommandResult | Promise<CommandResult>;
}
