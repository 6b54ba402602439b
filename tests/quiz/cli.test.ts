/**
 * `nnlearn quiz` end to end through the built CLI, without a terminal: plain
 * study sessions ("?", unreadable lines explained and asked again, --json,
 * --lang zh), --list and --stats, and the exam (graded at the end, per-topic
 * scores, worked solutions, misses scheduled sooner, --minutes).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { QUESTIONS } from '../../src/quiz/bank/index.js';
import { GENERATORS } from '../../src/quiz/generators/index.js';
import { grade, LETTERS, choiceShuffle, orderShuffle } from '../../src/quiz/grade.js';
import { ITEMS } from '../../src/quiz/items.js';
import { EXPERIMENTS } from '../../src/experiments/registry.js';
import { answerText } from '../../src/quiz/present.js';
import { QuizSession } from '../../src/quiz/session.js';
import { emptyQuizState, quizSchema, quizStore, type QuizState } from '../../src/quiz/state.js';
import type { Question } from '../../src/quiz/types.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { startCliProcess } from '../helpers/cli.js';

const BIN = join(ROOT, 'bin', 'nnlearn.js');
const HAN = /[\u4e00-\u9fff]/;
const TOPICS = ['dnn', 'cnn', 'rnn', 'lstm', 'transformer'];
const KINDS = ['choice', 'numeric', 'formula', 'truefalse', 'order'];

const newHome = () => mkdtempSync(join(tmpdir(), 'nnlearn-quiz-cli-'));
const quiz = (args: string[], home: string, input = '') => runCli(['quiz', ...args], { env: { NNLEARN_HOME: home }, input });
const saved = (home: string): QuizState => quizSchema.parse(JSON.parse(readFileSync(join(home, 'quiz.json'), 'utf8')));
const flat = (s: string) => s.replace(/\s+/g, ' ');
const count = (s: string, what: string) => s.split(what).length - 1;

/** The session the CLI will run (same items, seed and count), to know its questions. */
const sessionLike = (mode: 'study' | 'exam', count: number, seed: number) =>
  new QuizSession({ mode, items: [...ITEMS], count, seed, lang: 'en', store: quizStore({ NNLEARN_HOME: newHome() }) }, emptyQuizState());

function rightLine(q: Question, seed: number): string {
  switch (q.kind) {
    case 'choice':
      return LETTERS[choiceShuffle(q, seed).indexOf(q.answer)];
    case 'numeric':
      return Array.isArray(q.answer) ? q.answer.join('x') : String(q.answer);
    case 'formula':
      return q.answer;
    case 'truefalse':
      return q.answer ? 't' : 'f';
    case 'order': {
      const shown = orderShuffle(q, seed);
      return q.items.map((_, k) => LETTERS[shown.indexOf(k)]).join(' ');
    }
  }
}

function wrongLine(q: Question, seed: number): string {
  switch (q.kind) {
    case 'choice':
      return LETTERS[choiceShuffle(q, seed).findIndex((k) => k !== q.answer)];
    case 'numeric':
      return Array.isArray(q.answer) ? q.answer.map((v) => v + 1).join('x') : String(q.answer + 1 + Math.abs(q.answer) + 10 * (q.tolerance ?? 0));
    case 'formula':
      return `(${q.answer}) + 1`;
    case 'truefalse':
      return q.answer ? 'f' : 't';
    case 'order':
      return LETTERS.slice(0, q.items.length).split('').join(' ');
  }
}

/** The built CLI with stdin as a pipe, to answer as the output comes. */
const startCli = startCliProcess;

describe('nnlearn quiz --plain (study)', () => {
  const s = sessionLike('study', 3, 1);
  const q = [0, 1, 2].map((i) => s.question(i));

  it('answering "?" to each of --count 3 questions completes, shows each solution and saves three answers', () => {
    const home = newHome();
    const r = quiz(['--plain', '--seed', '1', '--count', '3'], home, '?\n?\n?\n');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const at = ['[1/3]', '[2/3]', '[3/3]', 'Done: 0 of 3 right.'].map((m) => r.stdout.indexOf(m));
    expect(at.every((p) => p >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(count(r.stdout, "That's fine — here is how it goes.")).toBe(3);
    expect(count(r.stdout, 'Next review in ')).toBe(3);
    for (let i = 0; i < 3; i++) expect(flat(r.stdout)).toContain(flat(`Answer: ${answerText(q[i], s.seedFor(i)).en}`));
    const state = saved(home);
    expect(state.log.map((e) => [e.id, e.correct, e.mode])).toEqual(s.queue.map((it) => [it.id, null, 'study']));
    expect(Object.keys(state.cards).sort()).toEqual(s.queue.map((it) => it.id).sort());
  });

  it('an unreadable line is explained and the same question asked again; the next appears only after a valid answer', async () => {
    const explain = await grade(q[1], '%%%');
    expect(explain.outcome).toBe('invalid');
    if (explain.outcome !== 'invalid') return;
    const home = newHome();
    const r = quiz(['--plain', '--seed', '1', '--count', '3'], home, '?\n%%%\n\n?\n?\n');
    expect(r.status).toBe(0);
    const out = r.stdout;
    const q2 = out.indexOf('[2/3]');
    const why = out.indexOf(explain.message.en, q2);
    const empty = out.indexOf('Type an answer, ? if you do not know, or hint.', q2);
    const feedback2 = out.indexOf("That's fine", q2);
    const q3 = out.indexOf('[3/3]');
    expect(q2).toBeGreaterThan(0);
    expect(why).toBeGreaterThan(q2);
    expect(empty).toBeGreaterThan(why);
    expect(feedback2).toBeGreaterThan(empty);
    expect(q3).toBeGreaterThan(feedback2);
    expect(count(out, '[2/3]')).toBe(1); // asked again without reprinting: the prompt stays the same question
    expect(saved(home).log).toHaveLength(3); // the unreadable lines were not recorded as answers

    // Input that ends after an unreadable line never reaches the next question.
    const home2 = newHome();
    const cut = quiz(['--plain', '--seed', '1', '--count', '3'], home2, '?\n%%%\n');
    expect(cut.status).toBe(0);
    expect(cut.stdout).toContain(explain.message.en);
    expect(cut.stdout).not.toContain('[3/3]');
    expect(cut.stdout).toContain('Done: 0 of 1 right.');
    expect(saved(home2).log).toHaveLength(1);
  });

  it('"hint" shows the hint and asks again', () => {
    const withHint = q.findIndex((x) => x.hint);
    const lines = q.map((_, i) => (i === withHint ? 'hint\n?' : '?')).join('\n') + '\n';
    const r = quiz(['--plain', '--seed', '1', '--count', '3'], newHome(), lines);
    if (withHint >= 0) expect(flat(r.stdout)).toContain(flat(`Hint: ${q[withHint].hint!.en}`));
    else expect(r.stdout).toContain('No hint for this one');
    expect(count(r.stdout, "That's fine")).toBe(3);
  });

  it('--json prints one object per answer (and per unreadable line) and a summary, nothing else', () => {
    const home = newHome();
    const first = rightLine(q[0], s.seedFor(0));
    const r = quiz(['--plain', '--json', '--seed', '1', '--count', '3'], home, `${first}\n?\n%%%\n?\n`);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(5);
    const all = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    // The unreadable "%%%" is reported with its explanation, and question 3 stays open.
    expect(all[2]).toMatchObject({ index: 3, outcome: 'invalid' });
    expect(String(all[2].message).length).toBeGreaterThan(5);
    const objs = all.filter((o) => o.outcome !== 'invalid');
    expect(objs.slice(0, 3).map((o) => [o.index, o.item, o.topic, o.kind, o.outcome, o.correct])).toEqual([
      [1, s.queue[0].id, s.queue[0].topic, q[0].kind, 'right', true],
      [2, s.queue[1].id, s.queue[1].topic, q[1].kind, 'dontknow', null],
      [3, s.queue[2].id, s.queue[2].topic, q[2].kind, 'dontknow', null],
    ]);
    for (const [i, o] of objs.slice(0, 3).entries()) {
      expect(o.answer).toBe(answerText(q[i], s.seedFor(i)).en);
      expect(new Date(o.next_review as string).toISOString()).toBe(o.next_review);
    }
    // "I don't know" comes back sooner than a right answer.
    expect(Date.parse(objs[1].next_review as string)).toBeLessThan(Date.parse(objs[0].next_review as string));
    expect(objs[3]).toMatchObject({ summary: { asked: 3, right: 1, stopped: 'end' } });
    // The summary names the misses with her answers, and the score per topic.
    const summary = objs[3].summary as { misses: { id: string; outcome: string }[]; topics: Record<string, { asked: number; right: number }> };
    expect(summary.misses.map((m) => [m.id, m.outcome])).toEqual([[q[1].id, 'dontknow'], [q[2].id, 'dontknow']]);
    expect(Object.values(summary.topics).reduce((n, t) => n + t.asked, 0)).toBe(3);
    expect(saved(home).log.map((e) => e.correct)).toEqual([true, null, null]);
  });

  it('--lang zh prints the session in Chinese', () => {
    const r = runCli(['--lang', 'zh', 'quiz', '--plain', '--seed', '1', '--count', '3'], { env: { NNLEARN_HOME: newHome() }, input: '?\n%%%\n?\n?\n' });
    expect(r.status).toBe(0);
    const out = flat(r.stdout);
    expect(out).toContain('共 3 道题');
    expect(out).toContain('没关系——下面是解法。');
    expect(out).toContain('完成：3 题中答对 0 题。');
    expect(out).toContain(flat(q[0].prompt.zh).slice(0, 12));
    expect(out).toContain('答案：');
    expect(out).not.toMatch(/That's fine|Done:|Answer:|Next review/);
    expect(r.stdout.split('\n').filter((l) => HAN.test(l)).length).toBeGreaterThan(10);
  });
});

describe('nnlearn quiz --list / --stats', () => {
  it('--list --json lists at least 150 authored questions with topic and kind, and the generators', () => {
    const r = quiz(['--list', '--json'], newHome());
    expect(r.status).toBe(0);
    const list = JSON.parse(r.stdout) as {
      questions: { id: string; topic: string; lesson: string; kind: string }[];
      generators: { id: string; topic: string; title: string }[];
      predictions: { id: string; topic: string; lesson: string; kind: string }[];
      counts: { questions: number; generators: number; predictions: number };
    };
    expect(list.questions.length).toBeGreaterThanOrEqual(150);
    expect(list.questions.length).toBe(QUESTIONS.length);
    expect(list.counts).toEqual({ questions: list.questions.length, generators: list.generators.length, predictions: list.predictions.length });
    expect(list.predictions.map((p) => p.id)).toEqual(EXPERIMENTS.map((e) => `experiment/${e.id}`));
    expect(new Set(list.questions.map((x) => x.id)).size).toBe(list.questions.length);
    for (const x of list.questions) {
      expect(TOPICS).toContain(x.topic);
      expect(KINDS).toContain(x.kind);
      expect(x.lesson.split('/')[0]).toBe(x.topic);
    }
    for (const t of TOPICS) expect(list.questions.some((x) => x.topic === t), t).toBe(true);
    expect(list.generators.map((g) => g.id)).toEqual(GENERATORS.map((g) => g.id));
    for (const g of list.generators) {
      expect(TOPICS).toContain(g.topic);
      expect(g.title.length).toBeGreaterThan(3);
    }
  });

  it('--stats --json carries reviews, due and a per-topic breakdown; reviews counts the answers recorded', () => {
    const home = newHome();
    const empty = JSON.parse(quiz(['--stats', '--json'], home).stdout) as { reviews: number; due: { today: number; week: number }; topics: Record<string, { cards: number; reviews: number; correct: number; seen: number }> };
    expect(empty.reviews).toBe(0);
    expect(empty.due).toEqual({ today: 0, week: 0 });
    expect(Object.keys(empty.topics).sort()).toEqual([...TOPICS].sort());
    expect(Object.values(empty.topics).reduce((n, t) => n + t.cards, 0)).toBe(ITEMS.length);

    const s = sessionLike('study', 3, 1);
    const first = rightLine(s.question(0), s.seedFor(0));
    expect(quiz(['--plain', '--seed', '1', '--count', '3'], home, `${first}\n?\n?\n`).status).toBe(0);
    const r = quiz(['--stats', '--json'], home);
    expect(r.status).toBe(0);
    const stats = JSON.parse(r.stdout) as typeof empty & { accuracy: number };
    expect(stats.reviews).toBe(3);
    expect(stats.reviews).toBe(saved(home).log.length);
    expect(stats.due.week).toBe(3); // all three come back within minutes
    expect(stats.due.today).toBeGreaterThanOrEqual(stats.due.week - 3);
    expect(stats.accuracy).toBeCloseTo(1 / 3);
    // New items come interleaved across topics (plan.ts): count per topic of the queue.
    for (const topic of new Set(s.queue.map((it) => it.topic))) {
      const n = s.queue.filter((it) => it.topic === topic).length;
      expect(stats.topics[topic]).toMatchObject({ reviews: n, correct: s.queue[0].topic === topic ? 1 : 0, seen: n });
    }
    expect(Object.values(stats.topics).reduce((n, t) => n + t.reviews, 0)).toBe(3);

    // An exam's answers count too.
    expect(quiz(['--exam', '--plain', '--count', '2', '--seed', '9'], home, '?\n?\n').status).toBe(0);
    expect((JSON.parse(quiz(['--stats', '--json'], home).stdout) as typeof empty).reviews).toBe(5);
  });
});

describe('nnlearn quiz --exam --plain', () => {
  it('a 5-question exam: feedback only at the end, per-topic scores, a worked solution for every miss, misses due sooner', async () => {
    const seed = 5;
    const s = sessionLike('exam', 5, seed);
    const plan = ['right', 'wrong', '?', 'right', 'right'] as const;
    const lines: string[] = [];
    for (let i = 0; i < 5; i++) {
      const q = s.question(i);
      const line = plan[i] === 'right' ? rightLine(q, s.seedFor(i)) : plan[i] === 'wrong' ? wrongLine(q, s.seedFor(i)) : '?';
      expect((await grade(q, line, s.seedFor(i))).outcome).toBe(plan[i] === '?' ? 'dontknow' : plan[i]);
      lines.push(line);
    }
    const home = newHome();
    const cli = startCli(['quiz', '--exam', '--plain', '--count', '5', '--seed', String(seed)], home);
    cli.send(lines[0]);
    await cli.waitFor((o) => o.includes('Noted.') && o.includes('[2/5]'));
    // No feedback until the end, but the answer is already saved (a kill would keep it).
    expect(cli.out()).not.toMatch(/✓|✗|Right|Not right|Answer:/);
    expect(JSON.parse(readFileSync(join(home, 'quiz.json'), 'utf8')).log).toHaveLength(1);
    for (const l of lines.slice(1)) cli.send(l);
    cli.child.stdin.end();
    expect((await cli.exited).code).toBe(0);
    const out = cli.out();
    expect(count(out, 'Noted.')).toBe(5);
    const report = out.slice(out.indexOf('Exam result'));
    expect(report).toMatch(/^Exam result: 3\/5 \(60%\)/);

    // Per-topic scores.
    const byTopic = new Map<string, [number, number]>();
    s.queue.forEach((it, i) => {
      const [ok, n] = byTopic.get(it.topic) ?? [0, 0];
      byTopic.set(it.topic, [ok + (plan[i] === 'right' ? 1 : 0), n + 1]);
    });
    for (const [t, [ok, n]] of byTopic) expect(report).toMatch(new RegExp(`^\\s*${t}\\s+${ok}/${n}\\s*$`, 'm'));

    // A worked solution for every miss, and none for the hits.
    const solutions = flat(report.slice(report.indexOf('Worked solutions for the misses')));
    expect(solutions.length).toBeGreaterThan(30);
    s.queue.forEach((it, i) => {
      const q = s.question(i);
      if (plan[i] === 'right') {
        expect(solutions).not.toContain(`${i + 1}. ${it.id}`);
        return;
      }
      expect(solutions).toContain(`${i + 1}. ${it.id}`);
      expect(solutions).toContain(flat(`Answer: ${answerText(q, s.seedFor(i)).en}`));
      expect(solutions).toContain(flat(q.explain.en));
    });

    // Saved at the end; the misses come back sooner than the hits.
    const state = saved(home);
    expect(state.log.map((e) => [e.id, e.mode, e.correct])).toEqual(s.queue.map((it, i) => [it.id, 'exam', plan[i] === 'right' ? true : plan[i] === 'wrong' ? false : null]));
    const due = (i: number) => Date.parse(state.cards[s.queue[i].id].due);
    const misses = [1, 2].map(due);
    const hits = [0, 3, 4].map(due);
    expect(Math.max(...misses)).toBeLessThan(Math.min(...hits));
  });

  it('--json gives the exam as one object with per-topic scores', () => {
    const r = quiz(['--exam', '--plain', '--json', '--count', '5', '--seed', '5'], newHome(), '?\n?\n?\n?\n?\n');
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const { exam } = JSON.parse(lines[0]) as { exam: { total: number; answered: number; right: number; topics: Record<string, { asked: number; right: number }>; questions: { id: string; correct: boolean | null; next_review: string }[] } };
    expect(exam).toMatchObject({ total: 5, answered: 5, right: 0 });
    expect(Object.values(exam.topics).reduce((n, t) => n + t.asked, 0)).toBe(5);
    expect(exam.questions.map((x) => x.id)).toEqual(sessionLike('exam', 5, 5).queue.map((it) => it.id));
    for (const x of exam.questions) expect(Number.isNaN(Date.parse(x.next_review))).toBe(false);
  });

  it('--minutes: when the time runs out while waiting for an answer, the exam stops with "Time is up" (clock sped up 30×)', async () => {
    const dir = newHome();
    const fast = join(dir, 'fast-clock.mjs');
    // One minute passes in two seconds: Date.now and setTimeout, in the CLI process only.
    writeFileSync(
      fast,
      `const realNow = Date.now; const t0 = realNow(); const K = 30;
Date.now = () => t0 + (realNow() - t0) * K;
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = (fn, ms, ...a) => realSetTimeout(fn, (ms ?? 0) / K, ...a);
`,
    );
    const home = newHome();
    const cli = startCli(['quiz', '--exam', '--plain', '--count', '5', '--minutes', '1', '--seed', '2'], home, { NODE_OPTIONS: `--import ${fast}` });
    cli.send('?');
    // stdin stays open: the student has walked away.
    const { code } = await cli.exited;
    expect(code).toBe(0);
    const out = cli.out();
    expect(out).toContain('Exam: 5 questions, 1 minutes.');
    expect(out).toContain('Noted.');
    expect(out).toContain('Time is up.');
    expect(out.indexOf('Time is up.')).toBeGreaterThan(out.indexOf('[2/5]'));
    expect(out).not.toContain('[3/5]');
    expect(count(out, 'not reached')).toBe(4);
    expect(saved(home).log).toHaveLength(1);
  });
});
