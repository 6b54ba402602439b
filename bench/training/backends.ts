/**
 * Issue #15's training table: each training row's nnlearn step under the WebAssembly back
 * end and under the JS path, and for LeNet-5 ConvNetJS too, timed in turn each round in one
 * process (timeRounds). setGemmBackend switches the back end before each side's run,
 * untimed; each side has its own model, built once. The targets come from the row
 * (`wasmTargets`): wasm/js and, where named, wasm/peer.
 */
import { setGemmBackend } from '../../src/engine/gemm.js';
import { timeRounds, type TimedSide, type TimingOptions } from '../timing.js';
import type { TrainingRow, TrainingSide } from './sides.js';

export interface BackendTarget {
  label: string;
  ratio: number | null;
  target: number;
  status: 'PASS' | 'FAIL' | 'n/a';
}

export interface BackendResult {
  name: string;
  unit: string;
  wasmRate: number | null;
  jsRate: number | null;
  peer?: { name: string; rate: number | null };
  targets: BackendTarget[];
  note: string;
}

function firstLine(e: unknown): string {
  const line = (e instanceof Error ? e.message : String(e)).split('\n')[0];
  return line.length > 60 ? line.slice(0, 57) + '…' : line;
}

function nnlearnSide(row: TrainingRow): TrainingSide {
  const s = row.nnlearn();
  if ('unavailable' in s) throw new Error(s.unavailable);
  return s;
}

function target(label: string, num: number | null, den: number | null, want: number, finite: boolean): BackendTarget {
  if (num === null || den === null) return { label, ratio: null, target: want, status: 'n/a' };
  const ratio = num / den;
  return { label, ratio, target: want, status: finite && ratio >= want ? 'PASS' : 'FAIL' };
}

export async function runBackendRow(row: TrainingRow, timing: TimingOptions): Promise<BackendResult> {
  const rate = (ms: number): number => (row.itemsPerStep * 1000) / ms;
  const base = { name: row.name, unit: row.unit, wasmRate: null, jsRate: null };
  const peerSpec = row.wasmTargets.vsPeer;
  const peerDef = peerSpec ? row.peers.find((p) => p.name === peerSpec.name) : undefined;
  let sides: { wasm: TrainingSide; js: TrainingSide; peer?: TrainingSide };
  try {
    sides = { wasm: nnlearnSide(row), js: nnlearnSide(row), peer: peerDef?.setup() };
  } catch (e) {
    return { ...base, targets: [], note: `setup failed: ${firstLine(e)}` };
  }
  const losses: Record<'wasm' | 'js', number[]> = { wasm: [], js: [] };
  const timed: TimedSide[] = [
    { enter: () => setGemmBackend('wasm'), run: () => losses.wasm.push(sides.wasm.step()) },
    { enter: () => setGemmBackend('js'), run: () => losses.js.push(sides.js.step()) },
  ];
  if (sides.peer) {
    const peer = sides.peer;
    timed.push({ enter: () => setGemmBackend(undefined), run: () => peer.step() });
  }
  try {
    const [wasmMs, jsMs, peerMs] = await timeRounds(timed, timing);
    const wasmRate = rate(wasmMs);
    const jsRate = rate(jsMs);
    const peerRate = peerMs === undefined ? null : rate(peerMs);
    const finite = losses.wasm.every(Number.isFinite);
    const targets = [target('wasm/js', wasmRate, jsRate, row.wasmTargets.vsJs, finite)];
    if (peerSpec) targets.push(target(`wasm/${peerSpec.name}`, wasmRate, peerRate, peerSpec.target, finite));
    const f = (xs: number[]): string => (xs.length ? `${xs[0].toFixed(3)}→${xs[xs.length - 1].toFixed(3)}` : '–');
    return {
      ...base,
      wasmRate,
      jsRate,
      peer: peerSpec ? { name: peerSpec.name, rate: peerRate } : undefined,
      targets,
      note: `loss wasm ${f(losses.wasm)} | js ${f(losses.js)}` + (finite ? '' : ' (wasm loss not finite)'),
    };
  } catch (e) {
    return { ...base, targets: [], note: `step failed: ${firstLine(e)}` };
  } finally {
    setGemmBackend(undefined);
    sides.wasm.dispose?.();
    sides.js.dispose?.();
    sides.peer?.dispose?.();
  }
}

function fmtRate(r: number | null | undefined, unit: string): string {
  if (r === null || r === undefined) return '–';
  return `${r >= 100 ? r.toFixed(0) : r.toFixed(1)} ${unit}`;
}

export function formatBackendTable(results: readonly BackendResult[]): string {
  const header = ['training row: WebAssembly vs JS back end', 'nnlearn wasm', 'nnlearn js', 'peer', 'issue #15 targets', 'check'];
  const body = results.map((r) => [
    r.name,
    fmtRate(r.wasmRate, r.unit),
    fmtRate(r.jsRate, r.unit),
    r.peer ? `${r.peer.name} ${fmtRate(r.peer.rate, r.unit)}` : '–',
    r.targets.map((t) => `${t.label} ${t.ratio === null ? '–' : t.ratio.toFixed(2) + '×'} (≥${t.target}×) ${t.status}`).join(', ') || '–',
    r.note,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const right = new Set([1, 2, 3]);
  const fmt = (cells: string[]): string => cells.map((c, i) => (right.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [fmt(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(fmt)].join('\n');
}
