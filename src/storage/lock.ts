/**
 * A cross-process lock beside a file (mkdir is atomic on every platform), so
 * two nnlearn processes never interleave a read-modify-write of the same
 * state. A lock older than STALE_MS belongs to a process that died: taken over.
 */
import { mkdir, rm, stat } from 'node:fs/promises';
import { dirname } from 'node:path';

const STALE_MS = 10_000;
const WAIT_MS = 15;
// Longer than STALE_MS: a lock left by a process killed a moment ago is taken over, not reported as busy.
const GIVE_UP_MS = STALE_MS + 5_000;

export async function withLock<T>(file: string, fn: () => Promise<T>): Promise<T> {
  const dir = `${file}.lock`;
  await mkdir(dirname(file), { recursive: true });
  const start = Date.now();
  for (;;) {
    try {
      await mkdir(dir);
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      try {
        const s = await stat(dir);
        if (Date.now() - s.mtimeMs > STALE_MS) {
          await rm(dir, { recursive: true, force: true });
          continue;
        }
      } catch {
        continue; // released between mkdir and stat
      }
      if (Date.now() - start > GIVE_UP_MS) {
        throw new Error(`Another nnlearn is holding ${dir} for too long; if none is running, delete that folder.`);
      }
      await new Promise((r) => setTimeout(r, WAIT_MS + Math.random() * WAIT_MS));
    }
  }
  try {
    return await fn();
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
