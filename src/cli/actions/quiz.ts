/** What `nnlearn quiz` does, apart from commander: list, stats, or a study/exam session (plain or interactive). */
import { msg, tr, type Lang } from '../../i18n/index.js';
import { suggest } from '../../repl/suggest.js';
import { renderBlocks } from '../../view/render-text.js';
import { makeTheme } from '../../view/style.js';
import { QUESTIONS } from '../../quiz/bank/index.js';
import { GENERATORS } from '../../quiz/generators/index.js';
import { finishedLessons } from '../../quiz/finished.js';
import { ITEMS, selectItems } from '../../quiz/items.js';
import { PREDICTIONS } from '../../quiz/predict.js';
import { isStorageError, quizRecoveryMsg, saveFailureJson } from '../../quiz/save-messages.js';
import { QuizSession } from '../../quiz/session.js';
import { quizStore } from '../../quiz/state.js';
import { computeStats } from '../../quiz/stats.js';

export interface QuizCommandOptions {
  topics: string[];
  lang: Lang;
  exam?: boolean;
  minutes?: number;
  count?: number;
  stats?: boolean;
  list?: boolean;
  json?: boolean;
  plain?: boolean;
  seed?: number;
  tty: boolean;
}

const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);

export async function runQuizCommand(o: QuizCommandOptions): Promise<number> {
  const width = process.stdout.columns || 80;
  const theme = makeTheme();
  const out = (s: string) => process.stdout.write(s + '\n');
  if (o.list) {
    if (o.json) {
      out(
        JSON.stringify({
          questions: QUESTIONS.map((q) => ({ id: q.id, topic: q.topic, lesson: q.lesson, kind: q.kind })),
          generators: GENERATORS.map((g) => ({ id: g.id, topic: g.topic, lesson: g.lesson, title: g.title[o.lang] })),
          predictions: PREDICTIONS.map((q) => ({ id: q.id, topic: q.topic, lesson: q.lesson, kind: q.kind })),
          counts: { questions: QUESTIONS.length, generators: GENERATORS.length, predictions: PREDICTIONS.length },
        }),
      );
    } else {
      for (const q of QUESTIONS) out(`${q.id}\t${q.topic}\t${q.kind}`);
      for (const g of GENERATORS) out(`${g.id}\t${g.topic}\tgenerator\t${g.title[o.lang]}`);
      for (const q of PREDICTIONS) out(`${q.id}\t${q.topic}\tprediction`);
      out(
        tr(
          o.lang,
          msg(
            `${QUESTIONS.length} questions, ${GENERATORS.length} generators and ${PREDICTIONS.length} predictions of an experiment’s outcome.`,
            `共 ${QUESTIONS.length} 道题、${GENERATORS.length} 个出题器和 ${PREDICTIONS.length} 道预测实验结果的题。`,
          ),
        ),
      );
    }
    return 0;
  }
  const { items, unknown } = selectItems(o.topics);
  if (unknown.length) {
    // "Did you mean", as `nnlearn lesson` says: the topics and the lesson ids that quiz questions belong to.
    const known = [...new Set(ITEMS.flatMap((i) => [i.topic, i.lesson]))];
    const close = [...new Set(unknown.flatMap((u) => suggest(u, known)))];
    const hint = close.length ? msg(` Did you mean ${close.join(', ')}?`, `你是不是想输入 ${close.join('、')}？`) : msg('', '');
    process.stderr.write(
      tr(
        o.lang,
        msg(
          `Unknown topic or lesson: ${unknown.join(', ')}.${hint.en} Topics: dnn, cnn, rnn, lstm, transformer, or a lesson id such as cnn/pooling.`,
          `未知的主题或课程：${unknown.join('、')}。${hint.zh}主题有：dnn、cnn、rnn、lstm、transformer，也可以用课程 id，如 cnn/pooling。`,
        ),
      ) + '\n',
    );
    return 1;
  }
  const store = quizStore();
  // A save that has to wait for another nnlearn says why (console.error: Ink prints it above the screen).
  store.onNotice = (m) => console.error(tr(o.lang, m));
  let loaded: Awaited<ReturnType<typeof store.load>>;
  try {
    loaded = await store.load();
  } catch (e) {
    // A quiz.json that is a link, a FIFO or a folder, or a damaged one that cannot be moved aside: nothing was touched.
    if (!isStorageError(e)) throw e;
    process.stderr.write(`nnlearn: ${tr(o.lang, e.detail)}\n`);
    if (o.json) out(JSON.stringify({ error: { ...saveFailureJson(e), message: tr(o.lang, e.detail) } }));
    return 1;
  }
  if (loaded.recovery) process.stderr.write(tr(o.lang, quizRecoveryMsg(loaded.recovery)) + '\n');
  if (o.stats) {
    const s = computeStats(o.topics.length ? items : ITEMS, loaded.value, new Date());
    if (o.json) {
      out(JSON.stringify(s));
      return 0;
    }
    out(
      renderBlocks(
        [
          { kind: 'title', text: msg('Quiz statistics', '测验统计') },
          {
            kind: 'facts',
            rows: [
              { label: msg('answers recorded', '已作答'), value: String(s.reviews) },
              { label: msg('due today', '今天到期'), value: String(s.due.today) },
              { label: msg('due this week', '本周到期'), value: String(s.due.week) },
              { label: msg('accuracy', '正确率'), value: pct(s.accuracy) },
              { label: msg('retention (30 days)', '记忆保持率（30 天）'), value: pct(s.retention) },
              { label: msg('streak', '连续天数'), value: msg(`${s.streak} day${s.streak === 1 ? '' : 's'}`, `${s.streak} 天`) },
              { label: msg('weakest topics', '最薄弱的主题'), value: s.weakest.length ? s.weakest.join(', ') : '—' },
            ],
          },
          {
            kind: 'table',
            head: [msg('topic', '主题'), msg('cards', '卡片'), msg('seen', '学过'), msg('due', '到期'), msg('answers', '作答'), msg('accuracy', '正确率'), msg('retention', '保持率')],
            rows: Object.entries(s.topics).map(([t, ts]) => [t, String(ts.cards), String(ts.seen), String(ts.dueToday), String(ts.reviews), pct(ts.accuracy), pct(ts.retention)]),
            align: ['left', 'right', 'right', 'right', 'right', 'right', 'right'],
          },
        ],
        { lang: o.lang, width, theme },
      ).join('\n'),
    );
    return 0;
  }
  const seed = o.seed ?? (Date.now() % 1_000_000);
  // New items favour the lessons she has finished (plan.ts); an exam samples every topic anyway.
  const finished = o.exam ? [] : await finishedLessons(process.env, (m) => process.stderr.write(tr(o.lang, m) + '\n'));
  const session = new QuizSession({ mode: o.exam ? 'exam' : 'study', items, count: o.count ?? (o.exam ? 20 : 10), seed, lang: o.lang, store, finished }, loaded.value);
  if (o.plain || !o.tty || o.json) {
    const { runPlainQuiz } = await import('./quiz-plain.js');
    return runPlainQuiz(session, { lang: o.lang, json: !!o.json, width, theme, minutes: o.exam ? (o.minutes ?? 30) : undefined });
  }
  const { startQuizUi } = await import('../../screens/quiz/start.js');
  return startQuizUi({ session, lang: o.lang, minutes: o.exam ? (o.minutes ?? 30) : undefined });
}
