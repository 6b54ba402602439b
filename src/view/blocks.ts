/**
 * The view model every result is made of. Commands, lessons and quiz
 * solutions produce Blocks; the text renderer (run, piped REPL, --plain) and
 * the Ink REPL both draw them, so every mode shows the same thing.
 */
import type { Msg } from '../i18n/index.js';
import type { VisualBlock } from './figures/types.js';

export type Cell = Msg | string;

export type Block =
  | { kind: 'title'; text: Cell }
  | { kind: 'text'; text: Cell; tone?: 'muted' | 'ok' | 'warn' | 'error' }
  | { kind: 'formula'; label?: Cell; lines: readonly Cell[] }
  | { kind: 'facts'; rows: readonly { label: Cell; value: Cell; /** The row being edited: marked with › and highlighted. */ selected?: boolean }[] }
  | { kind: 'warning'; text: Cell }
  | { kind: 'error'; text: Cell; line?: string; column?: number; length?: number }
  | { kind: 'table'; head: readonly Cell[]; rows: readonly (readonly Cell[])[]; align?: readonly ('left' | 'right')[]; foot?: readonly Cell[] }
  | { kind: 'list'; items: readonly Cell[] }
  | { kind: 'code'; lines: readonly string[] }
  | { kind: 'spacer' }
  /** Pre-drawn lines (diagrams), printed as they are. */
  | { kind: 'raw'; lines: readonly string[] }
  | VisualBlock;
