/** The options the text and sequence runs share: which model, how wide, how long. */
import { msg, type Msg } from '../../i18n/index.js';
import { checkOption } from '../data/checks.js';
import type { CellKind } from '../models/sequence-net.js';
import type { TrainOptions } from '../task.js';

export const HIDDEN_RANGE = { min: 2, max: 512, integer: true } as const;
export const CELLS: readonly CellKind[] = ['rnn', 'lstm', 'transformer'];

/** The options after a run's defaults, with the model's and the optimizer's always set. */
export type Filled = TrainOptions & Required<Pick<TrainOptions, 'cell' | 'hidden' | 'length' | 'lr' | 'optimizer' | 'batch' | 'epochs' | 'seed' | 'testSplit'>>;

/** `o` over `defaults`, or the message for the first model option that cannot work. */
export function fillModelOptions(defaults: Filled, o: TrainOptions): { ok: true; value: Filled } | { ok: false; error: Msg } {
  // Options given as undefined keep the run's default.
  const f = { ...defaults, ...Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) } as Filled;
  if (!CELLS.includes(f.cell)) {
    return { ok: false, error: msg(`--cell must be rnn, lstm or transformer; got ${String(f.cell)}.`, `--cell 必须是 rnn、lstm 或 transformer，现在是 ${String(f.cell)}。`) };
  }
  const bad = checkOption('--hidden', f.hidden, HIDDEN_RANGE);
  return bad ? { ok: false, error: bad } : { ok: true, value: f };
}
