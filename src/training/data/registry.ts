/**
 * Every data set a training run can use, by id: the generated 2D sets, the
 * student's own points (`--data file.csv`, read by csv-file.ts), and the
 * generated sequence tasks. One line per set; a new loader adds its line here.
 */
import { editDistance } from '../../engine/edit-distance.js';
import { msg, type Msg } from '../../i18n/index.js';
import { adding } from './adding.js';
import { circles } from './circles.js';
import { gaussian } from './gaussian.js';
import { memory } from './memory.js';
import type { Generator2D } from './points-2d.js';
import { reverse } from './reverse.js';
import type { SequenceTask } from './sequences.js';
import { spiral } from './spiral.js';
import { xor } from './xor.js';

export type DataEntry =
  | { readonly kind: 'points'; readonly id: string; readonly title: Msg; readonly description: Msg; readonly generator: Generator2D }
  | { readonly kind: 'points-file'; readonly id: string; readonly title: Msg; readonly description: Msg }
  | { readonly kind: 'images'; readonly id: string; readonly title: Msg; readonly description: Msg }
  | { readonly kind: 'sequence'; readonly id: string; readonly title: Msg; readonly description: Msg; readonly task: SequenceTask };

const points = (generator: Generator2D): DataEntry => ({ kind: 'points', id: generator.id, title: generator.title, description: generator.description, generator });
const sequence = (task: SequenceTask): DataEntry => ({ kind: 'sequence', id: task.id, title: task.title, description: task.description, task });

export const DATASETS: readonly DataEntry[] = [
  points(spiral),
  points(circles),
  points(xor),
  points(gaussian),
  {
    kind: 'points-file',
    id: 'csv',
    title: msg('Your own points', '你自己的点'),
    description: msg('Points from your CSV file: one "x,y,label" per row (--data file.csv).', '来自你的 CSV 文件的点：每行一个“x,y,label”（--data file.csv）。'),
  },
  // Read by digits.ts (loadDigits) from the packed file that ships with nnlearn.
  {
    kind: 'images',
    id: 'digits',
    title: msg('Handwritten digits (MNIST subset)', '手写数字（MNIST 子集）'),
    description: msg('10,000 training and 2,000 test images of handwritten digits, 28×28 grey levels, from MNIST (CC BY-SA 3.0).', '来自 MNIST 的 10,000 张训练图和 2,000 张测试图，手写数字，28×28 灰度（CC BY-SA 3.0）。'),
  },
  sequence(memory),
  sequence(adding),
  sequence(reverse),
];

/** The data set with this id, or a message listing the ids (and the nearest one, for a typo). */
export function findDataset(id: string): { ok: true; entry: DataEntry } | { ok: false; error: Msg } {
  const entry = DATASETS.find((d) => d.id === id);
  if (entry) return { ok: true, entry };
  const ids = DATASETS.map((d) => d.id);
  const near = ids.map((name) => ({ name, d: editDistance(id.toLowerCase(), name, 2) })).filter((c) => c.d <= 2).sort((a, b) => a.d - b.d)[0];
  const shownId = JSON.stringify([...id].slice(0, 30).join('').replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?'));
  return {
    ok: false,
    error: msg(
      `There is no data set ${shownId}.${near ? ` Did you mean ${near.name}?` : ''} Known: ${ids.join(', ')}.`,
      `没有名为 ${shownId} 的数据集。${near ? `你是想用 ${near.name} 吗？` : ''}已有：${ids.join('、')}。`,
    ),
  };
}
