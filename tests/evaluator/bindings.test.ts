/**
 * A math line assigns each name its own value, and the REPL's commands see
 * exactly what mathjs sees: "F = 2; F + 1" leaves F = 2 (not the line's
 * result 3) for `conv … F=F`. Also when a line fails after an assignment.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Value } from '../../src/repl/context.js';
import { createSession } from '../../src/repl/session.js';
import { createSandbox } from '../../src/evaluator/sandbox.js';

const session = createSession({ lang: 'en', width: 80 });
afterAll(() => session.close());

function plain(v: Value | undefined): unknown {
  if (!v) return undefined;
  if (v.kind === 'number') return v.value;
  if (v.kind === 'tensor') return { shape: [...v.tensor.shape], data: Array.from(v.tensor.data) };
  return v.display;
}

/** What mathjs itself says a name holds now, as the REPL would file it. */
async function mathSays(name: string): Promise<unknown> {
  const math = await session.ctx.math();
  const r = await math.evaluate(name);
  if (!r.ok) return undefined;
  if (r.value.kind === 'number') return r.value.value;
  if (r.value.kind === 'matrix') return { shape: r.value.shape, data: r.value.data };
  return r.display;
}

describe('each assignment of a block is filed under its own value', () => {
  it('F = 2; F + 1 leaves F = 2 for the commands, and shows 3', async () => {
    const r = await session.exec('F = 2; F + 1');
    expect(r.ok).toBe(true);
    expect(r.json()).toMatchObject({ value: 3 });
    expect(r.json().name).toBeUndefined();
    expect(plain(session.ctx.vars.get('F'))).toBe(2);
    const conv = await session.exec('conv 32x32x3 F=F');
    expect(conv.json()).toMatchObject({ ok: true, hyper: { F: 2 } });
  });

  it.each([
    ['a = 1; b = a + 1; a + b', { a: 1, b: 2 }],
    ['G = 2; G = G + 5; G', { G: 7 }],
    ['p = 3; q = [p, 2 * p]; p * 10', { p: 3, q: { shape: [2], data: [3, 6] } }],
    ['f(x) = x^2; h = f(3); h + 1', { f: 'f(x)', h: 9 }],
    ['m = [1, 2]; n = m; n[1] = 10; 0', { m: { shape: [2], data: [10, 2] }, n: { shape: [2], data: [10, 2] } }],
    ['k = 4; undefinedthing', { k: 4 }],
  ])('%s', async (line, expected) => {
    await session.exec(line);
    for (const [name, value] of Object.entries(expected)) expect(plain(session.ctx.vars.get(name)), name).toEqual(value);
  });

  it('let files the names its expression assigns too', async () => {
    await session.exec('let y = (z = 3) + 1');
    expect(plain(session.ctx.vars.get('y'))).toBe(4);
    expect(plain(session.ctx.vars.get('z'))).toBe(3);
  });

  it('for any block of assignments, every name the commands see equals what mathjs holds', async () => {
    const names = ['a', 'b', 'c', 'F'];
    const expr = fc.oneof(
      fc.integer({ min: -9, max: 99 }).map(String),
      fc.tuple(fc.constantFrom(...names), fc.constantFrom('+', '*', '-'), fc.integer({ min: 1, max: 9 })).map(([n, op, k]) => `${n} ${op} ${k}`),
      fc.constantFrom('[1, 2]', 'undefinedname', '1/0', '"text"'),
    );
    const statement = fc.tuple(fc.constantFrom(...names), expr).map(([n, e]) => `${n} = ${e}`);
    await fc.assert(
      fc.asyncProperty(fc.array(statement, { minLength: 1, maxLength: 5 }), fc.option(expr, { nil: undefined }), fc.constantFrom('; ', ', '), async (stmts, last, sep) => {
        const line = [...stmts, ...(last !== undefined ? [last] : [])].join(sep);
        await session.exec(line);
        for (const n of names) {
          const held = await mathSays(n);
          if (held === undefined) continue;
          expect(plain(session.ctx.vars.get(n)), `${n} after ${line}`).toEqual(held);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the sandbox reports every binding', () => {
  it('with its own value and only the last statement as the assigned name', () => {
    const sb = createSandbox();
    const r = sb.evaluate('F = 2; F + 1').outcome;
    expect(r).toMatchObject({ ok: true, value: { kind: 'number', value: 3 }, bindings: [{ name: 'F', value: { kind: 'number', value: 2 } }] });
    expect(r.ok && r.assigned).toBeFalsy();
    const failed = sb.evaluate('k = 4; nope').outcome;
    expect(failed).toMatchObject({ ok: false, bindings: [{ name: 'k', value: { kind: 'number', value: 4 } }] });
  }, 30_000);
});
