/** Which items a session asks, in what order: due ones first, then new ones; an exam samples every topic. */
import { mulberry32 } from '../engine/random.js';
import type { QuizItem } from './items.js';
import type { QuizState } from './state.js';

export function shuffled<T>(list: readonly T[], seed: number): T[] {
  const r = mulberry32(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** A study session: every due card (most overdue first), then new items in teaching order. */
export function planStudy(items: readonly QuizItem[], state: QuizState, o: { now: Date; count: number }): { queue: QuizItem[]; due: number; fresh: number } {
  const due = items
    .filter((it) => state.cards[it.id] && new Date(state.cards[it.id].due).getTime() <= o.now.getTime())
    .sort((a, b) => Date.parse(state.cards[a.id].due) - Date.parse(state.cards[b.id].due));
  const fresh = items.filter((it) => !state.cards[it.id]);
  const queue = [...due, ...fresh].slice(0, o.count);
  return { queue, due: due.length, fresh: fresh.length };
}

/** An exam: `count` items drawn round-robin across topics (so every topic is examined), shuffled. */
export function planExam(items: readonly QuizItem[], o: { count: number; seed: number }): QuizItem[] {
  const byTopic = new Map<string, QuizItem[]>();
  for (const it of shuffled(items, o.seed)) {
    if (!byTopic.has(it.topic)) byTopic.set(it.topic, []);
    byTopic.get(it.topic)!.push(it);
  }
  const pools = [...byTopic.values()];
  const out: QuizItem[] = [];
  for (let round = 0; out.length < o.count && pools.some((p) => p.length > round); round++) {
    for (const p of pools) if (p[round] && out.length < o.count) out.push(p[round]);
  }
  return shuffled(out, o.seed + 1);
}
