/** The numbers behind `nnlearn quiz --stats`: what is due, how well each topic is remembered, the streak. */
import type { QuizItem } from './items.js';
import { dayOf, foldInto } from './log-compaction.js';
import type { QuizState } from './state.js';

export interface TopicStats {
  cards: number;
  seen: number;
  reviews: number;
  correct: number;
  /** Share of answers right, over all reviews (null before any). */
  accuracy: number | null;
  /** Share right over the last 30 days' reviews, in whole UTC days (null when none). */
  retention: number | null;
  dueToday: number;
}

export interface QuizStats {
  reviews: number;
  due: { today: number; week: number };
  accuracy: number | null;
  retention: number | null;
  /** Days in a row (up to today or yesterday) with at least one answer. */
  streak: number;
  topics: Record<string, TopicStats>;
  /** Topics with the lowest accuracy (at least 2 answers), weakest first. */
  weakest: string[];
}

const DAY = 86_400_000;

function dayKey(d: Date): string {
  return dayOf(d.toISOString());
}

/**
 * The last millisecond of the student's local day (the system's zone, or the
 * one given): "due today" means before her midnight, not UTC's. Read from
 * Intl's clock in that zone (a day with a DST change is an hour off at most).
 */
export function endOfLocalDay(now: Date, timeZone?: string): Date {
  const parts = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23', timeZone }).formatToParts(now);
  const n = (t: string) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const msIntoDay = ((n('hour') * 60 + n('minute')) * 60 + n('second')) * 1000 + now.getMilliseconds();
  return new Date(now.getTime() - msIntoDay + DAY - 1);
}

export function computeStats(items: readonly QuizItem[], state: QuizState, now: Date, timeZone?: string): QuizStats {
  const endOfToday = endOfLocalDay(now, timeZone);
  const weekEnd = endOfToday.getTime() + 6 * DAY;
  const topicOf = new Map(items.map((it) => [it.id, it.topic]));
  const topics: Record<string, TopicStats> = {};
  const topicStats = (t: string) => (topics[t] ??= { cards: 0, seen: 0, reviews: 0, correct: 0, accuracy: null, retention: null, dueToday: 0 });
  for (const it of items) {
    const ts = topicStats(it.topic);
    ts.cards++;
    const c = state.cards[it.id];
    if (c) {
      ts.seen++;
      if (Date.parse(c.due) <= endOfToday.getTime()) ts.dueToday++;
    }
  }
  let dueToday = 0;
  let dueWeek = 0;
  for (const [id, c] of Object.entries(state.cards)) {
    if (!topicOf.has(id)) continue;
    const t = Date.parse(c.due);
    if (t <= endOfToday.getTime()) dueToday++;
    if (t <= weekEnd) dueWeek++;
  }
  // Old answers are kept as per-day counts (log-compaction.ts), so everything here is counted per UTC day.
  const perDay = foldInto(state.daily, state.log);
  const recentFrom = dayKey(new Date(now.getTime() - 30 * DAY));
  const recentBy: Record<string, { n: number; ok: number }> = {};
  let reviews = 0;
  let recentN = 0;
  let recentOk = 0;
  let correct = 0;
  const days = new Set<string>();
  for (const [day, byTopic] of Object.entries(perDay)) {
    for (const [topic, [n, ok]] of Object.entries(byTopic)) {
      if (n > 0) days.add(day);
      const ts = topicStats(topic);
      ts.reviews += n;
      ts.correct += ok;
      reviews += n;
      correct += ok;
      // The 30-day window is whole days: from the day 30 days ago through today.
      if (day >= recentFrom) {
        const r = (recentBy[topic] ??= { n: 0, ok: 0 });
        r.n += n;
        r.ok += ok;
        recentN += n;
        recentOk += ok;
      }
    }
  }
  for (const [t, ts] of Object.entries(topics)) {
    ts.accuracy = ts.reviews ? ts.correct / ts.reviews : null;
    ts.retention = recentBy[t]?.n ? recentBy[t].ok / recentBy[t].n : null;
  }
  let streak = 0;
  let d = new Date(now);
  if (!days.has(dayKey(d))) d = new Date(d.getTime() - DAY);
  while (days.has(dayKey(d))) {
    streak++;
    d = new Date(d.getTime() - DAY);
  }
  const weakest = Object.entries(topics)
    .filter(([, ts]) => ts.reviews >= 2 && ts.accuracy !== null)
    .sort((a, b) => a[1].accuracy! - b[1].accuracy!)
    .map(([t]) => t)
    .slice(0, 3);
  return {
    reviews,
    due: { today: dueToday, week: dueWeek },
    accuracy: reviews ? correct / reviews : null,
    retention: recentN ? recentOk / recentN : null,
    streak,
    topics,
    weakest,
  };
}
