/**
 * What the transformer lessons compute with: seeded word embeddings, linear
 * projections, and a whole encoder block (multi-head attention → Add & Norm
 * → feed forward → Add & Norm) assembled from the engine's ops.
 */
import { F, layerNormWithStats, multiHeadAttention, positionalEncoding, randNormal, Tensor, type MhaWeights } from '../../engine/index.js';
import type { Lang } from '../../i18n/index.js';

/** The notes' translation example: the Chinese source sentence and its English translation. */
export const SOURCE = ['我', '有', '一只', '猫'] as const;
export const TARGET = ['<B>', 'I', 'have', 'a', 'cat'] as const;

/**
 * Seeded numbers times s, each rounded to float32 once. Only for making weights:
 * F.scale would first round s itself (1/√8, 0.1) to float32 and move the last bit
 * of some weights, so every lesson's numbers would shift.
 */
function scale(t: Tensor, s: number): Tensor {
  return new Tensor(t.shape, Array.from(t.data, (v) => v * s));
}

/** Row r of a matrix as a plain array. */
export function rowOf(x: Tensor, r: number): number[] {
  const d = x.shape[1];
  return Array.from(x.data.subarray(r * d, (r + 1) * d));
}

export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
}

/** A seeded weight matrix [out, in] with the usual 1/√in scale (for linear: x·Wᵀ). */
export function weight(out: number, inF: number, seed: number): Tensor {
  return scale(randNormal([out, inF], seed), 1 / Math.sqrt(inF));
}

/**
 * A seeded embedding table: one row of d numbers per word of the vocabulary,
 * looked up by the word itself, so the same word always gets the same row.
 */
export function embed(words: readonly string[], d: number, seed: number): Tensor {
  const out = new Float32Array(words.length * d);
  words.forEach((w, k) => {
    let h = seed >>> 0;
    for (const ch of w) h = Math.imul(h ^ ch.codePointAt(0)!, 2654435761) >>> 0;
    out.set(randNormal([d], h).data, k * d);
  });
  return new Tensor([words.length, d], out);
}

/** X = word embedding + position embedding, as step 1 of the notes builds it. */
export function inputRepresentation(words: readonly string[], d: number, seed: number): { emb: Tensor; pe: Tensor; x: Tensor } {
  const emb = embed(words, d, seed);
  const pe = positionalEncoding(words.length, d);
  return { emb, pe, x: F.add(emb, pe) };
}

/** Seeded torch.nn.MultiheadAttention weights for embed_dim E. */
export function mhaWeights(E: number, seed: number): MhaWeights {
  return {
    inProjWeight: weight(3 * E, E, seed),
    inProjBias: scale(randNormal([3 * E], seed + 1), 0.1),
    outProjWeight: weight(E, E, seed + 2),
    outProjBias: scale(randNormal([E], seed + 3), 0.1),
  };
}

/** Q = X·W_Qᵀ, K = X·W_Kᵀ, V = X·W_Vᵀ with seeded d_k×d matrices (no bias). */
export function qkv(x: Tensor, dk: number, seed: number): { wq: Tensor; wk: Tensor; wv: Tensor; q: Tensor; k: Tensor; v: Tensor } {
  const d = x.shape[1];
  const wq = weight(dk, d, seed);
  const wk = weight(dk, d, seed + 1);
  const wv = weight(dk, d, seed + 2);
  return { wq, wk, wv, q: F.linear(x, wq), k: F.linear(x, wk), v: F.linear(x, wv) };
}

export interface EncoderTrace {
  x: Tensor;
  attn: Tensor;
  sum1: Tensor;
  norm1: Tensor;
  hidden: Tensor;
  ffn: Tensor;
  sum2: Tensor;
  out: Tensor;
}

/** One encoder block on x [n, d] with seeded weights: MHA → Add & Norm → FFN (d → dff → d, ReLU) → Add & Norm. */
export function encoderBlock(x: Tensor, heads: number, dff: number, seed: number): EncoderTrace {
  const d = x.shape[1];
  const attn = multiHeadAttention(x, x, x, mhaWeights(d, seed), { numHeads: heads }).output;
  const sum1 = F.add(x, attn);
  const norm1 = layerNormWithStats(sum1, [d]).output;
  const hidden = F.relu(F.linear(norm1, weight(dff, d, seed + 10), scale(randNormal([dff], seed + 11), 0.1)));
  const ffn = F.linear(hidden, weight(d, dff, seed + 12), scale(randNormal([d], seed + 13), 0.1));
  const sum2 = F.add(norm1, ffn);
  const out = layerNormWithStats(sum2, [d]).output;
  return { x, attn, sum1, norm1, hidden, ffn, sum2, out };
}

/** Per-row mean and (biased) variance of a matrix. */
export function rowStats(x: Tensor): { mean: number[]; variance: number[] } {
  const [n, d] = x.shape;
  const mean: number[] = [];
  const variance: number[] = [];
  for (let r = 0; r < n; r++) {
    const row = x.data.subarray(r * d, (r + 1) * d);
    const m = row.reduce((s, v) => s + v, 0) / d;
    mean.push(m);
    variance.push(row.reduce((s, v) => s + (v - m) * (v - m), 0) / d);
  }
  return { mean, variance };
}

/** The words of the bag-of-words example in the student's language. */
export function bagSentence(lang: Lang): { words: string[]; swapped: string[] } {
  return lang === 'zh' ? { words: ['狗', '咬', '人'], swapped: ['人', '咬', '狗'] } : { words: ['dog', 'bites', 'man'], swapped: ['man', 'bites', 'dog'] };
}
