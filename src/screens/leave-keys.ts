/**
 * One meaning on every screen: q, Esc, Ctrl+C and Ctrl+D leave it. (Text fields
 * differ: there q is a letter and Ctrl+D deletes unless the line is empty.)
 */
export function isLeaveKey(input: string, key: { escape: boolean; ctrl: boolean }): boolean {
  return input === 'q' || key.escape || (key.ctrl && (input === 'c' || input === 'd'));
}
