/**
 * Replaces a file atomically and only with complete data. write-file-atomic
 * writes once without checking how many bytes went out, so on a nearly full
 * disk a truncated file was synced and renamed over good state. Here: the temp
 * file is created beside the target with O_EXCL|O_NOFOLLOW (never through a
 * planted link), every byte is written in a loop, the size is verified with
 * fstat, the file is fsynced, then renamed into place and the directory
 * fsynced. On any failure the temp file is removed and the old file is as it
 * was. The target itself must be a regular file or absent.
 */
import { constants } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { SaveError, notAFileMsg, saveErrorFrom, shortWriteError } from './errors.js';
import { pathKind, type StoreFs } from './fs-seam.js';

/** Temp files are `<name>.tmp-<pid>-<random>`; the cleanup recognises them by this. */
export const TEMP_MARK = '.tmp-';

export interface WriteHooks {
  /** Called after the temp file is complete and synced, before it is renamed over the target. */
  beforeRename?: (tmp: string, target: string) => Promise<void>;
}

export async function writeFileAtomic(fs: StoreFs, path: string, data: Uint8Array, hooks: WriteHooks = {}): Promise<void> {
  const kind = await pathKind(fs, path).catch((e: unknown) => {
    throw saveErrorFrom(e, path);
  });
  if (kind !== 'file' && kind !== 'missing') throw new SaveError('not-a-file', path, kind, notAFileMsg(path, kind));
  const tmp = join(dirname(path), `${basename(path)}${TEMP_MARK}${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  let fd: number | undefined;
  try {
    fd = await fs.open(tmp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | (constants.O_NOFOLLOW ?? 0), 0o666);
    let off = 0;
    while (off < data.length) {
      const n = await fs.write(fd, data, off, data.length - off);
      // Zero bytes and no error: the disk took nothing more (full); looping would spin.
      if (n <= 0) throw shortWriteError(path, off, data.length);
      off += n;
    }
    const st = await fs.fstat(fd);
    if (st.size !== data.length) throw shortWriteError(path, st.size, data.length);
    await fs.fsync(fd);
    await fs.close(fd);
    fd = undefined;
    await hooks.beforeRename?.(tmp, path);
    await fs.rename(tmp, path);
  } catch (e) {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw saveErrorFrom(e, path);
  }
  await syncDir(fs, dirname(path));
}

/** Makes the rename itself durable. Some filesystems cannot fsync a directory: the rename still happened. */
async function syncDir(fs: StoreFs, dir: string): Promise<void> {
  let fd: number | undefined;
  try {
    fd = await fs.open(dir, constants.O_RDONLY | (constants.O_DIRECTORY ?? 0));
    await fs.fsync(fd);
  } catch {
    // EINVAL/EISDIR/EPERM on some platforms and network filesystems.
  } finally {
    if (fd !== undefined) await fs.close(fd).catch(() => undefined);
  }
}
