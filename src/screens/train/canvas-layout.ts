/**
 * The training screen while the draw-a-digit canvas is open: the canvas on
 * the left (28 columns × 14 lines, one character a pixel, two pixel rows a
 * line), and beside it the model's answer — the predicted digit, a bar per
 * class with its probability, and what its first layer makes of the drawing
 * (LeNet's feature maps, an MLP's hidden units). Training goes on behind: the
 * line on top says where it is. A tall terminal shows under the canvas the
 * drawing as the model gets it. Fits 80×24 and 60×15; pure, like layout.ts.
 */
import { msg, tr, type Lang } from '../../i18n/index.js';
import { fmtInt } from '../../i18n/numbers.js';
import type { Frame } from '../../training/loop/frame.js';
import { DRAW_SIDE, mnistLike } from '../../training/data/draw-preprocess.js';
import type { Prediction } from '../../training/tasks/digit-predict.js';
import { renderGreyImage, renderMapGrid } from '../../view/figures/index.js';
import { barString } from '../../view/figures/charts.js';
import { renderCanvas } from '../../view/figures/train-canvas.js';
import { padEnd, sideBySide, truncate } from '../../view/layout.js';
import type { Theme } from '../../view/style.js';
import { cutLine, fitParts } from '../lesson/fit.js';
import { BRUSHES, isBlank, type CanvasState } from './canvas.js';
import type { TrainLayoutOptions } from './layout-options.js';

const GAP = 2;
/** The canvas with its side frame: 28 pixels and a │ each side. */
const CANVAS_W = DRAW_SIDE + 2;
const CANVAS_H = DRAW_SIDE / 2;

/** Where the canvas is on the screen: its first pixel's cell (1-based, as the mouse reports cells), and what is shown around it. */
export interface CanvasGeometry {
  /** Screen row of the canvas's first line of pixels, and column of its first pixel. */
  top: number;
  left: number;
  /** A title line above (tall terminals). */
  title: boolean;
  /** ─ lines above and below the canvas. */
  framed: boolean;
}

function keyParts(lang: Lang, short: boolean): string[] {
  const L = (en: string, zh: string) => tr(lang, msg(en, zh));
  return short
    ? [L('arrows/hjkl move', '方向键/hjkl 移动'), L('space pen', '空格 落笔'), L('Esc back', 'Esc 返回'), L('x erase', 'x 擦'), L('c clear', 'c 清空'), L('+/- brush', '+/- 笔刷')]
    : [
        L('arrows/hjkl move', '方向键/hjkl 移动'),
        L('space/Enter pen up/down', '空格/回车 落笔/抬笔'),
        L('x eraser', 'x 橡皮'),
        L('c clear', 'c 清空'),
        L('+/- brush', '+/- 笔刷'),
        L('mouse: left draws, right erases', '鼠标：左键画，右键擦'),
        L('Esc/d back', 'Esc/d 返回'),
      ];
}

/** The keys under the canvas: all of them where they fit in two lines, else the short list (one line at 60 columns). */
function canvasKeys(width: number, height: number, lang: Lang): string[] {
  const full = fitParts(keyParts(lang, false), width);
  if (full.length <= 2 && height >= 18) return full;
  return fitParts(keyParts(lang, true), width).slice(0, height >= 18 ? 2 : 1);
}

export function canvasGeometry(width: number, height: number, lang: Lang): CanvasGeometry {
  const keys = canvasKeys(width, height, lang).length;
  const room = height - keys;
  const title = room >= CANVAS_H + 3;
  const framed = room - (title ? 1 : 0) >= CANVAS_H + 2;
  return { top: 1 + (title ? 1 : 0) + (framed ? 1 : 0), left: 2, title, framed };
}

/** The pixel under a mouse report's cell (1-based x, y): the cell's upper pixel row, or null off the canvas. */
export function pixelAt(g: CanvasGeometry, x: number, y: number): { row: number; col: number } | null {
  const col = x - g.left;
  const line = y - g.top;
  if (col < 0 || col >= DRAW_SIDE || line < 0 || line >= CANVAS_H) return null;
  return { row: line * 2, col };
}

function titleLine(f: Frame, c: CanvasState, o: TrainLayoutOptions): string {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const state = f.done ? L('training done', '训练完成') : f.paused ? L('training paused', '训练已暂停') : L('training goes on', '训练继续中');
  const parts = [
    o.theme.title(L('Draw a digit', '画一个数字')),
    o.theme.muted(f.info.model),
    L(`step ${fmtInt(f.stepsDone)}`, `第 ${fmtInt(f.stepsDone)} 步`),
    state,
    L(`brush ${BRUSHES[c.brush]}`, `笔刷 ${BRUSHES[c.brush]}`),
  ];
  return fitParts(parts, o.width)[0] ?? '';
}

/** The predicted class and how sure: "it is a 7 (93 %)". */
function verdict(p: Prediction, names: readonly string[], lang: Lang, th: Theme): string {
  const best = p.probs.reduce((b, v, i) => (v > p.probs[b] ? i : b), 0);
  const pct = `${Math.round(p.probs[best] * 100)} %`;
  const name = names[best] ?? String(best);
  return tr(lang, msg(`it is a ${th.accent(name)} (${pct})`, `它是 ${th.accent(name)}（${pct}）`));
}

/** A bar per class: "7 ███████···  93 %", in one column or two (where the height is short). */
function classBars(p: Prediction, names: readonly string[], width: number, columns: 1 | 2, th: Theme): string[] {
  const best = p.probs.reduce((b, v, i) => (v > p.probs[b] ? i : b), 0);
  const colW = columns === 1 ? width : Math.floor((width - GAP) / 2);
  const labelW = Math.max(1, ...names.map((n) => n.length));
  const cells = Math.max(3, Math.min(30, colW - labelW - 1 - 6));
  const rows = p.probs.map((v, i) => {
    const { fill, track } = barString(v, cells);
    const num = `${Math.round(v * 100)}`.padStart(3) + ' %';
    const bar = th.color ? (i === best ? th.chalk.green(fill) : th.chalk.cyan(fill)) : fill;
    return `${padEnd(truncate(names[i] ?? String(i), labelW), labelW)} ${bar}${th.muted(track)} ${i === best ? th.value(num) : num}`;
  });
  if (columns === 1) return rows;
  const half = Math.ceil(rows.length / 2);
  return sideBySide([rows.slice(0, half), rows.slice(half)], GAP);
}

/** The right-hand column: the answer, the bars, the first layer's maps as far as they fit. */
function answerLines(c: CanvasState, f: Frame, width: number, height: number, o: TrainLayoutOptions): string[] {
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const names = f.info.classNames ?? Array.from({ length: 10 }, (_, i) => String(i));
  if (isBlank(c)) {
    return [
      o.theme.value(L('Draw a digit on the left.', '在左边画一个数字。')),
      '',
      ...[
        L('Move the pen with the arrows or hjkl; space puts it down (it paints as it moves) or lifts it. Or draw with the mouse.', '用方向键或 hjkl 移动笔；空格落笔（移动时就会画）或抬笔。也可以用鼠标画。'),
        L('The model sees your drawing as MNIST’s digits were made: scaled to fit 20×20, its centre of mass at the centre.', '模型看到的画像 MNIST 的数字一样处理过：缩放到 20×20 以内，重心放在正中。'),
      ].flatMap((t) => fitParts(t.split(' '), width, ' ')),
    ].slice(0, height);
  }
  const p = c.prediction;
  if (!p) return [o.theme.muted(L('asking the model…', '正在问模型…'))];
  const head = [verdict(p, names, o.lang, o.theme)];
  // One column of bars only where the maps still get room for two rows of tiles below.
  const tall = height - 1 - 10 >= 16;
  const bars = classBars(p, names, width, tall ? 1 : 2, o.theme);
  const room = height - head.length - bars.length;
  const out = [...head, ...bars];
  if (room >= 5 && p.maps.count) {
    const label =
      p.maps.kind === 'conv'
        ? msg(`what the first conv layer sees`, `第一个卷积层看到的`)
        : msg(`first hidden layer: ${p.maps.count} units`, `第一隐藏层：${p.maps.count} 个单元`);
    // The maps shrink until every row of them fits (the grid fits one row of tiles to its height, not all).
    let grid: string[] = [];
    for (let h = room; h >= 4; h--) {
      grid = renderMapGrid({ side: p.maps.side, maps: p.maps.maps, label }, width, { level: o.level, lang: o.lang, height: h });
      if (grid.length <= room) break;
    }
    out.push(...grid.slice(0, room));
  }
  return out.slice(0, height);
}

/** The drawing as the model gets it: scaled to 20×20 and centred by its mass, as MNIST's digits were. */
function modelSees(c: CanvasState, o: TrainLayoutOptions): string[] {
  const label = o.theme.label(tr(o.lang, msg('what the model sees', '模型看到的')));
  const img = renderGreyImage({ pixels: mnistLike(c.pixels), side: DRAW_SIDE }, CANVAS_W, { level: o.level, lang: o.lang, height: CANVAS_H });
  return ['', label, ...img.map((l) => ' ' + l)];
}

export function canvasScreenLines(c: CanvasState, f: Frame, o: TrainLayoutOptions): string[] {
  const width = Math.max(20, o.width);
  const height = Math.max(8, o.height);
  const g = canvasGeometry(width, height, o.lang);
  const keys = canvasKeys(width, height, o.lang).map((l) => o.theme.muted(l));
  const mode = !c.down ? 'up' : c.eraser ? 'erase' : 'paint';
  const canvas = renderCanvas({ pixels: c.pixels, side: DRAW_SIDE, pen: { row: c.row, col: c.col, mode } }, { level: o.level, lang: o.lang, framed: g.framed });
  const room = height - keys.length - (g.title ? 1 : 0);
  const rightW = width - CANVAS_W - GAP;
  const right = rightW >= 16 ? answerLines(c, f, rightW, room, o) : [];
  // A tall terminal also shows, under the canvas, the drawing as the model gets it (made MNIST-like).
  const seen = room - canvas.length >= CANVAS_H + 2 && !isBlank(c) ? modelSees(c, o) : [];
  const body = sideBySide([[...canvas, ...seen], right], GAP).slice(0, room);
  while (body.length < room) body.push('');
  return [...(g.title ? [titleLine(f, c, { ...o, width })] : []), ...body, ...keys].map((l) => cutLine(l, width).line);
}
