/**
 * Where saved models live and what a model may be called: `<data dir>/models/NAME.nnmodel`
 * (the data dir is NNLEARN_HOME or the platform's, storage/paths.ts). A name is one plain file
 * name: letters, digits, - _ and . (never first), at most 64 characters — so `--save ../x`,
 * `--save /tmp/x` or a name with a space can never write anywhere but the models folder.
 */
import { join } from 'node:path';
import { msg, type Msg } from '../../i18n/index.js';
import { shown } from '../data/shown.js';
import { dataDir } from '../../storage/paths.js';
import { EXTENSION } from './format.js';

export const MAX_NAME = 64;
const NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]*$/;

export function modelsDir(env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), 'models');
}

/**
 * The name as it will be stored, or why it cannot be one. A trailing ".nnmodel" is taken off
 * (a student may type the file's name as she sees it in the folder).
 */
export function checkModelName(raw: string): { ok: true; name: string } | { ok: false; error: Msg } {
  const name = raw.endsWith(EXTENSION) && raw.length > EXTENSION.length ? raw.slice(0, -EXTENSION.length) : raw;
  const rules = msg(
    `A model's name is 1 to ${MAX_NAME} letters, digits, "-", "_" or "." (not first), for example lenet-1 or spiral_adam.`,
    `模型名由 1 到 ${MAX_NAME} 个字母、数字、"-"、"_" 或 "."（不能开头）组成，例如 lenet-1 或 spiral_adam。`,
  );
  const why = (en: string, zh: string) => ({ ok: false as const, error: msg(`${en} ${rules.en}`, `${zh}${rules.zh}`) });
  if (name === '') return why('The model needs a name.', '模型需要一个名字。');
  if (name.length > MAX_NAME) return why(`The name ${shown(name)} is ${name.length} characters long.`, `名字 ${shown(name)} 有 ${name.length} 个字符。`);
  if (/[/\\]/.test(name)) return why(`The name ${shown(name)} contains a path separator: models are always kept in nnlearn's models folder.`, `名字 ${shown(name)} 含有路径分隔符：模型总是保存在 nnlearn 的模型文件夹里。`);
  if (name.startsWith('.')) return why(`The name ${shown(name)} starts with a dot.`, `名字 ${shown(name)} 以点开头。`);
  if (!NAME.test(name)) return why(`The name ${shown(name)} contains a character that is not allowed.`, `名字 ${shown(name)} 含有不允许的字符。`);
  return { ok: true, name };
}

export function modelPath(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(modelsDir(env), name + EXTENSION);
}
