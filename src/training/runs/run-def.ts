/** What a ready-made run is: its id and topic, its defaults, the options it reads, and how it builds its Task. */
import type { Msg } from '../../i18n/index.js';
import type { SavedVocab } from '../tasks/text-vocab.js';
import type { Task, TrainOptions, Topic } from '../task.js';

export type BuildResult = { ok: true; task: Task } | { ok: false; error: Msg };

export interface RunDef {
  id: string;
  topic: Topic;
  title: Msg;
  summary: Msg;
  /** Every option the run reads, filled in (the options given replace these). */
  defaults: TrainOptions;
  /** Which options mean something for this run (others get a message naming the ones that do). */
  accepts: readonly (keyof TrainOptions)[];
  /**
   * Builds the task from complete options (defaults merged, each value already checked by options.ts).
   * `saved`: a text run started from a saved model is built with the model's characters (tasks/text-vocab.ts).
   */
  build(o: TrainOptions, saved?: SavedVocab): BuildResult;
}
