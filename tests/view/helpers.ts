import fc from 'fast-check';
import stringWidth from 'string-width';
import type { Lang } from '../../src/i18n/index.js';
import { makeTheme } from '../../src/view/style.js';
import type { ViewOptions } from '../../src/view/figures/types.js';

export const plain = makeTheme(0);
export const color = makeTheme(3);
export const color16 = makeTheme(1);
export const WIDTHS = [40, 80, 120] as const;

export const opts = (width: number, theme = plain, lang: Lang = 'en'): ViewOptions => ({ lang, width, theme });

export const ANSI = /\u001b\[/;

export function maxWidth(lines: readonly string[]): number {
  return Math.max(0, ...lines.map((l) => stringWidth(l)));
}

/** Lines wider than `width`, for a readable failure message. */
export function tooWide(lines: readonly string[], width: number): string[] {
  return lines.filter((l) => stringWidth(l) > width).map((l) => `${stringWidth(l)}: ${JSON.stringify(l)}`);
}

/** Values that break naive formatting: NaN, ±∞, huge, tiny, -0. */
export const nasty = fc.oneof(
  fc.double(),
  fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e300, -1e300, 1e-300, -1e-12, 3.4e38, -0, 0, 123456789, -0.004999),
  fc.integer({ min: -1000, max: 1000 }),
  fc.double({ min: -10, max: 10, noNaN: true }),
);

/**
 * A tensor of a random shape (each side up to `maxSide`) filled from a small
 * random pool of values, so 224×224×3 stays cheap to generate.
 */
export function tensorArb(rank: { min: number; max: number }, maxSide: number) {
  return fc
    .record({
      shape: fc.array(fc.integer({ min: 1, max: maxSide }), { minLength: rank.min, maxLength: rank.max }),
      pool: fc.array(nasty, { minLength: 1, maxLength: 12 }),
      seed: fc.integer({ min: 0, max: 1 << 20 }),
    })
    .map(({ shape, pool, seed }) => {
      const size = shape.reduce((a, b) => a * b, 1);
      const data = new Float64Array(size);
      for (let i = 0; i < size; i++) data[i] = pool[((i * 2654435761 + seed) >>> 0) % pool.length];
      return { shape, data };
    });
}

/** Parses the numbers of a line ("nan", "inf", "-inf", 1e-9, …), ignoring [ ] * markers. */
export function numbersIn(line: string): number[] {
  return (line.replace(/[[\]*]/g, ' ').match(/-?inf|nan|-?\d+(\.\d+)?(e-?\d+)?/g) ?? []).map((t) =>
    t === 'nan' ? Number.NaN : t === 'inf' ? Infinity : t === '-inf' ? -Infinity : Number(t),
  );
}
