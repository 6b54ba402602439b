/**
 * Prints an lstm/* or transformer/* lesson as a student reads it with --plain:
 *   npx tsx scripts/dev/print-lstm-transformer.mts lstm/gates [en|zh] [width] [seed]
 */
import { lessons as lstm } from '../../src/lessons/lstm/index.js';
import { lessons as transformer } from '../../src/lessons/transformer/index.js';
import { lessonBlocks } from '../../src/lessons/render.js';
import { renderBlocks } from '../../src/ui/render-text.js';
import { makeTheme } from '../../src/ui/style.js';

const all = [...lstm, ...transformer];
const [id = 'lstm/cell-state', lang = 'en', w = '80', seed = '1'] = process.argv.slice(2);
const lesson = all.find((l) => l.id === id);
if (!lesson) throw new Error(`no lesson ${id}; have ${all.map((l) => l.id).join(', ')}`);
const width = Number(w);
const theme = makeTheme(process.env.NNLEARN_DEV_COLOR ? 3 : 0);
const blocks = await lessonBlocks(lesson, { lang: lang as 'en' | 'zh', width, theme, seed: Number(seed) });
console.log(renderBlocks(blocks, { lang: lang as 'en' | 'zh', width, theme }).join('\n'));
