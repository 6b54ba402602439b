/**
 * The handwritten digits `nnlearn train digits` learns from: 10,000 training and 2,000 test
 * images of MNIST (28×28 grey levels, 1,000 and 200 of each digit), packed in one gzip'd file,
 * data/digits/digits.bin.gz, made by scripts/make-digits.mjs (its comment gives the layout).
 * MNIST is by Yann LeCun, Corinna Cortes and Christopher J.C. Burges, under CC BY-SA 3.0
 * (data/digits/LICENSE.md).
 *
 * Where the file is: <package root>/data/digits/digits.bin.gz, the package root being the
 * nearest folder above this module that holds a package.json (as for the WebAssembly kernels,
 * src/engine/kernels/wasm-module.ts): true for the sources, for the built dist/ and inside
 * node_modules/nnlearn/.
 *
 * Loading checks everything before any of it is used: the gzip stream, the header (name,
 * version, sizes), the exact length, the SHA-256 of the header's fields and the body, the labels. A missing or
 * damaged file is a bilingual message, never an exception: a student training on digits that
 * are silently wrong could not trust what the network learned.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { msg, type Msg } from '../../i18n/index.js';

export const DIGITS_MAGIC = 'NNLDIGIT';
export const DIGITS_VERSION = 1;
export const DIGITS_HEADER_BYTES = 80;
export const DIGIT_ROWS = 28;
export const DIGIT_COLS = 28;
export const DIGIT_CLASSES = 10;
/** Far above the real file (2 MB gzip'd, 9.4 MB inside): bounds, so a wrong file is refused before it is read, or while it is unpacked. */
const MAX_FILE_BYTES = 32 * 1024 * 1024;
const MAX_BODY_BYTES = 32 * 1024 * 1024;

/** One part of the digits (training or test): image i is images[i·784, (i+1)·784), row-major, 0 = background … 255 = ink. */
export interface DigitSplit {
  count: number;
  images: Uint8Array;
  /** The digit each image shows, 0–9. */
  labels: Uint8Array;
  /** Where each image comes from: its index in MNIST's own training (or test) set. */
  sourceIndex: Uint16Array;
}

export interface Digits {
  rows: number;
  cols: number;
  classes: number;
  /** The seed scripts/make-digits.mjs chose the images with. */
  seed: number;
  train: DigitSplit;
  test: DigitSplit;
}

export type DigitsResult = { ok: true; digits: Digits } | { ok: false; error: Msg };

const REMEDY_EN = 'The digits ship with nnlearn: reinstall it, or in a copy of its source run `node scripts/make-digits.mjs`.';
const REMEDY_ZH = '这些数字随 nnlearn 一起发布：请重新安装 nnlearn，或在它的源代码目录里运行 `node scripts/make-digits.mjs` 重新生成。';

function damaged(shown: string, why: Msg): DigitsResult {
  return {
    ok: false,
    error: msg(
      `The digits file "${shown}" is damaged: ${why.en}. nnlearn will not train on digits it cannot trust. ${REMEDY_EN}`,
      `数字数据文件“${shown}”已损坏：${why.zh}。nnlearn 不会用无法信任的数字来训练。${REMEDY_ZH}`,
    ),
  };
}

/** <package root>/data/digits/digits.bin.gz; undefined when no package.json is above `from`. */
export function digitsLocation(from: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'data', 'digits', 'digits.bin.gz');
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** Reads and checks the digits file (the one shipped with nnlearn unless `file` is given). */
export function loadDigits(file: string | undefined = digitsLocation()): DigitsResult {
  if (file === undefined) {
    return { ok: false, error: msg(`nnlearn cannot find its own folder (no package.json above it), so it cannot find the digits. ${REMEDY_EN}`, `nnlearn 找不到它自己的目录（上方没有 package.json），因此找不到数字数据。${REMEDY_ZH}`) };
  }
  try {
    let bytes: Uint8Array;
    try {
      const info = statSync(file);
      if (!info.isFile()) return damaged(file, msg('it is not a regular file (a folder or a device)', '它不是普通文件（是文件夹或设备）'));
      if (info.size > MAX_FILE_BYTES) return damaged(file, msg(`it is ${info.size} bytes, far more than the digits take`, `它有 ${info.size} 字节，远超数字数据的大小`));
      bytes = readFileSync(file);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        return { ok: false, error: msg(`The digits (a part of MNIST) are missing: there is no file "${file}". ${REMEDY_EN}`, `缺少数字数据（MNIST 的一部分）：没有文件“${file}”。${REMEDY_ZH}`) };
      }
      if (code === 'EACCES' || code === 'EPERM') return { ok: false, error: msg(`The digits file "${file}" cannot be read: permission denied.`, `无法读取数字数据文件“${file}”：没有权限。`) };
      return { ok: false, error: msg(`The digits file "${file}" cannot be read (${code ?? String(e)}).`, `无法读取数字数据文件“${file}”（${code ?? String(e)}）。`) };
    }
    return decodeDigits(bytes, file);
  } catch (e) {
    // Nothing above should throw; if something does, the student still gets a sentence, not a stack.
    return damaged(file, msg(`it could not be read (${e instanceof Error ? e.message : String(e)})`, `无法读取它（${e instanceof Error ? e.message : String(e)}）`));
  }
}

/** Checks and unpacks the gzip'd bytes of a digits file; `shown` names it in messages. */
export function decodeDigits(gz: Uint8Array, shown: string): DigitsResult {
  let raw: Buffer;
  try {
    // One output chunk of the size the gzip trailer announces: unpacked in one piece, never copied
    // from chunk to chunk (measured: about half the time of the default 16 KB chunks, cold).
    // A trailer that lies only costs time: zlib then simply adds chunks.
    const announced = gz.length >= 18 ? Buffer.from(gz.buffer, gz.byteOffset, gz.byteLength).readUInt32LE(gz.length - 4) : 0;
    const chunkSize = Math.min(Math.max(announced, 64 * 1024), MAX_BODY_BYTES);
    raw = gunzipSync(gz, { maxOutputLength: MAX_BODY_BYTES, chunkSize });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') {
      return damaged(shown, msg(`it unpacks to more than ${MAX_BODY_BYTES >> 20} MB, far more than the digits take`, `它解压后超过 ${MAX_BODY_BYTES >> 20} MB，远超数字数据的大小`));
    }
    return damaged(shown, msg('it is not a complete gzip file (cut short, or overwritten)', '它不是完整的 gzip 文件（被截断或被改写）'));
  }
  if (raw.length < DIGITS_HEADER_BYTES) return damaged(shown, msg(`it holds ${raw.length} bytes, less than its ${DIGITS_HEADER_BYTES}-byte header`, `它只有 ${raw.length} 字节，比 ${DIGITS_HEADER_BYTES} 字节的文件头还短`));
  if (raw.toString('latin1', 0, 8) !== DIGITS_MAGIC) return damaged(shown, msg(`it does not begin with "${DIGITS_MAGIC}": it is not a digits file`, `它不以“${DIGITS_MAGIC}”开头：不是数字数据文件`));
  const [version, trainCount, testCount, rows, cols, classes, seed] = [8, 12, 16, 20, 24, 28, 32].map((at) => raw.readUInt32LE(at));
  if (version !== DIGITS_VERSION) {
    return damaged(shown, msg(`it is version ${version} of the format; this nnlearn reads version ${DIGITS_VERSION}`, `它的格式是第 ${version} 版；这个 nnlearn 只能读第 ${DIGITS_VERSION} 版`));
  }
  if (rows !== DIGIT_ROWS || cols !== DIGIT_COLS || classes !== DIGIT_CLASSES) {
    return damaged(shown, msg(`its header says ${rows}×${cols} images of ${classes} classes, not 28×28 images of 10 digits`, `文件头写的是 ${rows}×${cols} 的图像、${classes} 个类别，而不是 28×28 的图像、10 个数字`));
  }
  if (trainCount === 0 || testCount === 0) return damaged(shown, msg(`its header says ${trainCount} training and ${testCount} test images`, `文件头写的是 ${trainCount} 张训练图像和 ${testCount} 张测试图像`));
  const px = rows * cols;
  const want = DIGITS_HEADER_BYTES + (trainCount + testCount) * (px + 1 + 2);
  if (raw.length !== want) {
    return damaged(shown, msg(`it holds ${raw.length} bytes, but its header (${trainCount} + ${testCount} images) says ${want}`, `它有 ${raw.length} 字节，但文件头（${trainCount} + ${testCount} 张图像）说应有 ${want} 字节`));
  }
  const body = raw.subarray(DIGITS_HEADER_BYTES);
  const sum = createHash('sha256').update(raw.subarray(0, 48)).update(body).digest();
  if (!sum.equals(raw.subarray(48, 80))) return damaged(shown, msg('its checksum (SHA-256) does not match its contents', '它的校验和（SHA-256）与内容不符'));
  const train = split(body, 0, trainCount, px);
  const test = split(body, trainCount * (px + 3), testCount, px);
  for (const [name, s] of [['training', train], ['test', test]] as const) {
    const bad = s.labels.findIndex((l) => l >= classes);
    if (bad >= 0) return damaged(shown, msg(`${name} image ${bad} is labelled ${s.labels[bad]}, not a digit 0–9`, `${name === 'training' ? '训练' : '测试'}图像 ${bad} 的标签是 ${s.labels[bad]}，不是 0–9 的数字`));
  }
  return { ok: true, digits: { rows, cols, classes, seed, train, test } };
}

/** One split from the body: pixels, then labels, then u16 source indices (little-endian, read one by one: no alignment assumed). */
function split(body: Buffer, at: number, count: number, px: number): DigitSplit {
  const images = body.subarray(at, at + count * px);
  const labels = body.subarray(at + count * px, at + count * (px + 1));
  const sourceIndex = new Uint16Array(count);
  const idx = at + count * (px + 1);
  for (let i = 0; i < count; i++) sourceIndex[i] = body.readUInt16LE(idx + 2 * i);
  return { count, images, labels, sourceIndex };
}

/** Grey level g (0–255) as the network sees it: g / 255, in [0, 1]. */
const TO_UNIT = Float32Array.from({ length: 256 }, (_, g) => g / 255);

/**
 * Images first … first+count-1 of a split as floats in [0, 1], one after another (count·rows·cols
 * values: the [N,1,28,28] input of a batch). `out` is filled when given (a batch buffer reused step after step).
 */
export function digitsAsFloat(s: DigitSplit, first = 0, count = s.count - first, out?: Float32Array): Float32Array {
  if (!Number.isInteger(first) || !Number.isInteger(count) || first < 0 || count < 0 || first + count > s.count) {
    throw new RangeError(`digitsAsFloat: images ${first}…${first + count - 1} are outside 0…${s.count - 1}`);
  }
  return gatherDigits(s, Array.from({ length: count }, (_, k) => first + k), out);
}

/** The images at `indices` (a shuffled batch) as floats in [0, 1], one after another; `out` is filled when given. */
export function gatherDigits(s: DigitSplit, indices: ArrayLike<number>, out?: Float32Array): Float32Array {
  const px = s.images.length / s.count;
  const dst = out ?? new Float32Array(indices.length * px);
  if (dst.length < indices.length * px) throw new RangeError(`gatherDigits: out holds ${dst.length} values, ${indices.length * px} needed`);
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k];
    if (!Number.isInteger(i) || i < 0 || i >= s.count) throw new RangeError(`gatherDigits: image ${i} is outside 0…${s.count - 1}`);
    const src = s.images.subarray(i * px, (i + 1) * px);
    for (let p = 0, d = k * px; p < px; p++, d++) dst[d] = TO_UNIT[src[p]];
  }
  return dst;
}

/**
 * The first `count` images of a split, sharing its arrays (nothing is copied): a smaller
 * training or test set for a quick run. The shipped splits are in a shuffled order (the
 * digits are mixed), so the first images of a split are a fair sample of it.
 */
export function firstImages(s: DigitSplit, count: number): DigitSplit {
  if (!Number.isInteger(count) || count < 1 || count > s.count) throw new RangeError(`firstImages: ${count} images asked of a split of ${s.count}`);
  if (count === s.count) return s;
  const px = s.images.length / s.count;
  return { count, images: s.images.subarray(0, count * px), labels: s.labels.subarray(0, count), sourceIndex: s.sourceIndex.subarray(0, count) };
}
