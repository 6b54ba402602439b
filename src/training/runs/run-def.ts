/** A ready-made run as the registry lists it: what it is, its defaults, and how to build its Task. */
import type { Msg } from '../../i18n/index.js';
import type { Task, Topic, TrainOptions } from '../task.js';

export interface RunDef {
  id: string;
  topic: Topic;
  title: Msg;
  summary: Msg;
  defaults: TrainOptions;
  accepts: readonly (keyof TrainOptions)[]; // options that mean something for this run
  build(o: TrainOptions): { ok: true; task: Task } | { ok: false; error: Msg };
}
