/**
 * Prints one of the lessons cnn/pooling, cnn/normalization, cnn/fc,
 * cnn/architectures, rnn/* as a student reads it with --plain:
 *   npx tsx scripts/dev/print-cnn-rnn-lessons.mts cnn/pooling [en|zh] [width] [seed]
 */
import { lessonBlocks } from '../../src/lessons/render.js';
import type { Lesson } from '../../src/lessons/types.js';
import { renderBlocks } from '../../src/ui/render-text.js';
import { makeTheme } from '../../src/ui/style.js';

const all: Lesson[] = [];
for (const [file, name] of [
  ['cnn/pooling', 'pooling'],
  ['cnn/normalization', 'normalization'],
  ['cnn/fc', 'fc'],
  ['cnn/architectures', 'architectures'],
  ['rnn/index', 'lessons'],
]) {
  try {
    const m = await import(`../../src/lessons/${file}.js`);
    const v = m[name];
    all.push(...(Array.isArray(v) ? v : [v]));
  } catch {
    /* not written yet */
  }
}
const [id = 'cnn/pooling', lang = 'en', w = '80', seed = '1'] = process.argv.slice(2);
const lesson = all.find((l) => l.id === id);
if (!lesson) throw new Error(`no lesson ${id}; have ${all.map((l) => l.id).join(', ')}`);
const width = Number(w);
const theme = makeTheme(process.env.NNLEARN_DEV_COLOR ? 3 : 0);
const blocks = await lessonBlocks(lesson, { lang: lang as 'en' | 'zh', width, theme, seed: Number(seed) });
console.log(renderBlocks(blocks, { lang: lang as 'en' | 'zh', width, theme }).join('\n'));
