/**
 * REPL history across sessions: one line per entry in the data directory.
 * Appends are single writes (so two REPLs open at once interleave lines
 * rather than clobbering each other); reads tolerate a damaged file.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { dataFile } from '../storage/paths.js';

export const HISTORY_LIMIT = 1000;

export function historyPath(env: NodeJS.ProcessEnv = process.env): string {
  return dataFile('repl-history.txt', env);
}

export function loadHistory(path = historyPath()): string[] {
  try {
    return readFileSync(path, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '' && l.length <= 2000)
      .slice(-HISTORY_LIMIT);
  } catch {
    return [];
  }
}

export function appendHistory(line: string, path = historyPath()): void {
  const clean = line.replace(/[\r\n]+/g, ' ').trim();
  if (!clean || clean.length > 2000) return;
  try {
    mkdirSync(dirname(path), { recursive: true });
    appendFileSync(path, clean + '\n');
  } catch {
    // History is a convenience: a read-only disk must not stop the REPL.
  }
}
