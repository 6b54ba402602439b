/**
 * What the student is told when a saved model cannot be read, loaded or written: the file,
 * what is wrong with it, and what would work. Every message says the file is left as it is —
 * nnlearn never writes over or deletes a model file it cannot read.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { notAFileMsg } from '../../storage/errors.js';
import type { PathKind } from '../../storage/fs-seam.js';
import { FORMAT_VERSION, type DecodeProblem } from './format.js';

/** Why a file at `path` is not a model nnlearn can use (one clause, no advice). */
export type Unreadable = { kind: 'not-a-file'; pathKind: PathKind } | { kind: 'read-error'; code: string } | DecodeProblem;

function what(path: string, u: Unreadable): Msg {
  switch (u.kind) {
    case 'not-a-file':
      return notAFileMsg(path, u.pathKind);
    case 'read-error':
      return msg(`${path} cannot be read (${u.code}).`, `无法读取 ${path}（${u.code}）。`);
    case 'empty':
      return msg(`${path} is empty: it is not a saved model.`, `${path} 是空文件：不是保存的模型。`);
    case 'not-a-model':
      return msg(`${path} is not an nnlearn model file (it does not start as one).`, `${path} 不是 nnlearn 的模型文件（开头不对）。`);
    case 'newer':
      return msg(
        `${path} was saved by a newer nnlearn (model format ${u.version}; this nnlearn reads format ${FORMAT_VERSION}).`,
        `${path} 是由更新版本的 nnlearn 保存的（模型格式 ${u.version}；这个 nnlearn 读取格式 ${FORMAT_VERSION}）。`,
      );
    case 'damaged':
      return msg(`${path} is damaged: ${u.why.en}.`, `${path} 已损坏：${u.why.zh}。`);
  }
}

/** `--load NAME` found a file it cannot use. */
export function cannotLoadMsg(name: string, path: string, u: Unreadable): Msg {
  const w = what(path, u);
  // notAFileMsg already says what to do (move it away); the others get their advice here.
  if (u.kind === 'not-a-file') return msg(`The saved model "${name}" cannot be loaded: ${w.en}`, `无法加载保存的模型 "${name}"：${w.zh}`);
  const fix =
    u.kind === 'newer'
      ? msg('Update nnlearn to load it, or load another model.', '请更新 nnlearn 再加载它，或加载另一个模型。')
      : msg('nnlearn leaves the file as it is. Move it away or delete it, then train and save the model again — or load another one.', 'nnlearn 不会改动这个文件。请把它移走或删除，然后重新训练并保存模型——或者加载另一个模型。');
  return msg(`The saved model "${name}" cannot be loaded: ${w.en} ${fix.en}`, `无法加载保存的模型 "${name}"：${w.zh}${fix.zh}`);
}

const SHIPPED_FIX = msg(
  'nnlearn never writes to it. Reinstall nnlearn to get it back (in a copy of its source: npm run pretrain), or train without --pretrained.',
  'nnlearn 从不写入这个文件。请重新安装 nnlearn 来恢复它（在源代码目录里：npm run pretrain），或者不加 --pretrained 训练。',
);

/** `--pretrained`: the model shipped with nnlearn for a run is missing or cannot be used (null `u`: there is no file). */
export function cannotLoadShippedMsg(runId: string, path: string, u: Unreadable | null): Msg {
  const w = u === null ? msg(`there is no file ${path}.`, `没有文件 ${path}。`) : what(path, u);
  return msg(
    `The model that ships with nnlearn for ${runId} cannot be loaded: ${w.en} ${SHIPPED_FIX.en}`,
    `无法加载 nnlearn 自带的 ${runId} 模型：${w.zh}${SHIPPED_FIX.zh}`,
  );
}

/** `--save NAME` where a file it cannot read already has that name: refused, the file is kept. */
export function wontOverwriteMsg(name: string, path: string, u: Unreadable): Msg {
  const w = what(path, u);
  return msg(
    `The model was not saved under the name "${name}": ${w.en} nnlearn never writes over a file it cannot read as a model. Save under another name, or move that file away first.`,
    `模型没有以 "${name}" 为名保存：${w.zh}nnlearn 从不覆盖它无法作为模型读取的文件。请换一个名字保存，或先把那个文件移走。`,
  );
}

export function noSuchModelMsg(name: string, path: string, saved: readonly string[]): Msg {
  const list = saved.length > 0;
  return msg(
    `There is no saved model "${name}" (nnlearn looked for ${path}). ${list ? `Saved models: ${saved.join(', ')}.` : 'No model has been saved yet: train one with --save NAME.'}`,
    `没有名为 "${name}" 的保存模型（nnlearn 查找的是 ${path}）。${list ? `已保存的模型：${saved.join('、')}。` : '还没有保存过模型：训练时用 --save NAME 保存一个。'}`,
  );
}

/** loadModelFile on a path where nothing is (a shipped model missing from the package). */
export function noModelAtMsg(path: string): Msg {
  return msg(`There is no saved model at ${path}.`, `${path} 处没有保存的模型。`);
}

const FOLDER_KIND: Partial<Record<PathKind, Msg>> = {
  file: msg('a file', '一个文件'),
  symlink: msg('a symbolic link', '一个符号链接'),
  fifo: msg('a named pipe (FIFO)', '一个命名管道（FIFO）'),
  device: msg('a device', '一个设备文件'),
  socket: msg('a socket', '一个套接字'),
};

/** The models folder's path is taken by something that is not a folder. */
export function notAFolderMsg(dir: string, kind: PathKind): Msg {
  const k = FOLDER_KIND[kind] ?? msg('not a folder', '不是文件夹');
  return msg(
    `${dir} is where nnlearn keeps saved models, but it is ${k.en}, not a folder, so nnlearn neither reads nor writes there. Move it away, then try again.`,
    `${dir} 是 nnlearn 保存模型的地方，但它是${k.zh}而不是文件夹，所以 nnlearn 既不读取也不写入那里。请把它移走，然后再试一次。`,
  );
}

/** Weights that are NaN or infinite: the run diverged, and such a model only answers NaN. */
export function nonFiniteMsg(param: string, value: number, at: number): Msg {
  return msg(
    `The model was not saved: its parameter ${param} holds ${value} (number ${at}) — training diverged, often because the learning rate is too high, and a model like that only answers NaN. Train again with a lower --lr, then save.`,
    `模型没有保存：它的参数 ${param} 的第 ${at} 个数是 ${value}——训练发散了（常见原因是学习率太高），这样的模型只会输出 NaN。请用更小的 --lr 重新训练，然后保存。`,
  );
}

/** A save that failed on the disk (storage/errors.ts SaveError's detail); what was there before is intact. */
export function saveFailedMsg(detail: Msg, hadOld: boolean, name: string): Msg {
  return msg(
    `The model was not saved: ${detail.en} ${hadOld ? `The model saved earlier as "${name}" is as it was.` : 'No file was left behind.'}`,
    `模型没有保存：${detail.zh}${hadOld ? `之前以 "${name}" 保存的模型保持原样。` : '没有留下任何文件。'}`,
  );
}

/** The saved weights do not fit the network they are loaded into. */
export function doesNotFitMsg(detail: Msg, runId: string | undefined, net: string | undefined): Msg {
  const from = runId === undefined ? msg('', '') : net !== undefined ? msg(` It was saved from the run ${runId} with --net '${net}'.`, `它保存自训练 ${runId}，使用 --net '${net}'。`) : msg(` It was saved from the run ${runId} with that run's own network.`, `它保存自训练 ${runId}，使用该训练自带的网络。`);
  return msg(
    `The saved model does not fit this network: ${detail.en}.${from.en} Load it into the same network it was saved from (the same run and --net), or train a new one.`,
    `保存的模型与这个网络不匹配：${detail.zh}。${from.zh}请把它加载到保存时的同一个网络（同一个训练和 --net），或者训练一个新模型。`,
  );
}
