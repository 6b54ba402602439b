/**
 * The REPL without a terminal: `echo 'conv 32x32x3 F=5' | nnlearn repl`.
 * Reads stdin line by line, prints each result (text or JSON), exits at the
 * end of input. Never touches raw mode.
 */
import type { Lang } from '../../i18n/index.js';
import { msg } from '../../i18n/index.js';
import { makeTheme } from '../../view/style.js';
import { excerpt, MAX_READ_LINE, readLines } from '../../repl/line-reader.js';
import { formatResult } from '../print-result.js';
import { createSession, lineTooLong } from '../../repl/session.js';
import { trainingService } from './train-service.js';
import { progressPrinter } from '../progress-lines.js';

export async function runLineMode(opts: { lang: Lang; json: boolean; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream }): Promise<number> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const session = createSession({ lang: opts.lang, width: (output as NodeJS.WriteStream).columns || 80 });
  const theme = makeTheme();
  let failed = false;
  let first = true;
  // train: its epoch lines are printed as they come, under the line's echo.
  const printer = progressPrinter({ json: opts.json, theme, write: (s) => void output.write(s + '\n') });
  session.ctx.training = trainingService('headless');
  session.ctx.progress = printer.write;
  try {
    // Not readline: it holds a whole line until its newline, however long (a 100 MB line aborted Node).
    for await (const read of readLines(input as AsyncIterable<Buffer | string>, MAX_READ_LINE)) {
      const line = read.kind === 'line' ? read.text : '';
      // The echo quotes the line, never more than an excerpt of it.
      const echo = opts.json ? undefined : read.kind === 'line' ? excerpt(line, 200) : read.excerpt;
      printer.begin({ blank: !first && !opts.json, echo });
      const r =
        read.kind === 'line'
          ? await session.exec(line)
          : lineTooLong(opts.lang, msg(`Line ${read.number}`, `第 ${read.number} 行`), read.length, MAX_READ_LINE, read.excerpt);
      if (r.action === 'exit') break;
      // Blank lines and # comments are not commands: nothing to print, not even in JSON.
      if (r.command === 'none' || (!opts.json && r.ok && r.blocks().length === 0)) continue;
      if (!r.ok) failed = true;
      const streamed = printer.started();
      const text = formatResult(r, { lang: opts.lang, json: opts.json, width: (output as NodeJS.WriteStream).columns || 80, theme, echo: streamed ? undefined : echo });
      output.write((first || opts.json || streamed ? '' : '\n') + text + '\n');
      first = false;
    }
  } finally {
    session.close();
  }
  return failed ? 1 : 0;
}
