/** The menu of runs `nnlearn train` opens without an id: by topic, as the lesson menu is. */
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import { RUNS } from '../../training/runs/registry.js';
import type { RunDef } from '../../training/runs/run-def.js';
import type { Topic } from '../../training/task.js';
import { padEnd, truncate } from '../../view/layout.js';
import type { Theme } from '../../view/style.js';
import { cutLine, fitParts } from '../lesson/fit.js';
import { listMenuKey, type MenuIntent } from '../menu-keys.js';

const TOPICS: { topic: Topic; title: Msg }[] = [
  { topic: 'points', title: msg('2D points: an MLP bends its decision boundary', '二维点：MLP 弯折它的决策边界') },
  { topic: 'digits', title: msg('Handwritten digits: filters form', '手写数字：滤波器逐渐成形') },
  { topic: 'text', title: msg('Text: a character model learns to write', '文本：字符级模型学着写字') },
  { topic: 'sequence', title: msg('Sequences: memory across time', '序列：跨越时间的记忆') },
];

/** The runs in menu order (grouped by topic). */
export const MENU_RUNS: readonly RunDef[] = TOPICS.flatMap((t) => RUNS.filter((r) => r.topic === t.topic));

export function menuLines(cursor: number, o: { width: number; height: number; lang: Lang; theme: Theme }): string[] {
  const th = o.theme;
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const idW = Math.max(...MENU_RUNS.map((r) => r.id.length));
  const rows: { line: string; index?: number }[] = [];
  for (const t of TOPICS) {
    const runs = MENU_RUNS.map((r, i) => ({ r, i })).filter(({ r }) => r.topic === t.topic);
    if (!runs.length) continue;
    rows.push({ line: th.label(tr(o.lang, t.title)) });
    for (const { r, i } of runs) {
      const mark = i === cursor ? th.accent('›') : ' ';
      const text = `${padEnd(r.id, idW)}  ${tr(o.lang, r.summary)}`;
      rows.push({ line: `${mark} ${i === cursor ? th.value(truncate(text, o.width - 2)) : truncate(text, o.width - 2)}`, index: i });
    }
  }
  const head = [th.title(L('nnlearn train · watch a network learn', 'nnlearn train · 看着网络学习'))];
  const keys = fitParts([L('↑/↓ choose', '↑/↓ 选择'), L('Enter start', '回车 开始'), L('q quit', 'q 退出')], o.width).map((l) => th.muted(l));
  const room = Math.max(3, o.height - head.length - keys.length);
  // Keep the cursor's row in view.
  const at = rows.findIndex((r) => r.index === cursor);
  const from = Math.max(0, Math.min(at - Math.floor(room / 2), rows.length - room));
  return [...head, ...rows.slice(from, from + room).map((r) => r.line), ...keys].map((l) => cutLine(l, o.width).line);
}

/** What a key does in the menu of runs. */
export function menuKey(cursor: number, ch: string, key: Parameters<typeof listMenuKey>[3]): MenuIntent {
  return listMenuKey(MENU_RUNS.length, cursor, ch, key);
}
