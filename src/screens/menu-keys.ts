/** The keys of a menu (ListMenu.tsx), as a pure function: tested without Ink. */
export type MenuIntent = { do: 'move'; to: number } | { do: 'open' } | { do: 'quit' } | { do: 'none' };

/** What a key does in a menu of `n` items with the cursor at `cursor` (the cursor wraps around). */
export function listMenuKey(n: number, cursor: number, ch: string, key: { upArrow?: boolean; downArrow?: boolean; return?: boolean; escape?: boolean; ctrl?: boolean }): MenuIntent {
  if (key.ctrl && (ch === 'c' || ch === 'd')) return { do: 'quit' };
  if (key.upArrow || ch === 'k') return { do: 'move', to: (cursor + n - 1) % n };
  if (key.downArrow || ch === 'j') return { do: 'move', to: (cursor + 1) % n };
  if (key.return) return { do: 'open' };
  if (ch === 'q' || key.escape) return { do: 'quit' };
  return { do: 'none' };
}
