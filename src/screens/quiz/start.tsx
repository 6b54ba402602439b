import { renderScreen } from '../suspend.js';
import type { Lang } from '../../i18n/index.js';
import type { QuizSession } from '../../quiz/session.js';
import { makeTheme } from '../../view/style.js';
import { QuizApp } from './QuizApp.js';

export async function startQuizUi(o: { session: QuizSession; lang: Lang; minutes?: number }): Promise<number> {
  const app = renderScreen(<QuizApp session={o.session} lang={o.lang} theme={makeTheme()} minutes={o.minutes} onDone={() => undefined} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
  // Leave the shell prompt on a line of its own.
  process.stdout.write('\n');
  // Ink's render throttle can keep a finished process alive for a moment: leave now.
  process.exit(0);
}
