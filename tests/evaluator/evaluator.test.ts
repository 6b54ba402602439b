/**
 * The evaluator through its worker: examples, values pushed by the REPL,
 * guards that answer fast, a real timeout, running out of memory, close(),
 * and that an idle worker never keeps the process alive.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMathEvaluator, workerLocation, type MathEvaluator, type MathOutcome } from '../../src/evaluator/evaluator.js';
import { MAX_EXPR_LENGTH } from '../../src/evaluator/precheck.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = join(ROOT, 'dist', 'math-worker.js');

beforeAll(() => {
  // The suite's global setup builds dist/; build here too when run alone.
  if (!existsSync(WORKER)) execFileSync(process.execPath, ['scripts/build.mjs', '--keep-manifest'], { cwd: ROOT, stdio: 'inherit' });
}, 120_000);

let ev: MathEvaluator;
beforeAll(() => {
  ev = createMathEvaluator();
});
afterAll(() => ev?.close());

async function timed(e: MathEvaluator, text: string): Promise<{ r: MathOutcome; ms: number }> {
  const t0 = performance.now();
  const r = await e.evaluate(text);
  return { r, ms: performance.now() - t0 };
}

function value(r: MathOutcome) {
  if (!r.ok) throw new Error(r.error.en);
  return r.value;
}

function error(r: MathOutcome) {
  if (r.ok) throw new Error(`expected an error, got ${r.display}`);
  expect(r.error.en.length).toBeGreaterThan(0);
  expect(r.error.zh.length).toBeGreaterThan(0);
  expect(r.error.en).not.toContain('\n');
  expect(r.error.zh).not.toContain('\n');
  expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
}

describe('examples', () => {
  it('evaluates with a persistent scope', async () => {
    expect(await ev.evaluate('(32-5+2*2)/1+1')).toEqual({ ok: true, value: { kind: 'number', value: 32 }, display: '32' });
    expect(await ev.evaluate('W = 227')).toEqual({
      ok: true,
      value: { kind: 'number', value: 227 },
      display: '227',
      assigned: 'W',
      bindings: [{ name: 'W', value: { kind: 'number', value: 227 }, display: '227' }],
    });
    expect(value(await ev.evaluate('W + 1'))).toEqual({ kind: 'number', value: 228 });
    expect(value(await ev.evaluate('x = [[1,2],[3,4]]'))).toEqual({ kind: 'matrix', shape: [2, 2], data: [1, 2, 3, 4] });
    expect(value(await ev.evaluate('x * x'))).toEqual({ kind: 'matrix', shape: [2, 2], data: [7, 10, 15, 22] });
    expect(await ev.evaluate('f(a) = a^2')).toMatchObject({ ok: true, display: 'f(a)', assigned: 'f' });
    expect(value(await ev.evaluate('f(W)'))).toEqual({ kind: 'number', value: 227 * 227 });
    expect(await ev.evaluate('sqrt(2)')).toMatchObject({ ok: true, display: '1.41421' });
  }, 60_000);

  it('explains an undefined variable in both languages', async () => {
    const e = error(await ev.evaluate('Hq + 1'));
    expect(e.en).toBe('Hq is not defined: set it first with let Hq = 227');
    expect(e.zh).toBe('Hq 还没有定义：请先赋值，例如 let Hq = 227');
  }, 60_000);

  it('takes values pushed by the REPL', async () => {
    await ev.set('T', { kind: 'matrix', shape: [2, 3], data: [1, 2, 3, 4, 5, 6] });
    await ev.set('lr', { kind: 'number', value: 0.01 });
    expect(value(await ev.evaluate('size(T)'))).toEqual({ kind: 'matrix', shape: [2], data: [2, 3] });
    expect(value(await ev.evaluate("T' * [1; 1]"))).toEqual({ kind: 'matrix', shape: [3, 1], data: [5, 7, 9] });
    expect(value(await ev.evaluate('lr * 100'))).toEqual({ kind: 'number', value: 1 });
    await expect(ev.set('2bad', { kind: 'number', value: 1 })).rejects.toThrow(/cannot be a variable name/);
    await expect(ev.set('ok', { kind: 'matrix', shape: [2], data: [1] } as never)).rejects.toThrow(/MathValue/);
  }, 60_000);
});

describe('bad input answers fast and leaves the evaluator usable', () => {
  // Each case checks the guard's own message. The worker's 2 s limit is not what is
  // tested here: on a loaded machine building ones(1000,1000) alone can pass it, and
  // the case would fail with the time-out message instead of the guard's.
  let bad: MathEvaluator;
  beforeAll(() => {
    bad = createMathEvaluator({ timeoutMs: 60_000 });
  });
  afterAll(() => bad?.close());
  let junk = '';
  let seed = 12345;
  for (let i = 0; i < 1500; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    junk += String.fromCharCode(seed & 0xff);
  }
  const cases: Array<[string, string, RegExp]> = [
    ['zeros(1e9)', 'zeros(1e9)', /^zeros\(1e9\) would create 1,000,000,000 numbers; the REPL allows at most 1,000,000/],
    ['ones(1e5,1e5)', 'ones(1e5,1e5)', /would create 10,000,000,000 numbers/],
    ['1:1e9', '1:1e9', /^1:1e9 would create 1,000,000,000 numbers/],
    ['range(0,1e9)', 'range(0,1e9)', /would create 1,000,000,001 numbers/],
    // One number alone counts from it to 0: unguarded, this one filled the worker's heap and (Node 22) aborted the whole process.
    ['range(-3e130)', 'range(-3.193649781840378e+130)', /would create 3\.19e130 numbers/],
    ['f(x)=f(x); f(1)', 'f(x)=f(x); f(1)', /^Too much recursion/],
    ['20,000 nested parentheses', `${'('.repeat(20000)}1${')'.repeat(20000)}`, /^This expression is 40,001 characters long/],
    ['nesting beyond 100', `${'('.repeat(150)}1${')'.repeat(150)}`, /^Brackets are nested 150 levels deep/],
    ['a 10 kB expression', Array.from({ length: 2500 }, () => '1').join('+').padEnd(10240, ' '), /^This expression is 10,240 characters long; the REPL reads at most 2,000/],
    ['binary junk', junk, /^Unreadable character U\+/],
    ['ones(3000,3000)*ones(3000,3000)', 'ones(3000,3000)*ones(3000,3000)', /^ones\(3000, 3000\) would create 9,000,000 numbers/],
    ['a big matrix product', 'A = ones(1000,1000); A * A', /^The matrix product 1000×1000 \* 1000×1000 would need about 1,000,000,000 multiply-adds/],
    ['mismatched shapes', 'ones(2,3) * ones(2,3)', /^Matrix product of shapes 2×3 and 2×3: the inner dimensions must agree/],
    ['a syntax error', '(1 + 2', /^Syntax error at column \d+/],
    ['a disabled function', 'evaluate("1 + 1")', /^evaluate\(\) is turned off/],
  ];
  for (const [label, text, re] of cases) {
    it(label, async () => {
      await bad.evaluate('0'); // the worker is up: time only the answer
      // The guard's own message shows the line was refused before any work (speed is the benchmark's job).
      const { r } = await timed(bad, text);
      expect(error(r).en).toMatch(re);
      expect(value(await bad.evaluate('1+1'))).toEqual({ kind: 'number', value: 2 });
    }, 60_000);
  }
});

describe('the worker stack', () => {
  it('takes the longest line the REPL reads, nested as deep as it goes, on every Node version', async () => {
    // 1,999 unary minus: about the most parser and evaluator recursion one line can ask for.
    const line = `${'-'.repeat(MAX_EXPR_LENGTH - 1)}1`;
    expect(value(await ev.evaluate(line))).toEqual({ kind: 'number', value: -1 });
  }, 60_000);
});

describe('when the worker has to be stopped', () => {
  it('times out, terminates, and replays the variables into a fresh worker', async () => {
    const e = createMathEvaluator({ timeoutMs: 400 });
    try {
      for (const t of ['k = 5', 'g(x) = x + k', 'M = [[1, 2], [3, 4]]', 'u = 5 cm', 'h = g']) expect((await e.evaluate(t)).ok, t).toBe(true);
      await e.set('T', { kind: 'matrix', shape: [2], data: [10, 20] });
      const { r, ms } = await timed(e, 'slow(n) = n <= 0 ? 0 : slow(n - 1) + slow(n - 1); slow(60)');
      const msg = error(r);
      expect(msg.en).toBe(
        'This took longer than 400 ms and was stopped — e.g. a function that calls itself forever, or a very large computation. Your variables are kept.',
      );
      expect(msg.zh).toContain('400 ms');
      // Stopped by the time limit, not before it (no upper bound: CI's loaded cores make any bound flaky).
      expect(ms).toBeGreaterThanOrEqual(390);
      // A fresh worker, with everything put back (slow was defined before it was stopped).
      expect(value(await e.evaluate('g(1) + h(2) + M[2, 2] + T[2]'))).toEqual({ kind: 'number', value: 6 + 7 + 4 + 20 });
      expect(await e.evaluate('u to mm')).toMatchObject({ ok: true, display: '50 mm' });
      expect(value(await e.evaluate('slow(3)'))).toEqual({ kind: 'number', value: 0 });
    } finally {
      e.close();
    }
  }, 90_000);

  it('turns running out of memory into a message and recovers', async () => {
    const e = createMathEvaluator({ maxMemoryMb: 64 });
    try {
      expect((await e.evaluate('k = 7')).ok).toBe(true);
      const many = Array.from({ length: 12 }, (_, i) => `m${i}: ones(1000, 1000)`).join(', ');
      const msg = error(await e.evaluate(`{${many}}`));
      expect(msg.en).toBe('This needed more memory than the REPL allows (64 MB) and was stopped. Use smaller matrices; your variables are kept.');
      expect(value(await e.evaluate('k + 1'))).toEqual({ kind: 'number', value: 8 });
    } finally {
      e.close();
    }
  }, 90_000);

  it('close() answers a running evaluation and the next one starts afresh', async () => {
    const e = createMathEvaluator();
    try {
      expect((await e.evaluate('k = 3')).ok).toBe(true);
      const running = e.evaluate('slow(n) = n <= 0 ? 0 : slow(n - 1) + slow(n - 1); slow(60)');
      await new Promise((r) => setTimeout(r, 200));
      e.close();
      expect(error(await running).en).toMatch(/closed/);
      expect(value(await e.evaluate('k * 2'))).toEqual({ kind: 'number', value: 6 });
    } finally {
      e.close();
    }
  }, 90_000);

  it('turns a crashed or exited worker into a message and starts a new one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-fake-worker-'));
    const script = join(dir, 'fake-worker.mjs');
    writeFileSync(
      script,
      `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (m) => {
  if (m.text === 'crash') setTimeout(() => { throw new Error('boom'); });
  else if (m.text === 'exit') process.exit(3);
  else parentPort.postMessage({ id: m.id, type: 'eval', outcome: { ok: true, value: { kind: 'number', value: 1 }, display: '1' }, changes: [] });
});
parentPort.postMessage({ type: 'ready' });
`,
    );
    const e = createMathEvaluator({ workerPath: script });
    try {
      expect(error(await e.evaluate('crash')).en).toBe('The math engine stopped unexpectedly (boom) and was restarted; your variables are kept. Please try again.');
      expect(await e.evaluate('fine')).toMatchObject({ ok: true, display: '1' });
      expect(error(await e.evaluate('exit')).en).toMatch(/^The math engine stopped unexpectedly \(exit code 3\)/);
      expect(await e.evaluate('fine')).toMatchObject({ ok: true, display: '1' });
    } finally {
      e.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('says how to build when the worker script is missing', async () => {
    const e = createMathEvaluator({ workerPath: join(tmpdir(), 'no-such-dir', 'math-worker.js') });
    expect(error(await e.evaluate('1 + 1')).en).toMatch(/npm run build/);
    e.close();
  });
});

describe('the worker file', () => {
  it('is found next to the bundle, from dist/cli.js or dist/chunks/*.js', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nnlearn-math-'));
    try {
      mkdirSync(join(dir, 'dist', 'chunks'), { recursive: true });
      writeFileSync(join(dir, 'dist', 'math-worker.js'), '');
      const fromCli = workerLocation(pathToFileURL(join(dir, 'dist', 'cli.js')).href);
      const fromChunk = workerLocation(pathToFileURL(join(dir, 'dist', 'chunks', 'repl-abc.js')).href);
      expect(fileURLToPath(fromCli)).toBe(join(dir, 'dist', 'math-worker.js'));
      expect(fileURLToPath(fromChunk)).toBe(join(dir, 'dist', 'math-worker.js'));
      expect(fileURLToPath(workerLocation())).toBe(WORKER);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('an idle worker does not keep a finished program alive', () => {
    const src = pathToFileURL(join(ROOT, 'src', 'evaluator', 'evaluator.ts')).href;
    const code = `import(${JSON.stringify(src)}).then(async (m) => { const ev = m.createMathEvaluator(); const r = await ev.evaluate('1+1'); console.log(JSON.stringify(r)); });`;
    // spawnSync's timeout is the hang detector: a worker that kept the program alive would hit it.
    const run = spawnSync(process.execPath, ['--import', 'tsx', '-e', code], { cwd: ROOT, encoding: 'utf8', timeout: 45_000 });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('"value":2');
  }, 60_000);
});
