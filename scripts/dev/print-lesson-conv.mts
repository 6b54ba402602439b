/**
 * Prints a dnn/cnn lesson as a student sees it in --plain:
 *   npx tsx scripts/dev/print-lesson-conv.mts <id> [en|zh] [width] [seed]
 * Imports the lesson files directly, so it works before every cnn lesson exists.
 */
import { lessonBlocks } from '../../src/lessons/render.js';
import type { Lesson } from '../../src/lessons/types.js';
import { renderBlocks } from '../../src/ui/render-text.js';
import { makeTheme } from '../../src/ui/style.js';

const FILES: Record<string, [string, string]> = {
  dnn: ['../../src/lessons/dnn/layer.js', 'dnnLayer'],
  'cnn/why-cnn': ['../../src/lessons/cnn/why-cnn.js', 'whyCnn'],
  'cnn/volumes': ['../../src/lessons/cnn/volumes.js', 'volumes'],
  'cnn/layers': ['../../src/lessons/cnn/layers.js', 'layers'],
  'cnn/conv': ['../../src/lessons/cnn/conv.js', 'conv'],
  'cnn/receptive-field': ['../../src/lessons/cnn/receptive-field.js', 'receptiveField'],
  'cnn/stride-padding': ['../../src/lessons/cnn/stride-padding.js', 'stridePadding'],
  'cnn/weight-sharing': ['../../src/lessons/cnn/weight-sharing.js', 'weightSharing'],
};

const [id = 'dnn', lang = 'en', width = '80', seed = '1'] = process.argv.slice(2);
const entry = FILES[id];
if (!entry) throw new Error(`unknown id ${id}; one of ${Object.keys(FILES).join(', ')}`);
const mod = (await import(entry[0])) as Record<string, Lesson>;
const lesson = mod[entry[1]];
const theme = makeTheme(process.env.NN_COLOR ? 3 : 0);
const o = { lang: lang as 'en' | 'zh', width: Number(width), theme, seed: Number(seed) };
console.log(renderBlocks(await lessonBlocks(lesson, o), o).join('\n'));
