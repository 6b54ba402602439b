/**
 * Grey images (the digits, the draw-a-digit canvas) as text:
 *  - with colour: half blocks ▀, the top pixel's grey as the foreground and the
 *    bottom one's as the background — one column by two pixel rows a character,
 *    so a 28×28 digit takes 28 columns and 14 lines;
 *  - NO_COLOR: the shades " ░▒▓█" (black … white), two columns a pixel so the
 *    image is not squashed, shrunk (area means) to fit.
 * And a row of images with captions, such as the test digits a model gets wrong: "7 → 1 (83 %)";
 * the draw-a-digit canvas is one image with its pen (cursor) marked.
 */
import { msg, tr } from '../../i18n/index.js';
import { padEnd, sw, truncate } from '../layout.js';
import type { Theme } from '../style.js';
import { SHADES } from './heatmap.js';
import { fit, paint, resampleMean, safeText, themeOf, widthOf } from './train-common.js';
import type { GreyImage, TrainFigOptions, WrongDigit } from './train-types.js';
import type { RGB } from './util.js';

/** A pixel as 0…255 (NaN → 0, out of range clamped). */
const grey = (v: number) => (Number.isFinite(v) ? Math.max(0, Math.min(255, v)) : Number.isNaN(v) ? 0 : v > 0 ? 255 : 0);

/** Shade character of a grey level: ' ' black … '█' white. */
export function greyShade(v: number): string {
  return SHADES[Math.min(4, Math.floor((grey(v) / 256) * 5))];
}

/** Pixels across an image of `side` pixels drawn in at most `width` columns and `lines` lines (never enlarged). */
export function imageCells(side: number, width: number, lines: number, level: number): number {
  const s = Math.max(0, Math.floor(side) || 0);
  if (level > 0) return Math.max(1, Math.min(s, width, 2 * lines));
  return Math.max(1, Math.min(s, Math.floor(width / 2), lines));
}

/** The pen of the draw-a-digit canvas: a pixel shown in red (with colour) or as [] (without). */
export interface Cursor {
  row: number;
  col: number;
}

const PEN: RGB = [255, 70, 70];

function imageLines(img: GreyImage, n: number, th: Theme, cursor?: Cursor): string[] {
  const side = Math.max(0, Math.floor(img.side) || 0);
  if (!side) return [];
  const src = Float64Array.from({ length: side * side }, (_, i) => grey(Number(img.pixels[i])));
  const px = n === side ? src : resampleMean(src, side, side, n, n);
  // The cursor's cell on the drawn (maybe shrunk) grid; -1 when there is none or it is outside.
  const inside = cursor && Number.isFinite(cursor.row) && Number.isFinite(cursor.col) && cursor.row >= 0 && cursor.col >= 0 && cursor.row < side && cursor.col < side;
  const pen = inside ? Math.floor((cursor.row * n) / side) * n + Math.floor((cursor.col * n) / side) : -1;
  const colourOf = (i: number): RGB => (i === pen ? PEN : [Math.round(px[i]), Math.round(px[i]), Math.round(px[i])]);
  const out: string[] = [];
  if (th.color) {
    for (let r = 0; r < n; r += 2) {
      let line = '';
      for (let c = 0; c < n; c++) line += paint(th, colourOf(r * n + c), r + 1 < n ? colourOf((r + 1) * n + c) : null, '▀');
      out.push(line);
    }
    return out;
  }
  for (let r = 0; r < n; r++) {
    let line = '';
    for (let c = 0; c < n; c++) line += r * n + c === pen ? '[]' : greyShade(px[r * n + c]).repeat(2);
    out.push(line);
  }
  return out;
}

/**
 * One grey image in at most `width` columns and opts.height lines (default 14:
 * a 28×28 digit whole with colour, halved without). `cursor` marks the pen of
 * the draw-a-digit canvas (row, col in image pixels).
 */
export function renderGreyImage(img: GreyImage & { cursor?: Cursor }, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const lines = Math.max(1, Math.floor(opts.height ?? 14));
  return fit(imageLines(img, imageCells(img.side, w, lines, opts.level), th, img.cursor), w);
}

export interface CaptionedImage extends GreyImage {
  caption: string;
}

/** "7 → 1 (83 %)": the true class, the predicted one, and how sure the model was. */
export function wrongCaption(d: Pick<WrongDigit, 'label' | 'predicted' | 'confidence'>, classNames?: readonly string[]): string {
  const name = (k: number) => safeText(classNames?.[k] ?? k);
  const p = Number.isFinite(d.confidence) ? `${Math.round(Math.max(0, Math.min(1, d.confidence)) * 100)} %` : '?';
  return `${name(d.label)} → ${name(d.predicted)} (${p})`;
}

/**
 * Images side by side with their captions beneath, wrapped to the width.
 * opts.height is the lines each image may take (default 14 with colour, 10 without: 10 pixels two columns each).
 */
export function renderImageRow(items: readonly CaptionedImage[], width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  if (!items.length) return [];
  const lines = Math.max(1, Math.floor(opts.height ?? (opts.level > 0 ? 14 : 10)));
  const gap = 2;
  const tiles = items.map((it) => {
    const n = imageCells(it.side, w, lines, opts.level);
    const body = imageLines(it, n, th);
    const imgW = opts.level > 0 ? n : 2 * n;
    const cap = truncate(safeText(it.caption), w);
    return { body, cap, colW: Math.max(imgW, sw(cap)) };
  });
  const out: string[] = [];
  let i = 0;
  while (i < tiles.length) {
    const band = [tiles[i]];
    let used = tiles[i].colW;
    while (i + band.length < tiles.length && used + gap + tiles[i + band.length].colW <= w) {
      used += gap + tiles[i + band.length].colW;
      band.push(tiles[i + band.length]);
    }
    const h = Math.max(...band.map((t) => t.body.length));
    for (let r = 0; r < h; r++) out.push(band.map((t) => padEnd(t.body[r] ?? '', t.colW)).join(' '.repeat(gap)).trimEnd());
    out.push(band.map((t) => th.label(padEnd(t.cap, t.colW))).join(' '.repeat(gap)).trimEnd());
    i += band.length;
  }
  return fit(out, w);
}

/** The test digits the model gets wrong, captioned "true → predicted (confidence)", under a title. */
export function renderWrongDigits(wrong: readonly WrongDigit[], width: number, opts: TrainFigOptions & { classNames?: readonly string[] }): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const title = th.value(truncate(tr(opts.lang, msg('wrong: true → predicted (confidence)', '认错的：真实 → 预测（把握）')), w));
  if (!wrong.length) return fit([title, th.muted(tr(opts.lang, msg('(none wrong)', '（没有认错的）')))], w);
  const items = wrong.map((d) => ({ pixels: d.pixels, side: d.side, caption: wrongCaption(d, opts.classNames) }));
  return fit([title, ...renderImageRow(items, w, opts)], w);
}
