/**
 * The saved-model file (`NAME.nnmodel`), as bytes. Pure: no disk here (store.ts reads and writes).
 *
 * Format version 1 — two parts, both plain ASCII:
 *
 *   nnlearn-model 1 sha256:<64 lowercase hex digits>\n
 *   <body: one JSON object, every non-ASCII character written as \uXXXX>\n
 *
 * The checksum is SHA-256 over the body's bytes exactly as stored (from the first byte after the
 * header's newline to the end of the file, final newline included), so a file cut short or with
 * any byte changed is caught before a single number is trusted. The body:
 *
 *   { "nnlearn": "0.9.0",            the nnlearn that saved it (shown, never checked)
 *     "savedAt": "2026-…Z",
 *     "runId": "digits", "options": { …TrainOptions but lang… },
 *     "epoch": 3, "step": 939, "lastEpoch": { …EpochRow… } | null,
 *     "extra": { … } | null,          what a task needs besides its weights (a text model's characters)
 *     "params": [ { "name": "0.weight", "shape": [6, 1, 5, 5], "data": "<base64>" }, … ] }
 *
 * `data` is the parameter's float32 values, little-endian, row-major, in base64: exact (every bit
 * of every float, -0 and subnormals included, survives) and about 4/3 of the raw size (LeNet-5's
 * 61,706 parameters: ~330 kB). Base64 rather than raw bytes because the safe reader
 * (storage/safe-read.ts) hands back text, and raw float bytes are not valid UTF-8.
 *
 * Numbers of an EpochRow may be NaN or ±Infinity (no accuracy for a regression; a loss that
 * exploded), which JSON cannot hold: they are written as the strings "NaN", "Infinity",
 * "-Infinity". Weights that are NaN or infinite are refused when saving (store.ts says why):
 * such a model only answers NaN, and a file should never hold one.
 */
import { createHash } from 'node:crypto';
import { msg, type Msg } from '../../i18n/index.js';
import type { EpochRow, TrainOptions } from '../task.js';
import type { JsonValue } from '../json-value.js';

export const MAGIC = 'nnlearn-model';
export const FORMAT_VERSION = 1;
export const EXTENSION = '.nnmodel';

/** What a saved model says about itself (everything but the weights). */
export interface ModelMeta {
  /** The nnlearn version that saved it (src/cli/version.ts VERSION, passed in: it is set at build time). */
  nnlearn: string;
  /** ISO 8601, UTC. */
  savedAt: string;
  runId: string;
  /**
   * The options the model was built and trained with, without `lang` (the student's language
   * is how nnlearn talks, not part of the model). `data` and `text` are kept as given: they say
   * which file the model learnt from (the menu shows it, and a --load without them can
   * rebuild the same run); the file itself is not copied.
   */
  options: Omit<TrainOptions, 'lang'>;
  /** The epoch reached (1-based, as the screen shows it) and the optimizer steps done. */
  epoch: number;
  step: number;
  /** The last finished epoch's line, if one finished. */
  lastEpoch: EpochRow | null;
  /** Anything else the task needs to use the weights again (JSON only). */
  extra: JsonValue | null;
}

export type { JsonValue } from '../json-value.js';

/** One parameter's values: its shape and float32 numbers, row-major. */
export interface SavedParam {
  name: string;
  shape: number[];
  data: Float32Array;
}

export interface SavedModel {
  meta: ModelMeta;
  params: SavedParam[];
}

// ---- writing ----

export function encodeModel(m: SavedModel): Uint8Array {
  const body = {
    nnlearn: m.meta.nnlearn,
    savedAt: m.meta.savedAt,
    runId: m.meta.runId,
    options: m.meta.options,
    epoch: m.meta.epoch,
    step: m.meta.step,
    lastEpoch: m.meta.lastEpoch ? encodeRow(m.meta.lastEpoch) : null,
    extra: m.meta.extra,
    params: m.params.map((p) => ({ name: p.name, shape: p.shape, data: floatsToBase64(p.data) })),
  };
  const bodyBytes = Buffer.from(asciiJson(body) + '\n', 'ascii');
  const header = Buffer.from(`${MAGIC} ${FORMAT_VERSION} sha256:${sha256(bodyBytes)}\n`, 'ascii');
  return Buffer.concat([header, bodyBytes]);
}

/** JSON with every character above 0x7e escaped, so the file is plain ASCII (a stray byte is then damage, never text). */
function asciiJson(v: unknown): string {
  return JSON.stringify(v).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sha256(b: Uint8Array): string {
  return createHash('sha256').update(b).digest('hex');
}

/** The float32 bits as little-endian bytes, whatever the machine's byte order (through Uint32, so no bit is lost). */
export function floatsToBase64(f: Float32Array): string {
  const bits = new Uint32Array(f.buffer, f.byteOffset, f.length);
  const out = Buffer.alloc(f.length * 4);
  for (let i = 0; i < bits.length; i++) out.writeUInt32LE(bits[i], i * 4);
  return out.toString('base64');
}

function base64ToFloats(s: string, n: number): Float32Array | undefined {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return undefined;
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length !== n * 4) return undefined;
  const f = new Float32Array(n);
  const bits = new Uint32Array(f.buffer);
  for (let i = 0; i < n; i++) bits[i] = bytes.readUInt32LE(i * 4);
  return f;
}

const ROW_KEYS = ['epoch', 'step', 'loss', 'accuracy', 'test_loss', 'test_accuracy', 'lr', 'examples_per_second'] as const;

function encodeRow(r: EpochRow): Record<string, number | string> {
  return Object.fromEntries(ROW_KEYS.map((k) => [k, Number.isFinite(r[k]) ? r[k] : String(r[k])]));
}

function decodeRow(v: unknown): EpochRow | undefined {
  if (!isObject(v)) return undefined;
  const row: Record<string, number> = {};
  for (const k of ROW_KEYS) {
    const x = v[k];
    if (typeof x === 'number') row[k] = x;
    else if (x === 'NaN' || x === 'Infinity' || x === '-Infinity') row[k] = Number(x);
    else return undefined;
  }
  return row as unknown as EpochRow;
}

// ---- reading ----

/** Why a file is not a model nnlearn can load; store.ts adds the file's path and what to do. */
export type DecodeProblem =
  | { kind: 'empty' }
  | { kind: 'not-a-model' }
  | { kind: 'newer'; version: number }
  | { kind: 'damaged'; why: Msg };

export type Decoded = { ok: true; model: SavedModel } | { ok: false; problem: DecodeProblem };

const HEADER = /^nnlearn-model (\d{1,9}) sha256:([0-9a-f]{64})$/;

export function decodeModel(text: string): Decoded {
  if (text.length === 0) return { ok: false, problem: { kind: 'empty' } };
  if (!text.startsWith(`${MAGIC} `)) return { ok: false, problem: { kind: 'not-a-model' } };
  const nl = text.indexOf('\n');
  const headerLine = nl < 0 ? text : text.slice(0, nl);
  const h = HEADER.exec(headerLine);
  if (!h) return damaged(msg('its first line is not a complete model header', '它的第一行不是完整的模型文件头'));
  const version = Number(h[1]);
  if (version > FORMAT_VERSION) return { ok: false, problem: { kind: 'newer', version } };
  if (version !== FORMAT_VERSION) return damaged(msg(`its format number ${version} is not one nnlearn ever wrote`, `它的格式编号 ${version} 不是 nnlearn 写过的`));
  const body = text.slice(nl + 1);
  if (sha256(Buffer.from(body, 'utf8')) !== h[2]) {
    return damaged(msg('its contents do not match its checksum (it was cut short or changed after it was saved)', '它的内容与校验和不符（文件在保存之后被截断或改动过）'));
  }
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return damaged(msg('its contents are not valid JSON', '它的内容不是有效的 JSON'));
  }
  return checkBody(json);
}

function damaged(why: Msg): Decoded {
  return { ok: false, problem: { kind: 'damaged', why } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const count = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** A body that passed its checksum but not these checks was written by hand or by a broken nnlearn. */
function checkBody(j: unknown): Decoded {
  const bad = (field: string) => damaged(msg(`its field "${field}" is missing or wrong`, `它的字段 "${field}" 缺失或有误`));
  if (!isObject(j)) return bad('(top)');
  if (typeof j.nnlearn !== 'string') return bad('nnlearn');
  if (typeof j.savedAt !== 'string' || Number.isNaN(Date.parse(j.savedAt))) return bad('savedAt');
  if (typeof j.runId !== 'string' || j.runId === '') return bad('runId');
  if (!isObject(j.options)) return bad('options');
  if (!count(j.epoch)) return bad('epoch');
  if (!count(j.step)) return bad('step');
  const lastEpoch = j.lastEpoch === null ? null : decodeRow(j.lastEpoch);
  if (lastEpoch === undefined) return bad('lastEpoch');
  if (!('extra' in j)) return bad('extra');
  if (!Array.isArray(j.params)) return bad('params');
  const params: SavedParam[] = [];
  const seen = new Set<string>();
  for (const [i, p] of j.params.entries()) {
    const at = `params[${i}]`;
    if (!isObject(p) || typeof p.name !== 'string' || p.name === '' || seen.has(p.name)) return bad(`${at}.name`);
    seen.add(p.name);
    if (!Array.isArray(p.shape) || !p.shape.every((d) => count(d) && d > 0) || p.shape.length > 8) return bad(`${at}.shape`);
    const shape = p.shape as number[];
    const n = shape.reduce((a, b) => a * b, 1);
    if (!Number.isSafeInteger(n)) return bad(`${at}.shape`);
    const data = typeof p.data === 'string' ? base64ToFloats(p.data, n) : undefined;
    if (!data) return bad(`${at}.data`);
    const nonFinite = data.findIndex((x) => !Number.isFinite(x));
    if (nonFinite >= 0) return damaged(msg(`parameter ${p.name} holds ${data[nonFinite]} at position ${nonFinite}`, `参数 ${p.name} 的第 ${nonFinite} 个数是 ${data[nonFinite]}`));
    params.push({ name: p.name, shape, data });
  }
  const meta: ModelMeta = {
    nnlearn: j.nnlearn,
    savedAt: j.savedAt,
    runId: j.runId,
    options: j.options as ModelMeta['options'],
    epoch: j.epoch,
    step: j.step,
    lastEpoch,
    extra: j.extra as JsonValue | null,
  };
  return { ok: true, model: { meta, params } };
}
