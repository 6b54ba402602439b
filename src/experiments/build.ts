/**
 * What the experiments' definitions share: a ready-made run built with fixed
 * options (an experiment's settings are ours, not the student's, so a run that
 * cannot be built is a bug and throws), and the number formats of verdicts.
 */
import { msg, type Msg } from '../i18n/index.js';
import { buildRun } from '../training/runs/registry.js';
import type { Task, TrainOptions } from '../training/task.js';
import type { RunResult } from './types.js';

/** A ready-made run (`nnlearn train ID`) with these options; throws (in English) if the options are refused. */
export function fromRun(id: string, options: TrainOptions): Task {
  const built = buildRun(id, options);
  if (!built.ok) throw new Error(`experiment run ${id}: ${built.error.en}`);
  return built.task;
}

/** The run with this id; throws when the experiment's measure() asks for one it did not plan. */
export function runById(runs: readonly RunResult[], id: string): RunResult {
  const r = runs.find((x) => x.id === id);
  if (!r) throw new Error(`no run ${id} among ${runs.map((x) => x.id).join(', ')}`);
  return r;
}

/** The last epoch's scores (NaN before any epoch ended, e.g. a run that diverged in its first). */
export function finalScores(r: RunResult): { loss: number; accuracy: number; testLoss: number; testAccuracy: number } {
  const h = r.history.at(-1);
  return { loss: h?.loss ?? NaN, accuracy: h?.accuracy ?? NaN, testLoss: h?.test_loss ?? NaN, testAccuracy: h?.test_accuracy ?? NaN };
}

/** Best test accuracy over the epochs (a noisy last epoch does not decide a comparison alone). */
export function bestTestAccuracy(r: RunResult): number {
  let best = NaN;
  for (const h of r.history) if (Number.isFinite(h.test_accuracy) && !(h.test_accuracy <= best)) best = h.test_accuracy;
  return best;
}

/** 0.9734 → "97.3 %" (en) / "97.3%" (zh); NaN → "—". */
export function pct(v: number): Msg {
  if (!Number.isFinite(v)) return msg('—', '—');
  const s = (v * 100).toFixed(1);
  return msg(`${s} %`, `${s}%`);
}

/** A loss or a norm: 4 significant figures, exponent form for the very small or very large. */
export function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  return a >= 1e5 || a < 1e-3 ? v.toExponential(2) : String(Number(v.toPrecision(4)));
}

/** Whole numbers with thousands separators: 61,706. */
export function int(v: number): string {
  return Math.round(v).toLocaleString('en');
}

/** Joins Msgs with a separator per language ("; " / "；"). */
export function joinMsg(parts: readonly Msg[], en = '; ', zh = '；'): Msg {
  return msg(parts.map((p) => p.en).join(en), parts.map((p) => p.zh).join(zh));
}

/** A Msg whose two languages are built from the same numbers: m((L) => …) with L 'en' | 'zh'. */
export function both(write: (lang: 'en' | 'zh') => string): Msg {
  return msg(write('en'), write('zh'));
}
