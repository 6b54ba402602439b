/**
 * Runs the training rows: for each peer of a row, the nnlearn step and the
 * peer's step alternate (timeInterleaved, after warm-up) and the medians
 * become rates (steps/s or images/s) and the ratio nnlearn/peer. A row whose
 * nnlearn side cannot run yet still times its peers, so their rates show.
 * The check column shows each side's loss at its first and last timed step:
 * both sides really train (the losses move), and on the same kind of numbers.
 */
import { timeInterleaved, timeMedian, type TimingOptions } from '../timing.js';
import { lenetRow } from './lenet.js';
import { lstmTrainingRow } from './lstm.js';
import { mlpRow } from './mlp.js';
import type { TrainingRow, TrainingSide } from './sides.js';
import { transformerRow } from './transformer.js';

export const trainingRows: TrainingRow[] = [mlpRow, lenetRow, lstmTrainingRow, transformerRow];

export interface TrainingResult {
  name: string;
  peer: string;
  unit: string;
  /** Items (steps or images) per second, or null when that side did not run. */
  nnlearnRate: number | null;
  peerRate: number | null;
  ratio: number | null;
  target: number;
  status: 'PASS' | 'FAIL' | 'n/a';
  note: string;
}

function firstLine(e: unknown): string {
  const msg = e instanceof Error ? e.message : String(e);
  const line = msg.split('\n')[0];
  return line.length > 60 ? line.slice(0, 57) + '…' : line;
}

/** Wraps a side's step so its losses are kept (one array push per step: nothing next to a step). */
function recording(side: TrainingSide): { run: () => number; losses: number[] } {
  const losses: number[] = [];
  return { run: () => losses.push(side.step()), losses };
}

function lossNote(losses: readonly number[]): string {
  if (losses.length === 0) return '–';
  const f = (v: number): string => (Number.isFinite(v) ? v.toFixed(3) : String(v));
  return `${f(losses[0])}→${f(losses[losses.length - 1])}`;
}

export async function runTrainingRow(row: TrainingRow, timing: TimingOptions): Promise<TrainingResult[]> {
  let mine: TrainingSide | null = null;
  let why = '';
  try {
    const s = row.nnlearn();
    if ('unavailable' in s) why = s.unavailable;
    else mine = s;
  } catch (e) {
    why = `nnlearn setup failed: ${firstLine(e)}`;
  }
  const rate = (ms: number): number => (row.itemsPerStep * 1000) / ms;
  const results: TrainingResult[] = [];
  for (const peer of row.peers) {
    const base = { name: row.name, peer: peer.name, unit: row.unit, nnlearnRate: null, peerRate: null, ratio: null, target: peer.target };
    let theirs: TrainingSide;
    try {
      theirs = peer.setup();
    } catch (e) {
      results.push({ ...base, status: 'n/a', note: `${peer.name} setup failed: ${firstLine(e)}` });
      continue;
    }
    const b = recording(theirs);
    try {
      if (!mine) {
        const peerMs = await timeMedian(b.run, timing);
        results.push({ ...base, peerRate: rate(peerMs), status: 'n/a', note: `${why}; ${peer.name} loss ${lossNote(b.losses)}` });
        continue;
      }
      const a = recording(mine);
      const t = await timeInterleaved(a.run, b.run, timing);
      const ratio = t.b / t.a;
      const finite = a.losses.every(Number.isFinite);
      results.push({
        ...base,
        nnlearnRate: rate(t.a),
        peerRate: rate(t.b),
        ratio,
        status: finite && ratio >= peer.target ? 'PASS' : 'FAIL',
        note: `loss ${lossNote(a.losses)} | ${lossNote(b.losses)}` + (finite ? '' : ' (nnlearn loss not finite)'),
      });
    } catch (e) {
      results.push({ ...base, status: 'n/a', note: `step failed: ${firstLine(e)}` });
    } finally {
      theirs.dispose?.();
    }
  }
  mine?.dispose?.();
  return results;
}

function fmtRate(r: number | null, unit: string): string {
  if (r === null) return '–';
  return `${r >= 100 ? r.toFixed(0) : r.toFixed(1)} ${unit}`;
}

export function formatTrainingTable(results: readonly TrainingResult[]): string {
  const header = ['training row (one SGD step)', 'nnlearn', 'peer', 'peer rate', 'nnlearn/peer', 'target', 'result', 'loss nnlearn | peer'];
  const body = results.map((r) => [
    r.name,
    fmtRate(r.nnlearnRate, r.unit),
    r.peer,
    fmtRate(r.peerRate, r.unit),
    r.ratio === null ? '–' : `${r.ratio.toFixed(2)}×`,
    `≥${r.target}×`,
    r.status,
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([1, 3, 4, 5]);
  const fmt = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}
