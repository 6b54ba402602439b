/**
 * Terminal drawings for the transformer lessons: the encoder/decoder stack,
 * the input representation, self-attention's Q/K/V flow and attention
 * matrix, multi-head attention, the encoder and decoder blocks, and RNN vs
 * Transformer. Laid out on a Grid (terminal columns, Chinese = 2); every
 * drawing fits 80 columns and uses the room at 120 where it helps.
 */
import { type Lang, inLang } from '../../i18n/index.js';
import type { DrawOptions } from '../types.js';
import { Grid, sub } from './draw-util.js';
import { sideBySide, sw, widthOf } from '../../view/layout.js';

/** Side by side when it fits, else one under the other. */
function besides(a: string[], b: string[], width: number, gap = 3): string[] {
  return widthOf(a) + gap + widthOf(b) <= width ? sideBySide([a, b], gap) : [...a, '', ...b];
}

// ---------------------------------------------------------------------------
// transformer/overview: six encoders, six decoders, C to every decoder

export function drawStack(o: DrawOptions): string[] {
  const { lang } = o;
  const g = new Grid();
  const ec = 10; // encoder column centre
  const dx = 40; // decoder boxes start
  const dc = 49; // decoder centre
  const bus = 29;
  g.center(0, dc, inLang(lang, 'probabilities of the next word', '下一个词的概率'));
  g.put(1, dc, '▲');
  g.box(2, dx, 3, 20, inLang(lang, 'Linear + Softmax', 'Linear + Softmax'));
  g.put(2, dc, '┴');
  g.put(4, dc, '┬');
  g.vline(dc, 5, 6);
  // C leaves the top encoder and reaches every decoder.
  g.put(4, ec + 2, inLang(lang, 'C: encoding matrix, n×d', 'C：编码信息矩阵，n×d'));
  g.put(5, ec, '┌');
  g.hline(5, ec + 1, bus - 1);
  g.put(5, bus, '┐');
  g.put(6, ec, '│');
  g.vline(bus, 6, 18);
  // The two stacks: rows 7..19, block k (6 at the top) on row 8 + 2·(6 − k).
  const stack = (x: number, w: number, name: (k: number) => string) => {
    g.box(7, x, 13, w);
    for (let k = 6; k >= 1; k--) {
      const r = 8 + 2 * (6 - k);
      g.center(r, x + Math.floor((w - 1) / 2), name(k));
      if (k > 1) {
        g.hline(r + 1, x + 1, x + w - 2);
        g.put(r + 1, x, '├');
        g.put(r + 1, x + w - 1, '┤');
      }
    }
  };
  stack(2, 17, (k) => inLang(lang, `Encoder ${k}`, `编码器 ${k}`));
  stack(dx, 20, (k) => inLang(lang, `Decoder ${k}`, `解码器 ${k}`));
  g.put(7, ec, '┴');
  g.put(7, dc, '┴');
  for (let k = 6; k >= 1; k--) {
    const r = 8 + 2 * (6 - k);
    g.put(r, bus, k === 1 ? '└' : '├');
    g.hline(r, bus + 1, dx - 2);
    g.put(r, dx - 1, '►');
  }
  g.put(19, ec, '┬');
  g.put(19, dc, '┬');
  g.put(20, ec, '▲');
  g.put(20, dc, '▲');
  g.put(21, 0, inLang(lang, 'X = word emb. + position emb.', 'X = 词嵌入 + 位置嵌入'));
  g.put(21, 37, inLang(lang, 'word emb. + position emb.', '词嵌入 + 位置嵌入'));
  g.put(22, ec, '▲');
  g.put(22, dc, '▲');
  g.put(23, 1, inLang(lang, '我 有 一只 猫 (n words)', '我 有 一只 猫（n 个词）'));
  g.put(23, 37, inLang(lang, '<B> I have … (words 1…i)', '<B> I have …（第 1…i 个词）'));
  g.put(24, 37, inLang(lang, 'the words after i are masked', 'i 之后的词被遮住'));
  return g.lines();
}

// ---------------------------------------------------------------------------
// transformer/embeddings: X = word embedding + position embedding, row by row

export function drawEmbedding(o: DrawOptions): string[] {
  const { lang, width } = o;
  const words = ['我', '有', '一只', '猫'];
  const g = new Grid();
  const lead = 13;
  const cw = 9;
  const labels = [
    inLang(lang, 'position', '位置'),
    inLang(lang, 'word', '词'),
    '',
    inLang(lang, 'word emb.', '词嵌入'),
    '+',
    '',
    inLang(lang, 'row of X', 'X 的行'),
  ];
  labels.forEach((t, r) => g.put(r, t === '+' ? 6 : 0, t));
  words.forEach((w, k) => {
    const c = lead + k * cw;
    g.put(0, c, String(k));
    g.put(1, c, w);
    g.put(2, c, '│');
    g.put(3, c, `e(${w})`);
    g.put(4, c, `PE${sub(k)}`);
    g.put(5, c, '═══');
    g.put(6, c, `x${sub(k)}`);
  });
  const right = lead + words.length * cw + 1;
  const notes: [number, string][] = [
    [3, inLang(lang, '← a row of the embedding table', '← 嵌入表中的一行')],
    [4, inLang(lang, '← from the position alone', '← 只由位置决定')],
    [6, inLang(lang, '→ X: n×d, one row per word', '→ X：n×d，每个词一行')],
  ];
  const fitsRight = right + Math.max(...notes.map(([, t]) => sw(t))) <= width;
  if (fitsRight) notes.forEach(([r, t]) => g.put(r, right, t));
  const lines = g.lines();
  if (!fitsRight) lines.push('', ...notes.map(([, t]) => t));
  lines.push('', inLang(lang, 'Every row has d numbers (d = 512 in the base model): X = n × d.', '每一行有 d 个数（base 模型中 d = 512）：X 为 n × d。'));
  return lines;
}

// ---------------------------------------------------------------------------
// transformer/self-attention: X → Q, K, V → softmax(QKᵀ/√d_k) → ·V

function attentionFlow(lang: Lang): string[] {
  const g = new Grid();
  const q = 6;
  const k = 17;
  const v = 28;
  g.center(0, k, inLang(lang, 'X (n×d)', 'X (n×d)'));
  g.put(1, q, '┌');
  g.hline(1, q + 1, v - 1);
  g.put(1, k, '┼');
  g.put(1, v, '┐');
  for (const [c, w, name, shape] of [
    [q, 'W_Q', 'Q', 'n×d_k'],
    [k, 'W_K', 'K', 'n×d_k'],
    [v, 'W_V', 'V', 'n×d_v'],
  ] as const) {
    g.put(2, c, '▼');
    g.center(3, c, `×${w}`);
    g.put(4, c, '│');
    g.center(5, c, name);
    g.center(6, c, shape);
  }
  g.put(7, q, '│');
  g.put(7, k, '│');
  g.vline(v, 7, 13);
  g.put(8, q, '└');
  g.hline(8, q + 1, k - 1);
  g.put(8, k, '┘');
  g.put(8, q + 3, ' Q·Kᵀ ');
  g.put(9, q + 5, '│');
  g.put(9, q + 7, 'n×n');
  g.put(10, q + 5, '▼');
  g.put(10, q + 7, '÷ √d_k');
  g.center(11, q + 5, 'softmax');
  g.put(12, q + 5, '│');
  g.put(12, q + 7, inLang(lang, 'A: n×n', 'A：n×n'));
  g.put(13, q + 5, '│');
  g.put(14, q + 5, '└');
  g.hline(14, q + 6, v - 1);
  g.put(14, q + 10, ' A·V ');
  g.put(14, v, '┘');
  g.put(15, q + 12, '▼');
  g.center(16, q + 12, 'Z (n×d_v)');
  return g.lines();
}

function attentionMatrix(lang: Lang): string[] {
  const n = 3;
  const head = '          ' + Array.from({ length: n }, (_, j) => `k${sub(j + 1)}   `).join('');
  const rows = Array.from({ length: n }, (_, i) => `   q${sub(i + 1)}   [ ${Array.from({ length: n }, (_, j) => `a${sub(i + 1)}${sub(j + 1)}`).join('  ')} ]`);
  rows[0] += inLang(lang, '  Σ = 1', '  和为 1');
  return [
    inLang(lang, 'the attention matrix A', '注意力矩阵 A'),
    '',
    inLang(lang, '          keys', '          键'),
    head.trimEnd(),
    ...rows,
    '',
    inLang(lang, 'aᵢⱼ: how much word i attends', 'aᵢⱼ：第 i 个词对第 j 个词'),
    inLang(lang, '     to word j (softmax of row i)', '     的关注程度（第 i 行的 softmax）'),
    inLang(lang, 'zᵢ = Σⱼ aᵢⱼ·vⱼ: row i of Z mixes', 'zᵢ = Σⱼ aᵢⱼ·vⱼ：Z 的第 i 行是'),
    inLang(lang, '     the rows of V', '     V 各行的加权混合'),
  ];
}

export function drawSelfAttention(o: DrawOptions): string[] {
  return besides(attentionFlow(o.lang), attentionMatrix(o.lang), o.width, 4);
}

// ---------------------------------------------------------------------------
// transformer/multi-head: 8 heads → Z₁…Z₈ → Concat → Linear → Z

export function drawMultiHead(o: DrawOptions): string[] {
  const { lang } = o;
  const g = new Grid();
  const xs = [2, 13, 24, 39];
  const names = [1, 2, 3, 8];
  const centres = xs.map((x) => x + 4);
  const mid = 23;
  g.center(0, mid, 'X (n×d)');
  g.put(1, centres[0], '┌');
  g.hline(1, centres[0] + 1, centres[3] - 1);
  g.put(1, centres[1], '┬');
  g.put(1, centres[2], '┬');
  g.put(1, mid, '┴');
  g.put(1, centres[3], '┐');
  g.put(1, 33, ' … ');
  xs.forEach((x, k) => {
    g.put(2, centres[k], '▼');
    g.box(3, x, 3, 10, inLang(lang, `head ${names[k]}`, `头 ${names[k]}`));
    g.put(5, centres[k], '┬');
    g.center(6, centres[k], `Z${sub(names[k])}`);
  });
  g.put(4, 35, '…');
  g.put(6, 35, '…');
  g.put(7, centres[0], '└');
  g.hline(7, centres[0] + 1, centres[3] - 1);
  g.put(7, centres[1], '┴');
  g.put(7, centres[2], '┴');
  g.put(7, mid, '┬');
  g.put(7, centres[3], '┘');
  g.box(8, mid - 7, 3, 15, 'Concat');
  g.put(8, mid, '┴');
  g.put(10, mid, '┬');
  g.put(9, mid + 9, inLang(lang, 'n × 8·(d/8) = n × d', 'n × 8·(d/8) = n × d'));
  g.box(11, mid - 7, 3, 15, 'Linear W_O');
  g.put(11, mid, '┴');
  g.put(13, mid, '┬');
  g.put(12, mid + 9, inLang(lang, 'W_O: d × d', 'W_O：d × d'));
  g.put(14, mid, '▼');
  g.put(15, mid - 8, inLang(lang, 'Z (n×d): the shape of X', 'Z (n×d)：与 X 形状相同'));
  const lines = g.lines();
  lines.push(
    '',
    inLang(lang, 'Each head is one self-attention with its own W_Q, W_K, W_V;', '每个头都是一个自注意力，有自己的 W_Q、W_K、W_V；'),
    inLang(lang, 'its output Zⱼ is n × d/8 (64 columns when d = 512).', '它的输出 Zⱼ 是 n × d/8（d = 512 时为 64 列）。'),
  );
  return lines;
}

// ---------------------------------------------------------------------------
// transformer/encoder: MHA → Add & Norm → FFN → Add & Norm

function sublayerWithResidual(g: Grid, top: number, x: number, w: number, label: string[], residual: string): number {
  const c = x + Math.floor((w - 1) / 2);
  const right = x + w + 5;
  // Add & Norm box, then the sublayer, then the split point.
  g.box(top, x, 3, w, 'Add & Norm');
  g.put(top, c, '┴');
  g.put(top + 2, c, '▲');
  g.put(top + 1, x + w, '◄────┐');
  const h = label.length + 2;
  g.box(top + 3, x, h, w, label);
  g.put(top + 3, c, '┴');
  g.put(top + 3 + h - 1, c, '▲');
  g.vline(right, top + 2, top + 3 + h);
  g.put(top + 4, right + 2, residual);
  g.put(top + 3 + h, c, '├');
  g.hline(top + 3 + h, c + 1, right - 1);
  g.put(top + 3 + h, right, '┘');
  return top + 3 + h + 1;
}

export function drawEncoderBlock(o: DrawOptions): string[] {
  const { lang, width } = o;
  const g = new Grid();
  const x = 8;
  const w = 17;
  const c = x + 8;
  g.center(0, c, inLang(lang, 'output (n×d)', '输出 (n×d)'));
  g.put(1, c, '▲');
  let r = sublayerWithResidual(g, 2, x, w, ['Feed Forward'], inLang(lang, 'residual', '残差'));
  r = sublayerWithResidual(g, r, x, w, ['Multi-Head', 'Attention'], inLang(lang, 'residual', '残差'));
  g.put(r, c, '│');
  g.center(r + 1, c, 'X (n×d)');
  // The whole block is repeated six times.
  g.put(2, 5, '┌');
  g.vline(5, 3, r - 2);
  g.put(r - 1, 5, '└');
  g.put(Math.floor((2 + r) / 2), 2, '×6');
  const flow = g.lines();
  const detail = [
    inLang(lang, 'Add & Norm, written out:', 'Add & Norm 展开写：'),
    '',
    ' LayerNorm(X + MultiHeadAttention(X))',
    ' LayerNorm(X + FeedForward(X))',
    '',
    inLang(lang, 'Add  = X + Sublayer(X)', 'Add  = X + Sublayer(X)'),
    inLang(lang, '       a residual connection', '       残差连接'),
    inLang(lang, 'Norm = LayerNorm: each row (word)', 'Norm = LayerNorm：每一行（每个词）'),
    inLang(lang, '       to mean 0, variance 1', '       变为均值 0、方差 1'),
    '',
    inLang(lang, 'Feed Forward, per word:', 'Feed Forward，对每个词：'),
    '  max(0, x·W₁ + b₁)·W₂ + b₂',
    inLang(lang, '  d → d_ff → d (512 → 2048 → 512)', '  d → d_ff → d（512 → 2048 → 512）'),
  ];
  return besides(flow, detail, width, 3);
}

// ---------------------------------------------------------------------------
// transformer/decoder: masked MHA, cross MHA (K, V from C), FFN, Linear + Softmax

export function drawDecoderBlock(o: DrawOptions): string[] {
  const { lang } = o;
  const g = new Grid();
  const x = 24;
  const w = 21;
  const c = x + 10;
  g.center(0, c, inLang(lang, 'probabilities of word i+1', '第 i+1 个词的概率'));
  g.put(1, c, '▲');
  g.box(2, x, 4, w, ['Softmax', 'Linear']);
  g.put(2, c, '┴');
  g.put(5, c, '▲');
  g.box(6, x, 4, w, ['Add & Norm', 'Feed Forward']);
  g.put(6, c, '┴');
  g.put(9, c, '▲');
  g.box(10, x, 5, w, ['Add & Norm', 'Multi-Head', 'Attention']);
  g.put(10, c, '┴');
  g.put(14, c, '▲');
  g.put(15, c, '│');
  g.put(15, c + 2, 'Q');
  g.box(16, x, 5, w, ['Add & Norm', 'Masked Multi-', 'Head Attention']);
  g.put(16, c, '┴');
  g.put(20, c, '▲');
  g.put(21, c, '│');
  g.center(22, c, inLang(lang, 'words 1…i: embedding + position', '第 1…i 个词：嵌入 + 位置'));
  // Cross-attention inputs: K, V from the encoder, Q from below.
  g.put(12, 0, inLang(lang, 'C (encoder) ', 'C（编码器）'));
  g.hline(12, 12, x - 2);
  g.put(12, 14, ' K, V ');
  g.put(12, x - 1, '►');
  // ×6 and the names of the two attention layers.
  g.put(8, x + w + 2, '×6');
  g.put(12, x + w + 2, inLang(lang, '← 2nd: cross-attention', '← 第 2 个：交叉注意力'));
  g.put(18, x + w + 2, inLang(lang, '← 1st: masked self-attention', '← 第 1 个：带掩码的自注意力'));
  const lines = g.lines();
  lines.push('', inLang(lang, 'Every sublayer has its residual Add & Norm, as in the encoder.', '每个子层都有残差 Add & Norm，和编码器一样。'));
  return lines;
}

// ---------------------------------------------------------------------------
// transformer/summary: an RNN steps through time, a Transformer does not

export function drawParallel(o: DrawOptions): string[] {
  const { lang } = o;
  const n = 4;
  const cols = Array.from({ length: n }, (_, i) => 2 + 7 * i);
  const g = new Grid();
  g.put(0, 0, inLang(lang, 'RNN: one step after another', 'RNN：一步接一步'));
  cols.forEach((c, i) => {
    g.put(1, c, `x${sub(i + 1)}`);
    g.put(2, c, '▼');
    g.put(3, c, `h${sub(i + 1)}`);
    if (i < n - 1) g.put(3, c + 3, '──►');
  });
  const boxW = 33;
  const right = boxW + 2;
  g.put(3, right, inLang(lang, `h${sub(3)} must wait for h${sub(2)}:`, `h${sub(3)} 必须等 h${sub(2)} 算完：`));
  g.put(4, right, inLang(lang, 'n steps in a row', '要依次走 n 步'));
  g.put(6, 0, inLang(lang, 'Transformer: every position at once', 'Transformer：所有位置同时计算'));
  cols.forEach((c, i) => {
    g.put(7, c, `x${sub(i + 1)}`);
    g.put(8, c, '▼');
    g.put(12, c, '▼');
    g.put(13, c, `z${sub(i + 1)}`);
  });
  g.box(9, 0, 3, boxW, inLang(lang, 'each word looks at every word', '每个词都看所有的词'));
  for (const c of cols) {
    g.put(9, c, '┴');
    g.put(11, c, '┬');
  }
  g.put(10, right, inLang(lang, 'a few matrix products', '几次矩阵乘法'));
  g.put(11, right, inLang(lang, '(Q·Kᵀ is n×n) for all words', '（Q·Kᵀ 为 n×n），一次算完'));
  return g.lines();
}
