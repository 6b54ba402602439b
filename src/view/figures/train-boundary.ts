/**
 * The decision boundary of a 2D run (as TensorFlow Playground draws it): the
 * predicted class of every grid cell in its class colour, paler where the
 * model is unsure, with the training points (●) and test points (○) on top.
 *  - level 3: truecolor half blocks ▀, two grid rows per line (square cells);
 *  - level 2: the same in the nearest of the 256 colours;
 *  - level 1: the same in 16 colours (bright = sure, plain = unsure; hues repeat after 7 classes);
 *  - level 0 (NO_COLOR): two columns per cell, the class's character twice
 *    where the model is sure ("++") and once where it is not ("+ "), training
 *    points as their class digit, test points as a letter (a = class 0).
 * The grid is resampled (nearest cell) to fit the width and height.
 */
import { msg, tr } from '../../i18n/index.js';
import type { Theme } from '../style.js';
import { fit, mix, packItems, paint, resampleIndex, safeText, themeOf, widthOf } from './train-common.js';
import type { BoundaryData, PointsData, TrainFigOptions } from './train-types.js';
import type { RGB } from './util.js';

/**
 * Class colours: the Okabe–Ito palette (told apart with the common colour
 * blindnesses) — blue and orange first, as the Playground — then grey, brown, olive.
 */
export const CLASS_COLORS: readonly RGB[] = [
  [0, 114, 178],
  [230, 159, 0],
  [0, 158, 115],
  [213, 94, 0],
  [204, 121, 167],
  [86, 180, 233],
  [240, 228, 66],
  [153, 153, 153],
  [140, 86, 75],
  [188, 189, 34],
];
/** 16-colour hues in the same order as far as they go. */
const CLASS_16 = ['blue', 'yellow', 'green', 'red', 'magenta', 'cyan', 'white'] as const;
/** NO_COLOR: one character per class (digits and a–j are the points'). */
export const CLASS_GLYPHS = ['.', '+', 'o', 'x', '=', '~', '*', '#', '%', '^'] as const;

/** Where the model is this sure or more (on 0 = chance … 1 = certain) the cell counts as "sure". */
const SURE = 0.5;
const BACKDROP: RGB = [28, 28, 28];
const UNKNOWN: RGB = [110, 110, 110];

export interface BoundaryFigure {
  boundary: BoundaryData;
  points?: PointsData;
  /** What each class stands for (default its index). */
  classNames?: readonly string[];
}

/** Confidence rescaled so that chance (1/classes) is 0 and certainty 1. */
export function sureness(conf: number, classes: number): number {
  if (!Number.isFinite(conf)) return 0;
  const k = Math.max(2, classes);
  return Math.max(0, Math.min(1, (conf - 1 / k) / (1 - 1 / k)));
}

const classOk = (k: number, classes: number) => Number.isInteger(k) && k >= 0 && k < Math.min(classes, CLASS_COLORS.length);

/** A region's colour: the class colour over the backdrop, stronger where the model is surer. */
export function regionColor(k: number, t: number, classes: number): RGB {
  if (!classOk(k, classes)) return UNKNOWN;
  return mix(BACKDROP, CLASS_COLORS[k], 0.2 + 0.55 * t);
}

function paint16(th: Theme, k: number, t: number, classes: number, bg: boolean): (s: string) => string {
  const hue = classOk(k, classes) ? CLASS_16[k % CLASS_16.length] : 'gray';
  const bright = t >= SURE && hue !== 'gray';
  const base = bg ? `bg${hue[0].toUpperCase()}${hue.slice(1)}` : hue;
  const name = (bright ? `${base}Bright` : base) as 'blue';
  return th.chalk[name];
}

interface Mark {
  k: number;
  test: boolean;
}

/** Draws the boundary, its points and a legend in at most `width` columns and opts.height lines (default 18). */
export function renderBoundary(fig: BoundaryFigure, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lang = opts.lang;
  const { boundary: b } = fig;
  const classes = Math.max(1, Math.floor(b.classes) || 1);
  const res = Math.max(0, Math.floor(b.res) || 0);
  const legend = legendLines(fig, classes, w, opts.level, th, lang);
  if (res === 0 || b.predicted.length < res * res) return fit([th.muted(tr(lang, msg('(no boundary yet)', '（还没有决策边界）'))), ...legend], w);
  const height = Math.max(2, Math.floor(opts.height ?? 18));
  const mapLines = Math.max(1, height - legend.length);
  const colour = opts.level > 0;
  // Square cells: a half block is one column by half a line, a NO_COLOR cell two columns by a line.
  const n = Math.max(1, colour ? Math.min(w, 2 * mapLines) : Math.min(Math.floor(w / 2), mapLines));
  const idx = resampleIndex(res, n);
  const cls = (i: number, j: number) => Number(b.predicted[idx[i] * res + idx[j]]);
  const sure = (i: number, j: number) => sureness(Number(b.confidence[idx[i] * res + idx[j]]), classes);

  // Points on the resampled grid; test points are drawn last (on top).
  const marks = new Map<number, Mark>();
  const place = (set: PointsData['train'] | undefined, test: boolean) => {
    if (!set) return;
    const count = Math.min(Math.floor(set.xy.length / 2), set.labels.length);
    for (let p = 0; p < count; p++) {
      const x = Number(set.xy[2 * p]);
      const y = Number(set.xy[2 * p + 1]);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      const j = Math.max(0, Math.min(n - 1, Math.floor(((x + 1) / 2) * n)));
      const i = Math.max(0, Math.min(n - 1, Math.floor(((1 - y) / 2) * n)));
      marks.set(i * n + j, { k: Number(set.labels[p]), test });
    }
  };
  place(fig.points?.train, false);
  place(fig.points?.test, true);

  const out: string[] = [];
  if (!colour) {
    for (let i = 0; i < n; i++) {
      let line = '';
      for (let j = 0; j < n; j++) {
        const m = marks.get(i * n + j);
        if (m) {
          line += pointGlyph(m, classes) + ' ';
          continue;
        }
        const k = cls(i, j);
        const g = classOk(k, classes) ? CLASS_GLYPHS[k] : '?';
        line += sure(i, j) >= SURE ? g + g : g + ' ';
      }
      out.push(line.trimEnd());
    }
  } else {
    for (let i = 0; i < n; i += 2) {
      let line = '';
      for (let j = 0; j < n; j++) {
        const m = marks.get(i * n + j) ?? (i + 1 < n ? marks.get((i + 1) * n + j) : undefined);
        if (m) {
          const glyph = m.test ? '○' : '●';
          const c = classOk(m.k, classes) ? CLASS_COLORS[m.k] : UNKNOWN;
          line += opts.level === 1 ? paint16(th, m.k, 1, classes, false)(th.chalk.bgBlack(glyph)) : paint(th, mix(c, [255, 255, 255], 0.15), BACKDROP, glyph);
          continue;
        }
        const top = cls(i, j);
        const ts = sure(i, j);
        const hasBottom = i + 1 < n;
        if (opts.level === 1) {
          const f = paint16(th, top, ts, classes, false);
          line += hasBottom ? f(paint16(th, cls(i + 1, j), sure(i + 1, j), classes, true)('▀')) : f('▀');
        } else {
          line += paint(th, regionColor(top, ts, classes), hasBottom ? regionColor(cls(i + 1, j), sure(i + 1, j), classes) : null, '▀');
        }
      }
      out.push(line);
    }
  }
  return fit([...out, ...legend], w);
}

function pointGlyph(m: Mark, classes: number): string {
  if (!classOk(m.k, classes)) return '?';
  return m.test ? String.fromCharCode(97 + m.k) : String(m.k);
}

function legendLines(fig: BoundaryFigure, classes: number, w: number, level: number, th: Theme, lang: TrainFigOptions['lang']): string[] {
  const shown = Math.min(classes, CLASS_COLORS.length);
  const name = (k: number) => safeText(fig.classNames?.[k] ?? k);
  const items: string[] = [];
  if (level === 0) {
    for (let k = 0; k < shown; k++) items.push(`${CLASS_GLYPHS[k]}${CLASS_GLYPHS[k]} ${name(k)}`);
    const last = shown - 1;
    const digits = last > 0 ? `0–${last}` : '0';
    const letters = last > 0 ? `a–${String.fromCharCode(97 + last)}` : 'a';
    items.push(tr(lang, msg(`points: ${digits} train, ${letters} test`, `点：${digits} 训练，${letters} 测试`)));
    items.push(tr(lang, msg('doubled = sure, single = unsure', '双字符 = 有把握，单字符 = 没把握')));
  } else {
    // At 16 colours the legend shows the hue the map uses (chalk's own mapping of the RGB could differ).
    for (let k = 0; k < shown; k++) items.push((level === 1 ? paint16(th, k, 1, classes, false)('■') : paint(th, CLASS_COLORS[k], null, '■')) + ' ' + name(k));
    items.push(tr(lang, msg('● train  ○ test', '● 训练  ○ 测试')));
    items.push(th.muted(tr(lang, msg('pale = unsure', '浅色 = 没把握'))));
  }
  if (classes > CLASS_COLORS.length) items.push(th.warn(tr(lang, msg(`classes ${CLASS_COLORS.length}+ shown as ?`, `第 ${CLASS_COLORS.length} 类起显示为 ?`))));
  return packItems(items, w);
}
