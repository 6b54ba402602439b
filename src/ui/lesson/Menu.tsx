/** The lesson menu: topics with their lessons, completion marks, and "continue where you left off". */
import { Box, Text, useInput } from 'ink';
import { useState } from 'react';
import { msg, tr, type Lang } from '../../i18n/index.js';
import { LESSON_INDEX as LESSONS, TOPICS } from '../../lessons/catalog.js';
import type { Progress } from '../../lessons/progress.js';
import type { Theme } from '../style.js';
import { continueTarget } from './next.js';

export interface MenuProps {
  lang: Lang;
  theme: Theme;
  progress: Progress;
  height: number;
  onOpen: (id: string) => void;
  onQuit: () => void;
}

export function Menu({ lang, theme, progress, height, onOpen, onQuit }: MenuProps) {
  // "continue" never reopens a finished lesson: it offers the next unfinished one.
  const resume = continueTarget(LESSONS.map((l) => l.id), progress);
  const start = resume ? Math.max(0, LESSONS.findIndex((l) => l.id === resume)) : 0;
  const [cursor, setCursor] = useState(start);
  useInput((input, key) => {
    if (input === 'q' || key.escape || (key.ctrl && input === 'c')) return onQuit();
    if (key.upArrow || input === 'k') return setCursor((c) => (c - 1 + LESSONS.length) % LESSONS.length);
    if (key.downArrow || input === 'j') return setCursor((c) => (c + 1) % LESSONS.length);
    if ((input === 'c' || input === 'C') && resume) return onOpen(resume);
    if (key.return || key.rightArrow || input === ' ') return onOpen(LESSONS[cursor].id);
  });
  const rows: { text: string; index?: number }[] = [];
  for (const t of TOPICS) {
    rows.push({ text: theme.title(tr(lang, t.title)) });
    for (const l of LESSONS.filter((x) => x.topic === t.id)) {
      const i = LESSONS.indexOf(l);
      const p = progress.lessons[l.id];
      const mark = p?.completed ? theme.ok('✓') : p ? theme.warn('…') : ' ';
      const label = `${mark} ${l.id.padEnd(27)} ${tr(lang, l.title)}`;
      rows.push({ text: i === cursor ? theme.chalk.inverse(`› ${label}`) : `  ${label}`, index: i });
    }
  }
  // Keep the cursor visible on small terminals: show a window of rows around it.
  const room = Math.max(6, height - 7);
  const at = rows.findIndex((r) => r.index === cursor);
  const from = Math.max(0, Math.min(at - Math.floor(room / 2), rows.length - room));
  const visible = rows.slice(from, from + room);
  const above = from > 0;
  const below = from + room < rows.length;
  const done = LESSONS.filter((l) => progress.lessons[l.id]?.completed).length;
  return (
    <Box flexDirection="column">
      <Text>
        {theme.title('nnlearn')} {theme.muted(tr(lang, msg(`lessons · ${done}/${LESSONS.length} done`, `课程 · 已完成 ${done}/${LESSONS.length}`)))}
      </Text>
      {above ? <Text>{theme.muted(tr(lang, msg('  ↑ more above', '  ↑ 上面还有')))}</Text> : null}
      {visible.map((r, i) => (
        <Text key={i}>{r.text}</Text>
      ))}
      {below ? <Text>{theme.muted(tr(lang, msg('  ↓ more below', '  ↓ 下面还有')))}</Text> : null}
      <Text>
        {theme.muted(
          tr(
            lang,
            resume
              ? msg(`↑/↓ choose · Enter open · c continue ${resume} · q quit`, `↑/↓ 选择 · 回车 打开 · c 继续 ${resume} · q 退出`)
              : msg('↑/↓ choose · Enter open · q quit', '↑/↓ 选择 · 回车 打开 · q 退出'),
          ),
        )}
      </Text>
    </Box>
  );
}
