/**
 * Spaced repetition with FSRS (ts-fsrs): when an item is next due, given how
 * the answer went. Wrong or "I don't know" → Again (soon); right → Good, or
 * the rating the student chose (Hard, Good, Easy).
 */
import { createEmptyCard, fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import { fromCard, toCard, type LogEntry, type QuizState } from './state.js';

// No fuzz: a session with --seed must schedule the same way every time.
const scheduler = fsrs({ enable_fuzz: false });

export { Rating };

export function ratingFor(correct: boolean | null, chosen?: Grade): Grade {
  if (correct !== true) return Rating.Again;
  return chosen ?? Rating.Good;
}

/**
 * The card after this review. A clock that moved backwards (now before the
 * last review) is treated as "no time passed" instead of crashing.
 */
export function review(card: Card | undefined, now: Date, rating: Grade): Card {
  const current: Card = card ?? createEmptyCard(now);
  const last = current.last_review ? new Date(current.last_review) : undefined;
  const at = last && now.getTime() < last.getTime() ? last : now;
  return scheduler.next(current, at, rating).card;
}

export interface Answer {
  id: string;
  topic: string;
  correct: boolean | null;
  rating: Grade;
  seconds: number;
  mode: 'study' | 'exam';
  at: Date;
}

/** Applies one answer to the state (pure): the card moves on, the log grows. */
export function applyAnswer(state: QuizState, a: Answer): QuizState {
  const stored = state.cards[a.id];
  const next = review(stored ? toCard(stored) : undefined, a.at, a.rating);
  const entry: LogEntry = { id: a.id, topic: a.topic, at: a.at.toISOString(), rating: a.rating, correct: a.correct, seconds: Math.max(0, Math.round(a.seconds * 10) / 10), mode: a.mode };
  return { ...state, cards: { ...state.cards, [a.id]: fromCard(next) }, log: [...state.log, entry] };
}

export function dueDate(state: QuizState, id: string): Date | null {
  const c = state.cards[id];
  return c ? new Date(c.due) : null;
}
