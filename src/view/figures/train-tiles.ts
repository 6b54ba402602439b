/**
 * Rows of small heatmaps sharing one scale:
 *  - neuron tiles: each hidden unit's activation over the 2D grid (as the
 *    Playground's small squares), one row of tiles per layer;
 *  - map grids: a conv layer's filters or the feature maps of one digit.
 * Values with both signs use the blue–red scale around 0 (as heatmap.ts), others
 * the sequential one; without colour the shades " ░▒▓█" run from the scale's low
 * end to its high end (for weights: blank = most negative, █ = most positive).
 */
import { msg, tr } from '../../i18n/index.js';
import { fit, safeText, scaleLegend, tileCells, tileHeight, tileLines, tileRows, tileScale, tileWidth, themeOf, titleLine, widthOf } from './train-common.js';
import type { MapGrid, NeuronLayer, TrainFigOptions } from './train-types.js';
import type { Theme } from '../style.js';

const GAP = 2;

/** The most cells across a tile may have: the preferred size, shrunk to fit the width and the height. */
function tilePx(side: number, preferred: number, width: number, lines: number | undefined, th: Theme): number {
  let px = tileCells(side, preferred);
  while (px > 1 && (tileWidth(px, th) > width || (lines !== undefined && tileHeight(px, th) > lines))) px--;
  return px;
}

function tilesOf(maps: readonly ArrayLike<number>[], side: number, px: number, th: Theme, caption: (i: number) => string) {
  const scale = tileScale(maps);
  const tiles = maps.map((m, i) => ({ lines: tileLines(m, side, px, scale, th), caption: caption(i) }));
  return { scale, tiles };
}

/**
 * Each hidden layer as a title and a row of tiles (wrapped to the width), one
 * per unit, captioned with the unit's number; a scale legend per layer.
 * opts.height limits each tile's lines (default: 12 cells across with 256 colours, 8 without).
 */
export function renderNeuronTiles(layers: readonly NeuronLayer[], width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const out: string[] = [];
  if (!layers.length) return fit([th.muted(tr(opts.lang, msg('(no hidden neurons)', '（没有隐藏神经元）')))], w);
  const rich = opts.level >= 2;
  for (const layer of layers) {
    const res = Math.max(0, Math.floor(layer.res) || 0);
    const units = layer.units;
    out.push(titleLine(th, tr(opts.lang, msg(`${safeText(layer.layer)}: ${units.length} neurons`, `${safeText(layer.layer)}：${units.length} 个神经元`)), w));
    if (!res || !units.length) continue;
    const lines = opts.height !== undefined ? Math.max(1, Math.floor(opts.height) - 3) : undefined;
    const px = tilePx(res, rich ? 12 : 8, w, lines, th);
    const { scale, tiles } = tilesOf(units, res, px, th, (i) => String(i + 1));
    out.push(...tileRows(tiles, w, GAP));
    out.push(scaleLegend(scale, th));
  }
  return fit(out, w);
}

/**
 * A grid of small maps of one size (filters, feature maps) with a title, each
 * captioned with its number, and the shared scale. Maps of up to 14 cells a
 * side are drawn at full size where the width allows; bigger ones are shrunk
 * (block means) to 14 across, or to fit opts.height.
 */
export function renderMapGrid(grid: MapGrid, width: number, opts: TrainFigOptions): string[] {
  const w = widthOf(width);
  const th = themeOf(opts.level);
  const side = Math.max(0, Math.floor(grid.side) || 0);
  const count = grid.maps.length;
  const name = safeText(tr(opts.lang, grid.label ?? msg('maps', '图')));
  const out: string[] = [titleLine(th, `${name}  ${count} × ${side}×${side}`, w)];
  if (!side || !count) return fit(out, w);
  const lines = opts.height !== undefined ? Math.max(1, Math.floor(opts.height) - 3) : undefined;
  const px = tilePx(side, 14, w, lines, th);
  const { scale, tiles } = tilesOf(grid.maps, side, px, th, (i) => String(i + 1));
  out.push(...tileRows(tiles, w, GAP));
  out.push(scaleLegend(scale, th));
  if (px < side) out.push(th.muted(tr(opts.lang, msg(`shrunk to ${px}×${px} (block means)`, `缩小为 ${px}×${px}（块平均）`))));
  return fit(out, w);
}
