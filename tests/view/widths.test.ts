/**
 * Every view, at widths 40, 80 and 120, with random sizes and nasty values
 * (NaN, ±∞, huge, tiny, shapes up to 224×224), never draws a line wider than
 * the width, and under NO_COLOR never emits an escape code.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/index.js';
import { renderBlocks } from '../../src/view/render-text.js';
import type { Theme } from '../../src/view/style.js';
import { renderBars, renderChart, renderSparkline } from '../../src/view/figures/charts.js';
import { renderHeatmap } from '../../src/view/figures/heatmap.js';
import { renderVisual } from '../../src/view/figures/index.js';
import { renderMatrix } from '../../src/view/figures/matrix.js';
import type { ViewOptions, VisualBlock } from '../../src/view/figures/types.js';
import { renderVolumes } from '../../src/view/figures/volumes.js';
import { ANSI, color, color16, nasty, plain, tensorArb, tooWide, WIDTHS } from './helpers.js';

const text = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom('x', 'input', '输入', '深度切片', 'The', 'attention weights', '非常长的标签非常长的标签非常长的标签非常长的标签', 'a'.repeat(150)),
);
const label = fc.oneof(text, fc.record({ en: text, zh: text }));
const lang = fc.constantFrom<Lang>('en', 'zh');
const theme = fc.constantFrom<Theme>(plain, color, color16);
const width = fc.constantFrom(...WIDTHS);

const tensor = fc.oneof(
  tensorArb({ min: 0, max: 2 }, 224),
  tensorArb({ min: 1, max: 1 }, 224).map((t) => ({ shape: [3, t.shape[0], 224], data: new Float64Array(3 * t.shape[0] * 224).map((_, i) => t.data[i % t.data.length]) })),
  tensorArb({ min: 3, max: 3 }, 20),
  tensorArb({ min: 4, max: 4 }, 9),
);

const matrix = fc.record({
  kind: fc.constant('matrix' as const),
  label: fc.option(label, { nil: undefined }),
  tensor,
  layout: fc.option(fc.constantFrom('CHW' as const, 'HWC' as const, 'TF' as const, 'HW' as const), { nil: undefined }),
  precision: fc.option(fc.integer({ min: -2, max: 12 }), { nil: undefined }),
  highlight: fc.option(
    fc.record({
      cells: fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })), { maxLength: 9 }),
      style: fc.constantFrom('box' as const, 'star' as const),
    }),
    { nil: undefined },
  ),
  maxRows: fc.option(fc.integer({ min: 1, max: 30 }), { nil: undefined }),
});

const heatmap = fc.record({
  kind: fc.constant('heatmap' as const),
  label: fc.option(label, { nil: undefined }),
  tensor: fc.oneof(tensorArb({ min: 1, max: 2 }, 224), tensorArb({ min: 3, max: 3 }, 16)),
  rowLabels: fc.option(fc.array(text, { maxLength: 30 }), { nil: undefined }),
  colLabels: fc.option(fc.array(text, { maxLength: 30 }), { nil: undefined }),
  min: fc.option(nasty, { nil: undefined }),
  max: fc.option(nasty, { nil: undefined }),
});

const volumes = fc.record({
  kind: fc.constant('volumes' as const),
  label: fc.option(label, { nil: undefined }),
  items: fc.array(
    fc.record({
      width: fc.oneof(fc.integer({ min: 1, max: 100000 }), fc.constantFrom(Number.NaN, 0)),
      height: fc.integer({ min: 1, max: 100000 }),
      depth: fc.integer({ min: 1, max: 100000 }),
      label: fc.option(label, { nil: undefined }),
      op: fc.option(label, { nil: undefined }),
    }),
    { maxLength: 7 },
  ),
});

const bars = fc.record({
  kind: fc.constant('bars' as const),
  label: fc.option(label, { nil: undefined }),
  items: fc.array(fc.record({ label, value: nasty }), { maxLength: 10 }),
  min: fc.option(nasty, { nil: undefined }),
  max: fc.option(nasty, { nil: undefined }),
  precision: fc.option(fc.integer({ min: 0, max: 10 }), { nil: undefined }),
});

const sparkline = fc.record({
  kind: fc.constant('sparkline' as const),
  label: fc.option(label, { nil: undefined }),
  values: fc.array(nasty, { maxLength: 300 }),
  log: fc.boolean(),
});

const chart = fc.record({
  kind: fc.constant('chart' as const),
  label: fc.option(label, { nil: undefined }),
  series: fc.array(fc.record({ label, values: fc.array(nasty, { maxLength: 200 }) }), { maxLength: 5 }),
  log: fc.boolean(),
  height: fc.option(fc.integer({ min: 0, max: 60 }), { nil: undefined }),
  xStart: fc.option(fc.oneof(fc.integer({ min: -100, max: 100 }), fc.double({ min: -1e6, max: 1e6, noNaN: true })), { nil: undefined }),
  xStep: fc.option(fc.oneof(fc.integer({ min: 1, max: 1000 }), fc.double({ min: 1e-3, max: 1e3, noNaN: true })), { nil: undefined }),
  xLabel: fc.option(label, { nil: undefined }),
  yLabel: fc.option(label, { nil: undefined }),
});

/** NNLEARN_FUZZ=10 runs ten times as many cases. */
const SCALE = Math.max(1, Number(process.env.NNLEARN_FUZZ ?? 1) || 1);

function check(lines: string[], o: ViewOptions): void {
  expect(tooWide(lines, o.width)).toEqual([]);
  if (!o.theme.color) expect(lines.filter((l) => ANSI.test(l))).toEqual([]);
}

const cases: [string, fc.Arbitrary<VisualBlock>, (b: never, o: ViewOptions) => string[], number][] = [
  ['matrix', matrix, renderMatrix, 150],
  ['heatmap', heatmap, renderHeatmap, 150],
  ['volumes', volumes, renderVolumes, 200],
  ['bars', bars, renderBars, 200],
  ['sparkline', sparkline, renderSparkline, 200],
  ['chart', chart, renderChart, 200],
];

describe('no view ever draws past the width', () => {
  for (const [name, arb, render, runs] of cases) {
    it(`${name} fits 40, 80 and 120 columns (and has no escapes under NO_COLOR)`, () => {
      fc.assert(
        fc.property(arb, width, theme, lang, (b, w, th, l) => {
          const o = { lang: l, width: w, theme: th };
          check(render(b as never, o), o);
        }),
        { numRuns: runs * SCALE },
      );
    }, 30000 * SCALE);
  }

  it('through renderBlocks too (the text renderer hands every visual block to renderVisual)', () => {
    fc.assert(
      fc.property(fc.oneof(matrix, heatmap, volumes, bars, sparkline, chart), width, lang, (b, w, l) => {
        const lines = renderBlocks([b as VisualBlock], { lang: l, width: w, theme: plain });
        expect(lines.length).toBeGreaterThan(0);
        check(lines, { lang: l, width: w, theme: plain });
        expect(renderVisual(b as VisualBlock, { lang: l, width: w, theme: plain })).toEqual(lines);
      }),
      { numRuns: 100 * SCALE },
    );
  }, 30000 * SCALE);
});
