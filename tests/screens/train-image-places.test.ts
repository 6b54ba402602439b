/**
 * The training screen's pictures: where the wrong digits go as real pixels
 * (exactly over their half-block drawings, at 80×24 and 120×40, none where the
 * text shows no digit), what is sent for them frame after frame (once, not
 * every frame; rows written around a kept picture; deleted when they go), and
 * the direct-drawn screen driven with fake streams: a picture written once,
 * deleted on leaving.
 */
import { EventEmitter } from 'node:events';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { makeFrame, type Frame } from '../../src/training/loop/frame.js';
import type { TrainingClient, TrainingHandlers } from '../../src/training/loop/client.js';
import { startTrainer } from '../../src/training/start.js';
import { runDirect } from '../../src/screens/train/direct-run.js';
import { columnAt, trainScreenImages, type ImagePlace } from '../../src/screens/train/image-places.js';
import { columns, ScreenImages, sgrState } from '../../src/screens/train/images.js';
import { panelCount, trainScreenLines, type TrainLayoutOptions } from '../../src/screens/train/layout.js';
import { initialTrainScreen, type TrainScreenState } from '../../src/screens/train/state.js';
import { renderGreyImage, wrongCaption } from '../../src/view/figures/train-images.js';
import { makeTheme } from '../../src/view/style.js';

async function frameOf(steps: number): Promise<Frame> {
  const t = await startTrainer('digits', { seed: 1, epochs: 1 });
  if (!t.ok) throw new Error(t.error.en);
  let grads = t.trainer.step().grads;
  for (let i = 1; i < steps; i++) grads = t.trainer.step().grads;
  return makeFrame(t.trainer, { paused: false, speed: Infinity, done: false, grads });
}

const FRAME = await frameOf(2);
const strip = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '');
const opts = (width: number, height: number, level: 0 | 3 = 3, lang: 'en' | 'zh' = 'en'): TrainLayoutOptions => ({ width, height, lang, level, theme: makeTheme(level) });
const state = (extra: Partial<TrainScreenState> = {}): TrainScreenState => ({ ...initialTrainScreen(), frame: FRAME, ...extra });

/** The panels (Tab positions) at this size whose screen shows wrong digits, and those whose does not. */
function panelsAt(o: TrainLayoutOptions): { panel: number; places: ImagePlace[]; lines: string[] }[] {
  return Array.from({ length: Math.max(1, panelCount(FRAME, o.width, o.height)) }, (_, panel) => {
    const lines = trainScreenLines(state({ panel }), o);
    return { panel, lines, places: trainScreenImages(state({ panel }), o, lines) };
  });
}

/** Columns [c0, c1) of a screen line as plain text (the lines here are one column a character there). */
const cellsText = (line: string, c0: number, c1: number) => strip(columns(line, c0, c1));

describe('where the wrong digits go', () => {
  it('there are wrong digits to show after two steps', () => {
    expect(FRAME.views.wrong?.length).toBeGreaterThan(4);
  });

  for (const [width, height] of [
    [80, 24],
    [120, 40],
  ]) {
    for (const lang of ['en', 'zh'] as const) {
      it(`${width}×${height} ${lang}: each over its own half-block drawing, its caption right beneath, inside the screen, none overlapping`, () => {
        const o = opts(width, height, 3, lang);
        const shown = panelsAt(o).filter((p) => p.places.length);
        expect(shown.length).toBeGreaterThan(0);
        for (const { lines, places } of shown) {
          const wrong = FRAME.views.wrong!;
          let next = 0;
          for (const p of places) {
            expect(p.rows).toBe(Math.ceil(p.cols / 2));
            expect([p.pxWide, p.pxHigh]).toEqual([p.cols * 10, p.rows * 20]);
            expect(p.row + p.rows).toBeLessThan(lines.length); // the caption's line is on the screen too
            expect(p.col + p.cols).toBeLessThanOrEqual(width);
            for (let r = p.row; r < p.row + p.rows; r++) expect(cellsText(lines[r], p.col, p.col + p.cols)).toBe('▀'.repeat(p.cols));
            // Which digit it is: the caption under it names it, in the figure's order.
            const caption = cellsText(lines[p.row + p.rows], p.col, width);
            const i = wrong.findIndex((d, k) => k >= next && caption.startsWith(wrongCaption(d, FRAME.info.classNames)));
            expect(i).toBeGreaterThanOrEqual(next);
            expect(p.image.pixels.length).toBe(wrong[i].side * wrong[i].side);
            expect([...p.image.pixels]).toEqual([...wrong[i].pixels].map((v) => Math.round(v)));
            next = i + 1;
          }
          for (const a of places) for (const b of places) if (a !== b) expect(a.row + a.rows <= b.row || b.row + b.rows <= a.row || a.col + a.cols <= b.col || b.col + b.cols <= a.col).toBe(true);
        }
      });
    }
  }

  it('80×24: the first panel shows four digits of 14×7 cells in two bands; 120×40 shows eight', () => {
    const at80 = panelsAt(opts(80, 24))[0].places;
    expect(at80.map((p) => [p.row, p.col, p.cols, p.rows])).toEqual([
      [at80[0].row, 0, 14, 7],
      [at80[0].row, 16, 14, 7],
      [at80[0].row + 8, 0, 14, 7],
      [at80[0].row + 8, 16, 14, 7],
    ]);
    expect(panelsAt(opts(120, 40))[0].places.length).toBe(8);
  });

  it('no pictures where the text shows no digit: other panels, the help page, no colour, no wrong digits', () => {
    const o = opts(60, 15);
    const panels = panelsAt(o);
    for (const p of panels) expect(p.places.length > 0).toBe(strip(p.lines.join('\n')).includes('wrong: true → predicted'));
    expect(panels.some((p) => !p.places.length)).toBe(true);
    expect(trainScreenImages(state({ help: true }), opts(80, 24))).toEqual([]);
    expect(trainScreenImages(state(), opts(80, 24, 0))).toEqual([]);
    expect(trainScreenImages(state({ frame: { ...FRAME, views: { ...FRAME.views, wrong: [] } } }), opts(80, 24))).toEqual([]);
    expect(trainScreenImages(initialTrainScreen(), opts(80, 24))).toEqual([]);
  });

  it('a digit cut off by the panel’s end gets no picture (its half blocks are not all there)', () => {
    // Heights where the second band of digits is cut: fewer pictures than at a height where it fits.
    const counts = [20, 21, 22, 23, 24].map((h) => panelsAt(opts(80, h))[0].places.length);
    expect(counts).toContain(2);
    expect(counts[counts.length - 1]).toBe(4);
  });

  it('a drawing whose lines stand at different columns is not a digit (each line must be right under the one above)', () => {
    const d = FRAME.views.wrong![0];
    const one = state({ frame: { ...FRAME, views: { ...FRAME.views, wrong: [d] } } });
    const o = opts(80, 24);
    const tile = renderGreyImage({ pixels: d.pixels, side: d.side }, 14, { level: 3, lang: 'en', height: 7 });
    const at = (shift: (j: number) => number) => trainScreenImages(one, o, ['head', ...tile.map((t, j) => ' '.repeat(shift(j)) + t), 'caption']);
    expect(at(() => 3).map((p) => [p.row, p.col, p.cols])).toEqual([[1, 3, 14]]);
    expect(at((j) => (j === 4 ? 5 : 3))).toEqual([]);
    expect(at((j) => (j === 0 ? 0 : 3))).toEqual([]);
  });

  it('columnAt counts colour codes as nothing and Chinese characters as two', () => {
    const line = '\u001b[31m第\u001b[0mab▀';
    expect(columnAt(line, line.indexOf('▀'))).toBe(4);
  });
});

/** A terminal of characters only: moves (CSI r;c H), text, erase to the end of the line (CSI K); colours dropped. */
class CharScreen {
  grid: string[][];
  constructor(readonly width: number, readonly height: number, fill = '.') {
    this.grid = Array.from({ length: height }, () => Array<string>(width).fill(fill));
  }
  write(s: string): void {
    let r = 0;
    let c = 0;
    for (const m of strip(s).matchAll(/\u001b\[(\d+);(\d+)H|\u001b\[K|([\s\S])/gu)) {
      if (m[1]) [r, c] = [Number(m[1]) - 1, Number(m[2]) - 1];
      else if (m[3] === undefined) for (let k = c; k < this.width; k++) this.grid[r][k] = ' ';
      else this.grid[r][c++] = m[3];
    }
  }
  row(r: number): string {
    return this.grid[r].join('');
  }
}

const place = (row: number, col: number, key = 'a'): ImagePlace => ({ row, col, cols: 4, rows: 2, pxWide: 40, pxHigh: 40, key, image: { width: 4, height: 4, pixels: new Uint8Array(16).fill(key === 'a' ? 200 : 50) } });
const kittyIds = (s: string, action: string) => [...s.matchAll(new RegExp(`\\u001b_Ga=${action},[^;\\u001b]*?i=(\\d+)`, 'g'))].map((m) => Number(m[1]));

describe('what is sent for them', () => {
  it('kitty: sent once at its place; the next frame sends nothing for it; changed pixels delete the old id and send a new one', () => {
    const im = new ScreenImages('kitty');
    const first = im.update([place(2, 5)]);
    expect(first.after.startsWith('\u001b[3;6H\u001b_Ga=T,')).toBe(true);
    const [id] = kittyIds(first.after, 'T');
    expect(im.update([place(2, 5)])).toEqual({ stale: [], before: '', after: '' });
    const changed = im.update([place(2, 5, 'b')]);
    expect(kittyIds(changed.before, 'd')).toEqual([id]);
    expect(changed.stale).toEqual([2, 3]);
    const [id2] = kittyIds(changed.after, 'T');
    expect(id2).not.toBe(id);
    expect(kittyIds(im.clear(), 'd')).toEqual([id2]);
    expect(im.clear()).toBe('');
    expect(kittyIds(im.update([place(2, 5, 'b')]).after, 'T').length).toBe(1); // after a clear it is sent again
  });

  it('a moved picture is a new one (the old one deleted, its rows written again)', () => {
    const im = new ScreenImages('kitty');
    im.update([place(2, 5)]);
    const moved = im.update([place(3, 5)]);
    expect(kittyIds(moved.before, 'd').length).toBe(1);
    expect(moved.stale).toEqual([2, 3]);
    expect(kittyIds(moved.after, 'T').length).toBe(1);
  });

  it('a row through a kept picture is written around it: its cells are left alone, the rest is the line', () => {
    for (const protocol of ['kitty', 'iterm', 'sixel'] as const) {
      const im = new ScreenImages(protocol);
      im.update([place(1, 3), { ...place(1, 10), key: 'c' }]);
      const screen = new CharScreen(20, 4);
      // Before it is kept (the frame that sends it), rows are written whole.
      screen.write(im.row(1, '\u001b[32mabcdefghijklmnopq\u001b[0m'));
      expect(screen.row(1)).toBe('abcdefghijklmnopq   ');
      im.update([place(1, 3), { ...place(1, 10), key: 'c' }]);
      screen.write(im.row(1, '\u001b[31mABCDEFGHIJKLMNOPQ\u001b[0m'));
      expect(screen.row(1)).toBe('ABCdefgHIJklmnOPQ   ');
      screen.write(im.row(0, 'top'));
      expect(screen.row(0)).toBe('top                 ');
    }
  });

  it('the piece of a line starts in the colours the line has there, in a few bytes', () => {
    const line = '\u001b[31mab\u001b[42mcd\u001b[0mef';
    expect(columns(line, 3, 5)).toBe('\u001b[0;31;42md\u001b[0me');
    expect(columns(line, 4, Infinity)).toBe('ef'); // reset right before column 4: nothing to set (each piece is written from the default colours)
    expect(columns(line, 0, 1)).toBe('\u001b[0;31ma');
    expect(columns(line, 2, 2)).toBe('');
    expect(sgrState(['\u001b[1m', '\u001b[38;2;1;2;3m', '\u001b[48;5;16m', '\u001b[39m', '\u001b[2m'])).toBe('\u001b[0;1;2;48;5;16m');
    expect(sgrState(['\u001b[1;38;5;200m', '\u001b[m'])).toBe('');
    // A row of half-block cells (two codes each) costs one code, not all of them.
    const cells = Array.from({ length: 40 }, (_, i) => `\u001b[38;2;${i};${i};${i}m\u001b[48;2;9;9;9m▀\u001b[49m\u001b[39m`).join('');
    expect(columns(`${cells}tail`, 40, Infinity)).toBe('tail');
  });

  it('iTerm2 and sixel: the picture is sent at its place; none: nothing at all', () => {
    expect(new ScreenImages('iterm').update([place(0, 0)]).after).toMatch(/^\u001b\[1;1H\u001b\]1337;File=inline=1;size=\d+;width=4;height=2;preserveAspectRatio=1:/);
    expect(new ScreenImages('sixel').update([place(4, 2)]).after).toMatch(/^\u001b\[5;3H\u001bPq"1;1;40;40/);
    const none = new ScreenImages('none');
    expect(none.update([place(0, 0)])).toEqual({ stale: [], before: '', after: '' });
    expect(none.clear()).toBe('');
  });
});

/** A training thread that sends what the test says. */
class FakeClient {
  handlers: TrainingHandlers | null = null;
  listen(h: TrainingHandlers) {
    this.handlers = h;
  }
  send() {}
  save() {}
  close() {}
}

class FakeOut extends EventEmitter {
  columns = 80;
  rows = 24;
  isTTY = false;
  written = '';
  write(s: string) {
    this.written += s;
    return true;
  }
}

const tick = () => new Promise((r) => setImmediate(r));

describe('the direct-drawn screen', () => {
  it('kitty: each picture written once over three frames, again after a resize, deleted on leaving', async () => {
    const client = new FakeClient();
    const out = new FakeOut();
    const inp = new PassThrough();
    const done = runDirect({
      id: 'digits',
      options: {},
      lang: 'en',
      theme: makeTheme(3),
      level: 3,
      client: client as unknown as TrainingClient,
      stdin: inp as unknown as NodeJS.ReadStream,
      stdout: out as unknown as NodeJS.WriteStream,
      images: 'kitty',
    });
    for (let k = 0; k < 3; k++) {
      client.handlers!.frame({ ...FRAME, stepsDone: FRAME.stepsDone + k, losses: [...FRAME.losses, 2 - k / 10] });
      await tick();
    }
    const sent = kittyIds(out.written, 'T');
    expect(sent.length).toBe(4); // the four digits at 80×24, once each
    expect(new Set(sent).size).toBe(4);
    expect(kittyIds(out.written, 'd')).toEqual([]);

    out.written = '';
    out.emit('resize');
    await tick();
    expect(kittyIds(out.written, 'd').sort()).toEqual([...sent].sort()); // the clear takes them, they are sent again
    const resent = kittyIds(out.written, 'T');
    expect(resent.length).toBe(4);

    out.written = '';
    inp.write('q');
    await tick();
    inp.write('y');
    await done;
    expect(kittyIds(out.written, 'd').sort()).toEqual([...resent].sort());
    expect(out.written.lastIndexOf('\u001b_Ga=d')).toBeLessThan(out.written.indexOf('\u001b[?1049l')); // deleted before the screen is left
  });

  for (const [protocol, code] of [
    ['sixel', /\u001bPq/g],
    ['iterm', /\u001b\]1337;File=/g],
  ] as const) {
    it(`${protocol}: each picture written once over three frames, at its place`, async () => {
      const client = new FakeClient();
      const out = new FakeOut();
      const inp = new PassThrough();
      const done = runDirect({ id: 'digits', options: {}, lang: 'en', theme: makeTheme(3), level: 3, client: client as unknown as TrainingClient, stdin: inp as unknown as NodeJS.ReadStream, stdout: out as unknown as NodeJS.WriteStream, images: protocol });
      for (let k = 0; k < 3; k++) {
        client.handlers!.frame({ ...FRAME, stepsDone: FRAME.stepsDone + k, losses: [...FRAME.losses, 2 - k / 10] });
        await tick();
      }
      expect(out.written.match(code)?.length).toBe(4);
      const places = trainScreenImages(state(), opts(80, 24));
      for (const p of places) expect(out.written).toContain(`\u001b[${p.row + 1};${p.col + 1}H${protocol === 'sixel' ? '\u001bPq' : '\u001b]1337'}`);
      client.handlers!.done({ ...FRAME, done: true });
      await tick();
      inp.write('q');
      await done;
    });
  }

  it('a bad NNLEARN_IMAGES is said on the screen, and it draws text', async () => {
    const before = process.env.NNLEARN_IMAGES;
    process.env.NNLEARN_IMAGES = 'kity';
    try {
      const client = new FakeClient();
      const out = new FakeOut();
      const inp = new PassThrough();
      const done = runDirect({ id: 'digits', options: {}, lang: 'zh', theme: makeTheme(3), level: 3, client: client as unknown as TrainingClient, stdin: inp as unknown as NodeJS.ReadStream, stdout: out as unknown as NodeJS.WriteStream });
      client.handlers!.done({ ...FRAME, done: true });
      await tick();
      inp.write('q');
      await done;
      expect(strip(out.written)).toContain('NNLEARN_IMAGES="kity" 不是 kitty、iterm、sixel、none 之一');
      expect(out.written).not.toMatch(/\u001b_G|\u001b\]1337|\u001bPq/);
    } finally {
      if (before === undefined) delete process.env.NNLEARN_IMAGES;
      else process.env.NNLEARN_IMAGES = before;
    }
  });

  it('no protocol: no image codes at all, the same text', async () => {
    const client = new FakeClient();
    const out = new FakeOut();
    const inp = new PassThrough();
    const done = runDirect({ id: 'digits', options: {}, lang: 'en', theme: makeTheme(3), level: 3, client: client as unknown as TrainingClient, stdin: inp as unknown as NodeJS.ReadStream, stdout: out as unknown as NodeJS.WriteStream, images: 'none' });
    client.handlers!.done({ ...FRAME, done: true });
    await tick();
    inp.write('q');
    await done;
    expect(out.written).not.toMatch(/\u001b_G|\u001b\]1337|\u001bPq/);
    expect(strip(out.written)).toContain('wrong: true → predicted');
  });
});
