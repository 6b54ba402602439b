/**
 * The transformer lessons (overview … summary): the content linter, the
 * teaching order, and the numbers the demos show checked against the
 * engine (runOp), plus the notes' facts.
 */
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { runOp, Tensor } from '../../src/engine/index.js';
import { evaluateFormula } from '../../src/lessons/formula.js';
import { mhaWeights, rowOf } from '../../src/lessons/transformer/common.js';
import { crossRun, decoder, leakTest, nextWord } from '../../src/lessons/transformer/decoder.js';
import * as D from '../../src/lessons/transformer/diagrams.js';
import { embeddings, peCheck, repeatedWord } from '../../src/lessons/transformer/embeddings.js';
import { addNormRun, encoder } from '../../src/lessons/transformer/encoder.js';
import { mhaParamCount, multiHead, multiHeadRun } from '../../src/lessons/transformer/multi-head.js';
import { encoderFlow, overview } from '../../src/lessons/transformer/overview.js';
import { attentionRun, scaleExperiment, selfAttention } from '../../src/lessons/transformer/self-attention.js';
import { bagOfWords, summary } from '../../src/lessons/transformer/summary.js';
import type { Lesson } from '../../src/lessons/types.js';
import { makeTheme } from '../../src/view/style.js';
import { formulas, plainLesson, topicIds } from './helpers.js';

const plain = (lesson: Lesson, lang: 'en' | 'zh', seed = 1, width = 80) => plainLesson(lesson, lang, { seed, width });

const MINE: Lesson[] = [overview, embeddings, selfAttention, multiHead, encoder, decoder, summary];



const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-5) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(tol);
};

describe('transformer lessons', () => {
  it('are the transformer index, in the catalog’s teaching order', async () => {
    const { lessons } = await import('../../src/lessons/transformer/index.js');
    expect(lessons.map((l) => l.id)).toEqual(topicIds('transformer'));
    expect(lessons).toEqual(MINE);
  });

  it('have a live formula where the section has one', () => {
    for (const l of [embeddings, selfAttention, multiHead, encoder, decoder]) expect(formulas(l).length, l.id).toBeGreaterThan(0);
  });

  it('draw every diagram within 80 and 120 columns without cutting', () => {
    for (const draw of [D.drawStack, D.drawEmbedding, D.drawSelfAttention, D.drawMultiHead, D.drawEncoderBlock, D.drawDecoderBlock, D.drawParallel]) {
      for (const lang of ['en', 'zh'] as const) {
        for (const width of [80, 120]) {
          const lines = draw({ lang, width, theme: makeTheme(0) });
          expect(Math.max(...lines.map((l) => stringWidth(l))), `${draw.name} ${lang} ${width}`).toBeLessThanOrEqual(width);
        }
      }
    }
  });

  it('overview: six encoder blocks keep X’s shape n×d', () => {
    const { x, c, stages } = encoderFlow(1);
    expect(stages).toHaveLength(7);
    expect(c.shape).toEqual(x.shape);
    expect(x.shape).toEqual([4, 8]);
  });

  it('embeddings: the table is the formula; a repeated word differs only by its position', () => {
    for (const pos of [0, 3, 17]) expect(peCheck(pos, 16).maxDiff).toBeLessThan(1e-6);
    const pe = runOp('positional_encoding', {}, { length: 20, d_model: 16 }).pe;
    expect(pe.get(3, 0)).toBeCloseTo(Math.sin(3), 6);
    expect(pe.get(3, 1)).toBeCloseTo(Math.cos(3), 6);
    const r = repeatedWord(1);
    expect(r.embDiff).toBe(0);
    expect(r.xDiff).toBeGreaterThan(0.5);
  });

  it('self-attention: the demo is runOp’s scaled dot-product attention, with and without the mask', () => {
    for (const causal of [false, true]) {
      const r = attentionRun(3, causal);
      const o = runOp('scaled_dot_product_attention', { q: r.q, k: r.k, v: r.v }, { causal });
      close(r.output.data, o.output.data);
      close(r.weights.data, o.weights.data);
      const n = r.weights.shape[0];
      expect(r.weights.shape).toEqual([n, n]);
      for (let i = 0; i < n; i++) {
        expect(rowOf(r.weights, i).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        if (causal) for (let j = i + 1; j < n; j++) expect(r.weights.get(i, j)).toBe(0);
      }
    }
    const s = scaleExperiment(1);
    expect(Math.max(...s.pRaw)).toBeGreaterThan(Math.max(...s.pScaled));
  });

  it('multi-head: 8 heads → concat → linear is runOp’s multi_head_attention, output shape = input shape', () => {
    const { x, r, concatErr } = multiHeadRun(2);
    const w = mhaWeights(16, 3);
    const o = runOp('multi_head_attention', { query: x, key: x, value: x, in_proj_weight: w.inProjWeight, in_proj_bias: w.inProjBias!, out_proj_weight: w.outProjWeight, out_proj_bias: w.outProjBias! }, { num_heads: 8 });
    close(r.output.data, o.output.data);
    expect(r.output.shape).toEqual(x.shape);
    expect(r.concat.shape).toEqual([4, 16]);
    expect(r.weights.shape).toEqual([8, 4, 4]);
    expect(concatErr).toBeLessThan(1e-6);
  });

  it('multi-head: 4·(E² + E) parameters, 1,050,624 for E = 512, whatever the number of heads', async () => {
    expect(mhaParamCount(512, 8).total).toBe(1_050_624);
    expect(mhaParamCount(512, 16).total).toBe(1_050_624);
    expect((await evaluateFormula(formulas(multiHead)[0])).result).toBe(1_050_624);
  });

  it('encoder: LayerNorm of the residual sum has mean 0 and variance 1 per row; FFN has 2,099,712 parameters', async () => {
    const { x, sum, ln, after } = addNormRun(1);
    expect(sum.shape).toEqual(x.shape);
    const o = runOp('layer_norm', { input: sum }, { normalized_shape: [8] }).output;
    close(ln.output.data, o.data);
    for (let i = 0; i < after.mean.length; i++) {
      expect(Math.abs(after.mean[i])).toBeLessThan(1e-5);
      expect(after.variance[i]).toBeCloseTo(1, 3);
    }
    const [ln1, ffn] = formulas(encoder);
    expect((await evaluateFormula(ln1)).result).toBeCloseTo(1, 5);
    expect((await evaluateFormula(ffn)).result).toBe(2_099_712);
  });

  it('decoder: the mask stops leaks; cross-attention is m×n; the last softmax sums to 1', () => {
    for (const seed of [1, 2]) {
      const t = leakTest(seed);
      expect(t.maskedLeak).toBeLessThan(1e-6);
      expect(t.openLeak).toBeGreaterThan(1e-3);
      const c = crossRun(seed);
      expect(c.weights.shape).toEqual([5, 4]);
      expect(c.output.shape).toEqual([5, 4]);
      const o = runOp('scaled_dot_product_attention', { q: c.q, k: c.k, v: c.v });
      close(c.output.data, o.output.data);
      const p = nextWord(seed).probs;
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    }
  });

  it('decoder: p(cat) is read from the row of "a" (the step before), not from the last row', async () => {
    for (const seed of [1, 2, 3]) {
      const w = nextWord(seed);
      const shown = (await plain(decoder, 'en', seed, 200)).replace(/\s+/g, ' ');
      expect(shown).toContain(`p(cat) = ${w.pCatBefore.toFixed(3)}`);
      expect(shown).toMatch(/row of "a"/);
    }
  });

  it('one vocabulary: scores before the softmax, attention weights after it (never "attention scores" for the softmax output)', async () => {
    for (const lesson of [selfAttention, multiHead, decoder, summary]) {
      const id = lesson.id;
      const en = (await plain(lesson, 'en', 1, 200)).replace(/\s+/g, ' ');
      const zh = await plain(lesson, 'zh', 1, 200);
      expect(en, id).not.toMatch(/softmax[^.]*gives the attention scores|own attention scores|weights Q·Kᵀ/);
      expect(zh, id).not.toMatch(/注意力分数|权重 Q·Kᵀ/);
    }
  });

  it('summary: without positions a permutation only permutes the outputs (bag of words)', () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const seed of [1, 2, 3]) {
        const b = bagOfWords(seed, lang);
        for (const r of b.rows) expect(r.noPe).toBeLessThan(1e-5);
        expect(Math.max(...b.rows.map((r) => r.withPe))).toBeGreaterThan(1e-2);
        expect(b.sentenceDiff).toBeLessThan(1e-5);
      }
    }
  });

  it('say what the notes say', async () => {
    const text = async (l: Lesson) => (await plain(l, 'en')) + '\n' + (await plain(l, 'zh'));
    const o = await text(overview);
    for (const s of ['Attention Is All You Need', 'n×d', 'six encoder blocks', 'encoding matrix C', 'word i+1', 'mask', '编码信息矩阵 C', '掩码']) expect(o).toContain(s);
    const e = await text(embeddings);
    for (const s of ['features extracted from the raw data', 'position embedding', 'PE(pos, 2i) = sin(pos / 10000^(2i/d))', 'bag of words', '词嵌入', '位置嵌入']) expect(e).toContain(s);
    const sa = await text(selfAttention);
    for (const s of ['Q = X·W_Q', 'previous encoder block', 'Attention(Q, K, V) = softmax(Q·Kᵀ / √d_k) · V', 'n×n', '上一个编码器块的输出']) expect(sa).toContain(s);
    const mh = await text(multiHead);
    for (const s of ['Z₁', 'Z₈', 'Concat', 'Linear', 'same shape as the input X', '1,050,624', '拼接']) expect(mh).toContain(s);
    const en = await text(encoder);
    for (const s of ['Add & Norm', 'residual connection', 'ResNet', 'Layer Normalization', 'RNNs', 'converge faster', '512 → 2048', 'ReLU', '残差连接', '层归一化']) expect(en).toContain(s);
    const de = await text(decoder);
    for (const s of ['two multi-head attention layers', 'masked', 'matrix C', 'previous decoder block', 'softmax', '交叉注意力']) expect(de).toContain(s);
    const su = await text(summary);
    for (const s of ['parallel', 'bag-of-words model', 'linear transforms', 'several kinds of relation', '词袋模型', '并行']) expect(su).toContain(s);
  }, 60_000);
});
