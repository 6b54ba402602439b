/**
 * The draw-a-digit canvas without a terminal: what keys and mouse events do to
 * it (pen, eraser, brush, bounds), where a mouse cell lands on it, and the
 * mouse-report filter that keeps reports away from readline's key parser.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BRUSHES, canvasKey, canvasReducer, initialCanvas, isBlank, type CanvasAction, type CanvasState } from '../../src/screens/train/canvas.js';
import { canvasGeometry, pixelAt } from '../../src/screens/train/canvas-layout.js';
import { joinInput, MouseFilter, splitInput, type MouseEvent } from '../../src/screens/train/mouse-input.js';
import { DRAW_SIDE } from '../../src/training/data/draw-preprocess.js';

const N = DRAW_SIDE;
const run = (actions: CanvasAction[], s: CanvasState = initialCanvas()) => actions.reduce(canvasReducer, s);
const lit = (s: CanvasState, r: number, c: number) => s.pixels[r * N + c];
const key = (ch: string, info = {}) => canvasKey(ch, info);

describe('the canvas reducer', () => {
  it('starts blank with the pen lifted in the middle', () => {
    const s = initialCanvas();
    expect(isBlank(s)).toBe(true);
    expect(s).toMatchObject({ row: 14, col: 14, down: false, eraser: false, brush: 1 });
  });

  it('moving with the pen up paints nothing; space puts it down and it paints where it goes', () => {
    let s = run([key('l') as CanvasAction, key('l') as CanvasAction]);
    expect(s.col).toBe(16);
    expect(isBlank(s)).toBe(true);
    s = run([key(' ') as CanvasAction], s);
    expect(s.down).toBe(true);
    expect(lit(s, 14, 16)).toBe(255);
    const v = s.version;
    s = run([key('j')!, key('j')!, key('j')!] as CanvasAction[], s);
    expect(s.row).toBe(17);
    expect(lit(s, 17, 16)).toBe(255);
    expect(s.version).toBeGreaterThan(v);
    // Enter lifts it again
    s = run([key('', { return: true }) as CanvasAction, key('h') as CanvasAction, key('h') as CanvasAction], s);
    expect(s.down).toBe(false);
    expect(lit(s, 17, 14)).toBe(0);
  });

  it('arrows move like hjkl, and the pen stays on the canvas', () => {
    expect(key('', { upArrow: true })).toEqual({ type: 'move', dr: -1, dc: 0 });
    expect(key('', { downArrow: true })).toEqual({ type: 'move', dr: 1, dc: 0 });
    expect(key('', { leftArrow: true })).toEqual({ type: 'move', dr: 0, dc: -1 });
    expect(key('', { rightArrow: true })).toEqual({ type: 'move', dr: 0, dc: 1 });
    let s = initialCanvas();
    for (let i = 0; i < 40; i++) s = run([{ type: 'move', dr: -1, dc: -1 }], s);
    expect(s).toMatchObject({ row: 0, col: 0 });
    for (let i = 0; i < 40; i++) s = run([{ type: 'move', dr: 1, dc: 1 }], s);
    expect(s).toMatchObject({ row: N - 1, col: N - 1 });
  });

  it('x erases where the pen goes; c clears; +/- change the brush within its sizes', () => {
    let s = run([{ type: 'pen' }, { type: 'move', dr: 0, dc: 3 }]);
    expect(lit(s, 14, 17)).toBe(255);
    s = run([key('x') as CanvasAction], s);
    expect(s.eraser).toBe(true);
    expect(lit(s, 14, 17)).toBe(0);
    s = run([{ type: 'move', dr: 0, dc: -3 }], s);
    expect(lit(s, 14, 14)).toBe(0);
    s = run([{ type: 'pen' }, { type: 'eraser' }, { type: 'pen' }, { type: 'move', dr: 5, dc: 0 }, key('c') as CanvasAction], s);
    expect(isBlank(s)).toBe(true);
    for (let i = 0; i < 10; i++) s = run([key('+') as CanvasAction], s);
    expect(s.brush).toBe(BRUSHES.length - 1);
    for (let i = 0; i < 10; i++) s = run([key('-') as CanvasAction], s);
    expect(s.brush).toBe(0);
  });

  it('Esc and d close it; other letters are not the canvas’s', () => {
    expect(key('', { escape: true })).toBe('close');
    expect(key('d')).toBe('close');
    expect(key('p')).toBeNull();
    expect(key('q')).toBeNull();
  });

  it('the mouse: left button paints and drags a gapless line, right erases, release stops, off the canvas does nothing', () => {
    let s = run([{ type: 'mouse', mouse: { kind: 'press', button: 0, at: { row: 4, col: 2 } } }]);
    expect(lit(s, 4, 2)).toBe(255);
    expect(s).toMatchObject({ row: 4, col: 2 });
    s = run([{ type: 'mouse', mouse: { kind: 'drag', button: 0, at: { row: 4, col: 20 } } }], s);
    for (let c = 2; c <= 20; c++) expect(lit(s, 4, c)).toBe(255);
    s = run([{ type: 'mouse', mouse: { kind: 'release', button: 0, at: { row: 4, col: 20 } } }], s);
    expect(s.drag).toBeNull();
    const before = s.pixels;
    s = run([{ type: 'mouse', mouse: { kind: 'drag', button: 0, at: { row: 20, col: 20 } } }], s);
    expect(s.pixels).toBe(before); // no button held: nothing drawn
    s = run([{ type: 'mouse', mouse: { kind: 'press', button: 2, at: { row: 4, col: 10 } } }], s);
    expect(lit(s, 4, 10)).toBe(0);
    expect(lit(s, 4, 2)).toBe(255);
    s = run([{ type: 'mouse', mouse: { kind: 'press', button: 0, at: null } }], s);
    expect(s.drag?.erase).toBe(true); // a press off the canvas changes nothing
    s = run([{ type: 'mouse', mouse: { kind: 'press', button: 64, at: { row: 1, col: 1 } } }], s);
    expect(lit(s, 1, 1)).toBe(0); // the wheel does not paint
  });
});

describe('where a mouse cell falls on the canvas', () => {
  for (const [w, h] of [
    [80, 24],
    [60, 15],
  ]) {
    it(`at ${w}×${h}: the canvas's corners map to its corner pixels; the frame and beyond are off`, () => {
      const g = canvasGeometry(w, h, 'en');
      expect(pixelAt(g, g.left, g.top)).toEqual({ row: 0, col: 0 });
      expect(pixelAt(g, g.left + N - 1, g.top + N / 2 - 1)).toEqual({ row: N - 2, col: N - 1 });
      expect(pixelAt(g, g.left - 1, g.top)).toBeNull();
      expect(pixelAt(g, g.left + N, g.top)).toBeNull();
      expect(pixelAt(g, g.left, g.top - 1)).toBeNull();
      expect(pixelAt(g, g.left, g.top + N / 2)).toBeNull();
      expect(g.top + N / 2 - 1).toBeLessThanOrEqual(h);
    });
  }
});

describe('the mouse-report filter', () => {
  it('takes SGR reports out of the keys: press, drag, release, the right button', () => {
    const r = splitInput('a\u001b[<0;10;5M\u001b[<32;11;6Mb\u001b[<0;11;6m\u001b[<2;3;4M\u001b[A');
    expect(r.rest).toBe('');
    expect(r.parts.map((p) => (p.kind === 'keys' ? p.text : `${p.event.kind}:${p.event.button}@${p.event.x},${p.event.y}`))).toEqual([
      'a',
      'press:0@10,5',
      'drag:0@11,6',
      'b',
      'release:0@11,6',
      'press:2@3,4',
      '\u001b[A',
    ]);
  });

  it('holds a report cut at a chunk’s end and completes it with the next chunk; a lone Esc goes on as a key after a moment', async () => {
    expect(splitInput('x\u001b[<35;1').rest).toBe('\u001b[<35;1');
    expect(splitInput('\u001b').rest).toBe('\u001b');
    expect(splitInput('\u001b[<35;1x').rest).toBe('');
    expect(splitInput('\u001b[').rest).toBe('\u001b[');
    const keys: string[] = [];
    const mice: MouseEvent[] = [];
    const f = new MouseFilter((t) => keys.push(t), (e) => mice.push(e));
    f.write('q\u001b[<0;4');
    f.write(';9Mz');
    f.flush();
    expect(keys.join('')).toBe('qz');
    expect(mice.map((m) => [m.kind, m.x, m.y])).toEqual([['press', 4, 9]]);
    // A held tail nobody completes goes to the keys as it was.
    f.write('\u001b[');
    f.flush();
    expect(keys.join('')).toBe('qz\u001b[');
    // Escape alone: handed on by the filter's own timer.
    const g = new MouseFilter((t) => keys.push(t), (e) => mice.push(e), 5);
    g.write('\u001b');
    expect(keys.join('')).toBe('qz\u001b[');
    await new Promise<void>((r) => {
      const wait = () => (keys.join('').endsWith('\u001b[\u001b') ? r() : setTimeout(wait, 5));
      wait();
    });
  });

  it('any input: never throws, and keys plus reports plus the held tail are the input exactly, in order', () => {
    const piece = fc.oneof(
      fc.string(),
      fc.constantFrom('\u001b', '\u001b[', '\u001b[<', ';', 'M', 'm', '<', '\u001b[A', '\u001b[<0;1;1M'),
      fc.tuple(fc.nat(300), fc.nat(999), fc.nat(999), fc.constantFrom('M', 'm')).map(([b, x, y, e]) => `\u001b[<${b};${x};${y}${e}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const input = pieces.join('');
        const { parts, rest } = splitInput(input);
        expect(joinInput(parts, rest)).toBe(input);
        // no key text holds a whole report (they were all taken out) and reports parse back to their numbers
        for (const p of parts) {
          if (p.kind === 'keys') expect(p.text).not.toMatch(/\u001b\[<\d+;\d+;\d+[Mm]/);
          else expect(p.event.raw).toBe(`\u001b[<${/<(\d+)/.exec(p.event.raw)![1]};${p.event.x};${p.event.y}${p.event.kind === 'release' ? 'm' : 'M'}`);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('the filter over any split of the input into chunks hands on the same keys and reports as one chunk would', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ maxLength: 3 }), fc.constant('\u001b[<32;7;8M')), { maxLength: 10 }), fc.array(fc.nat(40), { maxLength: 5 }), (pieces, cuts) => {
        const input = pieces.join('');
        const heard = (chunks: string[]) => {
          const out: string[] = [];
          const f = new MouseFilter((t) => out.push(...t), (e) => out.push(`<${e.raw}>`));
          for (const c of chunks) f.write(c);
          f.flush();
          return out.join('');
        };
        const at = [...new Set(cuts.map((c) => Math.min(c, input.length)))].sort((a, b) => a - b);
        const chunks = [0, ...at].map((s, i, all) => input.slice(s, all[i + 1] ?? input.length));
        expect(heard(chunks)).toBe(heard([input]));
      }),
      { numRuns: 300 },
    );
  });
});
