/**
 * Every ready-made run by id (the menu of `nnlearn train`, the REPL's `train`).
 * One file per kind of run; each adds its lines to RUNS here.
 */
import { editDistance } from '../../engine/edit-distance.js';
import { msg, type Msg } from '../../i18n/index.js';
import { shown } from '../data/shown.js';
import type { SavedVocab } from '../tasks/text-vocab.js';
import type { TrainOptions } from '../task.js';
import { digitsRuns } from './digits.js';
import { FLAG } from './options.js';
import { pointsRuns } from './points.js';
import { SEQUENCE_RUNS } from './sequence.js';
import { TEXT_RUNS } from './text.js';
import type { BuildResult, RunDef } from './run-def.js';

export type { BuildResult, RunDef } from './run-def.js';

export const RUNS: readonly RunDef[] = [...pointsRuns, ...digitsRuns, ...TEXT_RUNS, ...SEQUENCE_RUNS];

/** The run with this id, or a message listing the ids (and the nearest one, for a typo). */
export function findRun(id: string): { ok: true; run: RunDef } | { ok: false; error: Msg } {
  const run = RUNS.find((r) => r.id === id);
  if (run) return { ok: true, run };
  const ids = RUNS.map((r) => r.id);
  const near = ids
    .map((name) => ({ name, d: editDistance(id.toLowerCase(), name, 2) }))
    .filter((c) => c.d <= 2)
    .sort((a, b) => a.d - b.d)[0];
  return {
    ok: false,
    error: msg(
      `There is no run ${shown(id)}.${near ? ` Did you mean ${near.name}?` : ''} Runs: ${ids.join(', ')}.`,
      `没有名为 ${shown(id)} 的训练。${near ? `你是想用 ${near.name} 吗？` : ''}可用的训练：${ids.join('、')}。`,
    ),
  };
}

/** The run's task from the options given (checked by parseTrainOptions) over its defaults. */
export function buildRun(id: string, given: TrainOptions, saved?: SavedVocab): BuildResult {
  const found = findRun(id);
  if (!found.ok) return found;
  const { run } = found;
  // lang is the student's language (it picks a text run's default corpus), not an option she sets.
  const set = (Object.keys(given) as (keyof TrainOptions)[]).filter((k) => given[k] !== undefined && k !== 'lang');
  const foreign = set.filter((k) => !run.accepts.includes(k));
  if (foreign.length > 0) {
    const flags = foreign.map((k) => FLAG[k]).join(', ');
    const takes = run.accepts.map((k) => FLAG[k]).join(' ');
    return {
      ok: false,
      error: msg(
        `${run.id} does not use ${flags}. Its options: ${takes}.`,
        `${run.id} 不使用 ${flags}。它的选项：${takes}。`,
      ),
    };
  }
  const shaping = (['activation', 'hidden'] as const).filter((k) => given[k] !== undefined);
  if (given.net !== undefined && shaping.length > 0) {
    const flags = shaping.map((k) => FLAG[k]).join(' and ');
    return {
      ok: false,
      error: msg(
        `--net gives the whole network, and ${flags} only shape${shaping.length === 1 ? 's' : ''} the default one: give one or the other (write the activations and widths in the chain).`,
        `--net 给出了整个网络，而 ${flags} 只用来调整默认网络：二者选一（把激活函数和宽度写进层链里）。`,
      ),
    };
  }
  const options: TrainOptions = { ...run.defaults, ...(given.lang ? { lang: given.lang } : {}) };
  for (const k of set) (options as Record<string, unknown>)[k] = given[k];
  try {
    return run.build(options, saved);
  } catch (e) {
    // A run should answer every problem with a message; if one slips through, the student still gets a sentence.
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, error: msg(`${run.id} could not start: ${why}`, `${run.id} 无法开始：${why}`) };
  }
}
