/**
 * A live formula prints "formula with the student's numbers = result". That
 * line must be true as printed: evaluating the printed left side (with mathjs)
 * gives the printed result to the precision it is shown with. (α = 0.0001 once
 * printed as 0, so "b = 10 / (2 + 0·200)^0.75 = 5.94…" did not add up.)
 */
import fc from 'fast-check';
import { create, all } from 'mathjs';
import { describe, expect, it } from 'vitest';
import { LESSONS } from '../../src/lessons/all.js';
import { fmtFormulaInput, fmtFormulaNumber } from '../../src/lessons/formula.js';
import { stepBlocks } from '../../src/lessons/render.js';
import type { FormulaVar, LiveFormula, Step } from '../../src/lessons/types.js';
import { makeTheme } from '../../src/view/style.js';

const math = create(all);
const SUP = '⁻⁰¹²³⁴⁵⁶⁷⁸⁹';
const PLAIN = '-0123456789';

/** The printed notation as mathjs syntax: 2·(−1) → 2*(-1), √9 → sqrt(9), 10⁻⁵ → 10^(-5), 1,216 → 1216, σ → sigma. */
function toMathjs(printed: string): string {
  return printed
    .replace(/(\d),(?=\d{3})/g, '$1')
    .replace(/[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+/g, (s) => `^(${Array.from(s, (c) => PLAIN[SUP.indexOf(c)]).join('')})`)
    .replace(/·/g, '*')
    .replace(/−/g, '-')
    .replace(/√([0-9.]+)/g, 'sqrt($1)')
    .replace(/√\(/g, 'sqrt(')
    .replace(/σ\(/g, 'sigma(');
}

const scope = { sigma: (z: number) => 1 / (1 + Math.exp(-z)) };
const evalPrinted = (s: string): number => Number(math.evaluate(toMathjs(s), { ...scope }));

/** Half a unit in the last digit the printed number shows (0 when it is shown exactly, i.e. without "…"). */
function shownHalfUlp(printed: string): number {
  if (!printed.endsWith('…')) return 0;
  const body = printed.slice(0, -1);
  const [mant, exp] = body.split('·10');
  const decimals = mant.includes('.') ? mant.split('.')[1].length : 0;
  const e = exp ? Number(toMathjs(exp).replace(/[\^()]/g, '')) : 0;
  return 0.5 * 10 ** (e - decimals);
}

function valueArb(v: FormulaVar): fc.Arbitrary<number> {
  const min = v.min ?? -1000;
  const max = v.max ?? 1000;
  if (v.integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  // Numbers a student types: a few decimals, sometimes tiny (α = 0.0001), sometimes at the ends of the range.
  return fc.oneof(
    fc.double({ min, max, noNaN: true, noDefaultInfinity: true }).map((x) => Number(x.toPrecision(6))).filter((x) => x >= min && x <= max),
    fc.integer({ min: -6, max: 6 }).map((k) => Math.min(max, Math.max(min, 10 ** k))),
    fc.constantFrom(min, max, v.value),
  );
}

const formulaSteps = LESSONS.flatMap((l) => l.steps.flatMap((s, i) => (s.kind === 'formula' ? [{ id: `${l.id} step ${i + 1}`, step: s }] : [])));

async function printedLine(step: Step, values: Record<string, number>): Promise<string> {
  const blocks = await stepBlocks(step, { lang: 'en', width: 200, theme: makeTheme(0), formulaValues: values });
  const f = blocks.find((b) => b.kind === 'formula');
  if (!f || f.kind !== 'formula') throw new Error('no formula block');
  const line = f.lines[1];
  return typeof line === 'string' ? line : line.en;
}

function checkLine(line: string, f: LiveFormula): void {
  const [equation, rounding] = line.split(' → ');
  const parts = equation.split(' = ');
  const left = parts[parts.length - 2];
  const shown = parts[parts.length - 1];
  const value = evalPrinted(left);
  const printedResult = evalPrinted(shown.replace(/…$/, ''));
  if (!Number.isFinite(value)) return; // a denominator of 0: the note explains it
  const tol = shownHalfUlp(shown) + 1e-9 * Math.max(1, Math.abs(value));
  expect(Math.abs(value - printedResult), `${line}: the left side is ${value}`).toBeLessThanOrEqual(tol);
  if (rounding) {
    const [, result] = rounding.split(' = ');
    const expected = f.result.round === 'floor' ? Math.floor(value + 1e-9) : Math.ceil(value - 1e-9);
    expect(evalPrinted(result), line).toBe(expected);
  }
}

describe('live formulas print true equations', () => {
  it('there are live formulas in several topics', () => {
    expect(formulaSteps.length).toBeGreaterThan(10);
  });

  it('the defaults: the printed equation evaluates to the printed result (LRN with α = 0.0001 included)', async () => {
    for (const { id, step } of formulaSteps) {
      if (step.kind !== 'formula') continue;
      const line = await printedLine(step, {});
      expect(line, id).not.toMatch(/\{\w+\}/);
      checkLine(line, step.formula);
    }
    const lrn = formulaSteps.find((s) => s.id.startsWith('cnn/normalization'))!;
    expect(await printedLine(lrn.step, {})).toContain('0.0001');
  });

  it('random values in range: the printed equation evaluates to the printed result', async () => {
    for (const { id, step } of formulaSteps) {
      if (step.kind !== 'formula') continue;
      const f = step.formula;
      const arb = fc.record(Object.fromEntries(f.vars.map((v) => [v.name, valueArb(v)])) as Record<string, fc.Arbitrary<number>>);
      await fc.assert(
        fc.asyncProperty(arb, async (values) => {
          checkLine(await printedLine(step, values), f);
        }),
        { numRuns: 40, seed: 11, endOnFailure: true, examples: [] },
      ).catch((e: unknown) => {
        throw new Error(`${id}: ${String(e)}`);
      });
    }
  }, 120_000);

  it('results keep their digits: significant digits, never rounded to a whole number they are not', () => {
    expect(fmtFormulaNumber(0.99992)).toBe('0.99992');
    expect(fmtFormulaNumber(1 - 3e-7)).toBe('0.9999997');
    expect(fmtFormulaNumber(5.94603557501)).toBe('5.94604…');
    expect(fmtFormulaNumber(0.000123456789)).toBe('0.000123457…');
    expect(fmtFormulaNumber(4.2e-9)).toBe('4.2·10⁻⁹');
    expect(fmtFormulaNumber(113.5)).toBe('113.5');
    expect(fmtFormulaNumber(307300)).toBe('307,300');
    expect(fmtFormulaNumber(-2.5)).toBe('−2.5');
    expect(fmtFormulaNumber(1234567.891)).toBe('1,234,567.9…');
    expect(fmtFormulaInput(0.0001)).toBe('0.0001');
    expect(fmtFormulaInput(1e-7)).toBe('0.0000001');
    expect(fmtFormulaInput(-1)).toBe('−1');
    expect(fmtFormulaInput(3072)).toBe('3072');
    expect(fmtFormulaInput(10000000)).toBe('10,000,000');
  });
});
