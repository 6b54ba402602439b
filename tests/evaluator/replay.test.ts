/**
 * After the math worker restarts ("Your variables are kept"), variables come
 * back as they were: mathjs's own types revive, an object the student typed
 * that merely looks like mathjs JSON ({mathjs: "Range", …}) stays a plain
 * object, and a variable that cannot be put back is named, never dropped silently.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createMathEvaluator } from '../../src/evaluator/evaluator.js';
import { createSandbox } from '../../src/evaluator/sandbox.js';
import type { ReplayEntry } from '../../src/evaluator/types.js';
import { formatResult } from '../../src/cli/print-result.js';
import { createSession } from '../../src/repl/session.js';
import { makeTheme } from '../../src/view/style.js';

const FORGED = [
  'r = {mathjs: "Range", start: 1, end: 5, step: 1}',
  'c = {mathjs: "Complex", re: 1, im: 2}',
  'n = {mathjs: "number", value: "Infinity"}',
  'm = {mathjs: "DenseMatrix", data: [1, 2], size: [2]}',
  'nested = {a: complex(1, 2), b: {mathjs: "Unit", value: 5, unit: "cm", fixPrefix: false}, x: Infinity}',
  'z = complex(3, 4)',
  'u = 5 cm',
  's = "text"',
];

function typeOf(sb: ReturnType<typeof createSandbox>, expr: string): string {
  const r = sb.evaluate(`typeOf(${expr})`).outcome;
  if (!r.ok) throw new Error(r.error.en);
  return r.display;
}

describe('replay revives only what the sandbox itself serialized', () => {
  it('in a fresh sandbox of the same session', () => {
    const tag = 'nnlearn-test-tag-0123456789abcdef';
    const first = createSandbox(undefined, { replayTag: tag });
    const entries = new Map<string, ReplayEntry>();
    for (const line of FORGED) for (const [name, e] of first.evaluate(line).changes) if (e) entries.set(name, e);
    const fresh = createSandbox(undefined, { replayTag: tag });
    expect(fresh.replay([...entries])).toEqual([]);
    expect(typeOf(fresh, 'r')).toBe('"Object"');
    expect(typeOf(fresh, 'c')).toBe('"Object"');
    expect(typeOf(fresh, 'n')).toBe('"Object"');
    expect(typeOf(fresh, 'm')).toBe('"Object"');
    expect(typeOf(fresh, 'nested.b')).toBe('"Object"');
    expect(typeOf(fresh, 'nested.a')).toBe('"Complex"');
    expect(fresh.evaluate('nested.x').outcome).toMatchObject({ ok: true, display: 'Infinity' });
    expect(fresh.evaluate('r.start + r.end').outcome).toMatchObject({ ok: true, value: { kind: 'number', value: 6 } });
    expect(fresh.evaluate('z').outcome).toMatchObject({ ok: true, display: '3 + 4i' });
    expect(fresh.evaluate('u to mm').outcome).toMatchObject({ ok: true, display: '50 mm' });
    expect(fresh.evaluate('s').outcome).toMatchObject({ ok: true, display: '"text"' });
  }, 60_000);

  it('through the worker: a restart keeps the student\'s objects plain', async () => {
    const ev = createMathEvaluator();
    try {
      for (const line of FORGED) {
        const r = await ev.evaluate(line);
        expect(r.ok, `${line}: ${r.ok ? '' : r.error.en}`).toBe(true);
      }
      ev.close(); // the next evaluation starts a fresh worker and replays every variable
      expect(await ev.evaluate('typeOf(r)')).toMatchObject({ ok: true, display: '"Object"' });
      expect(await ev.evaluate('typeOf(c)')).toMatchObject({ ok: true, display: '"Object"' });
      expect(await ev.evaluate('typeOf(nested.a)')).toMatchObject({ ok: true, display: '"Complex"' });
      const z = await ev.evaluate('z * 2');
      expect(z).toMatchObject({ ok: true, display: '6 + 8i' });
      expect(z.notice).toBeUndefined();
    } finally {
      ev.close();
    }
  }, 60_000);
});

describe('a variable that cannot be put back is named', () => {
  // A stand-in worker that cannot restore names starting with "lost": the host's side is what is tested.
  const dir = mkdtempSync(join(tmpdir(), 'nnlearn-replay-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const workerPath = join(dir, 'worker.mjs');
  writeFileSync(
    workerPath,
    `import { parentPort } from 'node:worker_threads';
parentPort.on('message', (req) => {
  if (req.type === 'eval') {
    const names = [...req.text.matchAll(/(\\w+) *=/g)].map((m) => m[1]);
    parentPort.postMessage({ id: req.id, type: 'eval', outcome: { ok: true, value: { kind: 'number', value: 1 }, display: '1' }, changes: names.map((n) => [n, { kind: 'value', value: { kind: 'number', value: 1 } }]) });
  } else if (req.type === 'replay') {
    parentPort.postMessage({ id: req.id, type: 'replay', failed: req.entries.map(([n]) => n).filter((n) => n.startsWith('lost')) });
  } else if (req.type === 'set') parentPort.postMessage({ id: req.id, type: 'set' });
});
parentPort.postMessage({ type: 'ready' });
`,
  );

  it('with the next answer, once', async () => {
    const ev = createMathEvaluator({ workerPath });
    try {
      await ev.evaluate('keep = 1; lostA = 1; lostB = 1');
      ev.close();
      const next = await ev.evaluate('1');
      expect(next.notice?.en).toMatch(/could not be restored: lostA, lostB/);
      expect(next.notice?.zh).toMatch(/lostA、lostB/);
      expect((await ev.evaluate('1')).notice).toBeUndefined();
    } finally {
      ev.close();
    }
  }, 60_000);

  it('as a warning in the REPL', async () => {
    const ev = createMathEvaluator({ workerPath });
    const session = createSession({ lang: 'en', width: 80 });
    session.ctx.math = async () => ev;
    try {
      await session.exec('lostC = 1');
      ev.close();
      const r = await session.exec('1 + 1');
      expect(formatResult(r, { lang: 'en', json: false, width: 80, theme: makeTheme(0) })).toMatch(/^! After the math engine restarted, this variable could not be restored: lostC/);
    } finally {
      ev.close();
      session.close();
    }
  }, 60_000);
});
