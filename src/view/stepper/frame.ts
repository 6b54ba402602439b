/**
 * One frame of the sliding-window stepper, as lines of text: the padded
 * input with the current window emphasised (padding shown as ·), the kernel
 * (conv), the output with the cells filled so far, and the current window's
 * computation written out with its numbers — "0.50·1.20 + (-0.30)·0 + … = 1.73",
 * "max(1, 3, 2, …) = 3" — next to the engine's output cell it must equal.
 * The numbers shown in the output are the caller's (the engine's); the sum is
 * recomputed here from the input and weights only to be written out.
 */
import { msg, tr, type Msg } from '../../i18n/index.js';
import type { TensorLike, ViewOptions } from '../figures/types.js';
import { autoPrecision } from '../figures/util.js';
import { windowCells, type StepperGeometry, type StepperState, type WindowCell, type WindowPos } from './state.js';
import { fmtFixed } from '../../i18n/numbers.js';
import { packPanels, padStart, sw, truncate, wrapPlain } from '../layout.js';

export interface StepperData {
  /** The H×W input planes: `channels` of them (conv sums over all; pools walk one plane). */
  input: TensorLike;
  /** Input planes held in `input` (default 1). */
  channels?: number;
  /** conv: one filter's kernels, one F×F slice per input channel ([C, F, F]). */
  weight?: TensorLike;
  /** conv: which filter of the layer this is, and how many there are (for the header). */
  filter?: { index: number; count: number };
  /** conv: the filter's bias. */
  bias?: number;
  /** The engine's OH×OW output for this plane. */
  output: TensorLike;
}

export interface WindowResult {
  pos: WindowPos;
  cells: WindowCell[];
  /** Recomputed here from input (+ weights): what the formula adds up to. */
  computed: number;
  /** The caller's (engine's) output cell. */
  engine: number;
  /** max: index into `cells` of the winner (first largest, NaN wins, as in PyTorch). */
  winner?: number;
  /** avg: the divisor; l2 with a cut window: the count of real cells. */
  divisor?: number;
  /** The computation, as pieces a line may break between. */
  tokens: string[];
}

function checkData(g: StepperGeometry, data: StepperData): void {
  const n = (t: TensorLike | undefined) => (t ? t.data.length : 0);
  const C = data.channels ?? 1;
  if (!(Number.isInteger(C) && C >= 1)) throw new Error(`stepper: channels must be a whole number ≥ 1, got ${C}.`);
  if (g.op !== 'conv' && C !== 1) throw new Error('stepper: a pool walks one plane at a time (channels must be 1).');
  if (n(data.input) !== C * g.H * g.W) throw new Error(`stepper: the input should hold ${C}×${g.H}×${g.W} = ${C * g.H * g.W} numbers, it has ${n(data.input)}.`);
  if (n(data.output) !== g.OH * g.OW) throw new Error(`stepper: the output should hold ${g.OH}×${g.OW} = ${g.OH * g.OW} numbers (one plane), it has ${n(data.output)}.`);
  if (g.op === 'conv' && n(data.weight) !== C * g.F * g.F) throw new Error(`stepper: conv needs ${C}×F×F = ${C * g.F * g.F} kernel numbers, it has ${n(data.weight)}.`);
}

/** Precision for the frame: the caller's, else 0 for whole numbers and 2 otherwise. */
function precisionOf(data: StepperData, p?: number): { inP: number; outP: number } {
  if (p !== undefined) return { inP: p, outP: p };
  const inP = Math.max(autoPrecision(data.input.data), data.weight ? autoPrecision(data.weight.data) : 0, data.bias !== undefined && !Number.isInteger(data.bias) ? 2 : 0);
  return { inP, outP: Math.max(inP, autoPrecision(data.output.data)) };
}

/** The current window's cells, value and written-out computation. */
export function computeWindow(g: StepperGeometry, data: StepperData, pos: WindowPos, precision?: number): WindowResult {
  checkData(g, data);
  const { inP, outP } = precisionOf(data, precision);
  const cells = windowCells(g, pos);
  const C = data.channels ?? 1;
  const x = (c: WindowCell, ch = 0) => data.input.data[(ch * g.H + c.r) * g.W + c.c];
  const f = (v: number, p = inP) => fmtFixed(v, p);
  const paren = (v: number, p = inP) => (v < 0 || Object.is(v, -0) ? `(${f(v, p)})` : f(v, p));
  const engine = data.output.data[pos.oy * g.OW + pos.ox];
  const head = `y[${pos.oy}, ${pos.ox}] = `;
  const tokens: string[] = [head];
  let computed: number;
  let winner: number | undefined;
  let divisor: number | undefined;
  const joinTerms = (terms: string[], sep: string) => terms.forEach((t, k) => tokens.push(k === 0 ? t : sep + t));
  if (g.op === 'conv') {
    const w = data.weight!.data;
    let sum = 0;
    // Every input channel, one after the other: the filter's output is the sum over all of them.
    for (let ch = 0; ch < C; ch++) {
      const terms: string[] = [];
      for (const c of cells) {
        const wv = w[(ch * g.F + c.i) * g.F + c.j];
        const xv = c.inside ? x(c, ch) : 0;
        sum += wv * xv;
        terms.push(`${paren(wv)}·${c.inside ? paren(xv) : '0'}`);
      }
      if (C > 1) terms[0] = `[ch${ch}] ${terms[0]}`;
      if (ch > 0) terms[0] = ` + ${terms[0]}`;
      joinTerms(terms, ' + ');
    }
    if (data.bias !== undefined) {
      sum += data.bias;
      tokens.push(` + ${paren(data.bias)}`);
    }
    computed = sum;
  } else if (g.op === 'max') {
    let best = -Infinity;
    const terms: string[] = [];
    cells.forEach((c, k) => {
      if (!c.inside) return;
      const v = x(c);
      terms.push(f(v));
      // As the engine: strictly larger wins (the first of equals), and NaN wins.
      if (winner === undefined || v > best || Number.isNaN(v)) {
        best = v;
        winner = k;
      }
    });
    tokens.push('max(');
    joinTerms(terms, ', ');
    tokens.push(')');
    computed = best;
  } else if (g.op === 'avg') {
    let sum = 0;
    const terms: string[] = [];
    let count = 0;
    for (const c of cells) {
      if (c.inside) {
        sum += x(c);
        terms.push(paren(x(c)));
        count++;
      } else if (c.inPadded && g.countIncludePad) {
        terms.push('0');
        count++;
      }
    }
    divisor = count;
    tokens.push('(');
    joinTerms(terms, ' + ');
    tokens.push(`) / ${count}`);
    computed = count ? sum / count : 0;
  } else {
    let sum = 0;
    const terms: string[] = [];
    let count = 0;
    for (const c of cells) {
      if (!c.inside) continue;
      sum += x(c) * x(c);
      terms.push(`${paren(x(c))}²`);
      count++;
    }
    const area = g.F * g.F;
    if (count < area) {
      // As PyTorch (and the engine): avg_pool(x²)·F·F, so a window cut by the edge is scaled by F·F/count.
      divisor = count;
      tokens.push('√((');
      joinTerms(terms, ' + ');
      tokens.push(`)·${area}/${count})`);
      computed = Math.sqrt((sum * area) / count);
    } else {
      tokens.push('√(');
      joinTerms(terms, ' + ');
      tokens.push(')');
      computed = Math.sqrt(sum);
    }
  }
  tokens.push(` = ${f(computed, outP)}`);
  return { pos, cells, computed, engine, winner, divisor, tokens };
}

/** Whether the recomputed value matches the engine's (float32) output cell. */
export function agrees(r: Pick<WindowResult, 'computed' | 'engine'>): boolean {
  if (Number.isNaN(r.computed) || Number.isNaN(r.engine)) return Number.isNaN(r.computed) && Number.isNaN(r.engine);
  if (!Number.isFinite(r.computed) || !Number.isFinite(r.engine)) return r.computed === r.engine;
  return Math.abs(r.computed - r.engine) <= 1e-4 * Math.max(1, Math.abs(r.engine));
}

const OP_NAME: Record<StepperGeometry['op'], Msg> = {
  conv: msg('conv', '卷积'),
  max: msg('max pool', '最大池化'),
  avg: msg('average pool', '平均池化'),
  l2: msg('L2 pool', 'L2 池化'),
};

type Mark = 'box' | 'star' | null;

interface GridSpec {
  title: string;
  rows: number;
  cols: number;
  cell(r: number, c: number): { text: string; mark: Mark; dim?: boolean };
  rowLabel(r: number): string;
  colLabel(c: number): string;
  /** Row/col to keep in view when the grid must be cropped. */
  focus: { r0: number; r1: number; c0: number; c1: number };
  maxWidth: number;
  maxRows: number;
}

/** A grid of numbers with row/col labels, cropped around `focus` (… and ⋮ where cut). */
function gridPanel(s: GridSpec, opts: ViewOptions): string[] {
  const th = opts.theme;
  let cw = 1;
  for (let r = 0; r < s.rows; r++) for (let c = 0; c < s.cols; c++) cw = Math.max(cw, sw(s.cell(r, c).text));
  for (let c = 0; c < s.cols; c++) cw = Math.max(cw, sw(s.colLabel(c)));
  const lw = Math.max(1, ...Array.from({ length: s.rows }, (_, r) => sw(s.rowLabel(r))));
  const slot = cw + 2;
  // How many of n fit in `room` (all, or `room − edges` around the focus, the edges marking the cut).
  const view = (n: number, room: number, edges: number, f0: number, f1: number): [number, number] => {
    if (n <= room) return [0, n];
    const keep = Math.max(1, room - edges);
    const mid = Math.floor((f0 + f1) / 2);
    let a = Math.max(0, Math.min(n - keep, mid - Math.floor(keep / 2)));
    // Keep the whole focus in view when it fits.
    if (f1 - f0 + 1 <= keep) a = Math.max(0, Math.min(a, f0, n - keep));
    if (f1 - f0 + 1 <= keep && a + keep <= f1) a = f1 - keep + 1;
    return [a, a + keep];
  };
  const avail = s.maxWidth - lw - 1;
  const allCols = Math.floor(avail / slot);
  const cutCols = Math.floor((avail - 6) / slot); // two ' … ' edges
  const [c0, c1] = view(s.cols, allCols, Math.max(0, allCols - cutCols), s.focus.c0, s.focus.c1);
  const [r0, r1] = view(s.rows, s.maxRows, 2, s.focus.r0, s.focus.r1);
  const left = c0 > 0;
  const right = c1 < s.cols;
  const lines: string[] = [th.label(truncate(s.title, s.maxWidth))];
  const edge = (on: boolean) => (on ? ' … ' : '');
  let head = ' '.repeat(lw + 1) + (left ? '   ' : '');
  for (let c = c0; c < c1; c++) head += ' ' + padStart(s.colLabel(c), cw) + ' ';
  lines.push(th.muted(head.trimEnd()));
  if (r0 > 0) lines.push(th.muted(' '.repeat(lw + 1) + (left ? '   ' : '') + Array.from({ length: c1 - c0 }, () => ' ' + padStart('⋮', cw) + ' ').join('')));
  for (let r = r0; r < r1; r++) {
    let line = th.muted(padStart(s.rowLabel(r), lw)) + ' ' + th.muted(edge(left));
    for (let c = c0; c < c1; c++) {
      const { text, mark, dim } = s.cell(r, c);
      const t = padStart(text, cw);
      if (mark === null) line += ' ' + (dim ? th.muted(t) : t) + ' ';
      else if (!th.color) line += mark === 'box' ? `[${t}]` : `*${t}*`;
      else line += mark === 'box' ? th.chalk.inverse(` ${t} `) : th.chalk.bgYellow.black.bold(` ${t} `);
    }
    lines.push((line + th.muted(edge(right))).trimEnd());
  }
  if (r1 < s.rows) lines.push(th.muted(' '.repeat(lw + 1) + (left ? '   ' : '') + Array.from({ length: c1 - c0 }, () => ' ' + padStart('⋮', cw) + ' ').join('')));
  return lines;
}

/** Columns a frame is drawn in at most (wider only spreads its panels apart): the printed `step` and the stepper screen. */
export const STEPPER_MAX_WIDTH = 120;

/** One frame of the walk as a Block: the window `state` points at, drawn by the view for the medium's width. */
export interface StepperFrameBlock {
  kind: 'stepper';
  state: StepperState;
  data: StepperData;
  precision?: number;
  channel?: number;
}

export interface StepperFrameOptions extends ViewOptions {
  /** Digits after the point (default: 0 for whole numbers, else 2). */
  precision?: number;
  /** conv with several input channels: the plane drawn (the sum always covers all). */
  channel?: number;
}

/** The whole frame for the current window: header, grids, computation, check, legend. */
export function renderStepperFrame(state: StepperState, data: StepperData, opts: StepperFrameOptions): string[] {
  const { lang, theme: th } = opts;
  const width = Math.max(30, opts.width);
  const g = state.geometry;
  const pos = state.positions[state.index];
  const res = computeWindow(g, data, pos, opts.precision);
  const { inP, outP } = precisionOf(data, opts.precision);
  const C = data.channels ?? 1;
  const shown = Math.max(0, Math.min(C - 1, Math.trunc(opts.channel ?? 0)));
  const out: string[] = [];

  // Header.
  const settings = `F=${g.F} S=${g.S} P=${g.P}` + (g.dilation > 1 ? ` D=${g.dilation}` : '') + (g.ceilMode ? ' ceil' : '');
  const progress = msg(
    `window ${state.index + 1}/${state.positions.length} · output row ${pos.oy}, col ${pos.ox}`,
    `窗口 ${state.index + 1}/${state.positions.length} · 输出第 ${pos.oy} 行第 ${pos.ox} 列`,
  );
  const head = `${tr(lang, OP_NAME[g.op])} ${settings} · ${tr(lang, progress)}${state.playing ? ' ▶' : ''}`;
  out.push(...wrapPlain(head, width, '  ').map((l, i) => (i === 0 ? th.title(l) : th.muted(l))));
  const rows = res.cells.map((c) => c.r);
  const cols = res.cells.map((c) => c.c);
  const span = (a: number[]) => `${Math.min(...a)}…${Math.max(...a)}`;
  // A ceil-mode window can hang past the padding too: those cells are not padding, they are skipped.
  const past = res.cells.some((c) => !c.inPadded);
  const outsideNote = !res.cells.some((c) => !c.inside)
    ? msg('', '')
    : past
      ? msg(g.P > 0 ? ' (outside = padding, and past it cells that ceil mode skips)' : ' (outside = cells past the input, which ceil mode skips)', g.P > 0 ? '（超出部分为填充，再往外的格子在 ceil 模式下被跳过）' : '（超出部分在输入之外，ceil 模式下被跳过）')
      : msg(' (outside = padding)', '（超出部分为填充）');
  const sizes = msg(
    `input ${g.H}×${g.W} → output ${g.OH}×${g.OW}; this window reads input rows ${span(rows)}, cols ${span(cols)}` + outsideNote.en,
    `输入 ${g.H}×${g.W} → 输出 ${g.OH}×${g.OW}；本窗口读取输入第 ${span(rows)} 行、第 ${span(cols)} 列` + outsideNote.zh,
  );
  out.push(...wrapPlain(tr(lang, sizes), width, '  ').map((l) => th.muted(l)));
  // Which filter and which input plane: never leave her guessing what is drawn.
  const which: Msg[] = [];
  if (data.filter && data.filter.count > 1) which.push(msg(`filter ${data.filter.index} of 0…${data.filter.count - 1}`, `滤波器 ${data.filter.index}（共 0…${data.filter.count - 1}）`));
  if (C > 1) which.push(msg(`drawn: input channel ${shown} of 0…${C - 1}; y adds all ${C} channels`, `图中：输入通道 ${shown}（共 0…${C - 1}）；y 是全部 ${C} 个通道之和`));
  if (which.length) out.push(...wrapPlain(which.map((m) => tr(lang, m)).join(' · '), width, '  ').map((l) => th.label(l)));
  out.push('');

  // Grids.
  const inWindow = new Set(res.cells.map((c) => c.pr * g.spanW + c.pc));
  const winnerKey = res.winner !== undefined ? res.cells[res.winner].pr * g.spanW + res.cells[res.winner].pc : -1;
  const pr = res.cells.map((c) => c.pr);
  const pc = res.cells.map((c) => c.pc);
  const overhang = g.spanH > g.H + 2 * g.P || g.spanW > g.W + 2 * g.P;
  const padTitle =
    g.P === 0 && overhang
      ? msg(`input ${g.H}×${g.W} (· = past the input: ceil mode skips it)`, `输入 ${g.H}×${g.W}（· 为输入之外：ceil 模式下跳过）`)
      : g.P > 0 && overhang
        ? msg(`input, padded ${g.H + 2 * g.P}×${g.W + 2 * g.P} (· = padding, or past it: skipped)`, `输入（填充后 ${g.H + 2 * g.P}×${g.W + 2 * g.P}，· 为填充或其外：跳过）`)
        : g.P > 0
          ? msg(`input, padded ${g.H + 2 * g.P}×${g.W + 2 * g.P} (· = padding)`, `输入（填充后 ${g.H + 2 * g.P}×${g.W + 2 * g.P}，· 为填充）`)
          : msg(`input ${g.H}×${g.W}`, `输入 ${g.H}×${g.W}`);
  const inputPanel = gridPanel(
    {
      title: (C > 1 ? `ch ${shown} · ` : '') + tr(lang, padTitle),
      rows: g.spanH,
      cols: g.spanW,
      cell: (r, c) => {
        const key = r * g.spanW + c;
        const ir = r - g.P;
        const ic = c - g.P;
        const inside = ir >= 0 && ir < g.H && ic >= 0 && ic < g.W;
        const text = inside ? fmtFixed(data.input.data[(shown * g.H + ir) * g.W + ic], inP) : '·';
        return { text, mark: key === winnerKey ? 'star' : inWindow.has(key) ? 'box' : null, dim: !inside };
      },
      rowLabel: (r) => (r - g.P >= 0 && r - g.P < g.H ? String(r - g.P) : ''),
      colLabel: (c) => (c - g.P >= 0 && c - g.P < g.W ? String(c - g.P) : ''),
      focus: { r0: Math.min(...pr), r1: Math.max(...pr), c0: Math.min(...pc), c1: Math.max(...pc) },
      maxWidth: width,
      maxRows: 12,
    },
    opts,
  );
  const panels: string[][] = [inputPanel];
  if (g.op === 'conv' && data.weight) {
    const w = data.weight.data;
    const k = gridPanel(
      {
        title: tr(lang, C > 1 ? msg(`weights ${g.F}×${g.F}, ch ${shown}`, `权重 ${g.F}×${g.F}，通道 ${shown}`) : msg(`weights ${g.F}×${g.F}`, `权重 ${g.F}×${g.F}`)),
        rows: g.F,
        cols: g.F,
        cell: (r, c) => ({ text: fmtFixed(w[(shown * g.F + r) * g.F + c], inP), mark: null }),
        rowLabel: (r) => String(r),
        colLabel: (c) => String(c),
        focus: { r0: 0, r1: g.F - 1, c0: 0, c1: g.F - 1 },
        maxWidth: width,
        maxRows: 12,
      },
      opts,
    );
    if (data.bias !== undefined) k.push(th.muted('b = ') + fmtFixed(data.bias, inP));
    panels.push(k);
  }
  const o = data.output.data;
  const outPanel = gridPanel(
    {
      title: tr(lang, msg(`output ${g.OH}×${g.OW}`, `输出 ${g.OH}×${g.OW}`)),
      rows: g.OH,
      cols: g.OW,
      cell: (r, c) => {
        const i = r * g.OW + c;
        if (i > state.index) return { text: '?', mark: null, dim: true };
        return { text: fmtFixed(o[i], outP), mark: i === state.index ? 'box' : null };
      },
      rowLabel: (r) => String(r),
      colLabel: (c) => String(c),
      focus: { r0: pos.oy, r1: pos.oy, c0: pos.ox, c1: pos.ox },
      maxWidth: width,
      maxRows: 12,
    },
    opts,
  );
  panels.push(outPanel);
  out.push(...(packPanels(panels, width, 4) ?? panels.flatMap((p, i) => (i ? ['', ...p] : p))));
  out.push('');

  // The computation, broken between terms.
  let line = '';
  const formula: string[] = [];
  for (const t of res.tokens) {
    if (line && sw(line + t) > width - 2) {
      // Break after a separator (" +", ","), never before it.
      const m = /^( \+ |, )(.*)$/s.exec(t);
      formula.push(m ? line + m[1].trimEnd() : line);
      line = '    ' + (m ? m[2] : t.replace(/^ /, ''));
    } else line += t;
  }
  formula.push(line);
  for (const l of formula) out.push(...wrapPlain('  ' + l, width, '    ').map((x) => th.formula(x)));
  const ok = agrees(res);
  const check = msg(
    `engine output[${pos.oy}, ${pos.ox}] = ${fmtFixed(res.engine, Math.max(outP, 4))} ${ok ? '✓ same' : '✗ differs from the sum above'}`,
    `引擎输出[${pos.oy}, ${pos.ox}] = ${fmtFixed(res.engine, Math.max(outP, 4))} ${ok ? '✓ 一致' : '✗ 与上面的计算不一致'}`,
  );
  out.push(...wrapPlain('  ' + tr(lang, check), width, '    ').map((l) => (ok ? th.ok(l) : th.error(l))));

  // Legend.
  const legend: string[] = [];
  legend.push(th.color ? tr(lang, msg('inverse = current window', '反色 = 当前窗口')) : tr(lang, msg('[x] = current window', '[x] = 当前窗口')));
  if (g.op === 'max') legend.push(th.color ? tr(lang, msg('yellow = the largest (the output)', '黄色 = 最大值（即输出）')) : tr(lang, msg('*x* = the largest (the output)', '*x* = 最大值（即输出）')));
  if (g.P > 0) {
    const pad: Record<StepperGeometry['op'], Msg> = {
      conv: msg('· = padding, counts as 0', '· = 填充，按 0 计'),
      max: msg('· = padding, −∞: never the max', '· = 填充，按 −∞ 计：不会是最大值'),
      avg: g.countIncludePad ? msg('· = padding, 0 but counted in the divisor', '· = 填充，按 0 计且计入除数') : msg('· = padding, not counted', '· = 填充，不计入'),
      l2: msg('· = padding', '· = 填充'),
    };
    legend.push(tr(lang, pad[g.op]));
  }
  legend.push(tr(lang, msg('? = not computed yet', '? = 尚未计算')));
  out.push(...wrapPlain('  ' + legend.join(' · '), width, '    ').map((l) => th.muted(l)));
  return out;
}
