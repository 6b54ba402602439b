/** The lesson screen for notes read from a file (not in the catalog, so no saved progress). Loaded only when interactive. */
import { useApp } from 'ink';
import { runScreen } from '../run-screen.js';
import type { Lang } from '../../i18n/index.js';
import { LessonScreen } from './LessonScreen.js';
import type { Theme } from '../../view/style.js';
import type { Lesson } from '../../lessons/types.js';

function App({ lesson, lang, theme }: { lesson: Lesson; lang: Lang; theme: Theme }) {
  const { exit } = useApp();
  return <LessonScreen lesson={lesson} lang={lang} theme={theme} onExit={() => exit()} />;
}

export async function startNotesUi(o: { lesson: Lesson; lang: Lang; theme: Theme }): Promise<number> {
  return runScreen(<App lesson={o.lesson} lang={o.lang} theme={o.theme} />, { newlineAfter: false });
}
