/**
 * Every training figure, at widths 30/60/80/120, in both languages and at
 * every colour level, keeps within the width; level 0 (NO_COLOR) never emits
 * an escape code, and the colour levels emit their own kind of code (24-bit,
 * 256 or 16 colours). Random inputs with NaN, ±∞ and odd sizes never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/index.js';
import {
  renderAttention,
  renderBoundary,
  renderConfusion,
  renderCurves,
  renderGates,
  renderGradNorms,
  renderGreyImage,
  renderImageRow,
  renderMapGrid,
  renderNeuronTiles,
  renderPerPosition,
  renderSample,
} from '../../src/view/figures/index.js';
import type { TrainFigOptions } from '../../src/view/figures/train-types.js';
import { ANSI, nasty, tooWide } from './helpers.js';
import { FIGURES } from './train-samples.js';

const WIDTHS = [30, 60, 80, 120] as const;
const LEVELS = [0, 1, 2, 3] as const;
const TRUECOLOR = /\u001b\[(?:38|48);2;/;
const ANSI256 = /\u001b\[(?:38|48);5;/;

describe('training figures fit the width', () => {
  for (const f of FIGURES) {
    it(`${f.name}: no line wider than 30/60/80/120 columns, en and zh, levels 0–3`, () => {
      for (const width of WIDTHS) {
        for (const lang of ['en', 'zh'] as Lang[]) {
          for (const level of LEVELS) {
            const lines = f.draw(width, { level, lang });
            expect(lines.length, `${f.name} ${width} ${lang} ${level}`).toBeGreaterThan(0);
            expect(tooWide(lines, width), `${f.name} ${width} ${lang} level ${level}`).toEqual([]);
          }
        }
      }
    });
  }
});

describe('colour levels', () => {
  for (const f of FIGURES) {
    it(`${f.name}: level 0 has no escape codes; 3 truecolor, 2 256 colours, 1 neither`, () => {
      expect(f.draw(80, { level: 0, lang: 'en' }).join('\n')).not.toMatch(ANSI);
      const l3 = f.draw(80, { level: 3, lang: 'en' }).join('\n');
      const l2 = f.draw(80, { level: 2, lang: 'en' }).join('\n');
      const l1 = f.draw(80, { level: 1, lang: 'en' }).join('\n');
      expect(l3).toMatch(ANSI);
      expect(l2).not.toMatch(TRUECOLOR);
      expect(l1).toMatch(ANSI);
      expect(l1).not.toMatch(TRUECOLOR);
      expect(l1).not.toMatch(ANSI256);
    });
  }

  it('the pictures themselves use 24-bit colour at level 3 and the 256 palette at level 2', () => {
    for (const name of ['boundary', 'neurons', 'grey image', 'filters', 'feature maps', 'gates']) {
      const f = FIGURES.find((x) => x.name === name)!;
      expect(f.draw(80, { level: 3, lang: 'en' }).join('\n'), name).toMatch(TRUECOLOR);
      expect(f.draw(80, { level: 2, lang: 'en' }).join('\n'), name).toMatch(ANSI256);
    }
  });
});

// ---------------------------------------------------------------------------
// Random inputs

const level = fc.constantFrom<0 | 1 | 2 | 3>(0, 1, 2, 3);
const lang = fc.constantFrom<Lang>('en', 'zh');
const width = fc.oneof(fc.constantFrom(...WIDTHS), fc.integer({ min: 1, max: 140 }));
const height = fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined });
const optsArb = fc.record({ level, lang, height }) as fc.Arbitrary<TrainFigOptions>;
const vals = (max: number) => fc.array(nasty, { maxLength: max });
const text = fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom('中文', '\u001b[2J', 'a\tb\nc', '\u202e', ' '));

/** Checks a figure on random inputs: it returns lines, none wider than the width, and no escape at level 0. */
function holds<T>(arb: fc.Arbitrary<T>, draw: (d: T, w: number, o: TrainFigOptions) => string[]) {
  fc.assert(
    fc.property(arb, width, optsArb, (d, w, o) => {
      const lines = draw(d, w, o);
      expect(tooWide(lines, w)).toEqual([]);
      if (o.level === 0) expect(lines.join('\n')).not.toMatch(ANSI);
    }),
    { numRuns: 60 },
  );
}

describe('random and non-finite inputs never throw and keep within the width', () => {
  it('boundary', () => {
    const arb = fc.record({
      res: fc.integer({ min: 0, max: 30 }),
      classes: fc.integer({ min: 0, max: 14 }),
      pred: fc.array(fc.integer({ min: -1, max: 15 }), { maxLength: 900 }),
      conf: vals(900),
      xy: vals(20),
      labels: fc.array(fc.integer({ min: -1, max: 15 }), { maxLength: 10 }),
    });
    holds(arb, (d, w, o) =>
      renderBoundary(
        {
          boundary: { res: d.res, classes: d.classes, predicted: Array.from({ length: d.res * d.res }, (_, i) => d.pred[i % Math.max(1, d.pred.length)] ?? 0), confidence: d.conf },
          points: { train: { xy: d.xy, labels: d.labels }, test: { xy: d.xy.slice(2), labels: d.labels } },
        },
        w,
        o,
      ),
    );
  });

  it('neuron tiles and map grids', () => {
    const arb = fc.record({ side: fc.integer({ min: 0, max: 30 }), maps: fc.array(vals(40), { maxLength: 9 }), label: text });
    holds(arb, (d, w, o) => renderNeuronTiles([{ layer: d.label, res: d.side, units: d.maps }], w, o));
    holds(arb, (d, w, o) => renderMapGrid({ side: d.side, maps: d.maps, label: d.label }, w, o));
  });

  it('curves', () => {
    const row = fc.record({ epoch: fc.nat(), step: nasty, loss: nasty, accuracy: nasty, test_loss: nasty, test_accuracy: nasty });
    const arb = fc.record({ history: fc.array(row, { maxLength: 8 }), stepLosses: vals(200), stepsDone: fc.option(nasty, { nil: undefined }) });
    holds(arb, (d, w, o) => renderCurves(d, w, o));
  });

  it('gradient norms', () => {
    holds(fc.array(fc.record({ layer: text, norm: nasty }), { maxLength: 8 }), (d, w, o) => renderGradNorms(d, w, o));
  });

  it('grey images and a row of them', () => {
    const img = fc.record({ side: fc.integer({ min: 0, max: 40 }), pixels: vals(200), caption: text });
    holds(img, (d, w, o) => renderGreyImage(d, w, o));
    holds(fc.array(img, { maxLength: 6 }), (d, w, o) => renderImageRow(d, w, o));
  });

  it('confusion matrix', () => {
    const arb = fc.record({ classNames: fc.array(text, { maxLength: 12 }), counts: fc.array(vals(12), { maxLength: 12 }) });
    holds(arb, (d, w, o) => renderConfusion(d, w, o));
  });

  it('text sample', () => {
    holds(fc.record({ prompt: text, text: fc.oneof(text, fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 })) }), (d, w, o) => renderSample(d, w, o));
  });

  it('gates, attention and accuracy per position', () => {
    const tokens = fc.array(text, { maxLength: 40 });
    holds(fc.record({ tokens, values: fc.array(vals(40), { maxLength: 3 }) }), (d, w, o) =>
      renderGates({ tokens: d.tokens, gates: d.values.map((values, i) => ({ name: (['input', 'forget', 'output'] as const)[i], values })) }, w, o),
    );
    holds(fc.record({ tokens, heads: fc.array(vals(200), { maxLength: 3 }) }), (d, w, o) => renderAttention(d, w, o));
    holds(vals(80), (d, w, o) => renderPerPosition(d, w, o));
  });
});
