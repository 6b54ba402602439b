/**
 * What a sequence model does at each time step:
 *  - gate strips: an LSTM's input, forget and output gates (mean activation,
 *    0…1) over the steps of one sequence, with the tokens beneath;
 *  - attention maps: a Transformer head's T×T weights (rows = queries), one map a head;
 *  - accuracy per position: columns 0…100 % (the memory task is hard at the far end).
 * Tokens come from the student's text: shown escaped, a space as ␣, cut to their cell.
 */
import { msg, tr, type Msg } from '../../i18n/index.js';
import { fmtShort } from '../../i18n/numbers.js';
import { packPanels, padEnd, padStart, sw, truncate, wrapPlain } from '../layout.js';
import { escapeControls } from '../sanitize.js';
import type { Theme } from '../style.js';
import { renderHeatmap, SHADES } from './heatmap.js';
import { fit, paint, themeOf, widthOf } from './train-common.js';
import type { AttentionData, GateName, GatesData, TrainFigOptions } from './train-types.js';
import { seqColor } from './util.js';

/** A token as it can be shown in `w` columns: controls escaped, a space as ␣, cut with … */
export function tokenLabel(t: string, w: number): string {
  const s = escapeControls(String(t), { singleLine: true }).replace(/ /g, '␣');
  if (sw(s) <= w) return s;
  // Too long: its first characters (no …, which would leave one column for a letter).
  let out = '';
  for (const ch of s) {
    if (sw(out + ch) > w) break;
    out += ch;
  }
  return out;
}

const GATE_NAMES: Record<GateName, Msg> = {
  input: msg('input', '输入门'),
  forget: msg('forget', '遗忘门'),
  output: msg('output', '输出门'),
};

/** A value in [0, 1] as a cell two columns wide: a shade, or a coloured block (NaN → ??). */
function unitCell(v: number, th: Theme): string {
  if (!Number.isFinite(v)) return th.color ? th.warn('??') : '??';
  const t = Math.max(0, Math.min(1, v));
  if (th.color && th.chalk.level >= 2) return paint(th, seqColor(t), null, '██');
  const ch = SHADES[Math.min(4, Math.floor(t * 5))].repeat(2);
  return th.color ? paint(th, seqColor(t), null, ch) : ch;
}

function unitLegend(th: Theme): string {
  const bar = th.color && th.chalk.level >= 2 ? Array.from({ length: 10 }, (_, i) => paint(th, seqColor((i + 0.5) / 10), null, '█')).join('') : '[' + SHADES.map((s) => s + s).join('') + ']';
  return `0 ${bar} 1`;
}

/** One strip per gate over the time steps (the first that fit the width), tokens beneath, the scale. */
export function renderGates(data: GatesData, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const out: string[] = [th.value(truncate(tr(lang, msg('LSTM gates over the steps', 'LSTM 各门随时间步的值')), w))];
  const names = data.gates.map((g) => tr(lang, GATE_NAMES[g.name] ?? g.name));
  const lw = Math.min(Math.max(0, ...names.map(sw)), Math.floor(w / 3));
  const T = Math.max(data.tokens.length, ...data.gates.map((g) => g.values.length));
  const shown = Math.max(0, Math.min(T, Math.floor((w - lw - 1) / 2)));
  data.gates.forEach((g, i) => {
    let cells = '';
    for (let t = 0; t < shown; t++) cells += unitCell(t < g.values.length ? Number(g.values[t]) : Number.NaN, th);
    out.push(th.label(padEnd(truncate(names[i], lw), lw)) + ' ' + cells);
  });
  out.push(' '.repeat(lw + 1) + Array.from({ length: shown }, (_, t) => padEnd(tokenLabel(data.tokens[t] ?? '', 2), 2)).join('').trimEnd());
  out.push(th.muted(unitLegend(th)));
  if (shown < T) out.push(th.muted(truncate(tr(lang, msg(`steps 1–${shown} of ${T}`, `第 1–${shown} 步，共 ${T} 步`)), w)));
  return fit(out, w);
}

/**
 * One heatmap per head (rows = queries, columns = keys, 0…1) with the tokens as
 * labels; long sequences show their first tokens that fit (not shrunk: a
 * weight is one token's). Heads go side by side when they fit.
 */
export function renderAttention(data: AttentionData, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const T = data.tokens.length || Math.round(Math.sqrt(data.heads[0]?.length ?? 0));
  const out: string[] = [];
  for (const l of wrapPlain(tr(lang, msg('attention per head: rows = queries, columns = keys', '各头的注意力：行 = 查询，列 = 键')), w)) out.push(th.value(l));
  if (!T || !data.heads.length) return fit(out, w);
  const labels = Array.from({ length: T }, (_, t) => tokenLabel(data.tokens[t] ?? String(t), 3));
  // renderHeatmap's layout with column labels: cells max(2, label) wide and 1 apart, row labels, a frame.
  const cw = Math.max(2, ...labels.map(sw));
  const hw = Math.max(20, w);
  const rlw = Math.min(Math.max(...labels.map(sw)), Math.floor(hw / 4)) + 1;
  const fits = Math.max(1, Math.floor((hw - (2 + rlw + 2) + 1) / (cw + 1)));
  const n = Math.min(T, fits, 24);
  const panels = data.heads.map((h, k) => {
    const sub = new Float64Array(n * n);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) sub[i * n + j] = Number(h[i * T + j]);
    return renderHeatmap(
      { kind: 'heatmap', label: msg(`head ${k + 1}`, `头 ${k + 1}`), tensor: { shape: [n, n], data: sub }, rowLabels: labels.slice(0, n), colLabels: labels.slice(0, n), min: 0, max: 1 },
      { lang, width: hw, theme: th },
    );
  });
  out.push(...(packPanels(panels, w, 3) ?? panels.flatMap((p, i) => (i ? ['', ...p] : p))));
  if (n < T) out.push(th.muted(truncate(tr(lang, msg(`first ${n} of ${T} tokens`, `前 ${n} 个词元，共 ${T} 个`)), w)));
  return fit(out, w);
}

const VEIGHTHS = [' ', '▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/** Test accuracy at each output position as columns on 0…100 %, positions numbered from 1 (opts.height: plot rows, default 4). */
export function renderPerPosition(acc: readonly number[], width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const out: string[] = [th.value(truncate(tr(lang, msg('test accuracy per position', '各位置的测试准确率')), w))];
  if (!acc.length) return fit([...out, th.muted(tr(lang, msg('(no positions)', '（没有位置）')))], w);
  const rows = Math.max(1, Math.floor(opts.height ?? 4));
  const labelW = 4;
  const room = Math.max(1, w - labelW - 2);
  // Means of neighbouring positions when there are more positions than columns.
  const per = Math.ceil(acc.length / room);
  const vals: number[] = [];
  for (let i = 0; i < acc.length; i += per) {
    const g = acc.slice(i, i + per);
    vals.push(g.reduce((a, v) => a + v, 0) / g.length);
  }
  const cw = Math.max(1, Math.min(3, Math.floor(room / vals.length)));
  for (let r = rows - 1; r >= 0; r--) {
    let line = '';
    for (const v of vals) {
      let ch: string;
      if (!Number.isFinite(v)) ch = r === 0 ? '?' : ' ';
      else ch = VEIGHTHS[Math.round(Math.max(0, Math.min(1, Math.max(0, Math.min(1, v)) * rows - r)) * 8)];
      line += (th.color && ch.trim() ? (Number.isFinite(v) ? th.chalk.cyan(ch) : th.warn(ch)) : ch) + ' '.repeat(cw - 1);
    }
    const tick = r === rows - 1 ? '100%' : r === 0 ? '0%' : '';
    out.push((th.label(padStart(tick, labelW)) + ' ' + th.muted('│') + line).trimEnd());
  }
  // Position numbers under their columns, as many as fit without touching.
  const axis = Array<string>(vals.length * cw).fill(' ');
  let free = 0;
  vals.forEach((_, i) => {
    const label = String(i * per + 1);
    const at = i * cw;
    if (at < free || at + label.length > axis.length) return;
    for (let j = 0; j < label.length; j++) axis[at + j] = label[j];
    free = at + label.length + 1;
  });
  out.push(' '.repeat(labelW + 2) + th.muted(axis.join('').trimEnd()));
  const notes: string[] = [tr(lang, msg('position', '位置'))];
  if (per > 1) notes.push(tr(lang, msg(`each column = mean of ${per} positions`, `每列为 ${per} 个位置的平均`)));
  const fin = acc.filter(Number.isFinite);
  if (fin.length) notes.push(tr(lang, msg(`mean ${fmtShort((fin.reduce((a, v) => a + v, 0) / fin.length) * 100)} %`, `平均 ${fmtShort((fin.reduce((a, v) => a + v, 0) / fin.length) * 100)} %`)));
  for (const l of wrapPlain(notes.join(' · '), Math.max(4, w - labelW - 2))) out.push(th.muted(' '.repeat(labelW + 2) + l));
  return fit(out, w);
}
