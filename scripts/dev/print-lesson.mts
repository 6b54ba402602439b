/**
 * Prints any lesson as a student reads it with --plain, at a chosen language,
 * width and seed (the seed is what `r` changes):
 *   npx tsx scripts/dev/print-lesson.mts cnn/pooling [en|zh] [width] [seed]
 * NNLEARN_DEV_COLOR=1 draws with colour.
 */
import { LESSONS } from '../../src/lessons/all.js';
import { lessonBlocks } from '../../src/lessons/render.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const [id = 'cnn/pooling', lang = 'en', w = '80', seed = '1'] = process.argv.slice(2);
const lesson = LESSONS.find((l) => l.id === id);
if (!lesson) throw new Error(`no lesson ${id}; have ${LESSONS.map((l) => l.id).join(', ')}`);
const width = Number(w);
const theme = makeTheme(process.env.NNLEARN_DEV_COLOR ? 3 : 0);
const blocks = await lessonBlocks(lesson, { lang: lang as 'en' | 'zh', width, theme, seed: Number(seed) });
console.log(renderBlocks(blocks, { lang: lang as 'en' | 'zh', width, theme }).join('\n'));
