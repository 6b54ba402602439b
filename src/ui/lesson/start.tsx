import { render, useApp, useStdout } from 'ink';
import { useState } from 'react';
import type { Lang } from '../../i18n/index.js';
import { findLesson } from '../../lessons/catalog.js';
import { loadProgress, saveStep, type Progress } from '../../lessons/progress.js';
import { makeTheme, type Theme } from '../style.js';
import { LessonScreen } from './LessonScreen.js';
import { Menu } from './Menu.js';

function App({ lang, theme, initial, lessonId }: { lang: Lang; theme: Theme; initial: Progress; lessonId?: string }) {
  const { exit } = useApp();
  const { stdout } = useStdout();
  const [progress, setProgress] = useState(initial);
  const [open, setOpen] = useState<string | undefined>(lessonId);
  const lesson = open ? findLesson(open) : undefined;
  if (lesson) {
    const saved = progress.lessons[lesson.id];
    return (
      <LessonScreen
        key={lesson.id}
        lesson={lesson}
        lang={lang}
        theme={theme}
        startStep={saved && !saved.completed ? saved.step : 0}
        onStep={(step) => {
          saveStep(lesson.id, step, lesson.steps.length)
            .then(setProgress)
            .catch(() => undefined);
        }}
        onExit={() => {
          if (lessonId) exit();
          else setOpen(undefined);
        }}
      />
    );
  }
  return <Menu lang={lang} theme={theme} progress={progress} height={stdout.rows || 24} onOpen={setOpen} onQuit={() => exit()} />;
}

export async function startLessonUi(o: { lang: Lang; lessonId?: string }): Promise<number> {
  const { progress, recovery } = await loadProgress();
  if (recovery) {
    process.stderr.write(`nnlearn: your lesson progress file could not be read (${recovery.reason}); it was moved to ${recovery.movedTo}${recovery.usedBackup ? ' and the last good backup is used' : ''}.\n`);
  }
  const app = render(<App lang={o.lang} theme={makeTheme()} initial={progress} lessonId={o.lessonId} />, { exitOnCtrlC: false });
  await app.waitUntilExit();
  // Ink's render throttle can keep a finished process alive for a moment: leave now.
  process.exit(0);
}
