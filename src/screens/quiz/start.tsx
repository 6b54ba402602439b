import { runScreen } from '../run-screen.js';
import type { Lang } from '../../i18n/index.js';
import type { QuizSession } from '../../quiz/session.js';
import { makeTheme } from '../../view/style.js';
import { QuizApp } from './QuizApp.js';

export async function startQuizUi(o: { session: QuizSession; lang: Lang; minutes?: number }): Promise<number> {
  return runScreen(<QuizApp session={o.session} lang={o.lang} theme={makeTheme()} minutes={o.minutes} onDone={() => undefined} />);
}
