import { render } from 'ink';
import { useEffect, useState } from 'react';
import type { Lang } from '../../i18n/index.js';
import { historyPath, loadHistory } from '../../repl/history.js';
import type { Session } from '../../repl/session.js';
import type { CommandSpec } from '../../repl/spec.js';
import { makeTheme, type Theme } from '../style.js';
import { ReplApp } from './ReplApp.js';

type Loaded = { session: Session; specs: () => CommandSpec[]; extraWords: (command: string) => readonly string[] };

/** Draws the prompt first, then loads the commands (and warms mathjs) behind it. */
function Root({ lang, theme, history, historyFile, onSession }: { lang: Lang; theme: Theme; history: string[]; historyFile: string; onSession: (s: Session) => void }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  useEffect(() => {
    void Promise.all([import('../../repl/session.js'), import('../../repl/commands/index.js'), import('../../repl/commands/net.js')]).then(([s, c, n]) => {
      const session = s.createSession({ lang, width: process.stdout.columns || 80 });
      onSession(session);
      // Tab after "net " offers the network names.
      setLoaded({ session, specs: c.allSpecs, extraWords: (command) => (command === 'net' ? n.NET_NAMES : []) });
      // Start the math worker now so the first expression does not wait for it.
      setTimeout(() => void session.ctx.math().then((m) => m.evaluate('0')), 50);
    });
  }, []);
  return <ReplApp loaded={loaded} lang={lang} theme={theme} history={history} historyFile={historyFile} extraWords={loaded?.extraWords} />;
}

export async function startInteractiveRepl(opts: { lang: Lang }): Promise<void> {
  const file = historyPath();
  let session: Session | undefined;
  const app = render(<Root lang={opts.lang} theme={makeTheme()} history={loadHistory(file)} historyFile={file} onSession={(s) => (session = s)} />, {
    exitOnCtrlC: false,
  });
  await app.waitUntilExit();
  // Leave the shell prompt on a line of its own.
  process.stdout.write('\n');
  session?.close();
  // Ink's render throttle can keep a finished process alive for a moment: leave now.
  process.exit(0);
}
