/**
 * The view model every result is made of. Commands, lessons and quiz
 * solutions produce Blocks; the text renderer (run, piped REPL, --plain) and
 * the Ink REPL both draw them, so every mode shows the same thing.
 * Lists and quotes nest (a list item holds Blocks of its own): producers
 * describe the nesting, and only the view lays it out for a width.
 */
import type { Msg } from '../i18n/index.js';
import type { VisualBlock } from './figures/types.js';
import type { StepperFrameBlock } from './stepper/frame.js';

export type Cell = Msg | string;

/**
 * One item of a list: a line of text (drawn "  • text", wrapped under itself),
 * or Blocks of its own — paragraphs, formulas, code, lists and quotes inside
 * the item — drawn within the item's width. `checked` marks a task item ([x] / [ ]).
 */
export type ListItem = Cell | { blocks: readonly Block[]; checked?: boolean };

export type Block =
  | { kind: 'title'; text: Cell }
  | { kind: 'text'; text: Cell; tone?: 'muted' | 'ok' | 'warn' | 'error' }
  | { kind: 'formula'; label?: Cell; lines: readonly Cell[] }
  | { kind: 'facts'; rows: readonly { label: Cell; value: Cell; /** The row being edited: marked with › and highlighted. */ selected?: boolean }[] }
  | { kind: 'warning'; text: Cell }
  | { kind: 'error'; text: Cell; line?: string; column?: number; length?: number }
  | {
      kind: 'table';
      head: readonly Cell[];
      rows: readonly (readonly Cell[])[];
      align?: readonly ('left' | 'right')[];
      foot?: readonly Cell[];
      /** 'records': when the columns cannot fit the width, one record per row ("heading: value" lines) instead of cut cells. */
      narrow?: 'records';
    }
  /** Bullets (• ◦ ▪ ▫ by how deep the list sits), or numbers from `start` (default 1) when ordered. */
  | { kind: 'list'; items: readonly ListItem[]; ordered?: boolean; start?: number }
  /** A block quote: its Blocks behind a bar, muted. */
  | { kind: 'quote'; blocks: readonly Block[] }
  | { kind: 'code'; lines: readonly string[] }
  | { kind: 'spacer' }
  /** Pre-drawn lines (diagrams), printed as they are. */
  | { kind: 'raw'; lines: readonly string[] }
  | VisualBlock
  | StepperFrameBlock;
