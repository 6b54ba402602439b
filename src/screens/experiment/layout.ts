/**
 * The experiment screen as lines (pure: state in, lines out; run.ts writes
 * them). From the top: the title and the seed; the claim; every run's curve on
 * one chart (the loss over each run's own progress, or the test accuracy per
 * epoch); a row per run (its marker, label, progress, numbers); the verdict
 * once every run is done; the keys. On a small terminal the claim shrinks
 * first, then the chart, so the runs' rows and the verdict stay.
 */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import type { ExperimentFrame, RunFrame } from '../../experiments/runner.js';
import type { ExperimentDef, ExperimentReport } from '../../experiments/types.js';
import { MARKERS, paintSeries, renderChart } from '../../view/figures/charts.js';
import { padEnd, sw, truncate, wrapPlain } from '../../view/layout.js';
import type { Theme } from '../../view/style.js';

export interface ExperimentScreenState {
  def: ExperimentDef;
  seed: number;
  quick: boolean;
  frame: ExperimentFrame | null;
  report: ExperimentReport | null;
  error: Msg | null;
}

export interface ExperimentLayout {
  width: number;
  height: number;
  lang: Lang;
  theme: Theme;
}

/** Points across the chart per run at the end of its training (a run halfway through has half of them). */
const GRID = 50;
/** Fewer chart rows than this and the chart is left out (the rows and the verdict matter more). */
const MIN_CHART_ROWS = 3;

/** A run's losses resampled onto its share of the progress grid: len = GRID × (steps done / steps in all). */
export function progressSeries(r: RunFrame, grid = GRID): number[] {
  const done = r.totalSteps > 0 ? Math.min(1, r.steps / r.totalSteps) : 1;
  const len = r.done ? grid : Math.min(grid, Math.round(grid * done));
  const src = r.losses;
  if (len === 0 || src.length === 0) return [];
  const out: number[] = [];
  for (let k = 0; k < len; k++) {
    const a = Math.floor((k * src.length) / len);
    const b = Math.max(a + 1, Math.floor(((k + 1) * src.length) / len));
    let s = 0;
    let n = 0;
    for (let i = a; i < b && i < src.length; i++) {
      s += src[i];
      n++;
    }
    out.push(n ? s / n : NaN);
  }
  return out;
}

/** Loss spanning two decades or more is drawn on a log axis (as the training screen does). */
function wantsLog(series: readonly number[][]): boolean {
  let lo = Infinity;
  let hi = 0;
  for (const s of series) for (const v of s) if (Number.isFinite(v) && v > 0) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
  return hi > 0 && lo < Infinity && hi / lo >= 100;
}

const pctText = (v: number) => (Number.isFinite(v) ? `${(v * 100).toFixed(1)}%` : '—');
const lossText = (v: number) => (Number.isFinite(v) ? (Math.abs(v) >= 0.001 || v === 0 ? v.toFixed(3) : v.toExponential(1)) : String(v));

function runRow(r: RunFrame, i: number, labelW: number, o: ExperimentLayout): string {
  const th = o.theme;
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const mark = paintSeries(th, i, MARKERS[i % MARKERS.length]);
  const label = padEnd(truncate(tr(o.lang, r.label), labelW), labelW);
  const progress = r.totalSteps > 0 ? Math.min(1, r.steps / r.totalSteps) : 0;
  // The training loss as the last finished epoch evaluated it (the number verdicts quote), else the latest steps' loss;
  // and the last epoch's test accuracy (a verdict may quote others: the best epoch, a causal loss…).
  const lastLoss = r.trainLoss.at(-1) ?? r.losses.at(-1) ?? NaN;
  const acc = r.testAccuracy.at(-1);
  const state = r.diverged
    ? th.error(L('diverged', '发散'))
    : r.done
      ? th.ok(L('done', '完成'))
      : `${String(Math.round(progress * 100)).padStart(3)}%`;
  // Before its first step a run has no loss yet: a dash, not "NaN" (which reads as a crash).
  const loss = r.steps === 0 && r.losses.length === 0 ? '—' : lossText(lastLoss);
  const nums = [
    L(`train loss ${loss}`, `训练损失 ${loss}`),
    ...(acc !== undefined && Number.isFinite(acc) ? [L(`test acc ${pctText(acc)}`, `测试准确率 ${pctText(acc)}`)] : []),
  ].join('  ');
  return truncate(`${mark} ${label} ${state}  ${nums}  ${th.muted(`${r.seconds.toFixed(1)}s`)}`, o.width);
}

export function experimentScreenLines(s: ExperimentScreenState, o: ExperimentLayout): string[] {
  const th = o.theme;
  const { width, height, lang } = o;
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  const right = `${L(`seed ${s.seed}`, `种子 ${s.seed}`)}${s.quick ? L(' · quick', ' · 快速版') : ''}${s.frame ? ` · ${s.frame.seconds.toFixed(1)} s` : ''}`;
  const titleW = Math.max(4, width - sw(right) - 2);
  const top = [padEnd(th.title(truncate(tr(lang, s.def.title), titleW)), titleW) + '  ' + th.muted(right)];

  const footer = [th.muted(truncate(s.report || s.error ? L('q leave · r run again with the next seed', 'q 离开 · r 换下一个种子再做一次') : L('q leave (the runs stop)', 'q 离开（训练随之停止）'), width))];

  const runs = s.frame?.runs ?? [];
  const labelW = Math.min(24, Math.max(4, ...runs.map((r) => sw(tr(lang, r.label)))));
  const rows = runs.map((r, i) => runRow(r, i, labelW, o));

  let verdict: string[] = [];
  if (s.error) verdict = wrapPlain(tr(lang, s.error), width).map((l) => th.error(l));
  else if (s.report) {
    const v = s.report.verdict;
    const head = v.holds ? th.ok(L('✓ The claim holds.', '✓ 结论成立。')) : th.warn(L('✗ These runs do not bear the claim out.', '✗ 这次的运行没有证实这个结论。'));
    verdict = [head, ...wrapPlain(tr(lang, v.text), width)];
  } else if (!s.frame) verdict = [th.muted(L('Building the runs…', '正在准备训练…'))];

  // What is left for the claim, the setup and the chart.
  const room = height - top.length - rows.length - verdict.length - footer.length;
  const claimAll = wrapPlain(tr(lang, s.def.claim), width);
  const setupAll = wrapPlain(tr(lang, s.def.setup), width);
  // renderChart adds five lines around its plot rows (y label, axis, tick labels, x label; the legend is left out).
  const CHART_EXTRA = 4;
  const chartMin = runs.length > 0 ? MIN_CHART_ROWS + CHART_EXTRA : 0;
  // The chart keeps its smallest size when it fits at all; the claim comes next, then the setup, then the chart grows.
  const chartFits = chartMin > 0 && room >= chartMin;
  const forText = chartFits ? room - chartMin : room;
  const claimTake = Math.min(claimAll.length, Math.max(0, chartFits ? Math.min(forText, Math.max(0, room - chartMin - 6)) : forText));
  const claim = claimAll.slice(0, claimTake);
  if (claim.length < claimAll.length && claim.length > 0) claim[claim.length - 1] = truncate(claim[claim.length - 1] + ' …', width);
  const setupTake = Math.min(setupAll.length, Math.max(0, chartFits ? Math.min(forText - claimTake, room - claimTake - chartMin - 8) : forText - claimTake));
  const setup = setupAll.slice(0, setupTake);
  const chartRows = room - claim.length - setup.length - CHART_EXTRA;

  let chart: string[] = [];
  // renderChart adds: the y label, the x axis, its labels, the x label, the legend (at most one line here, the rows name the runs).
  const figure = s.report && s.def.figure ? s.def.figure(s.report.measurements) : undefined;
  if (figure && chartRows - 1 >= MIN_CHART_ROWS) {
    // Done, and the result is a picture of its own: it replaces the curves (title and legend take two lines).
    chart = [
      th.label(truncate(tr(lang, figure.title), width)),
      ...renderChart({ kind: 'chart', series: figure.series, log: figure.log, height: chartRows - 2, xStart: figure.xStart, xStep: figure.xStep, xLabel: figure.xLabel, yLabel: figure.yLabel }, { lang, width, theme: th }).filter((l) => l.trim() !== '' && !/log scale|对数刻度/.test(l)),
    ].slice(0, Math.max(0, room - claim.length - setup.length));
  } else if (runs.length > 0 && chartRows >= MIN_CHART_ROWS) {
    const accuracy = s.def.curve === 'test_accuracy';
    const series = runs.map((r) => ({ label: msg('', ''), values: accuracy ? r.testAccuracy.map((v) => v * 100) : progressSeries(r) }));
    const log = !accuracy && wantsLog(series.map((x) => x.values));
    chart = renderChart(
      {
        kind: 'chart',
        series,
        log,
        height: chartRows,
        ...(accuracy ? { xStart: 1, xStep: 1, xLabel: msg('epoch', '轮'), yLabel: msg('test accuracy (%)', '测试准确率（%）') } : { xStart: 0, xStep: 100 / GRID, xLabel: msg("% of each run's training", '各自训练进度（%）'), yLabel: msg('training loss', '训练损失') }),
      },
      { lang, width, theme: th },
    );
    // The legend line (empty labels) is left out: each run's row below carries its marker and name.
    chart = chart.filter((l) => l.trim() !== '' && !/^\s*([*o+x#@%&]\s*)+$/.test(l.replace(/\u001b\[[0-9;]*m/g, '')));
    chart = chart.slice(0, Math.max(0, room - claim.length - setup.length));
  }
  const middle = [...claim.map((l) => th.muted(l)), ...setup.map((l) => th.muted(l)), ...chart];
  const lines = [...top, ...middle, ...rows, ...verdict];
  const fill = Math.max(0, height - lines.length - footer.length);
  return [...lines, ...Array<string>(fill).fill(''), ...footer].slice(0, Math.max(1, height));
}
