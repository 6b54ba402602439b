/**
 * nnlearn quiz [TOPIC…] — spaced-repetition study; --exam a timed exam;
 * --stats, --list; --plain (automatic without a TTY) reads answers line by line.
 */
import { Command, InvalidArgumentError } from 'commander';
import { msg, tr } from '../../i18n/index.js';
import type { Lang } from '../lang.js';
import { globalOptions } from '../options.js';
import { interactiveTerminal } from '../terminal.js';

function positiveInt(what: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1 || n > max) throw new InvalidArgumentError(`${what} must be a whole number from 1 to ${max}.`);
    return n;
  };
}

export function registerQuiz(program: Command, lang: Lang = 'en'): void {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  program
    .command('quiz')
    .description(t('study what is due (spaced repetition), or --exam; topics: dnn cnn rnn lstm transformer or lesson ids', '复习到期的题（间隔重复），或 --exam 考试；主题：dnn cnn rnn lstm transformer 或课程 id'))
    .argument('[topics...]', t('limit to topics or lessons, e.g. cnn or cnn/pooling', '只考这些主题或课程，如 cnn 或 cnn/pooling'))
    .option('--exam', t('a timed exam, graded at the end', '限时考试，结束时评分'))
    .option('--minutes <n>', t('with --exam: exam length in minutes (default 30)', '与 --exam 一起：考试时长（分钟，默认 30）'), positiveInt('--minutes', 600))
    .option('--count <n>', t('number of questions (default 10; exam 20)', '题数（默认 10；考试 20）'), positiveInt('--count', 500))
    .option('--stats', t('what is due, accuracy and retention per topic, streak', '到期题目、各主题的正确率和记忆保持率、连续天数'))
    .option('--list', t('every authored question and every generator', '列出所有编写的题目和出题器'))
    .option('--json', t('JSON output (with --list, --stats, or a --plain session)', '输出 JSON（与 --list、--stats 或 --plain 一起）'))
    .option('--plain', t('print questions and read answers line by line (automatic when stdin is not a terminal)', '逐行输出题目、读取答案（stdin 不是终端时自动启用）'))
    .option('--seed <n>', t('make the session reproducible', '让本次测验可以重现'), (v: string) => {
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('--seed must be a whole number ≥ 0.');
      return n;
    })
    .action(async (topics: string[], opts: { exam?: boolean; minutes?: number; count?: number; stats?: boolean; list?: boolean; json?: boolean; plain?: boolean; seed?: number }, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      if (opts.minutes !== undefined && !opts.exam) {
        // Only an exam has a clock: --minutes alone would be silently ignored.
        process.stderr.write(tr(lang, msg('--minutes sets the length of an exam: add --exam (e.g. nnlearn quiz --exam --minutes 20).', '--minutes 设置的是考试时长：请加上 --exam（例如 nnlearn quiz --exam --minutes 20）。')) + '\n');
        process.exitCode = 1;
        return;
      }
      const { runQuizCommand } = await import('../actions/quiz.js');
      process.exitCode = await runQuizCommand({ topics, lang, ...opts, tty: interactiveTerminal() });
    });
}
