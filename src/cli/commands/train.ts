/**
 * nnlearn train [ID] [--list [--json]] [options] [--plain | --json]
 * Watch a network learn: the menu of runs, one run on the live screen, or one
 * line (or JSON object) per epoch for pipes and scripts.
 */
import type { Command } from 'commander';
import { msg, tr } from '../../i18n/index.js';
import type { Lang } from '../lang.js';
import { globalOptions } from '../options.js';
import { interactiveTerminal } from '../terminal.js';
import type { TrainCliOptions } from '../actions/train.js';

export function registerTrain(program: Command, lang: Lang = 'en'): void {
  const t = (en: string, zh: string) => tr(lang, msg(en, zh));
  program
    .command('train')
    .description(t('watch a network learn: nnlearn train spiral (no id: the menu of runs)', '看着网络学习：nnlearn train spiral（不给 id：打开训练菜单）'))
    .argument('[id]', t('a run such as spiral, circles, digits, text-lstm, memory-lstm', '训练的 id，如 spiral、circles、digits、text-lstm、memory-lstm'))
    .option('--list', t('print every run with its title, one per line', '列出每个训练及其标题，每行一个'))
    .option('--json', t('one JSON object per epoch and a summary (with --list: the runs as JSON)', '每轮一个 JSON 对象，最后是汇总（与 --list 一起：以 JSON 列出训练）'))
    .option('--plain', t('one line per epoch, no live screen (also when piped)', '每轮一行，不用实时界面（输出到管道时也是这样）'))
    .option('--net <chain>', t("the network, in the REPL's chain grammar: '2 | fc 8 | tanh | fc 2'", "网络结构，用 REPL 的层链写法：'2 | fc 8 | tanh | fc 2'"))
    .option('--lr <rate>', t('learning rate', '学习率'))
    .option('--optimizer <name>', t('sgd, momentum or adam', 'sgd、momentum 或 adam'))
    .option('--batch <n>', t('examples per step', '每步的样本数'))
    .option('--epochs <n>', t('passes over the training data', '遍历训练数据的轮数'))
    .option('--seed <n>', t('seed for the data and the first weights', '数据和初始权重的随机种子'))
    .option('--noise <amount>', t('2D sets: how far points stray from the pattern (0 to 0.5)', '二维数据：点偏离图案的程度（0 到 0.5）'))
    .option('--test-split <fraction>', t('fraction of the data held out for testing', '留作测试的数据比例'))
    .option('--activation <name>', t('hidden activation when --net is not given: relu, tanh, sigmoid, linear', '未给 --net 时隐藏层的激活函数：relu、tanh、sigmoid、linear'))
    .option('--points <n>', t('2D sets: how many points', '二维数据：点的个数'))
    .option('--classes <n>', t('2D sets: how many classes (2 to 5)', '二维数据：类别数（2 到 5）'))
    .option('--data <file>', t('your own points: a CSV of x,y,label rows', '你自己的点：每行 x,y,label 的 CSV 文件'))
    .option('--text <file>', t('your own text for a character model', '字符模型使用你自己的文本'))
    .option('--cell <kind>', t('text and sequence runs: rnn, lstm or transformer', '文本和序列训练：rnn、lstm 或 transformer'))
    .option('--hidden <n>', t('the hidden width: of the default MLP (2D points) or of the cell (text, sequences)', '隐藏层宽度：默认 MLP 的（二维点）或循环单元/Transformer 的（文本、序列）'))
    .option('--length <n>', t('sequence runs: the sequence length T', '序列训练：序列长度 T'))
    .option('--save <name>', t('save the model under this name when the run ends (or when you leave it)', '训练结束（或离开）时以这个名字保存模型'))
    .option('--load <name>', t('start from a saved model (its run and settings; the id may be left out)', '从保存的模型开始（用它的训练和设置；可以不写 id）'))
    .option('--pretrained', t('start from the model that ships with nnlearn (digits, text-lstm)', '从 nnlearn 自带的已训练模型开始（digits、text-lstm）'))
    .action(async (id: string | undefined, opts: TrainCliOptions, cmd: Command) => {
      const { lang } = globalOptions(cmd);
      const { runTrainCommand } = await import('../actions/train.js');
      process.exitCode = await runTrainCommand({ id, lang, cli: opts, tty: interactiveTerminal() });
    });
}
