/** What `nnlearn train` does, apart from commander: the list, a run on the live screen, or a plain/--json run. */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { RUNS } from '../../training/runs/registry.js';
import { parseTrainOptions } from '../../training/runs/options.js';
import { startTrainer } from '../../training/start.js';
import type { TrainOptions } from '../../training/task.js';
import type { TrainCliOptions } from '../commands/train.js';
import { runPlainTraining } from './train-plain.js';

export interface TrainCommandOptions {
  id?: string;
  lang: Lang;
  cli: TrainCliOptions;
  tty: boolean;
  write?: (line: string) => void;
  writeError?: (line: string) => void;
}

const TOPIC_TITLES: Record<string, Msg> = {
  points: msg('2D points (an MLP draws the boundary)', '二维点（MLP 画出决策边界）'),
  digits: msg('Handwritten digits', '手写数字'),
  text: msg('Text (character models)', '文本（字符级模型）'),
  sequence: msg('Sequence tasks', '序列任务'),
};

/** The run options commander read, by the names runs/options.ts checks. */
function rawOptions(c: TrainCliOptions): Record<string, string | undefined> {
  const { list: _l, json: _j, plain: _p, ...rest } = c;
  return rest as Record<string, string | undefined>;
}

export function listLines(lang: Lang): string[] {
  const lines: string[] = [];
  for (const topic of Object.keys(TOPIC_TITLES)) {
    const runs = RUNS.filter((r) => r.topic === topic);
    if (runs.length === 0) continue;
    lines.push(tr(lang, TOPIC_TITLES[topic]));
    const w = Math.max(...runs.map((r) => r.id.length));
    for (const r of runs) lines.push(`  ${r.id.padEnd(w)}  ${tr(lang, r.title)}`);
  }
  return lines;
}

export async function runTrainCommand(o: TrainCommandOptions): Promise<number> {
  const write = o.write ?? ((s: string) => void process.stdout.write(s + '\n'));
  const writeError = o.writeError ?? ((s: string) => void process.stderr.write(s + '\n'));
  const json = o.cli.json === true;
  const fail = (text: Msg): number => {
    if (json) write(JSON.stringify({ ok: false, error: tr(o.lang, text) }));
    else writeError(tr(o.lang, text));
    return 1;
  };

  if (o.cli.list || (o.id === undefined && !o.tty)) {
    if (json) write(JSON.stringify({ runs: RUNS.map((r) => ({ id: r.id, topic: r.topic, title: tr(o.lang, r.title) })) }));
    else {
      for (const line of listLines(o.lang)) write(line);
      if (!o.cli.list) write(tr(o.lang, msg('Start one: nnlearn train spiral (nnlearn train --help for the options).', '开始一个：nnlearn train spiral（nnlearn train --help 查看选项）。')));
    }
    return 0;
  }

  const parsed = parseTrainOptions(rawOptions(o.cli));
  if (!parsed.ok) return fail(parsed.error);
  const options: TrainOptions = { ...parsed.options, lang: o.lang };

  if (o.tty && !json && !o.cli.plain) {
    // A run that cannot be built says so here, before the screen opens.
    if (o.id !== undefined) {
      const checked = startTrainer(o.id, options);
      if (!checked.ok) return fail(checked.error);
    }
    const { openTrainScreen } = await import('../../screens/train/start.js');
    return openTrainScreen({ id: o.id, options, lang: o.lang });
  }
  if (o.id === undefined) return fail(msg('Name a run: nnlearn train spiral (nnlearn train --list for all).', '请给出训练 id：nnlearn train spiral（nnlearn train --list 列出全部）。'));
  const started = startTrainer(o.id, options);
  if (!started.ok) return fail(started.error);
  runPlainTraining(started.trainer, { lang: o.lang, json, write });
  return 0;
}
