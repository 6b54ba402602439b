/**
 * The one text field every screen edits through (the REPL's line, the quiz's
 * answer, the lesson's number): typing, deleting, cursor moves, history,
 * pasting and Chinese text, and which keys are the field's (lineKey).
 */
import { describe, expect, it } from 'vitest';
import { editKey, initialInput, inputReducer, lineKey, type EditKey, type InputAction, type InputState } from '../../src/screens/input-line/state.js';

const run = (s: InputState, ...actions: InputAction[]) => actions.reduce(inputReducer, s);
const typed = (text: string, s = initialInput()) => run(s, ...[...text].map((ch): InputAction => ({ type: 'insert', text: ch })));
const noKey: EditKey = { ctrl: false, meta: false, leftArrow: false, rightArrow: false, backspace: false, delete: false };
const key = (k: Partial<EditKey>): EditKey => ({ ...noKey, ...k });

describe('input line: typing and deleting', () => {
  it('inserts at the cursor', () => {
    const s = run(typed('ac'), { type: 'left' }, { type: 'insert', text: 'b' });
    expect([s.value, s.cursor]).toEqual(['abc', 2]);
  });
  it('Backspace deletes before the cursor, Delete under it; at the edges nothing changes', () => {
    const s = run(typed('abc'), { type: 'left' });
    expect(run(s, { type: 'backspace' })).toMatchObject({ value: 'ac', cursor: 1 });
    expect(run(s, { type: 'delete' })).toMatchObject({ value: 'ab', cursor: 2 });
    const home = run(s, { type: 'home' });
    expect(run(home, { type: 'backspace' })).toBe(home);
    expect(run(typed('abc'), { type: 'delete' }).value).toBe('abc');
  });
  it('Ctrl+U deletes to the start, Ctrl+K to the end, Ctrl+W the word before the cursor', () => {
    const s = run(typed('let x = 1'), { type: 'left' }, { type: 'left' });
    expect(run(s, { type: 'kill-line' })).toMatchObject({ value: ' 1', cursor: 0 });
    expect(run(s, { type: 'kill-to-end' })).toMatchObject({ value: 'let x =', cursor: 7 });
    expect(run(typed('let x = 1'), { type: 'kill-word' })).toMatchObject({ value: 'let x = ', cursor: 8 });
  });
  it('editing drops the completion list', () => {
    const listed = run(typed('re'), { type: 'replace-word', start: 0, text: 're', candidates: ['relu', 'reshape'] });
    expect(listed.candidates).toEqual(['relu', 'reshape']);
    expect(run(listed, { type: 'insert', text: 'l' }).candidates).toEqual([]);
    expect(run(listed, { type: 'backspace' }).candidates).toEqual([]);
  });
});

describe('input line: cursor moves', () => {
  it('←/→ stop at the ends; Home/End go there', () => {
    const s = typed('ab');
    expect(run(s, { type: 'right' }).cursor).toBe(2);
    expect(run(s, { type: 'left' }, { type: 'left' }, { type: 'left' }).cursor).toBe(0);
    expect(run(s, { type: 'home' }).cursor).toBe(0);
    expect(run(s, { type: 'home' }, { type: 'end' }).cursor).toBe(2);
  });
});

describe('input line: history', () => {
  it('↑ walks back, ↓ forward to the draft being typed', () => {
    const s = typed('dra', initialInput(['one', 'two']));
    const up = run(s, { type: 'up' });
    expect([up.value, up.cursor]).toEqual(['two', 3]);
    expect(run(up, { type: 'up' }).value).toBe('one');
    expect(run(up, { type: 'up' }, { type: 'up' }).value).toBe('one');
    expect(run(up, { type: 'up' }, { type: 'down' }).value).toBe('two');
    expect(run(up, { type: 'down' }).value).toBe('dra');
    expect(run(s, { type: 'down' })).toBe(s);
  });
  it('Enter keeps the line in the history once (not blank lines, not a repeat) and empties the field', () => {
    const s = run(typed('x'), { type: 'submit' });
    expect(s).toMatchObject({ value: '', cursor: 0, history: ['x'], historyIndex: 1 });
    expect(run(typed('x', s), { type: 'submit' }).history).toEqual(['x']);
    expect(run(typed('  ', s), { type: 'submit' }).history).toEqual(['x']);
  });
  it('clear (Ctrl+C) empties the line and the walk starts again from the end', () => {
    const s = run(initialInput(['a', 'b']), { type: 'up' }, { type: 'clear' });
    expect(s).toMatchObject({ value: '', historyIndex: 2, draft: '' });
  });
});

describe('input line: paste and Chinese text', () => {
  it('pasted text goes in at once, without newlines or control bytes', () => {
    const s = run(initialInput(), { type: 'insert', text: 'a\r\nb\u001b[31mc\u0007' });
    expect([s.value, s.cursor]).toEqual(['ab[31mc', 7]);
    expect(run(initialInput(), { type: 'insert', text: '\r\n' })).toEqual(initialInput());
  });
  it('a Chinese input method commits several characters at once; the cursor and Backspace move by one character', () => {
    const s = run(initialInput(), { type: 'insert', text: '你好' }, { type: 'insert', text: '，世界' });
    expect([s.value, s.cursor]).toEqual(['你好，世界', 5]);
    const back = run(s, { type: 'left' }, { type: 'left' }, { type: 'backspace' });
    expect([back.value, back.cursor]).toEqual(['你好世界', 2]);
    expect(run(back, { type: 'kill-word' }).value).toBe('世界');
  });
});

describe('lineKey: which keys are the text field\'s', () => {
  it('editing keys: ←/→, Home/End and Ctrl+A/E, Ctrl+U/K/W, Backspace (and DEL, which Ink calls delete)', () => {
    expect(lineKey('', key({ leftArrow: true }))).toEqual({ type: 'left' });
    expect(lineKey('a', key({ ctrl: true }))).toEqual({ type: 'home' });
    expect(lineKey('', key({ end: true }))).toEqual({ type: 'end' });
    expect(lineKey('w', key({ ctrl: true }))).toEqual({ type: 'kill-word' });
    expect(lineKey('', key({ delete: true }))).toEqual({ type: 'backspace' });
    expect(lineKey('', key({ backspace: true }))).toEqual(editKey('', key({ backspace: true })));
  });
  it('Ctrl+D deletes under the cursor', () => {
    expect(lineKey('d', key({ ctrl: true }))).toEqual({ type: 'delete' });
  });
  it('typed and pasted text is inserted as it came (the reducer cleans it)', () => {
    expect(lineKey('x', noKey)).toEqual({ type: 'insert', text: 'x' });
    expect(lineKey('好', noKey)).toEqual({ type: 'insert', text: '好' });
    expect(lineKey('1\r2', noKey)).toEqual({ type: 'insert', text: '1\r2' });
  });
  it('other Ctrl/Meta keys, Esc, Tab and ↑/↓ are left to the screen', () => {
    for (const k of [key({ ctrl: true }), key({ meta: true }), key({ escape: true }), key({ tab: true }), key({ upArrow: true }), key({ downArrow: true })]) {
      expect(lineKey('l', k)).toBeNull();
    }
    expect(lineKey('', noKey)).toBeNull();
  });
});
