/**
 * Reads a notes file, refusing what is not markdown text: a missing file, a
 * folder, a device, an empty or binary file, or one over 2 MB. Every
 * refusal is a bilingual message, never an exception.
 */
import { open, stat } from 'node:fs/promises';
import { msg, type Msg } from '../../i18n/index.js';

export const MAX_NOTES_BYTES = 2 * 1024 * 1024;

export type LoadResult = { ok: true; text: string } | { ok: false; error: Msg };

function fail(error: Msg): LoadResult {
  return { ok: false, error };
}

function mb(n: number): string {
  return (n / (1024 * 1024)).toFixed(1);
}

// Control characters other than tab, newline, carriage return and form feed.
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f]/g;

/** Text from the file's bytes: UTF-8 (with or without a BOM) or UTF-16 with a BOM; null when it is not text. */
export function decodeNotes(bytes: Uint8Array): string | null {
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else {
      if (bytes.subarray(0, 8192).includes(0)) return null;
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
  } catch {
    return null;
  }
  const controls = text.match(CONTROL)?.length ?? 0;
  if (controls > Math.max(8, text.length / 100)) return null;
  // Stray control characters (an escape sequence pasted in) would reach the terminal: drop them.
  return text.replace(CONTROL, '');
}

export async function loadNotes(file: string): Promise<LoadResult> {
  const shown = file;
  let info;
  try {
    info = await stat(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail(msg(`There is no file "${shown}". Check the path (nnlearn lesson --from path/to/notes.md).`, `找不到文件“${shown}”。请检查路径（nnlearn lesson --from 路径/笔记.md）。`));
    }
    if (code === 'EACCES' || code === 'EPERM') return fail(msg(`"${shown}" cannot be read: permission denied.`, `无法读取“${shown}”：没有权限。`));
    return fail(msg(`"${shown}" cannot be read (${code ?? 'unknown error'}).`, `无法读取“${shown}”（${code ?? '未知错误'}）。`));
  }
  if (info.isDirectory()) {
    return fail(msg(`"${shown}" is a folder. Give one markdown file, e.g. nnlearn lesson --from ${shown.replace(/\/+$/, '')}/notes.md`, `“${shown}”是一个文件夹。请给出一个 markdown 文件，例如 nnlearn lesson --from ${shown.replace(/\/+$/, '')}/notes.md`));
  }
  if (!info.isFile()) return fail(msg(`"${shown}" is not a regular file; give a markdown file.`, `“${shown}”不是普通文件；请给出一个 markdown 文件。`));
  if (info.size > MAX_NOTES_BYTES) {
    return fail(
      msg(
        `"${shown}" is ${mb(info.size)} MB; nnlearn reads notes of up to 2 MB. Split it into smaller files (one per topic).`,
        `“${shown}”有 ${mb(info.size)} MB，nnlearn 最多读取 2 MB 的笔记。请把它拆成几个较小的文件（每个主题一个）。`,
      ),
    );
  }
  if (info.size === 0) return fail(msg(`"${shown}" is empty: there is nothing to learn from yet.`, `“${shown}”是空文件：还没有可以学习的内容。`));
  let bytes: Uint8Array;
  try {
    // Read at most one byte over the limit, in case the file grew since stat.
    const fh = await open(file, 'r');
    try {
      const buf = Buffer.alloc(Math.min(info.size, MAX_NOTES_BYTES) + 1);
      const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
      bytes = buf.subarray(0, bytesRead);
    } finally {
      await fh.close();
    }
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EACCES' || code === 'EPERM') return fail(msg(`"${shown}" cannot be read: permission denied.`, `无法读取“${shown}”：没有权限。`));
    return fail(msg(`"${shown}" cannot be read (${code ?? 'unknown error'}).`, `无法读取“${shown}”（${code ?? '未知错误'}）。`));
  }
  if (bytes.length > MAX_NOTES_BYTES) {
    return fail(msg(`"${shown}" is over 2 MB; nnlearn reads notes of up to 2 MB. Split it into smaller files.`, `“${shown}”超过 2 MB，nnlearn 最多读取 2 MB 的笔记。请把它拆成几个较小的文件。`));
  }
  const text = decodeNotes(bytes);
  if (text === null) {
    return fail(msg(`"${shown}" is not a text file (it looks binary). Give markdown notes saved as UTF-8 text.`, `“${shown}”不是文本文件（看起来是二进制文件）。请给出以 UTF-8 文本保存的 markdown 笔记。`));
  }
  if (text.trim() === '') return fail(msg(`"${shown}" has only blank lines: there is nothing to learn from yet.`, `“${shown}”只有空行：还没有可以学习的内容。`));
  const odd = complexityProblem(text, shown);
  if (odd) return fail(odd);
  return { ok: true, text };
}

/** Lists or quotes nested deeper than this on one line are refused. */
export const MAX_LINE_NESTING = 32;
/** Longer runs of * or _ are refused. */
export const MAX_MARKER_RUN = 1000;

/**
 * Shapes that make the markdown parser take minutes (its time grows with
 * the square or cube of them), and that notes never contain: a line that
 * opens dozens of nested lists or quotes ("- - - - …", "> > > …"), or
 * a run of thousands of * or _.
 */
export function complexityProblem(text: string, shown: string): Msg | null {
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    let depth = 0;
    let i = 0;
    while (i < line.length && depth <= MAX_LINE_NESTING) {
      while (line[i] === ' ' || line[i] === '\t') i++;
      const c = line[i];
      if (c === '>') {
        i++;
      } else if ((c === '-' || c === '+' || c === '*') && (line[i + 1] === ' ' || line[i + 1] === '\t')) {
        i += 2;
      } else {
        let j = i;
        while (j < line.length && j - i < 9 && line[j] >= '0' && line[j] <= '9') j++;
        if (j > i && (line[j] === '.' || line[j] === ')') && (line[j + 1] === ' ' || line[j + 1] === '\t')) i = j + 2;
        else break;
      }
      depth++;
    }
    if (depth > MAX_LINE_NESTING) {
      return msg(
        `"${shown}", line ${lineNo}: lists or quotes nested more than ${MAX_LINE_NESTING} levels deep on one line; nnlearn cannot show that. Flatten that line.`,
        `“${shown}”第 ${lineNo} 行：一行里的列表或引用嵌套超过 ${MAX_LINE_NESTING} 层，nnlearn 无法显示。请把这一行改浅一些。`,
      );
    }
    let run = 0;
    let prev = '';
    for (const c of line) {
      run = (c === '*' || c === '_') && c === prev ? run + 1 : c === '*' || c === '_' ? 1 : 0;
      prev = c;
      if (run > MAX_MARKER_RUN) {
        return msg(
          `"${shown}", line ${lineNo}: a run of more than ${MAX_MARKER_RUN} "${c}" characters; nnlearn cannot read that as markdown. Shorten it.`,
          `“${shown}”第 ${lineNo} 行：连续超过 ${MAX_MARKER_RUN} 个“${c}”字符，nnlearn 无法把它当作 markdown 读取。请缩短它。`,
        );
      }
    }
  }
  return null;
}
