/**
 * Issue 12, "numbers she types, and numbers she is shown": nothing the REPL adds
 * is hidden (a bias, a seed), nothing it echoes is other than what it holds (∞, not
 * null), and every sentence that states a property is true of the numbers shown.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { createSession } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const session = createSession({ lang: 'en' });
afterAll(() => session.close());
const run = (line: string) => session.exec(line);
const text = (r: Awaited<ReturnType<typeof run>>, lang: 'en' | 'zh' = 'en') => renderBlocks(r.blocks(), { lang, width: 200, theme: makeTheme(0) }).join('\n');
type TJ = { shape: number[]; data: number[] };
const T = (j: unknown) => new Tensor((j as TJ).shape, (j as TJ).data);

describe('conv with her own weights', () => {
  it('w= without b= uses bias 0, says so, and equals runOp conv2d with no bias', async () => {
    await run('let x = [[1,2,3],[4,5,6],[7,8,9]]');
    await run('let w = [[1,0],[0,1]]');
    const r = await run('conv x w=w');
    expect(r.ok).toBe(true);
    expect((r.json().bias as TJ).data).toEqual([0]);
    expect(r.json().biasFrom).toBe('zero');
    const engine = runOp('conv2d', { input: T(r.json().input), weight: T(r.json().weight) }, { stride: 1, padding: 0, dilation: 1 }).output;
    expect((r.json().output as TJ).data).toEqual(Array.from(engine.data));
    expect((r.json().output as TJ).data).toEqual([6, 8, 12, 14]);
    expect(text(r)).toMatch(/no b= given: the bias is 0/);
    expect(text(r, 'zh')).toMatch(/偏置为 0/);
  });

  it('w= with b= uses her bias; neither uses seeded ones and names the seed', async () => {
    await run('let b = [0.5]');
    const mine = await run('conv x w=w b=b');
    expect((mine.json().output as TJ).data).toEqual([6.5, 8.5, 12.5, 14.5]);
    const seeded = await run('conv x F=2 seed=9');
    expect(seeded.json().seed).toBe(9);
    expect(text(seeded)).toMatch(/random with seed=9/);
  });
});

describe('rand without seed=', () => {
  it('draws a fresh seed each time, prints it and puts it in --json; that seed gives the same numbers', async () => {
    const a = await run('let r = rand 4x4');
    const b = await run('let r = rand 4x4');
    const seedA = a.json().seed as number;
    expect(Number.isInteger(seedA)).toBe(true);
    // Two fresh seeds out of 99,999 agree once in 100,000 runs: two more draws make it one in 10^15.
    const seeds = new Set([seedA, b.json().seed, (await run('let q = rand 4x4')).json().seed, (await run('let q = rand 4x4')).json().seed]);
    expect(seeds.size).toBeGreaterThan(1);
    expect(text(a)).toContain(`seed=${seedA}`);
    const again = await run(`let s = rand 4x4 seed=${seedA}`);
    expect((again.json().value as TJ).data).toEqual((a.json().value as TJ).data);
  });

  it('a seed she gives is not called fresh', async () => {
    const r = await run('let r = rand 2x2 seed=3');
    expect(r.json().seed).toBe(3);
    expect(text(r)).not.toMatch(/fresh/);
    expect(text(r)).not.toMatch(/0\.\d{8}/); // float32 noise such as 0.23999999463558197
  });
});

describe('numbers beyond float32', () => {
  it('let a = [[1e39, 1]] echoes ∞ (not null) and says it overflowed', async () => {
    const r = await run('let a = [[1e39, 1]]');
    expect(text(r)).toContain('a = [[∞,1]]');
    expect(text(r)).not.toContain('null');
    expect(text(r)).toMatch(/overflowed to ∞/);
    expect(text(r, 'zh')).toMatch(/溢出为 ∞/);
  });

  it('softmax of it says the output is undefined and why, not "range ∞ … −∞"', async () => {
    const r = await run('softmax a');
    const y = runOp('softmax', { input: T(r.json().input) }, { dim: -1 }).output;
    expect(Array.from(y.data).every(Number.isNaN)).toBe(true);
    const t = text(r);
    expect(t).not.toMatch(/∞ … −∞/);
    expect(t).toMatch(/output range\s+none: every number is NaN/);
    expect(t).toMatch(/The output is undefined.*∞ − ∞ has no value/s);
    expect(t).not.toMatch(/each of the \d+ rows becomes probabilities that sum to 1\./);
  });
});

describe('layernorm states what the numbers show', () => {
  it('a constant row has variance 0, and the label says so', async () => {
    const r = await run('layernorm [[1,1,1],[1,2,3]]');
    const y = (r.json().output as TJ).data;
    expect(y.slice(0, 3)).toEqual([0, 0, 0]);
    const t = text(r);
    expect(t).not.toMatch(/every row now has mean 0 and variance 1/);
    expect(t).toMatch(/variance σ²\/\(σ²\+ε\) is not 1 in row 0/);
  });

  it('rows that do reach variance 1 keep the short label', async () => {
    const r = await run('layernorm [[1,2,3],[4,0,8]]');
    expect(text(r)).toMatch(/every row now has mean 0 and variance 1/);
  });
});

describe('step walks what the layer computes', () => {
  type Win = { oy: number; ox: number; computed: number; engine: number };
  it('after a ceil-mode pool whose window is larger than the input: one window, = 4', async () => {
    await run('let x = [[1,2],[3,4]]');
    expect((await run('pool x F=3 S=2 ceil')).ok).toBe(true);
    const r = await run('step');
    expect(r.ok, String(r.json().error)).toBe(true);
    expect(r.json().windows).toEqual([{ oy: 0, ox: 0, computed: 4, engine: 4 }]);
    expect(text(r)).toContain('Sliding window: 1 window\n');
  });

  it('step k=1 walks filter 1 over all input channels; every window equals runOp conv2d', async () => {
    await run('let v = rand 4x4x2 seed=3');
    const c = await run('conv v F=3 K=2 seed=1');
    const y = runOp('conv2d', { input: T(c.json().input), weight: T(c.json().weight), bias: T(c.json().bias) }, { stride: 1, padding: 0, dilation: 1 }).output;
    const r = await run('step k=1');
    expect(r.json()).toMatchObject({ filter: 1, filters: 2, channels: 2 });
    const w = r.json().windows as Win[];
    expect(w.map((x) => x.engine)).toEqual(Array.from(y.data.subarray(4, 8)));
    for (const x of w) expect(x.computed).toBeCloseTo(x.engine, 4);
    expect(text(r)).toMatch(/Filter 1 of 0…1/);
    expect(text(r)).toMatch(/adds all 2 input channels/);
    expect((await run('step')).json().filter).toBe(0);
    expect((await run('step k=2')).json().error).toMatch(/at most 1/);
  });

  it('four windows printed: "… window 3 …", not "windows 3 to 3"', async () => {
    await run('let q = rand 3x3 seed=2');
    await run('conv q F=2');
    const t = text(await run('step'));
    expect(t).toContain('… window 3 …');
    expect(t).not.toContain('windows 3 to 3');
  });
});

describe('--json holds everything needed to recompute the result', () => {
  it('mha: the input and all four projection tensors recompute the output with runOp multi_head_attention', async () => {
    const r = await run('mha L=4 E=8 h=2 causal');
    const j = r.json();
    const y = runOp(
      'multi_head_attention',
      { query: T(j.input), key: T(j.input), value: T(j.input), in_proj_weight: T(j.in_proj_weight), in_proj_bias: T(j.in_proj_bias), out_proj_weight: T(j.out_proj_weight), out_proj_bias: T(j.out_proj_bias) },
      { num_heads: 2, causal: true },
    ).output;
    Array.from(y.data).forEach((v, i) => expect((j.output as TJ).data[i]).toBeCloseTo(v, 5));
  });

  it('grad rnn: the input and both weight matrices recompute the gradient norms with runOp rnn_bptt_grad_norms', async () => {
    const r = await run('grad rnn T=12 gain=1.1 H=4');
    const j = r.json();
    const out = runOp('rnn_bptt_grad_norms', { input: T(j.input), weight_ih: T(j.weight_ih), weight_hh: T(j.weight_hh), bias_ih: T(j.bias_ih), bias_hh: T(j.bias_hh) }, {}).grad_norms;
    const norms = j.grad_norms as number[];
    expect(out.size).toBe(12);
    // grad_norms starts at t = 0 (h₀); the op's t = 1 … T.
    Array.from(out.data).forEach((v, i) => expect(norms[i + 1]).toBeCloseTo(v, 4));
  });

  it('grad after conv and pool names what it differentiated; clip lists the gradients it clipped', async () => {
    await run('let g = rand 4x4 seed=5');
    await run('conv g F=2 seed=2');
    const gcResult = await run('grad');
    const gc = gcResult.json();
    // One filter is one set of shared weights, in words too: "1 set", never "1 sets".
    expect(text(gcResult)).toContain('1 set (one depth slice), not 9');
    expect(text(gcResult)).not.toMatch(/\b1 sets\b/);
    const dw = runOp('conv2d_backward', { input: T(gc.input), weight: T(gc.weight), bias: T(gc.bias), grad_output: new Tensor([1, 3, 3], new Array(9).fill(1)) }, { stride: 1, padding: 0, dilation: 1 });
    Array.from(dw.grad_weight.data).forEach((v, i) => expect((gc.grad_weight as TJ).data[i]).toBeCloseTo(v, 4));
    await run('pool g F=2');
    expect((await run('grad')).json()).toMatchObject({ input: { shape: [1, 4, 4] }, hyper: { F: 2, S: 2, P: 0, ceil: false } });
    await run('grad rnn T=5');
    expect(((await run('clip max=1')).json().grads as TJ).shape).toEqual([6, 8]);
  });
});

describe('colours on one scale, numbers on offer', () => {
  it('mha: every head’s heatmap uses 0 … 1 (as attn), and its numbers are shown, equal to --json weights', async () => {
    const r = await run('mha L=4 E=8 h=2');
    const heat = r.blocks().filter((b) => b.kind === 'heatmap') as { min?: number; max?: number }[];
    expect(heat).toHaveLength(2);
    for (const h of heat) expect([h.min, h.max]).toEqual([0, 1]);
    const mats = r.blocks().filter((b) => b.kind === 'matrix' && /weights as numbers/.test(JSON.stringify(b.label))) as unknown as { tensor: TJ }[];
    expect(mats).toHaveLength(2);
    const all = (r.json().weights as TJ).data;
    expect(Array.from(mats[1].tensor.data)).toEqual(all.slice(16, 32));
  });

  it('posenc: the first positions as numbers beside the colours, equal to --json pe', async () => {
    const r = await run('posenc L=20 d=16');
    const m = r.blocks().find((b) => b.kind === 'matrix') as unknown as { tensor: TJ } | undefined;
    expect(m).toBeDefined();
    expect(m!.tensor.shape).toEqual([6, 16]);
    expect(Array.from(m!.tensor.data)).toEqual((r.json().pe as TJ).data.slice(0, 96));
    expect(text(r)).toMatch(/positions 0…5 of 20/);
  });
});

describe('her numbers, not only seeded ones', () => {
  it('rnn SEQ runs on her sequence; each step equals runOp rnn_cell; T= beside it is refused', async () => {
    await run('let s = [[1, 0], [0, 1], [1, 1]]');
    const r = await run('rnn s H=2');
    expect(r.ok).toBe(true);
    const j = r.json();
    expect(j).toMatchObject({ T: 3, I: 2, H: 2, input: { shape: [3, 2], data: [1, 0, 0, 1, 1, 1] } });
    let h = new Tensor([2]);
    const out = (j.output as TJ).data;
    for (let t = 0; t < 3; t++) {
      const xt = new Tensor([2], (j.input as TJ).data.slice(t * 2, t * 2 + 2));
      h = runOp('rnn_cell', { input: xt, hidden: h, weight_ih: T(j.weight_ih), weight_hh: T(j.weight_hh), bias_ih: T(j.bias), bias_hh: T(j.bias_hh) }).h_next;
      Array.from(h.data).forEach((v, k) => expect(out[t * 2 + k]).toBeCloseTo(v, 5));
    }
    expect((await run('rnn s T=3')).json().error).toMatch(/T= comes from your sequence/);
    expect((await run('lstm s I=5')).json().error).toMatch(/I= comes from your sequence/);
  });
  it('attn Q K V runs on her own numbers (cross-attention when K/V come from another sequence) and equals runOp sdpa', async () => {
    await run('let dec = [[1, 0], [0, 2]]');
    await run('let enc = [[1, 0], [0, 1], [1, 1]]');
    await run('let ev = [[1, 2, 3], [4, 5, 6], [7, 8, 9]]');
    const r = await run('attn dec enc ev');
    expect(r.ok).toBe(true);
    const j = r.json();
    expect(j).toMatchObject({ mode: 'yours', attention: 'cross', L: 2, S: 3, d: 2, d_v: 3, q: { data: [1, 0, 0, 2] } });
    const e = runOp('scaled_dot_product_attention', { q: T(j.q), k: T(j.k), v: T(j.v) }, { causal: false });
    expect((j.weights as TJ).shape).toEqual([2, 3]);
    Array.from(e.weights.data).forEach((v, i) => expect((j.weights as TJ).data[i]).toBeCloseTo(v, 6));
    Array.from(e.output.data).forEach((v, i) => expect((j.output as TJ).data[i]).toBeCloseTo(v, 6));
    expect(text(r)).toMatch(/Cross-attention: the 2 queries come from one sequence \(dec\), the 3 keys and values from another \(enc, ev\)/);
    expect(text(r, 'zh')).toMatch(/交叉注意力/);
    const c = (await run('attn dec enc ev causal')).json();
    const ec = runOp('scaled_dot_product_attention', { q: T(c.q), k: T(c.k), v: T(c.v) }, { causal: true });
    Array.from(ec.output.data).forEach((v, i) => expect((c.output as TJ).data[i]).toBeCloseTo(v, 6));
    expect((await run('attn enc enc enc')).json().attention).toBe('self');
  });

  it('attn Q K V refuses wrong shapes naming the expected ones, and options her shapes decide', async () => {
    await run('let dec = [[1, 0], [0, 2]]');
    await run('let wide = [[1, 0, 1]]');
    await run('let enc = [[1, 0], [0, 1], [1, 1]]');
    expect((await run('attn dec wide wide')).json().error).toMatch(/K must be \[S, d_k\] with d_k = 2.*wide has shape \[1, 3\]/);
    expect((await run('attn dec enc dec')).json().error).toMatch(/V must be \[S, d_v\] with S = 3.*dec has shape \[2, 2\]/);
    expect((await run('attn dec enc')).json().error).toMatch(/three: Q K V/);
    expect((await run('attn dec enc enc L=4')).json().error).toMatch(/L= comes from your Q, K and V/);
    const zh = createSession({ lang: 'zh' });
    await zh.exec('let dec = [[1, 0], [0, 2]]');
    await zh.exec('let wide = [[1, 0, 1]]');
    expect(String((await zh.exec('attn dec wide wide')).json().error)).toMatch(/K 必须是 \[S, d_k\]/);
    zh.close();
  });

  it('attn X: self-attention on her X with seeded W_Q, W_K, W_V (Q = X·W_Q), equal to runOp linear + sdpa', async () => {
    await run('let x = [[1, 0, 2], [0, 1, 0], [1, 1, 1], [2, 0, 0]]');
    const r = await run('attn x d=2 seed=4');
    const j = r.json();
    expect(j).toMatchObject({ mode: 'self', L: 4, S: 4, d: 2, seed: 4, input: { shape: [4, 3] }, w_q: { shape: [3, 2] } });
    const tr = (w: TJ) => new Tensor([w.shape[1], w.shape[0]], w.shape[1] === 0 ? [] : Array.from({ length: w.data.length }, (_, i) => w.data[(i % w.shape[0]) * w.shape[1] + Math.floor(i / w.shape[0])]));
    const proj = (w: unknown) => runOp('linear', { input: T(j.input), weight: tr(w as TJ) }).output;
    const [q, k, v] = [proj(j.w_q), proj(j.w_k), proj(j.w_v)];
    Array.from(q.data).forEach((val, i) => expect((j.q as TJ).data[i]).toBeCloseTo(val, 5));
    const e = runOp('scaled_dot_product_attention', { q, k, v }, { causal: false });
    Array.from(e.output.data).forEach((val, i) => expect((j.output as TJ).data[i]).toBeCloseTo(val, 5));
    expect(text(r)).toMatch(/W_Q, W_K, W_V \[3, 2\] are random with seed=4/);
    expect((await run('attn x L=3')).json().error).toMatch(/L= comes from your sequence/);
  });
  it('rnn SEQ wx= wh= b= runs with her weights (bias 0 without b=, said so) and equals runOp rnn_cell', async () => {
    await run('let s = [[1, 0], [0, 1], [1, 1]]');
    await run('let Wx = [[1, -1], [0.5, 0], [0, 2]]');
    await run('let Wh = [[0.5, 0, 0], [0, 0.5, 0], [0, 0, -0.5]]');
    await run('let bb = [0.1, -0.2, 0]');
    const r = await run('rnn s wx=Wx wh=Wh b=bb');
    expect(r.ok).toBe(true);
    const j = r.json();
    expect(j).toMatchObject({ H: 3, I: 2, weightsFrom: 'yours', biasFrom: 'yours', weight_ih: { data: [1, -1, 0.5, 0, 0, 2] }, bias: { data: [0.1, -0.2, 0].map((v) => Math.fround(v)) } });
    let h = new Tensor([3]);
    const out = (j.output as TJ).data;
    for (let t = 0; t < 3; t++) {
      const xt = new Tensor([2], (j.input as TJ).data.slice(t * 2, t * 2 + 2));
      h = runOp('rnn_cell', { input: xt, hidden: h, weight_ih: T(j.weight_ih), weight_hh: T(j.weight_hh), bias_ih: T(j.bias) }).h_next;
      Array.from(h.data).forEach((v, k) => expect(out[t * 3 + k]).toBeCloseTo(v, 5));
    }
    const nob = await run('rnn s wx=Wx wh=Wh');
    expect(nob.json()).toMatchObject({ biasFrom: 'zero', bias: { data: [0, 0, 0] } });
    expect(text(nob)).toMatch(/no b= given: the bias is 0/);
    expect(text(nob, 'zh')).toMatch(/偏置为 0/);
    expect(text(await run('rnn s H=2'))).toMatch(/random with seed=3; give wx=NAME wh=NAME/);
  });

  it('rnn/lstm refuse her weights of the wrong shape, naming PyTorch’s [H, I], [H, H], [4H, I]', async () => {
    await run('let s = [[1, 0], [0, 1], [1, 1]]');
    await run('let Wx = [[1, -1], [0.5, 0], [0, 2]]');
    await run('let Wh = [[0.5, 0, 0], [0, 0.5, 0], [0, 0, -0.5]]');
    await run('let s3 = [[1, 0, 1]]');
    expect((await run('rnn s3 wx=Wx wh=Wh')).json().error).toMatch(/wx \(W_x, PyTorch weight_ih\) must be \[H, I\] with I = 3.*Wx has shape \[3, 2\]/);
    expect((await run('rnn s wx=Wx wh=Wx')).json().error).toMatch(/wh \(W_h, PyTorch weight_hh\) must be \[H, H\] = \[3, 3\].*Wx has shape \[3, 2\]/);
    expect((await run('rnn s wx=Wx wh=Wh b=s')).json().error).toMatch(/b must hold H = 3 numbers/);
    expect((await run('rnn s wx=Wx')).json().error).toMatch(/need both wx= .* and wh=/);
    expect((await run('rnn s wx=Wx wh=Wh H=4')).json().error).toMatch(/H= comes from your weights/);
    expect((await run('lstm s wx=Wx wh=Wh')).json().error).toMatch(/must be \[4H, I\].*multiple of 4.*Wx has shape \[3, 2\]/);
    const zh = createSession({ lang: 'zh' });
    await zh.exec('let s = [[1, 0], [0, 1]]');
    await zh.exec('let Wx = [[1, -1], [0.5, 0], [0, 2]]');
    expect(String((await zh.exec('lstm s wx=Wx wh=Wx')).json().error)).toMatch(/必须是 \[4H, I\]/);
    zh.close();
  });

  it('lstm SEQ wx= wh= b= (gates i, f, g, o) equals runOp lstm; without a sequence, I comes from W_x', async () => {
    await run('let s = [[1, 0], [0, 1], [1, 1], [-1, 0.5]]');
    await run('let Lx = rand 4x2 seed=7');
    await run('let Lh = [[0.5], [-1], [2], [0.25]]');
    await run('let Lb = [0, 1, 0, -1]');
    const r = await run('lstm s wx=Lx wh=Lh b=Lb');
    expect(r.ok).toBe(true);
    const j = r.json();
    expect(j).toMatchObject({ T: 4, H: 1, I: 2, weightsFrom: 'yours', biasFrom: 'yours', weight_hh: { data: [0.5, -1, 2, 0.25] } });
    const e = runOp('lstm', { input: T(j.input), weight_ih: T(j.weight_ih), weight_hh: T(j.weight_hh), bias_ih: T(j.bias) });
    Array.from(e.output.data).forEach((v, i) => expect((j.output as TJ).data[i]).toBeCloseTo(v, 5));
    expect(text(r)).toMatch(/Your W_x \(wx=\), W_h \(wh=\) and bias \(b=\)/);
    const seeded = await run('lstm T=3 wx=Lx wh=Lh');
    expect(seeded.json()).toMatchObject({ T: 3, I: 2, H: 1, biasFrom: 'zero' });
  });
  it('mha X with her projections (PyTorch names) equals runOp multi_head_attention; missing ones are seeded or 0 and said so', async () => {
    await run('let mx = [[1, 0, 2, 0], [0, 1, 0, -1], [1, 1, 1, 1]]');
    await run('let win = rand 12x4 seed=21');
    await run('let bin = rand 12 seed=22');
    await run('let wout = rand 4x4 seed=23');
    const r = await run('mha mx h=2 win=win bin=bin wout=wout causal');
    expect(r.ok).toBe(true);
    const j = r.json();
    expect(j).toMatchObject({ L: 3, E: 4, heads: 2, yours: { in_proj_weight: true, in_proj_bias: true, out_proj_weight: true, out_proj_bias: false }, input: { data: [1, 0, 2, 0, 0, 1, 0, -1, 1, 1, 1, 1] }, out_proj_bias: { data: [0, 0, 0, 0] } });
    const x = T(j.input);
    const e = runOp('multi_head_attention', { query: x, key: x, value: x, in_proj_weight: T(j.in_proj_weight), in_proj_bias: T(j.in_proj_bias), out_proj_weight: T(j.out_proj_weight) }, { num_heads: 2, causal: true });
    Array.from(e.output.data).forEach((v, i) => expect((j.output as TJ).data[i]).toBeCloseTo(v, 5));
    expect(text(r)).toMatch(/Input X = mx \(yours\)\. in_proj_weight: yours; in_proj_bias: yours; out_proj_weight: yours; out_proj_bias: 0\./);
    expect(text(await run('mha mx h=1'))).toMatch(/in_proj_weight: random, seed=13/);
    expect((await run('mha mx win=wout')).json().error).toMatch(/win \(PyTorch in_proj_weight\) must be \[12, 4\] \(E = 4, the columns of X\); wout has shape \[4, 4\]/);
    expect((await run('mha mx E=4')).json().error).toMatch(/E= comes from your X/);
    expect((await run('mha L=3 win=win')).json().error).toMatch(/win= goes with your own X/);
  });
});

