/**
 * Saved models on disk (`--save NAME`, `--load NAME`, later `--pretrained`): one file per model in
 * `<data dir>/models/` (names.ts), in the format of format.ts.
 *
 * Nothing here ever loses a model or writes over one it cannot read:
 * - a save goes through storage/atomic-write.ts: the new file is complete and synced before it is
 *   renamed over the old one, so a crash or a full disk leaves the old file (or none) — never half a file;
 * - before saving over a name, the file there is read: if it is not a model nnlearn can read (damaged,
 *   empty, from a newer nnlearn, a folder, a link, a FIFO …) the save is refused with a message;
 * - a load only reads (storage/safe-read.ts: no link is followed, a FIFO cannot hang it) and never
 *   writes, moves or deletes anything.
 * Failures are returned as bilingual messages, never thrown.
 */
import { basename } from 'node:path';
import { Tensor, type Module } from '../../engine/index.js';
import { msg, type Msg } from '../../i18n/index.js';
import { writeFileAtomic, type WriteHooks } from '../../storage/atomic-write.js';
import { SaveError, saveErrorFrom } from '../../storage/errors.js';
import { pathKind, realFs, type StoreFs } from '../../storage/fs-seam.js';
import { readRegularFile } from '../../storage/safe-read.js';
import type { EpochRow, TrainOptions } from '../task.js';
import { decodeModel, encodeModel, EXTENSION, type JsonValue, type ModelMeta, type SavedModel } from './format.js';
import { layerNames, readableParam } from '../layer-names.js';
import { cannotLoadMsg, cannotLoadShippedMsg, doesNotFitMsg, noModelAtMsg, noSuchModelMsg, nonFiniteMsg, notAFolderMsg, saveFailedMsg, wontOverwriteMsg, type Unreadable } from './messages.js';
import { checkModelName, modelPath, modelsDir } from './names.js';

export interface StoreOpts {
  /** Where the data directory is (NNLEARN_HOME); the process's environment by default. */
  env?: NodeJS.ProcessEnv;
  /** The filesystem seam (tests inject a full disk). */
  fs?: StoreFs;
  /** The clock for savedAt. */
  now?: () => Date;
  hooks?: WriteHooks;
}

/** What the caller knows about the model besides its weights. */
export interface SaveMeta {
  runId: string;
  /** The run's options; `lang` is dropped (see ModelMeta.options). */
  options: TrainOptions;
  epoch: number;
  step: number;
  lastEpoch?: EpochRow | null;
  /** nnlearn's version: src/cli/version.ts VERSION (set by the build, so the caller passes it). */
  nnlearn: string;
  /** What the task needs besides the weights to use them again (e.g. a text model's characters). */
  extra?: JsonValue | null;
}

export type SaveResult =
  | { ok: true; name: string; path: string; bytes: number; /** The model this one replaced, if the name was taken. */ replaced: ModelMeta | null }
  | { ok: false; error: Msg };

export type LoadResult = { ok: true; name: string; path: string; meta: ModelMeta; state: Record<string, Tensor> } | { ok: false; error: Msg };

export interface ModelEntry {
  name: string;
  path: string;
  meta: ModelMeta;
}

export interface ModelList {
  /** Every readable model, by name. */
  models: ModelEntry[];
  /** Files named like a model that cannot be read, each with the message a load would give. */
  damaged: { name: string; path: string; error: Msg }[];
  /** Set when the models folder itself cannot be listed. */
  error?: Msg;
}

type FileRead = { status: 'ok'; model: SavedModel } | { status: 'missing' } | { status: 'unreadable'; why: Unreadable };

async function readModelFile(fs: StoreFs, path: string): Promise<FileRead> {
  const r = await readRegularFile(fs, path);
  if (r.kind === 'missing') return { status: 'missing' };
  if (r.kind === 'error') return { status: 'unreadable', why: { kind: 'read-error', code: r.code } };
  if (r.kind !== 'file') return { status: 'unreadable', why: { kind: 'not-a-file', pathKind: r.kind } };
  const d = decodeModel(r.text);
  return d.ok ? { status: 'ok', model: d.model } : { status: 'unreadable', why: d.problem };
}

/** Makes sure the models folder exists and is a folder (not a file, link or FIFO in its place). */
async function ensureFolder(fs: StoreFs, dir: string): Promise<Msg | undefined> {
  try {
    const kind = await pathKind(fs, dir);
    if (kind === 'missing') await fs.mkdir(dir, true);
    else if (kind !== 'directory') return notAFolderMsg(dir, kind);
  } catch (e) {
    return saveFailedMsg(saveErrorFrom(e, dir).detail, false, '');
  }
  return undefined;
}

/** Saves under a name in the models folder (names.ts): `--save NAME`. */
export async function saveModel(rawName: string, model: Module, meta: SaveMeta, opts: StoreOpts = {}): Promise<SaveResult> {
  const fs = opts.fs ?? realFs;
  const checked = checkModelName(rawName);
  if (!checked.ok) return checked;
  const folderProblem = await ensureFolder(fs, modelsDir(opts.env));
  if (folderProblem) return { ok: false, error: folderProblem };
  return saveModelFile(modelPath(checked.name, opts.env), model, meta, opts);
}

/**
 * Saves to a path whose folder exists (saveModel's core; also for a script that writes the shipped
 * pretrained models into the repository). Messages call the model by its file name without the extension.
 */
export async function saveModelFile(path: string, model: Module, meta: SaveMeta, opts: StoreOpts = {}): Promise<SaveResult> {
  const fs = opts.fs ?? realFs;
  const name = labelOf(path);
  const params = model.namedParameters().map(([pname, t]) => ({ name: pname, shape: [...t.shape], data: t.data }));
  for (const p of params) {
    const at = p.data.findIndex((x) => !Number.isFinite(x));
    if (at >= 0) return { ok: false, error: nonFiniteMsg(readableParam(layerNames(model), p.name), p.data[at], at) };
  }
  const before = await readModelFile(fs, path);
  if (before.status === 'unreadable') return { ok: false, error: wontOverwriteMsg(name, path, before.why) };
  const { lang: _language, ...options } = meta.options;
  const bytes = encodeModel({
    meta: {
      nnlearn: meta.nnlearn,
      savedAt: (opts.now?.() ?? new Date()).toISOString(),
      runId: meta.runId,
      options,
      epoch: meta.epoch,
      step: meta.step,
      lastEpoch: meta.lastEpoch ?? null,
      extra: meta.extra ?? null,
    },
    params,
  });
  try {
    await writeFileAtomic(fs, path, bytes, opts.hooks);
  } catch (e) {
    const err = e instanceof SaveError ? e : saveErrorFrom(e, path);
    return { ok: false, error: saveFailedMsg(err.detail, before.status === 'ok', name) };
  }
  return { ok: true, name, path, bytes: bytes.length, replaced: before.status === 'ok' ? before.model.meta : null };
}

/** Loads the model saved under a name: `--load NAME`. Reads only; never writes, moves or deletes. */
export async function loadModel(rawName: string, opts: StoreOpts = {}): Promise<LoadResult> {
  const fs = opts.fs ?? realFs;
  const checked = checkModelName(rawName);
  if (!checked.ok) return checked;
  const { name } = checked;
  const path = modelPath(name, opts.env);
  const r = await readModelFile(fs, path);
  if (r.status === 'missing') return { ok: false, error: noSuchModelMsg(name, path, await modelNames(fs, modelsDir(opts.env))) };
  return loaded(name, path, r);
}

/**
 * Loads a model file at a path (loadModel's core; also for the shipped pretrained models).
 * `shipped`: the run whose model ships with nnlearn (--pretrained): its messages say how to get it back.
 */
export async function loadModelFile(path: string, opts: Pick<StoreOpts, 'fs'> & { shipped?: string } = {}): Promise<LoadResult> {
  const name = labelOf(path);
  const r = await readModelFile(opts.fs ?? realFs, path);
  if (opts.shipped !== undefined && r.status !== 'ok') return { ok: false, error: cannotLoadShippedMsg(opts.shipped, path, r.status === 'missing' ? null : r.why) };
  if (r.status === 'missing') return { ok: false, error: noModelAtMsg(path) };
  return loaded(name, path, r);
}

function loaded(name: string, path: string, r: Exclude<FileRead, { status: 'missing' }>): LoadResult {
  if (r.status === 'unreadable') return { ok: false, error: cannotLoadMsg(name, path, r.why) };
  const state: Record<string, Tensor> = {};
  for (const p of r.model.params) state[p.name] = new Tensor(p.shape, p.data);
  return { ok: true, name, path, meta: r.model.meta, state };
}

/** "mine" for ".../models/mine.nnmodel": what messages call the model. */
function labelOf(path: string): string {
  const base = basename(path);
  return base.endsWith(EXTENSION) ? base.slice(0, -EXTENSION.length) : base;
}

/** The names of the files in the models folder that look like models (unread); [] when there is no folder. */
async function modelNames(fs: StoreFs, dir: string): Promise<string[]> {
  let files: string[];
  try {
    files = await fs.readdir(dir);
  } catch {
    return [];
  }
  // Temp files of an interrupted save are "NAME.nnmodel.tmp-…": they do not end with the extension.
  return files
    .filter((f) => f.endsWith(EXTENSION))
    .map((f) => f.slice(0, -EXTENSION.length))
    .filter((n) => checkModelName(n).ok)
    .sort();
}

/** Every saved model with what it says about itself (for a --load menu); damaged files are reported, not skipped silently. */
export async function listModels(opts: StoreOpts = {}): Promise<ModelList> {
  const fs = opts.fs ?? realFs;
  const dir = modelsDir(opts.env);
  const kind = await pathKind(fs, dir).catch(() => 'missing' as const);
  if (kind === 'missing') return { models: [], damaged: [] };
  if (kind !== 'directory') return { models: [], damaged: [], error: notAFolderMsg(dir, kind) };
  const out: ModelList = { models: [], damaged: [] };
  for (const name of await modelNames(fs, dir)) {
    const path = modelPath(name, opts.env);
    const r = await readModelFile(fs, path);
    if (r.status === 'ok') out.models.push({ name, path, meta: r.model.meta });
    else if (r.status === 'unreadable') out.damaged.push({ name, path, error: cannotLoadMsg(name, path, r.why) });
  }
  return out;
}

/**
 * Copies loaded weights into a model built for them. Every parameter's name and shape is checked
 * first — nothing is written unless all fit — and the first that differs is named (a student who
 * loads with another --net than she saved with is told which layer and how).
 */
export function applyState(model: Module, loaded: { state: Readonly<Record<string, Tensor>>; meta?: ModelMeta }): { ok: true } | { ok: false; error: Msg } {
  const { state, meta } = loaded;
  const fail = (detail: Msg) => ({ ok: false as const, error: doesNotFitMsg(detail, meta?.runId, meta?.options.net) });
  const mine = model.namedParameters();
  const readable = layerNames(model);
  const named = (n: string) => readableParam(readable, n);
  for (const [name, p] of mine) {
    const t = state[name];
    if (!t) return fail(msg(`this network has a parameter ${named(name)} (shape ${shapeText(p.shape)}) that the saved model does not have`, `这个网络有参数 ${named(name)}（形状 ${shapeText(p.shape)}），而保存的模型没有`));
    if (t.shape.length !== p.shape.length || t.shape.some((n, i) => n !== p.shape[i])) {
      return fail(msg(`its parameter ${named(name)} has shape ${shapeText(t.shape)}, this network's has ${shapeText(p.shape)}`, `它的参数 ${named(name)} 形状是 ${shapeText(t.shape)}，而这个网络的是 ${shapeText(p.shape)}`));
    }
  }
  const names = new Set(mine.map(([n]) => n));
  const extra = Object.keys(state).find((n) => !names.has(n));
  if (extra !== undefined) return fail(msg(`the saved model has a parameter ${extra} that this network does not have`, `保存的模型有参数 ${extra}，而这个网络没有`));
  model.loadStateDict(state);
  return { ok: true };
}

function shapeText(shape: readonly number[]): string {
  return `[${shape.join(', ')}]`;
}
