/**
 * The learning curves: the loss of every step (braille dots, 2×4 per
 * character), the train and test loss at each epoch's end (* and o, joined by
 * dots), and below it the train and test accuracy on a 0–100 % axis. The step
 * axis is shared. The loss axis turns logarithmic when the losses span two
 * decades or more (a falling loss then keeps its shape); NaN and ∞ are never
 * drawn but are counted and named, with a hint when training has diverged.
 */
import { msg, tr } from '../../i18n/index.js';
import { fmtShort } from '../../i18n/numbers.js';
import { padStart, sw, wrapPlain } from '../layout.js';
import type { Theme } from '../style.js';
import { fit, packItems, themeOf, widthOf } from './train-common.js';
import type { CurvesData, TrainFigOptions } from './train-types.js';
import { finiteRange } from './util.js';

/** Loss values spanning this ratio (max / min) or more are drawn on a log₁₀ axis. */
export const LOG_RATIO = 100;

// Braille dot bits by [x][y] inside a 2×4 cell.
const DOT = [
  [0x01, 0x02, 0x04, 0x40],
  [0x08, 0x10, 0x20, 0x80],
];

type Ink = 'step' | 'train' | 'test';
/** Where a train and a test marker share a character. */
const BOTH = '@';

/** A character grid that is drawn on in braille dots, with markers on top. */
class Canvas {
  readonly bits: Uint8Array;
  readonly ink: (Ink | null)[];
  readonly marks: (string | null)[];
  constructor(
    readonly cols: number,
    readonly rows: number,
  ) {
    this.bits = new Uint8Array(cols * rows);
    this.ink = Array(cols * rows).fill(null);
    this.marks = Array(cols * rows).fill(null);
  }
  /** Dot at pixel (x, y), y = 0 at the top. */
  dot(x: number, y: number, ink: Ink): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const cx = Math.floor(x / 2);
    const cy = Math.floor(y / 4);
    if (cx < 0 || cy < 0 || cx >= this.cols || cy >= this.rows) return;
    const i = cy * this.cols + cx;
    this.bits[i] |= DOT[x - cx * 2][y - cy * 4];
    this.ink[i] = ink;
  }
  line(x0: number, y0: number, x1: number, y1: number, ink: Ink): void {
    const n = Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0), 1);
    for (let k = 0; k <= n; k++) this.dot(Math.round(x0 + ((x1 - x0) * k) / n), Math.round(y0 + ((y1 - y0) * k) / n), ink);
  }
  mark(x: number, y: number, ch: string, ink: Ink): void {
    if (!Number.isFinite(x) || !Number.isFinite(y)) return;
    const cx = Math.floor(x / 2);
    const cy = Math.floor(y / 4);
    if (cx < 0 || cy < 0 || cx >= this.cols || cy >= this.rows) return;
    const i = cy * this.cols + cx;
    const had = this.marks[i];
    this.marks[i] = had !== null && had !== ch ? BOTH : ch;
    this.ink[i] = ink;
  }
  row(r: number, th: Theme): string {
    let s = '';
    for (let c = 0; c < this.cols; c++) {
      const i = r * this.cols + c;
      const ch = this.marks[i] ?? (this.bits[i] ? String.fromCharCode(0x2800 + this.bits[i]) : ' ');
      s += ch === ' ' ? ' ' : inked(th, this.ink[i], ch);
    }
    return s;
  }
}

function inked(th: Theme, ink: Ink | null, s: string): string {
  if (!th.color) return s;
  if (ink === 'train') return th.chalk.cyan(s);
  if (ink === 'test') return th.chalk.yellow(s);
  return th.chalk.gray(s);
}

interface Axis {
  log: boolean;
  lo: number;
  hi: number;
}

/** The loss axis: log₁₀ when every loss is > 0 and they span LOG_RATIO or more; padded when flat. */
export function lossAxis(values: readonly number[]): Axis | null {
  // A loop, not Math.min(...values): a long run's step losses would overflow the call's arguments.
  const range = finiteRange(values);
  if (!range.count) return null;
  let lo = range.min;
  let hi = range.max;
  if (lo > 0 && hi / lo >= LOG_RATIO) return { log: true, lo: Math.log10(lo), hi: Math.log10(hi) };
  if (hi === lo) {
    const d = lo === 0 ? 1 : Math.abs(lo) / 2;
    lo -= d;
    hi += d;
  }
  if (!Number.isFinite(hi - lo)) return { log: false, lo: lo / 2, hi: hi / 2 }; // ±1e308: halve both, compare halves below
  return { log: false, lo, hi };
}

/** Pixel row (0 = top) of a value, or null when it cannot be drawn. */
function yPixel(a: Axis, v: number, pixRows: number): number | null {
  if (!Number.isFinite(v) || (a.log && v <= 0)) return null;
  const y = a.log ? Math.log10(v) : v;
  const t = a.hi > a.lo ? (y / 2 - a.lo / 2) / (a.hi / 2 - a.lo / 2) : 0.5;
  if (!Number.isFinite(t)) return null;
  return Math.round((1 - Math.max(0, Math.min(1, t))) * (pixRows - 1));
}

const axisValue = (a: Axis, t: number) => (a.log ? 10 ** (a.lo + (a.hi - a.lo) * t) : a.lo + (a.hi / 2 - a.lo / 2) * 2 * t);

function countBad(values: readonly number[]): { nan: number; inf: number } {
  let nan = 0;
  let inf = 0;
  for (const v of values) {
    if (Number.isNaN(v)) nan++;
    else if (!Number.isFinite(v)) inf++;
  }
  return { nan, inf };
}

const pct = (v: number) => (Number.isFinite(v) ? `${fmtShort(Math.round(v * 1000) / 10)} %` : fmtShort(v));

/**
 * The curves in `width` columns and opts.height lines (default 14): a header
 * with the latest numbers, the loss panel, the accuracy panel (when there is
 * accuracy and room), the step axis, a legend and notes.
 */
export function renderCurves(data: CurvesData, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  const steps = data.stepLosses;
  const hist = data.history;
  const claimed = data.stepsDone !== undefined && Number.isFinite(data.stepsDone) ? Math.floor(data.stepsDone) : steps.length;
  const done = Math.max(steps.length, claimed);
  // Losses averaged over `every` steps each (a long run's per-step losses, bucketed before they cross a thread).
  const every = data.every !== undefined && data.every >= 1 ? Math.floor(data.every) : 1;
  const firstStep = data.firstStep !== undefined && Number.isFinite(data.firstStep) ? data.firstStep : done - steps.length * every + 1;
  const out: string[] = [];

  const last = hist[hist.length - 1];
  const head: string[] = [];
  const lossWord = data.lossName ? tr(lang, data.lossName) : L('loss', '损失');
  if (last) {
    head.push(lang === 'zh' ? `${lossWord} ${fmtShort(last.loss)}（测试 ${fmtShort(last.test_loss)}）` : `${lossWord} ${fmtShort(last.loss)} (test ${fmtShort(last.test_loss)})`);
    if (Number.isFinite(last.accuracy) || Number.isFinite(last.test_accuracy))
      head.push(lang === 'zh' ? `准确率 ${pct(last.accuracy)}（测试 ${pct(last.test_accuracy)}）` : `accuracy ${pct(last.accuracy)} (test ${pct(last.test_accuracy)})`);
  } else if (steps.length) head.push(`${lossWord} ${fmtShort(steps[steps.length - 1])}`);
  if (head.length) out.push(...packItems(head, w, ' · ').map((l) => th.value(l)));

  const losses = [...steps, ...hist.flatMap((r) => [r.loss, r.test_loss])];
  const axis = lossAxis(losses);
  const notes: string[] = [];
  const badSteps = countBad(steps);
  const badEpochs = countBad(hist.flatMap((r) => [r.loss, r.test_loss]));
  if (badSteps.nan || badSteps.inf) {
    notes.push(
      L(
        `not drawn: ${badSteps.nan} step loss${badSteps.nan === 1 ? '' : 'es'} NaN, ${badSteps.inf} ∞`,
        `未画出：${badSteps.nan} 个步损失为 NaN，${badSteps.inf} 个为 ∞`,
      ),
    );
  }
  const lastLoss = steps.length ? steps[steps.length - 1] : last ? last.loss : 0;
  if (!Number.isFinite(lastLoss)) notes.push(L('the loss is no longer a number: training diverged — try a smaller learning rate', '损失已不再是数：训练发散了——试试更小的学习率'));

  if (!axis) {
    out.push(th.muted(L('(no loss to plot yet)', '（还没有可画的损失）')));
    return fit([...out, ...notes.map((n) => th.warn(n))], w);
  }
  const hasAcc = hist.some((r) => Number.isFinite(r.accuracy) || Number.isFinite(r.test_accuracy));
  const height = Math.max(4, Math.floor(opts.height ?? 14));
  if (badEpochs.nan || badEpochs.inf) {
    notes.push(L(`not drawn: ${badEpochs.nan} epoch loss${badEpochs.nan === 1 ? '' : 'es'} NaN, ${badEpochs.inf} ∞`, `未画出：${badEpochs.nan} 个轮次损失为 NaN，${badEpochs.inf} 个为 ∞`));
  }
  const noteLines = notes.flatMap((n) => wrapPlain(n, w).map((l) => th.warn(l)));
  const legendOf = (acc: boolean) => {
    const items: string[] = [inked(th, 'step', '⠤') + ' ' + L('loss per step', '每步损失'), inked(th, 'train', '*') + ' ' + L('train', '训练'), inked(th, 'test', 'o') + ' ' + L('test', '测试')];
    // Epoch markers can meet (train and test losses close together): the legend always says what @ is.
    if (hist.length) items.push(inked(th, 'test', BOTH) + ' ' + L('both', '两者'));
    if (axis.log) items.push(th.muted(L('log scale', '对数刻度')));
    // The accuracy panel's 100%/0% ticks already say which panel is which: the words come only where they cost no line.
    if (acc) {
      const said = packItems([...items, th.muted(L('loss above, accuracy below', '上：损失，下：准确率'))], w);
      if (said.length === packItems(items, w).length) return said;
    }
    return packItems(items, w);
  };
  // The plot gets what the header, the step axis (2 lines), the notes and the legend leave;
  // the accuracy panel needs 3 rows (0 %, 100 % and a line between) beside at least 3 of loss.
  const left0 = height - out.length - 2 - noteLines.length;
  const withAcc = hasAcc && left0 - legendOf(true).length >= 6;
  const legend = legendOf(withAcc);
  const rows = Math.max(1, left0 - legend.length);
  const accRows = withAcc ? Math.max(3, Math.round(rows * 0.45)) : 0;
  const lossRows = rows - accRows;

  const lossLabels = [axisValue(axis, 1), axisValue(axis, 0.5), axisValue(axis, 0)].map(fmtShort);
  const accLabels = ['100%', '50%', '0%'];
  const labelW = Math.max(...lossLabels.map(sw), ...(accRows ? accLabels.map(sw) : [0]));
  const plotW = Math.max(1, w - labelW - 2);
  const xMin = Math.min(firstStep, ...hist.map((r) => r.step).filter(Number.isFinite));
  const xMax = Math.max(done, ...hist.map((r) => r.step).filter(Number.isFinite));
  const xPixel = (s: number) => (xMax > xMin ? Math.round(((s - xMin) / (xMax - xMin)) * (plotW * 2 - 1)) : 0);

  const panel = (rowsN: number, labels: string[], draw: (c: Canvas, yp: (v: number) => number | null) => void, yOf: (v: number) => number | null) => {
    const c = new Canvas(plotW, rowsN);
    draw(c, yOf);
    const lines: string[] = [];
    const tickRows = new Map<number, string>([
      [0, labels[0]],
      [rowsN - 1, labels[2]],
    ]);
    if (rowsN >= 5) tickRows.set(Math.floor((rowsN - 1) / 2), labels[1]);
    for (let r = 0; r < rowsN; r++) {
      const t = tickRows.get(r);
      lines.push((th.label(padStart(t ?? '', labelW)) + ' ' + th.muted(t !== undefined ? '┤' : '│') + c.row(r, th)).trimEnd());
    }
    return lines;
  };

  const series = (c: Canvas, yOf: (v: number) => number | null, pick: (r: (typeof hist)[number]) => number, ink: Ink, marker: string) => {
    let prev: [number, number] | null = null;
    const pts: [number, number][] = [];
    for (const r of hist) {
      const y = yOf(pick(r));
      if (y === null || !Number.isFinite(r.step)) {
        prev = null;
        continue;
      }
      const p: [number, number] = [xPixel(r.step), y];
      if (prev) c.line(prev[0], prev[1], p[0], p[1], ink);
      pts.push(p);
      prev = p;
    }
    for (const p of pts) c.mark(p[0], p[1], marker, ink);
  };

  const lossY = (v: number) => yPixel(axis, v, lossRows * 4);
  out.push(
    ...panel(
      lossRows,
      lossLabels,
      (c, yOf) => {
        let prev: [number, number] | null = null;
        steps.forEach((v, i) => {
          const y = yOf(v);
          if (y === null) {
            prev = null;
            return;
          }
          const p: [number, number] = [xPixel(firstStep + i * every), y];
          if (prev) c.line(prev[0], prev[1], p[0], p[1], 'step');
          else c.dot(p[0], p[1], 'step');
          prev = p;
        });
        series(c, yOf, (r) => r.loss, 'train', '*');
        series(c, yOf, (r) => r.test_loss, 'test', 'o');
      },
      lossY,
    ),
  );
  if (accRows) {
    const accAxis: Axis = { log: false, lo: 0, hi: 1 };
    const accY = (v: number) => yPixel(accAxis, v, accRows * 4);
    out.push(
      ...panel(
        accRows,
        accLabels,
        (c, yOf) => {
          series(c, yOf, (r) => r.accuracy, 'train', '*');
          series(c, yOf, (r) => r.test_accuracy, 'test', 'o');
        },
        accY,
      ),
    );
  }
  // The step axis: first and last step at the ends.
  const pad = ' '.repeat(labelW + 1);
  out.push(pad + th.muted('└' + '─'.repeat(plotW)));
  // Step numbers whole and exact (fmtShort would round 10002 to 10000).
  const stepText = (x: number) => (Math.abs(x) < 1e9 ? String(Math.round(x)) : fmtShort(x));
  const left = `${L('step', '步')} ${stepText(xMin)}`;
  const right = stepText(xMax);
  const gap = plotW + 1 - sw(left) - sw(right);
  out.push(pad + th.label(gap >= 1 ? left + ' '.repeat(gap) + right : right));

  // Warnings before the legend: when the height runs out, the legend goes first.
  out.push(...noteLines, ...legend);
  return fit(out.slice(0, height), w);
}

