/**
 * "The numbers agree with the engine": every value the REPL draws or prints
 * as JSON is recomputed here with runOp on the JSON's own inputs, and the
 * rendered text stays inside the terminal in both languages.
 */
import stringWidth from 'string-width';
import { afterAll, describe, expect, it, vi } from 'vitest';

// The stepper's frames are drawn by renderBlocks with the theme below (no colour);
// NO_COLOR makes anything that still asks the environment agree with it.
vi.hoisted(() => {
  process.env.NO_COLOR = '1';
  delete process.env.FORCE_COLOR;
});

import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import type { Lang } from '../../src/i18n/index.js';
import { allSpecs } from '../../src/repl/commands/index.js';
import { trainingService } from '../../src/cli/actions/train-service.js';
import type { CommandResult } from '../../src/repl/context.js';
import { findSpec } from '../../src/repl/parser.js';
import { createSession, type Session } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

type TJ = { shape: number[]; data: number[] };
const T = (j: unknown): Tensor => {
  const t = j as TJ;
  expect(Array.isArray(t?.shape) && Array.isArray(t?.data), `not a tensor: ${JSON.stringify(j)?.slice(0, 80)}`).toBe(true);
  return new Tensor(t.shape, t.data);
};

/** Same shape and every element within tol. */
function expectSame(actual: unknown, expected: Tensor, tol = 1e-6): void {
  const a = actual as TJ;
  expect(a.shape).toEqual([...expected.shape]);
  expect(a.data.length).toBe(expected.data.length);
  let worst = 0;
  let at = -1;
  for (let i = 0; i < a.data.length; i++) {
    const d = Math.abs(a.data[i] - expected.data[i]);
    if (!(d <= worst)) {
      worst = Number.isNaN(d) ? Infinity : d;
      at = i;
    }
  }
  expect(worst, `element ${at}: ${a.data[at]} vs engine ${expected.data[at]}`).toBeLessThanOrEqual(tol);
}

const sessions: Session[] = [];
function session(lang: Lang = 'en', width = 80): Session {
  const s = createSession({ lang, width });
  sessions.push(s);
  return s;
}
afterAll(() => sessions.forEach((s) => s.close()));

async function ok(s: Session, line: string): Promise<CommandResult> {
  const r = await s.exec(line);
  expect(r.ok, `${line} → ${JSON.stringify(r.json().error ?? '')}`).toBe(true);
  expect(r.json().ok).toBe(true);
  return r;
}

const text = (r: CommandResult, lang: Lang = 'en', width = 80) => renderBlocks(r.blocks(), { lang, width, theme: makeTheme(0) });

const CONV_ATTRS = (h: { S: number; P: number; dilation: number }) => ({ stride: h.S, padding: h.P, dilation: h.dilation });
const POOL_ATTRS = (h: { F: number; S: number; P: number; ceil: boolean }) => ({ kernel_size: h.F, stride: h.S, padding: h.P, ceil_mode: h.ceil });

describe('conv on numbers', () => {
  const s = session();
  let conv: CommandResult;

  it('let x = rand 6x6x1 seed=7; conv x F=3 S=1 P=0 K=2 seed=3 equals runOp conv2d on the JSON’s input, weight and bias', async () => {
    const x = await ok(s, 'let x = rand 6x6x1 seed=7');
    conv = await ok(s, 'conv x F=3 S=1 P=0 K=2 seed=3');
    const j = conv.json() as Record<string, any>;
    expect(j).toMatchObject({ command: 'conv', mode: 'values', hyper: { F: 3, S: 1, P: 0, K: 2, dilation: 1 } });
    // The input is the variable, unchanged; the weights have the announced shapes.
    expect(j.input).toEqual(x.json().value);
    expect(j.input.shape).toEqual([1, 6, 6]);
    expect(j.weight.shape).toEqual([2, 1, 3, 3]);
    expect(j.bias.shape).toEqual([2]);
    const engine = runOp('conv2d', { input: T(j.input), weight: T(j.weight), bias: T(j.bias) }, { stride: 1, padding: 0, dilation: 1 }).output;
    expect(engine.shape).toEqual([2, 4, 4]);
    expectSame(j.output, engine);
    expect(j.shapes).toMatchObject({ input: { width: 6, height: 6, depth: 1 }, output: { width: 4, height: 4, depth: 2 }, pytorch: { weight: [2, 1, 3, 3] } });
    // Same seed, same numbers; another seed, other weights.
    const again = await ok(s, 'conv x F=3 S=1 P=0 K=2 seed=3');
    expect(again.json().weight).toEqual(j.weight);
    const other = await ok(s, 'conv x F=3 S=1 P=0 K=2 seed=4');
    expect(other.json().weight).not.toEqual(j.weight);
  });

  it('the first window written out in the text adds up to the engine’s y[0,0,0]', async () => {
    conv = await ok(s, 'conv x F=3 S=1 P=0 K=2 seed=3');
    const j = conv.json() as Record<string, any>;
    const engine = runOp('conv2d', { input: T(j.input), weight: T(j.weight), bias: T(j.bias) }, { stride: 1, padding: 0, dilation: 1 }).output;
    const lines = text(conv);
    const start = lines.findIndex((l) => l.trimStart().startsWith('y[0,0,0] ='));
    expect(start).toBeGreaterThan(-1);
    const end = lines.findIndex((l, i) => i > start && /^\s+= /.test(l));
    expect(end).toBeGreaterThan(start);
    const formula = lines.slice(start, end).map((l) => l.trim()).join(' ').replace(/^y\[0,0,0\] = /, '');
    const terms = formula.split(' + ');
    // 3·3·1 products and the bias.
    expect(terms).toHaveLength(10);
    const num = (s: string) => {
      const v = Number(s.replace(/^\((.*)\)$/, '$1').replace('−', '-'));
      expect(Number.isFinite(v), s).toBe(true);
      return v;
    };
    let sum = 0;
    for (const t of terms.slice(0, 9)) {
      const [w, x] = t.split('·');
      sum += num(w) * num(x);
    }
    sum += num(terms[9]);
    expect(sum).toBeCloseTo(engine.data[0], 5);
    // The x factors are the top-left 3×3 of the input, row by row.
    const xs = terms.slice(0, 9).map((t) => num(t.split('·')[1]));
    const input = j.input.data as number[];
    expect(xs).toEqual([0, 1, 2, 6, 7, 8, 12, 13, 14].map((i) => Number(input[i].toFixed(2))));
    const result = /^\s+= (-?[\d.]+)/.exec(lines[end])!;
    expect(Number(result[1])).toBeCloseTo(engine.data[0], 3);
  });

  it('conv x F=3 S=2 P=1 → 3×3×1 (⌊(6 − 3 + 2)/2⌋ + 1), still equal to runOp', async () => {
    const r = await ok(s, 'conv x F=3 S=2 P=1');
    const j = r.json() as Record<string, any>;
    expect(j.shapes).toEqual({ input: { width: 6, height: 6, depth: 1 }, output: { width: 3, height: 3, depth: 1 }, pytorch: { input: [1, 6, 6], output: [1, 3, 3], weight: [1, 1, 3, 3] } });
    expectSame(j.output, runOp('conv2d', { input: T(j.input), weight: T(j.weight), bias: T(j.bias) }, CONV_ATTRS(j.hyper)).output);
  });

  it('a depth-3 input with dilation: conv v F=3 K=4 dilation=2 P=1', async () => {
    await ok(s, 'let v = rand 9x7x3 seed=11');
    const r = await ok(s, 'conv v F=3 K=4 dilation=2 P=1');
    const j = r.json() as Record<string, any>;
    expect(j.weight.shape).toEqual([4, 3, 3, 3]);
    expect(j.shapes.output).toEqual({ width: 7, height: 5, depth: 4 });
    expectSame(j.output, runOp('conv2d', { input: T(j.input), weight: T(j.weight), bias: T(j.bias) }, CONV_ATTRS(j.hyper)).output);
  });

  it('grad after conv equals conv2d_backward with grad_output = ones', async () => {
    conv = await ok(s, 'conv x F=3 S=1 P=0 K=2 seed=3');
    const j = conv.json() as Record<string, any>;
    const g = await ok(s, 'grad');
    const ones = new Tensor(j.output.shape, new Array(j.output.data.length).fill(1));
    const e = runOp('conv2d_backward', { input: T(j.input), weight: T(j.weight), bias: T(j.bias), grad_output: ones }, CONV_ATTRS(j.hyper));
    expect(g.json()).toMatchObject({ command: 'grad', of: 'conv' });
    expectSame(g.json().grad_weight, e.grad_weight, 1e-5);
    expectSame(g.json().grad_bias, e.grad_bias, 1e-5);
    expectSame(g.json().grad_input, e.grad_input, 1e-5);
    // ∂L/∂b is the number of positions (16), the by-hand weight sum is the sum of the top-left 4×4.
    expect((g.json().grad_bias as TJ).data).toEqual([16, 16]);
    const formula = text(g).join('\n');
    expect(formula).toMatch(/engine: /);
  });
});

describe('pool on numbers', () => {
  const s = session();

  it.each([
    ['max', 'max_pool2d'],
    ['avg', 'avg_pool2d'],
    ['l2', 'lp_pool2d'],
  ])('pool x F=2 S=2 %s equals runOp %s', async (kind, op) => {
    await ok(s, 'let x = rand 6x6x1 seed=7');
    const r = await ok(s, `pool x F=2 S=2 ${kind}`);
    const j = r.json() as Record<string, any>;
    expect(j).toMatchObject({ command: 'pool', mode: 'values', pool: kind, params: 0, hyper: { F: 2, S: 2, P: 0, ceil: false } });
    const input = T(j.input);
    const attrs = op === 'lp_pool2d' ? { norm_type: 2, kernel_size: 2, stride: 2, ceil_mode: false } : POOL_ATTRS(j.hyper);
    const e = runOp(op, { input }, attrs);
    expect(e.output.shape).toEqual([1, 3, 3]);
    expectSame(j.output, e.output);
    if (kind === 'max') expect(j.argmax).toEqual(Array.from(e.indices.data));
  });

  it('a depth-2 input, overlapping windows, padding and ceil mode', async () => {
    await ok(s, 'let z = rand 8x7x2 seed=5');
    const r = await ok(s, 'pool z F=3 S=2 P=1 ceil');
    const j = r.json() as Record<string, any>;
    expectSame(j.output, runOp('max_pool2d', { input: T(j.input) }, POOL_ATTRS(j.hyper)).output);
    expect(j.shapes.output.depth).toBe(2);
  });

  it('grad after max pool equals max_pool2d_backward with ones: only the winners get a gradient', async () => {
    await ok(s, 'let x = rand 6x6x1 seed=7');
    const p = await ok(s, 'pool x F=2 S=2 max');
    const j = p.json() as Record<string, any>;
    const g = await ok(s, 'grad');
    const ones = new Tensor(j.output.shape, new Array(j.output.data.length).fill(1));
    const e = runOp('max_pool2d_backward', { input: T(j.input), grad_output: ones }, POOL_ATTRS(j.hyper)).grad_input;
    expect(g.json()).toMatchObject({ command: 'grad', of: 'pool', pool: 'max', cells_reached: 9 });
    expectSame(g.json().grad_input, e);
    // The cells reached are exactly the argmax cells.
    const reached = (g.json().grad_input as TJ).data.flatMap((v, i) => (v !== 0 ? [i] : []));
    expect(reached).toEqual([...(j.argmax as number[])].sort((a, b) => a - b));
  });

  it('grad after avg pool equals avg_pool2d_backward with ones', async () => {
    const p = await ok(s, 'pool x F=3 S=2 avg');
    const j = p.json() as Record<string, any>;
    const g = await ok(s, 'grad');
    const ones = new Tensor(j.output.shape, new Array(j.output.data.length).fill(1));
    expectSame(g.json().grad_input, runOp('avg_pool2d_backward', { input: T(j.input), grad_output: ones }, POOL_ATTRS(j.hyper)).grad_input);
  });
});

describe('step lists every window, each equal to the engine', () => {
  const s = session();
  type Win = { oy: number; ox: number; computed: number; engine: number };

  function expectGrid(windows: Win[], OH: number, OW: number): void {
    expect(windows).toHaveLength(OH * OW);
    expect(windows.map((w) => [w.oy, w.ox])).toEqual(Array.from({ length: OH * OW }, (_, i) => [Math.floor(i / OW), i % OW]));
  }

  it('5×5 conv F=3 S=2 P=1 → 9 windows', async () => {
    await ok(s, 'let y = rand 5x5x1 seed=2');
    const c = (await ok(s, 'conv y F=3 S=2 P=1')).json() as Record<string, any>;
    const r = await ok(s, 'step');
    expect(r.json()).toMatchObject({ command: 'step', op: 'conv' });
    const windows = r.json().windows as Win[];
    expectGrid(windows, 3, 3);
    const e = runOp('conv2d', { input: T(c.input), weight: T(c.weight), bias: T(c.bias) }, CONV_ATTRS(c.hyper)).output;
    windows.forEach((w, i) => expect(w.computed, `window ${i}`).toBeCloseTo(e.data[i], 5));
    expect(text(r).join('\n')).toMatch(/Sliding window: 9 windows/);
    // One filter on one slice: nothing to explain.
    expect(text(r).join(' ')).not.toMatch(/Shown:/);
  });

  it('depth 1, K=2: the windows walk filter 0, and the note says so (and how to see the other)', async () => {
    await ok(s, 'let x = rand 6x6x1 seed=7');
    const c = (await ok(s, 'conv x F=3 K=2 seed=3')).json() as Record<string, any>;
    const r = await ok(s, 'step');
    const windows = r.json().windows as Win[];
    expectGrid(windows, 4, 4);
    const e = runOp('conv2d', { input: T(c.input), weight: T(c.weight), bias: T(c.bias) }, CONV_ATTRS(c.hyper)).output;
    windows.forEach((w, i) => expect(w.computed, `window ${i}`).toBeCloseTo(e.data[i], 5));
    const t = text(r).join(' ');
    expect(t).toMatch(/Filter 0 of 0…1 \(step k=N for another/);
    expect(t).not.toMatch(/input channels/);
  });

  it('depth 2, K=3: each window adds both input channels, equal to the whole conv2d (filter 0, then k=2)', async () => {
    await ok(s, 'let d = rand 6x5x2 seed=9');
    const c = (await ok(s, 'conv d F=2 S=1 K=3')).json() as Record<string, any>;
    const e = runOp('conv2d', { input: T(c.input), weight: T(c.weight), bias: T(c.bias) }, CONV_ATTRS(c.hyper)).output;
    for (const k of [0, 2]) {
      const r = await ok(s, k ? `step k=${k}` : 'step');
      const windows = r.json().windows as Win[];
      expectGrid(windows, 4, 5);
      expect(text(r).join(' ')).toMatch(/Each window adds all 2 input channels/);
      windows.forEach((w, i) => expect(w.computed, `filter ${k} window ${i}`).toBeCloseTo(e.data[k * 20 + i], 5));
    }
  });

  it.each([
    ['max', '', 'max_pool2d'],
    ['avg', '', 'avg_pool2d'],
    ['l2', '', 'lp_pool2d'],
    ['max', 'P=1', 'max_pool2d'],
    ['avg', 'P=1', 'avg_pool2d'],
    ['max', 'ceil', 'max_pool2d'],
  ])('overlapping pool F=3 S=2 %s %s on 7×7: every window equals %s', async (kind, extra, op) => {
    await ok(s, 'let p = rand 7x7x1 seed=4');
    const c = (await ok(s, `pool p F=3 S=2 ${kind} ${extra}`)).json() as Record<string, any>;
    const r = await ok(s, 'step');
    const windows = r.json().windows as Win[];
    const { width: OW, height: OH } = c.shapes.output;
    if (extra === '') expect([OH, OW]).toEqual([3, 3]);
    expectGrid(windows, OH, OW);
    const attrs = op === 'lp_pool2d' ? { norm_type: 2, kernel_size: 3, stride: 2, ceil_mode: false } : POOL_ATTRS(c.hyper);
    const e = runOp(op, { input: T(c.input) }, attrs).output;
    windows.forEach((w, i) => expect(w.computed, `window ${i} (${w.oy}, ${w.ox})`).toBeCloseTo(e.data[i], 5));
  });

  it.each([
    ['let big = rand 1000x1000', 'conv big F=1', /1000×1000 input and 1,000,000 windows of 1×1/],
    ['let big = rand 1000x1000', 'pool big F=20', /1000×1000 input and 2,500 windows of 20×20/],
    ['let big = rand 400x400', 'conv big F=100 S=10', /400×400 input and 961 windows of 100×100/],
    ['let big = rand 200x200', 'pool big F=1', /200×200 input and 40,000 windows of 1×1/],
  ])('%s; %s; step answers at once with a clear message', async (make, op, re) => {
    await ok(s, make);
    await ok(s, op);
    const r = await s.exec('step');
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(re);
    expect(r.json().error).toMatch(/step takes inputs of up to 250,000 numbers, 10,000 windows and 250,000 window numbers/);
  });

  it('the largest plane step takes (100×100 windows) of whole numbers is walked in full', async () => {
    await ok(s, 'let z = zeros(100, 100) + 1');
    await ok(s, 'pool z F=1');
    const r = await ok(s, 'step');
    expect(r.json().windows as Win[]).toHaveLength(10_000);
    expect((r.json().windows as Win[]).every((w) => w.computed === 1)).toBe(true);
  });
});

describe('sequences', () => {
  const s = session();

  it('rnn T=6 H=3 equals stepping runOp rnn_cell', async () => {
    const j = (await ok(s, 'rnn T=6 H=3')).json() as Record<string, any>;
    const [steps, I] = j.input.shape as number[];
    expect([steps, I, j.H]).toEqual([6, 2, 3]);
    const x = j.input.data as number[];
    let h = new Tensor([3]);
    const rows: number[] = [];
    for (let t = 0; t < 6; t++) {
      h = runOp('rnn_cell', { input: new Tensor([I], x.slice(t * I, (t + 1) * I)), hidden: h, weight_ih: T(j.weight_ih), weight_hh: T(j.weight_hh), bias_ih: T(j.bias) }).h_next;
      rows.push(...h.data);
    }
    expectSame(j.output, new Tensor([6, 3], rows));
  });

  it('lstm T=8 H=4: every step’s gates, cell and h equal runOp lstm_cell', async () => {
    const j = (await ok(s, 'lstm T=8 H=4')).json() as Record<string, any>;
    const [steps, I] = j.input.shape as number[];
    const H = 4;
    expect(steps).toBe(8);
    const x = j.input.data as number[];
    let h = new Tensor([H]);
    let c = new Tensor([H]);
    const names = { input_gate: 'input_gate', forget_gate: 'forget_gate', cell_gate: 'cell_gate', output_gate: 'output_gate', output: 'h_next', cell: 'c_next' } as const;
    for (let t = 0; t < steps; t++) {
      const r = runOp('lstm_cell', { input: new Tensor([I], x.slice(t * I, (t + 1) * I)), hidden: h, cell: c, weight_ih: T(j.weight_ih), weight_hh: T(j.weight_hh), bias_ih: T(j.bias) });
      for (const [jsonName, opName] of Object.entries(names)) {
        const got = (j[jsonName] as TJ).data.slice(t * H, (t + 1) * H);
        got.forEach((v, u) => expect(v, `${jsonName} t=${t} unit ${u}`).toBeCloseTo(r[opName].data[u], 6));
      }
      h = r.h_next;
      c = r.c_next;
    }
    // Gates are sigmoid outputs: strictly between 0 and 1.
    for (const g of ['input_gate', 'forget_gate', 'output_gate']) for (const v of (j[g] as TJ).data) expect(v > 0 && v < 1).toBe(true);
  });

  it('grad rnn T=50 gain=0.9 vanishes, gain=1.1 explodes, and clip max=1 scales all steps by one factor to a total length of 1', async () => {
    const v = (await ok(s, 'grad rnn T=50 gain=0.9')).json() as Record<string, any>;
    const vn = v.grad_norms as number[];
    expect(vn).toHaveLength(51);
    expect(v.t_from).toBe(0);
    expect(vn[0]).toBeLessThan(vn[50]);
    for (let t = 0; t < 50; t++) expect(vn[t], `t=${t}`).toBeLessThan(vn[t + 1]);
    expect(vn[0] / vn[50]).toBeLessThan(0.01);

    const e = (await ok(s, 'grad rnn T=50 gain=1.1')).json() as Record<string, any>;
    const en = e.grad_norms as number[];
    expect(en[0]).toBeGreaterThan(en[50]);
    for (let t = 0; t < 50; t++) expect(en[t], `t=${t}`).toBeGreaterThan(en[t + 1]);
    expect(en[0] / en[50]).toBeGreaterThan(50);

    // The text states gain^T·√H as the pure power and says how far the measured value is from it.
    const shown = text(await ok(s, 'grad rnn T=50 gain=1.1'), 'en', 400).join('\n');
    const pure = 1.1 ** 50 * Math.sqrt(8);
    expect(shown).toContain('1.1^50·√8');
    expect(shown).toContain(`${((100 * en[0]) / pure).toFixed(1)}%`);

    const c = (await ok(s, 'clip max=1')).json() as Record<string, any>;
    expect(c.before).toEqual(en);
    const after = c.after as number[];
    expect(after).toHaveLength(51);
    // clip_grad_norm_ semantics: the total length of all steps' gradients becomes max_norm.
    const total = Math.hypot(...en);
    expect(c.total_norm).toBeCloseTo(total, 2);
    expect(c.coef).toBeCloseTo(1 / (total + 1e-6), 6);
    expect(Math.hypot(...after)).toBeCloseTo(1, 4);
    after.forEach((a, t) => expect(a / en[t], `t=${t}`).toBeCloseTo(c.coef as number, 5));
  });
});

describe('attention', () => {
  const s = session();

  it('attn L=5 d=4 causal: 0 above the diagonal, rows sum to 1, equal to scaled_dot_product_attention', async () => {
    const j = (await ok(s, 'attn L=5 d=4 causal')).json() as Record<string, any>;
    const e = runOp('scaled_dot_product_attention', { q: T(j.q), k: T(j.k), v: T(j.v) }, { causal: true });
    expectSame(j.weights, e.weights);
    expectSame(j.output, e.output);
    const w = j.weights.data as number[];
    expect(j.weights.shape).toEqual([5, 5]);
    for (let i = 0; i < 5; i++) {
      for (let k = i + 1; k < 5; k++) expect(w[i * 5 + k], `w[${i},${k}]`).toBe(0);
      expect(w.slice(i * 5, i * 5 + 5).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    }
    // Without the mask the same q, k, v give non-zero weights above the diagonal.
    const open = (await ok(s, 'attn L=5 d=4')).json() as Record<string, any>;
    expect(open.q).toEqual(j.q);
    expect((open.weights.data as number[])[1]).toBeGreaterThan(0);
  });

  it('mha L=6 E=8 h=2: output [6, 8] = the input’s shape, weights [2, 6, 6]', async () => {
    const j = (await ok(s, 'mha L=6 E=8 h=2')).json() as Record<string, any>;
    expect(j.input.shape).toEqual([6, 8]);
    expect(j.output.shape).toEqual([6, 8]);
    expect(j.concat.shape).toEqual([6, 8]);
    expect(j.weights.shape).toEqual([2, 6, 6]);
    const w = j.weights.data as number[];
    for (let r = 0; r < 12; r++) expect(w.slice(r * 6, r * 6 + 6).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(j.params).toBe(4 * (64 + 8));
  });

  it('posenc L=20 d=16 equals runOp positional_encoding', async () => {
    const j = (await ok(s, 'posenc L=20 d=16')).json() as Record<string, any>;
    expectSame(j.pe, runOp('positional_encoding', {}, { length: 20, d_model: 16 }).pe);
    expect((j.pe.data as number[]).slice(0, 4)).toEqual([0, 1, 0, 1]);
  });
});

describe('norms and activations', () => {
  const s = session();

  it('layernorm [1,2,3,6] equals runOp layer_norm (mean 3, variance 3.5)', async () => {
    const j = (await ok(s, 'layernorm [1,2,3,6]')).json() as Record<string, any>;
    expect(j.input).toEqual({ shape: [4], data: [1, 2, 3, 6] });
    expectSame(j.output, runOp('layer_norm', { input: Tensor.fromNested([1, 2, 3, 6]) }, { normalized_shape: [4], eps: 1e-5 }).output);
    expect(j.mean[0]).toBeCloseTo(3, 6);
    expect(j.variance[0]).toBeCloseTo(3.5, 6);
  });

  it('layernorm of a matrix normalizes each row', async () => {
    await ok(s, 'let m = rand 4x6 seed=3');
    const j = (await ok(s, 'layernorm m')).json() as Record<string, any>;
    expect(j.input.shape).toEqual([4, 6]);
    expectSame(j.output, runOp('layer_norm', { input: T(j.input) }, { normalized_shape: [6], eps: 1e-5 }).output);
  });

  it('softmax [2, 1, 0.1] equals runOp softmax and shows exp and sum', async () => {
    const r = await ok(s, 'softmax [2, 1, 0.1]');
    const j = r.json() as Record<string, any>;
    expectSame(j.output, runOp('softmax', { input: Tensor.fromNested([2, 1, 0.1]) }, { dim: -1 }).output);
    const z = Math.exp(2) + Math.exp(1) + Math.exp(0.1);
    (j.output.data as number[]).forEach((v, i) => expect(v).toBeCloseTo(Math.exp([2, 1, 0.1][i]) / z, 6));
    expect(j.exp).toHaveLength(3);
    expect(j.sum).toBeCloseTo(z / Math.exp(2), 6);
    const t = text(r).join('\n');
    expect(t).toContain('0.659');
  });

  it.each([
    ['relu [-2, 0, 3]', 'relu'],
    ['sigmoid [-1, 0, 2]', 'sigmoid'],
    ['tanh [-1, 0, 0.5]', 'tanh'],
  ])('%s equals runOp %s', async (line, op) => {
    const j = (await ok(s, line)).json() as Record<string, any>;
    expectSame(j.output, runOp(op, { input: T(j.input) }).output);
  });
});

describe('large values are summarized', () => {
  it.each([
    ['let seq = rand 64x15000', 'lstm seq H=16', 200],
    ['let rows = rand 2000x300', 'layernorm rows', 80],
    ['let rows = rand 2000x300', 'softmax rows', 30],
    ['let im = rand 300x300x3', 'conv im F=3 K=8', 150],
    ['let im = rand 300x300x3', 'pool im F=2', 100],
    ['let im = rand 300x300x3', 'relu im', 30],
  ])('%s; %s → fewer than %i lines of at most 80 columns', async (make, line, most) => {
    const s = session();
    await ok(s, make);
    const r = await ok(s, line);
    for (const lang of ['en', 'zh'] as const) {
      const lines = text(r, lang, 80);
      expect(lines.length).toBeLessThan(most);
      for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(80);
    }
  });

  it('show of a 224×224×3 input fits in fewer than 60 lines of at most 80 columns', async () => {
    const s = session();
    await ok(s, 'let big = rand 224x224x3');
    const r = await ok(s, 'show big');
    expect((r.json().value as TJ).shape).toEqual([3, 224, 224]);
    for (const lang of ['en', 'zh'] as const) {
      const lines = text(r, lang, 80);
      expect(lines.length).toBeLessThan(60);
      for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(80);
    }
  });
});

/** A script touching every command, in the order a student might type it. */
const SCRIPT = [
  'help',
  'help conv',
  'conv 32x32x3 F=5 S=1 P=2 K=16',
  'conv 7x7x1 F=2 S=2',
  'conv 227x227x3 F=11 S=4 K=96',
  'conv 4x4x1 F=5',
  'pool 32x32x16 F=2 S=2',
  'pool 55x55x96 F=3 S=2',
  'pool 8x8x1 F=3 S=2 ceil',
  'fc 4096 -> 1000',
  'fc 7x7x512 -> 4096',
  'net vgg16',
  'net resnet50',
  'net 32x32x3 | conv F=5 P=2 K=16 | relu | pool F=2 S=2 | fc 10',
  'relu -3',
  'sigmoid 0',
  'tanh [0, 1, -1]',
  'softmax [2, 1, 0.1]',
  'softmax [1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20]',
  'layernorm [1, 2, 3, 6]',
  'let x = rand 6x6x1 seed=7',
  'conv x F=3 S=1 P=0 K=2 seed=3',
  'step',
  'grad',
  'conv x F=3 S=2 P=1',
  'pool x F=2 S=2 max',
  'step',
  'grad',
  'pool x F=3 S=2 avg',
  'let c = rand 20x20x3',
  'conv c F=3 K=8',
  'step',
  'rnn T=6 H=3',
  'lstm T=8 H=4',
  'lstm T=30 H=16',
  'grad rnn T=50 gain=0.9',
  'clip max=1',
  'grad rnn T=50 gain=1.1',
  'clip max=1',
  'attn L=5 d=4 causal',
  'attn L=12 d=8',
  'mha L=6 E=8 h=2',
  'mha L=16 E=32 h=8 causal',
  'posenc L=20 d=16',
  'posenc L=100 d=64',
  'let big = rand 224x224x3',
  'show big',
  'show x',
  'let s = rand 8x3',
  'show s',
  'lstm s H=2',
  'let W = 227',
  'conv Wx227x3 F=11 S=4 K=96',
  'vars',
  'comv 32x32x3 F=5',
  'conv 32x32x3 F=5 S=1 P=2 K=16 stride=2',
  'pool 32x32x16 F=2 S=2 max avg',
  'conv ' + '32x'.repeat(3) + '3 F=3',
  'softmax [1, 2',
  'let conv = 3',
  '(32-5+2*2)/1+1',
  'train',
  'train spiral epochs=1 net="2 | fc 4 | tanh | fc 2"',
  'train spiral lr=abc',
  'experiment',
  'experiment no-nonlinearty',
  'clear',
];

describe('every command fits the terminal, in English and Chinese, without colour codes under NO_COLOR', () => {
  it('the script exercises every registered command', () => {
    const used = new Set(SCRIPT.map((l) => findSpec(allSpecs(), /^\s*([A-Za-z_][\w-]*)/.exec(l)?.[1] ?? '')?.name).filter(Boolean));
    const missing = allSpecs().map((s) => s.name).filter((n) => !used.has(n) && n !== 'exit');
    expect(missing).toEqual([]);
  });

  it.each([
    ['en', 80],
    ['en', 120],
    ['zh', 80],
    ['zh', 120],
  ] as const)('%s at width %i', async (lang, width) => {
    const s = session(lang, width);
    s.ctx.training = trainingService('headless');
    const theme = makeTheme(0);
    let chinese = 0;
    for (const line of SCRIPT) {
      const r = await s.exec(line);
      const lines = renderBlocks(r.blocks(), { lang, width, theme });
      for (const l of lines) {
        expect(stringWidth(l), `${line}\n${l}`).toBeLessThanOrEqual(width);
        expect(l, line).not.toMatch(/\u001b/);
      }
      if (/[\u4e00-\u9fff]/.test(lines.join(''))) chinese++;
    }
    if (lang === 'zh') expect(chinese).toBeGreaterThan(SCRIPT.length * 0.8);
    else expect(chinese).toBe(0);
  }, 60_000);
});
