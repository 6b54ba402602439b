/**
 * The REPL's `train` command, served from the training domain (the interface
 * is src/repl/training-service.ts; the REPL itself never imports training).
 * The same checks, messages and printer as `nnlearn train`: options through
 * runs/options.ts, the run started by startTrainer, the epochs by
 * runPlainTraining — so a REPL run prints the numbers the CLI prints.
 * Everything from src/training is imported on first use: a REPL that never
 * trains never loads it.
 */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import type { JsonRecord } from '../../repl/context.js';
import type { CheckedExperiment, CheckedTrain, ExperimentProgress, HeadlessExperiment, HeadlessTrain, TrainingService, TrainProgress, TrainRequest } from '../../repl/training-service.js';
import type { ExperimentRunner } from '../../experiments/runner.js';
import type { TrainerApi, TrainOptions } from '../../training/task.js';
import { VERSION } from '../version.js';

export interface ServiceOptions {
  /** Milliseconds; tests fix it. */
  clock?: () => number;
  /** How long an epoch may run before a line says where it has got to (ms). */
  quietLimit?: number;
}

/** With no epoch line for this long, a line says how far the epoch has got: a long epoch never looks stuck. */
export const QUIET_LIMIT_MS = 10_000;

type Ready = { ok: true; id: string; options: TrainOptions } | { ok: false; error: Msg };

/** The checks `nnlearn train` makes before it starts a run (options, model names, the run's id), with its messages. */
async function ready(request: TrainRequest, lang: Lang): Promise<Ready> {
  const { parseTrainOptions } = await import('../../training/runs/options.js');
  const parsed = parseTrainOptions(request.options);
  if (!parsed.ok) return parsed;
  for (const name of [request.save, request.load]) {
    if (name === undefined) continue;
    const { checkModelName } = await import('../../training/saved/names.js');
    const checked = checkModelName(name);
    if (!checked.ok) return checked;
  }
  if (request.pretrained) {
    const { pretrainedProblem } = await import('../../training/pretrained.js');
    const problem = pretrainedProblem(request.id, request.load);
    if (problem) return { ok: false, error: problem };
  }
  let id = request.id;
  if (id === undefined && request.load !== undefined) {
    const { readSaved } = await import('../../training/persist.js');
    const saved = await readSaved(request.load);
    if (!saved.ok) return saved;
    id = saved.meta.runId;
  }
  if (id === undefined) return { ok: false, error: msg('Name a run: train spiral (train alone lists them).', '请给出训练 id：train spiral（只输入 train 列出全部）。') };
  const { findRun } = await import('../../training/runs/registry.js');
  const found = findRun(id);
  if (!found.ok) return found;
  return { ok: true, id, options: { ...parsed.options, lang } };
}

/** Starts the run (its data and model built, a saved model loaded), or the first reason it cannot start. */
async function start(request: TrainRequest, lang: Lang) {
  const r = await ready(request, lang);
  if (!r.ok) return r;
  const { startTrainer } = await import('../../training/start.js');
  const started = await startTrainer(r.id, r.options, { load: request.load, pretrained: request.pretrained === true });
  if (!started.ok) return started;
  return { ...started, id: r.id };
}

/** The trainer, with a line whenever an epoch has run `limit` ms without one (the plain printer's loop is reused as it is). */
function withHeartbeat(t: TrainerApi, say: (line: string) => void, lang: Lang, clock: () => number, limit: number): TrainerApi {
  let lastSaid = clock();
  let epochs = t.history.length;
  const step = () => {
    const r = t.step();
    if (t.history.length !== epochs) {
      epochs = t.history.length;
      lastSaid = clock();
    } else if (clock() - lastSaid >= limit) {
      lastSaid = clock();
      const i = t.info;
      say(tr(lang, msg(`  … epoch ${t.epoch}/${i.epochs}: step ${t.stepInEpoch} of ${i.stepsPerEpoch}`, `  …… 第 ${t.epoch}/${i.epochs} 轮：第 ${t.stepInEpoch}/${i.stepsPerEpoch} 步`)));
    }
    return r;
  };
  return new Proxy(t, {
    get(target, key) {
      if (key === 'step') return step;
      const v = Reflect.get(target, key, target);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

const pct = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? (Math.abs(v) >= 0.001 || v === 0 ? v.toFixed(4) : v.toExponential(2)) : String(v ?? NaN));

/** How many progress lines a headless experiment gives each run at most (one per finished epoch would be hundreds). */
export const EXPERIMENT_LINES_PER_RUN = 5;

/**
 * A line for each run when one of its epochs ends, at most
 * EXPERIMENT_LINES_PER_RUN of them: every ⌈epochs/5⌉-th epoch and the last.
 */
function experimentEpochs(lang: Lang, say: (line: string) => void): (runner: ExperimentRunner) => void {
  const seen = new Map<string, number>();
  return (runner) => {
    for (const r of runner.results()) {
      const done = r.history.length;
      if (done === (seen.get(r.id) ?? 0)) continue;
      seen.set(r.id, done);
      const epochs = r.info.epochs;
      const every = Math.max(1, Math.ceil(epochs / EXPERIMENT_LINES_PER_RUN));
      if (done % every !== 0 && done !== epochs) continue;
      const row = r.history[done - 1];
      const acc = Number.isFinite(row.test_accuracy) ? (lang === 'zh' ? `  测试准确率 ${pct(row.test_accuracy)}` : `  test accuracy ${pct(row.test_accuracy)}`) : '';
      const label = tr(lang, r.label);
      say(lang === 'zh' ? `  ${label}  第 ${done}/${epochs} 轮  损失 ${num(row.loss)}${acc}` : `  ${label}  epoch ${done}/${epochs}  loss ${num(row.loss)}${acc}`);
    }
  };
}

export function trainingService(mode: 'live' | 'headless', o: ServiceOptions = {}): TrainingService {
  const clock = o.clock ?? (() => performance.now());
  return {
    mode,
    async list() {
      const [{ RUNS }, { TOPIC_TITLES }] = await Promise.all([import('../../training/runs/registry.js'), import('./train.js')]);
      const topics = Object.keys(TOPIC_TITLES)
        .map((topic) => ({ topic, title: TOPIC_TITLES[topic], runs: RUNS.filter((r) => r.topic === topic).map((r) => ({ id: r.id, title: r.title })) }))
        .filter((t) => t.runs.length > 0);
      return { topics };
    },

    async check(request, lang): Promise<CheckedTrain> {
      // Live: build the run here once, so a bad net or file is said at the prompt, before the screen opens.
      const r = mode === 'live' ? await start(request, lang) : await ready(request, lang);
      return r.ok ? { ok: true, id: r.id, request: { ...request, id: r.id } } : r;
    },

    async run(request, lang, progress: TrainProgress): Promise<HeadlessTrain> {
      const started = await start(request, lang);
      if (!started.ok) return started;
      const [{ headerLines, epochLine, runPlainTraining }] = await Promise.all([import('./train-plain.js')]);
      const trainer = started.trainer;
      const head: string[] = [];
      const from = started.loaded;
      if (from && request.pretrained) {
        const { shippedLine } = await import('../../training/pretrained.js');
        head.push(tr(lang, shippedLine(from)));
      } else if (from) {
        const acc = from.lastEpoch?.test_accuracy;
        head.push(tr(lang, msg(`Loaded ${request.load}: ${from.runId}, saved at epoch ${from.epoch}, step ${from.step} (test accuracy ${pct(acc)}); counting starts again here.`, `已载入 ${request.load}：${from.runId}，保存于第 ${from.epoch} 轮第 ${from.step} 步（测试准确率 ${pct(acc)}）；这里重新计数。`)));
      }
      progress.header([...head, ...headerLines(trainer, lang)]);
      const unit = tr(lang, trainer.info.unit);
      const watched = withHeartbeat(trainer, (line) => progress.header([line]), lang, clock, o.quietLimit ?? QUIET_LIMIT_MS);
      const summary: JsonRecord = runPlainTraining(watched, {
        lang,
        json: true,
        quietSummary: true,
        clock,
        // The line --json prints, and the row it came from for the --plain line.
        write: (line) => progress.epoch(epochLine(trainer.history.at(-1)!, trainer.info.epochs, unit, lang), JSON.parse(line) as JsonRecord),
      });
      const closing = [
        tr(lang, msg(`Done in ${summary.seconds} s: test accuracy ${pct(summary.test_accuracy)}, test loss ${num(summary.test_loss)}.`, `用时 ${summary.seconds} 秒完成：测试准确率 ${pct(summary.test_accuracy)}，测试损失 ${num(summary.test_loss)}。`)),
      ];
      if (request.save === undefined) return { ok: true, id: started.id, summary, closing };
      const { saveTrainer } = await import('../../training/persist.js');
      const saved = await saveTrainer(trainer, request.save, started.options, VERSION);
      if (!saved.ok) return saved;
      const name = request.save;
      closing.push(tr(lang, saved.replaced ? msg(`Saved as ${name}, replacing the model saved under that name before: ${saved.path}`, `已保存为 ${name}，替换了之前同名的模型：${saved.path}`) : msg(`Saved as ${name}: ${saved.path}`, `已保存为 ${name}：${saved.path}`)));
      return { ok: true, id: started.id, summary: { ...summary, saved: saved.path }, closing };
    },

    async listExperiments() {
      const { byTopic, TOPIC_TITLES } = await import('../../experiments/report-text.js');
      return { topics: byTopic().map((g) => ({ topic: g.topic, title: TOPIC_TITLES[g.topic], experiments: g.defs.map((d) => ({ id: d.id, lesson: d.lesson, title: d.title })) })) };
    },

    async checkExperiment(request): Promise<CheckedExperiment> {
      const { findExperiment } = await import('../../experiments/registry.js');
      const found = findExperiment(request.id);
      if (!found.ok) return found;
      return { ok: true, request: { id: found.def.id, quick: request.quick ?? false, seed: request.seed ?? 1 } };
    },

    async runExperiment(request, lang, progress: ExperimentProgress): Promise<HeadlessExperiment> {
      const [{ findExperiment }, { runExperiment }, { headerLines: expHeader, reportLines, reportJson }] = await Promise.all([
        import('../../experiments/registry.js'),
        import('../../experiments/runner.js'),
        import('../../experiments/report-text.js'),
      ]);
      const found = findExperiment(request.id);
      if (!found.ok) return found;
      const ctx = { seed: request.seed ?? 1, quick: request.quick ?? false };
      progress.header(expHeader(found.def, lang, ctx));
      const report = runExperiment(found.def, ctx, experimentEpochs(lang, (line) => progress.epoch(line)));
      return { ok: true, id: found.def.id, report: reportJson(report, lang), lines: reportLines(report, lang), holds: report.verdict.holds };
    },
  };
}
