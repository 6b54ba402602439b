/**
 * handTerminalOver: while another screen draws the terminal (the REPL's train
 * opens the live training screen), the Ink screen's Ctrl+Z/SIGTSTP handling
 * stays out of the way and resizes wait; after it, raw mode (which the other
 * screen turns off on its way out) is back, and a resize that happened
 * meanwhile is heard once.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { enableSuspend, handTerminalOver } from '../../src/screens/suspend.js';

function fakeTerminal(cols = 80, rows = 24) {
  const stdin = Object.assign(new EventEmitter(), {
    isTTY: true,
    isRaw: true,
    setRawMode(on: boolean) {
      stdin.isRaw = on;
      return stdin;
    },
  });
  const written: string[] = [];
  const stdout = Object.assign(new EventEmitter(), { columns: cols, rows, write: (s: string) => (written.push(s), true) });
  return { stdin: stdin as unknown as NodeJS.ReadStream & { isRaw: boolean }, stdout: stdout as unknown as NodeJS.WriteStream & { columns: number }, written };
}

describe('handTerminalOver', () => {
  it('lends the terminal: no resize reaches the Ink screen meanwhile, raw mode is restored after, a resize is heard once', async () => {
    const term = fakeTerminal();
    const heard: number[] = [];
    term.stdout.on('resize', () => heard.push(term.stdout.columns));
    const result = await handTerminalOver(async () => {
      // The other screen turns raw mode off on its way out, and the window is resized meanwhile.
      term.stdout.columns = 60;
      term.stdout.emit('resize');
      term.stdin.setRawMode(false);
      expect(heard).toEqual([]);
      return 'left';
    }, term);
    expect(result).toBe('left');
    expect(term.stdin.isRaw).toBe(true);
    expect(heard).toEqual([60]);
    term.stdout.emit('resize');
    expect(heard).toEqual([60, 60]);
  });

  it('the Ink screen does not suspend itself while the other screen has the terminal (that screen answers Ctrl+Z)', async () => {
    const term = fakeTerminal();
    let stops = 0;
    const release = enableSuspend({ clear: () => undefined }, { stdin: term.stdin, stdout: term.stdout, stop: () => stops++ });
    try {
      await handTerminalOver(async () => {
        process.emit('SIGTSTP' as never);
        expect(stops).toBe(0);
      }, term);
      // Back: Ctrl+Z suspends the Ink screen again.
      process.emit('SIGTSTP' as never);
      expect(stops).toBe(1);
      process.emit('SIGCONT' as never);
    } finally {
      release();
    }
  });

  it('gives the terminal back when the other screen fails', async () => {
    const term = fakeTerminal();
    const heard: string[] = [];
    term.stdout.on('resize', () => heard.push('r'));
    await expect(handTerminalOver(async () => Promise.reject(new Error('no')), term)).rejects.toThrow('no');
    term.stdout.emit('resize');
    expect(heard).toEqual(['r']);
  });
});
