/** Which items a session asks, in what order: due ones first, then new ones; an exam samples every topic. */
import { shuffled } from '../engine/shuffle.js';
import type { QuizItem } from './items.js';
import type { QuizState } from './state.js';

/**
 * A study session: every due card (most overdue first), then new items. New
 * items are interleaved across topics — two from lessons she has finished for
 * each one from the rest — so that in exam week every topic turns up in the
 * first sessions, not the transformer after 150 questions. Within a topic they
 * keep the teaching order; the seed picks which topic leads.
 */
export function planStudy(
  items: readonly QuizItem[],
  state: QuizState,
  o: { now: Date; count: number; seed?: number; finished?: readonly string[] },
): { queue: QuizItem[]; due: number; fresh: number } {
  const due = items
    .filter((it) => state.cards[it.id] && new Date(state.cards[it.id].due).getTime() <= o.now.getTime())
    .sort((a, b) => Date.parse(state.cards[a.id].due) - Date.parse(state.cards[b.id].due));
  const fresh = interleaveNew(
    items.filter((it) => !state.cards[it.id]),
    { seed: o.seed ?? 1, finished: o.finished ?? [] },
  );
  const queue = [...due, ...fresh].slice(0, o.count);
  return { queue, due: due.length, fresh: fresh.length };
}

/** Round robin over topics (in an order fixed by the seed), each topic's items in the order given. */
function roundRobin(items: readonly QuizItem[], seed: number): QuizItem[] {
  const byTopic = new Map<string, QuizItem[]>();
  for (const it of items) {
    if (!byTopic.has(it.topic)) byTopic.set(it.topic, []);
    byTopic.get(it.topic)!.push(it);
  }
  const pools = shuffled([...byTopic.keys()], seed).map((t) => byTopic.get(t)!);
  const out: QuizItem[] = [];
  for (let round = 0; out.length < items.length; round++) for (const p of pools) if (p[round]) out.push(p[round]);
  return out;
}

/** New items in the order to ask them: finished lessons' items twice as often as the others', both interleaved by topic. */
export function interleaveNew(fresh: readonly QuizItem[], o: { seed: number; finished: readonly string[] }): QuizItem[] {
  const done = new Set(o.finished);
  const favoured = roundRobin(
    fresh.filter((it) => done.has(it.lesson)),
    o.seed,
  );
  const rest = roundRobin(
    fresh.filter((it) => !done.has(it.lesson)),
    o.seed + 1,
  );
  const out: QuizItem[] = [];
  let a = 0;
  let b = 0;
  while (a < favoured.length || b < rest.length) {
    // A A B A A B …; when one list runs out, the other continues alone.
    const takeRest = b < rest.length && (a >= favoured.length || out.length % 3 === 2);
    out.push(takeRest ? rest[b++] : favoured[a++]);
  }
  return out;
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
