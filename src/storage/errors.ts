/**
 * What can go wrong with saved state, as typed errors that carry a plain
 * message in both languages (never "internal error"): a full or read-only
 * disk, a file nnlearn may not touch, a state path that is not a regular file,
 * another nnlearn holding the lock too long, a damaged file that cannot be
 * moved aside.
 */
import { msg, type Msg } from '../i18n/index.js';
import type { PathKind } from './fs-seam.js';

export type SaveFailure = 'disk-full' | 'read-only' | 'permission' | 'io' | 'not-a-file' | 'busy' | 'other';

const KIND_NAME: Record<Exclude<PathKind, 'file' | 'missing'>, Msg> = {
  symlink: msg('a symbolic link', '符号链接'),
  fifo: msg('a named pipe (FIFO)', '命名管道（FIFO）'),
  directory: msg('a folder', '文件夹'),
  device: msg('a device', '设备文件'),
  socket: msg('a socket', '套接字'),
};

/** Why `path` is not used: it is not a regular file (a planted link could point anywhere; a FIFO would hang). */
export function notAFileMsg(path: string, kind: PathKind): Msg {
  const k = KIND_NAME[kind as keyof typeof KIND_NAME] ?? msg('not a regular file', '不是普通文件');
  // Only a link points somewhere; for a FIFO, folder or device, moving it away is the whole advice.
  const link = kind === 'symlink';
  return msg(
    `${path} is ${k.en}, not a regular file, so nnlearn neither reads nor writes it. Move it away${link ? ' (or replace it with the file it points to)' : ''}, then run nnlearn again.`,
    `${path} 是${k.zh}，不是普通文件，所以 nnlearn 既不读取也不写入它。请把它移走${link ? '（或换成它所指向的那个文件）' : ''}，然后重新运行 nnlearn。`,
  );
}

/** A save that did not happen; what is on disk is as it was before (the writer never renames a partial file). */
export class SaveError extends Error {
  override readonly name = 'SaveError';
  constructor(
    readonly kind: SaveFailure,
    readonly path: string,
    /** The system error code (ENOSPC, EROFS …) or 'short-write'. */
    readonly code: string,
    readonly detail: Msg,
  ) {
    super(detail.en);
  }
}

export function saveErrorFrom(e: unknown, path: string): SaveError {
  if (e instanceof SaveError) return e;
  const code = (e as NodeJS.ErrnoException)?.code ?? 'unknown';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return new SaveError('disk-full', path, code, msg(`The disk is full (${code} writing ${path}).`, `磁盘已满（写入 ${path} 时 ${code}）。`));
    case 'EROFS':
      return new SaveError('read-only', path, code, msg(`The disk is read-only (${code} writing ${path}).`, `磁盘是只读的（写入 ${path} 时 ${code}）。`));
    case 'EACCES':
    case 'EPERM':
      return new SaveError('permission', path, code, msg(`nnlearn is not allowed to write ${path} (${code}).`, `nnlearn 没有写入 ${path} 的权限（${code}）。`));
    case 'EIO':
      return new SaveError('io', path, code, msg(`The disk reported an error (${code} writing ${path}).`, `磁盘报告了错误（写入 ${path} 时 ${code}）。`));
    default:
      return new SaveError('other', path, code, msg(`Writing ${path} failed (${code}: ${(e as Error)?.message ?? String(e)}).`, `写入 ${path} 失败（${code}：${(e as Error)?.message ?? String(e)}）。`));
  }
}

/** A short write without an error code is what a nearly full disk does. */
export function shortWriteError(path: string, wrote: number, wanted: number): SaveError {
  return new SaveError('disk-full', path, 'short-write', msg(`The disk is full (only ${wrote} of ${wanted} bytes of ${path} could be written).`, `磁盘已满（${path} 的 ${wanted} 字节只写入了 ${wrote} 字节）。`));
}

/** A damaged state file that could not be moved aside, or a state path that is not a regular file: nnlearn stops rather than touch it. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
  constructor(
    readonly path: string,
    readonly detail: Msg,
  ) {
    super(detail.en);
  }
}

export function cannotMoveAsideMsg(path: string, reason: string, moveError: string): Msg {
  return msg(
    `${path} cannot be read (${reason}) and cannot be moved aside (${moveError}); it was left untouched. Move or fix it, then run nnlearn again.`,
    `无法读取 ${path}（${reason}），也无法把它移到一旁（${moveError}）；它保持原样。请移走或修复它，然后重新运行 nnlearn。`,
  );
}
