import { Text, useApp, useStdout } from 'ink';
import { runScreen } from '../run-screen.js';
import { useState } from 'react';
import { tr, type Lang } from '../../i18n/index.js';
import { findLessonInfo, LESSON_INDEX, loadLesson } from '../../lessons/catalog.js';
import { loadProgressTelling, progressSaveFailedMsg, saveStep, withStep, type Progress } from '../../lessons/progress.js';
import type { Lesson } from '../../lessons/types.js';
import { makeTheme, type Theme } from '../../view/style.js';
import { LessonScreen } from './LessonScreen.js';
import { Menu } from './Menu.js';
import { nextUnfinished } from './next.js';
import { handTerminalOver } from '../suspend.js';
import type { Block } from '../../view/blocks.js';

/**
 * An experiment step's x: the experiment's live screen with the terminal lent
 * to it (as the REPL lends it to the training screen), then the lesson again.
 */
async function openExperiment(id: string, lang: Lang): Promise<Block[]> {
  // Ink draws at most every 33 ms: let the frame drawn so far reach the terminal before the other screen takes it.
  await new Promise((r) => setTimeout(r, 100));
  return handTerminalOver(async () => {
    const { openExperimentScreen } = await import('../experiment/open.js');
    return openExperimentScreen({ id, lang });
  });
}

let saveFailTold = false;

function App({ lang, theme, initial, first }: { lang: Lang; theme: Theme; initial: Progress; first?: Lesson }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [progress, setProgress] = useState(initial);
  const [lesson, setLesson] = useState<Lesson | undefined>(first);
  const [loading, setLoading] = useState<string | null>(null);
  const open = (id: string) => {
    const info = findLessonInfo(id);
    if (!info) return;
    setLoading(id);
    loadLesson(info)
      .then((l) => {
        setLesson(l);
        setLoading(null);
      })
      .catch(() => setLoading(null));
  };
  if (lesson) {
    const saved = progress.lessons[lesson.id];
    const nextId = nextUnfinished(LESSON_INDEX.map((l) => l.id), progress, lesson.id);
    const nextInfo = nextId === undefined ? undefined : findLessonInfo(nextId);
    return (
      <LessonScreen
        key={lesson.id}
        lesson={lesson}
        lang={lang}
        theme={theme}
        startStep={saved && !saved.completed ? saved.step : 0}
        next={nextInfo && { id: nextInfo.id, title: nextInfo.title }}
        onNext={open}
        openExperiment={(id) => openExperiment(id, lang)}
        onStep={(step) => {
          // At once, not when the save lands: q right after a step must find the menu on this lesson.
          setProgress((p) => withStep(p, lesson.id, step, lesson.steps.length));
          saveStep(lesson.id, step, lesson.steps.length)
            .then(setProgress)
            .catch((e: unknown) => {
              // Said once (console.error prints above the Ink screen); the lesson goes on.
              const m = progressSaveFailedMsg(e);
              if (m && !saveFailTold) {
                saveFailTold = true;
                console.error(tr(lang, m));
              }
            });
        }}
        onExit={() => {
          if (first) exit();
          else setLesson(undefined);
        }}
      />
    );
  }
  if (loading) return <Text>{theme.muted(`${loading} …`)}</Text>;
  return <Menu lang={lang} theme={theme} progress={progress} height={stdout.rows || 24} onOpen={open} onQuit={() => exit()} />;
}

/** The menu, or one lesson already loaded by the caller (so its first frame comes at once). */
export async function startLessonUi(o: { lang: Lang; lesson?: Lesson }): Promise<number> {
  // console.error: once the screen is up, Ink prints it above the screen instead of through it.
  const progress = await loadProgressTelling((m) => console.error(tr(o.lang, m)));
  return runScreen(<App lang={o.lang} theme={makeTheme()} initial={progress} first={o.lesson} />);
}
