/**
 * A menu of items (Ink): ↑/↓ (or k/j) and Enter choose, q or Esc leaves. The
 * lines are drawn by the caller's pure function (the training runs' menu, the
 * experiments' menu), so each stays testable without Ink.
 */
import { Text, useApp, useInput, useStdout } from 'ink';
import type { Lang } from '../i18n/index.js';
import { makeTheme, type Theme } from '../view/style.js';
import { renderScreen } from './suspend.js';
import { useLiveReducer } from './use-live-reducer.js';
import { listMenuKey } from './menu-keys.js';

export interface MenuLayout {
  width: number;
  height: number;
  lang: Lang;
  theme: Theme;
}

interface ListMenuProps {
  count: number;
  lines: (cursor: number, o: MenuLayout) => string[];
  lang: Lang;
  theme: Theme;
  cursor: number;
  onChoose: (index: number | null) => void;
}

function ListMenu({ count, lines, lang, theme, cursor: start, onChoose }: ListMenuProps) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  // Keys that arrive together (↓ then Enter) each see the cursor the previous one left.
  const [cursor, dispatch, live] = useLiveReducer((_: number, to: number) => to, () => start);
  useInput((ch, key) => {
    const k = listMenuKey(count, live.current, ch, key);
    if (k.do === 'move') dispatch(k.to);
    else if (k.do === 'open' || k.do === 'quit') {
      onChoose(k.do === 'open' ? live.current : null);
      exit();
    }
  });
  return <Text>{lines(cursor, { width: stdout.columns || 80, height: (stdout.rows || 24) - 1, lang, theme }).join('\n')}</Text>;
}

/** Shows the menu until the student picks an item (its index) or leaves (null); the menu is erased after a pick. */
export async function chooseInMenu(o: { count: number; lines: ListMenuProps['lines']; lang: Lang; cursor: number }): Promise<number | null> {
  let chosen: number | null = null;
  const app = renderScreen(<ListMenu count={o.count} lines={o.lines} lang={o.lang} theme={makeTheme()} cursor={o.cursor} onChoose={(i) => (chosen = i)} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
  if (chosen === null) return null;
  // The menu comes back after the item: erase this one, so menus do not pile up on the terminal.
  app.clear();
  return chosen;
}
