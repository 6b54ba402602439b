/**
 * Reads a state file without ever following a link or blocking: the path is
 * lstat'ed first (a symlink, FIFO, device, socket or folder is reported, not
 * opened), then opened with O_NOFOLLOW|O_NONBLOCK (something swapped in between
 * cannot hang the read) and checked again with fstat.
 */
import { constants } from 'node:fs';
import { pathKind, statKind, type PathKind, type StoreFs } from './fs-seam.js';

export type ReadResult = { kind: 'file'; text: string } | { kind: Exclude<PathKind, 'file'> } | { kind: 'error'; code: string };

export async function readRegularFile(fs: StoreFs, path: string): Promise<ReadResult> {
  let fd: number | undefined;
  try {
    const kind = await pathKind(fs, path);
    if (kind !== 'file') return { kind };
    fd = await fs.open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0));
    const st = await fs.fstat(fd);
    const now = statKind(st);
    if (now !== 'file') return { kind: now };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buf = Buffer.allocUnsafe(Math.max(65536, Math.min(st.size + 1 - total, 64 * 1024 * 1024)));
      const n = await fs.read(fd, buf, 0, buf.length, null);
      if (n <= 0) break;
      chunks.push(buf.subarray(0, n));
      total += n;
    }
    return { kind: 'file', text: Buffer.concat(chunks, total).toString('utf8') };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    if (code === 'ENOENT') return { kind: 'missing' };
    // O_NOFOLLOW on a link swapped in after the lstat.
    if (code === 'ELOOP') return { kind: 'symlink' };
    return { kind: 'error', code };
  } finally {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
  }
}
