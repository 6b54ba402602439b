/**
 * The confusion matrix: how many test examples of each true class (row) were
 * predicted as each class (column). The diagonal — the right answers — is
 * bracketed [n] (and green with colour); wrong cells that are not 0 are yellow
 * with colour; zeros are a dot so the mistakes stand out. Each row ends with
 * its accuracy. When the matrix cannot fit the width, each class gets a line instead.
 */
import { msg, tr } from '../../i18n/index.js';
import { fmtShort } from '../../i18n/numbers.js';
import { padEnd, padStart, sw, truncate, wrapPlain } from '../layout.js';
import { fit, safeText, themeOf, widthOf } from './train-common.js';
import type { ConfusionData, TrainFigOptions } from './train-types.js';

const countText = (v: number | undefined) => (v === undefined || !Number.isFinite(v) ? '?' : v === 0 ? '·' : String(v));

function rowAccuracy(row: readonly number[], k: number): number {
  let total = 0;
  for (const v of row) if (Number.isFinite(v)) total += v;
  const right = row[k];
  return total > 0 && Number.isFinite(right) ? right / total : Number.NaN;
}

const pct = (t: number) => (Number.isFinite(t) ? `${Math.round(t * 100)}%` : '–');

export function renderConfusion(data: ConfusionData, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const k = Math.max(data.classNames.length, data.counts.length);
  const names = Array.from({ length: k }, (_, i) => safeText(data.classNames[i] ?? i));
  const row = (i: number): readonly number[] => data.counts[i] ?? [];
  const out: string[] = [];
  for (const l of wrapPlain(tr(lang, msg('confusion: rows = true class, columns = predicted', '混淆矩阵：行 = 真实类别，列 = 预测')), w)) out.push(th.value(l));
  if (!k) return fit(out, w);

  const cellTexts = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => countText(row(i)[j])));
  const colNames = names.map((n) => truncate(n, 5));
  const cw = Math.max(1, ...cellTexts.flat().map(sw), ...colNames.map(sw));
  const rlw = Math.max(1, Math.min(8, Math.max(...names.map(sw))));
  const accW = 5;
  const full = rlw + 1 + k * (cw + 2) + accW;
  const bare = rlw + 1 + k * (cw + 2);
  if (bare <= w) {
    const withAcc = full <= w;
    out.push(' '.repeat(rlw + 1) + colNames.map((n) => ' ' + padStart(n, cw) + ' ').join('') + (withAcc ? th.label(padStart(tr(lang, msg('right', '对')), accW)) : ''));
    for (let i = 0; i < k; i++) {
      let line = th.label(padStart(truncate(names[i], rlw), rlw)) + ' ';
      for (let j = 0; j < k; j++) {
        const t = padStart(cellTexts[i][j], cw);
        if (i === j) line += th.color ? ' ' + th.ok(th.chalk.bold(t)) + ' ' : `[${t}]`;
        else if (cellTexts[i][j] === '·') line += ' ' + th.muted(t) + ' ';
        else line += ' ' + (th.color ? th.warn(t) : t) + ' ';
      }
      if (withAcc) line += th.value(padStart(pct(rowAccuracy(row(i), i)), accW));
      out.push(line.trimEnd());
    }
    if (!th.color) out.push(th.muted(truncate(tr(lang, msg('[n] = right (the diagonal), · = 0', '[n] = 认对（对角线），· = 0')), w)));
    return fit(out, w);
  }
  // Too narrow for the matrix: one line per class with its accuracy and its most frequent mistake.
  for (let i = 0; i < k; i++) {
    const r = row(i);
    let worst = -1;
    for (let j = 0; j < k; j++) if (j !== i && Number.isFinite(r[j]) && r[j] > 0 && (worst < 0 || r[j] > r[worst])) worst = j;
    const acc = pct(rowAccuracy(r, i));
    const mistake = worst >= 0 ? tr(lang, msg(` → ${names[worst]} ×${fmtShort(r[worst])}`, ` → ${names[worst]} ×${fmtShort(r[worst])}`)) : '';
    out.push(th.label(padEnd(truncate(names[i], rlw), rlw)) + ' ' + th.value(acc) + mistake);
  }
  out.push(th.muted(truncate(tr(lang, msg('class, right %, most often taken for', '类别、认对比例、最常被认成')), w)));
  return fit(out, w);
}
