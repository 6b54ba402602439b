/**
 * The training screen as lines, from its state and the terminal's size: pure,
 * so tests read exactly what the student sees. Always: the run, the model,
 * the optimizer and learning rate, epoch and step, speed, the curves and the
 * gradient norms per layer. Then the run's own figures: the main one beside
 * the curves, the others below where the terminal is tall enough, otherwise
 * one at a time (Tab).
 */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { fmtInt } from '../../i18n/numbers.js';
import type { Frame } from '../../training/loop/frame.js';
import {
  renderAttention,
  renderBoundary,
  renderConfusion,
  renderCurves,
  renderGates,
  renderGradNorms,
  renderMapGrid,
  renderNeuronTiles,
  renderPerPosition,
  renderSample,
  renderWrongDigits,
  type TrainFigOptions,
} from '../../view/figures/index.js';
import { sideBySide, truncate, wrapPlain } from '../../view/layout.js';
import type { Theme } from '../../view/style.js';
import { cutLine, fitParts } from '../lesson/fit.js';
import { canvasScreenLines } from './canvas-layout.js';
import type { TrainLayoutOptions } from './layout-options.js';

export type { TrainLayoutOptions } from './layout-options.js';
import { inspectBody, inspectHelpLines, inspectKeysLine } from './inspect-layout.js';
import type { TrainScreenState } from './state.js';

/** A figure that draws itself into a width and a most number of lines. */
type Panel = { title?: Msg; draw: (width: number, height: number) => string[] };

const GAP = 2;

/** Learning rates after ×2 / ÷2 drift in binary: show four significant digits. */
export function lrText(lr: number): string {
  return String(Number(lr.toPrecision(4)));
}

function speedText(f: Frame, lang: Lang): string {
  const unit = tr(lang, f.info.unit);
  const eps = fmtInt(Math.round(f.examplesPerSecond));
  return lang === 'zh' ? `${eps} ${unit}/秒` : `${eps} ${unit}/s`;
}

function statusText(f: Frame, lang: Lang): string {
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  if (f.done) return L('✓ done', '✓ 完成');
  if (f.paused) return L('⏸ paused', '⏸ 已暂停');
  return Number.isFinite(f.speed) ? L(`▶ ${f.speed} steps/s`, `▶ 每秒 ${f.speed} 步`) : L('▶ running', '▶ 训练中');
}

export function headerLines(f: Frame, o: TrainLayoutOptions): string[] {
  const { lang, theme: th } = o;
  const i = f.info;
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  const title = `${th.title(`nnlearn train · ${tr(lang, i.title)}`)}  ${th.muted(tr(lang, i.modelName ?? msg(i.model, i.model)))}`;
  const parts = [
    L(`${fmtInt(i.parameters)} parameters`, `${fmtInt(i.parameters)} 个参数`),
    L(`epoch ${f.epoch}/${i.epochs}`, `第 ${f.epoch}/${i.epochs} 轮`),
    L(`step ${fmtInt(f.stepsDone)}`, `第 ${fmtInt(f.stepsDone)} 步`),
    `${i.optimizer} lr ${th.value(lrText(f.lr))}`,
    L(`batch ${i.batch}`, `批 ${i.batch}`),
    L(`seed ${i.seed}`, `种子 ${i.seed}`),
    speedText(f, lang),
    th.accent(statusText(f, lang)),
  ];
  return [title, ...fitParts(parts, o.width)];
}

function keysLine(s: TrainScreenState, o: TrainLayoutOptions, panels: number): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  if (s.confirmQuit) {
    const parts =
      s.saveAs !== null
        ? [L('Leave the run?', '离开这次训练？'), L(`y / Enter: save as ${s.saveAs} and leave`, `y / 回车：保存为 ${s.saveAs} 并离开`)]
        : [L('Leave the run?', '离开这次训练？'), L('y / Enter: leave', 'y / 回车：离开'), L('s: save the model, then leave', 's：保存模型后离开')];
    return fitParts([...parts, L('any other key: stay', '其他键：留下')], o.width).map((l) => o.theme.warn(l));
  }
  const parts = [
    L('space pause', '空格 暂停'),
    L('s step', 's 单步'),
    L('+/- speed', '+/- 速度'),
    L('*// lr ×2 ÷2', '*// 学习率 ×2 ÷2'),
    L('r restart', 'r 重来'),
    ...(s.frame?.info.topic === 'digits' ? [L('d draw', 'd 画数字')] : []),
    ...(panels > 1 ? [L(`Tab more (${(s.panel % panels) + 1}/${panels})`, `Tab 更多（${(s.panel % panels) + 1}/${panels}）`)] : []),
    L('? help', '? 帮助'),
    L('q quit', 'q 退出'),
  ];
  return fitParts(parts, o.width).map((l) => o.theme.muted(l));
}

export function helpLines(o: TrainLayoutOptions): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  return [
    o.theme.title(L('Keys while it trains', '训练时的按键')),
    L('space or p   pause / go on', '空格或 p     暂停 / 继续'),
    ...inspectHelpLines(o),
    L('+ / -  → / ← faster / slower (1, 3, 10, 30, 100 steps/s, full speed)', '+ / -  → / ← 加快 / 放慢（每秒 1、3、10、30、100 步，全速）'),
    L('* or ]       learning rate ×2', '* 或 ]       学习率 ×2'),
    L('/ or [       learning rate ÷2', '/ 或 [       学习率 ÷2'),
    L('r            start again from new random weights (a new seed)', 'r            用新的随机权重重新开始（换一个种子）'),
    L('Tab          the next figure, when they do not all fit', 'Tab          下一张图（放不下全部时）'),
    L('d            digits runs: draw a digit and see what the model says', 'd            数字训练：画一个数字，看模型怎么认'),
    L('q or Esc     leave (asks first)', 'q 或 Esc     离开（会先确认）'),
    '',
    L(
      'Gradient norms: the size of the loss’s gradient for each layer’s weights (how hard the loss pulls on them; with adam the step taken also depends on its running averages). Tiny norms in the first layers while the last layers’ are normal is the vanishing gradient; huge or ∞ norms are the exploding gradient. A recurrent net can also lose its gradient across time steps, which per-layer norms do not show: watch whether the loss falls.',
      '梯度范数：损失对每层权重的梯度有多大（损失把这些权重往哪边拉、拉得多用力；用 adam 时实际步长还取决于它的滑动平均）。前几层极小而最后几层正常，就是梯度消失；极大或 ∞ 就是梯度爆炸。循环网络的梯度还可能沿时间步消失，这一点各层范数看不出来：要看损失是否下降。',
    ),
    '',
    o.theme.muted(L('any key: back to the run', '任意键：回到训练')),
  ];
}

/** The run's own figures, main one first. */
function panelsOf(f: Frame, fig: TrainFigOptions): Panel[] {
  const v = f.views;
  const out: Panel[] = [];
  const names = f.info.classNames;
  if (v.boundary) {
    out.push({
      title: msg('decision boundary (● train, ○ test)', '决策边界（● 训练，○ 测试）'),
      draw: (w, h) => renderBoundary({ boundary: v.boundary!, points: v.points, classNames: names }, w, { ...fig, height: h }),
    });
  }
  if (v.sample) out.push({ draw: (w, h) => renderSample(v.sample!, w, { ...fig, height: h }) });
  if (v.perPosition) out.push({ draw: (w, h) => renderPerPosition(v.perPosition!, w, { ...fig, height: h }) });
  if (v.wrong) out.push({ // Small pictures (the height is per picture): more of them fit, each still a readable digit.
      draw: (w, h) => renderWrongDigits(v.wrong!, w, { ...fig, height: Math.max(3, Math.min(7, h - 2)), classNames: names }) });
  if (v.filters) out.push({ title: msg('first-layer filters', '第一层的滤波器'), draw: (w, h) => renderMapGrid({ side: v.filters!.size, maps: v.filters!.weights }, w, { ...fig, height: h }) });
  if (v.featureMaps) {
    const m = v.featureMaps;
    out.push({ title: msg(`feature maps of a test ${m.label}`, `一个测试数字 ${m.label} 的特征图`), draw: (w, h) => renderMapGrid({ side: m.mapSide, maps: m.maps }, w, { ...fig, height: h }) });
  }
  if (v.confusion) out.push({ draw: (w) => renderConfusion(v.confusion!, w, fig) });
  if (v.neurons) out.push({ title: msg('hidden neurons over the plane', '隐藏神经元在平面上的输出'), draw: (w, h) => renderNeuronTiles(v.neurons!, w, { ...fig, height: h }) });
  if (v.gates) out.push({ draw: (w, h) => renderGates(v.gates!, w, { ...fig, height: h }) });
  if (v.attention) out.push({ draw: (w, h) => renderAttention(v.attention!, w, { ...fig, height: h }) });
  return out;
}

/** Whether the terminal is big enough for the figure beside the curves; smaller ones show one panel at a time. */
export function roomy(width: number, height: number): boolean {
  return width >= 70 && height >= 20;
}

/** Curves, the run's figures, gradients: what a small terminal shows one at a time. */
function allPanels(f: Frame, fig: TrainFigOptions): Panel[] {
  return [
    { title: msg('loss and accuracy', '损失与准确率'), draw: (w, h) => renderCurves(curvesData(f), w, { ...fig, height: h }) },
    ...panelsOf(f, fig),
    { draw: (w, h) => renderGradNorms(f.grads, w, { ...fig, height: h }) },
  ];
}

function curvesData(f: Frame) {
  return { history: f.history, stepLosses: f.losses, every: f.lossEvery, firstStep: f.lossFirstStep, stepsDone: f.stepsDone, lossName: f.info.lossName };
}

/** How many panels Tab cycles through at this size. */
export function panelCount(f: Frame | null, width: number, height: number): number {
  if (!f) return 0;
  const fig: TrainFigOptions = { level: 0, lang: 'en' };
  return roomy(width, height) ? panelsOf(f, fig).length : allPanels(f, fig).length;
}

/** A panel in `height` lines: its title (the figures that have none of their own get one here), then the figure. */
function titled(p: Panel, o: TrainLayoutOptions, width: number, height: number): string[] {
  const head = p.title ? [o.theme.label(truncate(tr(o.lang, p.title), width))] : [];
  const room = Math.max(1, height - head.length);
  return [...head, ...p.draw(width, room).slice(0, room)];
}

export function trainScreenLines(s: TrainScreenState, o: TrainLayoutOptions): string[] {
  const width = Math.max(20, o.width);
  const height = Math.max(8, o.height);
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const f = s.frame;
  if (!f) {
    const lines = [o.theme.title('nnlearn train'), s.error ? o.theme.error(tr(o.lang, s.error)) : o.theme.muted(L('starting…', '正在启动…'))];
    if (s.error) lines.push(o.theme.muted(L('q: leave', 'q：离开')));
    return lines;
  }
  if (s.canvas && !s.help) return canvasScreenLines(s.canvas, f, o);
  const fig: TrainFigOptions = { level: o.level, lang: o.lang };
  const panels = panelsOf(f, fig);
  const head = headerLines(f, o);
  const keys = s.inspect && !s.confirmQuit ? inspectKeysLine({ ...o, width }) : keysLine(s, o, panelCount(f, width, height));
  const error = [...(s.error ? [o.theme.error(tr(o.lang, s.error))] : []), ...(s.note ? [o.theme.ok(tr(o.lang, s.note))] : [])];
  if (s.help) return [...head, ...helpLines(o).flatMap((l) => (l ? wrapPlain(l, width) : ['']))].slice(0, height).map((l) => cutLine(l, width).line);
  const room = height - head.length - keys.length - error.length;
  // `s` opened the step up: the inspector takes the figures' place (inspect-layout.ts).
  if (s.inspect) return [...head, ...inspectBody(s.inspect, s.detail, f.done, { ...o, width }, room).slice(0, Math.max(0, room)), ...error, ...keys].map((l) => cutLine(l, width).line);

  const curves = (w: number, h: number) => renderCurves(curvesData(f), w, { ...fig, height: h });
  const grads = (w: number, h: number) => renderGradNorms(f.grads, w, { ...fig, height: h });

  let body: string[];
  if (roomy(width, height) && panels.length) {
    // The run's main figure (or the one Tab chose) beside the curves and gradients; more below where there is room.
    const pick = s.panel % panels.length;
    const rightW = Math.min(60, Math.floor((width - GAP) * 0.48));
    const leftW = width - GAP - rightW;
    const gradH = Math.min(f.grads.length + 3, Math.max(4, Math.floor(room * 0.35)));
    const curveH = Math.max(6, room - gradH);
    const right = [...curves(rightW, curveH).slice(0, curveH), ...grads(rightW, gradH).slice(0, gradH)];
    // The left column stacks the run's figures from the chosen one on: at 24 rows the first takes them all;
    // a tall terminal gives each about half, so two or three show at once.
    const cap = room < 30 ? room : Math.max(14, Math.floor(room / 2));
    const left: string[] = [];
    for (let k = 0; k < panels.length && room - left.length >= (k === 0 ? 1 : 6); k++) {
      left.push(...titled(panels[(pick + k) % panels.length], o, leftW, Math.min(cap, room - left.length)));
    }
    body = sideBySide([left.slice(0, room), right], GAP);
  } else {
    // Small: one panel at a time, all the room to it; Tab for the next.
    const all = allPanels(f, fig);
    const pick = s.panel % all.length;
    const p = all[pick];
    body = titled(p, o, width, room);
  }
  body = body.slice(0, Math.max(0, room));
  return [...head, ...body, ...error, ...keys].map((l) => cutLine(l, width).line);
}

