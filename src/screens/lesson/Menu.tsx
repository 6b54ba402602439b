/** The lesson menu: topics with their lessons, completion marks, and "continue where you left off". */
import { Box, Text, useInput, useStdout } from 'ink';
import { useEffect, useRef, useState } from 'react';
import { msg, tr, type Lang } from '../../i18n/index.js';
import { LESSON_INDEX as LESSONS, TOPICS } from '../../lessons/catalog.js';
import type { Progress } from '../../lessons/progress.js';
import type { Theme } from '../../view/style.js';
import { fitParts } from './fit.js';
import { continueTarget } from './next.js';
import { isLeaveKey } from '../leave-keys.js';
import { truncate } from '../../view/layout.js';

export interface MenuProps {
  lang: Lang;
  theme: Theme;
  progress: Progress;
  height: number;
  onOpen: (id: string) => void;
  onQuit: () => void;
}

const ID_WIDTH = Math.max(...LESSONS.map((l) => l.id.length));

export function Menu({ lang, theme, progress, height, onOpen, onQuit }: MenuProps) {
  const { stdout } = useStdout();
  const [size, setSize] = useState({ columns: stdout.columns || 80, rows: height });
  useEffect(() => {
    const onResize = () => setSize({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  const width = Math.max(20, size.columns);
  // "continue" never reopens a finished lesson: it offers the next unfinished one.
  const resume = continueTarget(LESSONS.map((l) => l.id), progress);
  const start = resume ? Math.max(0, LESSONS.findIndex((l) => l.id === resume)) : 0;
  const [cursor, setCursor] = useState(start);
  const [help, setHelpState] = useState(false);
  // Keys can come faster than React re-renders: the next key must see the help closed by the previous one.
  const helpOpen = useRef(false);
  const setHelp = (v: boolean) => {
    helpOpen.current = v;
    setHelpState(v);
  };

  const footer = fitParts(
    [
      tr(lang, msg('↑/↓ choose', '↑/↓ 选择')),
      tr(lang, msg('Enter open', '回车 打开')),
      ...(resume ? [tr(lang, msg(`c continue ${resume}`, `c 继续 ${resume}`))] : []),
      tr(lang, msg('? help', '? 帮助')),
      tr(lang, msg('q quit', 'q 退出')),
    ],
    width,
  );
  // The menu is also what a bare `nnlearn` opens, so it says where the other commands are.
  const legend = truncate(tr(lang, msg('✓ finished · … started, not finished · other commands: nnlearn --help', '✓ 已完成 · … 已开始、未完成 · 其他命令：nnlearn --help')), width);
  // Header, "more above", "more below", the legend, the footer: the rest is for lessons.
  const room = Math.max(3, size.rows - 4 - footer.length - 1);
  const page = Math.max(1, room - 1);

  useInput((input, key) => {
    if (helpOpen.current) {
      // Any key closes the help; q and Esc close it (they do not leave from inside the help).
      if (!(key.ctrl && (input === 'c' || input === 'd'))) return setHelp(false);
    }
    // q, Esc, Ctrl+C and Ctrl+D leave, as on every screen.
    if (isLeaveKey(input, key)) return onQuit();
    if (input === '?' || input === 'h') return setHelp(true);
    const last = LESSONS.length - 1;
    if (key.upArrow || input === 'k') return setCursor((c) => (c - 1 + LESSONS.length) % LESSONS.length);
    if (key.downArrow || input === 'j') return setCursor((c) => (c + 1) % LESSONS.length);
    if (key.home || input === 'g') return setCursor(0);
    if (key.end || input === 'G') return setCursor(last);
    if (key.pageUp) return setCursor((c) => Math.max(0, c - page));
    if (key.pageDown) return setCursor((c) => Math.min(last, c + page));
    if ((input === 'c' || input === 'C') && resume) return onOpen(resume);
    if (key.return || key.rightArrow || input === ' ') return onOpen(LESSONS[cursor].id);
  });

  const done = LESSONS.filter((l) => progress.lessons[l.id]?.completed).length;
  const header = truncate(`nnlearn ${tr(lang, msg(`lessons · ${done}/${LESSONS.length} done`, `课程 · 已完成 ${done}/${LESSONS.length}`))}`, width);
  if (help) {
    const lines = [
      msg('↑/↓ or j/k: move · Home/End: first/last lesson · PgUp/PgDn: a page', '↑/↓ 或 j/k：移动 · Home/End：第一课/最后一课 · PgUp/PgDn：翻页'),
      msg('Enter, → or space: open the lesson', '回车、→ 或空格：打开课程'),
      msg('c: continue — the lesson you left unfinished, or the next one not finished', 'c：继续——你没学完的那一课，或下一门未完成的课'),
      msg('✓ finished · … started, not finished (your place in it is kept)', '✓ 已完成 · … 已开始、未完成（会记住学到哪一步）'),
      msg('In a lesson: h shows its keys; q, Esc, Ctrl+C or Ctrl+D returns here.', '课程中：按 h 查看按键；q、Esc、Ctrl+C 或 Ctrl+D 回到这里。'),
      msg('The REPL, the quiz and the other commands: nnlearn --help', 'REPL、测验等其他命令：nnlearn --help'),
      msg('q, Esc, Ctrl+C or Ctrl+D: leave nnlearn.  Any key closes this help.', 'q、Esc、Ctrl+C 或 Ctrl+D：退出 nnlearn。按任意键关闭本帮助。'),
    ];
    return (
      <Box flexDirection="column">
        <Text>{theme.title(header)}</Text>
        {lines.map((l, i) => (
          <Text key={i}>{tr(lang, l)}</Text>
        ))}
      </Box>
    );
  }

  const rows: { text: string; index?: number }[] = [];
  for (const t of TOPICS) {
    rows.push({ text: theme.title(truncate(tr(lang, t.title), width)) });
    for (const l of LESSONS.filter((x) => x.topic === t.id)) {
      const i = LESSONS.indexOf(l);
      const p = progress.lessons[l.id];
      const mark = p?.completed ? '✓' : p ? '…' : ' ';
      // Narrow terminals: the id column shrinks to what is left for a title of a few columns; the title is cut with ….
      const idw = Math.min(ID_WIDTH, Math.max(0, width - 4 - 14));
      const text = truncate(`${mark} ${truncate(l.id, idw).padEnd(idw)} ${tr(lang, l.title)}`, width - 2);
      const styled = p?.completed ? theme.ok(text.slice(0, 1)) + text.slice(1) : p ? theme.warn(text.slice(0, 1)) + text.slice(1) : text;
      rows.push({ text: i === cursor ? theme.chalk.inverse(`› ${text}`) : `  ${styled}`, index: i });
    }
  }
  // Keep the cursor visible on small terminals: show a window of rows around it.
  const at = rows.findIndex((r) => r.index === cursor);
  const from = Math.max(0, Math.min(at - Math.floor(room / 2), rows.length - room));
  const visible = rows.slice(from, from + room);
  const above = from > 0;
  const below = from + room < rows.length;
  return (
    <Box flexDirection="column">
      <Text>{theme.title(header)}</Text>
      <Text>{above ? theme.muted(tr(lang, msg('  ↑ more above', '  ↑ 上面还有'))) : ' '}</Text>
      {visible.map((r, i) => (
        <Text key={i}>{r.text}</Text>
      ))}
      <Text>{below ? theme.muted(tr(lang, msg('  ↓ more below', '  ↓ 下面还有'))) : ' '}</Text>
      <Text>{theme.muted(legend)}</Text>
      {footer.map((l, i) => (
        <Text key={`f${i}`}>{theme.muted(l)}</Text>
      ))}
    </Box>
  );
}
