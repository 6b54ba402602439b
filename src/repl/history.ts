/**
 * REPL history across sessions: one line per entry in the data directory.
 * Appends are single writes (so two REPLs open at once interleave lines
 * rather than clobbering each other); reads tolerate a damaged file.
 *
 * The file is only ever a regular file: a planted symlink is not followed
 * (O_NOFOLLOW), a FIFO is neither read nor appended to (lstat first, then
 * O_NONBLOCK), and anything else that is not a regular file is left alone.
 * It stays small: only its last TAIL_BYTES are read, and when it grows past
 * twice that it is rewritten (atomically, rarely) to the last HISTORY_LIMIT
 * lines.
 */
import { closeSync, constants, fstatSync, fsyncSync, lstatSync, mkdirSync, openSync, readSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { isAlive } from '../storage/lock.js';
import { dataFile } from '../storage/paths.js';

export const HISTORY_LIMIT = 1000;
/** Lines are at most 2000 characters; 1000 typical lines fit in far less. */
export const TAIL_BYTES = 256 * 1024;
const MAX_LINE = 2000;
const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  return dataFile('repl-history.txt', env);
}

/** true: a regular file; false: something else (link, FIFO, folder …); null: nothing there. */
function isRegular(path: string): boolean | null {
  try {
    return lstatSync(path).isFile();
  } catch {
    return null;
  }
}

const cleanLines = (text: string) => text.split('\n').filter((l) => l.trim() !== '' && l.length <= MAX_LINE);

/** The last `bytes` of the file (from the first whole line), or null when it is not a readable regular file. */
function readTail(path: string, bytes = TAIL_BYTES): { text: string; size: number } | null {
  if (isRegular(path) !== true) return null;
  let fd: number | undefined;
  try {
    fd = openSync(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
    const st = fstatSync(fd);
    if (!st.isFile()) return null;
    const start = Math.max(0, st.size - bytes);
    const buf = Buffer.alloc(Math.min(bytes, st.size));
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, start + got);
      if (n <= 0) break;
      got += n;
    }
    let text = buf.subarray(0, got).toString('utf8');
    // Started mid-line: drop the partial first line.
    if (start > 0) text = text.slice(text.indexOf('\n') + 1);
    return { text, size: st.size };
  } catch {
    return null;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

export function loadHistory(path = historyPath()): string[] {
  const tail = readTail(path);
  if (!tail) return [];
  if (tail.size > 2 * TAIL_BYTES) trimHistory(path);
  return cleanLines(tail.text).slice(-HISTORY_LIMIT);
}

/** Rewrites the history to its last HISTORY_LIMIT lines (temp file + rename, never through a link). */
export function trimHistory(path = historyPath()): void {
  const tail = readTail(path);
  if (!tail) return;
  const keep = cleanLines(tail.text).slice(-HISTORY_LIMIT);
  const data = Buffer.from(keep.map((l) => l + '\n').join(''), 'utf8');
  const tmp = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  let fd: number | undefined;
  try {
    cleanDeadTemps(path);
    fd = openSync(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o666);
    let off = 0;
    while (off < data.length) {
      const n = writeSync(fd, data, off, data.length - off);
      if (n <= 0) throw new Error('short write');
      off += n;
    }
    if (fstatSync(fd).size !== data.length) throw new Error('short write');
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    // Checked again just before: a link planted meanwhile is replaced by rename, never written through.
    if (isRegular(path) !== true) throw new Error('not a regular file');
    renameSync(tmp, path);
  } catch {
    // A full disk: the old history stays, it is only longer than it needs to be.
    if (fd !== undefined) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // already gone
    }
  }
}

/** Temp files of trims killed midway: their pid (in the name) is no longer running. No clocks compared. */
function cleanDeadTemps(path: string): void {
  const prefix = `${basename(path)}.tmp-`;
  for (const name of readdirSync(dirname(path))) {
    if (!name.startsWith(prefix)) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && (pid === process.pid || isAlive(pid))) continue;
    try {
      unlinkSync(join(dirname(path), name));
    } catch {
      // someone else removed it
    }
  }
}

export function appendHistory(line: string, path = historyPath()): void {
  const clean = line.replace(/[\r\n]+/g, ' ').trim();
  if (!clean || clean.length > MAX_LINE) return;
  let fd: number | undefined;
  let size = 0;
  try {
    mkdirSync(dirname(path), { recursive: true });
    // A link, FIFO or folder in its place is not history: leave it alone.
    if (isRegular(path) === false) return;
    fd = openSync(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | NOFOLLOW | NONBLOCK, 0o666);
    const st = fstatSync(fd);
    if (!st.isFile()) return;
    writeSync(fd, clean + '\n');
    size = st.size;
  } catch {
    // History is a convenience: a read-only disk must not stop the REPL.
    return;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (size > 2 * TAIL_BYTES) trimHistory(path);
}
