/**
 * Output built only when asked: a command returns what it computed, and each
 * medium builds only its own output — the JSON record under --json, the
 * blocks for a screen, and of a large matrix only the marks it can show.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { commandResult, type CommandResult } from '../../src/repl/context.js';
import { formatResult } from '../../src/cli/print-result.js';
import type { LastRun } from '../../src/repl/runs.js';
import { createSession, type Session } from '../../src/repl/session.js';
import type { Block } from '../../src/view/blocks.js';
import type { MatrixBlock, MatrixHighlight } from '../../src/view/figures/types.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const sessions: Session[] = [];
function session(width = 80): Session {
  const s = createSession({ lang: 'en', width });
  sessions.push(s);
  return s;
}
afterAll(() => sessions.forEach((s) => s.close()));

const plain = makeTheme(0);
const colour = makeTheme(1);

/** A result whose producers count their calls, and throw when told to (a medium that must not ask). */
function counted(o: { jsonThrows?: boolean; blocksThrow?: boolean } = {}): { r: CommandResult; calls: { json: number; blocks: number } } {
  const calls = { json: 0, blocks: 0 };
  const r = commandResult('show', {
    json: () => {
      calls.json++;
      if (o.jsonThrows) throw new Error('the JSON record was built for a screen');
      return { command: 'show', ok: true };
    },
    blocks: () => {
      calls.blocks++;
      if (o.blocksThrow) throw new Error('blocks were built for --json');
      return [{ kind: 'text', text: 'x = 1' }];
    },
  });
  return { r, calls };
}

function matrices(r: CommandResult): MatrixBlock[] {
  return r.blocks().filter((b): b is Block & MatrixBlock => b.kind === 'matrix');
}

function marks(b: MatrixBlock): number {
  const hs = b.highlight === undefined ? [] : Array.isArray(b.highlight) ? b.highlight : [b.highlight as MatrixHighlight];
  return hs.reduce((n: number, h: MatrixHighlight) => n + h.cells.length, 0);
}

/** The matrix with every cell `marked` listed, as the commands built it before (one highlight per slice). */
function everyMark(b: MatrixBlock, marked: (slice: number, y: number, x: number) => boolean): MatrixBlock {
  const [C, H, W] = b.tensor.shape;
  const highlight = Array.from({ length: C }, (_, slice) => {
    const cells: number[][] = [];
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) if (marked(slice, y, x)) cells.push([y, x]);
    return { cells, slice, style: 'star' as const };
  });
  return { ...b, highlight };
}

describe('a command result builds its output only when a medium asks', () => {
  it('neither producer runs until asked, and each runs once however often it is asked', () => {
    const { r, calls } = counted();
    expect(calls).toEqual({ json: 0, blocks: 0 });
    expect(r.json()).toBe(r.json());
    expect(r.blocks()).toBe(r.blocks());
    expect(calls).toEqual({ json: 1, blocks: 1 });
  });

  it('text output never builds the JSON record; --json never builds the blocks', () => {
    const text = counted({ jsonThrows: true });
    expect(formatResult(text.r, { lang: 'en', json: false, width: 80, theme: plain })).toBe('x = 1');
    expect(text.calls).toEqual({ json: 0, blocks: 1 });
    const json = counted({ blocksThrow: true });
    expect(formatResult(json.r, { lang: 'en', json: true, width: 80, theme: plain })).toBe('{"command":"show","ok":true}');
    expect(json.calls).toEqual({ json: 1, blocks: 0 });
  });

  it('a session line hands back its command name without building its record', async () => {
    const s = session();
    const r = await s.exec('let x = rand 4x4x1 seed=3');
    expect(r.command).toBe('let');
    expect(r.binds).toEqual({ name: 'x' , seed: 3 });
    expect((await s.exec('')).command).toBe('none');
    expect((await s.exec('conv 4x4x1 F=9')).command).toBe('conv');
  });
});

describe('ctx.last: what step, grad and clip act on, typed by the command that made it', () => {
  it('narrows on the command, with no cast (and a run of the wrong shape does not compile)', async () => {
    const s = session();
    await s.exec('let x = rand 4x4x1 seed=1');
    await s.exec('pool x F=2 avg');
    const last = s.ctx.last;
    expect(last?.command).toBe('pool');
    if (last?.command !== 'pool') throw new Error('no pool ran');
    expect([last.data.kind, last.data.F, last.data.S, last.data.indices]).toEqual(['avg', 2, 2, null]);
    // @ts-expect-error a grad rnn run has T, H, gain, norms and grads
    const wrong: LastRun = { command: 'grad-rnn', data: { T: 3 } };
    expect(wrong.command).toBe('grad-rnn');
  });
});

describe('a large max pool marks only the winners its matrix can show', () => {
  // Several slices (some elided), rows and columns elided, at widths from narrow to wide.
  const cases = [
    { line: 'let x = rand 300x300x1 seed=5', pool: 'pool x F=1' },
    { line: 'let x = rand 90x70x5 seed=6', pool: 'pool x F=3 S=2' },
    { line: 'let x = rand 7x7x2 seed=7', pool: 'pool x F=2 S=1 P=1' },
  ];
  for (const c of cases) {
    for (const width of [20, 47, 80, 120, 233]) {
      it(`${c.pool} on ${c.line.split(' ')[4]}, ${width} columns: drawn exactly as with every winner marked`, async () => {
        const s = session(width);
        await s.exec(c.line);
        const r = await s.exec(c.pool);
        expect(r.ok).toBe(true);
        const [input] = matrices(r);
        const last = s.ctx.last;
        if (last?.command !== 'pool' || !last.data.indices) throw new Error('no max pool ran');
        const { indices, output } = last.data;
        const [C, H, W] = input.tensor.shape;
        const plane = output.shape[1] * output.shape[2];
        const won = new Set<number>();
        for (let i = 0; i < indices.length; i++) won.add(Math.floor(i / plane) * H * W + indices[i]);
        const full = everyMark(input, (slice, y, x) => won.has((slice * H + y) * W + x));
        for (const theme of [plain, colour]) {
          expect(renderBlocks([input], { lang: 'en', width, theme })).toEqual(renderBlocks([full], { lang: 'en', width, theme }));
        }
        expect(marks(input)).toBeLessThanOrEqual(Math.min(marks(full), 6 * 16 * (2 * Math.ceil(Math.max(20, width) / 3) + 1)));
        expect(C).toBe(input.tensor.shape[0]);
      });
    }
  }

  it('grad after it marks only the cells it can show that the gradient reaches, drawn as with all of them', async () => {
    const s = session(80);
    await s.exec('let x = rand 200x200x2 seed=8');
    await s.exec('pool x F=1');
    const g = await s.exec('grad');
    expect(g.ok).toBe(true);
    const [gi] = matrices(g);
    const [, H, W] = gi.tensor.shape;
    const full = everyMark(gi, (slice, y, x) => gi.tensor.data[(slice * H + y) * W + x] !== 0);
    expect(renderBlocks([gi], { lang: 'en', width: 80, theme: plain })).toEqual(renderBlocks([full], { lang: 'en', width: 80, theme: plain }));
    expect(marks(full)).toBe(80_000);
    expect(marks(gi)).toBeLessThan(2 * 16 * 55);
  });
});
