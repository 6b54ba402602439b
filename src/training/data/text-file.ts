/**
 * A student's own corpus (`--text FILE`): a UTF-8 text file. Everything that is
 * not one — a missing file, a folder, an empty, binary or too large file —
 * gets a message naming the file and saying what works, never an exception.
 */
import { readFileSync, statSync } from 'node:fs';
import { msg } from '../../i18n/index.js';
import { fail, ok, type DataResult } from './types.js';

/**
 * A character model reads its corpus many times over; 4 MB is already more text
 * than the small models here learn from in an hour of training, and keeps the
 * encoded corpus (4 bytes a character) small.
 */
export const MAX_TEXT_BYTES = 4 * 1024 * 1024;
/** Fewer characters than this leave no room for training windows and a test part. */
export const MIN_TEXT_CHARS = 500;

const WHAT_WORKS = msg(
  'Give a plain UTF-8 text file (.txt), e.g. --text book.txt.',
  '请给出一个 UTF-8 编码的纯文本文件（.txt），例如 --text book.txt。',
);

function refuse(en: string, zh: string): DataResult<string> {
  return fail(msg(`${en} ${WHAT_WORKS.en}`, `${zh}${WHAT_WORKS.zh}`));
}

// Control characters other than tab and newline (a carriage return is turned into a newline first).
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/** The text of a file's bytes, or why they are not UTF-8 text (`file` names it in the message). */
export function decodeText(bytes: Uint8Array, file: string): DataResult<string> {
  if (bytes.length === 0) return refuse(`"${file}" is empty.`, `“${file}”是空文件。`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return refuse(
      `"${file}" is not text: it has a zero byte at byte ${nul + 1} (a binary file such as a picture, a program or a PDF).`,
      `“${file}”不是文本：第 ${nul + 1} 个字节是零字节（这是二进制文件，比如图片、程序或 PDF）。`,
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes); // drops a leading BOM
  } catch {
    return refuse(
      `"${file}" is not UTF-8 text (its bytes are binary, or text saved in another encoding such as GBK or Latin-1; save it again as UTF-8).`,
      `“${file}”不是 UTF-8 文本（可能是二进制文件，或者用 GBK、Latin-1 等其他编码保存的文本；请另存为 UTF-8）。`,
    );
  }
  const plain = text.replace(/\r\n?/g, '\n').replace(CONTROL, '');
  const chars = [...plain].length;
  if (plain.trim().length === 0) return refuse(`"${file}" has no text, only blank space.`, `“${file}”里没有文字，只有空白。`);
  if (chars < MIN_TEXT_CHARS) {
    return refuse(
      `"${file}" is too short to learn from: ${chars} characters; a character model needs at least ${MIN_TEXT_CHARS}.`,
      `“${file}”太短，学不到东西：只有 ${chars} 个字符；字符模型至少需要 ${MIN_TEXT_CHARS} 个。`,
    );
  }
  return ok(plain);
}

/** Reads `file` as a corpus: its text, or a message for the student. */
export function readTextFile(file: string): DataResult<string> {
  let info;
  try {
    info = statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return refuse(`There is no file "${file}"; check the path.`, `找不到文件“${file}”；请检查路径。`);
    if (code === 'EACCES' || code === 'EPERM') return refuse(`"${file}" cannot be read: permission denied.`, `无法读取“${file}”：没有权限。`);
    return refuse(`"${file}" cannot be read (${code ?? 'unknown error'}).`, `无法读取“${file}”（${code ?? '未知错误'}）。`);
  }
  if (info.isDirectory()) return refuse(`"${file}" is a folder, not a file.`, `“${file}”是一个文件夹，不是文件。`);
  if (!info.isFile()) return refuse(`"${file}" is not a regular file.`, `“${file}”不是普通文件。`);
  if (info.size > MAX_TEXT_BYTES) {
    const mb = (n: number): string => (n / (1024 * 1024)).toFixed(1);
    return refuse(
      `"${file}" is too big: ${mb(info.size)} MB; at most ${mb(MAX_TEXT_BYTES)} MB (a small character model learns no more from a larger file, and it would fill the memory). Use a part of it.`,
      `“${file}”太大：${mb(info.size)} MB；最多 ${mb(MAX_TEXT_BYTES)} MB（小的字符模型从更大的文件里也学不到更多，而且会占满内存）。请只用其中一部分。`,
    );
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return refuse(`"${file}" cannot be read (${code ?? 'unknown error'}).`, `无法读取“${file}”（${code ?? '未知错误'}）。`);
  }
  return decodeText(bytes, file);
}

