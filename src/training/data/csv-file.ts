/**
 * Reads a student's points file (`--data file.csv`) and hands its text to the
 * pure parser. Every way reading can fail (missing, a folder, unreadable, too
 * big, not UTF-8) becomes a message; nothing is thrown.
 */
import { readFile, stat } from 'node:fs/promises';
import { msg } from '../../i18n/index.js';
import { CSV_LIMITS, csvMessages } from './csv-messages.js';
import { pointsFromCsv, type StudentPoints } from './csv-points.js';
import { shown } from './shown.js';
import { fail, type DataResult } from './types.js';

/** Bytes, with room for multi-byte characters over the character limit. */
const MAX_BYTES = CSV_LIMITS.maxChars * 2;

export async function readPointsFile(path: string, opts: { testSplit?: number; seed?: number } = {}): Promise<DataResult<StudentPoints>> {
  const name = shown(path);
  try {
    const info = await stat(path);
    if (!info.isFile()) return fail(msg(`${name} is not a file.`, `${name} 不是文件。`));
    if (info.size > MAX_BYTES) return fail(csvMessages.tooBig(info.size));
    const bytes = await readFile(path);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      return fail(bytes.includes(0) ? csvMessages.binary() : msg(`${name} is not UTF-8 text; save it as UTF-8 (plain text).`, `${name} 不是 UTF-8 文本；请另存为 UTF-8（纯文本）。`));
    }
    return pointsFromCsv(text, opts);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') return fail(msg(`There is no file ${name}.`, `找不到文件 ${name}。`));
    if (code === 'EACCES' || code === 'EPERM') return fail(msg(`${name} cannot be read (no permission).`, `无法读取 ${name}（没有权限）。`));
    return fail(msg(`${name} could not be read (${code ?? 'error'}).`, `无法读取 ${name}（${code ?? '错误'}）。`));
  }
}
