/**
 * A run ready to train: the checked options built into a Task, and a Trainer
 * around it — from a saved model's weights with --load, or from the model that
 * ships with nnlearn with --pretrained. The worker thread, the plain printer and
 * the tests start runs here.
 */
import { msg, type Msg } from '../i18n/index.js';
import { loadLessonCorpus } from './data/lesson-text.js';
import { applySaved, checkSavedRun, loadedOptions, readSaved, savedVocab, type Loaded } from './persist.js';
import { readPretrained } from './pretrained.js';
import { buildRun, RUNS } from './runs/registry.js';
import type { ModelMeta } from './saved/index.js';
import type { SavedVocab } from './tasks/text-vocab.js';
import type { TrainerApi, TrainOptions } from './task.js';
import { Trainer } from './trainer.js';

export type Started = { ok: true; trainer: TrainerApi; options: TrainOptions; loaded?: ModelMeta } | { ok: false; error: Msg };

export interface StartFrom {
  /** --load NAME: the saved model to start from; its run's options are used under the ones given (so its net is built). */
  load?: string;
  /** --pretrained: start from the model that ships with nnlearn for this run (read only), as --load does. */
  pretrained?: boolean;
  /** Where the shipped models are (the package's data/pretrained unless given: tests). */
  pretrainedDir?: string;
}

/** A shipped model goes on at this fraction of the rate it was trained with (unless --lr is given). */
export const FINE_TUNE_LR = 0.1;

/**
 * A shipped model is already trained: at its training rate, a fresh optimizer's first steps undo
 * part of it (LeNet-5 at 0.003 drops from 97.5 % to 96.4 % in its first epoch; at 0.0003 it
 * goes on to 98.2 %). So --pretrained goes on at a tenth of the rate, as fine-tuning does.
 */
function fineTuneLr(id: string, options: TrainOptions): number | undefined {
  const lr = options.lr ?? RUNS.find((r) => r.id === id)?.defaults.lr;
  return lr === undefined ? undefined : Number((lr * FINE_TUNE_LR).toPrecision(6));
}

export async function startTrainer(id: string, given: TrainOptions, from: StartFrom = {}): Promise<Started> {
  let options = given;
  let saved: Loaded | undefined;
  if (from.load !== undefined || from.pretrained) {
    const r = from.load !== undefined ? await readSaved(from.load) : await readPretrained(id, from.pretrainedDir);
    if (!r.ok) return r;
    const run = checkSavedRun(r, id);
    if (!run.ok) return run;
    saved = r;
    options = loadedOptions(saved, { ...given, lang: given.lang });
    if (from.pretrained && given.lr === undefined) options = { ...options, lr: fineTuneLr(id, options) };
  }
  const topic = RUNS.find((r) => r.id === id)?.topic;
  // A text model is built with the characters it was saved with.
  let vocab: SavedVocab | undefined;
  if (saved && topic === 'text') {
    const shownAs = from.load !== undefined ? msg(`The saved model "${from.load}"`, `保存的模型“${from.load}”`) : msg(`The model that ships with nnlearn for ${id}`, `nnlearn 自带的 ${id} 模型`);
    const v = savedVocab(saved, { flag: from.load !== undefined ? '--load' : '--pretrained', shownAs });
    if (!v.ok) return v;
    vocab = v.saved;
  }
  // A text run's default corpus is the lessons' prose: load them first (only then).
  if (topic === 'text' && options.text === undefined) await loadLessonCorpus();
  const built = buildRun(id, options, vocab);
  if (!built.ok) return built;
  const trainer = new Trainer(built.task);
  if (saved) {
    const applied = applySaved(trainer, saved);
    if (!applied.ok) return applied;
  }
  return { ok: true, trainer, options, loaded: saved?.meta };
}
