/**
 * The interactive quiz: one question at a time, the answer typed on a line,
 * the worked solution and the next review date after each answer (study), or
 * a clock and a graded report at the end (exam). Grading and saving live in
 * QuizSession, the phases and what each key means in the reducer (./state.ts);
 * this is the view, and it runs what the keys ask for.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect } from 'react';
import { msg, tr, type Lang } from '../../i18n/index.js';
import { warmFormulaGrader } from '../../quiz/formula.js';
import { questionBlocks, solutionBlocks } from '../../quiz/present.js';
import { examReportBlocks, studyReportBlocks } from '../../quiz/report.js';
import type { QuizSession } from '../../quiz/session.js';
import type { Block } from '../../view/blocks.js';
import { renderBlocks } from '../../view/render-text.js';
import { escapeControls } from '../../view/sanitize.js';
import type { Theme } from '../../view/style.js';
import { InputLine } from '../input-line/InputLine.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { initialQuizScreen, isLastQuestion, quizKey, quizReducer, timeIsUp } from './state.js';

export interface QuizAppProps {
  session: QuizSession;
  lang: Lang;
  theme: Theme;
  minutes?: number;
  onDone: () => void;
}

function clock(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

export function QuizApp({ session, lang, theme, minutes, onDone }: QuizAppProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const width = Math.min(stdout.columns || 80, 120);
  const exam = session.o.mode === 'exam';
  const total = session.queue.length;
  // Keys read the state the previous key left (a letter then Enter answers with the letter).
  const [s, dispatch, live] = useLiveReducer(quizReducer, () => initialQuizScreen({ total, exam, minutes, now: Date.now() }));
  const { index, phase } = s;

  const finish = async () => {
    if (live.current.finishing) return;
    dispatch({ type: 'finish-started' });
    if (exam) await session.finishExam();
    dispatch({ type: 'finished' });
  };
  const next = () => (isLastQuestion(live.current) ? void finish() : dispatch({ type: 'next', at: Date.now() }));

  // With a formula question in the session, load its grader while the student reads, not after Enter.
  useEffect(() => {
    if (session.queue.some((_, i) => session.question(i).kind === 'formula')) warmFormulaGrader();
  }, [session]);

  useEffect(() => {
    if (!exam || phase.kind === 'report') return;
    const t = setInterval(() => {
      dispatch({ type: 'tick', now: Date.now() });
      if (timeIsUp(live.current)) void finish();
    }, 1000);
    return () => clearInterval(t);
  }, [exam, phase.kind]);

  const leave = async () => {
    // An abandoned exam still records the answers already given.
    if (exam && !live.current.finishing && session.results.some(Boolean)) await session.finishExam();
    onDone();
    exit();
  };

  const submit = async (line: string) => {
    const i = live.current.index;
    dispatch({ type: 'grading' });
    const g = await session.grade(i, line).finally(() => dispatch({ type: 'checked' }));
    if (g.outcome === 'invalid') return dispatch({ type: 'graded-invalid', message: g.message });
    if (g.outcome === 'hint') return dispatch({ type: 'graded-hint', hasHint: !!session.question(i).hint });
    dispatch({ type: 'graded' });
    const r = await session.answer(i, g, (Date.now() - live.current.askedAt) / 1000);
    // An answer that could not be saved (full disk …) is said so; the session goes on.
    const notes = [r.recovered, r.unsaved?.message].filter((m) => m !== undefined);
    if (!exam) return dispatch({ type: 'feedback', graded: g, next: r.next, rated: r.correct !== true, notes });
    dispatch({ type: 'saved' });
    next();
    dispatch({ type: 'say', notes });
  };

  useInput((ch, key) => {
    const intent = quizKey(live.current, ch, key, { answersGiven: session.results.some(Boolean), page: room - 1 });
    switch (intent?.do) {
      case 'leave':
        return void leave();
      case 'finish':
        return void finish();
      case 'submit':
        return void submit(intent.line);
      case 'rate': {
        const i = live.current.index;
        dispatch({ type: 'rating' });
        void session.rerate(i, intent.rating).then((next) => {
          const unsaved = session.results[i]?.unsaved;
          dispatch({ type: 'rated', next, notes: unsaved ? [unsaved.message] : [] });
        });
        return;
      }
      case 'next':
        return next();
      case 'scroll':
        return dispatch({ type: 'scroll', by: intent.by, max: maxScroll });
      case 'edit':
        return dispatch({ type: 'edit', edit: intent.edit });
    }
  });

  const header = exam
    ? `${theme.title(tr(lang, msg('nnlearn exam', 'nnlearn 考试')))}  ${theme.muted(`${Math.min(index + 1, total)}/${total}`)}  ${theme.accent(`⏱ ${minutes ? clock(minutes * 60_000 - (s.now - s.started)) : clock(s.now - s.started)}`)}`
    : `${theme.title(tr(lang, msg('nnlearn quiz', 'nnlearn 测验')))}  ${theme.muted(`${Math.min(index + 1, total)}/${total}`)}`;

  let blocks: Block[] = [];
  let footer = '';
  if (phase.kind === 'empty') {
    blocks = [{ kind: 'text', text: msg('Nothing is due and there is nothing new in this selection. Come back later, or try nnlearn quiz --exam.', '现在没有到期的题，这个范围里也没有新题。稍后再来，或试试 nnlearn quiz --exam。') }];
    footer = tr(lang, msg('Enter, q, Esc, Ctrl+C or Ctrl+D: leave', '回车、q、Esc、Ctrl+C 或 Ctrl+D：退出'));
  } else if (phase.kind === 'report') {
    blocks = exam
      ? examReportBlocks(session, (Date.now() - s.started) / 1000)
      : studyReportBlocks(session);
    footer = tr(lang, msg('Enter, q, Esc, Ctrl+C or Ctrl+D: leave', '回车、q、Esc、Ctrl+C 或 Ctrl+D：退出'));
  } else {
    const q = session.question(index);
    blocks = questionBlocks(q, { index, total, seed: session.seedFor(index), hint: s.hint });
    if (phase.kind === 'answered') {
      blocks.push({ kind: 'spacer' }, ...solutionBlocks(q, phase.graded, { seed: session.seedFor(index), next: phase.next ?? undefined, now: new Date(), lang }));
      footer = phase.rated
        ? tr(lang, msg('Enter: next question · q: stop (Esc, Ctrl+C, Ctrl+D too)', '回车：下一题 · q：结束（Esc、Ctrl+C、Ctrl+D 亦可）'))
        : tr(lang, msg('How did it feel? 1 hard · 2 good · 3 easy — or Enter: next', '感觉如何？1 难 · 2 一般 · 3 容易 —— 或回车：下一题'));
    } else {
      footer = tr(lang, msg('Enter: answer · ?: I don’t know · hint · Esc/Ctrl+C: stop (Ctrl+D on an empty line)', '回车：提交 · ?：不知道 · hint：提示 · Esc/Ctrl+C：结束（空行时 Ctrl+D 亦可）'));
    }
  }
  const lines = renderBlocks(blocks, { lang, width, theme });
  const room = Math.max(5, (stdout.rows || 24) - 5);
  const maxScroll = Math.max(0, lines.length - room);
  const shownFrom = Math.min(s.scroll, maxScroll);
  return (
    <Box flexDirection="column">
      <Text>{header}</Text>
      <Text>{lines.slice(shownFrom, shownFrom + room).join('\n')}</Text>
      {maxScroll > 0 ? (
        <Text>
          {theme.accent(
            tr(
              lang,
              msg(
                `lines ${shownFrom + 1}–${Math.min(lines.length, shownFrom + room)} of ${lines.length} · ${phase.kind === 'asking' ? '' : '↑/↓, '}PgUp/PgDn scroll`,
                `第 ${shownFrom + 1}–${Math.min(lines.length, shownFrom + room)} 行，共 ${lines.length} 行 · ${phase.kind === 'asking' ? '' : '↑/↓、'}PgUp/PgDn 滚动`,
              ),
            ),
          )}
        </Text>
      ) : null}
      {phase.kind === 'asking' ? (
        <InputLine prompt={theme.accent(tr(lang, msg('answer› ', '作答› ')))} value={s.answer.value} cursor={s.answer.cursor} showCursor={!s.busy} />
      ) : null}
      {s.checking ? <Text>{theme.muted(tr(lang, msg('checking…', '检查中…')))}</Text> : null}
      {s.notes.length ? <Text>{theme.warn(escapeControls(s.notes.map((m) => tr(lang, m)).join('\n')))}</Text> : null}
      <Text>{theme.muted(footer)}</Text>
    </Box>
  );
}
