/**
 * A quiz session without a UI: the queue, asking, grading and recording, in
 * study or exam mode. The plain (stdin) runner and the Ink screen both drive
 * this, so they grade and schedule identically.
 */
import type { Grade } from 'ts-fsrs';
import type { Lang } from '../i18n/index.js';
import { grade, type Graded } from './grade.js';
import type { QuizItem } from './items.js';
import { planExam, planStudy } from './plan.js';
import type { Msg } from '../i18n/index.js';
import { isStorageError, quizRecoveryMsg, saveFailureJson, unsavedMsg } from './save-messages.js';
import { Rating, applyAnswer, dueDate, ratingFor, review } from './scheduler.js';
import { answerCount, fromCard, toCard, type QuizState, type StoredCard } from './state.js';
import type { QuizStore } from './store-types.js';
import type { Question } from './types.js';
import { hashString } from '../engine/shuffle.js';

export interface SessionOptions {
  mode: 'study' | 'exam';
  items: readonly QuizItem[];
  count: number;
  seed: number;
  lang: Lang;
  store: QuizStore;
  now?: () => Date;
  /** Lesson ids she has completed: their new items come first, interleaved with the rest (plan.ts). */
  finished?: readonly string[];
}

export interface AskedResult {
  /** The card before this answer (to re-rate it when the student says how it felt). */
  before?: StoredCard;
  at?: Date;
  item: QuizItem;
  question: Question;
  graded: Graded;
  correct: boolean | null;
  seconds: number;
  next: Date | null;
  /** Set when the answer could not be saved (full disk …): what to tell the student. The session goes on. */
  unsaved?: { message: Msg; failure: ReturnType<typeof saveFailureJson> };
  /** The record was repaired while saving (another process damaged it meanwhile): what to tell the student. */
  recovered?: Msg;
}

export class QuizSession {
  readonly queue: QuizItem[];
  readonly results: AskedResult[] = [];
  readonly dueCount: number;
  readonly newCount: number;
  private state: QuizState;
  private readonly now: () => Date;

  constructor(
    readonly o: SessionOptions,
    state: QuizState,
  ) {
    this.state = state;
    this.now = o.now ?? (() => new Date());
    if (o.mode === 'exam') {
      this.queue = planExam(o.items, { count: o.count, seed: o.seed });
      this.dueCount = 0;
      this.newCount = 0;
    } else {
      const p = planStudy(o.items, state, { now: this.now(), count: o.count, seed: o.seed, finished: o.finished });
      this.queue = p.queue;
      this.dueCount = p.due;
      this.newCount = p.fresh;
    }
  }

  /** Question i of the session (generators get numbers from the session seed). */
  question(i: number): Question {
    const item = this.queue[i];
    return item.make((this.o.seed ^ hashString(item.id)) + i);
  }

  seedFor(i: number): number {
    return this.o.seed + i;
  }

  grade(i: number, line: string): Promise<Graded> {
    return grade(this.question(i), line, this.seedFor(i));
  }

  /**
   * Records the answer to question i at once, so a session cut short (Ctrl-C,
   * a kill) keeps every answer given. An exam records too, but shows nothing
   * until the end: right → Good, missed or "don't know" → Again (soon).
   */
  async answer(i: number, graded: Graded, seconds: number, chosen?: Grade): Promise<AskedResult> {
    const item = this.queue[i];
    const correct = graded.outcome === 'right' ? true : graded.outcome === 'wrong' ? false : null;
    let next: Date | null = null;
    const before = this.state.cards[item.id];
    const at = this.now();
    const exam = this.o.mode === 'exam';
    const answer = { id: item.id, topic: item.topic, correct, rating: exam ? (correct ? Rating.Good : Rating.Again) : ratingFor(correct, chosen), seconds, mode: this.o.mode, at };
    let unsaved: AskedResult['unsaved'];
    let recovered: Msg | undefined;
    try {
      // Under the store's lock: another nnlearn may be writing too.
      const saved = await this.o.store.update((s) => applyAnswer(s, answer));
      this.state = saved.value;
      if (saved.recovery) recovered = quizRecoveryMsg(saved.recovery);
      next = dueDate(this.state, item.id);
    } catch (e) {
      // A full disk or a file that cannot be used: say so plainly and keep the session going.
      if (!isStorageError(e)) throw e;
      unsaved = { message: unsavedMsg(e, answerCount(this.state)), failure: saveFailureJson(e) };
    }
    const r: AskedResult = { before, at, item, question: this.question(i), graded, correct, seconds, next, unsaved, recovered };
    this.results[i] = r;
    return r;
  }

  /** A right answer was recorded as Good; the student says it felt Hard or Easy: schedule it from the card before. */
  async rerate(i: number, rating: Grade): Promise<Date | null> {
    const r = this.results[i];
    // An answer that was not saved has no log entry to re-rate.
    if (!r || r.correct !== true || this.o.mode !== 'study' || !r.at || r.unsaved) return r?.next ?? null;
    const card = review(r.before ? toCard(r.before) : undefined, r.at, rating);
    let updated: { value: QuizState };
    try {
      updated = await this.o.store.update((s) => {
      const log = [...s.log];
      for (let k = log.length - 1; k >= 0; k--) {
        if (log[k].id === r.item.id) {
          log[k] = { ...log[k], rating };
          break;
        }
      }
      return { ...s, cards: { ...s.cards, [r.item.id]: fromCard(card) }, log };
      });
    } catch (e) {
      if (!isStorageError(e)) throw e;
      r.unsaved = { message: unsavedMsg(e, answerCount(this.state), { en: 'this rating', zh: '这次评分' }), failure: saveFailureJson(e) };
      return r.next;
    }
    this.state = updated.value;
    r.next = dueDate(this.state, r.item.id);
    return r.next;
  }

  /** End of an exam: every answer is already saved; the report shows when each comes back. */
  async finishExam(): Promise<void> {
    for (const r of this.results) if (r) r.next = dueDate(this.state, r.item.id);
  }

  current(): QuizState {
    return this.state;
  }
}
