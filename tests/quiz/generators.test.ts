import { describe, expect, it } from 'vitest';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import type { Msg } from '../../src/i18n/index.js';
import { REQUIRED_IDS } from '../../src/lessons/catalog.js';
import { attentionShapes, attentionShapesCase } from '../../src/quiz/generators/attention-shapes.js';
import { clip, clipCase } from '../../src/quiz/generators/clip.js';
import { convOutput, convOutputCase } from '../../src/quiz/generators/conv-output.js';
import { convParams, convParamsCase } from '../../src/quiz/generators/conv-params.js';
import { fcParams, fcParamsCase } from '../../src/quiz/generators/fc-params.js';
import { gradNorm, gradNormCase, gradNormNet } from '../../src/quiz/generators/grad-norm.js';
import { findGenerator, GENERATORS } from '../../src/quiz/generators/index.js';
import { lstmParams, lstmParamsCase } from '../../src/quiz/generators/lstm-params.js';
import { lstmStep, lstmStepCase } from '../../src/quiz/generators/lstm-step.js';
import { mhaParams, mhaParamsCase } from '../../src/quiz/generators/mha-params.js';
import { poolOutput, poolOutputCase } from '../../src/quiz/generators/pool-output.js';
import { receptiveField, receptiveFieldCase } from '../../src/quiz/generators/receptive-field.js';
import type { Generator, Question } from '../../src/quiz/types.js';

const SEEDS = Array.from({ length: 200 }, (_, i) => i);
const HAN = /[\u4e00-\u9fff]/;
const LESSONS = REQUIRED_IDS as readonly string[];

/** Every generator's 200 questions, made once. */
const made = new Map<Generator, Question[]>(GENERATORS.map((g) => [g, SEEDS.map((s) => g.make(s))]));
const qs = (g: Generator): Question[] => made.get(g)!;

function texts(q: Question): Msg[] {
  const out: Msg[] = [q.prompt, q.explain];
  if (q.hint) out.push(q.hint);
  if (q.kind === 'choice') out.push(...q.options);
  if (q.kind === 'order') out.push(...q.items);
  return out;
}

function numericAnswer(q: Question): number | number[] {
  if (q.kind !== 'numeric') throw new Error(`${q.id} is ${q.kind}, expected numeric`);
  return q.answer;
}

/** PyTorch's output size for one axis (conv: ceil=false; pool may use ceil mode). */
function torchSize(n: number, f: number, s: number, p: number, ceil = false): number {
  const num = n + 2 * p - f;
  let o = (ceil ? Math.ceil(num / s) : Math.floor(num / s)) + 1;
  if (ceil && (o - 1) * s >= n + p) o--;
  return o;
}

const sig = (z: number): number => 1 / (1 + Math.exp(-z));

describe('GENERATORS', () => {
  it('lists every generator once, with well-formed ids, lessons and titles', () => {
    const ids = GENERATORS.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.sort()).toEqual(
      [
        'gen/attention-shapes',
        'gen/clip',
        'gen/conv-output',
        'gen/conv-params',
        'gen/fc-params',
        'gen/grad-norm',
        'gen/lstm-params',
        'gen/lstm-step',
        'gen/mha-params',
        'gen/pool-output',
        'gen/receptive-field',
      ].sort(),
    );
    for (const g of GENERATORS) {
      expect(g.id).toMatch(/^gen\/[a-z-]+$/);
      expect(LESSONS, g.id).toContain(g.lesson);
      expect(g.lesson === g.topic || g.lesson.startsWith(g.topic + '/'), g.id).toBe(true);
      expect(g.title.en.length).toBeGreaterThan(0);
      expect(g.title.zh).toMatch(HAN);
    }
  });

  it('finds a generator by its id or by a generated question id', () => {
    expect(findGenerator('gen/clip')).toBe(clip);
    expect(findGenerator('gen/conv-output#42')).toBe(convOutput);
    expect(findGenerator('gen/nope')).toBeUndefined();
  });
});

describe.each(GENERATORS.map((g) => [g.id, g] as const))('%s', (_id, g) => {
  it('is deterministic per seed', () => {
    for (const s of SEEDS) expect(g.make(s), `${g.id}#${s}`).toEqual(qs(g)[s]);
    // seeds outside 0..199 work too (large, negative)
    for (const s of [2 ** 31 + 5, 4294967295, -7, 123456789]) expect(g.make(s)).toEqual(g.make(s));
  });

  it('makes well-formed bilingual questions', () => {
    qs(g).forEach((q, s) => {
      const where = `${g.id}#${s}`;
      expect(q.id).toBe(where);
      expect(q.topic).toBe(g.topic);
      expect(LESSONS, where).toContain(q.lesson);
      expect(q.lesson.startsWith(q.topic + '/'), where).toBe(true);
      expect(q.hint, where).toBeDefined();
      for (const m of texts(q)) {
        expect(m.en.trim().length, where).toBeGreaterThan(0);
        expect(m.zh.trim().length, where).toBeGreaterThan(0);
        expect(m.zh, where).toMatch(HAN);
        expect(m.en, where).not.toMatch(HAN);
        expect(m.en + m.zh, where).not.toMatch(/undefined|NaN|null|\[object/);
      }
      expect(q.prompt.en.length, where).toBeLessThanOrEqual(300);
      expect(q.prompt.zh.length, where).toBeLessThanOrEqual(300);
      switch (q.kind) {
        case 'choice': {
          expect(q.options.length, where).toBeGreaterThanOrEqual(2);
          expect(Number.isInteger(q.answer) && q.answer >= 0 && q.answer < q.options.length, where).toBe(true);
          expect(new Set(q.options.map((o) => o.en)).size, where).toBe(q.options.length);
          expect(new Set(q.options.map((o) => o.zh)).size, where).toBe(q.options.length);
          break;
        }
        case 'numeric': {
          const a = q.answer;
          if (Array.isArray(a)) {
            expect(a.length, where).toBe(3);
            for (const v of a) expect(Number.isInteger(v) && v >= 1, where).toBe(true);
          } else {
            expect(Number.isFinite(a), where).toBe(true);
          }
          if (q.tolerance !== undefined) {
            expect(Number.isFinite(q.tolerance) && q.tolerance > 0, where).toBe(true);
          }
          // decimals need a tolerance; whole-number answers do not
          const vals = Array.isArray(a) ? a : [a];
          if (vals.some((v) => !Number.isInteger(v))) expect(q.tolerance, where).toBeDefined();
          break;
        }
        case 'truefalse':
          expect(typeof q.answer, where).toBe('boolean');
          break;
        default:
          throw new Error(`${where}: unexpected kind ${q.kind}`);
      }
    });
  });

  it('varies with the seed', () => {
    const answers = new Set(qs(g).map((q) => JSON.stringify('answer' in q ? q.answer : null)));
    expect(answers.size, g.id).toBeGreaterThan(1);
    const prompts = new Set(qs(g).map((q) => q.prompt.en));
    expect(prompts.size, g.id).toBeGreaterThan(30);
  });
});

describe('gen/conv-output', () => {
  it('agrees with the engine (conv_output_shape) and the floor formula', () => {
    let exact = 0;
    let floor = 0;
    let invalid = 0;
    SEEDS.forEach((s) => {
      const c = convOutputCase(s);
      const q = qs(convOutput)[s];
      const attrs = { in_c: c.D, in_h: c.H, in_w: c.W, out_channels: c.K, kernel_size: c.F, stride: c.S, padding: c.P };
      if (c.kind === 'invalid') {
        invalid++;
        expect(c.W + 2 * c.P).toBeLessThan(c.F);
        expect(() => runOp('conv_output_shape', {}, attrs)).toThrow(/kernel size can't be greater/);
        expect(q.kind).toBe('choice');
        if (q.kind !== 'choice') return;
        expect(q.options[q.answer].en).toMatch(/raises an error because the kernel is larger than the padded input/);
        expect(q.explain.en).toMatch(/kernel size can't be greater/);
        return;
      }
      const [C, H2, W2] = Array.from(runOp('conv_output_shape', {}, attrs).out_shape.data);
      expect(numericAnswer(q), `seed ${s}`).toEqual([W2, H2, C]);
      expect([W2, H2, C]).toEqual([torchSize(c.W, c.F, c.S, c.P), torchSize(c.H, c.F, c.S, c.P), c.K]);
      const whole = (c.W - c.F + 2 * c.P) % c.S === 0 && (c.H - c.F + 2 * c.P) % c.S === 0;
      if (c.kind === 'exact') {
        exact++;
        expect(whole, `seed ${s}`).toBe(true);
      } else {
        floor++;
        expect((c.W - c.F + 2 * c.P) % c.S, `seed ${s}`).not.toBe(0);
        expect(q.explain.en).toMatch(/rounds down/);
        // the rows/columns no window visits are named, or the leftover is said to be padding only
        const seen = new Set<number>();
        for (let o = 0; o < W2; o++) for (let x = o * c.S - c.P; x < o * c.S - c.P + c.F; x++) if (x >= 0 && x < c.W) seen.add(x);
        if (seen.size < c.W) expect(q.explain.en, `seed ${s}`).toMatch(/never (covered|read)/);
        else expect(q.explain.en, `seed ${s}`).toMatch(/leftover lies in the padding/);
      }
    });
    expect(exact).toBeGreaterThan(100);
    expect(floor).toBeGreaterThan(15);
    expect(invalid).toBeGreaterThan(10);
  });
});

describe('gen/pool-output', () => {
  it('agrees with the engine (pool_output_shape) and PyTorch\'s rules, incl. ceil mode', () => {
    const flavors = new Map<string, number>();
    SEEDS.forEach((s) => {
      const c = poolOutputCase(s);
      flavors.set(c.flavor, (flavors.get(c.flavor) ?? 0) + 1);
      const attrs = { pool: c.pool, in_c: c.D, in_h: c.H, in_w: c.W, kernel_size: c.F, stride: c.S, padding: c.P, ceil_mode: c.ceilMode };
      const [D2, H2, W2] = Array.from(runOp('pool_output_shape', {}, attrs).out_shape.data);
      const q = qs(poolOutput)[s];
      expect(numericAnswer(q), `seed ${s}`).toEqual([W2, H2, D2]);
      expect([W2, H2, D2]).toEqual([torchSize(c.W, c.F, c.S, c.P, c.ceilMode), torchSize(c.H, c.F, c.S, c.P, c.ceilMode), c.D]);
      if (c.flavor === 'ceil-drop') {
        const rounded = Math.ceil((c.W + 2 * c.P - c.F) / c.S) + 1;
        expect(W2, `seed ${s}`).toBe(rounded - 1);
        expect(q.explain.en).toMatch(/drops it/);
        expect(q.explain.zh).toMatch(/丢弃/);
      }
      if (c.flavor === 'overlap') expect(q.explain.en).toMatch(/overlap/);
      expect(q.prompt.en.includes('ceil_mode=True')).toBe(c.ceilMode);
    });
    for (const f of ['halve', 'overlap', 'floor', 'ceil', 'ceil-drop']) expect(flavors.get(f) ?? 0, f).toBeGreaterThan(10);
  });
});

describe('parameter counts', () => {
  it('gen/conv-params: K·(F·F·D + 1), weights only, or one filter', () => {
    const asks = new Set<string>();
    SEEDS.forEach((s) => {
      const c = convParamsCase(s);
      asks.add(c.ask);
      const expected = c.ask === 'total' ? c.K * (c.F * c.F * c.D + 1) : c.ask === 'weights' ? c.K * c.F * c.F * c.D : c.F * c.F * c.D + 1;
      expect(numericAnswer(qs(convParams)[s]), `seed ${s}`).toBe(expected);
      // the layer is valid: the engine runs it
      expect(() => runOp('conv_output_shape', {}, { in_c: c.D, in_h: c.W, in_w: c.W, out_channels: c.K, kernel_size: c.F, stride: c.S, padding: c.P })).not.toThrow();
    });
    expect(asks.size).toBe(3);
  });

  it('gen/fc-params: in·out + out, flattening a volume', () => {
    let flat = 0;
    SEEDS.forEach((s) => {
      const c = fcParamsCase(s);
      const n = c.W * c.H * c.D;
      if (c.flatten) flat++;
      const expected = n * c.out + (c.weightsOnly ? 0 : c.out);
      const q = qs(fcParams)[s];
      expect(numericAnswer(q), `seed ${s}`).toBe(expected);
      if (c.flatten) expect(q.prompt.en).toContain(`${c.W}×${c.H}×${c.D}`);
    });
    expect(flat).toBeGreaterThan(50);
    expect(flat).toBeLessThan(180);
  });

  it('gen/lstm-params: 4·(H·(I + H) + 2H) with two biases, 4·(H·(I + H) + H) with one', () => {
    let two = 0;
    SEEDS.forEach((s) => {
      const { I, H, twoBiases } = lstmParamsCase(s);
      if (twoBiases) two++;
      const q = qs(lstmParams)[s];
      expect(numericAnswer(q), `seed ${s}`).toBe(4 * (H * (I + H) + (twoBiases ? 2 * H : H)));
      expect(/two bias/.test(q.prompt.en)).toBe(twoBiases);
      expect(/ONE bias/.test(q.prompt.en)).toBe(!twoBiases);
      // the engine accepts exactly these tensors
      const out = runOp('lstm_cell', {
        input: new Tensor([I]),
        weight_ih: new Tensor([4 * H, I]),
        weight_hh: new Tensor([4 * H, H]),
        bias_ih: new Tensor([4 * H]),
        bias_hh: new Tensor([4 * H]),
      });
      expect(out.c_next.shape).toEqual([H]);
    });
    expect(two).toBeGreaterThan(40);
    expect(two).toBeLessThan(180);
  });

  it('gen/mha-params: 4·(E² + E), 4·E², or one head\'s E×(E/h)', () => {
    const asks = new Set<string>();
    SEEDS.forEach((s) => {
      const { ask, E, h } = mhaParamsCase(s);
      asks.add(ask);
      expect(E % h).toBe(0);
      const expected = ask === 'with-bias' ? 4 * (E * E + E) : ask === 'no-bias' ? 4 * E * E : (E * E) / h;
      expect(numericAnswer(qs(mhaParams)[s]), `seed ${s}`).toBe(expected);
    });
    expect(asks.size).toBe(3);
  });
});

describe('gen/receptive-field', () => {
  it('agrees with r += (F − 1)·jump, jump *= S over 2–4 layers', () => {
    const depths = new Set<number>();
    SEEDS.forEach((s) => {
      const { layers } = receptiveFieldCase(s);
      depths.add(layers.length);
      expect(layers.length).toBeGreaterThanOrEqual(2);
      expect(layers.length).toBeLessThanOrEqual(4);
      let r = 1;
      let jump = 1;
      for (const l of layers) {
        r += (l.F - 1) * jump;
        jump *= l.S;
      }
      expect(numericAnswer(qs(receptiveField)[s]), `seed ${s}`).toBe(r);
    });
    expect([...depths].sort()).toEqual([2, 3, 4]);
  });
});

describe('gen/attention-shapes', () => {
  it('agrees with the shapes of scaled dot-product attention and d/h', () => {
    const asks = new Set<string>();
    SEEDS.forEach((s) => {
      const c = attentionShapesCase(s);
      asks.add(c.ask);
      expect(c.d % c.h).toBe(0);
      const dk = c.d / c.h;
      const L = c.ask.startsWith('cross') ? c.m : c.n;
      if (c.ask.startsWith('cross')) expect(c.m).not.toBe(c.n);
      const w = runOp('scaled_dot_product_attention', { q: new Tensor([L, dk]), k: new Tensor([c.n, dk]), v: new Tensor([c.n, dk]) }).weights;
      const [rows, cols] = w.shape;
      const expected: Record<string, number> = {
        'scores-cols': cols,
        'scores-entries': w.size,
        'all-heads-scores': c.h * w.size,
        'head-q-cols': dk,
        'concat-cols': c.d,
        'cross-rows': rows,
        'cross-cols': cols,
        'cross-entries': w.size,
      };
      expect(numericAnswer(qs(attentionShapes)[s]), `seed ${s} ${c.ask}`).toBe(expected[c.ask]);
    });
    expect(asks.size).toBe(8);
  });
});

describe('gen/lstm-step', () => {
  it('agrees with the engine (lstm_cell) and σ/tanh by hand', () => {
    const asks = new Map<string, Set<number>>();
    let twoUnits = 0;
    SEEDS.forEach((s) => {
      const c = lstmStepCase(s);
      const q = qs(lstmStep)[s];
      const H = c.H;
      if (H === 2) twoUnits++;
      const out = runOp('lstm_cell', {
        input: new Tensor([1], [1]),
        hidden: new Tensor([H]),
        cell: new Tensor([H], c.cPrev),
        weight_ih: new Tensor([4 * H, 1], [...c.zi, ...c.zf, ...c.zg, ...c.zo]),
        weight_hh: new Tensor([4 * H, H]),
      });
      const k = c.unit;
      const i = sig(c.zi[k]);
      const f = sig(c.zf[k]);
      const g = Math.tanh(c.zg[k]);
      const o = sig(c.zo[k]);
      const cNew = f * c.cPrev[k] + i * g;
      const hNew = o * Math.tanh(cNew);
      expect(out.c_next.data[k]).toBeCloseTo(cNew, 5);
      expect(out.h_next.data[k]).toBeCloseTo(hNew, 5);
      const seen = asks.get(c.ask) ?? new Set<number>();
      asks.set(c.ask, seen);
      if (c.ask === 'most-open' || c.ask === 'most-closed') {
        expect(q.kind).toBe('choice');
        if (q.kind !== 'choice') return;
        const gates = [out.input_gate.data[0], out.forget_gate.data[0], out.output_gate.data[0]];
        const want = c.ask === 'most-open' ? gates.indexOf(Math.max(...gates)) : gates.indexOf(Math.min(...gates));
        expect(q.answer, `seed ${s}`).toBe(want);
        // clearly open/closed: the extreme pre-activation stands out by ≥ 1.5
        const z = [c.zi[0], c.zf[0], c.zo[0]].sort((a, b) => a - b);
        expect(c.ask === 'most-open' ? z[2] - z[1] : z[1] - z[0]).toBeGreaterThanOrEqual(1.5);
        seen.add(q.answer);
        return;
      }
      const a = numericAnswer(q) as number;
      expect(q.kind === 'numeric' && q.tolerance).toBe(0.01);
      expect(a, `seed ${s}`).toBeCloseTo(c.ask === 'c' ? cNew : hNew, 5);
      expect(a).toBe(c.ask === 'c' ? out.c_next.data[k] : out.h_next.data[k]);
      seen.add(Math.round(a * 100));
    });
    expect([...asks.keys()].sort()).toEqual(['c', 'h', 'most-closed', 'most-open']);
    // every gate is sometimes the answer
    expect(asks.get('most-open')!.size).toBe(3);
    expect(asks.get('most-closed')!.size).toBe(3);
    expect(asks.get('c')!.size).toBeGreaterThan(20);
    expect(twoUnits).toBeGreaterThan(10);
  });
});

describe('gen/grad-norm', () => {
  it('agrees with rnn_bptt_grad_norms and with g^k·‖g_T‖ (linear regime)', () => {
    const gains = new Set<number>();
    SEEDS.forEach((s) => {
      const c = gradNormCase(s);
      gains.add(c.gain);
      const q = qs(gradNorm)[s];
      const a = numericAnswer(q) as number;
      const { input, weightIh, weightHh } = gradNormNet(c);
      const norms = runOp('rnn_bptt_grad_norms', { input, weight_ih: weightIh, weight_hh: weightHh }).grad_norms.data;
      expect(norms.length).toBe(c.k + 1);
      expect(a, `seed ${s}`).toBeCloseTo((norms[0] / norms[c.k]) * c.last, 6);
      const approx = c.gain ** c.k * c.last;
      expect(Math.abs(a - approx) / approx, `seed ${s}`).toBeLessThan(1e-3);
      expect(q.kind === 'numeric' && q.tolerance).toBeCloseTo(0.05 * a, 10);
      expect(q.explain.en).toContain(`${c.gain}^${c.k}`);
      expect(c.gain ** c.k).toBeGreaterThanOrEqual(1e-3);
      expect(c.gain ** c.k).toBeLessThanOrEqual(1e3);
    });
    expect([...gains].some((g) => g < 1) && [...gains].some((g) => g > 1)).toBe(true);
  });
});

describe('gen/clip', () => {
  it('agrees with the engine (clip_grad_norm)', () => {
    const asks = new Map<string, number>();
    let changed = 0;
    let unchanged = 0;
    SEEDS.forEach((s) => {
      const c = clipCase(s);
      asks.set(c.ask, (asks.get(c.ask) ?? 0) + 1);
      expect(c.grad.length === 3 || c.grad.length === 4).toBe(true);
      const out = runOp('clip_grad_norm', { g0: new Tensor([c.grad.length], c.grad) }, { max_norm: c.maxNorm });
      const clipped = Array.from(out.g0.data);
      const norm = Math.hypot(...c.grad);
      expect(out.total_norm.data[0]).toBeCloseTo(norm, 4);
      // never ambiguous: max_norm is clearly away from the norm
      expect(Math.abs(norm - c.maxNorm)).toBeGreaterThan(0.1 * norm);
      const q = qs(clip)[s];
      if (norm > c.maxNorm) changed++;
      else unchanged++;
      if (c.ask === 'changes') {
        expect(q.kind === 'truefalse' && q.answer, `seed ${s}`).toBe(norm > c.maxNorm);
        return;
      }
      const a = numericAnswer(q) as number;
      const want = c.ask === 'norm' ? Math.hypot(...clipped) : clipped[c.entry];
      expect(a, `seed ${s}`).toBeCloseTo(want, 5);
      // by hand: scale by max_norm/‖g‖ when too long
      const coef = Math.min(1, c.maxNorm / norm);
      expect(a).toBeCloseTo(c.ask === 'norm' ? norm * coef : c.grad[c.entry] * coef, 4);
    });
    for (const k of ['norm', 'entry', 'changes']) expect(asks.get(k) ?? 0, k).toBeGreaterThan(20);
    expect(changed).toBeGreaterThan(20);
    expect(unchanged).toBeGreaterThan(20);
  });
});
