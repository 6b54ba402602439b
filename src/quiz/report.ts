/**
 * The end of a session. Study: the score per topic and every miss with her
 * answer beside the right one. Exam: score per topic (questions not reached
 * count against it and are shown), time per question, the worked solution
 * for every miss — and for every question the time ran out on.
 */
import { msg, tr, type Lang, type Msg } from '../i18n/index.js';
import type { Block } from '../view/blocks.js';
import { choiceShuffle, LETTERS } from './grade.js';
import { answerText, fmtDue } from './present.js';
import type { AskedResult, QuizSession } from './session.js';

/** What she answered, as the end of a session shows it: a letter with its option ("b) Only the current input"). */
export function givenText(r: AskedResult, seed: number): Msg {
  const g = r.graded;
  const q = r.question;
  if ((g.outcome === 'right' || g.outcome === 'wrong') && q.kind === 'choice') {
    const option = q.options[choiceShuffle(q, seed)[LETTERS.indexOf(g.given)]];
    if (option) return msg(`${g.given}) ${option.en}`, `${g.given}) ${option.zh}`);
  }
  if (g.outcome === 'right' || g.outcome === 'wrong') return msg(g.given, g.given);
  return msg("? (didn't know)", '?（不知道）');
}

interface TopicScore {
  total: number;
  answered: number;
  right: number;
}

function scoresByTopic(session: QuizSession): Map<string, TopicScore> {
  const by = new Map<string, TopicScore>();
  session.queue.forEach((it, i) => {
    const r = session.results[i];
    const t = by.get(it.topic) ?? { total: 0, answered: 0, right: 0 };
    t.total++;
    if (r) t.answered++;
    if (r?.correct) t.right++;
    by.set(it.topic, t);
  });
  return by;
}

/** The misses (wrong or "don't know") with their position in the session. */
function misses(session: QuizSession): { i: number; r: AskedResult }[] {
  return session.results.flatMap((r, i) => (r && r.correct !== true ? [{ i, r }] : []));
}

function missBlocks(session: QuizSession, i: number, r: AskedResult, withSolution: boolean): Block[] {
  const answer = answerText(r.question, session.seedFor(i));
  const given = givenText(r, session.seedFor(i));
  const blocks: Block[] = [
    { kind: 'spacer' },
    { kind: 'text', tone: 'muted', text: msg(`${i + 1}. ${r.item.id}`, `${i + 1}. ${r.item.id}`) },
    { kind: 'text', text: r.question.prompt },
    { kind: 'text', tone: 'error', text: msg(`Yours: ${given.en}`, `你的答案：${given.zh}`) },
    { kind: 'text', tone: 'ok', text: msg(`Answer: ${answer.en}`, `答案：${answer.zh}`) },
  ];
  if (withSolution) blocks.push({ kind: 'text', text: r.question.explain });
  // Where it is taught, to read again before the next review.
  else blocks.push({ kind: 'text', tone: 'muted', text: msg(`Read again: nnlearn lesson ${r.item.lesson}`, `再读一遍：nnlearn lesson ${r.item.lesson}`) });
  return blocks;
}

/** The end of a study session: score, per-topic table, and each miss with her answer and the right one. */
export function studyReportBlocks(session: QuizSession): Block[] {
  const answered = session.results.filter(Boolean);
  const right = answered.filter((r) => r.correct).length;
  const blocks: Block[] = [{ kind: 'title', text: msg(`Done: ${right} of ${answered.length} right.`, `完成：${answered.length} 题中答对 ${right} 题。`) }];
  if (answered.length === 0) return blocks;
  const topics = [...scoresByTopic(session).entries()].filter(([, t]) => t.answered > 0);
  blocks.push({ kind: 'table', head: [msg('topic', '主题'), msg('right', '答对')], rows: topics.map(([t, s]) => [t, `${s.right}/${s.answered}`]), align: ['left', 'right'] });
  const missed = misses(session);
  if (missed.length) {
    blocks.push({ kind: 'spacer' }, { kind: 'title', text: msg('To go over again', '值得再看一遍的题') });
    for (const { i, r } of missed) blocks.push(...missBlocks(session, i, r, false));
  }
  return blocks;
}

/** The summary line of `quiz --plain --json`: counts, per-topic scores and the misses with her answers. */
export function studySummaryJson(session: QuizSession, lang: Lang, stopped: 'end' | 'input' | 'time') {
  const answered = session.results.filter(Boolean);
  const topics: Record<string, { asked: number; right: number }> = {};
  for (const [t, s] of scoresByTopic(session)) if (s.answered) topics[t] = { asked: s.answered, right: s.right };
  return {
    summary: {
      asked: answered.length,
      right: answered.filter((r) => r.correct).length,
      stopped,
      topics,
      misses: misses(session).map(({ i, r }) => ({
        index: i + 1,
        id: r.question.id,
        topic: r.item.topic,
        outcome: r.graded.outcome,
        given: r.graded.outcome === 'right' || r.graded.outcome === 'wrong' ? r.graded.given : null,
        answer: tr(lang, answerText(r.question, session.seedFor(i))),
      })),
    },
  };
}

export function examReportBlocks(session: QuizSession, seconds: number, now = new Date()): Block[] {
  const results = session.results.filter(Boolean);
  const total = session.queue.length;
  const right = results.filter((r) => r.correct).length;
  const pct = total ? Math.round((100 * right) / total) : 0;
  const byTopic = scoresByTopic(session);
  const unreached = session.queue.flatMap((_, i) => (session.results[i] ? [] : [i]));
  const blocks: Block[] = [
    { kind: 'title', text: msg(`Exam result: ${right}/${total} (${pct}%) in ${fmtTime(seconds, 'en')}`, `考试成绩：${right}/${total}（${pct}%），用时 ${fmtTime(seconds, 'zh')}`) },
    {
      kind: 'table',
      head: unreached.length ? [msg('topic', '主题'), msg('score', '得分'), msg('unanswered', '未答')] : [msg('topic', '主题'), msg('score', '得分')],
      rows: [...byTopic.entries()].map(([t, s]) => (unreached.length ? [t, `${s.right}/${s.total}`, String(s.total - s.answered)] : [t, `${s.right}/${s.total}`])),
      align: ['left', 'right', 'right'],
    },
    {
      kind: 'table',
      head: ['#', msg('question', '题目'), msg('time', '用时'), msg('result', '结果')],
      rows: session.queue.map((it, i) => {
        const r = session.results[i];
        return [String(i + 1), it.id, r ? msg(`${r.seconds.toFixed(0)} s`, `${r.seconds.toFixed(0)} 秒`) : '—', r ? (r.correct ? '✓' : r.correct === false ? '✗' : '?') : msg('not reached', '未作答')];
      }),
      align: ['right', 'left', 'right', 'left'],
    },
  ];
  const missed = misses(session);
  if (missed.length) blocks.push({ kind: 'spacer' }, { kind: 'title', text: msg('Worked solutions for the misses', '错题的解答') });
  for (const { i, r } of missed) {
    blocks.push(...missBlocks(session, i, r, true));
    if (r.next) blocks.push({ kind: 'text', tone: 'muted', text: msg(`Scheduled again ${fmtDue(r.next, now, 'en')}.`, `已安排复习：${fmtDue(r.next, now, 'zh')}。`) });
  }
  if (unreached.length) blocks.push({ kind: 'spacer' }, { kind: 'title', text: msg('Worked solutions for the questions you did not get to', '没来得及作答的题的解答') });
  for (const i of unreached) {
    const q = session.question(i);
    const answer = answerText(q, session.seedFor(i));
    blocks.push(
      { kind: 'spacer' },
      { kind: 'text', tone: 'muted', text: msg(`${i + 1}. ${session.queue[i].id}`, `${i + 1}. ${session.queue[i].id}`) },
      { kind: 'text', text: q.prompt },
      { kind: 'text', tone: 'ok', text: msg(`Answer: ${answer.en}`, `答案：${answer.zh}`) },
      { kind: 'text', text: q.explain },
    );
  }
  return blocks;
}

export function examReportJson(session: QuizSession, lang: Lang, seconds: number) {
  const results = session.results.filter(Boolean);
  const topics: Record<string, { asked: number; right: number; total: number }> = {};
  for (const [t, s] of scoresByTopic(session)) topics[t] = { asked: s.answered, right: s.right, total: s.total };
  return {
    exam: {
      total: session.queue.length,
      answered: results.length,
      right: results.filter((r) => r.correct).length,
      seconds: Math.round(seconds),
      topics,
      questions: session.queue.map((it, i) => {
        const r = session.results[i];
        const q = r?.question ?? session.question(i);
        return {
          id: it.id,
          topic: it.topic,
          reached: !!r,
          correct: r ? r.correct : null,
          seconds: r ? r.seconds : null,
          given: r && (r.graded.outcome === 'right' || r.graded.outcome === 'wrong') ? r.graded.given : null,
          answer: tr(lang, answerText(q, session.seedFor(i))),
          next_review: r?.next?.toISOString() ?? null,
        };
      }),
    },
  };
}

function fmtTime(s: number, lang: Lang): string {
  const m = Math.floor(s / 60);
  const r = Math.round(s % 60);
  if (lang === 'zh') return m ? `${m} 分 ${r} 秒` : `${r} 秒`;
  return m ? `${m}:${String(r).padStart(2, '0')} min` : `${r} s`;
}
