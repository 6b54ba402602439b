/**
 * Without a terminal (pipes, CI): the built CLI as a plain child process must
 * read its input line by line, print, and exit 0 — never "Raw mode is not supported".
 */
import { describe, expect, it } from 'vitest';
import { runPiped } from './tmux.js';

describe('piped mode (no TTY)', () => {
  it("echo 'conv 32x32x3 F=5 S=1 P=2' | nnlearn repl", () => {
    const r = runPiped(['repl'], 'conv 32x32x3 F=5 S=1 P=2\n');
    expect(r.stderr).not.toMatch(/raw mode/i);
    expect(r.stdout).not.toMatch(/raw mode/i);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/conv\s+32×32×3 → 32×32×1\b/);
    expect(r.stdout).toMatch(/parameters\s+K·\(F·F·D₁ \+ 1\) = 1·\(5·5·3 \+ 1\) = 1·76 = 76/);
  }, 30000);

  it("printf 'a\\n?\\n' | nnlearn quiz --plain --count 2 --seed 1", () => {
    const r = runPiped(['quiz', '--plain', '--count', '2', '--seed', '1'], 'a\n?\n');
    expect(r.stderr).not.toMatch(/raw mode/i);
    expect(r.stdout).not.toMatch(/raw mode/i);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^2 questions/m);
    expect(r.stdout).toMatch(/^\[1\/2\] /m);
    expect(r.stdout).toMatch(/^Done: /m);
  }, 30000);
});
