/**
 * nnlearn lesson [ID] [--list [--json]] [--plain] [--from FILE.md]
 * The menu, one lesson (interactive or printed plain), the list for scripts,
 * and any markdown notes turned into a lesson.
 */
import type { Command } from 'commander';
import { globalOptions } from '../program.js';
import { interactiveTerminal } from '../terminal.js';

interface LessonOptions {
  list?: boolean;
  json?: boolean;
  plain?: boolean;
  from?: string;
}

export function registerLesson(program: Command): void {
  program
    .command('lesson')
    .description('learn a section of the notes: nnlearn lesson cnn/pooling (no id: the menu)')
    .argument('[id]', 'a lesson id such as cnn/pooling, or a topic such as cnn')
    .option('--list', 'print every lesson id with its title, one per line')
    .option('--json', 'with --list: print JSON')
    .option('--plain', 'print the whole lesson as text (no keys; for pagers, screen readers and pipes)')
    .option('--from <file>', 'turn your own markdown notes into a lesson')
    .action(async (id: string | undefined, opts: LessonOptions, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      const { runLessonCommand } = await import('../../lessons/command.js');
      process.exitCode = await runLessonCommand({ id, lang, ...opts, tty: interactiveTerminal() });
    });
}
