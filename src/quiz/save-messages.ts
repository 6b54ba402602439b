/**
 * What the quiz tells the student about saving: an answer that could not be
 * saved (and that the earlier ones are safe), and a record that was repaired
 * on load. Shared by the plain runner, --json and the Ink screen.
 */
import { joinMsg, msg, type Msg } from '../i18n/index.js';
import type { Recovery } from '../storage/json-store.js';
import { SaveError, StateFileError } from '../storage/errors.js';

export function isStorageError(e: unknown): e is SaveError | StateFileError {
  return e instanceof SaveError || e instanceof StateFileError;
}

const CAUSE: Record<SaveError['kind'], Msg> = {
  'disk-full': msg('The disk is full', '磁盘已满'),
  'read-only': msg('The disk is read-only', '磁盘是只读的'),
  permission: msg('nnlearn may not write its data folder', 'nnlearn 没有写入数据文件夹的权限'),
  io: msg('The disk reported an error', '磁盘报告了错误'),
  'not-a-file': msg('The quiz file is not a regular file', '测验记录不是普通文件'),
  busy: msg('Another nnlearn is holding the quiz file', '另一个 nnlearn 占用着测验记录'),
  other: msg('Saving failed', '保存失败'),
};

/** "The disk is full: this answer was not saved; your earlier 149 answers are safe." plus the detail. */
export function unsavedMsg(e: SaveError | StateFileError, earlier: number, what: Msg = msg('this answer', '这个答案')): Msg {
  const cause = e instanceof SaveError ? CAUSE[e.kind] : msg('The quiz file cannot be used', '测验记录无法使用');
  const head = msg(
    `${cause.en}: ${what.en} was not saved; your earlier ${earlier} answer${earlier === 1 ? ' is' : 's are'} safe. You can keep going.`,
    `${cause.zh}：${what.zh}没有保存；你之前的 ${earlier} 个答案都安全。可以继续答题。`,
  );
  return joinMsg([head, e.detail]);
}

/** For --json: what failed, machine-readable. */
export function saveFailureJson(e: SaveError | StateFileError): { kind: string; code: string; path: string } {
  return e instanceof SaveError ? { kind: e.kind, code: e.code, path: e.path } : { kind: 'not-a-file', code: 'state-file', path: e.path };
}

export function quizRecoveryMsg(r: Recovery): Msg {
  if (r.partial?.length) {
    const kept = r.movedTo ? msg(` The file as it was is kept as ${r.movedTo}.`, `原文件已保留为 ${r.movedTo}。`) : msg('', '');
    return joinMsg([...r.partial, kept], '');
  }
  if (r.restoredMissing) {
    return msg('Your quiz file was missing; it was restored from the last good backup (quiz.json.bak).', '你的测验记录文件不见了；已从最近一次完好的备份（quiz.json.bak）恢复。');
  }
  return msg(
    `Your quiz file could not be read (${r.reason}). It was kept as ${r.movedTo}; ${r.usedBackup ? 'the last good backup is used' : 'starting from an empty record'}.`,
    `无法读取你的测验记录（${r.reason}）。原文件已保留为 ${r.movedTo}；${r.usedBackup ? '现使用最近一次完好的备份' : '将从空记录开始'}。`,
  );
}
