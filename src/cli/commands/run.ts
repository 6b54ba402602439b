/**
 * nnlearn run 'CMD' ['CMD' …] [--json]: runs REPL commands in one session
 * (so let values carry over) and prints plain text or one JSON object per
 * command. Loads neither Ink nor mathjs unless a command needs math.
 */
import type { Command } from 'commander';
import { msg, tr } from '../../i18n/index.js';
import type { Lang } from '../lang.js';
import { globalOptions } from '../options.js';

export function registerRun(program: Command, lang: Lang = 'en'): void {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  program
    .command('run')
    .description(t('run REPL commands without the interactive screen, e.g. nnlearn run "conv 32x32x3 F=5 S=1 P=2 K=16"', '不打开交互界面，直接运行 REPL 命令，例如 nnlearn run "conv 32x32x3 F=5 S=1 P=2 K=16"'))
    .argument('<commands...>', t('one or more REPL commands, each quoted', '一条或多条 REPL 命令，每条加引号'))
    .option('--json', t('print one JSON object per command, one per line', '每条命令输出一个 JSON 对象，每行一个'))
    .action(async (commands: string[], opts: { json?: boolean }, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      const [{ createSession, lineTooLong }, { formatResult }, { makeTheme }, { excerpt, stripBom, MAX_READ_LINE }, { msg }, { trainingService }, { progressPrinter }] = await Promise.all([
        import('../../repl/session.js'),
        import('../print-result.js'),
        import('../../view/style.js'),
        import('../../repl/line-reader.js'),
        import('../../i18n/index.js'),
        import('../actions/train-service.js'),
        import('../progress-lines.js'),
      ]);
      const session = createSession({ lang, width: process.stdout.columns || 80 });
      const theme = makeTheme();
      // train: its epoch lines are printed as they come, under the command's echo.
      const printer = progressPrinter({ json: !!opts.json, theme, write: (s) => void process.stdout.write(s + '\n') });
      session.ctx.training = trainingService('headless');
      session.ctx.progress = printer.write;
      let failed = false;
      try {
        for (const [i, raw] of commands.entries()) {
          const line = stripBom(raw);
          const echo = commands.length > 1 && !opts.json ? excerpt(line, 200) : undefined;
          printer.begin({ echo });
          // The same cap as piped lines: a huge argument is reported by its length, never parsed or echoed whole.
          const r =
            line.length > MAX_READ_LINE
              ? lineTooLong(lang, msg(`Command ${i + 1}`, `第 ${i + 1} 条命令`), line.length, MAX_READ_LINE, excerpt(line))
              : await session.exec(line);
          if (!r.ok) failed = true;
          if (r.action === 'exit') break;
          const text = formatResult(r, { lang, json: !!opts.json, width: process.stdout.columns || 80, theme, echo: printer.started() ? undefined : echo });
          process.stdout.write(text + (text && !opts.json && i < commands.length - 1 ? '\n\n' : '\n'));
        }
      } finally {
        session.close();
      }
      process.exitCode = failed ? 1 : 0;
    });
}
