/** The numbers behind `nnlearn quiz --stats`: what is due, how well each topic is remembered, the streak. */
import type { QuizItem } from './items.js';
import type { QuizState } from './state.js';

export interface TopicStats {
  cards: number;
  seen: number;
  reviews: number;
  correct: number;
  /** Share of answers right, over all reviews (null before any). */
  accuracy: number | null;
  /** Share right over the last 30 days' reviews (null when none). */
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
  return d.toISOString().slice(0, 10);
}

export function computeStats(items: readonly QuizItem[], state: QuizState, now: Date): QuizStats {
  const endOfToday = new Date(now);
  endOfToday.setUTCHours(23, 59, 59, 999);
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
  const recent = now.getTime() - 30 * DAY;
  const recentBy: Record<string, { n: number; ok: number }> = {};
  let recentN = 0;
  let recentOk = 0;
  let correct = 0;
  for (const e of state.log) {
    const ts = topicStats(e.topic);
    ts.reviews++;
    if (e.correct) {
      ts.correct++;
      correct++;
    }
    if (Date.parse(e.at) >= recent) {
      const r = (recentBy[e.topic] ??= { n: 0, ok: 0 });
      r.n++;
      recentN++;
      if (e.correct) {
        r.ok++;
        recentOk++;
      }
    }
  }
  for (const [t, ts] of Object.entries(topics)) {
    ts.accuracy = ts.reviews ? ts.correct / ts.reviews : null;
    ts.retention = recentBy[t]?.n ? recentBy[t].ok / recentBy[t].n : null;
  }
  const days = new Set(state.log.map((e) => dayKey(new Date(e.at))));
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
    reviews: state.log.length,
    due: { today: dueToday, week: dueWeek },
    accuracy: state.log.length ? correct / state.log.length : null,
    retention: recentN ? recentOk / recentN : null,
    streak,
    topics,
    weakest,
  };
}
