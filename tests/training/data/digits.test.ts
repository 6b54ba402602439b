/**
 * The digits (a subset of MNIST) as committed: sizes, balance, pixel range and golden images,
 * and the loader's refusals — every damaged or missing file is a bilingual message, never an exception.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeDigits, digitsAsFloat, digitsLocation, gatherDigits, loadDigits, type Digits, type DigitSplit, type DigitsResult } from '../../../src/training/data/digits.js';

const file = digitsLocation()!;
const committed = readFileSync(file);

function loaded(): Digits {
  const r = loadDigits();
  if (!r.ok) throw new Error(r.error.en);
  return r.digits;
}
const digits = loaded();

function refused(r: DigitsResult): { en: string; zh: string } {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('accepted');
  // Both languages, the Chinese one in Chinese.
  expect(r.error.en.length).toBeGreaterThan(20);
  expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
  return r.error;
}

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'nnlearn-digits-'));
}

/** The committed file's unpacked bytes with `change` applied, packed again (a valid gzip around damaged contents). */
function repacked(change: (raw: Buffer) => Buffer): Buffer {
  return gzipSync(change(Buffer.from(gunzipSync(committed))));
}

/** A small file written independently of the script, from the layout in scripts/make-digits.mjs. */
function tinyFile(train: number, test: number, fill: (split: number, i: number, p: number) => number): Buffer {
  const px = 28 * 28;
  const parts: Buffer[] = [];
  [train, test].forEach((n, s) => {
    const pixels = Buffer.alloc(n * px);
    for (let i = 0; i < n; i++) for (let p = 0; p < px; p++) pixels[i * px + p] = fill(s, i, p);
    const labels = Buffer.from(Array.from({ length: n }, (_, i) => i % 10));
    const index = Buffer.alloc(2 * n);
    for (let i = 0; i < n; i++) index.writeUInt16LE(1000 + i, 2 * i);
    parts.push(pixels, labels, index);
  });
  const body = Buffer.concat(parts);
  const header = Buffer.alloc(80);
  header.write('NNLDIGIT', 0, 'latin1');
  [1, train, test, 28, 28, 10, 7].forEach((v, i) => header.writeUInt32LE(v, 8 + 4 * i));
  createHash('sha256').update(header.subarray(0, 48)).update(body).digest().copy(header, 48);
  return gzipSync(Buffer.concat([header, body]));
}

function pixelSum(s: DigitSplit, i: number): number {
  let t = 0;
  for (let p = i * 784; p < (i + 1) * 784; p++) t += s.images[p];
  return t;
}

describe('the committed digits', () => {
  it('are found beside the package.json, in data/digits/', () => {
    expect(file.replaceAll('\\', '/')).toMatch(/\/data\/digits\/digits\.bin\.gz$/);
  });

  it('are found from the built code too (dist/chunks/…), and a module with no package.json above gets no path', () => {
    const root = file.slice(0, -'/data/digits/digits.bin.gz'.length);
    expect(digitsLocation(pathToFileURL(join(root, 'dist', 'chunks', 'train-abc.js')).href)).toBe(file);
    expect(digitsLocation(pathToFileURL(join(tempDir(), 'module.js')).href)).toBeUndefined();
  });

  it('hold 10,000 training and 2,000 test images of 28×28, 10 classes', () => {
    expect([digits.rows, digits.cols, digits.classes]).toEqual([28, 28, 10]);
    expect(digits.train.count).toBe(10000);
    expect(digits.test.count).toBe(2000);
    expect(digits.train.images.length).toBe(10000 * 784);
    expect(digits.test.images.length).toBe(2000 * 784);
    expect(digits.train.labels.length).toBe(10000);
    expect(digits.test.labels.length).toBe(2000);
  });

  it('are balanced: 1,000 training and 200 test images of each digit', () => {
    const counts = (s: DigitSplit) => Array.from({ length: 10 }, (_, c) => s.labels.filter((l) => l === c).length);
    expect(counts(digits.train)).toEqual(Array(10).fill(1000));
    expect(counts(digits.test)).toEqual(Array(10).fill(200));
  });

  it('are mixed: no long run of one digit at the start (a first batch of a single class would mislead)', () => {
    expect(new Set(digits.train.labels.subarray(0, 32)).size).toBeGreaterThan(5);
    expect(new Set(digits.test.labels.subarray(0, 32)).size).toBeGreaterThan(5);
  });

  it('come from distinct MNIST images of each set', () => {
    expect(new Set(digits.train.sourceIndex).size).toBe(10000);
    expect(new Set(digits.test.sourceIndex).size).toBe(2000);
    expect(Math.max(...digits.train.sourceIndex)).toBeLessThan(60000);
    expect(Math.max(...digits.test.sourceIndex)).toBeLessThan(10000);
  });

  it('use the full grey range, and every image has ink', () => {
    const { images } = digits.train;
    expect(Math.min(...images.subarray(0, 784 * 100))).toBe(0);
    expect(Math.max(...images.subarray(0, 784 * 100))).toBe(255);
    for (const s of [digits.train, digits.test]) for (let i = 0; i < s.count; i++) expect(pixelSum(s, i)).toBeGreaterThan(2000);
  });

  it('keep their golden images: labels, pixel sums and MNIST indices (numbers read from the committed file)', () => {
    expect(digits.seed).toBe(20261205);
    expect([digits.train.labels[0], pixelSum(digits.train, 0), digits.train.sourceIndex[0]]).toEqual([2, 22398, 41916]);
    expect([digits.train.labels[9999], pixelSum(digits.train, 9999), digits.train.sourceIndex[9999]]).toEqual([5, 22846, 47471]);
    expect([digits.test.labels[0], pixelSum(digits.test, 0), digits.test.sourceIndex[0]]).toEqual([5, 22861, 1235]);
    expect([digits.test.labels[1999], pixelSum(digits.test, 1999), digits.test.sourceIndex[1999]]).toEqual([7, 25394, 9495]);
    const total = (s: DigitSplit) => s.images.reduce((a, b) => a + b, 0);
    expect(total(digits.train)).toBe(262546580);
    expect(total(digits.test)).toBe(53270457);
  });
});

describe('digits as the network sees them', () => {
  it('are floats in [0, 1]: grey level / 255', () => {
    const x = digitsAsFloat(digits.test, 0, 2);
    expect(x.length).toBe(2 * 784);
    for (let p = 0; p < x.length; p++) {
      expect(x[p]).toBeGreaterThanOrEqual(0);
      expect(x[p]).toBeLessThanOrEqual(1);
      expect(x[p]).toBeCloseTo(digits.test.images[p] / 255, 7);
    }
    let sum = 0;
    for (let p = 0; p < 784; p++) sum += x[p];
    expect(sum).toBeCloseTo(22861 / 255, 3);
  });

  it('gather a shuffled batch into a reused buffer, image by image', () => {
    const out = new Float32Array(3 * 784).fill(-1);
    gatherDigits(digits.train, [9999, 0, 9999], out);
    for (let p = 0; p < 784; p++) {
      expect(out[p]).toBe(out[2 * 784 + p]);
      expect(out[784 + p]).toBeCloseTo(digits.train.images[p] / 255, 7);
      expect(out[p]).toBeCloseTo(digits.train.images[9999 * 784 + p] / 255, 7);
    }
  });

  it('refuse indices outside the split (a bug in the caller, not silently short data)', () => {
    expect(() => digitsAsFloat(digits.test, 1999, 2)).toThrow(RangeError);
    expect(() => gatherDigits(digits.test, [2000])).toThrow(RangeError);
    expect(() => gatherDigits(digits.test, [0, 1], new Float32Array(784))).toThrow(RangeError);
  });
});

describe('a damaged or missing digits file', () => {
  it('an independent writer of the layout produces a file the loader reads back exactly', () => {
    const r = decodeDigits(tinyFile(20, 10, (s, i, p) => (s * 7 + i * 3 + p) % 256), 'tiny');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect([r.digits.train.count, r.digits.test.count, r.digits.seed]).toEqual([20, 10, 7]);
    expect(r.digits.test.images[784 * 2 + 5]).toBe((7 + 2 * 3 + 5) % 256);
    expect(Array.from(r.digits.train.labels.subarray(0, 12))).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
    expect(r.digits.test.sourceIndex[9]).toBe(1009);
  });

  it('missing: names the file and says how to get it back', () => {
    const e = refused(loadDigits(join(tempDir(), 'digits.bin.gz')));
    expect(e.en).toContain('missing');
    expect(e.en).toContain('make-digits.mjs');
    expect(e.zh).toContain('make-digits.mjs');
  });

  it('a folder, an empty file, random bytes, a file cut short', () => {
    const dir = tempDir();
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(refused(loadDigits(folder)).en).toContain('not a regular file');
    const write = (name: string, bytes: Uint8Array) => {
      writeFileSync(join(dir, name), bytes);
      return join(dir, name);
    };
    expect(refused(loadDigits(write('empty', new Uint8Array(0)))).en).toContain('gzip');
    expect(refused(loadDigits(write('noise', Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 131) % 256))))).en).toContain('gzip');
    expect(refused(loadDigits(write('cut', committed.subarray(0, committed.length >> 1)))).en).toContain('gzip');
  });

  it('a small gzip that unpacks to more than 32 MB is stopped while unpacking', () => {
    expect(refused(decodeDigits(gzipSync(Buffer.alloc(40 << 20)), 'big')).en).toContain('more than 32 MB');
  });

  it('one flipped byte in the gzip stream is refused (gzip carries its own CRC)', () => {
    const bytes = Buffer.from(committed);
    bytes[bytes.length >> 1] ^= 0x40;
    refused(decodeDigits(bytes, 'flipped'));
  });

  it('one changed pixel inside a valid gzip is caught by the checksum', () => {
    const e = refused(decodeDigits(repacked((raw) => {
      raw[80 + 500] ^= 1;
      return raw;
    }), 'pixel'));
    expect(e.en).toContain('checksum');
    expect(e.zh).toContain('校验和');
  });

  it('a changed seed in the header, or a changed label, is caught by the checksum too', () => {
    expect(refused(decodeDigits(repacked((raw) => {
      raw.writeUInt32LE(1, 32);
      return raw;
    }), 'seed')).en).toContain('checksum');
    const e = refused(decodeDigits(repacked((raw) => {
      raw[80 + 10000 * 784] = (raw[80 + 10000 * 784] + 1) % 10;
      return raw;
    }), 'label'));
    expect(e.en).toContain('checksum');
  });

  it('a wrong name, version, image size or count in the header (each check on its own, before the checksum)', () => {
    const header = (write: (raw: Buffer) => void) => repacked((raw) => {
      write(raw);
      return raw;
    });
    expect(refused(decodeDigits(header((r) => r.write('NOTDIGIT', 0, 'latin1')), 'x')).en).toContain('not a digits file');
    expect(refused(decodeDigits(header((r) => r.writeUInt32LE(2, 8)), 'x')).en).toContain('version 2');
    expect(refused(decodeDigits(header((r) => r.writeUInt32LE(32, 20)), 'x')).en).toContain('32×28');
    expect(refused(decodeDigits(header((r) => r.writeUInt32LE(10001, 12)), 'x')).en).toContain('says');
    expect(refused(decodeDigits(header((r) => r.writeUInt32LE(0, 16)), 'x')).en).toContain('0 test images');
    expect(refused(decodeDigits(repacked((raw) => raw.subarray(0, 40)), 'x')).en).toContain('header');
    expect(refused(decodeDigits(repacked((raw) => raw.subarray(0, raw.length - 1)), 'x')).en).toContain('bytes');
  });

  it('a label above 9 is refused even when the checksum was made to match', () => {
    const tiny = Buffer.from(gunzipSync(tinyFile(4, 2, () => 9)));
    tiny[80 + 4 * 784 + 2] = 12;
    createHash('sha256').update(tiny.subarray(0, 48)).update(tiny.subarray(80)).digest().copy(tiny, 48);
    const e = refused(decodeDigits(gzipSync(tiny), 'x'));
    expect(e.en).toContain('training image 2 is labelled 12');
  });

  it('never throws, whatever the bytes (random damage to a small valid file)', () => {
    const good = Buffer.from(gunzipSync(tinyFile(3, 2, (s, i, p) => (i + p) & 255)));
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }), fc.boolean(), (edits, gz) => {
        const bytes = Buffer.from(good);
        for (const [at, v] of edits) bytes[at] = v;
        const r = decodeDigits(gz ? gzipSync(bytes) : bytes, 'x');
        // Either it is still valid (the edits changed nothing) or it is refused with words.
        if (r.ok) expect(bytes.equals(good)).toBe(true);
        else expect(r.error.en.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});
