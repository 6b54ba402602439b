/**
 * Keeps the quiz file bounded: once the log passes LOG_MAX answers, the oldest
 * are folded into per-day, per-topic counts (answers, right) down to LOG_KEEP.
 * That is everything `quiz --stats` reads (totals, accuracy and 30-day
 * retention per topic, streak days), so statistics are identical before and
 * after. Rewriting amortised: one compaction per LOG_MAX − LOG_KEEP answers.
 */
import type { LogEntry, QuizState } from './state.js';

export const LOG_KEEP = 2000;
export const LOG_MAX = 4000;

export const dayOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);

export function foldInto(daily: QuizState['daily'], entries: readonly LogEntry[]): QuizState['daily'] {
  const out: QuizState['daily'] = {};
  for (const [d, topics] of Object.entries(daily)) out[d] = { ...topics };
  for (const e of entries) {
    const day = (out[dayOf(e.at)] ??= {});
    const [n, ok] = day[e.topic] ?? [0, 0];
    day[e.topic] = [n + 1, ok + (e.correct ? 1 : 0)];
  }
  return out;
}

export function compactLog(s: QuizState, max = LOG_MAX, keep = LOG_KEEP): QuizState {
  if (s.log.length <= max) return s;
  const cut = s.log.length - keep;
  return { ...s, daily: foldInto(s.daily, s.log.slice(0, cut)), log: s.log.slice(cut) };
}
