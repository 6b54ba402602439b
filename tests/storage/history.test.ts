/**
 * The REPL history: never written through a planted link, never opened if it
 * is a FIFO, read from its tail only, and trimmed when it grows.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, TAIL_BYTES, appendHistory, loadHistory, trimHistory } from '../../src/repl/history.js';
import { newDir } from './helpers.js';

describe('REPL history', () => {
  it('a symlink planted at the history path is not appended through; the outside file is unchanged', () => {
    const dir = newDir('nnlearn-hist-');
    const outside = join(newDir('nnlearn-outside-'), 'bashrc');
    writeFileSync(outside, 'export PATH=/usr/bin\n');
    const path = join(dir, 'repl-history.txt');
    symlinkSync(outside, path);
    appendHistory('relu 1', path);
    expect(readFileSync(outside, 'utf8')).toBe('export PATH=/usr/bin\n');
    expect(loadHistory(path)).toEqual([]); // not read through the link either
  });

  it('a FIFO at the history path: load and append return at once without opening it', () => {
    const dir = newDir('nnlearn-hist-');
    const path = join(dir, 'repl-history.txt');
    execFileSync('mkfifo', [path]);
    expect(loadHistory(path)).toEqual([]);
    appendHistory('relu 1', path);
    expect(statSync(path).isFIFO()).toBe(true);
  });

  it('a folder at the history path is left alone', () => {
    const dir = newDir('nnlearn-hist-');
    const path = join(dir, 'repl-history.txt');
    mkdirSync(path);
    expect(() => appendHistory('relu 1', path)).not.toThrow();
    expect(loadHistory(path)).toEqual([]);
  });

  it('only the tail of a huge history is read, and loading trims it to the last HISTORY_LIMIT lines', () => {
    const dir = newDir('nnlearn-hist-');
    const path = join(dir, 'repl-history.txt');
    const lines = Array.from({ length: 60_000 }, (_, i) => `conv 32x32x3 F=5 S=1 P=2 # ${i}`);
    writeFileSync(path, lines.join('\n') + '\n');
    expect(statSync(path).size).toBeGreaterThan(2 * TAIL_BYTES);
    const h = loadHistory(path);
    expect(h).toHaveLength(HISTORY_LIMIT);
    expect(h[h.length - 1]).toBe(lines[lines.length - 1]);
    // Rewritten to the last lines: small again, same newest entries.
    expect(statSync(path).size).toBeLessThan(TAIL_BYTES);
    expect(readFileSync(path, 'utf8').trimEnd().split('\n')).toEqual(lines.slice(-HISTORY_LIMIT));
    expect(readdirSync(dir)).toEqual(['repl-history.txt']);
  });

  it('appending past twice the tail size trims too; a line cut at the tail start is dropped, not kept half', () => {
    const dir = newDir('nnlearn-hist-');
    const path = join(dir, 'repl-history.txt');
    writeFileSync(path, 'x'.repeat(2 * TAIL_BYTES + 10) + '\n' + 'pool 4x4x1 F=2 S=2\n');
    appendHistory('relu 1', path);
    expect(readFileSync(path, 'utf8')).toBe('pool 4x4x1 F=2 S=2\nrelu 1\n');
  });

  it('temp files of a trim killed midway (its pid gone) are removed; a live one is left', () => {
    const dir = newDir('nnlearn-hist-');
    const path = join(dir, 'repl-history.txt');
    writeFileSync(path, 'relu 1\n');
    const dead = execFileSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    writeFileSync(`${path}.tmp-${dead}-abc`, 'partial');
    writeFileSync(`${path}.tmp-${process.ppid}-def`, 'someone else working');
    trimHistory(path);
    expect(readdirSync(dir).sort()).toEqual(['repl-history.txt', `repl-history.txt.tmp-${process.ppid}-def`]);
  });
});
