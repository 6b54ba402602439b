/**
 * The interactive quiz: one question at a time, the answer typed on a line,
 * the worked solution and the next review date after each answer (study), or
 * a clock and a graded report at the end (exam). Grading and saving live in
 * QuizSession; this is only the view and the keys.
 */
import { Box, Text, useApp, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { Rating, type Grade } from 'ts-fsrs';
import { msg, tr, type Lang } from '../../i18n/index.js';
import { warmFormulaGrader } from '../../quiz/formula.js';
import type { Graded } from '../../quiz/grade.js';
import { questionBlocks, solutionBlocks } from '../../quiz/present.js';
import { examReportBlocks, studyReportBlocks } from '../../quiz/report.js';
import type { QuizSession } from '../../quiz/session.js';
import type { Block } from '../../view/blocks.js';
import { renderBlocks } from '../../view/render-text.js';
import { escapeControls } from '../../view/sanitize.js';
import { initialInput, inputReducer, lineKey } from '../input-line/state.js';
import { InputLine } from '../input-line/InputLine.js';
import { useLiveReducer } from '../use-live-reducer.js';
import type { Theme } from '../../view/style.js';

type Phase = { kind: 'asking' } | { kind: 'answered'; graded: Graded; next: Date | null; rated: boolean } | { kind: 'report' } | { kind: 'empty' };

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
  const [index, setIndex] = useState(0);
  const [phase, setPhase] = useState<Phase>(total === 0 ? { kind: 'empty' } : { kind: 'asking' });
  // Keys can come faster than React re-renders: each must see the answer as the previous key left it.
  const [input, dispatch, live] = useLiveReducer(inputReducer, () => initialInput());
  const [hint, setHint] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Grading a formula can take seconds (the math sandbox loads): say so while it runs.
  const [checking, setChecking] = useState(false);
  const [scroll, setScroll] = useState(0);
  const [now, setNow] = useState(Date.now());
  const started = useRef(Date.now());
  const askedAt = useRef(Date.now());
  const finished = useRef(false);

  const finish = async () => {
    if (finished.current) return;
    finished.current = true;
    if (exam) await session.finishExam();
    setMessage(null); // a note about the last typed line does not belong on the report
    setPhase({ kind: 'report' });
  };

  useEffect(() => setScroll(0), [index, phase.kind]);

  // With a formula question in the session, load its grader while the student reads, not after Enter.
  useEffect(() => {
    if (session.queue.some((_, i) => session.question(i).kind === 'formula')) warmFormulaGrader();
  }, [session]);

  useEffect(() => {
    if (!exam || phase.kind === 'report') return;
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, [exam, phase.kind]);

  useEffect(() => {
    if (exam && minutes && phase.kind === 'asking' && now - started.current > minutes * 60_000) {
      setMessage(tr(lang, msg('Time is up.', '时间到。')));
      void finish();
    }
  }, [now]);

  const leave = async () => {
    // An abandoned exam still records the answers already given.
    if (exam && !finished.current && session.results.some(Boolean)) await session.finishExam();
    onDone();
    exit();
  };

  const advance = () => {
    if (index + 1 >= total) return void finish();
    setIndex(index + 1);
    setHint(false);
    setMessage(null);
    askedAt.current = Date.now();
    setPhase({ kind: 'asking' });
  };

  const submit = async (line: string) => {
    setBusy(true);
    setChecking(true);
    const g = await session.grade(index, line).finally(() => setChecking(false));
    setBusy(false);
    if (g.outcome === 'invalid') return setMessage(tr(lang, g.message));
    if (g.outcome === 'hint') {
      setHint(true);
      dispatch({ type: 'submit' });
      return setMessage(session.question(index).hint ? null : tr(lang, msg('No hint for this one — ? shows the solution.', '这道题没有提示——输入 ? 查看解法。')));
    }
    dispatch({ type: 'submit' });
    setMessage(null);
    setBusy(true);
    const r = await session.answer(index, g, (Date.now() - askedAt.current) / 1000);
    setBusy(false);
    // An answer that could not be saved (full disk …) is said so; the session goes on.
    const saveNote = [r.recovered, r.unsaved?.message].filter((m) => m !== undefined).map((m) => tr(lang, m));
    if (exam) {
      advance();
      if (saveNote.length) setMessage(saveNote.join('\n'));
      return;
    }
    setPhase({ kind: 'answered', graded: g, next: r.next, rated: r.correct !== true });
    if (saveNote.length) setMessage(saveNote.join('\n'));
  };

  /**
   * Ctrl+C, Esc, q (outside the answer line) and Ctrl+D (on an empty answer) all mean "leave this screen":
   * with answers given, the report comes first (the exam is graded); from the report, they leave.
   */
  const stop = () => {
    if (phase.kind === 'report' || phase.kind === 'empty') return void leave();
    return void (session.results.some(Boolean) ? finish() : leave());
  };

  useInput((ch, key) => {
    const input = live.current;
    const ctrlC = key.ctrl && ch === 'c';
    // While an answer is being graded or saved, Ctrl+C still leaves at once (what was saved is kept).
    if (busy) return ctrlC ? void leave() : undefined;
    if (ctrlC) return stop();
    if (key.ctrl && ch === 'd' && (phase.kind !== 'asking' || input.value === '')) return stop();
    // Long solutions and the exam report scroll under the fixed header.
    if (key.pageDown || key.pageUp) return setScroll((v) => Math.max(0, Math.min(maxScroll, v + (key.pageDown ? room - 1 : -(room - 1)))));
    if (phase.kind !== 'asking' && (key.downArrow || key.upArrow)) return setScroll((v) => Math.max(0, Math.min(maxScroll, v + (key.downArrow ? 1 : -1))));
    if (phase.kind === 'report' || phase.kind === 'empty') {
      if (ch === 'q' || key.return || key.escape) return void leave();
      return;
    }
    if (phase.kind === 'answered') {
      if (!phase.rated && ['1', '2', '3'].includes(ch)) {
        const rating = ([Rating.Hard, Rating.Good, Rating.Easy] as Grade[])[Number(ch) - 1];
        setBusy(true);
        void session.rerate(index, rating).then((next) => {
          setBusy(false);
          const unsaved = session.results[index]?.unsaved;
          if (unsaved) setMessage(tr(lang, unsaved.message));
          setPhase({ ...phase, next, rated: true });
        });
        return;
      }
      if (key.return || ch === ' ' || key.rightArrow) return advance();
      // Stopping early still ends with the per-topic score and the misses (leave from there).
      if (ch === 'q' || key.escape) return stop();
      return;
    }
    if (key.escape) return stop();
    if (key.return) return void submit(input.value);
    const edit = lineKey(ch, key);
    // Pasted text holding Enter answers with the line up to it.
    if (edit?.type === 'insert' && /[\r\n]/.test(edit.text)) return void submit(input.value + edit.text.split(/[\r\n]/)[0]);
    if (edit) dispatch(edit);
  });

  const header = exam
    ? `${theme.title(tr(lang, msg('nnlearn exam', 'nnlearn 考试')))}  ${theme.muted(`${Math.min(index + 1, total)}/${total}`)}  ${theme.accent(`⏱ ${minutes ? clock(minutes * 60_000 - (now - started.current)) : clock(now - started.current)}`)}`
    : `${theme.title(tr(lang, msg('nnlearn quiz', 'nnlearn 测验')))}  ${theme.muted(`${Math.min(index + 1, total)}/${total}`)}`;

  let blocks: Block[] = [];
  let footer = '';
  if (phase.kind === 'empty') {
    blocks = [{ kind: 'text', text: msg('Nothing is due and there is nothing new in this selection. Come back later, or try nnlearn quiz --exam.', '现在没有到期的题，这个范围里也没有新题。稍后再来，或试试 nnlearn quiz --exam。') }];
    footer = tr(lang, msg('Enter, q, Esc, Ctrl+C or Ctrl+D: leave', '回车、q、Esc、Ctrl+C 或 Ctrl+D：退出'));
  } else if (phase.kind === 'report') {
    blocks = exam
      ? examReportBlocks(session, (Date.now() - started.current) / 1000)
      : studyReportBlocks(session);
    footer = tr(lang, msg('Enter, q, Esc, Ctrl+C or Ctrl+D: leave', '回车、q、Esc、Ctrl+C 或 Ctrl+D：退出'));
  } else {
    const q = session.question(index);
    blocks = questionBlocks(q, { index, total, seed: session.seedFor(index), hint });
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
  const shownFrom = Math.min(scroll, maxScroll);
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
        <InputLine prompt={theme.accent(tr(lang, msg('answer› ', '作答› ')))} value={input.value} cursor={input.cursor} showCursor={!busy} />
      ) : null}
      {checking ? <Text>{theme.muted(tr(lang, msg('checking…', '检查中…')))}</Text> : null}
      {message ? <Text>{theme.warn(escapeControls(message))}</Text> : null}
      <Text>{theme.muted(footer)}</Text>
    </Box>
  );
}
