/**
 * The quiz without a terminal UI (--plain, or stdin not a TTY): questions
 * printed, answers read one line each. "?" = I don't know, "hint" = show the
 * hint; an unreadable line is explained and asked again. Each answer is
 * saved before the next question is printed.
 */
import { createInterface } from 'node:readline';
import { msg, tr, type Lang } from '../../i18n/index.js';
import { renderBlocks } from '../../view/render-text.js';
import { safeJson } from '../../view/sanitize.js';
import type { Theme } from '../../view/style.js';
import type { Block } from '../../view/blocks.js';
import { answerText, questionBlocks, solutionBlocks } from '../../quiz/present.js';
import { examReportBlocks, examReportJson, studyReportBlocks, studySummaryJson } from '../../quiz/report.js';
import type { QuizSession } from '../../quiz/session.js';

export interface PlainOptions {
  lang: Lang;
  json: boolean;
  width: number;
  theme: Theme;
  minutes?: number;
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export async function runPlainQuiz(session: QuizSession, o: PlainOptions): Promise<number> {
  const out = o.output ?? process.stdout;
  const print = (blocks: Block[]) => {
    if (!o.json) out.write(renderBlocks(blocks, { lang: o.lang, width: o.width, theme: o.theme }).join('\n') + '\n');
  };
  const emit = (obj: unknown) => {
    if (o.json) out.write(safeJson(obj) + '\n');
  };
  const rl = createInterface({ input: o.input ?? process.stdin, crlfDelay: Infinity, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  const exam = session.o.mode === 'exam';
  let deadline = Infinity;
  const TIME_UP = Symbol('time');
  /** The next line; null at the end of input; TIME_UP when the exam's time runs out while waiting. */
  const readLine = async (): Promise<string | null | typeof TIME_UP> => {
    const next = lines.next();
    if (deadline === Infinity) {
      const r = await next;
      return r.done ? null : r.value;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeUp = new Promise<typeof TIME_UP>((res) => {
      timer = setTimeout(() => res(TIME_UP), Math.max(0, deadline - Date.now()));
    });
    const r = await Promise.race([next, timeUp]);
    clearTimeout(timer);
    if (r === TIME_UP) return TIME_UP;
    return r.done ? null : r.value;
  };
  const total = session.queue.length;
  if (total === 0) {
    print([{ kind: 'text', text: msg('Nothing is due and there is nothing new in this selection. Come back later, or try nnlearn quiz --exam.', '现在没有到期的题，这个范围里也没有新题。稍后再来，或试试 nnlearn quiz --exam。') }]);
    emit({ summary: { asked: 0 } });
    rl.close();
    return 0;
  }
  print([
    {
      kind: 'text',
      tone: 'muted',
      text: exam
        ? msg(`Exam: ${total} questions${o.minutes ? `, ${o.minutes} minutes` : ''}. Answers are graded at the end. ? = I don't know.`, `考试：${total} 道题${o.minutes ? `，${o.minutes} 分钟` : ''}。最后统一评分。? = 不知道。`)
        : msg(`${total} questions (${session.dueCount} due, then new ones). ? = I don't know, hint = a hint.`, `共 ${total} 道题（${session.dueCount} 道到期，其余为新题）。? = 不知道，hint = 提示。`),
    },
  ]);
  const started = Date.now();
  if (exam && o.minutes) deadline = started + o.minutes * 60_000;
  let asked = 0;
  let right = 0;
  let stoppedBy: 'end' | 'input' | 'time' = 'end';
  outer: for (let i = 0; i < total; i++) {
    if (exam && o.minutes && Date.now() - started > o.minutes * 60_000) {
      stoppedBy = 'time';
      break;
    }
    const q = session.question(i);
    let hint = false;
    print([{ kind: 'spacer' }, ...questionBlocks(q, { index: i, total, seed: session.seedFor(i), hint })]);
    const t0 = Date.now();
    for (;;) {
      const line = await readLine();
      if (line === TIME_UP) {
        stoppedBy = 'time';
        break outer;
      }
      if (line === null) {
        stoppedBy = 'input';
        break outer;
      }
      const g = await session.grade(i, line);
      if (g.outcome === 'invalid') {
        print([{ kind: 'text', tone: 'warn', text: g.message }]);
        // Scripts get the explanation too, and know the same question is still open.
        emit({ index: i + 1, id: q.id, outcome: 'invalid', message: tr(o.lang, g.message) });
        continue;
      }
      if (g.outcome === 'hint') {
        hint = true;
        print([{ kind: 'text', tone: 'warn', text: q.hint ? msg(`Hint: ${q.hint.en}`, `提示：${q.hint.zh}`) : msg('No hint for this one — ? shows the solution.', '这道题没有提示——输入 ? 查看解法。') }]);
        continue;
      }
      const r = await session.answer(i, g, (Date.now() - t0) / 1000);
      asked++;
      if (r.correct) right++;
      if (r.recovered) print([{ kind: 'text', tone: 'warn', text: r.recovered }]);
      if (r.unsaved) {
        print([{ kind: 'text', tone: 'warn', text: r.unsaved.message }]);
        if (exam) emit({ index: i + 1, id: q.id, saved: false, save_error: { ...r.unsaved.failure, message: tr(o.lang, r.unsaved.message) } });
      }
      if (!exam) print(solutionBlocks(q, g, { seed: session.seedFor(i), next: r.next ?? undefined, now: new Date(), lang: o.lang }));
      else print([{ kind: 'text', tone: 'muted', text: msg('Noted.', '已记录。') }]);
      if (!exam) {
        emit({
          index: i + 1,
          id: q.id,
          item: r.item.id,
          topic: r.item.topic,
          kind: q.kind,
          outcome: g.outcome,
          correct: r.correct,
          given: g.outcome === 'right' || g.outcome === 'wrong' ? g.given : null,
          answer: tr(o.lang, answerText(q, session.seedFor(i))),
          next_review: r.next?.toISOString() ?? null,
          saved: !r.unsaved,
          ...(r.unsaved ? { save_error: { ...r.unsaved.failure, message: tr(o.lang, r.unsaved.message) } } : {}),
        });
      }
      break;
    }
  }
  rl.close();
  if (exam) {
    await session.finishExam();
    if (stoppedBy === 'time') print([{ kind: 'text', tone: 'warn', text: msg('Time is up.', '时间到。') }]);
    print([{ kind: 'spacer' }, ...examReportBlocks(session, (Date.now() - started) / 1000)]);
    emit(examReportJson(session, o.lang, (Date.now() - started) / 1000));
  } else {
    // The score per topic and each miss with her answer; --json carries the same.
    print([{ kind: 'spacer' }, ...studyReportBlocks(session)]);
    emit(studySummaryJson(session, o.lang, stoppedBy));
  }
  return 0;
}
