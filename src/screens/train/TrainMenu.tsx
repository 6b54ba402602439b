/** The menu of runs (ListMenu over menu.ts's lines). The run itself is drawn by direct-run.ts. */
import type { Lang } from '../../i18n/index.js';
import { chooseInMenu } from '../ListMenu.js';
import { menuLines, MENU_RUNS } from './menu.js';

/** Shows the menu until the student picks a run (its index and id) or leaves (null). */
export async function chooseRunInMenu(lang: Lang, cursor: number): Promise<{ index: number; id: string } | null> {
  const index = await chooseInMenu({ count: MENU_RUNS.length, lines: menuLines, lang, cursor });
  return index === null ? null : { index, id: MENU_RUNS[index].id };
}
