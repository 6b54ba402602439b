/**
 * The sandboxed mathjs instance, in this process (the worker runs the same
 * code): the security recipe, the guards, the unit policy, what is reported
 * for replay, and mathjs's own exploit strings.
 */
import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createMathEvaluator } from '../../src/evaluator/evaluator.js';
import { DISABLED, DISABLED_BY_RECIPE, BROADCASTING, NOT_BROADCASTING, RAW_BROADCASTING, createSandbox, type Sandbox } from '../../src/evaluator/sandbox.js';
import type { MathOutcome } from '../../src/evaluator/types.js';
import { exploits } from '../helpers/exploits.js';

let sb: Sandbox;
beforeAll(() => {
  sb = createSandbox();
}, 60_000);

function ok(text: string) {
  const r = sb.evaluate(text).outcome;
  if (!r.ok) throw new Error(`${text} failed: ${r.error.en}`);
  return r;
}

function err(text: string) {
  const r = sb.evaluate(text).outcome;
  if (r.ok) throw new Error(`${text} should fail but gave ${r.display}`);
  expect(r.error.en.length).toBeGreaterThan(0);
  expect(r.error.zh.length).toBeGreaterThan(0);
  expect(r.error.en).not.toMatch(/\n/);
  expect(r.error.zh).not.toMatch(/\n/);
  return r.error;
}

function num(r: MathOutcome): number {
  if (!r.ok || r.value.kind !== 'number') throw new Error(`not a number: ${JSON.stringify(r)}`);
  return r.value.value;
}

describe('examples', () => {
  it('computes the conv output size formula', () => {
    const r = ok('(32-5+2*2)/1+1');
    expect(r.value).toEqual({ kind: 'number', value: 32 });
    expect(r.display).toBe('32');
    expect(r.assigned).toBeUndefined();
  });

  it('assigns, reads back, multiplies matrices, defines functions', () => {
    expect(ok('W = 227').assigned).toBe('W');
    expect(num(ok('W'))).toBe(227);
    expect(ok('x = [[1,2],[3,4]]').value).toEqual({ kind: 'matrix', shape: [2, 2], data: [1, 2, 3, 4] });
    expect(ok('x * x').value).toEqual({ kind: 'matrix', shape: [2, 2], data: [7, 10, 15, 22] });
    const f = ok('f(a) = a^2');
    expect(f.assigned).toBe('f');
    expect(f.value).toEqual({ kind: 'text', display: 'f(a)' });
    expect(num(ok('f(3)'))).toBe(9);
    expect(ok('sqrt(2)').display).toBe('1.41421');
    expect(num(ok('sqrt(2)'))).toBeCloseTo(Math.SQRT2, 12);
  });

  it('shows other values as text and booleans as booleans', () => {
    expect(ok('1 < 2').value).toEqual({ kind: 'boolean', value: true });
    expect(ok('complex(1, 2)').value).toEqual({ kind: 'text', display: '1 + 2i' });
    expect(ok('"abc"').value).toEqual({ kind: 'text', display: '"abc"' });
    expect(ok('[1, 2] > 1').value.kind).toBe('text');
    expect(ok('zeros(2, 0)').value).toEqual({ kind: 'matrix', shape: [2, 0], data: [] });
    expect(ok('zeros(0, 1e9)').value).toEqual({ kind: 'matrix', shape: [0, 1e9], data: [] });
    expect(ok('ones(2,2,2,2,2)').value.kind).toBe('text');
    expect(ok('ones(30, 30)').display).toBe('[30×30 matrix]');
  });

  it('reports the last statement of a block and the name it assigned', () => {
    const r = ok('n = 3; m = n * 2');
    expect(num(r)).toBe(6);
    expect(r.assigned).toBe('m');
    expect(ok('q = 1;').value).toEqual({ kind: 'text', display: '' });
  });
});

describe('bare unit names are variables', () => {
  it('an undefined W is "not defined", not one watt', () => {
    const e = err('Wq + W2 + W');
    expect(e.en).toContain('is not defined');
    const fresh = createSandbox();
    const w = fresh.evaluate('(W - 5 + 2*P)/S + 1').outcome;
    expect(w.ok).toBe(false);
    if (!w.ok) {
      expect(w.error.en).toBe('W is not defined: set it first with let W = 227');
      expect(w.error.zh).toBe('W 还没有定义：请先赋值，例如 let W = 227');
    }
    fresh.evaluate('W = 32; P = 2; S = 1; K = 5');
    expect(fresh.evaluate('(W - K + 2*P)/S + 1').outcome).toMatchObject({ ok: true, value: { kind: 'number', value: 32 } });
  }, 30_000);

  it('units still work after a number and after "to"', () => {
    const clean = createSandbox();
    const show = (t: string) => {
      const r = clean.evaluate(t).outcome;
      return r.ok ? r.display : r.error.en;
    };
    expect(show('5 cm + 2 inch')).toBe('10.08 cm');
    expect(show('9.81 m/s^2')).toBe('9.81 m / s^2');
    expect(show('5 cm to inch')).toBe('1.9685 inch');
    expect(show('2 kg * m / s^2')).toBe('2 N');
    expect(show('sin(90 deg)')).toBe('1');
    // A variable wins over a unit of the same name.
    expect(show('m = 2; 3 m')).toBe('6');
  }, 30_000);
});

describe('the security recipe', () => {
  it('refuses every disabled function with a message naming it', () => {
    const calls: Record<string, string> = {
      import: 'import({a: 1})',
      createUnit: 'createUnit("knot2", "0.5 m/s")',
      reviver: 'reviver("a", 1)',
      evaluate: 'evaluate("1")',
      parse: 'parse("1 + 1")',
      simplify: 'simplify("x + x")',
      derivative: 'derivative("x^2", "x")',
      resolve: 'resolve(1)',
      compile: 'compile("1")',
      config: 'config({number: "BigNumber"})',
      typed: 'typed("a", {})',
      parser: 'parser()',
      help: 'help(sqrt)',
      rationalize: 'rationalize("x")',
      simplifyCore: 'simplifyCore("x")',
      simplifyConstant: 'simplifyConstant("1+1")',
      symbolicEqual: 'symbolicEqual("x", "x")',
      leafCount: 'leafCount("x")',
    };
    expect(Object.keys(calls).sort()).toEqual([...DISABLED].sort());
    for (const [name, call] of Object.entries(calls)) {
      const e = err(call);
      expect(e.en, call).toContain(`${name}()`);
      expect(e.zh, call).toContain(`${name}()`);
    }
    // The recipe replaced them in the mathjs namespace itself, too.
    for (const name of DISABLED_BY_RECIPE) expect(() => sb.math[name]('1')).toThrow(/turned off/);
    // config of the JavaScript side still works (mathjs needs it); the expression cannot reach it.
    expect(sb.math.config().number).toBe('number');
  });

  it('keeps chain out of reach', () => {
    expect(err('chain(3).add(4).done()').en).toContain('chain');
  });
});


describe('mathjs security tests', () => {
  it('every exploit is refused with a message and runs no code', () => {
    const g = globalThis as { __nnlearnHacked?: unknown };
    delete g.__nnlearnHacked;
    const fresh = createSandbox();
    for (const text of exploits('globalThis.__nnlearnHacked=1')) {
      const r = fresh.evaluate(text).outcome;
      expect(r.ok, text).toBe(false);
      if (!r.ok) {
        expect(r.error.en.length, text).toBeGreaterThan(0);
        expect(r.error.zh.length, text).toBeGreaterThan(0);
      }
      expect(g.__nnlearnHacked, text).toBeUndefined();
    }
    expect(fresh.evaluate('1 + 1').outcome).toMatchObject({ ok: true, value: { kind: 'number', value: 2 } });
  }, 30_000);

  it('through the worker too: no exploit writes its marker file', async () => {
    const marker = join(tmpdir(), `nnlearn-hacked-${process.pid}-${Date.now()}`);
    rmSync(marker, { force: true });
    // JavaScript without quotes, so it fits in any of the exploits' strings.
    const chars = (s: string) => `String.fromCharCode(${[...s].map((c) => c.charCodeAt(0)).join(',')})`;
    const payload = `process.getBuiltinModule(${chars('fs')}).writeFileSync(${chars(marker)},${chars('hacked')})`;
    const ev = createMathEvaluator();
    try {
      for (const text of exploits(payload)) {
        const r = await ev.evaluate(text);
        expect(r.ok, text).toBe(false);
        if (!r.ok) expect(r.error.en.length * r.error.zh.length, text).toBeGreaterThan(0);
      }
      expect(await ev.evaluate('1 + 1')).toMatchObject({ ok: true, value: { kind: 'number', value: 2 } });
      expect(existsSync(marker)).toBe(false);
      // The payload itself is live code: run in plain JavaScript it would write the file.
      expect(typeof (process as unknown as { getBuiltinModule?: unknown }).getBuiltinModule).toBe('function');
    } finally {
      ev.close();
      rmSync(marker, { force: true });
    }
  }, 60_000);
});

describe('guards refuse big results before allocating', () => {
  const cases: Array<[string, RegExp]> = [
    ['zeros(1e9)', /^zeros\(1e9\) would create 1,000,000,000 numbers; the REPL allows at most 1,000,000/],
    ['ones(1e5,1e5)', /^ones\(1e5, 1e5\) would create 10,000,000,000 numbers/],
    ['1:1e9', /^1:1e9 would create 1,000,000,000 numbers/],
    ['0:0.5:1e6', /^0:0\.5:1e6 would create 2,000,001 numbers/],
    ['range(0,1e9)', /^range\(0, 1e9\) would create 1,000,000,001 numbers/],
    ['range("1:1e9")', /would create 1,000,000,000 numbers/],
    ['1:Infinity', /infinitely many numbers/],
    ['identity(1e4)', /^identity\(10000\) would create 100,000,000 numbers/],
    ['zeros(1e9, 0)', /^zeros\(1e9, 0\) would create 1,000,000,000 numbers/],
    ['random([1e5, 1e5])', /^random\(\[1e5, 1e5\]\) would create/],
    ['randomInt([1e9], 1, 5)', /would create 1,000,000,000 numbers/],
    ['pickRandom([1,2,3], 1e9)', /would create 1,000,000,000 numbers/],
    ['matrixFromFunction([1e5, 1e5], f(i) = 1)', /would create 10,000,000,000 numbers/],
    ['resize([1], [1e5, 1e5])', /would create 10,000,000,000 numbers/],
    ['diag(ones(1e4))', /^diag\(a vector of 10,000\) would create 100,000,000 numbers/],
    ['kron(ones(1000,1000), ones(1000,1000))', /would create 1,000,000,000,000 numbers/],
    ['concat(ones(1000,1000), ones(1000,1000))', /would create 2,000,000 numbers/],
    ['setCartesian(1:2000, 1:2000)', /would create 4,000,000 numbers/],
    ['setPowerset(1:30)', /^setPowerset\(a vector of 30\) would create/],
    ['ones(1e5,1) + ones(1,1e5)', /^add\(a 100000×1 matrix, a 1×100000 matrix\) would create 10,000,000,000 numbers/],
    ['ones(1000,1) .* ones(1,2000)', /would create 2,000,000 numbers/],
    ['ones(1000,1) == ones(1,2000)', /would create 2,000,000 numbers/],
    ['ones(1000,1) and ones(1,2000)', /would create 2,000,000 numbers/],
    ['a = ones(1000,1000); a * a', /^The matrix product 1000×1000 \* 1000×1000 would need about 1,000,000,000 multiply-adds/],
    ['a = ones(1000, 1000); a^3', /multiply-adds/],
    ['det(ones(500,500))', /^det\(a 500×500 matrix\) would need about 1,250,000,000 multiply-adds/],
    ['inv(ones(300,300))', /multiply-adds/],
    ['y = [1]; y[1e9] = 1', /^Index 1e9 is too large/],
    ['z = ones(1000, 1); z[1, 1001] = 1', /^Growing a 1000×1 matrix to 1000×1001 would create 1,001,000 numbers/],
    ['v = [1]; v.resize([1e9])', /would create 1,000,000,000 numbers/],
    ['s = "abc"; s[1e9] = "x"', /^Index 1e9 is too large/],
    ['f(m, n) = n == 0 ? m : f(concat(m, m), n - 1); f([1], 40)', /^concat\(a vector of 524,288, a vector of 524,288\) would create 1,048,576 numbers/],
    ['bigint(2)^bigint(1e7)', /digits; the REPL allows at most 100,000/],
    ['fraction(3)^1e7', /digits/],
    ['format(bignumber(2), 1e9)', /^format: a precision of 1e9 digits is too many/],
    ['stirlingS2(1e5, 1e4)', /would create/],
    ['bellNumbers(1e4)', /would create/],
    ['factorial(bignumber(1e7))', /multiply-adds/],
  ];
  for (const [text, re] of cases) {
    it(text, () => {
      // The guard's message shows it was refused before the work; speed belongs in the benchmark.
      const e = err(text);
      expect(e.en).toMatch(re);
      expect(e.zh).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('allows results up to the limit', () => {
    expect(ok('size(zeros(1000, 1000))').value).toEqual({ kind: 'matrix', shape: [2], data: [1000, 1000] });
    expect(ok('b = ones(100, 100); size(b * b)').value).toEqual({ kind: 'matrix', shape: [2], data: [100, 100] });
    expect(ok('sum(1:1e6)').value).toEqual({ kind: 'number', value: 500000500000 });
  });

  it('explains a matrix product whose inner dimensions differ', () => {
    const e = err('ones(2,3) * ones(2,3)');
    expect(e.en).toBe(
      "Matrix product of shapes 2×3 and 2×3: the inner dimensions must agree (3 ≠ 2). Transpose one side with ', or use .* to multiply element by element.",
    );
    expect(e.zh).toContain('内侧的两个维度必须相同');
    expect(err('[1,2,3] * [1,2]').en).toContain('shapes [3] and [2]');
    expect(err('[1,2] + [1,2,3]').en).toContain("The shapes [2] and [3] don't fit for +");
  });

  it('keeps the variables within their budget', () => {
    const small = createSandbox({ maxElements: 1000, maxCost: 1e6, maxScopeElements: 2500 });
    expect(small.evaluate('a = ones(1000)').outcome.ok).toBe(true);
    expect(small.evaluate('b = ones(1000)').outcome.ok).toBe(true);
    const r = small.evaluate('c = ones(1000)');
    expect(r.outcome.ok).toBe(false);
    if (!r.outcome.ok) expect(r.outcome.error.en).toMatch(/^Your variables would hold 3,00\d numbers in total; the REPL keeps at most 2,500/);
    expect(small.names()).not.toContain('c');
    expect(small.evaluate('a = 0; c = ones(1000); 1').outcome.ok).toBe(true);
  }, 30_000);

  it('turns stack overflows into a message and stays usable', () => {
    const e = err('f(x) = f(x); f(1)');
    expect(e.en).toMatch(/^Too much recursion/);
    expect(num(ok('1 + 1'))).toBe(2);
    // Deep but legal still works after the overflow. In-process the depth that fits depends on the
    // Node version's frame sizes (about 1,880 unary minus on Node 22, 1,950 on 20 and 24), so this
    // stays well below it; the worker's own stack takes the longest allowed line (evaluator.test.ts).
    expect(num(ok(`${'-'.repeat(1000)}1`))).toBe(1);
  });
});

describe('student language for mathjs errors', () => {
  it('says what was wrong and what would work', () => {
    expect(err('sqrt(1, 2)').en).toBe('sqrt takes 1 argument, but got 2. Remove the extra ones.');
    expect(err('sqrt()').en).toMatch(/^sqrt needs more arguments: argument 1 is missing/);
    expect(err('1 +').en).toBe('Syntax error at column 4: the expression ends too early — something is missing at the end.');
    expect(err('(1 + 2').en).toMatch(/^Syntax error at column \d+: a closing \) is missing/);
    expect(err('[1,2,3][5]').en).toBe('Index 5 is out of range: the largest index here is 3 (indices count from 1).');
    expect(err('sqr(4)').en).toBe('sqr(…) is not a known function: did you mean sqrt? Or define it first, e.g. sqr(x) = x^2');
    expect(err('r = 5; r(2)').en).toMatch(/^r holds a value, not a function/);
    expect(err('cos.constructor').en).toMatch(/not allowed/);
  });
});

describe('replay information', () => {
  it('reports new and changed variables by value, functions by definition', () => {
    const s = createSandbox();
    expect(s.evaluate('a = 2; b = [1, 2]; f(x) = x + a').changes).toEqual([
      ['a', { kind: 'value', value: { kind: 'number', value: 2 } }],
      ['b', { kind: 'value', value: { kind: 'matrix', shape: [2], data: [1, 2] } }],
      ['f', { kind: 'def', text: 'f(x) = x + a' }],
    ]);
    // In-place change through an alias reports both names.
    const alias = s.evaluate('c = b; c[1] = 10').changes.map(([n]) => n).sort();
    expect(alias).toEqual(['b', 'c']);
    expect(s.evaluate('u = 5 cm').changes[0][1]).toMatchObject({ kind: 'json' });
    expect(s.evaluate('g = f').changes).toEqual([['g', { kind: 'def', text: 'g = f' }]]);
    expect(s.evaluate('1 + 1').changes).toEqual([]);
  }, 30_000);

  it('replays into a fresh sandbox', () => {
    // The evaluator gives every worker of a session the same replay tag.
    const replayTag = 'nnlearn-shared-tag-for-this-test';
    const s = createSandbox(undefined, { replayTag });
    const all = new Map<string, import('../../src/evaluator/types.js').ReplayEntry>();
    for (const t of ['k = 5', 'g(x) = x + k', 'u = 5 cm', 'm = [[1,2],[3,4]]', 'h = g', 'obj = {a: 1}', 'z = complex(1, 2)']) {
      for (const [n, e] of s.evaluate(t).changes) if (e) all.set(n, e);
    }
    const t = createSandbox(undefined, { replayTag });
    expect(t.replay([...all])).toEqual([]);
    expect(t.evaluate('g(1) + h(2) + m[2,2]').outcome).toMatchObject({ ok: true, value: { kind: 'number', value: 17 } });
    expect(t.evaluate('u to mm').outcome).toMatchObject({ ok: true, display: '50 mm' });
    expect(t.evaluate('z').outcome).toMatchObject({ ok: true, display: '1 + 2i' });
  }, 30_000);

  it('revives only plain mathjs data types', () => {
    const s = createSandbox();
    const failed = s.replay([['n', { kind: 'json', json: '{"mathjs":"OperatorNode","op":"+","fn":"add","args":[]}' }]]);
    expect(failed).toEqual([]);
    expect(s.evaluate('n.compile()').outcome.ok).toBe(false);
  }, 30_000);
});

describe('guard lists', () => {
  it('covers every function of two or more matrices', () => {
    const math = sb.math;
    const mwt = math.expression.mathWithTransform;
    const known = new Set([...BROADCASTING, ...RAW_BROADCASTING, ...NOT_BROADCASTING, ...DISABLED]);
    const missing: string[] = [];
    for (const name of Object.keys(math.expression.mathWithTransform)) {
      const fn = mwt[name];
      if (!math.typed.isTypedFunction(fn)) continue;
      const multi = Object.keys(fn.signatures).some((s) => s.split(',').filter((p) => /Matrix|Array|any/.test(p)).length >= 2);
      if (multi && !known.has(name)) missing.push(name);
    }
    expect(missing).toEqual([]);
  }, 30_000);
});
