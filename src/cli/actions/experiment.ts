/**
 * What `nnlearn experiment` does, apart from commander: the list, one
 * experiment on its live screen, or its report as lines (--plain, or output
 * that is not a terminal) or as one JSON object (--json). Plain and JSON train
 * in this thread; the live screen trains in a worker.
 */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { findExperiment } from '../../experiments/registry.js';
import { headerLines, listJson, listLines, reportJson, reportLines } from '../../experiments/report-text.js';
import { ExperimentRunner } from '../../experiments/runner.js';
import { finalScores, pct } from '../../experiments/build.js';
import type { RunResult } from '../../experiments/types.js';

export interface ExperimentCliOptions {
  list?: boolean;
  json?: boolean;
  plain?: boolean;
  quick?: boolean;
  seed?: string;
}

export interface ExperimentCommandOptions {
  id?: string;
  lang: Lang;
  cli: ExperimentCliOptions;
  tty: boolean;
  write?: (line: string) => void;
  writeError?: (line: string) => void;
}

/** --seed: a whole number from 0 to 2³¹ − 1, or a message saying what would work. */
export function parseSeed(raw: string | undefined): { ok: true; seed: number } | { ok: false; error: Msg } {
  if (raw === undefined) return { ok: true, seed: 1 };
  const t = raw.trim();
  const n = /^\d{1,10}$/.test(t) ? Number(t) : NaN;
  if (Number.isInteger(n) && n <= 2 ** 31 - 1) return { ok: true, seed: n };
  const shown = JSON.stringify(raw.length > 40 ? `${raw.slice(0, 40)}…` : raw);
  return { ok: false, error: msg(`--seed ${shown} is not a seed: give a whole number from 0 to 2147483647, e.g. --seed 2.`, `--seed ${shown} 不是有效的种子：请给出 0 到 2147483647 之间的整数，例如 --seed 2。`) };
}

/** One experiment on its live screen; what it leaves (the verdict) is printed below. */
async function onScreen(id: string, lang: Lang, ctx: { seed: number; quick: boolean }, write: (l: string) => void): Promise<number> {
  const [{ runExperimentScreen }, { renderBlocks }, { makeTheme, colorLevel }] = await Promise.all([
    import('../../screens/experiment/run.js'),
    import('../../view/render-text.js'),
    import('../../view/style.js'),
  ]);
  const blocks = await runExperimentScreen({ id, lang, ...ctx });
  for (const l of renderBlocks(blocks, { lang, width: process.stdout.columns || 80, theme: makeTheme(colorLevel()) })) write(l);
  return blocks.some((b) => b.kind === 'error') ? 1 : 0;
}

/** No id on a terminal: the menu; an experiment chosen there runs on its screen, and leaving it comes back to the menu. */
async function experimentMenu(o: ExperimentCommandOptions, write: (l: string) => void): Promise<number> {
  const [{ chooseInMenu }, { experimentMenuLines, MENU_EXPERIMENTS }] = await Promise.all([import('../../screens/ListMenu.js'), import('../../screens/experiment/menu.js')]);
  let cursor = 0;
  for (;;) {
    const index = await chooseInMenu({ count: MENU_EXPERIMENTS.length, lines: experimentMenuLines, lang: o.lang, cursor });
    if (index === null) return 0;
    cursor = index;
    const seed = parseSeed(o.cli.seed);
    await onScreen(MENU_EXPERIMENTS[index].id, o.lang, { seed: seed.ok ? seed.seed : 1, quick: o.cli.quick === true }, write);
  }
}

/** A run's closing line for --plain: "  ✓ LSTM, T = 40: test accuracy 100.0 % (3.1 s)". */
function runDoneLine(r: RunResult, lang: Lang): string {
  const f = finalScores(r);
  const label = tr(lang, r.label);
  const secs = r.seconds.toFixed(1);
  if (r.diverged) return tr(lang, msg(`  ✗ ${label}: diverged after ${r.steps} steps (the loss stopped being a finite number)`, `  ✗ ${label}：${r.steps} 步后发散（损失不再是有限数）`));
  const acc = Number.isFinite(f.testAccuracy);
  const score = acc ? tr(lang, msg(`test accuracy ${pct(f.testAccuracy).en}`, `测试准确率 ${pct(f.testAccuracy).zh}`)) : tr(lang, msg(`test loss ${f.testLoss.toPrecision(4)}`, `测试损失 ${f.testLoss.toPrecision(4)}`));
  return tr(lang, msg(`  ✓ ${label}: ${score} (${secs} s)`, `  ✓ ${label}：${score}（${secs} 秒）`));
}

export async function runExperimentCommand(o: ExperimentCommandOptions): Promise<number> {
  const write = o.write ?? ((l: string) => process.stdout.write(l + '\n'));
  const writeError = o.writeError ?? ((l: string) => process.stderr.write(l + '\n'));
  const { lang, cli } = o;
  if (o.id === undefined && !cli.list && !cli.json && !cli.plain && o.tty) return experimentMenu(o, write);
  if (cli.list || o.id === undefined) {
    if (cli.json) write(JSON.stringify(listJson(lang)));
    else {
      for (const l of listLines(lang)) write(l);
      write('');
      write(tr(lang, msg('Run one: nnlearn experiment ID   (--quick for the short variant, --plain or --json for text)', '运行一个：nnlearn experiment ID   （--quick 快速版，--plain 或 --json 输出文本）')));
    }
    return 0;
  }
  const found = findExperiment(o.id);
  if (!found.ok) {
    writeError(tr(lang, found.error));
    return 2;
  }
  const seed = parseSeed(cli.seed);
  if (!seed.ok) {
    writeError(tr(lang, seed.error));
    return 2;
  }
  const ctx = { seed: seed.seed, quick: cli.quick === true };
  if (o.tty && !cli.plain && !cli.json) return onScreen(found.def.id, lang, ctx, write);
  try {
    if (!cli.json) for (const l of headerLines(found.def, lang, ctx)) write(l);
    if (!cli.json) write('');
    await found.def.prepare?.();
    const runner = new ExperimentRunner(found.def, ctx);
    const told = new Set<string>();
    runner.runToEnd(() => {
      if (cli.json) return;
      for (const r of runner.results()) {
        if (told.has(r.id) || !(r.diverged || r.history.length === r.info.epochs)) continue;
        told.add(r.id);
        write(runDoneLine(r, lang));
      }
    });
    const report = runner.report();
    if (cli.json) write(JSON.stringify(reportJson(report, lang)));
    else {
      write('');
      for (const l of reportLines(report, lang)) write(l);
      const figure = found.def.figure?.(report.measurements);
      if (figure) {
        const { renderChart } = await import('../../view/figures/charts.js');
        const { makeTheme } = await import('../../view/style.js');
        write('');
        write(tr(lang, figure.title));
        const { title: _t, ...chart } = figure;
        for (const l of renderChart({ kind: 'chart', ...chart, height: 10 }, { lang, width: 80, theme: makeTheme(0) })) write(l);
      }
    }
    return 0;
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    writeError(tr(lang, msg(`The experiment stopped: ${why}`, `实验停止了：${why}`)));
    return 1;
  }
}
