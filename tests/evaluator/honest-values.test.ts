/**
 * Values that lie: names that shadow NaN/Infinity/pi, NaN typed to an
 * activation, empty results, messages naming sizes mathjs could not read,
 * counts beyond 2^53, and functions printed as their JavaScript source.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { formatResult } from '../../src/cli/print-result.js';
import { createSession } from '../../src/repl/session.js';
import { createSandbox } from '../../src/evaluator/sandbox.js';
import { RESERVED_NAMES } from '../../src/evaluator/reserved.js';
import { makeTheme } from '../../src/view/style.js';

const session = createSession({ lang: 'en', width: 100 });
afterAll(() => session.close());
const text = (r: Awaited<ReturnType<typeof session.exec>>) => formatResult(r, { lang: 'en', json: false, width: 100, theme: makeTheme(0) });

describe('reserved names cannot be assigned', () => {
  it.each(RESERVED_NAMES.map((n) => [n]))('let %s = 3 is refused, saying which names are reserved', async (name) => {
    const r = await session.exec(`let ${name} = 3`);
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(/reserved name/);
    expect(r.json().error).toContain('NaN, Infinity');
    expect(session.ctx.vars.has(name)).toBe(false);
  });

  it.each(['NaN = 3', 'Infinity = 2', 'pi = 3', 'e = 2', 'x = 1; E = 5', 'e(x) = x', 'true = 1'])('math %s is refused with the same message', async (line) => {
    const r = await session.exec(line);
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(/is a reserved name/);
  });

  it('so NaN in a command stays NaN: conv … F=NaN is refused, pi stays π', async () => {
    await session.exec('let NaN = 3');
    const conv = await session.exec('conv 32x32x3 F=NaN');
    expect(conv.ok).toBe(false);
    expect(conv.json().error).toMatch(/finite number, got NaN/);
    expect((await session.exec('pi')).json().value).toBeCloseTo(Math.PI, 12);
  });
});

describe('NaN and ±Infinity are values in the activation commands', () => {
  it.each([
    ['tanh NaN', [NaN]],
    ['sigmoid NaN', [NaN]],
    ['relu NaN', [NaN]],
    ['tanh -Infinity', [-1]],
    ['tanh Infinity', [1]],
    ['sigmoid -Infinity', [0]],
    ['relu -Infinity', [0]],
  ])('%s', async (line, expected) => {
    const r = await session.exec(line);
    expect(r.ok, String(r.json().error)).toBe(true);
    expect((r.json().output as { data: number[] }).data).toEqual(expected);
    expect(text(r)).not.toMatch(/not defined/);
  });
});

describe('empty results are shown as they are', () => {
  it.each([
    ['[]', [0]],
    ['zeros(0)', [0]],
    ['zeros(2, 0)', [2, 0]],
  ])('%s', async (line, shape) => {
    const r = await session.exec(line);
    expect(r.ok, String(r.json().error)).toBe(true);
    expect(r.json().value).toEqual({ shape, data: [] });
    expect(text(r)).not.toMatch(/Dimension|positive/);
  });

  it('an empty list given to a command says it is empty', async () => {
    const r = await session.exec('tanh []');
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(/empty/);
    expect(r.json().error).not.toMatch(/Dimension 0/);
  });
});

describe('messages name real sizes, never NaN or undefined', () => {
  it('reshape([1], ones(1, 64)) says the sizes must be one list', async () => {
    const r = await session.exec('reshape([1], ones(1, 64))');
    expect(r.json().error).toMatch(/one list of whole numbers/);
    expect(r.json().error).toContain('1×64');
    expect(r.json().error).not.toMatch(/NaN/);
  });

  it('reshape([1, 2, 3], [2, 2]) names both counts', async () => {
    const r = await session.exec('reshape([1, 2, 3], [2, 2])');
    expect(r.json().error).toMatch(/3 elements as \[2, 2\], which holds 4/);
  });

  it('for any function of mathjs on ordinary arguments', () => {
    const sb = createSandbox();
    const mwt = sb.math.expression.mathWithTransform;
    const names = Object.keys(mwt).filter((k) => typeof mwt[k] === 'function').sort();
    const arg = fc.constantFrom('[1]', '[]', 'ones(1, 64)', '[[1,2],[3,4]]', '[1,2,3]', '2', '-1', '0', '"a"', '{a: 1}', 'zeros(0)', '[[1],[2]]', 'true', 'complex(1,2)', 'ones(2,3)', 'ones(3,2)');
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(arg, { maxLength: 3 }), (f, args) => {
        const line = `${f}(${args.join(', ')})`;
        const r = sb.evaluate(line).outcome;
        if (r.ok) return;
        expect(`${r.error.en} ${r.error.zh}`, line).not.toMatch(/\bNaN\b|\bundefined\b|\[object /);
      }),
      { numRuns: 3000 },
    );
  }, 120_000);
});

describe('counts beyond 2^53 are exact', () => {
  it('fc 999999999 -> 999999999', async () => {
    const r = await session.exec('fc 999999999 -> 999999999');
    expect(r.json()).toMatchObject({ weights: '999999998000000001', params: '999999999000000000', biases: 999999999 });
    expect(text(r)).toContain('999,999,998,000,000,001');
  });

  it('small counts stay JSON numbers', async () => {
    expect((await session.exec('fc 7x7x512 -> 4096')).json()).toMatchObject({ weights: 102760448, params: 102764544 });
  });

  it.each(['conv 1048576x1048576x1048576 F=1048576 K=1048576', 'conv 100000x100000x1000 F=1000 K=100000', 'net 100000000 | fc 100000000 | fc 100000000'])(
    'every count printed with digit groups is exact (≤ 2^53), the rest marked ≈: %s',
    async (line) => {
      const out = text(await session.exec(line));
      for (const m of out.matchAll(/\d{1,3}(?:,\d{3})+/g)) expect(Number(m[0].replace(/,/g, '')), `${m[0]} in\n${out}`).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
      expect(out).toMatch(/≈/);
    },
  );

  it('a chain beyond 2^53 says its total is rounded', async () => {
    const r = await session.exec('net 1000000000 | fc 1000000000');
    expect(text(r)).toMatch(/rounded: beyond exact double precision/);
  });
});

describe('functions print as functions, never as source code', () => {
  it.each([
    ['cos + 0', undefined],
    ['f(x) = x^2; f', 'f(x)'],
    ['f.toString()', '"f(x)"'],
    ['cos.toString()', '"function cos"'],
    ['cos.toLocaleString()', '"function cos"'],
    ['string(cos)', '"function cos"'],
    ['typeOf(cos)', '"function"'],
    ['g = cos; g', 'function cos'],
  ])('%s', async (line, shown) => {
    const r = await session.exec(line);
    const out = text(r);
    expect(out).not.toMatch(/return|arguments|=>|\{\s*$|theTypedFn/);
    if (shown !== undefined) expect(out).toBe(shown);
  });
});
