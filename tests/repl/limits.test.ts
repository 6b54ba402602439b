/**
 * Issue #10: every REPL command estimates its work before running and refuses
 * what would take more than a few seconds, naming a smaller setting. The engine's
 * work budget is the backstop: here it is lowered to the REPL's own limit, so a
 * command that skipped its estimate fails fast with the engine's message (which
 * names setWorkBudget) instead of the REPL's — these tests never run long.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getWorkBudget, setWorkBudget } from '../../src/engine/budget.js';
import type { CommandResult } from '../../src/repl/context.js';
import { createSession, type Session } from '../../src/repl/session.js';
import { REPL_MAX_WORK } from '../../src/repl/tensors.js';

beforeAll(() => setWorkBudget(REPL_MAX_WORK));
afterAll(() => setWorkBudget());

async function run(s: Session, line: string): Promise<CommandResult> {
  return s.exec(line);
}

async function refused(s: Session, line: string): Promise<{ en: string; zh: string }> {
  const r = await run(s, line);
  expect(r.ok, `${line} should be refused`).toBe(false);
  const block = r.blocks().find((b) => b.kind === 'error') as { text: { en: string; zh: string } } | undefined;
  expect(block).toBeDefined();
  return block!.text;
}

describe('the REPL refuses slow work before doing it, and names a smaller setting', () => {
  const sessions: Session[] = [];
  const session = () => {
    const s = createSession({ lang: 'en' });
    sessions.push(s);
    return s;
  };
  afterAll(() => sessions.forEach((s) => s.close()));

  it('the REPL limit is below the engine default, so the REPL always speaks first', () => {
    setWorkBudget();
    expect(REPL_MAX_WORK).toBeLessThan(getWorkBudget());
    setWorkBudget(REPL_MAX_WORK);
  });

  it('pool on values with overlapping windows (the issue: pool big F=1000 S=1 avg) suggests windows side by side', async () => {
    const s = session();
    expect((await run(s, 'let big = rand 1000x1000')).ok).toBe(true);
    const m = await refused(s, 'pool big F=500 S=1 avg');
    expect(m.en).toMatch(/pool big F=500 S=1 would take about [\d,]+ steps of work .* REPL's limit/);
    expect(m.en).toContain('pool big F=500 S=500 avg');
    expect(m.zh).toContain('pool big F=500 S=500 avg');
    expect(m.en).not.toMatch(/setWorkBudget/);
    // The suggestion works.
    expect((await run(s, 'pool big F=500 S=500 avg')).ok).toBe(true);
  });

  it('conv on values too slow: the largest kernel that fits is named', async () => {
    const s = session();
    await run(s, 'let big = rand 1000x1000');
    const m = await refused(s, 'conv big F=40');
    const f = Number(/conv big F=(\d+)\./.exec(m.en)?.[1]);
    expect(f).toBeGreaterThan(1);
    expect(f).toBeLessThan(40);
    expect(m.zh).toContain(`conv big F=${f}`);
    expect((await run(s, `conv big F=${f}`)).ok).toBe(true);
  }, 60_000);

  it('grad after a conv that just fitted (the issue: conv big F=22, then grad) is refused with a kernel that fits both', async () => {
    const s = session();
    await run(s, 'let big = rand 1000x1000');
    expect((await run(s, 'conv big F=22')).ok).toBe(true);
    const m = await refused(s, 'grad');
    const f = Number(/conv big F=(\d+), then grad/.exec(m.en)?.[1]);
    expect(f).toBeGreaterThan(1);
    expect(f).toBeLessThan(22);
    expect(m.zh).toContain(`conv big F=${f}，再 grad`);
    expect((await run(s, `conv big F=${f}`)).ok).toBe(true);
    expect((await run(s, 'grad')).ok).toBe(true);
  }, 60_000);

  it('step over a huge plane is refused from the shapes, before anything is recomputed', async () => {
    const s = session();
    await run(s, 'let big = rand 1000x1000');
    await run(s, 'pool big F=2 S=2');
    const m = await refused(s, 'step');
    expect(m.en).toMatch(/250,000 windows of 2×2/);
    expect(m.en).toMatch(/let x = rand 8x8x1/);
  });

  it.each([
    ['let big = rand 2000x2000', /at most 1,000,000/],
    ['let x = rand 200x200x3', null],
    ['conv x F=20 K=300', /at most 1,000,000 at a time\. Each filter makes a 181×181 slice: try fewer filters, K=30\./],
    ['attn L=100000 d=100000', /at most 64/],
    ['mha L=64 E=100000 h=16', /at most 128/],
    ['rnn T=1000000 H=10000', /at most 64/],
    ['lstm T=64 H=100000', /at most 16/],
    ['grad rnn T=1000000', /at most 1,000/],
    ['grad rnn T=1000 H=100000', /at most 256/],
    ['posenc L=10000000 d=10000', /at most 512/],
  ])('%s is refused at once with the largest size allowed', async (line, re) => {
    const s = session();
    await run(s, 'let x = rand 200x200x3');
    const r = await run(s, line);
    if (re === null) return expect(r.ok).toBe(true);
    expect(r.ok).toBe(false);
    expect(String(r.json().error)).toMatch(re);
  });

  it('the largest values each command accepts stay within the REPL limit (the engine backstop never fires)', async () => {
    const s = session();
    const lines = [
      'let big = rand 1000x1000',
      'conv big F=3',
      'grad',
      'pool big F=2 S=2 avg',
      'grad',
      'pool big F=3 S=1 l2',
      'relu big',
      'softmax big',
      'layernorm big',
      'show big',
      'grad rnn T=1000 H=256',
      'clip max=1',
      'mha L=64 E=128 h=16',
      'attn L=64 d=64',
      'posenc L=512 d=512',
      'net 4000x4000x512 | conv F=11 K=4096 | conv F=11 K=4096 | fc 100000',
    ];
    for (const line of lines) {
      const r = await run(s, line);
      expect(String(r.json().error ?? ''), line).not.toMatch(/setWorkBudget/);
      expect(r.ok, `${line}: ${String(r.json().error)}`).toBe(true);
    }
  }, 120_000);
});
