/**
 * The 2D-points runs: TensorFlow Playground's four sets (spiral, circles, xor,
 * gaussian) and the student's own points (csv, --data file.csv), each with an MLP
 * (2 → hidden → hidden → classes) unless --net gives another chain.
 *
 * Defaults, measured (2 shared cores, wasm back end, tsx): the default spiral run
 * (2→32→32→2 ReLU, Adam lr 0.01, batch 32, 150 epochs of 250 training points) ends
 * at ≥ 96 % test accuracy for each of seeds 1–10 (100 % for seeds 1–3), in 0.6–1.6 s of
 * training. tanh nets of this size stall near 60 % on the spiral with these settings
 * (the points are close to the origin, where tanh is nearly linear); ReLU does not.
 */
import { readFileSync, statSync } from 'node:fs';
import { msg } from '../../i18n/index.js';
import { circles } from '../data/circles.js';
import { CSV_LIMITS, csvMessages } from '../data/csv-messages.js';
import { pointsFromCsv } from '../data/csv-points.js';
import { gaussian } from '../data/gaussian.js';
import { make2D, type Generator2D } from '../data/points-2d.js';
import { shown } from '../data/shown.js';
import { spiral } from '../data/spiral.js';
import type { DataResult, PointData } from '../data/types.js';
import { xor } from '../data/xor.js';
import type { ActivationName, TrainOptions } from '../task.js';
import { pointsTask } from '../tasks/points.js';
import { buildChain, checkBatchFits } from './net-chain.js';
import type { BuildResult, RunDef } from './run-def.js';

/** The default MLP as a chain: 2 | fc H | act | fc H | act | fc C ("linear" leaves the activations out). */
export function pointsChain(hidden: number, activation: ActivationName, classes: number): string {
  const act = activation === 'linear' ? '' : ` | ${activation}`;
  return `2 | fc ${hidden}${act} | fc ${hidden}${act} | fc ${classes}`;
}

/** The MLP's defaults for every 2D run: Adam at lr 0.01 on batches of 32 learns each set smoothly. */
const MLP_DEFAULTS: TrainOptions = { lr: 0.01, optimizer: 'adam', batch: 32, epochs: 50, seed: 1, testSplit: 0.5, activation: 'relu', hidden: 16 };

const COMMON: (keyof TrainOptions)[] = ['net', 'lr', 'optimizer', 'batch', 'epochs', 'seed', 'testSplit', 'activation', 'hidden'];

function buildPoints(id: string, title: RunDef['title'], data: DataResult<PointData>, o: TrainOptions): BuildResult {
  if (!data.ok) return { ok: false, error: data.error };
  const { classes } = data.value;
  const chain = o.net ?? pointsChain(o.hidden!, o.activation!, classes);
  const built = buildChain(chain, { kind: 'points' }, classes, o.seed!);
  if (!built.ok) return built;
  const tooBig = checkBatchFits(built.net, o.batch!);
  if (tooBig) return { ok: false, error: tooBig };
  const task = pointsTask({ id, title, data: data.value, net: built.net, optimizer: o.optimizer!, lr: o.lr!, batch: o.batch!, epochs: o.epochs!, seed: o.seed! });
  return { ok: true, task };
}

function generated(gen: Generator2D, summary: RunDef['summary'], defaults: TrainOptions): RunDef {
  return {
    id: gen.id,
    topic: 'points',
    title: gen.title,
    summary,
    defaults: { ...MLP_DEFAULTS, noise: 0, points: 500, classes: 2, ...defaults },
    accepts: [...COMMON, 'noise', 'points', 'classes'],
    build: (o) => buildPoints(gen.id, gen.title, make2D(gen, { size: o.points, noise: o.noise, classes: o.classes, testSplit: o.testSplit, seed: o.seed }), o),
  };
}

/** Reads the student's points file (synchronously: building a run is synchronous); every failure is a message. */
export function readPointsCsv(path: string, testSplit: number, seed: number): DataResult<PointData> {
  const name = shown(path);
  let bytes: Buffer;
  try {
    const info = statSync(path);
    if (!info.isFile()) return { ok: false, error: msg(`${name} is not a file.`, `${name} 不是文件。`) };
    if (info.size > CSV_LIMITS.maxChars * 2) return { ok: false, error: csvMessages.tooBig(info.size) };
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { ok: false, error: msg(`There is no file ${name}.`, `找不到文件 ${name}。`) };
    if (code === 'EACCES' || code === 'EPERM') return { ok: false, error: msg(`${name} cannot be read (no permission).`, `无法读取 ${name}（没有权限）。`) };
    return { ok: false, error: msg(`${name} could not be read (${code ?? 'error'}).`, `无法读取 ${name}（${code ?? '错误'}）。`) };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, error: bytes.includes(0) ? csvMessages.binary() : msg(`${name} is not UTF-8 text; save it as UTF-8 (plain text).`, `${name} 不是 UTF-8 文本；请另存为 UTF-8（纯文本）。`) };
  }
  const r = pointsFromCsv(text, { testSplit, seed });
  // The row's message passes through as the parser wrote it ("Row 7: y is "abc", which is not a number."), with the file named.
  return r.ok ? r : { ok: false, error: msg(`${name}: ${r.error.en}`, `${name}：${r.error.zh}`) };
}

const csvRun: RunDef = {
  id: 'csv',
  topic: 'points',
  title: msg('Your own points', '你自己的点'),
  summary: msg('Your points from a CSV file (--data file.csv, one x,y,label per row) with an MLP.', '用 MLP 学习你 CSV 文件里的点（--data file.csv，每行一个 x,y,label）。'),
  defaults: { ...MLP_DEFAULTS },
  accepts: [...COMMON, 'data'],
  build(o) {
    if (o.data === undefined) {
      return { ok: false, error: msg('csv needs your points file: --data file.csv (one x,y,label per row).', 'csv 需要你的点数据文件：--data file.csv（每行一个 x,y,label）。') };
    }
    return buildPoints('csv', this.title, readPointsCsv(o.data, o.testSplit!, o.seed!), o);
  },
};

export const pointsRuns: readonly RunDef[] = [
  generated(spiral, msg('Two spiral arms wound round each other: the boundary must bend round and round.', '两条互相缠绕的螺旋臂：分界线必须一圈圈地弯过去。'), { hidden: 32, epochs: 150 }),
  generated(circles, msg('A disc inside a ring: no straight line separates them, a hidden layer can.', '圆环里的圆盘：没有直线能分开它们，隐藏层可以。'), {}),
  generated(xor, msg('Opposite corners are one class: the classic problem one layer cannot solve.', '对角同类：单层网络解决不了的经典问题。'), {}),
  generated(gaussian, msg('Round clouds of points: nearly separable by straight lines, learnt in moments.', '圆形的点云：几乎能用直线分开，很快就能学会。'), { epochs: 30 }),
  csvRun,
];
