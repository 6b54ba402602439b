/**
 * Keeps the quiz file bounded: once the log passes LOG_MAX answers, the oldest
 * are folded into per-day, per-topic counts (answers, right) down to LOG_KEEP.
 * That is everything `quiz --stats` reads (totals, accuracy and 30-day
 * retention per topic, streak days), so statistics are identical before and
 * after. Rewriting amortised: one compaction per LOG_MAX − LOG_KEEP answers.
 */
// Structural types, so that state.ts (which compacts on every save) and this file do not import each other.
/** Per UTC day (YYYY-MM-DD), per topic: [answers, right]. */
type Daily = Record<string, Record<string, [number, number]>>;
interface Counted {
  at: string;
  topic: string;
  correct: boolean | null;
}

export const LOG_KEEP = 2000;
export const LOG_MAX = 4000;

export const dayOf = (iso: string): string => new Date(Date.parse(iso)).toISOString().slice(0, 10);

export function foldInto(daily: Daily, entries: readonly Counted[]): Daily {
  const out: Daily = {};
  for (const [d, topics] of Object.entries(daily)) out[d] = { ...topics };
  for (const e of entries) {
    const day = (out[dayOf(e.at)] ??= {});
    const [n, ok] = day[e.topic] ?? [0, 0];
    day[e.topic] = [n + 1, ok + (e.correct ? 1 : 0)];
  }
  return out;
}

export function compactLog<S extends { log: Counted[]; daily: Daily }>(s: S, max = LOG_MAX, keep = LOG_KEEP): S {
  if (s.log.length <= max) return s;
  const cut = s.log.length - keep;
  return { ...s, daily: foldInto(s.daily, s.log.slice(0, cut)), log: s.log.slice(cut) };
}
