/** The end of an exam: score per topic, time per question, and the worked solution for every miss. */
import { msg, tr, type Lang } from '../i18n/index.js';
import type { Block } from '../ui/blocks.js';
import { answerText, fmtDue } from './present.js';
import type { QuizSession } from './session.js';

export function examReportBlocks(session: QuizSession, seconds: number): Block[] {
  const results = session.results.filter(Boolean);
  const total = session.queue.length;
  const right = results.filter((r) => r.correct).length;
  const byTopic = new Map<string, { n: number; ok: number }>();
  for (const r of results) {
    const t = byTopic.get(r.item.topic) ?? { n: 0, ok: 0 };
    t.n++;
    if (r.correct) t.ok++;
    byTopic.set(r.item.topic, t);
  }
  const pct = total ? Math.round((100 * right) / total) : 0;
  const blocks: Block[] = [
    { kind: 'title', text: msg(`Exam result: ${right}/${total} (${pct}%) in ${fmtTime(seconds, 'en')}`, `考试成绩：${right}/${total}（${pct}%），用时 ${fmtTime(seconds, 'zh')}`) },
    { kind: 'table', head: [msg('topic', '主题'), msg('score', '得分')], rows: [...byTopic.entries()].map(([t, s]) => [t, `${s.ok}/${s.n}`]), align: ['left', 'right'] },
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
  const misses = results.filter((r) => !r.correct);
  if (misses.length) blocks.push({ kind: 'title', text: msg('Worked solutions for the misses', '错题的解答') });
  for (const r of misses) {
    const i = session.results.indexOf(r);
    blocks.push(
      { kind: 'spacer' },
      { kind: 'text', tone: 'muted', text: msg(`${i + 1}. ${r.item.id}`, `${i + 1}. ${r.item.id}`) },
      { kind: 'text', text: r.question.prompt },
      { kind: 'text', text: msg(`Answer: ${answerText(r.question, session.seedFor(i)).en}`, `答案：${answerText(r.question, session.seedFor(i)).zh}`) },
      { kind: 'text', text: r.question.explain },
    );
    if (r.next) blocks.push({ kind: 'text', tone: 'muted', text: msg(`Scheduled again ${fmtDue(r.next, new Date(), 'en')}.`, `已安排复习：${fmtDue(r.next, new Date(), 'zh')}。`) });
  }
  return blocks;
}

export function examReportJson(session: QuizSession, lang: Lang, seconds: number) {
  const results = session.results.filter(Boolean);
  const topics: Record<string, { asked: number; right: number }> = {};
  for (const r of results) {
    const t = (topics[r.item.topic] ??= { asked: 0, right: 0 });
    t.asked++;
    if (r.correct) t.right++;
  }
  return {
    exam: {
      total: session.queue.length,
      answered: results.length,
      right: results.filter((r) => r.correct).length,
      seconds: Math.round(seconds),
      topics,
      questions: session.queue.map((it, i) => {
        const r = session.results[i];
        return { id: it.id, topic: it.topic, correct: r ? r.correct : null, seconds: r ? r.seconds : null, answer: r ? tr(lang, answerText(r.question, session.seedFor(i))) : null, next_review: r?.next?.toISOString() ?? null };
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
