/** The menu `nnlearn experiment` opens on a terminal without an id: the experiments by topic, each with its claim's title. */
import { msg, tr, type Lang } from '../../i18n/index.js';
import { EXPERIMENTS } from '../../experiments/registry.js';
import { byTopic, TOPIC_TITLES } from '../../experiments/report-text.js';
import type { ExperimentDef } from '../../experiments/types.js';
import { padEnd, truncate } from '../../view/layout.js';
import type { Theme } from '../../view/style.js';
import { cutLine, fitParts } from '../lesson/fit.js';

/** The experiments in menu order (grouped by topic, the notes' order). */
export const MENU_EXPERIMENTS: readonly ExperimentDef[] = byTopic(EXPERIMENTS).flatMap((g) => g.defs);

export function experimentMenuLines(cursor: number, o: { width: number; height: number; lang: Lang; theme: Theme }): string[] {
  const th = o.theme;
  const L = (en: string, zh: string) => tr(o.lang, msg(en, zh));
  const idW = Math.max(...MENU_EXPERIMENTS.map((e) => e.id.length));
  const rows: { line: string; index?: number }[] = [];
  for (const g of byTopic(EXPERIMENTS)) {
    rows.push({ line: th.label(tr(o.lang, TOPIC_TITLES[g.topic])) });
    for (const e of g.defs) {
      const i = MENU_EXPERIMENTS.indexOf(e);
      const mark = i === cursor ? th.accent('›') : ' ';
      const text = truncate(`${padEnd(e.id, idW)}  ${tr(o.lang, e.title)}`, o.width - 2);
      rows.push({ line: `${mark} ${i === cursor ? th.value(text) : text}`, index: i });
    }
  }
  const head = [th.title(L('nnlearn experiment · the notes’ claims, settled by training', 'nnlearn experiment · 用训练检验笔记里的结论'))];
  const chosen = MENU_EXPERIMENTS[cursor];
  const claim = chosen ? [th.muted(truncate(tr(o.lang, chosen.claim), o.width))] : [];
  const keys = fitParts([L('↑/↓ choose', '↑/↓ 选择'), L('Enter run', '回车 运行'), L('q quit', 'q 退出')], o.width).map((l) => th.muted(l));
  const room = Math.max(3, o.height - head.length - claim.length - keys.length);
  // Keep the cursor's row in view.
  const at = rows.findIndex((r) => r.index === cursor);
  const from = Math.max(0, Math.min(at - Math.floor(room / 2), rows.length - room));
  return [...head, ...rows.slice(from, from + room).map((r) => r.line), ...claim, ...keys].map((l) => cutLine(l, o.width).line);
}
