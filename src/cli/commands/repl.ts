/**
 * nnlearn repl: the interactive REPL in a terminal, or a plain line mode
 * when stdin or stdout is not a TTY (pipes, CI) or TERM=dumb — never "Raw mode is not supported".
 */
import type { Command } from 'commander';
import { msg, tr } from '../../i18n/index.js';
import type { Lang } from '../lang.js';
import { globalOptions } from '../options.js';
import { interactiveTerminal } from '../terminal.js';

export function registerRepl(program: Command, lang: Lang = 'en'): void {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  program
    .command('repl')
    .description(t('type layers and math, see output volumes, formulas and parameters (piped input is read line by line)', '输入层和算式，查看输出体积、公式和参数（管道输入逐行读取）'))
    .option('--json', t('in line mode (piped input), print one JSON object per command', '行模式（管道输入）下，每条命令输出一个 JSON 对象'))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      if (!interactiveTerminal() || opts.json) {
        const { runLineMode } = await import('../actions/repl-lines.js');
        process.exitCode = await runLineMode({ lang, json: !!opts.json });
        return;
      }
      const [{ startInteractiveRepl }, { trainingService }, { VERSION }] = await Promise.all([import('../../screens/repl/start.js'), import('../actions/train-service.js'), import('../version.js')]);
      // train: the training domain, given from here (the REPL and its screen do not import the command line).
      await startInteractiveRepl({ lang, training: { service: () => trainingService('live'), version: VERSION } });
    });
}
