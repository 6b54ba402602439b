/**
 * Whatever the student types, evaluate() resolves (never rejects, never hangs
 * beyond the timeout) to a result or to a message in both languages.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMathEvaluator, type MathEvaluator, type MathOutcome } from '../../src/evaluator/evaluator.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const TIMEOUT_MS = 2000;
/** A stopped evaluation restarts the worker on the next call; on a busy machine that takes seconds. */
const RESTART_SLACK_MS = 20_000;

let ev: MathEvaluator;
beforeAll(async () => {
  if (!existsSync(`${ROOT}dist/math-worker.js`)) execFileSync(process.execPath, ['scripts/build.mjs', '--keep-manifest'], { cwd: ROOT, stdio: 'inherit' });
  ev = createMathEvaluator({ timeoutMs: TIMEOUT_MS });
  // The grammar's names exist, so more expressions get past "not defined".
  await ev.evaluate('x = 3; y = [1, 2, 3]; W = 227; k = 2; A = [[1, 2], [3, 4]]; v = [1, 2]; H = 5; S = 1');
}, 120_000);
afterAll(() => ev?.close());

function wellFormed(r: MathOutcome): boolean {
  if (r.ok) {
    const v = r.value;
    const valueOk =
      (v.kind === 'number' && typeof v.value === 'number') ||
      (v.kind === 'boolean' && typeof v.value === 'boolean') ||
      (v.kind === 'text' && typeof v.display === 'string') ||
      (v.kind === 'matrix' && v.shape.length >= 1 && v.shape.length <= 4 && v.data.length === v.shape.reduce((a, b) => a * b, 1));
    return valueOk && typeof r.display === 'string';
  }
  return (
    typeof r.error.en === 'string' &&
    typeof r.error.zh === 'string' &&
    r.error.en.trim().length > 0 &&
    r.error.zh.trim().length > 0 &&
    !r.error.en.includes('\n') &&
    !r.error.zh.includes('\n')
  );
}

async function check(text: string): Promise<boolean> {
  const t0 = performance.now();
  let r: MathOutcome;
  try {
    r = await ev.evaluate(text);
  } catch (e) {
    throw new Error(`evaluate rejected for ${JSON.stringify(text)}: ${String(e)}`);
  }
  const ms = performance.now() - t0;
  if (ms > TIMEOUT_MS + RESTART_SLACK_MS) throw new Error(`took ${ms.toFixed(0)} ms: ${JSON.stringify(text)}`);
  if (!wellFormed(r)) throw new Error(`malformed outcome for ${JSON.stringify(text)}: ${JSON.stringify(r)}`);
  return true;
}

// A small grammar of mathjs-like expressions: numbers, names, operators,
// functions (some of them disabled or guarded), matrices, indexing,
// assignments and function definitions.
const numberText = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }).map(String),
  fc.integer({ min: 0, max: 20 }).map(String),
  fc.double({ noNaN: true, min: -1e6, max: 1e6 }).map((d) => String(d)),
  fc.constantFrom('0', '1', '2', '3', '0.5', '1e5', '1e9', '1e308', 'pi', 'e', 'i', 'Infinity', 'NaN', 'true', 'false'),
);
const nameText = fc.constantFrom('x', 'y', 'W', 'k', 'A', 'v', 'H', 'S');
const leafText = fc.oneof(numberText, numberText, nameText, fc.constantFrom('"abc"', '[]', '5 cm', '[1, 2, 3]', '[[1, 2], [3, 4]]', 'end', 'null'));
const operator = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('+', '-', '*', '/', '^', '.*', './', '.^', '==', '<', '>=', ':') },
  { weight: 2, arbitrary: fc.constantFrom('!=', '<=', '>', 'and', 'or', 'xor', 'mod', 'to', '&', '|', '<<', '>>') },
  { weight: 1, arbitrary: fc.constantFrom('?', ',', ';', '=', '') },
);
const unaryOp = fc.constantFrom('-', '+', 'not ', '~', '');
const postfix = fc.constantFrom("'", '!', '', '');
const fn1 = fc.constantFrom(
  'sqrt', 'abs', 'sin', 'cos', 'exp', 'log', 'round', 'floor', 'transpose', 'size', 'sum', 'mean', 'max', 'min', 'det', 'inv',
  'zeros', 'ones', 'identity', 'norm', 'factorial', 'gamma', 'isPrime', 'sort', 'flatten', 'cumsum', 'diag', 'random', 'sign',
  'cube', 'square', 'not', 'string', 'format', 'bignumber', 'fraction', 'complex', 'unit', 'evaluate', 'parse', 'simplify',
  'import', 'help', 'typeOf', 'setPowerset', 'bigint', 'matrix', 'sparse', 'f', 'g', 'undefinedFn',
);
const fn2 = fc.constantFrom(
  'add', 'subtract', 'multiply', 'divide', 'pow', 'mod', 'max', 'min', 'zeros', 'ones', 'range', 'concat', 'dot', 'kron', 'resize',
  'reshape', 'gcd', 'round', 'atan2', 'equal', 'larger', 'setUnion', 'setCartesian', 'nthRoot', 'log', 'randomInt', 'subset', 'index',
  'dotMultiply', 'format', 'identity', 'random', 'pickRandom', 'map', 'filter', 'f', 'g',
);

const { expr } = fc.letrec<{ expr: string; binary: string; call1: string; call2: string; matrix: string; group: string; indexed: string; cond: string }>((tie) => ({
  expr: fc.oneof({ depthSize: 'small' }, leafText, tie('binary'), tie('call1'), tie('call2'), tie('matrix'), tie('group'), tie('indexed'), tie('cond')),
  binary: fc.tuple(unaryOp, tie('expr'), operator, tie('expr'), postfix).map(([u, a, o, b, p]) => `${u}${a} ${o} ${b}${p}`),
  call1: fc.tuple(fn1, tie('expr')).map(([f, a]) => `${f}(${a})`),
  call2: fc.tuple(fn2, tie('expr'), tie('expr')).map(([f, a, b]) => `${f}(${a}, ${b})`),
  matrix: fc.array(tie('expr'), { maxLength: 4 }).chain((items) => fc.constantFrom(`[${items.join(', ')}]`, `[${items.join('; ')}]`)),
  group: tie('expr').map((e) => `(${e})`),
  indexed: fc.tuple(tie('expr'), tie('expr')).map(([a, b]) => `(${a})[${b}]`),
  cond: fc.tuple(tie('expr'), tie('expr'), tie('expr')).map(([a, b, c]) => `${a} ? ${b} : ${c}`),
}));

const statement = fc.oneof(
  expr,
  fc.tuple(nameText, expr).map(([n, e]) => `${n} = ${e}`),
  fc.tuple(fc.constantFrom('f', 'g'), nameText, expr).map(([f, n, e]) => `${f}(${n}) = ${e}`),
  fc.tuple(nameText, expr, expr).map(([n, i, e]) => `${n}[${i}] = ${e}`),
);
const line = fc.array(statement, { minLength: 1, maxLength: 3 }).map((s) => s.join('; '));

describe('evaluate() always answers', () => {
  it('for arbitrary ASCII strings', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 80 }), check), { numRuns: 300 });
  }, 60_000);

  it('for arbitrary Unicode strings (code points)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 60 }), check), { numRuns: 200 });
  }, 60_000);

  it('for arbitrary graphemes', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: 'grapheme', maxLength: 30 }), check), { numRuns: 100 });
  }, 60_000);

  it('for mathjs-like expressions', async () => {
    await fc.assert(fc.asyncProperty(line, check), { numRuns: 400 });
    // And the evaluator is still fine afterwards.
    const r = await ev.evaluate('1 + 1');
    expect(r).toMatchObject({ ok: true, value: { kind: 'number', value: 2 } });
  }, 120_000);

  it('for mathjs-like expressions made of characters that matter to mathjs', async () => {
    const chars = fc.constantFrom(...'0123456789.e+-*/^()[]{},;:=<>!?\'"xWAf $'.split(''));
    await fc.assert(fc.asyncProperty(fc.array(chars, { maxLength: 60 }).map((c) => c.join('')), check), { numRuns: 300 });
  }, 60_000);
});
