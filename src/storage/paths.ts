/**
 * Where nnlearn keeps what it remembers (REPL history, lesson progress, quiz
 * cards): the platform's data directory (env-paths), or NNLEARN_HOME when set.
 */
import envPaths from 'env-paths';
import { join } from 'node:path';

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.NNLEARN_HOME) return env.NNLEARN_HOME;
  return envPaths('nnlearn', { suffix: '' }).data;
}

export function dataFile(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return join(dataDir(env), name);
}
