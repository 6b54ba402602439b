/** What `nnlearn lesson` does, apart from commander: list, print, or open the interactive screen. */
import { msg, tr, type Lang } from '../../i18n/index.js';
import { renderBlocks } from '../../view/render-text.js';
import { makeTheme } from '../../view/style.js';
import { LESSON_INDEX, TOPICS, closeLessonIds, findLessonInfo, loadLesson } from '../../lessons/catalog.js';
import { loadProgressTelling } from '../../lessons/progress.js';
import { lessonBlocks } from '../../lessons/render.js';
import { continueTarget } from '../../screens/lesson/next.js';

export interface LessonCommandOptions {
  id?: string;
  lang: Lang;
  list?: boolean;
  json?: boolean;
  plain?: boolean;
  from?: string;
  tty: boolean;
}

function out(line = ''): void {
  process.stdout.write(line + '\n');
}

export async function runLessonCommand(o: LessonCommandOptions): Promise<number> {
  const width = process.stdout.columns || 80;
  const theme = makeTheme();
  if (o.from) {
    const { runMarkdownLesson } = await import('./lesson-from-file.js');
    return runMarkdownLesson({ file: o.from, lang: o.lang, plain: !!o.plain || !o.tty, width, theme });
  }
  if (o.list) {
    if (o.json) {
      out(JSON.stringify(LESSON_INDEX.map((l) => ({ id: l.id, topic: l.topic, title: l.title[o.lang], title_en: l.title.en, title_zh: l.title.zh, steps: l.steps }))));
    } else {
      for (const l of LESSON_INDEX) out(`${l.id}\t${l.title[o.lang]}`);
    }
    return 0;
  }
  if (o.id === undefined) {
    if (o.tty && !o.plain) {
      const { startLessonUi } = await import('../../screens/lesson/start.js');
      return startLessonUi({ lang: o.lang });
    }
    // A repaired lessons.json is said here too (it used to be moved aside silently in plain mode).
    const progress = await loadProgressTelling((m) => process.stderr.write(tr(o.lang, m) + '\n'));
    for (const t of TOPICS) {
      out(theme.title(tr(o.lang, t.title)));
      for (const l of LESSON_INDEX.filter((x) => x.topic === t.id)) {
        const p = progress.lessons[l.id];
        const mark = p?.completed ? '✓' : p ? '…' : ' ';
        out(`  ${mark} ${l.id.padEnd(28)} ${l.title[o.lang]}`);
      }
    }
    out('\n' + tr(o.lang, msg('✓ finished · … started, not finished', '✓ 已完成 · … 已开始、未完成')));
    // Never "continue" a finished lesson: name the next unfinished one instead.
    const resume = continueTarget(LESSON_INDEX.map((l) => l.id), progress);
    if (resume && resume === progress.last) out(tr(o.lang, msg(`Continue where you left off: nnlearn lesson ${resume}`, `从上次的位置继续：nnlearn lesson ${resume}`)));
    else if (resume) out(tr(o.lang, msg(`Next: nnlearn lesson ${resume}`, `下一课：nnlearn lesson ${resume}`)));
    return 0;
  }
  const info = findLessonInfo(o.id);
  if (!info) {
    const close = closeLessonIds(o.id);
    process.stderr.write(
      tr(
        o.lang,
        msg(
          `There is no lesson "${o.id}".${close.length ? ` Close matches: ${close.join(', ')}.` : ''} See them all with: nnlearn lesson --list`,
          `没有“${o.id}”这一课。${close.length ? `相近的有：${close.join('、')}。` : ''}查看全部：nnlearn lesson --list`,
        ),
      ) + '\n',
    );
    return 1;
  }
  if (o.plain || !o.tty) {
    const lesson = await loadLesson(info);
    // Experiment steps show the experiment's title and claim: the registry is loaded only for a lesson that links one.
    const experiment = lesson.steps.some((s) => s.kind === 'experiment') ? (await import('../../experiments/links.js')).experimentLink : undefined;
    const blocks = await lessonBlocks(lesson, { lang: o.lang, width, theme, experiment });
    out(renderBlocks(blocks, { lang: o.lang, width, theme }).join('\n'));
    return 0;
  }
  // Load the lesson and the screen in parallel: the first frame waits for both.
  const [lesson, { startLessonUi }] = await Promise.all([loadLesson(info), import('../../screens/lesson/start.js')]);
  return startLessonUi({ lang: o.lang, lesson });
}
