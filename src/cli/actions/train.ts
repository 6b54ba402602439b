/**
 * What `nnlearn train` does, apart from commander: the list, a run on the live
 * screen, or a plain/--json run. The runs (and the engine behind them) are
 * imported only on the paths that train here: the live screen trains in its
 * worker, so its first frame waits for nothing this thread does not need.
 */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { parseTrainOptions } from '../../training/runs/options.js';
import type { RunDef } from '../../training/runs/run-def.js';
import type { TrainOptions } from '../../training/task.js';
import { VERSION } from '../version.js';

/** The run options as commander hands them over: strings, checked by the training domain (runs/options.ts). */
export interface TrainCliOptions {
  list?: boolean;
  json?: boolean;
  plain?: boolean;
  net?: string;
  lr?: string;
  optimizer?: string;
  batch?: string;
  epochs?: string;
  seed?: string;
  noise?: string;
  testSplit?: string;
  activation?: string;
  points?: string;
  classes?: string;
  data?: string;
  text?: string;
  cell?: string;
  hidden?: string;
  length?: string;
  save?: string;
  load?: string;
  pretrained?: boolean;
}

export interface TrainCommandOptions {
  id?: string;
  lang: Lang;
  cli: TrainCliOptions;
  tty: boolean;
  write?: (line: string) => void;
  writeError?: (line: string) => void;
}

export const TOPIC_TITLES: Record<string, Msg> = {
  points: msg('2D points (an MLP draws the boundary)', '二维点（MLP 画出决策边界）'),
  digits: msg('Handwritten digits', '手写数字'),
  text: msg('Text (character models)', '文本（字符级模型）'),
  sequence: msg('Sequence tasks', '序列任务'),
};

/** The run options commander read, by the names runs/options.ts checks. */
function rawOptions(c: TrainCliOptions): Record<string, string | undefined> {
  const { list: _l, json: _j, plain: _p, save: _s, load: _d, pretrained: _t, ...rest } = c;
  return rest as Record<string, string | undefined>;
}

export function listLines(RUNS: readonly RunDef[], lang: Lang): string[] {
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

  if (o.cli.list || (o.id === undefined && o.cli.load === undefined && !o.cli.pretrained && !o.tty)) {
    const { RUNS } = await import('../../training/runs/registry.js');
    if (json) write(JSON.stringify({ runs: RUNS.map((r) => ({ id: r.id, topic: r.topic, title: tr(o.lang, r.title) })) }));
    else {
      for (const line of listLines(RUNS, o.lang)) write(line);
      if (!o.cli.list) write(tr(o.lang, msg('Start one: nnlearn train spiral (nnlearn train --help for the options).', '开始一个：nnlearn train spiral（nnlearn train --help 查看选项）。')));
    }
    return 0;
  }

  const parsed = parseTrainOptions(rawOptions(o.cli));
  if (!parsed.ok) return fail(parsed.error);
  const options: TrainOptions = { ...parsed.options, lang: o.lang };
  const { save, load } = o.cli;
  for (const name of [save, load]) {
    if (name === undefined) continue;
    const { checkModelName } = await import('../../training/saved/names.js');
    const checked = checkModelName(name);
    if (!checked.ok) return fail(checked.error);
  }
  const pretrained = o.cli.pretrained === true;
  if (pretrained) {
    const { pretrainedProblem } = await import('../../training/pretrained.js');
    const problem = pretrainedProblem(o.id, load);
    if (problem) return fail(problem);
  }
  // --load without a run id: the run the model was saved from.
  let id = o.id;
  if (id === undefined && load !== undefined) {
    const { readSaved } = await import('../../training/persist.js');
    const saved = await readSaved(load);
    if (!saved.ok) return fail(saved.error);
    id = saved.meta.runId;
  }

  if (o.tty && !json && !o.cli.plain) {
    // The run's thread starts first, so it loads and builds the run while this thread loads the screen.
    const { TrainingClient } = await import('../../training/loop/client.js');
    const client = id === undefined ? undefined : new TrainingClient({ runId: id, options, load, pretrained, save, version: VERSION });
    const { openTrainScreen } = await import('../../screens/train/start.js');
    // `pretrained` goes to the screen too: `digits --pretrained` is for drawing at once, so the
    // screen opens the draw-a-digit canvas at start (DirectRunOptions.draw, wired by the screen's side).
    return openTrainScreen({ id, options, lang: o.lang, client, save, version: VERSION, pretrained });
  }
  if (id === undefined) return fail(msg('Name a run: nnlearn train spiral (nnlearn train --list for all).', '请给出训练 id：nnlearn train spiral（nnlearn train --list 列出全部）。'));
  const { startTrainer } = await import('../../training/start.js');
  const { runPlainTraining } = await import('./train-plain.js');
  const started = await startTrainer(id, options, { load, pretrained });
  if (!started.ok) return fail(started.error);
  const from = started.loaded;
  if (from && !json && pretrained) {
    const { shippedLine } = await import('../../training/pretrained.js');
    write(tr(o.lang, shippedLine(from)));
  } else if (from && !json) {
    const acc = from.lastEpoch?.test_accuracy;
    const pct = acc !== undefined && acc !== null && Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '—';
    write(tr(o.lang, msg(`Loaded ${load}: ${from.runId}, saved at epoch ${from.epoch}, step ${from.step} (test accuracy ${pct}); counting starts again here.`, `已载入 ${load}：${from.runId}，保存于第 ${from.epoch} 轮第 ${from.step} 步（测试准确率 ${pct}）；这里重新计数。`)));
  }
  const summary = runPlainTraining(started.trainer, { lang: o.lang, json, write, quietSummary: save !== undefined });
  if (save === undefined) return 0;
  const { saveTrainer } = await import('../../training/persist.js');
  const saved = await saveTrainer(started.trainer, save, started.options, VERSION);
  if (json) write(JSON.stringify({ summary: { ...summary, saved: saved.ok ? saved.path : null, ...(saved.ok ? {} : { save_error: tr(o.lang, saved.error) }) } }));
  else if (!saved.ok) write(tr(o.lang, saved.error));
  else write(tr(o.lang, saved.replaced ? msg(`Saved as ${save}, replacing the model saved under that name before: ${saved.path}`, `已保存为 ${save}，替换了之前同名的模型：${saved.path}`) : msg(`Saved as ${save}: ${saved.path}`, `已保存为 ${save}：${saved.path}`)));
  return saved.ok ? 0 : 1;
}
