import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, type GoldenTensor, parseGoldenFile } from '../../src/engine/golden.js';
import { type MhaWeights, multiHeadAttention, multiHeadAttentionDetailed, scaledDotProductAttention, sdpa } from '../../src/engine/ops/attention.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { randTensor } from './gradcheck.js';

const golden = parseGoldenFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8'));
const cases = golden.filter((c) => c.op === 'scaled_dot_product_attention' || c.op === 'multi_head_attention');
const gt = (t: GoldenTensor): Tensor => new Tensor(t.shape, Float32Array.from(t.data, (v) => Math.fround(v)));

describe('attention golden (PyTorch)', () => {
  it('the fixture has sdpa and multi-head cases', () => {
    expect(cases.some((c) => c.op === 'scaled_dot_product_attention')).toBe(true);
    expect(cases.some((c) => c.op === 'multi_head_attention')).toBe(true);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

type M = number[][];
const toM = (t: Tensor): M => t.toNested() as M;
const matmulT = (a: M, b: M): M => a.map((r) => b.map((s) => r.reduce((acc, v, k) => acc + v * s[k], 0)));
const cols = (a: M, from: number, to: number): M => a.map((r) => r.slice(from, to));

/** Float64 textbook attention, for checking the fast path. */
function refAttention(q: M, k: M, v: M, causal: boolean): { out: M; w: M } {
  const d = q[0].length;
  const w = matmulT(q, k).map((row, i) => {
    const s = row.map((x, j) => (causal && j > i ? -Infinity : x / Math.sqrt(d)));
    const m = Math.max(...s);
    const e = s.map((x) => Math.exp(x - m));
    const t = e.reduce((a, b) => a + b);
    return e.map((x) => x / t);
  });
  const out = w.map((row) => v[0].map((_, c) => row.reduce((acc, p, j) => acc + p * v[j][c], 0)));
  return { out, w };
}

/** Float64 textbook torch.nn.MultiheadAttention. */
function refMha(query: Tensor, key: Tensor, value: Tensor, w: MhaWeights, h: number, causal: boolean): { out: M; w: M[] } {
  const E = query.shape[1];
  const d = E / h;
  const Wi = toM(w.inProjWeight);
  const bi = w.inProjBias ? Array.from(w.inProjBias.data) : new Array<number>(3 * E).fill(0);
  const proj = (x: Tensor, part: number): M => matmulT(toM(x), Wi.slice(part * E, (part + 1) * E)).map((r) => r.map((v, c) => v + bi[part * E + c]));
  const Q = proj(query, 0);
  const K = proj(key, 1);
  const V = proj(value, 2);
  const weights: M[] = [];
  const concat: M = Q.map(() => []);
  for (let j = 0; j < h; j++) {
    const r = refAttention(cols(Q, j * d, (j + 1) * d), cols(K, j * d, (j + 1) * d), cols(V, j * d, (j + 1) * d), causal);
    weights.push(r.w);
    r.out.forEach((row, i) => concat[i].push(...row));
  }
  const bo = w.outProjBias ? Array.from(w.outProjBias.data) : new Array<number>(E).fill(0);
  const out = matmulT(concat, toM(w.outProjWeight)).map((r) => r.map((v, c) => v + bo[c]));
  return { out, w: weights };
}

const flat = (m: M | M[]): number[] => (m as unknown[]).flat(2) as number[];
const expectClose = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5): void => {
  expect(a.length).toBe(b.length);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  expect(worst).toBeLessThanOrEqual(tol);
};

function mhaWeights(E: number, seed: number): MhaWeights {
  return {
    inProjWeight: randTensor([3 * E, E], seed, 0.5),
    inProjBias: randTensor([3 * E], seed + 1, 0.5),
    outProjWeight: randTensor([E, E], seed + 2, 0.5),
    outProjBias: randTensor([E], seed + 3, 0.5),
  };
}

describe('scaled_dot_product_attention', () => {
  it('sdpa L=4 S=6 d=4 dv=3 equals textbook attention; scores = q kᵀ/√d', () => {
    const q = randTensor([4, 4], 1, 2);
    const k = randTensor([6, 4], 2, 2);
    const v = randTensor([6, 3], 3, 2);
    const r = sdpa(q, k, v);
    const ref = refAttention(toM(q), toM(k), toM(v), false);
    expect(r.output.shape).toEqual([4, 3]);
    expect(r.weights.shape).toEqual([4, 6]);
    expectClose(r.output.data, flat(ref.out));
    expectClose(r.weights.data, flat(ref.w));
    expectClose(r.scores.data, flat(matmulT(toM(q), toM(k)).map((row) => row.map((x) => x / 2))));
  });

  it('sdpa causal L=5 S=5 d=8: weights zero above the diagonal, scores -Infinity there, first row attends only to key 0', () => {
    const q = randTensor([5, 8], 4);
    const r = sdpa(q, randTensor([5, 8], 5), randTensor([5, 8], 6), { causal: true });
    for (let i = 0; i < 5; i++) {
      for (let j = i + 1; j < 5; j++) {
        expect(r.weights.get(i, j)).toBe(0);
        expect(r.scores.get(i, j)).toBe(-Infinity);
      }
    }
    expect(r.weights.get(0, 0)).toBe(1);
  });

  it('sdpa causal with L=3 < S=5 masks key j > query i (top-left aligned)', () => {
    const q = randTensor([3, 4], 7);
    const k = randTensor([5, 4], 8);
    const v = randTensor([5, 2], 9);
    const r = scaledDotProductAttention(q, k, v, true);
    const ref = refAttention(toM(q), toM(k), toM(v), true);
    expectClose(r.weights.data, flat(ref.w));
    expectClose(r.output.data, flat(ref.out));
  });

  it('causal weights [L, S] are zero above the diagonal and rows sum to 1 (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (L, S, d, causal, seed) => {
          const r = sdpa(randTensor([L, d], seed, 3), randTensor([S, d], seed + 1, 3), randTensor([S, 2], seed + 2), { causal });
          for (let i = 0; i < L; i++) {
            let s = 0;
            for (let j = 0; j < S; j++) {
              const w = r.weights.get(i, j);
              if (causal && j > i && w !== 0) return false;
              s += w;
            }
            if (Math.abs(s - 1) > 1e-5) return false;
          }
          return true;
        },
      ),
    );
  });
});

describe('multi_head_attention', () => {
  it('self-attention L=6 E=8 h=2 equals textbook torch.nn.MultiheadAttention', () => {
    const x = randTensor([6, 8], 1);
    const w = mhaWeights(8, 10);
    const r = multiHeadAttention(x, x, x, w, { numHeads: 2 });
    const ref = refMha(x, x, x, w, 2, false);
    expectClose(r.output.data, flat(ref.out));
    expect(r.weights.shape).toEqual([2, 6, 6]);
    expectClose(r.weights.data, flat(ref.w));
  });

  it('self-attention causal L=5 E=12 h=3 (query, key, value equal but distinct tensors)', () => {
    const x = randTensor([5, 12], 2);
    const copy = new Tensor([5, 12], x.data.slice());
    const w = mhaWeights(12, 20);
    const r = multiHeadAttention(x, copy, new Tensor([5, 12], x.data.slice()), w, { numHeads: 3, causal: true });
    const ref = refMha(x, x, x, w, 3, true);
    expectClose(r.output.data, flat(ref.out));
    expectClose(r.weights.data, flat(ref.w));
  });

  it('cross-attention L=3 S=7 E=6 h=3 with key = value', () => {
    const q = randTensor([3, 6], 3);
    const kv = randTensor([7, 6], 4);
    const w = mhaWeights(6, 30);
    const r = multiHeadAttention(q, kv, kv, w, { numHeads: 3 });
    const ref = refMha(q, kv, kv, w, 3, false);
    expect(r.output.shape).toEqual([3, 6]);
    expect(r.weights.shape).toEqual([3, 3, 7]);
    expectClose(r.output.data, flat(ref.out));
    expectClose(r.weights.data, flat(ref.w));
  });

  it('cross-attention L=4 S=5 E=4 h=1 with key ≠ value and no biases', () => {
    const q = randTensor([4, 4], 5);
    const k = randTensor([5, 4], 6);
    const v = randTensor([5, 4], 7);
    const w = mhaWeights(4, 40);
    const nb: MhaWeights = { inProjWeight: w.inProjWeight, outProjWeight: w.outProjWeight };
    const r = multiHeadAttention(q, k, v, nb, { numHeads: 1 });
    const ref = refMha(q, k, v, nb, 1, false);
    expectClose(r.output.data, flat(ref.out));
  });

  it('detailed L=4 E=8 h=4: heads are column blocks of Q/K/V, head outputs are sdpa, concat feeds out_proj', () => {
    const x = randTensor([4, 8], 8);
    const w = mhaWeights(8, 50);
    const t = multiHeadAttentionDetailed(x, x, x, w, { numHeads: 4 });
    const plain = multiHeadAttention(x, x, x, w, { numHeads: 4 });
    expect(Array.from(t.output.data)).toEqual(Array.from(plain.output.data));
    expect(t.qHeads.shape).toEqual([4, 4, 2]);
    expect(t.concat.shape).toEqual([4, 8]);
    for (let j = 0; j < 4; j++) {
      for (let i = 0; i < 4; i++) {
        for (let c = 0; c < 2; c++) {
          expect(t.qHeads.get(j, i, c)).toBe(t.q.get(i, j * 2 + c));
          expect(t.kHeads.get(j, i, c)).toBe(t.k.get(i, j * 2 + c));
          expect(t.vHeads.get(j, i, c)).toBe(t.v.get(i, j * 2 + c));
          expect(t.headOutputs.get(j, i, c)).toBe(t.concat.get(i, j * 2 + c));
        }
      }
      const head = (h: Tensor): Tensor => new Tensor([4, 2], h.data.slice(j * 8, (j + 1) * 8));
      const s = sdpa(head(t.qHeads), head(t.kHeads), head(t.vHeads));
      expectClose(s.output.data, head(t.headOutputs).data, 1e-6);
      expectClose(s.scores.data, t.scores.data.slice(j * 16, (j + 1) * 16), 1e-6);
    }
    const out = matmulT(toM(t.concat), toM(w.outProjWeight)).map((r) => r.map((v, c) => v + w.outProjBias!.data[c]));
    expectClose(t.output.data, flat(out));
  });

  it('golden cross_kv_e6_h3_l3_s5 through multiHeadAttention', () => {
    const c = cases.find((k) => k.id.includes('cross'))!;
    const i = c.inputs!;
    const r = multiHeadAttention(
      gt(i.query),
      gt(i.key),
      gt(i.value),
      { inProjWeight: gt(i.in_proj_weight), inProjBias: gt(i.in_proj_bias), outProjWeight: gt(i.out_proj_weight), outProjBias: gt(i.out_proj_bias) },
      { numHeads: Number(c.attrs!.num_heads) },
    );
    expectClose(r.output.data, c.outputs!.output.data, 1e-4);
    expectClose(r.weights.data, c.outputs!.weights.data, 1e-4);
  });

  it('output shape equals the query shape [L, E] and weights are [h, L, S] (fast-check)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 1e6 }),
        (h, d, L, S, causal, seed) => {
          const E = h * d;
          const q = randTensor([L, E], seed);
          const kv = randTensor([S, E], seed + 1);
          const self = causal || S === L;
          const r = multiHeadAttention(q, self ? q : kv, self ? q : kv, mhaWeights(E, seed + 2), { numHeads: h, causal });
          const Sx = self ? L : S;
          return (
            r.output.shape.length === 2 &&
            r.output.shape[0] === L &&
            r.output.shape[1] === E &&
            r.weights.shape.join() === [h, L, Sx].join() &&
            Array.from(r.output.data).every(Number.isFinite)
          );
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runOp multi_head_attention n=16 E=16 h=4 matches the function', () => {
    const x = randTensor([16, 16], 1);
    const w = mhaWeights(16, 60);
    const out = runOp(
      'multi_head_attention',
      { query: x, key: x, value: x, in_proj_weight: w.inProjWeight, in_proj_bias: w.inProjBias!, out_proj_weight: w.outProjWeight, out_proj_bias: w.outProjBias! },
      { embed_dim: 16, num_heads: 4, causal: true },
    );
    const r = multiHeadAttention(x, x, x, w, { numHeads: 4, causal: true });
    expect(Array.from(out.output.data)).toEqual(Array.from(r.output.data));
  });
});

describe('attention errors', () => {
  const w10 = mhaWeights(10, 1);
  const x10 = randTensor([4, 10], 1);
  it('num_heads 3 does not divide embed_dim 10: the message lists the divisors', () => {
    expect(() => multiHeadAttention(x10, x10, x10, w10, { numHeads: 3 })).toThrow(EngineError);
    expect(() => multiHeadAttention(x10, x10, x10, w10, { numHeads: 3 })).toThrow(/embed_dim 10 cannot be split into 3 heads.*1, 2, 5 or 10/);
  });
  it('embed_dim=8 attr with a query [4, 10]', () => {
    expect(() => multiHeadAttention(x10, x10, x10, w10, { numHeads: 2, embedDim: 8 })).toThrow(/embed_dim=8 but the query has 10/);
  });
  it('in_proj_weight [20, 10] for E=10 must be [30, 10]', () => {
    expect(() => multiHeadAttention(x10, x10, x10, { ...w10, inProjWeight: randTensor([20, 10], 1) }, { numHeads: 2 })).toThrow(
      /in_proj_weight has shape \[20, 10\] but must be \[3·E, E\] = \[30, 10\]/,
    );
  });
  it('key with 5 positions and value with 4', () => {
    expect(() => multiHeadAttention(x10, randTensor([5, 10], 2), randTensor([4, 10], 3), w10, { numHeads: 2 })).toThrow(/key has 5 positions but value has 4/);
  });
  it('key [5, 6] with query [4, 10]: sizes per position differ', () => {
    expect(() => multiHeadAttention(x10, randTensor([5, 6], 2), randTensor([5, 6], 3), w10, { numHeads: 2 })).toThrow(/key has 6 numbers per position but the query has 10/);
  });
  it('batched query [2, 4, 10] is explained (no batch dimension)', () => {
    const b = randTensor([2, 4, 10], 1);
    expect(() => multiHeadAttention(b, b, b, w10, { numHeads: 2 })).toThrow(/without a batch dimension/);
  });
  it('sdpa q [4, 8] with k [6, 4]: d must match', () => {
    expect(() => sdpa(randTensor([4, 8], 1), randTensor([6, 4], 2), randTensor([6, 4], 3))).toThrow(/q has 8 numbers per query but k has 4/);
  });
  it('sdpa k [6, 4] with v [5, 4]: one value per key', () => {
    expect(() => sdpa(randTensor([4, 4], 1), randTensor([6, 4], 2), randTensor([5, 4], 3))).toThrow(/k has 6 keys but v has 5 values/);
  });
  it('runOp refuses num_heads 0', () => {
    const w = mhaWeights(4, 1);
    const x = randTensor([2, 4], 1);
    expect(() =>
      runOp('multi_head_attention', { query: x, key: x, value: x, in_proj_weight: w.inProjWeight, out_proj_weight: w.outProjWeight }, { num_heads: 0 }),
    ).toThrow(/num_heads=0 is too small/);
  });
});
