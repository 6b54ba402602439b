import { createSession } from '../../src/repl/session.js';
import { formatResult } from '../../src/cli/print-result.js';
import { makeTheme } from '../../src/view/style.js';
const lang = (process.env.L ?? 'en') as 'en' | 'zh';
const s = createSession({ lang, width: 80 });
for (const line of process.argv.slice(2)) {
  const r = await s.exec(line);
  console.log(formatResult(r, { lang, json: !!process.env.J, width: 80, theme: makeTheme(0), echo: line }));
  console.log();
}
s.close();
