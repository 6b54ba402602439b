/**
 * The REPL without a terminal: `echo 'conv 32x32x3 F=5' | nnlearn repl`.
 * Reads stdin line by line, prints each result (text or JSON), exits at the
 * end of input. Never touches raw mode.
 */
import { createInterface } from 'node:readline';
import type { Lang } from '../i18n/index.js';
import { makeTheme } from '../ui/style.js';
import { formatResult } from './output.js';
import { createSession } from './session.js';

export async function runLineMode(opts: { lang: Lang; json: boolean; input?: NodeJS.ReadableStream; output?: NodeJS.WritableStream }): Promise<number> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const session = createSession({ lang: opts.lang, width: (output as NodeJS.WriteStream).columns || 80 });
  const theme = makeTheme();
  const rl = createInterface({ input, crlfDelay: Infinity, terminal: false });
  let failed = false;
  let first = true;
  try {
    for await (const line of rl) {
      const r = await session.exec(line);
      if (r.action === 'exit') break;
      // Blank lines and # comments are not commands: nothing to print, not even in JSON.
      if (r.json.command === 'none' || (r.blocks.length === 0 && r.ok && !opts.json)) continue;
      if (!r.ok) failed = true;
      const text = formatResult(r, { lang: opts.lang, json: opts.json, width: (output as NodeJS.WriteStream).columns || 80, theme, echo: opts.json ? undefined : line });
      output.write((first || opts.json ? '' : '\n') + text + '\n');
      first = false;
    }
  } finally {
    rl.close();
    session.close();
  }
  return failed ? 1 : 0;
}
