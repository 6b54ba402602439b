/**
 * A text field as drawn: the prompt, the text with its controls escaped (typed
 * or pasted text is shown, never obeyed), and the cursor as an inverse-video
 * character — an attribute, not a colour, so it stays under NO_COLOR (Ink hides
 * the terminal's own cursor).
 */
import { Text } from 'ink';
import { escapeControls } from '../../view/sanitize.js';

/** Typed or pasted text (or a line from the history file) as shown: its controls escaped, never obeyed. */
export const shownInput = (s: string) => escapeControls(s, { singleLine: true });
const inverse = (s: string) => `\u001b[7m${s}\u001b[27m`;

export interface InputLineProps {
  /** Already styled. */
  prompt: string;
  value: string;
  cursor: number;
  /** false while the answer is being checked: the character stays, the highlight goes. */
  showCursor?: boolean;
}

export function InputLine({ prompt, value, cursor, showCursor = true }: InputLineProps) {
  const at = value[cursor] ?? ' ';
  return (
    <Text>
      {prompt}
      {shownInput(value.slice(0, cursor))}
      {showCursor ? inverse(shownInput(at)) : shownInput(at)}
      {shownInput(value.slice(cursor + 1))}
    </Text>
  );
}
