/**
 * A run ready to train: the checked options built into a Task, and a Trainer
 * around it. The worker thread, the plain printer and the tests start runs here.
 */
import type { Msg } from '../i18n/index.js';
import { loadLessonCorpus } from './data/lesson-text.js';
import { buildRun, RUNS } from './runs/registry.js';
import type { TrainerApi, TrainOptions } from './task.js';
import { Trainer } from './trainer.js';

export async function startTrainer(id: string, options: TrainOptions): Promise<{ ok: true; trainer: TrainerApi } | { ok: false; error: Msg }> {
  // A text run's default corpus is the lessons' prose: load them first (only then).
  if (RUNS.find((r) => r.id === id)?.topic === 'text' && options.text === undefined) await loadLessonCorpus();
  const built = buildRun(id, options);
  if (!built.ok) return built;
  return { ok: true, trainer: new Trainer(built.task) };
}
