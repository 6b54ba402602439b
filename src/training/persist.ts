/**
 * --load NAME and --save NAME for a run: the saved-model store (saved/) applied
 * to a trainer. A model is loaded into the run it was saved from (its options,
 * so the net matches, under what the student gives now), and saved with where
 * the run got to. Text runs are not saved yet: their vocabulary comes from the
 * corpus, and a model loaded against another corpus would read the wrong
 * characters without a word.
 */
import { msg, type Msg } from '../i18n/index.js';
import { applyState, loadModel, saveModel, type LoadResult } from './saved/index.js';
import type { Topic, TrainerApi, TrainOptions } from './task.js';

/** `replaced`: a model of that name was there before (now replaced by the complete new file). */
export type Persisted = { ok: true; path: string; replaced: boolean } | { ok: false; error: Msg };

const TEXT_NOT_YET = (flag: string) =>
  msg(
    `${flag} works for the points, digits and sequence runs; a text run's model depends on its corpus's characters and is not saved yet.`,
    `${flag} 适用于二维点、数字和序列训练；文本训练的模型依赖语料中的字符，暂时不能保存。`,
  );

/** The saved model NAME, or why not. */
export async function readSaved(name: string): Promise<LoadResult> {
  return loadModel(name);
}

/** The options to build a loaded model's run with: as it was saved, under the ones given now. */
export function loadedOptions(saved: Extract<LoadResult, { ok: true }>, given: TrainOptions): TrainOptions {
  return { ...saved.meta.options, ...Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) } as TrainOptions;
}

/** Puts the saved weights into the trainer's model (the run must be the one it was saved from). */
export function applySaved(t: TrainerApi, saved: Extract<LoadResult, { ok: true }>): { ok: true } | { ok: false; error: Msg } {
  if (t.info.topic === 'text') return { ok: false, error: TEXT_NOT_YET('--load') };
  if (saved.meta.runId !== t.info.id) {
    return {
      ok: false,
      error: msg(
        `"${saved.name}" was saved from the run ${saved.meta.runId}, not ${t.info.id}: nnlearn train ${saved.meta.runId} --load ${saved.name}`,
        `“${saved.name}”是从训练 ${saved.meta.runId} 保存的，不是 ${t.info.id}：nnlearn train ${saved.meta.runId} --load ${saved.name}`,
      ),
    };
  }
  return applyState(t.model, saved);
}

export function canSave(topic: Topic): { ok: true } | { ok: false; error: Msg } {
  return topic === 'text' ? { ok: false, error: TEXT_NOT_YET('--save') } : { ok: true };
}

/** Saves the trainer's model as NAME, with the options it was built with and where it got to. */
export async function saveTrainer(t: TrainerApi, name: string, options: TrainOptions, version: string): Promise<Persisted> {
  const allowed = canSave(t.info.topic);
  if (!allowed.ok) return allowed;
  const r = await saveModel(name, t.model, {
    runId: t.info.id,
    options: { ...options, seed: t.info.seed },
    epoch: t.epoch,
    step: t.stepsDone,
    lastEpoch: t.history.at(-1) ?? null,
    nnlearn: version,
  });
  return r.ok ? { ok: true, path: r.path, replaced: r.replaced !== null } : r;
}
