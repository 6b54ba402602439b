/**
 * Lesson progress, keyed by lesson id (not by position in the catalog, so
 * adding lessons never shifts anyone's progress): the step reached, whether
 * the lesson was completed, and which lesson was open last.
 *
 * Saves are serialized per process, newest wins: keys pressed quickly used to
 * start one save per step, each racing for the lock, and the file could end on
 * step 3 while the screen showed 7. Now while one save runs only the newest
 * pending step of each lesson waits, and it is written next.
 */
// zod/mini: the same schemas at a twentieth of the bundle size (start-up matters).
import * as z from 'zod/mini';
import { joinMsg, msg, type Msg } from '../i18n/index.js';
import { dataFile } from '../storage/paths.js';
import { JsonStore, SaveError, StateFileError, type Recovery, type StoreOptions } from '../storage/json-store.js';

const entry = z.object({
  step: z.int().check(z.minimum(0)),
  completed: z.boolean(),
  updatedAt: z.string(),
});

const schema = z.object({
  version: z.literal(1),
  last: z.optional(z.string()),
  lessons: z.record(z.string(), entry),
});

export type Progress = z.infer<typeof schema>;
export type LessonProgress = z.infer<typeof entry>;

export function progressStore(env: NodeJS.ProcessEnv = process.env, o: StoreOptions<Progress> = {}): JsonStore<Progress> {
  return new JsonStore(dataFile('lessons.json', env), schema, () => ({ version: 1, lessons: {} }), o);
}

export async function loadProgress(store = progressStore()): Promise<{ progress: Progress; recovery?: Recovery }> {
  const r = await store.load();
  return { progress: r.value, recovery: r.recovery };
}

/** What to tell the student when lessons.json had to be repaired (every mode: screen, plain, list). */
export function progressRecoveryMsg(r: Recovery): Msg {
  if (r.restoredMissing) {
    return msg('nnlearn: your lesson progress file was missing; it was restored from the last good backup (lessons.json.bak).', 'nnlearn：课程进度文件不见了；已从最近一次完好的备份（lessons.json.bak）恢复。');
  }
  return msg(
    `nnlearn: your lesson progress file could not be read (${r.reason}); it was kept as ${r.movedTo}${r.usedBackup ? ' and the last good backup is used' : ''}.`,
    `nnlearn：无法读取课程进度文件（${r.reason}）；原文件已保留为 ${r.movedTo}${r.usedBackup ? '，现使用最近一次完好的备份' : ''}。`,
  );
}

interface Pending {
  step: number;
  stepCount: number;
  waiters: { resolve: (p: Progress) => void; reject: (e: unknown) => void }[];
}

/** One save at a time per file; while it runs, the newest request per lesson waits (older ones are superseded). */
class ProgressSaver {
  private running = false;
  private readonly pending = new Map<string, Pending>();
  constructor(private readonly store: JsonStore<Progress>) {}

  save(id: string, step: number, stepCount: number): Promise<Progress> {
    return new Promise((resolve, reject) => {
      const prev = this.pending.get(id);
      this.pending.set(id, { step, stepCount, waiters: [...(prev?.waiters ?? []), { resolve, reject }] });
      void this.run();
    });
  }

  private async run(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.pending.size) {
        const batch = [...this.pending.entries()];
        this.pending.clear();
        try {
          const r = await this.store.update((p) => {
            let next = p;
            for (const [id, q] of batch) next = withStep(next, id, q.step, q.stepCount);
            return next;
          });
          for (const [, q] of batch) for (const w of q.waiters) w.resolve(r.value);
        } catch (e) {
          for (const [, q] of batch) for (const w of q.waiters) w.reject(e);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

const savers = new WeakMap<JsonStore<Progress>, ProgressSaver>();
let defaultStore: JsonStore<Progress> | undefined;

/**
 * `p` after reaching `step` of lesson `id`: it becomes the last lesson, and is
 * completed once its last step is reached (and stays completed). The screen
 * applies it at once, so the menu knows the lesson even while the save runs.
 */
export function withStep(p: Progress, id: string, step: number, stepCount: number): Progress {
  const completed = (p.lessons[id]?.completed ?? false) || step >= stepCount - 1;
  return { ...p, last: id, lessons: { ...p.lessons, [id]: { step, completed, updatedAt: new Date().toISOString() } } };
}

/** Records reaching `step` of lesson `id` (completed once the last step is reached). */
export function saveStep(id: string, step: number, stepCount: number, store?: JsonStore<Progress>): Promise<Progress> {
  const s = store ?? (defaultStore ??= progressStore());
  let saver = savers.get(s);
  if (!saver) savers.set(s, (saver = new ProgressSaver(s)));
  return saver.save(id, step, stepCount);
}

/**
 * Progress for a screen or a listing, with any repair said on stderr in the
 * student's language. A lessons.json that nnlearn may not touch (a link, a
 * FIFO) is said too, and the lessons open without saved progress.
 */
export async function loadProgressTelling(say: (m: Msg) => void, store?: JsonStore<Progress>): Promise<Progress> {
  const s = store ?? (defaultStore ??= progressStore());
  // A save that has to wait for another nnlearn says why, the same way.
  s.onNotice = say;
  try {
    const { progress, recovery } = await loadProgress(s);
    if (recovery) say(progressRecoveryMsg(recovery));
    return progress;
  } catch (e) {
    if (!(e instanceof StateFileError || e instanceof SaveError)) throw e;
    say(joinMsg([e.detail, msg('Lesson progress will not be saved this time.', '这次不会保存课程进度。')]));
    return { version: 1, lessons: {} };
  }
}

/** Said (once per screen) when a step could not be saved. */
export function progressSaveFailedMsg(e: unknown): Msg | undefined {
  if (e instanceof StateFileError || e instanceof SaveError) return joinMsg([msg('nnlearn: lesson progress was not saved:', 'nnlearn：课程进度没有保存：'), e.detail]);
  return undefined;
}
