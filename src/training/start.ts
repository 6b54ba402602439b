/**
 * A run ready to train: the checked options built into a Task, and a Trainer
 * around it — from a saved model's weights with --load. The worker thread, the
 * plain printer and the tests start runs here.
 */
import type { Msg } from '../i18n/index.js';
import { loadLessonCorpus } from './data/lesson-text.js';
import { applySaved, loadedOptions, readSaved } from './persist.js';
import { buildRun, RUNS } from './runs/registry.js';
import type { ModelMeta } from './saved/index.js';
import type { TrainerApi, TrainOptions } from './task.js';
import { Trainer } from './trainer.js';

export type Started = { ok: true; trainer: TrainerApi; options: TrainOptions; loaded?: ModelMeta } | { ok: false; error: Msg };

/** `load`: the saved model to start from; its run's options are used under the ones given (so its net is built). */
export async function startTrainer(id: string, given: TrainOptions, opts: { load?: string } = {}): Promise<Started> {
  let options = given;
  let saved: Awaited<ReturnType<typeof readSaved>> | undefined;
  if (opts.load !== undefined) {
    saved = await readSaved(opts.load);
    if (!saved.ok) return saved;
    options = loadedOptions(saved, { ...given, lang: given.lang });
  }
  // A text run's default corpus is the lessons' prose: load them first (only then).
  if (RUNS.find((r) => r.id === id)?.topic === 'text' && options.text === undefined) await loadLessonCorpus();
  const built = buildRun(id, options);
  if (!built.ok) return built;
  const trainer = new Trainer(built.task);
  if (saved?.ok) {
    const applied = applySaved(trainer, saved);
    if (!applied.ok) return applied;
  }
  return { ok: true, trainer, options, loaded: saved?.ok ? saved.meta : undefined };
}
