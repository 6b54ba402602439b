import { render } from 'ink';
import type { Lang } from '../../i18n/index.js';
import { historyPath, loadHistory } from '../../repl/history.js';
import { createSession } from '../../repl/session.js';
import { makeTheme } from '../style.js';
import { ReplApp } from './ReplApp.js';

export async function startInteractiveRepl(opts: { lang: Lang }): Promise<void> {
  const session = createSession({ lang: opts.lang, width: process.stdout.columns || 80 });
  const file = historyPath();
  const app = render(<ReplApp session={session} lang={opts.lang} theme={makeTheme()} history={loadHistory(file)} historyFile={file} />, {
    exitOnCtrlC: false,
  });
  await app.waitUntilExit();
  session.close();
  // Ink's render throttle can keep a finished process alive for a moment: leave now.
  process.exit(0);
}
