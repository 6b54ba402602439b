/**
 * nnlearn lesson [ID] [--list [--json]] [--plain] [--from FILE.md]
 * The menu, one lesson (interactive or printed plain), the list for scripts,
 * and any markdown notes turned into a lesson.
 */
import type { Command } from 'commander';
import { msg, tr } from '../../i18n/index.js';
import type { Lang } from '../lang.js';
import { globalOptions } from '../options.js';
import { interactiveTerminal } from '../terminal.js';

interface LessonOptions {
  list?: boolean;
  json?: boolean;
  plain?: boolean;
  from?: string;
}

export function registerLesson(program: Command, lang: Lang = 'en'): void {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  program
    .command('lesson')
    .description(t('learn a section of the notes: nnlearn lesson cnn/pooling (no id: the menu)', '学习笔记的一节：nnlearn lesson cnn/pooling（不给 id：打开菜单）'))
    .argument('[id]', t('a lesson id such as cnn/pooling, or a topic such as cnn', '课程 id，如 cnn/pooling，或主题，如 cnn'))
    .option('--list', t('print every lesson id with its title, one per line', '列出每节课的 id 和标题，每行一个'))
    .option('--json', t('with --list: print JSON', '与 --list 一起：输出 JSON'))
    .option('--plain', t('print the whole lesson as text (no keys; for pagers, screen readers and pipes)', '把整节课输出为文本（不用按键；适合分页器、读屏软件和管道）'))
    .option('--from <file>', t('turn your own markdown notes into a lesson', '把你自己的 markdown 笔记变成一节课'))
    .action(async (id: string | undefined, opts: LessonOptions, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      if (opts.from && id !== undefined) {
        // --from reads the notes in FILE; an id as well would be silently ignored.
        process.stderr.write(
          tr(lang, msg(`--from reads a lesson from ${opts.from}; the lesson id "${id}" cannot go with it. Run nnlearn lesson --from ${opts.from}, or nnlearn lesson ${id}.`, `--from 从 ${opts.from} 读取课程，不能同时给课程 id“${id}”。请运行 nnlearn lesson --from ${opts.from}，或 nnlearn lesson ${id}。`)) + '\n',
        );
        process.exitCode = 1;
        return;
      }
      const { runLessonCommand } = await import('../actions/lesson.js');
      process.exitCode = await runLessonCommand({ id, lang, ...opts, tty: interactiveTerminal() });
    });
}
