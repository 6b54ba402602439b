/**
 * The base Transformer of "Attention Is All You Need" (Vaswani et al. 2017):
 * 6 encoder and 6 decoder layers, d_model 512, 8 heads, d_ff 2048, a shared
 * 37,000-token vocabulary. Shapes are sequences: n source tokens, m target
 * tokens, each a vector of d_model numbers.
 */
import { msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { fc, groupOf, type Layer, type Seq } from './layers.js';
import { fmtInt } from '../../i18n/numbers.js';

const VOCAB = 37000;
const D_MODEL = 512;
const HEADS = 8;
const D_FF = 2048;
const LAYERS = 6;

/** Multi-head attention: W_Q, W_K, W_V (each d_model → h·d_k = d_model) and W_O, all with bias. */
function attention(input: Seq, name: string): Layer {
  const parts = ['q_proj', 'k_proj', 'v_proj', 'out_proj'].map((p) => fc(input, `${name}.${p}`, D_MODEL));
  return groupOf(name, 'attention', `${HEADS} heads × ${D_MODEL / HEADS}`, input, parts);
}

function ffn(input: Seq, name: string): Layer {
  const inner = fc(input, `${name}.linear1`, D_FF);
  const outer = fc(inner.output, `${name}.linear2`, D_MODEL);
  return groupOf(name, 'ffn', `${D_MODEL} → ${D_FF} → ${D_MODEL}`, outer.output, [inner, outer]);
}

/** LayerNorm over d_model: a gain and a bias per feature. */
function layerNorm(input: Seq, name: string): Layer {
  return { name, type: 'layernorm', what: 'LayerNorm', output: input, params: 2 * input.features };
}

function encoderLayer(input: Seq, name: string): Layer {
  const parts = [attention(input, `${name}.self_attn`), layerNorm(input, `${name}.norm1`), ffn(input, `${name}.ffn`), layerNorm(input, `${name}.norm2`)];
  return groupOf(name, 'encoder', msg('self-attn + FFN, 2 LN', '自注意力 + FFN，2 LN'), input, parts);
}

function decoderLayer(input: Seq, name: string): Layer {
  const parts = [
    attention(input, `${name}.self_attn`),
    layerNorm(input, `${name}.norm1`),
    // Cross-attention: queries from the decoder, keys and values from the encoder's n×d_model; same weight shapes.
    attention(input, `${name}.cross_attn`),
    layerNorm(input, `${name}.norm2`),
    ffn(input, `${name}.ffn`),
    layerNorm(input, `${name}.norm3`),
  ];
  return groupOf(name, 'decoder', msg('self + cross attn + FFN, 3 LN', '自注意力 + 交叉注意力 + FFN，3 LN'), input, parts);
}

export const transformer: NetDef = {
  id: 'transformer-base',
  title: 'Transformer (base)',
  aliases: ['transformer', 'transformer_base', 'transformerbase', 'attention-is-all-you-need'],
  summary: msg('Vaswani 2017: 6 + 6 layers, d_model 512', 'Vaswani 2017：编码器、解码器各 6 层'),
  counts: 'base Transformer: shared 37000x512 embedding (source, target, output), 6 encoder + 6 decoder layers, d_model 512, 8 heads, d_ff 2048, biases and LayerNorm included, sinusoidal positions (0 params)',
  variant: msg(
    `The base model of “Attention Is All You Need”: ${LAYERS} encoder and ${LAYERS} decoder layers, d_model = ${D_MODEL}, ${HEADS} heads of ${D_MODEL / HEADS}, d_ff = ${D_FF}, one ${fmtInt(VOCAB)}-token embedding shared by source, target and the output layer. Biases and LayerNorm are counted; sinusoidal positions have no parameters. n source and m target tokens; token ids are written as one-hot rows (n×${VOCAB}).`,
    `“Attention Is All You Need” 的 base 模型：${LAYERS} 个编码器层和 ${LAYERS} 个解码器层，d_model = ${D_MODEL}，${HEADS} 个头、每头 ${D_MODEL / HEADS} 维，d_ff = ${D_FF}，源语言、目标语言和输出层共享同一个 ${fmtInt(VOCAB)} 词的嵌入矩阵。计入偏置和 LayerNorm；正弦位置编码没有参数。源序列 n 个词、目标序列 m 个词；词编号写成独热行向量（n×${VOCAB}）。`,
  ),
  notCounted: msg(
    'The target embedding and the output layer reuse the source embedding matrix, as the paper says, so they add nothing (no output bias). ' +
      'This table counts 18,944,000 for the embedding (37,000 × 512) and 44,138,496 for the 12 layers. The paper’s Table 3 gives 65 million for the base model without a breakdown; ' +
      'that is not 63.1 M rounded (it would round to 63 M). The paper only says the vocabulary has “about 37000” tokens: the 1.9 M difference is what about 3,700 more embedding rows would add, a plausible but unconfirmed explanation. Treat it as a known discrepancy of about 3%.',
    '目标端嵌入和输出层按论文所说复用源端的嵌入矩阵，所以不增加参数（输出层没有偏置）。' +
      '本表中嵌入矩阵（37,000 × 512）为 18,944,000 个参数，12 个层共 44,138,496 个。论文表 3 给出 base 模型为 6500 万个参数，但没有给出明细；' +
      '这不是把 6310 万四舍五入的结果（那样应约为 6300 万）。论文只说词表“约 37000”个词元：相差的 190 万左右，相当于嵌入矩阵多出约 3,700 行，这是一种可能但未经证实的解释。请把它当作一个已知的、约 3% 的出入。',
  ),
  published: msg('65M (Table 3; counted differently, see below)', '6500 万（论文表 3；计法不同，见下文）'),
  breakdown: ['encoder.0', 'decoder.0'],
  build() {
    const src: Seq = { tokens: 'n', features: VOCAB };
    const tgt: Seq = { tokens: 'm', features: VOCAB };
    const layers: Layer[] = [];
    const embed = fc(src, 'embedding', D_MODEL, false);
    layers.push({ ...embed, type: 'embedding', what: msg(`shared ${fmtInt(VOCAB)}×${D_MODEL}`, `共享 ${fmtInt(VOCAB)}×${D_MODEL}`) });
    let x = embed.output as Seq;
    layers.push({ name: 'pos_enc', type: 'posenc', what: msg('+ sinusoidal positions', '+ 正弦位置编码'), output: x, params: 0 });
    for (let i = 0; i < LAYERS; i++) {
      const l = encoderLayer(x, `encoder.${i}`);
      layers.push(l);
      x = l.output as Seq;
    }
    const tEmbed = fc(tgt, 'tgt_embedding', D_MODEL, false);
    let y = tEmbed.output as Seq;
    layers.push({ ...tEmbed, type: 'embedding', params: 0, what: msg('same matrix (tied)', '同一矩阵（共享）') });
    layers.push({ name: 'tgt_pos_enc', type: 'posenc', what: msg('+ sinusoidal positions', '+ 正弦位置编码'), output: y, params: 0 });
    for (let i = 0; i < LAYERS; i++) {
      const l = decoderLayer(y, `decoder.${i}`);
      layers.push(l);
      y = l.output as Seq;
    }
    const out = fc(y, 'output', VOCAB, false);
    layers.push({ ...out, params: 0, what: msg(`${D_MODEL} → ${fmtInt(VOCAB)}, tied`, `${D_MODEL} → ${fmtInt(VOCAB)}，共享`) });
    layers.push({ name: 'softmax', type: 'softmax', what: 'softmax', output: out.output, params: 0 });
    return { input: src, output: out.output, layers, params: layers.reduce((a, l) => a + l.params, 0) };
  },
};
