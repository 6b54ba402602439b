/**
 * A one-line text field as a reducer: text, cursor, history walking, and the
 * completion list under the prompt. No Ink here, so it is tested directly.
 * Every text field (the REPL's line, the quiz's answer, the lesson's number)
 * edits through this one reducer and editKey()/lineKey(), so Ctrl+A/E/U/K/W,
 * Ctrl+D and pasting mean the same everywhere.
 */
export interface InputState {
  value: string;
  cursor: number;
  history: string[];
  /** Position while walking history with ↑/↓; history.length means "the draft". */
  historyIndex: number;
  draft: string;
  candidates: string[];
}

export type InputAction =
  | { type: 'insert'; text: string }
  | { type: 'backspace' }
  | { type: 'delete' }
  | { type: 'left' }
  | { type: 'right' }
  | { type: 'home' }
  | { type: 'end' }
  | { type: 'up' }
  | { type: 'down' }
  | { type: 'kill-line' }
  | { type: 'kill-to-end' }
  | { type: 'clear' }
  | { type: 'kill-word' }
  | { type: 'replace-word'; start: number; text: string; candidates: string[] }
  | { type: 'submit' }
  | { type: 'set'; state: InputState };

export function initialInput(history: string[] = []): InputState {
  return { value: '', cursor: 0, history, historyIndex: history.length, draft: '', candidates: [] };
}

export function inputReducer(s: InputState, a: InputAction): InputState {
  switch (a.type) {
    case 'insert': {
      // Pasted text may carry newlines or control bytes: keep printable text only.
      const text = a.text.replace(/[\u0000-\u001f\u007f]/g, '');
      if (!text) return s;
      return { ...s, value: s.value.slice(0, s.cursor) + text + s.value.slice(s.cursor), cursor: s.cursor + text.length, candidates: [] };
    }
    case 'backspace':
      if (s.cursor === 0) return s;
      return { ...s, value: s.value.slice(0, s.cursor - 1) + s.value.slice(s.cursor), cursor: s.cursor - 1, candidates: [] };
    case 'delete':
      if (s.cursor >= s.value.length) return s;
      return { ...s, value: s.value.slice(0, s.cursor) + s.value.slice(s.cursor + 1), candidates: [] };
    case 'left':
      return { ...s, cursor: Math.max(0, s.cursor - 1) };
    case 'right':
      return { ...s, cursor: Math.min(s.value.length, s.cursor + 1) };
    case 'home':
      return { ...s, cursor: 0 };
    case 'end':
      return { ...s, cursor: s.value.length };
    case 'up': {
      if (s.historyIndex === 0) return s;
      const draft = s.historyIndex === s.history.length ? s.value : s.draft;
      const value = s.history[s.historyIndex - 1];
      return { ...s, historyIndex: s.historyIndex - 1, value, cursor: value.length, draft, candidates: [] };
    }
    case 'down': {
      if (s.historyIndex >= s.history.length) return s;
      const i = s.historyIndex + 1;
      const value = i === s.history.length ? s.draft : s.history[i];
      return { ...s, historyIndex: i, value, cursor: value.length, candidates: [] };
    }
    case 'kill-line':
      return { ...s, value: s.value.slice(s.cursor), cursor: 0, candidates: [] };
    case 'kill-to-end':
      return { ...s, value: s.value.slice(0, s.cursor), candidates: [] };
    case 'clear':
      return { ...s, value: '', cursor: 0, historyIndex: s.history.length, draft: '', candidates: [] };
    case 'kill-word': {
      const before = s.value.slice(0, s.cursor).replace(/\S+\s*$/, '');
      return { ...s, value: before + s.value.slice(s.cursor), cursor: before.length, candidates: [] };
    }
    case 'replace-word': {
      const value = s.value.slice(0, a.start) + a.text + s.value.slice(s.cursor);
      return { ...s, value, cursor: a.start + a.text.length, candidates: a.candidates };
    }
    case 'set':
      return a.state;
    case 'submit': {
      const line = s.value;
      const history = line.trim() && s.history[s.history.length - 1] !== line ? [...s.history, line] : s.history;
      return { value: '', cursor: 0, history, historyIndex: history.length, draft: '', candidates: [] };
    }
  }
}

/** The keys of a key event that matter for line editing (a subset of Ink's Key, so no Ink import here). */
export interface EditKey {
  ctrl: boolean;
  meta: boolean;
  leftArrow: boolean;
  rightArrow: boolean;
  upArrow?: boolean;
  downArrow?: boolean;
  escape?: boolean;
  tab?: boolean;
  home?: boolean;
  end?: boolean;
  backspace: boolean;
  delete: boolean;
}

/**
 * The line-editing keys every text field shares: ←/→, Home/End and Ctrl+A/Ctrl+E,
 * Ctrl+U (delete to the start), Ctrl+K (delete to the end), Ctrl+W (delete a word),
 * Backspace. null: not an editing key (the screen decides what it means).
 */
export function editKey(input: string, key: EditKey): InputAction | null {
  if (key.leftArrow) return { type: 'left' };
  if (key.rightArrow) return { type: 'right' };
  if (key.home || (key.ctrl && input === 'a')) return { type: 'home' };
  if (key.end || (key.ctrl && input === 'e')) return { type: 'end' };
  if (key.ctrl && input === 'u') return { type: 'kill-line' };
  if (key.ctrl && input === 'k') return { type: 'kill-to-end' };
  if (key.ctrl && input === 'w') return { type: 'kill-word' };
  // Most terminals send DEL (\x7f) for Backspace, which Ink reports as "delete".
  if (key.backspace || key.delete) return { type: 'backspace' };
  return null;
}

/**
 * What a key does to a text field that takes typed text (the REPL's line, the quiz's answer):
 * the editing keys, Ctrl+D deleting the character under the cursor (a screen that leaves on
 * Ctrl+D asks about an empty line first), and typed or pasted text inserted. null: the key
 * is not for the field (other Ctrl/Meta keys, Esc, Tab, ↑/↓: the screen decides).
 */
export function lineKey(input: string, key: EditKey): InputAction | null {
  if (key.ctrl && input === 'd') return { type: 'delete' };
  const edit = editKey(input, key);
  if (edit) return edit;
  if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow) return null;
  return input ? { type: 'insert', text: input } : null;
}
