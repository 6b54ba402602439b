/**
 * --load NAME, --pretrained and --save NAME for a run: the saved-model store (saved/) applied
 * to a trainer. A model is loaded into the run it was saved from (its options, so the net
 * matches, under what the student gives now), and saved with where the run got to. A text
 * model is saved with its characters and built with them again (tasks/text-vocab.ts): its
 * weights have one row per character, in the order it learnt them.
 */
import { msg, type Msg } from '../i18n/index.js';
import { applyState, loadModel, saveModel, type LoadResult } from './saved/index.js';
import { badVocabMsg, vocabFitsWeights, vocabFromExtra, type SavedVocab } from './tasks/text-vocab.js';
import type { TrainerApi, TrainOptions } from './task.js';

/** `replaced`: a model of that name was there before (now replaced by the complete new file). */
export type Persisted = { ok: true; path: string; replaced: boolean } | { ok: false; error: Msg };

export type Loaded = Extract<LoadResult, { ok: true }>;

/** The saved model NAME, or why not. */
export async function readSaved(name: string): Promise<LoadResult> {
  return loadModel(name);
}

/** The options to build a loaded model's run with: as it was saved, under the ones given now. */
export function loadedOptions(saved: Loaded, given: TrainOptions): TrainOptions {
  return { ...saved.meta.options, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as TrainOptions;
}

/** A model goes only into the run it was saved from. */
export function checkSavedRun(saved: Loaded, runId: string): { ok: true } | { ok: false; error: Msg } {
  if (saved.meta.runId === runId) return { ok: true };
  return {
    ok: false,
    error: msg(
      `"${saved.name}" was saved from the run ${saved.meta.runId}, not ${runId}: nnlearn train ${saved.meta.runId} --load ${saved.name}`,
      `“${saved.name}”是从训练 ${saved.meta.runId} 保存的，不是 ${runId}：nnlearn train ${saved.meta.runId} --load ${saved.name}`,
    ),
  };
}

/**
 * A text model's characters, checked against its weights, to build its run with. A list that
 * is missing, malformed or of another length than the weights gets a message naming the file.
 */
export function savedVocab(saved: Loaded, how: { flag: '--load' | '--pretrained'; shownAs: Msg }): { ok: true; saved: SavedVocab } | { ok: false; error: Msg } {
  const v = vocabFromExtra(saved.meta.extra);
  if (!v.ok) return { ok: false, error: badVocabMsg(saved.path, v.why) };
  const misfit = vocabFitsWeights(v.vocab, saved.state);
  if (misfit) return { ok: false, error: badVocabMsg(saved.path, misfit) };
  return { ok: true, saved: { vocab: v.vocab, lessons: v.lessons, ...how } };
}

/** Puts the saved weights into the trainer's model (the run must be the one it was saved from). */
export function applySaved(t: TrainerApi, saved: Loaded): { ok: true } | { ok: false; error: Msg } {
  const run = checkSavedRun(saved, t.info.id);
  if (!run.ok) return run;
  return applyState(t.model, saved);
}

/** Saves the trainer's model as NAME, with the options it was built with, where it got to, and what its task needs besides the weights. */
export async function saveTrainer(t: TrainerApi, name: string, options: TrainOptions, version: string): Promise<Persisted> {
  const r = await saveModel(name, t.model, {
    runId: t.info.id,
    options: { ...options, seed: t.info.seed },
    epoch: t.epoch,
    step: t.stepsDone,
    lastEpoch: t.history.at(-1) ?? null,
    nnlearn: version,
    extra: t.savedExtra?.() ?? null,
  });
  return r.ok ? { ok: true, path: r.path, replaced: r.replaced !== null } : r;
}
