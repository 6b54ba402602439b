/**
 * nnlearn repl: the interactive REPL in a terminal, or a plain line mode
 * when stdin or stdout is not a TTY (pipes, CI) or TERM=dumb — never "Raw mode is not supported".
 */
import type { Command } from 'commander';
import { globalOptions } from '../program.js';
import { interactiveTerminal } from '../terminal.js';

export function registerRepl(program: Command): void {
  program
    .command('repl')
    .description('type layers and math, see output volumes, formulas and parameters (piped input is read line by line)')
    .option('--json', 'in line mode (piped input), print one JSON object per command')
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      if (!interactiveTerminal() || opts.json) {
        const { runLineMode } = await import('../../repl/line-mode.js');
        process.exitCode = await runLineMode({ lang, json: !!opts.json });
        return;
      }
      const { startInteractiveRepl } = await import('../../ui/repl/start.js');
      await startInteractiveRepl({ lang });
    });
}
