/** `nnlearn lesson --from FILE.md [--plain]`: the student's own notes as a lesson, heading by heading. */
import { msg, tr, type Lang } from '../../i18n/index.js';
import { renderBlocks } from '../../view/render-text.js';
import type { Theme } from '../../view/style.js';
import { lessonBlocks } from '../../lessons/render.js';
import { notesLesson } from '../../lessons/markdown/lesson.js';
import { loadNotes } from '../../lessons/markdown/load.js';

export interface MarkdownLessonOptions {
  file: string;
  lang: Lang;
  /** Print everything (also when there is no TTY); otherwise the interactive lesson screen. */
  plain: boolean;
  width: number;
  theme: Theme;
}

function complain(text: string): number {
  process.stderr.write(`nnlearn: ${text}\n`);
  return 1;
}

export async function runMarkdownLesson(o: MarkdownLessonOptions): Promise<number> {
  const loaded = await loadNotes(o.file);
  if (!loaded.ok) return complain(tr(o.lang, loaded.error));
  try {
    const { lesson } = notesLesson(loaded.text, { file: o.file });
    if (o.plain) {
      const blocks = await lessonBlocks(lesson, { lang: o.lang, width: o.width, theme: o.theme });
      process.stdout.write(renderBlocks(blocks, { lang: o.lang, width: o.width, theme: o.theme }).join('\n') + '\n');
      return 0;
    }
    const { startNotesUi } = await import('../../screens/lesson/notes.js');
    return await startNotesUi({ lesson, lang: o.lang, theme: o.theme });
  } catch (e) {
    // A bug of ours, or notes too strange to draw: say so plainly, without a stack trace.
    if (e instanceof RangeError) {
      return complain(
        tr(o.lang, msg(`"${o.file}" is nested too deeply (lists or quotes inside each other) for nnlearn to show. Flatten the deepest parts.`, `“${o.file}”嵌套太深（列表或引用层层套叠），nnlearn 无法显示。请把最深的部分改浅一些。`)),
      );
    }
    const why = e instanceof Error ? e.message : String(e);
    return complain(tr(o.lang, msg(`could not turn "${o.file}" into a lesson (${why}). Please report this with the file attached.`, `无法把“${o.file}”变成一课（${why}）。请附上该文件报告这个问题。`)));
  }
}
