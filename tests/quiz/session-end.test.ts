/**
 * The end of a session (issue #11): a study session shows the score per topic
 * and every miss with her answer beside the right one (screen, --plain and
 * the --json summary); an exam cut short — by the clock or by leaving — still
 * shows the per-topic table and the worked solution of every question not
 * reached. Review times are in the student's own time zone (JSON stays UTC).
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { choiceShuffle, LETTERS } from '../../src/quiz/grade.js';
import { ITEMS, type QuizItem } from '../../src/quiz/items.js';
import { runPlainQuiz } from '../../src/cli/actions/quiz-plain.js';
import { answerText, fmtDue, fmtLocal } from '../../src/quiz/present.js';
import { examReportBlocks, examReportJson, studyReportBlocks, studySummaryJson } from '../../src/quiz/report.js';
import { QuizSession } from '../../src/quiz/session.js';
import { emptyQuizState, quizSchema, quizStore } from '../../src/quiz/state.js';
import { computeStats, endOfLocalDay } from '../../src/quiz/stats.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';
import { runCli } from '../helpers/cli.js';

const T = new Date('2026-12-01T09:00:00.000Z');
const home = () => mkdtempSync(join(tmpdir(), 'nnlearn-end-'));
const item = (id: string): QuizItem => {
  const it = ITEMS.find((x) => x.id === id);
  if (!it) throw new Error(`no item ${id}`);
  return it;
};
const flat = (s: string) => s.replace(/\s+/g, ' ');
const text = (blocks: Parameters<typeof renderBlocks>[0], lang: 'en' | 'zh' = 'en') => renderBlocks(blocks, { lang, width: 200, theme: makeTheme(0) }).join('\n');

/** Three numeric questions from different topics, so the per-topic table has rows to show. */
const numericItems = () =>
  ITEMS.filter((it) => {
    const q = it.make(1);
    return q.kind === 'numeric' && typeof q.answer === 'number';
  });
const three = () => {
  const byTopic = new Map<string, QuizItem>();
  for (const it of numericItems()) if (!byTopic.has(it.topic)) byTopic.set(it.topic, it);
  return [...byTopic.values()].slice(0, 3);
};

function studySession(items: QuizItem[]) {
  return new QuizSession({ mode: 'study', items, count: items.length, seed: 1, lang: 'en', store: quizStore({ NNLEARN_HOME: home() }), now: () => T }, emptyQuizState());
}

/** Answers right, wrong (answer + 1000) and "?", in the order the session asks. */
async function rightWrongDontKnow(s: QuizSession): Promise<string[]> {
  const lines: string[] = [];
  for (let i = 0; i < 3; i++) {
    const q = s.question(i);
    const answer = q.kind === 'numeric' && !Array.isArray(q.answer) ? q.answer : NaN;
    const line = i === 0 ? String(answer) : i === 1 ? String(answer + 1000) : '?';
    lines.push(line);
    await s.answer(i, await s.grade(i, line), 2);
  }
  return lines;
}

describe('the end of a study session', () => {
  it('shows the score per topic and each miss with her answer and the right one', async () => {
    const s = studySession(three());
    const lines = await rightWrongDontKnow(s);
    const out = text(studyReportBlocks(s));
    expect(out).toContain('Done: 1 of 3 right.');
    for (const it of s.queue) expect(out).toMatch(new RegExp(`${it.topic}\\s+[01]/1`));
    expect(out).toContain('To go over again');
    // The right answer is not listed; the wrong one and the "?" are, with her answer.
    expect(out).not.toContain(`1. ${s.queue[0].id}`);
    expect(out).toContain(`2. ${s.queue[1].id}`);
    expect(out).toContain(`Yours: ${lines[1]}`);
    expect(out).toContain(`3. ${s.queue[2].id}`);
    expect(out).toContain("Yours: ? (didn't know)");
    expect(out).toContain(`Read again: nnlearn lesson ${s.queue[1].lesson}`);
    for (const i of [1, 2]) expect(flat(out)).toContain(flat(`Answer: ${answerText(s.question(i), s.seedFor(i)).en}`));
    const zh = text(studyReportBlocks(s), 'zh');
    expect(zh).toContain('3 题中答对 1 题');
    expect(zh).toContain(`你的答案：${lines[1]}`);
    expect(zh).toContain('?（不知道）');
  });

  it('the --json summary carries the per-topic scores and the misses with her answers', async () => {
    const s = studySession(three());
    const lines = await rightWrongDontKnow(s);
    const { summary } = studySummaryJson(s, 'en', 'end');
    expect(summary).toMatchObject({ asked: 3, right: 1, stopped: 'end' });
    expect(Object.values(summary.topics).reduce((n, t) => n + t.asked, 0)).toBe(3);
    expect(summary.topics[s.queue[0].topic].right).toBeGreaterThanOrEqual(1);
    expect(summary.misses).toEqual([
      { index: 2, id: s.queue[1].id, topic: s.queue[1].topic, outcome: 'wrong', given: lines[1], answer: answerText(s.question(1), s.seedFor(1)).en },
      { index: 3, id: s.queue[2].id, topic: s.queue[2].topic, outcome: 'dontknow', given: null, answer: answerText(s.question(2), s.seedFor(2)).en },
    ]);
  });

  it('a wrong letter is shown with the option it stands for', async () => {
    const choice = ITEMS.find((it) => it.kind === 'choice')!;
    const s = studySession([choice]);
    const q = s.question(0);
    if (q.kind !== 'choice') throw new Error('not a choice');
    const shown = choiceShuffle(q, s.seedFor(0));
    const wrongAt = shown.findIndex((k) => k !== q.answer);
    await s.answer(0, await s.grade(0, LETTERS[wrongAt]), 2);
    const out = flat(text(studyReportBlocks(s)));
    expect(out).toContain(flat(`Yours: ${LETTERS[wrongAt]}) ${q.options[shown[wrongAt]].en}`));
    expect(flat(text(studyReportBlocks(s), 'zh'))).toContain(flat(`你的答案：${LETTERS[wrongAt]}) ${q.options[shown[wrongAt]].zh}`));
  });

  it('a session with nothing answered says so without a table', () => {
    const s = studySession(three());
    expect(text(studyReportBlocks(s))).toBe('Done: 0 of 0 right.');
  });
});

describe('an exam cut short', () => {
  it('shows the per-topic table with what was not answered, and the worked solutions of the questions not reached', async () => {
    const s = new QuizSession({ mode: 'exam', items: [...ITEMS], count: 6, seed: 8, lang: 'en', store: quizStore({ NNLEARN_HOME: home() }), now: () => T }, emptyQuizState());
    await s.answer(0, await s.grade(0, '?'), 10);
    await s.answer(1, await s.grade(1, '?'), 10);
    await s.finishExam();
    const out = text(examReportBlocks(s, 125, T));
    expect(out).toContain('Exam result: 0/6 (0%) in 2:05 min');
    expect(out).toMatch(/topic\s+score\s+unanswered/);
    const topics = new Set(s.queue.map((it) => it.topic));
    for (const t of topics) expect(out).toMatch(new RegExp(`^\\s*${t}\\s+0/\\d+\\s+\\d+`, 'm'));
    expect(out).toContain('Worked solutions for the misses');
    expect(out).toContain("Yours: ? (didn't know)");
    expect(out).toContain('Worked solutions for the questions you did not get to');
    for (let i = 2; i < 6; i++) {
      const q = s.question(i);
      expect(out).toContain(`${i + 1}. ${s.queue[i].id}`);
      expect(flat(out)).toContain(flat(`Answer: ${answerText(q, s.seedFor(i)).en}`));
      expect(flat(out)).toContain(flat(q.explain.en));
    }
    const json = examReportJson(s, 'en', 125).exam;
    expect(json.questions.filter((x) => !x.reached)).toHaveLength(4);
    for (const [i, x] of json.questions.entries()) expect(x.answer).toBe(answerText(s.question(i), s.seedFor(i)).en);
    expect(Object.values(json.topics).reduce((n, t) => n + t.total, 0)).toBe(6);
    expect(Object.values(json.topics).reduce((n, t) => n + t.asked, 0)).toBe(2);
  });

  it('when the clock runs out in --plain, the same report follows "Time is up"', async () => {
    const s = new QuizSession({ mode: 'exam', items: [...ITEMS], count: 4, seed: 3, lang: 'en', store: quizStore({ NNLEARN_HOME: home() }) }, emptyQuizState());
    const input = new PassThrough();
    const output = new PassThrough();
    let out = '';
    output.on('data', (d: Buffer) => (out += d.toString('utf8')));
    const done = runPlainQuiz(s, { lang: 'en', json: false, width: 100, theme: makeTheme(0), minutes: 0.003, input, output });
    input.write('?\n'); // then she stops typing; the clock runs out waiting for question 2
    expect(await done).toBe(0);
    expect(out).toContain('Time is up.');
    const report = out.slice(out.indexOf('Time is up.'));
    expect(report).toMatch(/topic\s+score\s+unanswered/);
    expect(report).toContain('Worked solutions for the questions you did not get to');
    for (let i = 1; i < 4; i++) expect(flat(report)).toContain(flat(`Answer: ${answerText(s.question(i), s.seedFor(i)).en}`));
  }, 20_000);
});

describe('review times in the local time zone', () => {
  const due = new Date('2026-12-08T06:00:00.000Z');
  it('a date is shown in the zone asked for: 06:00 UTC is Tue 8 Dec 14:00 in Shanghai', () => {
    expect(fmtLocal(due, 'en', { timeZone: 'Asia/Shanghai' })).toBe('Tue 8 Dec 14:00');
    expect(fmtLocal(due, 'zh', { timeZone: 'Asia/Shanghai' })).toBe('12月8日 周二 14:00');
    expect(fmtLocal(due, 'en', { timeZone: 'America/New_York' })).toBe('Tue 8 Dec 01:00');
    expect(fmtLocal(due, 'en', { timeZone: 'UTC' })).toBe('Tue 8 Dec 06:00');
  });

  it('fmtDue says how long and when, locally, without "UTC"', () => {
    const now = new Date('2026-12-08T03:00:00.000Z');
    expect(fmtDue(due, now, 'en', 'Asia/Shanghai')).toBe('in 3 h (Tue 8 Dec 14:00)');
    expect(fmtDue(due, now, 'zh', 'Asia/Shanghai')).toBe('3 小时后（12月8日 周二 14:00）');
    expect(fmtDue(new Date('2026-12-07T17:00:00.000Z'), new Date('2026-12-07T16:50:00.000Z'), 'en', 'Asia/Shanghai')).toBe('in 10 min (Tue 8 Dec 01:00)');
    expect(fmtDue(due, new Date('2026-12-01T06:00:00.000Z'), 'en', 'Asia/Shanghai')).toBe('in 7 days (Tue 8 Dec)');
  });

  it('"due today" ends at her midnight: 20:00 UTC is tomorrow morning in Shanghai', () => {
    const now = new Date('2026-12-08T06:00:00.000Z');
    expect(endOfLocalDay(now, 'Asia/Shanghai').toISOString()).toBe('2026-12-08T15:59:59.999Z');
    expect(endOfLocalDay(now, 'UTC').toISOString()).toBe('2026-12-08T23:59:59.999Z');
    expect(endOfLocalDay(now, 'America/New_York').toISOString()).toBe('2026-12-09T04:59:59.999Z');
    const it0 = ITEMS[0];
    const state = emptyQuizState();
    state.cards[it0.id] = { due: '2026-12-08T20:00:00.000Z', stability: 1, difficulty: 5, elapsed_days: 0, scheduled_days: 1, learning_steps: 0, reps: 1, lapses: 0, state: 2, last_review: '2026-12-07T20:00:00.000Z' };
    expect(computeStats(ITEMS, state, now, 'Asia/Shanghai').due.today).toBe(0);
    expect(computeStats(ITEMS, state, now, 'UTC').due.today).toBe(1);
    expect(computeStats(ITEMS, state, now, 'Asia/Shanghai').due.week).toBe(1);
  });

  it('the CLI under TZ=Asia/Shanghai prints the next review in Shanghai time; --json keeps UTC ISO', () => {
    const dir = home();
    const r = runCli(['quiz', '--plain', '--count', '1', '--seed', '2'], { env: { NNLEARN_HOME: dir, TZ: 'Asia/Shanghai' }, input: '?\n' });
    expect(r.status).toBe(0);
    const state = quizSchema.parse(JSON.parse(readFileSync(join(dir, 'quiz.json'), 'utf8')));
    const next = new Date(Object.values(state.cards)[0].due);
    expect(r.stdout).toContain(`(${fmtLocal(next, 'en', { timeZone: 'Asia/Shanghai' })})`);
    expect(r.stdout).not.toContain('UTC');
    const j = runCli(['quiz', '--plain', '--json', '--count', '1', '--seed', '2'], { env: { NNLEARN_HOME: home(), TZ: 'Asia/Shanghai' }, input: '?\n' });
    const first = JSON.parse(j.stdout.trim().split('\n')[0]) as { next_review: string };
    expect(first.next_review).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe('through the CLI (--plain)', () => {
  it('a study session ends with the per-topic table and the misses with her answers', () => {
    const r = runCli(['quiz', '--plain', '--count', '3', '--seed', '6'], { env: { NNLEARN_HOME: home() }, input: '?\n?\n?\n' });
    expect(r.status).toBe(0);
    const end = r.stdout.slice(r.stdout.indexOf('Done: 0 of 3 right.'));
    expect(end).toMatch(/topic\s+right/);
    expect(end).toContain('To go over again');
    expect(end.split("Yours: ? (didn't know)").length - 1).toBe(3);
    const j = runCli(['quiz', '--plain', '--json', '--count', '3', '--seed', '6'], { env: { NNLEARN_HOME: home() }, input: '?\n?\n?\n' });
    const last = JSON.parse(j.stdout.trim().split('\n').at(-1)!) as { summary: { asked: number; misses: unknown[]; topics: Record<string, unknown> } };
    expect(last.summary.asked).toBe(3);
    expect(last.summary.misses).toHaveLength(3);
    expect(Object.keys(last.summary.topics).length).toBeGreaterThanOrEqual(1);
  });
});
