/**
 * The step inspector as lines (layout.ts calls it in place of the figures
 * while it is open): one step of training opened up on four pages —
 * Forward (the batch's first example through each layer), Loss (the formula
 * with that example's numbers, and the mean over the batch), Gradients (each
 * parameter's), Update (what the optimizer did to each parameter, and
 * whether the step was about the right size for it). The numbers are drawn
 * by the views the lessons and the REPL use: number grids with … where cut,
 * heatmaps, bars, map grids, a digit's pixels.
 */
import { msg, tr, type Msg } from '../../i18n/index.js';
import { fmtInt, fmtShort } from '../../i18n/numbers.js';
import type { CrossEntropyDetail, MseDetail, StepDetail, TensorDetail, UpdateDetail } from '../../training/inspect/types.js';
import { renderBars, renderGreyImage, renderHeatmap, renderMapGrid, renderMatrix } from '../../view/figures/index.js';
import { padEnd, sw, truncate, wrapPlain } from '../../view/layout.js';
import { renderBlocks } from '../../view/render-text.js';
import { fitParts } from '../lesson/fit.js';
import { PAGE_FORWARD, PAGE_GRADIENTS, PAGE_LOSS, PAGE_UPDATE, type InspectView } from './inspect-state.js';
import type { TrainLayoutOptions } from './layout-options.js';

/** Small maps drawn at most (a conv layer's 16×6 filters are 96). */
const MAX_MAPS = 64;

const PAGES: Msg[] = [msg('Forward', '前向'), msg('Loss', '损失'), msg('Gradients', '梯度'), msg('Update', '更新')];

/** CS231n's rule of thumb for ‖Δw‖/‖w‖ per step: about 1e-3; ten times off either way is worth a look. */
export const HEALTHY_RATIO = 1e-3;
export const RATIO_HIGH = 1e-2;
export const RATIO_LOW = 1e-4;

export type RatioVerdict = 'high' | 'healthy' | 'low' | 'none';

/** 'none': ‖w‖ was 0 before the step (a bias that starts at zero), so there is no ratio to judge. */
export function ratioVerdict(ratio: number): RatioVerdict {
  if (Number.isNaN(ratio)) return 'none';
  if (!(ratio <= RATIO_HIGH)) return 'high';
  return ratio < RATIO_LOW ? 'low' : 'healthy';
}

/** The inspector's keys, instead of the screen's usual line. */
export function inspectKeysLine(o: TrainLayoutOptions): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const parts = [L('←/→ Tab page', '←/→ Tab 翻页'), L('↑/↓ choose', '↑/↓ 选择'), L('s step again', 's 再走一步'), L('Esc close', 'Esc 关闭'), L('space go on', '空格 继续训练'), L('? help', '? 帮助')];
  return fitParts(parts, o.width).map((l) => o.theme.muted(l));
}

/** The help screen's lines about the inspector. */
export function inspectHelpLines(o: TrainLayoutOptions): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  return [
    L('s or .       one step, opened up: Forward · Loss · Gradients · Update', 's 或 .       走一步并打开这一步：前向 · 损失 · 梯度 · 更新'),
    L('  in it:     ←/→ or Tab the page, ↑/↓ the layer or parameter, s step again,', '  打开时：   ←/→ 或 Tab 翻页，↑/↓ 选层或参数，s 再走一步，'),
    L('             Esc, Enter or i close, space close and go on training', '             Esc、回车或 i 关闭，空格 关闭并继续训练'),
  ];
}

function shapeText(shape: readonly number[]): string {
  return shape.length ? shape.join('×') : '1';
}

/** A tensor's kept numbers as the view should read them: the full shape, or whole leading rows when it was cut. */
function shown(t: TensorDetail): { shape: number[]; data: Float32Array; cut: boolean } {
  if (t.values.length >= t.size) return { shape: t.shape.length ? t.shape : [1], data: t.values, cut: false };
  const cols = t.shape[t.shape.length - 1] ?? t.values.length;
  const rows = Math.max(1, Math.floor(t.values.length / Math.max(1, cols)));
  return { shape: cols <= t.values.length ? [rows, cols] : [t.values.length], data: t.values.subarray(0, Math.min(t.values.length, rows * cols)), cut: true };
}

/**
 * One tensor drawn in `width` × `height`: a digit as its pixels, probabilities as bars,
 * square maps (conv outputs and filters) as a grid of small heatmaps, a matrix as numbers
 * when they fit and as a heatmap when they do not, a vector as numbers with … where cut.
 */
export function tensorFigure(t: TensorDetail, o: TrainLayoutOptions, width: number, height: number, hints: { image?: boolean; classNames?: readonly string[] } = {}): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const view = { lang: o.lang, width, theme: o.theme };
  const fig = { level: o.level, lang: o.lang };
  const s = shown(t);
  const note = s.cut ? [o.theme.muted(truncate(L(`the first ${fmtInt(s.data.length)} of ${fmtInt(t.size)} numbers (the rows above the cut)`, `只显示前 ${fmtInt(s.data.length)} 个数，共 ${fmtInt(t.size)} 个`), width))] : [];
  const room = Math.max(1, height - note.length);
  const side = Math.round(Math.sqrt(t.size));
  if (hints.image && side * side === t.size && !s.cut) {
    const lo = t.min;
    const span = t.max - t.min || 1;
    const pixels = Array.from(t.values, (v) => Math.round((255 * (v - lo)) / span));
    return renderGreyImage({ pixels, side }, width, { ...fig, height: room });
  }
  if (hints.classNames && t.shape.length === 1 && t.size <= Math.max(2, room - 1)) {
    const items = Array.from(t.values, (v, c) => ({ label: hints.classNames![c] ?? String(c), value: v }));
    return renderBars({ kind: 'bars', items, precision: 3 }, view);
  }
  const full = t.shape;
  if (full.length >= 3 && full[full.length - 1] === full[full.length - 2]) {
    // Feature maps [K, h, w] and filters [K, C, F, F]: a grid of small maps, as many whole ones as were kept.
    const side = full[full.length - 1];
    const per = side * side;
    const total = t.size / per;
    const count = Math.min(MAX_MAPS, Math.floor(t.values.length / per));
    const maps = Array.from({ length: count }, (_, k) => t.values.subarray(k * per, (k + 1) * per));
    const cut = count < total ? [o.theme.muted(truncate(L(`the first ${count} of ${fmtInt(total)} maps`, `只显示前 ${count} 张，共 ${fmtInt(total)} 张`), width))] : [];
    if (side > 28 && count >= 1) {
      // Big maps (a Transformer's attention over 64 positions) read better one at a time, as a heatmap.
      const first = [o.theme.muted(truncate(L(`map 1 of ${fmtInt(total)}`, `第 1 张，共 ${fmtInt(total)} 张`), width))];
      const maxRows = Math.max(2, Math.min(24, room - 5));
      return [...first, ...renderHeatmap({ kind: 'heatmap', label: t.name, tensor: { shape: [side, side], data: maps[0] }, maxRows }, view)];
    }
    return [...renderMapGrid({ side, maps, label: t.name }, width, { ...fig, height: room - cut.length }).slice(0, room - cut.length), ...cut];
  }
  const rank = s.shape.length;
  const [h, w] = rank >= 2 ? s.shape.slice(-2) : [1, s.shape[0]];
  // Numbers while they are readable (a cell is ~7 columns); a heatmap for a matrix too big for that, where it
  // keeps some detail (each cell the mean of at most 4×4 numbers); else numbers again, cut with ⋮ and ….
  const maxRows = Math.max(2, Math.min(24, room - 4));
  const shrink = Math.max(Math.ceil(w / Math.max(1, Math.floor((width - 6) / 2))), Math.ceil(h / maxRows));
  const fits = w * 7 <= width + 7 && h + 2 <= room;
  const heat = rank >= 2 && !fits && h >= 6 && w >= 6 && shrink <= 4;
  // Token ids and one-hot inputs are whole numbers: "5", not "5.000".
  const whole = s.data.every((v) => Number.isInteger(v));
  if (!heat) return [...note, ...renderMatrix({ kind: 'matrix', label: t.name, tensor: s, precision: whole ? 0 : 3, maxRows: Math.max(2, room - 3 - note.length) }, view)];
  return [...note, ...renderHeatmap({ kind: 'heatmap', label: t.name, tensor: rank > 2 ? { shape: [s.data.length / w, w], data: s.data } : s, maxRows }, view)];
}

/** A list of entries (one line each, the chosen one marked) in at most `rows` lines, scrolled to keep the chosen one in sight. */
function entryList(lines: string[], chosen: number, rows: number, o: TrainLayoutOptions): string[] {
  const n = lines.length;
  const k = Math.max(1, Math.min(rows, n));
  const first = Math.max(0, Math.min(n - k, chosen - Math.floor(k / 2)));
  return lines.slice(first, first + k).map((raw, i) => {
    const l = truncate(raw, o.width - 2);
    return first + i === chosen ? o.theme.accent(`› ${l}`) : `  ${l}`;
  });
}

/** Entries above, the chosen one's figure below: the list gets about a third of the room. */
function listAndFigure(entries: string[], chosen: number, figure: (w: number, h: number) => string[], o: TrainLayoutOptions, height: number, extra: string[] = []): string[] {
  const listRows = Math.max(1, Math.min(entries.length, Math.floor(height / 3)));
  const list = entryList(entries, chosen, listRows, o);
  const room = Math.max(1, height - list.length - extra.length);
  return [...list, ...extra, ...figure(o.width, room).slice(0, room)];
}

/** Columns of a table of entries: each column padded to its widest cell; the names (first column) to at most `nameWidth`. */
function columns(rows: string[][], nameWidth: number): string[] {
  rows = rows.map(([name, ...rest]) => [truncate(name, Math.max(8, nameWidth)), ...rest]);
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => sw(r[c])))) ?? [];
  return rows.map((r) => r.map((cell, c) => (c < r.length - 1 ? padEnd(cell, widths[c]) : cell)).join('  '));
}

function stats(t: TensorDetail, L: (en: string, zh: string) => string): string {
  return L(`min ${fmtShort(t.min)}  mean ${fmtShort(t.mean)}  max ${fmtShort(t.max)}`, `最小 ${fmtShort(t.min)}  平均 ${fmtShort(t.mean)}  最大 ${fmtShort(t.max)}`);
}

function forwardPage(d: StepDetail, v: InspectView, o: TrainLayoutOptions, height: number): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const chosen = Math.min(v.layer, d.forward.length - 1);
  const entries = columns(d.forward.map((t) => [t.name, shapeText(t.shape), stats(t, L)]), Math.floor(o.width * 0.4));
  const t = d.forward[chosen];
  const classNames = d.loss.kind === 'cross-entropy' && t.name === 'softmax' ? d.loss.classNames : undefined;
  return listAndFigure(entries, chosen, (w, h) => tensorFigure(t, o, w, h, { image: chosen === 0 && d.example.kind === 'image', classNames }), o, height);
}

function lossLines(d: StepDetail, o: TrainLayoutOptions, height: number): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const formula = (lines: string[]) => renderBlocks([{ kind: 'formula', lines }], { lang: o.lang, width: o.width, theme: o.theme });
  const over = d.loss.terms === d.batch.size ? L(`the ${fmtInt(d.batch.size)} examples`, `${fmtInt(d.batch.size)} 个样本`) : L(`${fmtInt(d.loss.terms)} predictions (${fmtInt(d.batch.size)} examples × ${fmtInt(d.loss.terms / d.batch.size)} positions)`, `${fmtInt(d.loss.terms)} 个预测（${fmtInt(d.batch.size)} 个样本 × 每个 ${fmtInt(d.loss.terms / d.batch.size)} 个位置）`);
  const agree = L(`the step's loss ${fmtShort(d.loss.value)}`, `这一步的损失 ${fmtShort(d.loss.value)}`);
  if (d.loss.kind === 'mse') {
    const m: MseDetail = d.loss;
    const head = [o.theme.label(truncate(L('Mean squared error (the adding problem: a number, not a class)', '均方误差（加法问题：答案是一个数，不是类别）'), o.width))];
    const lines = formula([
      L(`example 0: (ŷ − y)² = (${fmtShort(m.prediction)} − ${fmtShort(m.target)})² = ${fmtShort(m.term)}`, `样本 0：(ŷ − y)² = (${fmtShort(m.prediction)} − ${fmtShort(m.target)})² = ${fmtShort(m.term)}`),
      L(`batch: mean over ${over} = ${fmtShort(m.mean)}`, `这一批：对 ${over}取平均 = ${fmtShort(m.mean)}`),
    ]);
    return [...head, ...lines, o.theme.muted(truncate(agree, o.width))].slice(0, height);
  }
  const c: CrossEntropyDetail = d.loss;
  const y = c.targetName === String(c.target) ? c.targetName : `${c.target} “${c.targetName}”`;
  const first = d.example.kind === 'tokens' || d.loss.terms !== d.batch.size ? L(' (its first position)', '（第一个位置）') : '';
  const head = [o.theme.label(truncate(L(`Cross-entropy: −log of the probability given to the right class${first}`, `交叉熵：−log（给正确类别的概率）${first}`), o.width))];
  const lines = formula([
    L(`example 0: y = ${y}, p_y = softmax(logits)_y = ${fmtShort(c.p)}`, `样本 0：y = ${y}，p_y = softmax(logits)_y = ${fmtShort(c.p)}`),
    `−log p_y = −log ${fmtShort(c.p)} = ${fmtShort(c.term)}`,
    L(`batch: mean over ${over} = ${fmtShort(c.mean)}`, `这一批：对 ${over}取平均 = ${fmtShort(c.mean)}`),
  ]);
  const top = [...head, ...lines, o.theme.muted(truncate(agree, o.width))];
  const room = height - top.length - 1;
  if (room < 2) return top.slice(0, height);
  // The probabilities of example 0: every class when they fit, else the most likely ones (and the right one).
  const order = Array.from(c.probs, (_, k) => k);
  let pick = order;
  if (order.length > room) {
    pick = order.sort((a, b) => c.probs[b] - c.probs[a]).slice(0, room);
    if (!pick.includes(c.target)) pick[pick.length - 1] = c.target;
    pick.sort((a, b) => c.probs[b] - c.probs[a]);
  }
  const label = (k: number) => `${JSON.stringify(c.classNames[k] ?? String(k)).slice(1, -1)}${k === c.target ? ' ✓' : ''}`;
  const caption = order.length > pick.length ? L(`p of example 0, the ${pick.length} most likely of ${order.length} classes`, `样本 0 的概率，${order.length} 个类别中最可能的 ${pick.length} 个`) : L('p of example 0 per class', '样本 0 每个类别的概率');
  const bars = renderBars({ kind: 'bars', label: caption, items: pick.map((k) => ({ label: label(k), value: c.probs[k] })), precision: 3 }, { lang: o.lang, width: o.width, theme: o.theme });
  return [...top, ...bars].slice(0, height);
}

function verdictText(u: UpdateDetail, L: (en: string, zh: string) => string): string {
  const r = fmtShort(u.ratio);
  switch (ratioVerdict(u.ratio)) {
    case 'high':
      return L(`‖Δ‖/‖w‖ = ${r}: far above the healthy ~1e-3 (CS231n) — the learning rate may be too high for this parameter`, `‖Δ‖/‖w‖ = ${r}：远高于健康的约 1e-3（CS231n）——对这个参数来说学习率可能太大`);
    case 'low':
      return L(`‖Δ‖/‖w‖ = ${r}: far below the healthy ~1e-3 (CS231n) — this parameter barely moves; the learning rate may be too low`, `‖Δ‖/‖w‖ = ${r}：远低于健康的约 1e-3（CS231n）——这个参数几乎不动，学习率可能太小`);
    case 'healthy':
      return L(`‖Δ‖/‖w‖ = ${r}: near the healthy ~1e-3 (CS231n)`, `‖Δ‖/‖w‖ = ${r}：接近健康的约 1e-3（CS231n）`);
    case 'none':
      return L('‖w‖ was 0 before this step (it starts at zero): no ratio to judge yet', '这一步之前 ‖w‖ 为 0（它从零开始）：还没有比值可看');
  }
}

function updateRule(d: StepDetail, L: (en: string, zh: string) => string): string {
  const lr = `lr ${fmtShort(d.run.lr)}`;
  switch (d.run.optimizer) {
    case 'sgd':
      return `sgd, ${lr}: Δw = −lr·g`;
    case 'momentum':
      return L(`momentum 0.9, ${lr}: v = 0.9·v + g, Δw = −lr·v`, `动量 0.9，${lr}：v = 0.9·v + g，Δw = −lr·v`);
    case 'adam':
      return L(`adam, ${lr}: Δw = −lr·m̂/(√v̂ + ε) (m, v: running means of g and g²)`, `adam，${lr}：Δw = −lr·m̂/(√v̂ + ε)（m、v：g 与 g² 的滑动平均）`);
  }
}

function paramsPage(d: StepDetail, v: InspectView, o: TrainLayoutOptions, height: number, update: boolean): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const chosen = Math.min(v.param, d.grads.length - 1);
  if (chosen < 0) return [o.theme.muted(L('(no parameter got a gradient)', '（没有参数得到梯度）'))];
  if (!update) {
    const entries = columns(d.grads.map((g) => [g.name, shapeText(g.shape), `‖g‖ ${fmtShort(g.norm)}`]), Math.floor(o.width * 0.4));
    return listAndFigure(entries, chosen, (w, h) => tensorFigure(d.grads[chosen], o, w, h), o, height);
  }
  const entries = columns(d.update.map((u) => [u.delta.name, `‖Δ‖/‖w‖ ${fmtShort(u.ratio)}`, `‖Δ‖ ${fmtShort(u.normDelta)}`, `‖w‖ ${fmtShort(u.normWeight)}`]), Math.floor(o.width * 0.4));
  const u = d.update[chosen];
  // A small terminal gets the verdict's first clause only ("far above the healthy ~1e-3 (CS231n)").
  const said = height >= 10 ? verdictText(u, L) : verdictText(u, L).split(' — ')[0].split('——')[0];
  const verdict = wrapPlain(said, o.width).map((l) => (ratioVerdict(u.ratio) === 'high' || ratioVerdict(u.ratio) === 'low' ? o.theme.warn(l) : o.theme.ok(l)));
  const rule = [o.theme.muted(truncate(updateRule(d, L), o.width))];
  const extra = height >= 10 ? [...rule, ...verdict] : verdict.slice(0, 2);
  return listAndFigure(entries, chosen, (w, h) => tensorFigure({ ...u.delta, name: `Δ ${u.delta.name}` }, o, w, h), o, height, extra);
}

/** Which step, which batch, which example: the inspector's second line. */
function placeLine(d: StepDetail, o: TrainLayoutOptions): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const b = d.batch;
  const e = d.example;
  const input =
    e.kind === 'point'
      ? `x ${fmtShort(e.input.values[0])}, y ${fmtShort(e.input.values[1])}`
      : e.kind === 'tokens'
        ? `“${truncate((e.tokens ?? []).join('').replace(/\s/g, ' '), 16)}”`
        : '';
  const target = truncate(e.target.join(e.kind === 'tokens' ? '' : ' ').replace(/\s/g, ' '), 12);
  const parts = [
    L(`step ${fmtInt(b.step)}`, `第 ${fmtInt(b.step)} 步`),
    L(`batch ${b.index + 1}/${b.batches} of epoch ${b.epoch}`, `第 ${b.epoch} 轮的第 ${b.index + 1}/${b.batches} 批`),
    L(`${fmtInt(b.size)} examples`, `${fmtInt(b.size)} 个样本`),
    L(`example 0: ${input ? input + ' → ' : ''}${target}`, `样本 0：${input ? input + ' → ' : ''}${target}`),
  ];
  return fitParts(parts, o.width).map((l) => o.theme.muted(l));
}

function tabsLine(page: number, o: TrainLayoutOptions): string {
  const names = PAGES.map((p, k) => {
    const name = tr(o.lang, p);
    if (k !== page) return o.theme.muted(name);
    return o.theme.color ? o.theme.title(name) : `[${name}]`;
  });
  return names.join(o.theme.muted(' · '));
}

/** The inspector's lines in `height` lines of `o.width` columns. */
export function inspectBody(v: InspectView, d: StepDetail | null, done: boolean, o: TrainLayoutOptions, height: number): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const tabs = tabsLine(v.page, o) + (v.waiting && d ? o.theme.muted(L('  stepping…', '  正在走一步…')) : '');
  if (!d) {
    const why = done ? L('The run has ended: there is no step left to open.', '训练已经结束，没有可以打开的步骤了。') : L('stepping…', '正在走一步…');
    return [tabs, o.theme.muted(why)].slice(0, height);
  }
  const place = placeLine(d, o).slice(0, height >= 12 ? 2 : 1);
  const room = Math.max(1, height - 1 - place.length);
  let page: string[];
  switch (v.page) {
    case PAGE_FORWARD:
      page = forwardPage(d, v, o, room);
      break;
    case PAGE_LOSS:
      page = lossLines(d, o, room);
      break;
    case PAGE_GRADIENTS:
      page = paramsPage(d, v, o, room, false);
      break;
    case PAGE_UPDATE:
    default:
      page = paramsPage(d, v, o, room, true);
      break;
  }
  return [tabs, ...place, ...page.slice(0, room)];
}
