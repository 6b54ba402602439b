/**
 * The image encoders decoded again: a PNG inflated by node:zlib gives back its
 * pixels and every CRC checks; kitty's chunks put together give back the
 * pixels, none over 4096 bytes; a small sixel decoder gives back the (scaled,
 * grey-levelled) pixels. And which protocol each terminal's environment gets.
 */
import { inflateSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  adler32,
  crc32,
  detectImages,
  encodePng,
  greyPixels,
  itermImage,
  KITTY_CHUNK,
  kittyDelete,
  kittyImage,
  scaleNearest,
  SIXEL_LEVELS,
  sixelFor,
  sixelImage,
  sixelLevel,
  zlibStored,
  type GreyPixels,
} from '../../src/view/images/index.js';
import sw from '../../src/view/width.js';

/** A CRC-32 the slow way (bit by bit, no table): an independent check of the table-driven one. */
function crcSlow(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

const bytes = (s: string) => new TextEncoder().encode(s);

/** A seeded image of `w`×`h` grey pixels: a gradient with noise, so every level and many runs occur. */
function testImage(w: number, h: number, seed = 7): GreyPixels {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648);
  const pixels = Uint8Array.from({ length: w * h }, (_, i) => (rnd() < 0.3 ? Math.floor(rnd() * 256) : ((i % w) * 255) / Math.max(1, w - 1)));
  return { width: w, height: h, pixels };
}

interface PngChunk {
  type: string;
  data: Uint8Array;
  crcOk: boolean;
}

function readPng(png: Uint8Array): PngChunk[] {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const out: PngChunk[] = [];
  for (let o = 8; o < png.length; ) {
    const len = view.getUint32(o);
    const type = String.fromCharCode(...png.subarray(o + 4, o + 8));
    const data = png.subarray(o + 8, o + 8 + len);
    out.push({ type, data, crcOk: view.getUint32(o + 8 + len) === crcSlow(png.subarray(o + 4, o + 8 + len)) });
    o += 12 + len;
  }
  return out;
}

/** The pixels of a PNG this encoder wrote (8-bit, filter 0 rows), inflated by node:zlib. */
function decodePng(png: Uint8Array): { width: number; height: number; colourType: number; pixels: Uint8Array } {
  const chunks = readPng(png);
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  for (const c of chunks) expect(c.crcOk).toBe(true);
  const h = new DataView(chunks[0].data.buffer, chunks[0].data.byteOffset, 13);
  const width = h.getUint32(0);
  const height = h.getUint32(4);
  expect(h.getUint8(8)).toBe(8);
  const colourType = h.getUint8(9);
  const channels = colourType === 0 ? 1 : 3;
  const raw = inflateSync(chunks[1].data); // checks the zlib header and the Adler-32 too
  const row = width * channels;
  expect(raw.length).toBe((row + 1) * height);
  const pixels = new Uint8Array(row * height);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (row + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (row + 1) + 1, (y + 1) * (row + 1)), y * row);
  }
  return { width, height, colourType, pixels };
}

describe('checksums', () => {
  it('CRC-32 and Adler-32 give the published check values', () => {
    expect(crc32(bytes('123456789'))).toBe(0xcbf43926);
    expect(adler32(bytes('Wikipedia'))).toBe(0x11e60398);
    expect(adler32(new Uint8Array(0))).toBe(1);
  });

  it('CRC-32 agrees with the bit-by-bit one, Adler-32 with zlib, on 200 kB of bytes', () => {
    const data = testImage(500, 400).pixels;
    expect(crc32(data)).toBe(crcSlow(data));
    const z = deflateSync(data);
    expect(adler32(data)).toBe(new DataView(z.buffer, z.byteOffset, z.byteLength).getUint32(z.length - 4));
  });

  it('stored zlib blocks inflate back, across the 65,535-byte block limit', () => {
    for (const n of [0, 1, 65535, 65536, 140000]) {
      const data = testImage(n, 1).pixels;
      expect(Buffer.from(inflateSync(zlibStored(data))).equals(Buffer.from(data))).toBe(true);
    }
  });
});

describe('PNG', () => {
  it('grey: node:zlib inflates the pixels back, every CRC checks', () => {
    const img = testImage(28, 28);
    const d = decodePng(encodePng({ width: 28, height: 28, channels: 1, pixels: img.pixels }));
    expect(d).toMatchObject({ width: 28, height: 28, colourType: 0 });
    expect([...d.pixels]).toEqual([...img.pixels]);
  });

  it('RGB, odd sizes, and with node:zlib as the deflate', () => {
    const img = testImage(7 * 3, 5);
    for (const deflate of [undefined, (raw: Uint8Array) => deflateSync(raw)]) {
      const d = decodePng(encodePng({ width: 7, height: 5, channels: 3, pixels: img.pixels }, deflate));
      expect(d).toMatchObject({ width: 7, height: 5, colourType: 2 });
      expect([...d.pixels]).toEqual([...img.pixels]);
    }
  });

  it('refuses a pixel count that does not match the size', () => {
    expect(() => encodePng({ width: 3, height: 3, channels: 1, pixels: new Uint8Array(8) })).toThrow(/8 bytes/);
  });
});

/** kitty's escape codes as their keys and payloads. */
function kittyParts(s: string): { keys: Record<string, string>; payload: string }[] {
  const re = /\u001b_G([^;\u001b]*)(?:;([^\u001b]*))?\u001b\\/g;
  const out: { keys: Record<string, string>; payload: string }[] = [];
  let end = 0;
  for (const m of s.matchAll(re)) {
    expect(m.index).toBe(end); // nothing between the codes
    end = m.index! + m[0].length;
    out.push({ keys: Object.fromEntries(m[1].split(',').map((kv) => kv.split('='))), payload: m[2] ?? '' });
  }
  expect(end).toBe(s.length);
  return out;
}

describe('kitty', () => {
  it('raw RGB (f=24): the chunks put together give back the pixels; each ≤ 4096 bytes, m=1 on all but the last', () => {
    const img = testImage(60, 50); // 9,000 RGB bytes: 12,000 base64 bytes, three chunks
    const parts = kittyParts(kittyImage(img, { id: 7, cols: 14, rows: 7 }));
    expect(parts.length).toBe(3);
    expect(parts[0].keys).toMatchObject({ a: 'T', f: '24', s: '60', v: '50', i: '7', c: '14', r: '7', q: '2', C: '1', m: '1' });
    parts.forEach((p, i) => {
      expect(p.payload.length).toBeLessThanOrEqual(4096); // the spec's number, not the constant under test
      expect(KITTY_CHUNK).toBe(4096);
      expect(p.keys.m).toBe(i < parts.length - 1 ? '1' : '0');
      if (i < parts.length - 1) expect(p.payload.length % 4).toBe(0);
      if (i > 0) expect(Object.keys(p.keys).sort()).toEqual(['m', 'q']);
    });
    const rgb = Buffer.from(parts.map((p) => p.payload).join(''), 'base64');
    expect(rgb.length).toBe(60 * 50 * 3);
    expect([...rgb]).toEqual([...img.pixels].flatMap((v) => [v, v, v]));
  });

  it('a small image is one chunk with m=0; PNG (f=100) decodes back', () => {
    const img = testImage(28, 28);
    expect(kittyParts(kittyImage(img, { id: 1, cols: 4, rows: 2 })).map((p) => p.keys.m)).toEqual(['0']);
    const parts = kittyParts(kittyImage(img, { id: 1, cols: 4, rows: 2, format: 'png' }));
    expect(parts[0].keys.f).toBe('100');
    expect(parts[0].keys.s).toBeUndefined();
    expect([...decodePng(Buffer.from(parts.map((p) => p.payload).join(''), 'base64')).pixels]).toEqual([...img.pixels]);
  });

  it('deletes by id, freeing the data (d=I), quietly; ids outside 1…2³²−1 are refused', () => {
    expect(kittyDelete(42)).toBe('\u001b_Ga=d,d=I,i=42,q=2\u001b\\');
    expect(() => kittyDelete(0)).toThrow(RangeError);
    expect(() => kittyImage(testImage(2, 2), { id: 2 ** 32, cols: 1, rows: 1 })).toThrow(RangeError);
  });
});

describe('iTerm2', () => {
  it('OSC 1337 File= with the cells and the PNG, ended by BEL; the PNG decodes back', () => {
    const img = testImage(28, 28);
    const s = itermImage(img, { cols: 14, rows: 7 });
    const m = /^\u001b\]1337;File=([^:]*):([A-Za-z0-9+/=]*)\u0007$/.exec(s);
    expect(m).not.toBeNull();
    const args = Object.fromEntries(m![1].split(';').map((kv) => kv.split('=')));
    const png = Buffer.from(m![2], 'base64');
    expect(args).toEqual({ inline: '1', size: String(png.length), width: '14', height: '7', preserveAspectRatio: '1' });
    expect([...decodePng(png).pixels]).toEqual([...img.pixels]);
  });
});

/** A small sixel decoder: palette, raster size, bands, runs, "$" and "-". Returns the grey of every pixel. */
function decodeSixel(s: string): { width: number; height: number; grey: number[] } {
  const m = /^\u001bPq"1;1;(\d+);(\d+)([\s\S]*)\u001b\\$/.exec(s);
  expect(m).not.toBeNull();
  const width = Number(m![1]);
  const height = Number(m![2]);
  const grey = new Array<number>(width * height).fill(-1);
  const palette = new Map<number, number>();
  const body = m![3];
  let colour = 0;
  let x = 0;
  let band = 0;
  const at = (re: RegExp, i: number) => {
    re.lastIndex = i;
    return re.exec(body)!;
  };
  for (let i = 0; i < body.length; ) {
    const c = body[i];
    if (c === '#') {
      const d = at(/#(\d+)(?:;2;(\d+);(\d+);(\d+))?/y, i);
      colour = Number(d[1]);
      if (d[2] !== undefined) {
        expect(d[2]).toBe(d[3]);
        expect(d[3]).toBe(d[4]);
        palette.set(colour, Number(d[2]));
      }
      i += d[0].length;
    } else if (c === '$') {
      x = 0;
      i++;
    } else if (c === '-') {
      x = 0;
      band++;
      i++;
    } else {
      let n = 1;
      if (c === '!') {
        const r = at(/!(\d+)/y, i);
        n = Number(r[1]);
        i += r[0].length;
      }
      const bits = body.charCodeAt(i) - 63;
      if (!(bits >= 0 && bits < 64)) throw new Error(`not a sixel character: ${JSON.stringify(body[i])} at ${i}`);
      for (let k = 0; k < n; k++, x++) {
        for (let b = 0; b < 6; b++) {
          if (!(bits & (1 << b))) continue;
          const y = band * 6 + b;
          if (x >= width || y >= height) throw new Error(`pixel (${x}, ${y}) outside ${width}×${height}`);
          if (grey[y * width + x] !== -1) throw new Error(`pixel (${x}, ${y}) painted twice`);
          grey[y * width + x] = palette.get(colour)!;
        }
      }
      i++;
    }
  }
  return { width, height, grey };
}

describe('sixel', () => {
  const percent = (v: number) => Math.round((sixelLevel(v) * 100) / (SIXEL_LEVELS - 1));

  it('the decoder gives back every pixel at its grey level (sizes not a multiple of 6)', () => {
    for (const [w, h] of [[28, 28], [13, 17], [1, 1], [5, 6]]) {
      const img = testImage(w, h);
      const d = decodeSixel(sixelImage(img));
      expect([d.width, d.height]).toEqual([w, h]);
      expect(d.grey).toEqual([...img.pixels].map(percent));
    }
  });

  it('scaled nearest-neighbour to the cells’ pixels: a 28×28 digit in 14×7 cells of 10×20 px is 140×140, each pixel a 5×5 square', () => {
    const img = testImage(28, 28);
    const d = decodeSixel(sixelFor(img, 140, 140));
    expect([d.width, d.height]).toEqual([140, 140]);
    const want = Array.from({ length: 140 * 140 }, (_, i) => percent(img.pixels[Math.floor(Math.floor(i / 140) / 5) * 28 + Math.floor((i % 140) / 5)]));
    expect(d.grey).toEqual(want);
    expect(scaleNearest(img, 140, 140).pixels.length).toBe(140 * 140);
  });

  it('runs of a character are sent as !n', () => {
    const black = { width: 100, height: 6, pixels: new Uint8Array(600) };
    expect(sixelImage(black)).toContain('#0!100~');
  });
});

describe('which protocol', () => {
  const cases: [string, Record<string, string>, boolean, string][] = [
    ['kitty by its window id', { KITTY_WINDOW_ID: '1', TERM: 'xterm-256color' }, true, 'kitty'],
    ['kitty by TERM', { TERM: 'xterm-kitty' }, true, 'kitty'],
    ['Ghostty by TERM', { TERM: 'xterm-ghostty' }, true, 'kitty'],
    ['Ghostty by TERM_PROGRAM', { TERM_PROGRAM: 'ghostty', TERM: 'xterm-256color' }, true, 'kitty'],
    ['iTerm2 by TERM_PROGRAM', { TERM_PROGRAM: 'iTerm.app', TERM: 'xterm-256color' }, true, 'iterm'],
    ['iTerm2 over ssh (LC_TERMINAL)', { LC_TERMINAL: 'iTerm2', TERM: 'xterm-256color' }, true, 'iterm'],
    ['WezTerm', { TERM_PROGRAM: 'WezTerm', TERM: 'xterm-256color' }, true, 'iterm'],
    ['foot', { TERM: 'foot' }, true, 'sixel'],
    ['foot-extra', { TERM: 'foot-extra' }, true, 'sixel'],
    ['mlterm by TERM', { TERM: 'mlterm' }, true, 'sixel'],
    ['mlterm by MLTERM (its TERM is xterm)', { MLTERM: '3.9.3', TERM: 'xterm' }, true, 'sixel'],
    ['a TERM that says sixel', { TERM: 'xterm-sixel' }, true, 'sixel'],
    ['a plain xterm', { TERM: 'xterm-256color' }, true, 'none'],
    ['nothing set', {}, true, 'none'],
    ['kitty inside tmux', { KITTY_WINDOW_ID: '1', TMUX: '/tmp/tmux-1/default,1,0', TERM: 'tmux-256color' }, true, 'none'],
    ['iTerm2 inside tmux (TERM screen)', { TERM_PROGRAM: 'iTerm.app', TERM: 'screen-256color', TMUX: 'x' }, true, 'none'],
    ['foot inside GNU screen', { TERM: 'screen.foot', STY: '123.pts-0' }, true, 'none'],
    ['TERM=tmux without $TMUX (ssh from tmux)', { TERM: 'tmux-256color', LC_TERMINAL: 'iTerm2' }, true, 'none'],
    ['kitty, but output is not a terminal', { KITTY_WINDOW_ID: '1' }, false, 'none'],
    ['forced kitty inside tmux', { TMUX: 'x', NNLEARN_IMAGES: 'kitty' }, true, 'kitty'],
    ['forced sixel on a plain xterm', { TERM: 'xterm', NNLEARN_IMAGES: 'sixel' }, true, 'sixel'],
    ['forced iterm, any case and spaces', { NNLEARN_IMAGES: ' ITerm ' }, true, 'iterm'],
    ['forced none in kitty', { KITTY_WINDOW_ID: '1', NNLEARN_IMAGES: 'none' }, true, 'none'],
    ['forced, but not a terminal', { NNLEARN_IMAGES: 'kitty' }, false, 'none'],
    ['empty NNLEARN_IMAGES is unset', { NNLEARN_IMAGES: '', TERM: 'xterm-kitty' }, true, 'kitty'],
  ];
  for (const [name, env, tty, want] of cases) {
    it(`${name} → ${want}`, () => {
      const d = detectImages(env, tty);
      expect(d.protocol).toBe(want);
      expect(d.problem).toBeUndefined();
    });
  }

  it('a bad NNLEARN_IMAGES: none, and a message in both languages naming the value and the four', () => {
    const d = detectImages({ NNLEARN_IMAGES: 'kity', KITTY_WINDOW_ID: '1' }, true);
    expect(d.protocol).toBe('none');
    for (const text of [d.problem!.en, d.problem!.zh]) {
      expect(text).toContain('"kity"');
      for (const p of ['kitty', 'iterm', 'sixel', 'none']) expect(text).toContain(p);
    }
    expect(d.problem!.zh).toMatch(/[\u4e00-\u9fff]/);
    // It is shown on the screen's one note line: it fits 80 columns even for a long value.
    const long = detectImages({ NNLEARN_IMAGES: 'x'.repeat(200) }, true).problem!;
    for (const text of [long.en, long.zh]) expect(sw(text)).toBeLessThanOrEqual(80);
  });

  it('greyPixels clamps, rounds and zeroes NaN', () => {
    expect([...greyPixels([-5, 300, NaN, 12.6], 2).pixels]).toEqual([0, 255, 0, 13]);
  });
});
