/**
 * The picture views: each visual block kind has a pure renderer
 * (block + options → lines of text no wider than opts.width).
 */
import { renderBars, renderChart, renderSparkline } from './charts.js';
import { renderHeatmap } from './heatmap.js';
import { renderMatrix } from './matrix.js';
import type { ViewOptions, VisualBlock } from './types.js';
import { renderVolumes } from './volumes.js';
import { clipLine } from '../layout.js';

export type * from './types.js';
export { renderBars, renderChart, renderSparkline, sparkChars, yScale, rowOf, decadeLabel, niceStep } from './charts.js';
export { renderHeatmap, downsample, shadeLevel, SHADES } from './heatmap.js';
export { renderMatrix, matrixGeometry, keepIndices } from './matrix.js';
export { renderVolumes, sketchBox, boxSize } from './volumes.js';

// The training screen's figures: (data, width, { level, lang, height? }) → lines no wider than width.
export type * from './train-types.js';
export { renderBoundary, sureness, regionColor, CLASS_COLORS, CLASS_GLYPHS, type BoundaryFigure } from './train-boundary.js';
export { renderNeuronTiles, renderMapGrid } from './train-tiles.js';
export { renderCurves, lossAxis, LOG_RATIO } from './train-curves.js';
export { renderGradNorms, gradVerdict, gradDecades, EXPLODE_NORM, VANISH_RATIO, type GradVerdict, type GradVerdictKind } from './train-grads.js';
export { renderGreyImage, renderImageRow, renderWrongDigits, wrongCaption, greyShade, type CaptionedImage, type Cursor } from './train-images.js';
export { renderConfusion } from './train-confusion.js';
export { renderSample } from './train-text.js';
export { renderGates, renderAttention, renderPerPosition, tokenLabel } from './train-sequence.js';
export { nearest256 } from './train-common.js';

function draw(b: VisualBlock, opts: ViewOptions): string[] {
  switch (b.kind) {
    case 'matrix':
      return renderMatrix(b, opts);
    case 'heatmap':
      return renderHeatmap(b, opts);
    case 'volumes':
      return renderVolumes(b, opts);
    case 'bars':
      return renderBars(b, opts);
    case 'sparkline':
      return renderSparkline(b, opts);
    case 'chart':
      return renderChart(b, opts);
    default: {
      const never: never = b;
      return [`(unknown block ${(never as { kind?: string }).kind ?? '?'})`];
    }
  }
}

/** Draws one visual block as lines of text no wider than opts.width. */
export function renderVisual(b: VisualBlock, opts: ViewOptions): string[] {
  // The views lay themselves out to fit; clipping only guarantees it.
  return draw(b, opts).map((l) => clipLine(l, Math.max(1, opts.width)));
}
