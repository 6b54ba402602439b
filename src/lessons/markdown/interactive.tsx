/** The lesson screen for notes read from a file (not in the catalog, so no saved progress). Loaded only when interactive. */
import { useApp } from 'ink';
import { renderScreen } from '../../ui/suspend.js';
import type { Lang } from '../../i18n/index.js';
import { LessonScreen } from '../../ui/lesson/LessonScreen.js';
import type { Theme } from '../../ui/style.js';
import type { Lesson } from '../types.js';

function App({ lesson, lang, theme }: { lesson: Lesson; lang: Lang; theme: Theme }) {
  const { exit } = useApp();
  return <LessonScreen lesson={lesson} lang={lang} theme={theme} onExit={() => exit()} />;
}

export async function startNotesUi(o: { lesson: Lesson; lang: Lang; theme: Theme }): Promise<number> {
  const app = renderScreen(<App lesson={o.lesson} lang={o.lang} theme={o.theme} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
  // As in ui/lesson/start.tsx: Ink's render throttle can keep a finished process alive for a moment.
  process.exit(0);
}
