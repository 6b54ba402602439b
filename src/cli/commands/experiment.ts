/**
 * nnlearn experiment [ID] [--list] [--quick] [--seed N] [--plain | --json]
 * A claim of the notes settled by training in front of her: the list by topic,
 * one experiment live (its runs' curves side by side, then the computed
 * verdict), or its report as lines or one JSON object.
 */
import type { Command } from 'commander';
import { msg, tr } from '../../i18n/index.js';
import type { Lang } from '../lang.js';
import { globalOptions } from '../options.js';
import { interactiveTerminal } from '../terminal.js';
import type { ExperimentCliOptions } from '../actions/experiment.js';

export function registerExperiment(program: Command, lang: Lang = 'en'): void {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  program
    .command('experiment')
    .description(t('settle a claim of the notes by training: nnlearn experiment rnn-vs-lstm (no id: the list)', '用训练检验笔记里的结论：nnlearn experiment rnn-vs-lstm（不给 id：列出所有实验）'))
    .argument('[id]', t('an experiment such as no-nonlinearity, pooling, rnn-vs-lstm, masked-attention', '实验的 id，如 no-nonlinearity、pooling、rnn-vs-lstm、masked-attention'))
    .option('--list', t('print every experiment by topic', '按主题列出所有实验'))
    .option('--json', t('the report as one JSON object (with --list: the experiments as JSON)', '以一个 JSON 对象输出报告（与 --list 一起：以 JSON 列出实验）'))
    .option('--plain', t('lines instead of the live screen (also when piped)', '逐行输出，不用实时界面（输出到管道时也是这样）'))
    .option('--quick', t('the short variant (fewer steps, less data; the same claim)', '快速版（更少的步数和数据；检验同一个结论）'))
    .option('--seed <n>', t('seed for the data and the first weights (default 1)', '数据和初始权重的随机种子（默认 1）'))
    .action(async (id: string | undefined, opts: ExperimentCliOptions, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      const { runExperimentCommand } = await import('../actions/experiment.js');
      process.exitCode = await runExperimentCommand({ id, lang, cli: opts, tty: interactiveTerminal() });
    });
}
