/**
 * A run ready to train: the checked options built into a Task, and a Trainer
 * around it. The worker thread, the plain printer and the tests start runs here.
 */
import type { Msg } from '../i18n/index.js';
import { buildRun } from './runs/registry.js';
import type { TrainerApi, TrainOptions } from './task.js';
import { Trainer } from './trainer.js';

export function startTrainer(id: string, options: TrainOptions): { ok: true; trainer: TrainerApi } | { ok: false; error: Msg } {
  const built = buildRun(id, options);
  if (!built.ok) return built;
  return { ok: true, trainer: new Trainer(built.task) };
}
