/** One lesson, step by step: header, the step drawn through the shared renderer, key help. */
import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useMemo, useRef, useState } from 'react';
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { checkValue, fmtFormulaInput, stepOf, warmFormulaEvaluator } from '../../lessons/formula.js';
import { checkAnswerBlocks, checkShuffle, stepBlocks } from '../../lessons/render.js';
import type { ExperimentLink, Lesson } from '../../lessons/types.js';
import type { Block } from '../../view/blocks.js';
import { renderBlocks, wrap } from '../../view/render-text.js';
import { cutLine, fitParts } from './fit.js';
import type { Theme } from '../../view/style.js';
import { canAdvance, initialLessonState, lessonReducer } from './state.js';
import { editKey } from '../input-line/state.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { isLeaveKey } from '../leave-keys.js';
import { truncate } from '../../view/layout.js';

export interface LessonScreenProps {
  lesson: Lesson;
  lang: Lang;
  theme: Theme;
  startStep?: number;
  /** The lesson the completion message offers next (the next unfinished one), if any. */
  next?: { id: string; title: Msg };
  onNext?: (id: string) => void;
  onStep?: (step: number) => void;
  onExit: (finished: boolean) => void;
  /**
   * An experiment step's key (x): opens the experiment on its own screen with
   * the terminal lent to it; resolves when she leaves it, with what to show
   * under the step (the verdict). Absent: the step shows the command only.
   */
  openExperiment?: (id: string) => Promise<Block[]>;
}

// r is offered only where it does something: a demo, which runs on a seed.
const KEYS = msg('→/Enter next · ← back · h help · q quit', '→/Enter 下一步 · ← 上一步 · h 帮助 · q 退出');
const HELP = msg(
  'Keys: → or Enter or space: next step (a question must be answered first) · ←: previous step · r: rerun a demo with new numbers (on demo steps) · x: run the experiment (on experiment steps; the lesson comes back after) · a–d: answer a question, ? if you don’t know (shows the answer) · formulas: ↑/↓ choose a variable, type a number (-0.9, .5, 1e-3) and Enter, Esc cancels it, [ and ] step it down and up · PgUp/PgDn: scroll a long step · h or ?: this help · q, Esc, Ctrl+C or Ctrl+D: leave the lesson (back to the menu if you came from it). Your place is saved.',
  '按键：→、回车或空格：下一步（问题要先作答）· ←：上一步 · r：用新的数重跑演示（演示步骤）· x：运行实验（实验步骤；之后回到本课）· a–d：回答问题，不会就按 ?（显示答案）· 公式：↑/↓ 选变量，输入数字（-0.9、.5、1e-3）后回车，Esc 取消输入，[ 和 ] 减小、增大 · PgUp/PgDn：滚动较长的一步 · h 或 ?：本帮助 · q、Esc、Ctrl+C 或 Ctrl+D：离开本课（从菜单进入则回到菜单）。进度会自动保存。',
);
const KEYS_EXPERIMENT = msg('→/Enter next · ← back · x run the experiment · h help · q quit', '→/Enter 下一步 · ← 上一步 · x 运行实验 · h 帮助 · q 退出');
const KEYS_DEMO = msg('→/Enter next · ← back · r new numbers · h help · q quit', '→/Enter 下一步 · ← 上一步 · r 换一组数 · h 帮助 · q 退出');

/** An experiment step's title and claim: the registry (and the training code under it) is loaded on the first such step only. */
async function experimentResolver(): Promise<(id: string) => ExperimentLink | undefined> {
  return (await import('../../experiments/links.js')).experimentLink;
}

export function LessonScreen({ lesson, lang, theme, startStep = 0, next, onNext, onStep, onExit, openExperiment }: LessonScreenProps) {
  const { stdout } = useStdout();
  const [columns, setColumns] = useState(stdout.columns || 80);
  const width = Math.min(columns, 120);
  const reducer = useMemo(() => lessonReducer(lesson), [lesson]);
  // Each key sees the state the previous key left (a digit then Enter), not the one last drawn.
  const [s, dispatch, live] = useLiveReducer(reducer, () => initialLessonState(Math.min(startStep, lesson.steps.length - 1)));
  // The rendered step and the step it belongs to: a slow step (a formula loads mathjs) must not show the previous step's lines under its header.
  const [rendered, setRendered] = useState<{ step: number; lines: string[] } | null>(null);
  const lines = rendered?.step === s.step ? rendered.lines : null;
  const [problem, setProblem] = useState<string | null>(null);
  const step = lesson.steps[s.step];
  // A step taller than the terminal scrolls (Ink cannot redraw what scrolled off the top).
  const [scroll, setScroll] = useState(0);
  const [rows, setRows] = useState(stdout.rows || 24);
  // How many rows the step gets, computed while drawing (it depends on the footer's lines); keys read the last one drawn.
  const roomRef = useRef({ room: 5, maxScroll: 0 });
  useEffect(() => setScroll(0), [s.step]);
  // While the experiment's screen has the terminal, this screen takes no keys (they are that screen's).
  const away = useRef(false);
  // What the experiment left (its verdict), shown under its step until she moves on.
  const [ran, setRan] = useState<{ step: number; blocks: Block[] } | null>(null);

  useEffect(() => {
    let columns = stdout.columns || 80;
    const onResize = () => {
      const now = stdout.columns || 80;
      // Narrower: the terminal may re-wrap the old frame into more rows than Ink erases, which left
      // copies of the header behind. Clear the screen first (before Ink's own handler, which then redraws it all).
      if (now < columns) stdout.write('\u001b[2J\u001b[H');
      columns = now;
      setColumns(now);
      setRows(stdout.rows || 24);
    };
    stdout.prependListener('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);

  useEffect(() => {
    onStep?.(s.step);
  }, [s.step]);

  // mathjs takes a moment to load: start while the student reads the first steps, so a formula step needs no wait.
  useEffect(() => {
    if (lesson.steps.some((x) => x.kind === 'formula')) warmFormulaEvaluator();
  }, [lesson]);

  useEffect(() => {
    let live = true;
    const resolve = step.kind === 'experiment' ? experimentResolver() : Promise.resolve(undefined);
    resolve
      .then((experiment) =>
        stepBlocks(step, { lang, width, theme, seed: s.seed, formulaValues: s.values, selectedVar: step.kind === 'formula' ? step.formula.vars[s.selected]?.name : undefined, experiment, experimentKey: openExperiment ? 'x' : undefined }),
      )
      .then((blocks) => {
        if (step.kind === 'check' && (s.chosen !== undefined || s.revealed)) blocks.push({ kind: 'spacer' }, ...checkAnswerBlocks(step, s.chosen));
        if (ran && ran.step === s.step && ran.blocks.length) blocks.push({ kind: 'spacer' }, ...ran.blocks);
        if (live) setRendered({ step: s.step, lines: renderBlocks(blocks, { lang, width, theme }) });
      })
      .catch((e: unknown) => live && setRendered({ step: s.step, lines: [theme.error(String((e as Error)?.message ?? e))] }));
    return () => {
      live = false;
    };
  }, [step, s.seed, s.values, s.selected, s.chosen, s.revealed, lang, width, theme, ran]);

  /** The experiment on its own screen; back here, its verdict under the step. */
  const runExperiment = async (id: string, at: number) => {
    if (!openExperiment || away.current) return;
    away.current = true;
    let blocks: Block[];
    try {
      blocks = await openExperiment(id);
    } catch (e) {
      blocks = [{ kind: 'error', text: msg(`The experiment stopped: ${String((e as Error)?.message ?? e)}`, `实验中断：${String((e as Error)?.message ?? e)}`) }];
    } finally {
      away.current = false;
    }
    setRan({ step: at, blocks });
  };

  useInput((input, key) => {
    if (away.current) return;
    const s = live.current;
    const step = lesson.steps[s.step];
    setProblem(null);
    // Past the last step: Enter opens the next lesson, ← goes back, q/Esc leave.
    if (s.done) {
      if (isLeaveKey(input, key)) return onExit(true);
      if (key.leftArrow) return dispatch({ type: 'prev' });
      if (key.return || key.rightArrow || input === ' ') return next && onNext ? onNext(next.id) : onExit(true);
      return;
    }
    // A number being typed owns the keys that edit it: Esc cancels the edit (the value stays as it was), and the
    // line-editing keys every text field shares (←/→, Ctrl+A/E/U/K/W, Backspace) edit it. Only while typing:
    // otherwise ←/→ move between steps.
    if (step.kind === 'formula' && s.typing) {
      if (key.escape) return dispatch({ type: 'clear-typing' });
      const edit = editKey(input, key);
      if (edit) return dispatch({ type: 'edit-typing', edit });
    }
    // q, Esc, Ctrl+C and Ctrl+D all leave the lesson: back to the menu if it was opened from there, else to the shell.
    if (isLeaveKey(input, key)) return onExit(false);
    // On a question not yet answered, ? is "I don't know — show me" (as in the quiz); h is help everywhere.
    if (input === '?' && step.kind === 'check' && s.chosen === undefined && !s.revealed) return dispatch({ type: 'reveal' });
    if (input === '?' || input === 'h') return dispatch({ type: 'toggle-help' });
    const { room, maxScroll } = roomRef.current;
    const scrollBy = (d: number) => setScroll((v) => Math.max(0, Math.min(maxScroll, v + d)));
    if (key.pageDown || input === 'j') return scrollBy(input === 'j' ? 1 : room - 1);
    if (key.pageUp || input === 'k') return scrollBy(input === 'k' ? -1 : -(room - 1));
    if (step.kind !== 'formula' && maxScroll > 0 && (key.downArrow || key.upArrow)) return scrollBy(key.downArrow ? 1 : -1);
    if (step.kind === 'formula') {
      const v = step.formula.vars[s.selected];
      if (key.upArrow) return dispatch({ type: 'select-var', delta: -1 });
      if (key.downArrow) return dispatch({ type: 'select-var', delta: 1 });
      // Stepping has keys of its own: '-' and '+' belong to the number being typed (a sign, an exponent's sign).
      if (input === '[' || input === ']') return dispatch({ type: 'bump', name: v.name, direction: input === ']' ? 1 : -1 });
      // Digits typed quickly (or pasted) arrive together: take them one by one. An 'e' starts nothing (only an exponent after a digit).
      if (input && !key.ctrl && !key.meta && /^[0-9.+\-eE]+$/.test(input) && (s.typing || /^[0-9.+\-]/.test(input))) {
        const before = live.current.typing;
        for (const ch of input) dispatch({ type: 'type-digit', text: ch });
        if (live.current.typing === before) setProblem(tr(lang, msg(`"${input}" cannot go there: type a number such as -0.9, .5 or 1e-3.`, `“${input}”不能放在这里：请输入数字，如 -0.9、.5 或 1e-3。`)));
        return;
      }
      if (key.return && s.typing) {
        const value = Number(s.typing);
        const bad = Number.isNaN(value) ? msg(`"${s.typing}" is not a number.`, `“${s.typing}”不是数字。`) : checkValue(step.formula, v.name, value);
        if (bad) {
          // Refused: say why and start the number afresh (keeping a half-typed "3." would set it later).
          setProblem(tr(lang, bad));
          return dispatch({ type: 'clear-typing' });
        }
        return dispatch({ type: 'set-value', name: v.name, value });
      }
    }
    if (step.kind === 'check' && s.chosen === undefined && !s.revealed) {
      // Only a single letter answers: arrows and Enter arrive with input '' (and ''.indexOf is 0, option a).
      const i = input.length === 1 ? 'abcdefgh'.indexOf(input.toLowerCase()) : -1;
      // Letters are the shown (shuffled) order; the state keeps the authored option index.
      const shown = checkShuffle(step.check);
      if (i >= 0 && i < step.check.options.length) return dispatch({ type: 'answer', option: shown[i] });
      if (/^[1-8]$/.test(input) && Number(input) <= shown.length) return dispatch({ type: 'answer', option: shown[Number(input) - 1] });
    }
    if (input === 'r' && step.kind === 'demo') return dispatch({ type: 'rerun' });
    if (input === 'x' && step.kind === 'experiment' && openExperiment) return void runExperiment(step.id, s.step);
    if (key.rightArrow || key.return || input === ' ') {
      if (!canAdvance(lesson, s)) return setProblem(tr(lang, msg("Answer first: press the letter of your choice, or ? if you don't know.", '请先作答：按下你选择的字母；不会就按 ?。')));
      return dispatch({ type: 'next' });
    }
    if (key.leftArrow) return dispatch({ type: 'prev' });
  });

  const selectedVar = step.kind === 'formula' ? step.formula.vars[s.selected] : undefined;
  const varName = selectedVar?.name ?? '';
  // The lines under the step, fitted to the terminal first: the step gets every row they leave.
  const items = (text: string) => fitParts(text.split(' · '), columns);
  const below: string[] = [];
  if (step.kind === 'formula') {
    const hint = tr(
      lang,
      msg(
        s.typing
          ? `Enter sets ${varName} · Esc cancels · ←/→, Ctrl+A/E move · Backspace, Ctrl+U/K/W erase`
          : `↑/↓ variable (${varName}) · type a number, Enter · [ ] −/+ ${fmtFormulaInput(stepOf(selectedVar!))}`,
        s.typing ? `回车 设定 ${varName} · Esc 取消 · ←/→、Ctrl+A/E 移动 · Backspace、Ctrl+U/K/W 删除` : `↑/↓ 选变量（${varName}）· 输入数字后回车 · [ ] 减/加 ${fmtFormulaInput(stepOf(selectedVar!))}`,
      ),
    );
    const field = `${s.typing.slice(0, s.cursor)}▏${s.typing.slice(s.cursor)}`;
    below.push(...items(s.typing ? `${varName} = ${field} · ${hint}` : hint).map((l) => theme.accent(l)));
  }
  if (step.kind === 'check' && s.chosen === undefined && !s.revealed) {
    const last = 'abcdefgh'[step.check.options.length - 1];
    below.push(...items(tr(lang, msg(`Answer with a letter (a–${last}) · ? I don't know — show me`, `按字母作答（a–${last}）· ? 我不会，告诉我`))).map((l) => theme.accent(l)));
  }
  if (problem) below.push(...wrap(problem, columns).map((l) => theme.error(l)));
  if (s.help) below.push(...wrap(tr(lang, HELP), columns).map((l) => theme.muted(l)));
  else below.push(...items(tr(lang, step.kind === 'demo' ? KEYS_DEMO : step.kind === 'experiment' && openExperiment ? KEYS_EXPERIMENT : KEYS)).map((l) => theme.muted(l)));
  // Header, bar and a blank line; the scroll line; what is below; one row spare (a frame as tall as the terminal makes Ink clear the screen each time).
  const room = Math.max(3, rows - 3 - 1 - below.length - 1);
  const total = lines?.length ?? 0;
  const maxScroll = Math.max(0, total - room);
  roomRef.current = { room, maxScroll };
  if (s.done) return <LessonDone lesson={lesson} lang={lang} theme={theme} next={next} canOpenNext={Boolean(onNext)} />;
  const n = lesson.steps.length;
  const bar = '■'.repeat(s.step + 1) + '□'.repeat(n - s.step - 1);
  const counter = `${s.step + 1}/${n}`;
  const header = truncate(`${lesson.id} · ${tr(lang, lesson.title)}`, Math.max(1, columns - counter.length - 1));
  // A line wider than the terminal (a diagram) is cut with a › in its last column, and a note says so.
  // The note takes the step's last row, so that the scroll line below keeps its place.
  let shown = (lines ?? []).slice(scroll, scroll + room).map((l) => cutLine(l, columns));
  const cut = shown.some((x) => x.cut);
  const cutNote = truncate(tr(lang, msg('› wider than the terminal: widen, or --plain', '› 比终端宽：请加宽终端，或用 --plain')), columns);
  if (cut) shown = [...shown.slice(0, room - 1), { line: theme.warn(cutNote), cut: false }];
  const upTo = Math.min(total, scroll + (cut ? room - 1 : room));
  const scrollText = maxScroll > 0
    ? tr(
        lang,
        msg(
          `lines ${scroll + 1}–${upTo} of ${total} · ${step.kind === 'formula' ? '' : '↑/↓ or '}j/k, PgUp/PgDn scroll`,
          `第 ${scroll + 1}–${upTo} 行，共 ${total} 行 · ${step.kind === 'formula' ? '' : '↑/↓ 或 '}j/k、PgUp/PgDn 滚动`,
        ),
      )
    : '';
  const status = truncate(scrollText, columns);
  return (
    <Box flexDirection="column">
      <Text>
        {theme.title(header)} {theme.muted(counter)}
      </Text>
      <Text>{theme.muted(bar.length <= columns ? bar : `${Math.round(((s.step + 1) / n) * 100)}%`)}</Text>
      <Text> </Text>
      <Text>{lines ? shown.map((x) => x.line).join('\n') : theme.muted(tr(lang, msg('computing…', '计算中…')))}</Text>
      <Text>{status ? theme.accent(status) : ' '}</Text>
      {below.map((l, i) => (
        <Text key={i}>{l}</Text>
      ))}
    </Box>
  );
}

/** The completion message: what was finished, and what comes next and how to open it. */
function LessonDone({ lesson, lang, theme, next, canOpenNext }: { lesson: Lesson; lang: Lang; theme: Theme; next?: { id: string; title: Msg }; canOpenNext: boolean }) {
  const title = tr(lang, lesson.title);
  return (
    <Box flexDirection="column">
      <Text>{theme.ok(tr(lang, msg(`✓ Lesson finished: ${lesson.id} · ${title}`, `✓ 本课完成：${lesson.id} · ${title}`)))}</Text>
      <Text> </Text>
      {next && canOpenNext ? (
        <Text>
          {tr(lang, msg('Next: ', '下一课：'))}
          {theme.title(`${next.id} · ${tr(lang, next.title)}`)}
        </Text>
      ) : (
        <Text>{tr(lang, msg('You have finished every lesson. The quiz keeps it fresh: nnlearn quiz', '所有课程都已完成。用测验巩固：nnlearn quiz'))}</Text>
      )}
      <Text> </Text>
      <Text>
        {theme.muted(
          tr(
            lang,
            next && canOpenNext
              ? msg(`Enter opens ${next.id} · ← back to the last step · q leave`, `回车 打开 ${next.id} · ← 回到最后一步 · q 离开`)
              : msg('Enter or q leave · ← back to the last step', '回车或 q 离开 · ← 回到最后一步'),
          ),
        )}
      </Text>
    </Box>
  );
}
