/**
 * The models that ship with nnlearn (`nnlearn train digits --pretrained`): made by
 * scripts/pretrain.ts with the project's own training code, in the saved format, in
 * <package root>/data/pretrained/RUN.nnmodel. They are only ever read: a run started from one
 * saves (--save NAME) into the data directory like any other.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { msg, type Msg } from '../i18n/index.js';
import { shown } from './data/shown.js';
import { EXTENSION, loadModelFile, type LoadResult, type ModelMeta } from './saved/index.js';

/** The runs that have a shipped model, in the order the messages list them. */
export const PRETRAINED_RUNS: readonly string[] = ['digits', 'text-lstm'];

/** <package root>/data/pretrained; undefined when no package.json is above `from` (as the digits are found). */
export function pretrainedDir(from: string = import.meta.url): string | undefined {
  let dir = dirname(fileURLToPath(from));
  for (;;) {
    if (existsSync(join(dir, 'package.json'))) return join(dir, 'data', 'pretrained');
    const up = dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function pretrainedFile(runId: string, dir: string): string {
  return join(dir, runId + EXTENSION);
}

export function noPretrainedMsg(runId: string): Msg {
  const list = PRETRAINED_RUNS.join(', ');
  return msg(
    `${shown(runId)} has no model that ships with nnlearn: --pretrained works for ${list}. Train it from the start (leave out --pretrained), or load one you saved with --load NAME.`,
    `${shown(runId)} 没有随 nnlearn 一起提供的模型：--pretrained 适用于 ${PRETRAINED_RUNS.join('、')}。请从头训练（去掉 --pretrained），或用 --load NAME 加载你保存的模型。`,
  );
}

/** The shipped model of a run, read only; `dir` is the package's data/pretrained unless given (tests). */
export async function readPretrained(runId: string, dir: string | undefined = pretrainedDir()): Promise<LoadResult> {
  if (!PRETRAINED_RUNS.includes(runId)) return { ok: false, error: noPretrainedMsg(runId) };
  if (dir === undefined) {
    return {
      ok: false,
      error: msg(
        'nnlearn cannot find its own folder (no package.json above it), so it cannot find the models that ship with it. Reinstall nnlearn, or train without --pretrained.',
        'nnlearn 找不到它自己的目录（上方没有 package.json），因此找不到随它提供的模型。请重新安装 nnlearn，或者不加 --pretrained 训练。',
      ),
    };
  }
  const path = pretrainedFile(runId, dir);
  const r = await loadModelFile(path, { shipped: runId });
  if (r.ok && r.meta.runId !== runId) {
    return {
      ok: false,
      error: msg(
        `The model that ships with nnlearn for ${runId} cannot be loaded: ${path} holds a model of the run ${r.meta.runId}. nnlearn never writes to it. Reinstall nnlearn to get it back (in a copy of its source: npm run pretrain), or train without --pretrained.`,
        `无法加载 nnlearn 自带的 ${runId} 模型：${path} 里是训练 ${r.meta.runId} 的模型。nnlearn 从不写入这个文件。请重新安装 nnlearn 来恢复它（在源代码目录里：npm run pretrain），或者不加 --pretrained 训练。`,
      ),
    };
  }
  return r;
}

/** What is wrong with `--pretrained` on this command line before anything is read (undefined: nothing). */
export function pretrainedProblem(id: string | undefined, load: string | undefined): Msg | undefined {
  if (load !== undefined) {
    return msg(
      `--pretrained and --load both say which model to start from: give one. --pretrained starts from the model that ships with nnlearn, --load ${load} from the one you saved.`,
      `--pretrained 和 --load 都指定了从哪个模型开始：只能给一个。--pretrained 从 nnlearn 自带的模型开始，--load ${load} 从你保存的模型开始。`,
    );
  }
  if (id === undefined) {
    return msg(`Name the run to start from its shipped model: ${PRETRAINED_RUNS.map((r) => `nnlearn train ${r} --pretrained`).join(', ')}.`, `请给出训练 id，从它自带的模型开始：${PRETRAINED_RUNS.map((r) => `nnlearn train ${r} --pretrained`).join('、')}。`);
  }
  return PRETRAINED_RUNS.includes(id) ? undefined : noPretrainedMsg(id);
}

/** The line a plain run prints when it starts from a shipped model: what the model is and how good. */
export function shippedLine(meta: ModelMeta): Msg {
  const acc = meta.lastEpoch?.test_accuracy;
  const loss = meta.lastEpoch?.test_loss;
  const pct = acc !== undefined && Number.isFinite(acc) ? `${(acc * 100).toFixed(1)}%` : '—';
  const l = loss !== undefined && Number.isFinite(loss) ? loss.toFixed(3) : '—';
  return msg(
    `Starting from the model that ships with nnlearn: ${meta.runId}, trained ${meta.epoch} epochs (${meta.step} steps; test accuracy ${pct}, test loss ${l}); counting starts again here.`,
    `从 nnlearn 自带的模型开始：${meta.runId}，已训练 ${meta.epoch} 轮（${meta.step} 步；测试准确率 ${pct}，测试损失 ${l}）；这里重新计数。`,
  );
}
