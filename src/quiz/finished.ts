/**
 * The lessons a student has finished, for ordering her new quiz items
 * (plan.ts: finished lessons' items come first, interleaved with the rest).
 * Only read: a progress file that cannot be read just means no preference.
 */
import { msg, type Msg } from '../i18n/index.js';
import { loadProgress, progressStore } from '../lessons/progress.js';

export async function finishedLessons(env: NodeJS.ProcessEnv = process.env, say?: (m: Msg) => void): Promise<string[]> {
  try {
    const { progress, recovery } = await loadProgress(progressStore(env));
    if (recovery) {
      say?.(
        msg(
          `nnlearn: your lesson progress file could not be read (${recovery.reason}); it was kept as ${recovery.movedTo}.`,
          `nnlearn：无法读取课程进度文件（${recovery.reason}）；原文件已保留为 ${recovery.movedTo}。`,
        ),
      );
    }
    return Object.entries(progress.lessons)
      .filter(([, e]) => e.completed)
      .map(([id]) => id);
  } catch {
    // A lessons.json nnlearn may not touch (a link, a FIFO): the quiz goes on without the preference.
    return [];
  }
}
