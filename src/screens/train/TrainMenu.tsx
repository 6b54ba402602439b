/** The menu of runs (Ink): ↑/↓ and Enter choose a run, q leaves. The run itself is drawn by direct-run.ts. */
import { Text, useApp, useInput, useStdout } from 'ink';
import type { Lang } from '../../i18n/index.js';
import { makeTheme, type Theme } from '../../view/style.js';
import { renderScreen } from '../suspend.js';
import { useLiveReducer } from '../use-live-reducer.js';
import { menuKey, menuLines, MENU_RUNS } from './menu.js';

export interface TrainMenuProps {
  lang: Lang;
  theme: Theme;
  /** Where the cursor starts (the run the student last left). */
  cursor: number;
  onChoose: (index: number | null) => void;
}

export function TrainMenu({ lang, theme, cursor: start, onChoose }: TrainMenuProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  // Keys that arrive together (↓ then Enter) each see the cursor the previous one left.
  const [cursor, dispatch, live] = useLiveReducer((_: number, to: number) => to, () => start);
  useInput((ch, key) => {
    const k = menuKey(live.current, ch, key);
    if (k.do === 'move') dispatch(k.to);
    else if (k.do === 'open' || k.do === 'quit') {
      onChoose(k.do === 'open' ? live.current : null);
      exit();
    }
  });
  return <Text>{menuLines(cursor, { width: stdout.columns || 80, height: (stdout.rows || 24) - 1, lang, theme }).join('\n')}</Text>;
}

/** Shows the menu until the student picks a run (its index and id) or leaves (null); the menu is erased after a pick. */
export async function chooseRunInMenu(lang: Lang, cursor: number): Promise<{ index: number; id: string } | null> {
  let chosen: number | null = null;
  const app = renderScreen(<TrainMenu lang={lang} theme={makeTheme()} cursor={cursor} onChoose={(i) => (chosen = i)} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
  if (chosen === null) return null;
  // The menu comes back after the run: erase this one, so menus do not pile up on the terminal.
  app.clear();
  return { index: chosen, id: MENU_RUNS[chosen].id };
}
