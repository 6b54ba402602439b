/**
 * nnlearn quiz [TOPIC…] — spaced-repetition study; --exam a timed exam;
 * --stats, --list; --plain (automatic without a TTY) reads answers line by line.
 */
import { Command, InvalidArgumentError } from 'commander';
import { globalOptions } from '../program.js';
import { interactiveTerminal } from '../terminal.js';

function positiveInt(what: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${what} must be a whole number from 1 to ${max}.`);
    return n;
  };
}

export function registerQuiz(program: Command): void {
  program
    .command('quiz')
    .description('study what is due (spaced repetition), or --exam; topics: dnn cnn rnn lstm transformer or lesson ids')
    .argument('[topics...]', 'limit to topics or lessons, e.g. cnn or cnn/pooling')
    .option('--exam', 'a timed exam, graded at the end')
    .option('--minutes <n>', 'exam length in minutes (default 30)', positiveInt('--minutes', 600))
    .option('--count <n>', 'number of questions (default 10; exam 20)', positiveInt('--count', 500))
    .option('--stats', 'what is due, accuracy and retention per topic, streak')
    .option('--list', 'every authored question and every generator')
    .option('--json', 'JSON output (with --list, --stats, or a --plain session)')
    .option('--plain', 'print questions and read answers line by line (automatic when stdin is not a terminal)')
    .option('--seed <n>', 'make the session reproducible', (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('--seed must be a whole number ≥ 0.');
      return n;
    })
    .action(async (topics: string[], opts: { exam?: boolean; minutes?: number; count?: number; stats?: boolean; list?: boolean; json?: boolean; plain?: boolean; seed?: number }, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      const { runQuizCommand } = await import('../../quiz/command.js');
      process.exitCode = await runQuizCommand({ topics, lang, ...opts, tty: interactiveTerminal() });
    });
}
