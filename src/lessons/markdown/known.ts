/**
 * Formulas and topics nnlearn teaches, as data: when a section of the
 * student's notes contains one, its step offers the lesson and a REPL
 * command to try. Formulas are matched after folding (see foldFormula):
 * Unicode from tex.ts, scripts flattened, lower case, no spaces, `-` for
 * minus and `*` for any product. Headings and text are matched in lower case.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { texToUnicode } from '../tex.js';
import type { Topic } from '../types.js';

export interface KnownRule {
  id: string;
  topic: Topic;
  /** The lesson to open (an id in catalog.ts's REQUIRED_IDS). */
  lesson: string;
  /** A REPL line to try; shown only when the REPL has that command (it must parse). */
  repl?: string;
  /** What a matching formula is: "the pooling output-size rule". */
  what: Msg;
  /** What a matching section is about: "pooling". */
  about: Msg;
  /** Matched against folded formulas. */
  formula?: readonly RegExp[];
  /** A formula match counts only when the section (headings and text) matches this… */
  context?: RegExp;
  /** …and does not match this. */
  notContext?: RegExp;
  /** Matched against the section's own heading. */
  heading?: readonly RegExp[];
  /** Matched against the section's text: phrases specific enough to mean the topic. */
  text?: readonly RegExp[];
}

const POOL = /池化|汇聚|pool/;

export const KNOWN_RULES: readonly KnownRule[] = [
  {
    id: 'pool-output-size',
    topic: 'cnn',
    lesson: 'cnn/pooling',
    repl: 'pool 32x32x16 F=2 S=2',
    what: msg('the pooling output-size rule', '池化层的输出尺寸公式'),
    about: msg('pooling', '池化'),
    // Without padding: pooling when the section is about pooling (otherwise a convolution, below).
    formula: [/[wh](?:[12]|in)?-f\)?\/s⌋?\+1/],
    context: POOL,
    heading: [/池化|汇聚层|pooling/],
  },
  {
    id: 'conv-output-size',
    topic: 'cnn',
    lesson: 'cnn/stride-padding',
    repl: 'conv 32x32x3 F=5 S=1 P=2',
    what: msg('the convolution output-size rule', '卷积层的输出尺寸公式'),
    about: msg('stride and zero-padding', '步长和零填充'),
    // With padding it is a convolution, whatever else the section mentions.
    formula: [/(?:[wh](?:[12]|in)?|n)-[fk]\+2\*?p\)?\/s⌋?\+1/],
    heading: [/步长|零填充|stride|padding|空间排列|spatial arrangement/],
  },
  {
    id: 'conv-output-size-no-padding',
    topic: 'cnn',
    lesson: 'cnn/stride-padding',
    repl: 'conv 32x32x3 F=5 S=1 P=2',
    what: msg('the convolution output-size rule', '卷积层的输出尺寸公式'),
    about: msg('stride and zero-padding', '步长和零填充'),
    formula: [/(?:[wh](?:[12]|in)?|n)-[fk]\)?\/s⌋?\+1/],
    notContext: POOL,
  },
  {
    id: 'conv-layer',
    topic: 'cnn',
    lesson: 'cnn/conv',
    repl: 'conv 32x32x3 F=5 S=1 P=2',
    what: msg('a convolution', '卷积运算'),
    about: msg('the convolutional layer', '卷积层'),
    heading: [/^(?:卷积层|卷积|卷积运算|conv|convolution|convolutional layers?|the convolutional layer)$/],
  },
  {
    id: 'receptive-field',
    topic: 'cnn',
    lesson: 'cnn/receptive-field',
    what: msg('the receptive field', '感受野'),
    about: msg('receptive fields', '感受野'),
    heading: [/感受野|receptive field/],
  },
  {
    id: 'weight-sharing',
    topic: 'cnn',
    lesson: 'cnn/weight-sharing',
    what: msg('weight sharing', '权值共享'),
    about: msg('weight sharing', '权值共享'),
    heading: [/权值共享|权重共享|参数共享|weight sharing|parameter sharing/],
    text: [/权值共享|权重共享|参数共享|weight sharing|parameter sharing/],
  },
  {
    id: 'volumes',
    topic: 'cnn',
    lesson: 'cnn/volumes',
    what: msg('activation volumes', '数据体'),
    about: msg('width × height × depth volumes', '宽×高×深的数据体'),
    heading: [/[3三]维排列|数据体|activation volumes?|^volumes?$/],
  },
  {
    id: 'cnn-layers',
    topic: 'cnn',
    lesson: 'cnn/layers',
    what: msg('the layers of a CNN', '卷积网络的各种层'),
    about: msg('the layers of a CNN', '卷积网络的各种层'),
    heading: [/层构成|层的构成|层的种类|^layers$|layer types|layers of a cnn/],
  },
  {
    id: 'why-cnn',
    topic: 'cnn',
    lesson: 'cnn/why-cnn',
    what: msg('why images need CNNs', '为什么图像要用卷积网络'),
    about: msg('why images need CNNs', '为什么图像要用卷积网络'),
    heading: [/^(?:cnns?|卷积神经网络|convolutional (?:neural )?networks?|why cnns?\??)$/, /为什么.*卷积/],
  },
  {
    id: 'normalization',
    topic: 'cnn',
    lesson: 'cnn/normalization',
    what: msg('normalization layers', '归一化层'),
    about: msg('normalization layers', '归一化层'),
    heading: [/归一化|normali[sz]ation layers?|batch ?norm/],
  },
  {
    id: 'fc-layer',
    topic: 'cnn',
    lesson: 'cnn/fc',
    repl: 'fc 7x7x512 -> 4096',
    what: msg('the fully connected layer', '全连接层'),
    about: msg('the fully connected layer', '全连接层'),
    heading: [/全连接层|fully[- ]connected layers?|^fc layers?$/],
  },
  {
    id: 'architectures',
    topic: 'cnn',
    lesson: 'cnn/architectures',
    repl: 'net vgg16',
    what: msg('the classic CNN architectures', '经典的卷积网络结构'),
    about: msg('the classic CNN architectures', '经典的卷积网络结构'),
    heading: [/有名结构|经典(?:网络|结构|架构|模型)|architectures?|famous (?:nets|networks)|lenet|alexnet|vggnet|resnet|googlenet/],
  },
  {
    id: 'dnn-layer',
    topic: 'dnn',
    lesson: 'dnn',
    repl: 'fc 784 -> 128',
    what: msg('a fully connected layer, h = σ(xW + b)', '全连接层的计算 h = σ(xW + b)'),
    about: msg('deep (fully connected) networks', '深度（全连接）神经网络'),
    formula: [/(?:σ|relu|tanh|f|g)\((?:x\w*\*?w\w*|w\w*\*?x\w*)\+b\w*\)/],
    heading: [/^(?:dnns?|深度神经网络|全连接神经网络|多层感知机|mlps?|deep neural networks?)$/],
  },
  {
    id: 'rnn-recurrence',
    topic: 'rnn',
    lesson: 'rnn/recurrence',
    repl: 'rnn T=6 H=3',
    what: msg('the RNN recurrence, hₜ = σ(xₜ·w + hₜ₋₁·w + b)', 'RNN 的递推公式 hₜ = σ(xₜ·w + hₜ₋₁·w + b)'),
    about: msg('recurrent networks', '循环神经网络'),
    formula: [/(?:^|[^a-z])[hs]t=.*[hs](?:t-1|\(t-1\))/],
    heading: [/^(?:rnns?|循环神经网络|recurrent (?:neural )?networks?)$/],
  },
  {
    id: 'long-term',
    topic: 'rnn',
    lesson: 'rnn/long-term',
    repl: 'rnn T=6 H=3',
    what: msg('long-term dependencies', '长期依赖'),
    about: msg('long-term dependencies', '长期依赖'),
    heading: [/长期依赖|long[- ]term dependenc/],
  },
  {
    id: 'rnn-gradients',
    topic: 'rnn',
    lesson: 'rnn/gradients',
    repl: 'grad rnn T=50 gain=0.9',
    what: msg('vanishing and exploding gradients', '梯度消失与梯度爆炸'),
    about: msg('vanishing and exploding gradients', '梯度消失与梯度爆炸'),
    heading: [/梯度消失|梯度爆炸|vanishing|exploding gradient/],
  },
  {
    id: 'lstm-gates',
    topic: 'lstm',
    lesson: 'lstm/gates',
    repl: 'lstm T=8 H=4',
    what: msg('an LSTM gate equation', 'LSTM 的门控公式'),
    about: msg('the LSTM gates', 'LSTM 的门'),
    formula: [/(?:^|[^a-z])[fio]t=σ\(/, /ct=ft[*⊙]ct-1/],
    heading: [/遗忘门|输入门|输出门|门控|forget gate|input gate|output gate|lstm gates?/],
    text: [/遗忘门|forget gate/],
  },
  {
    id: 'lstm-cell',
    topic: 'lstm',
    lesson: 'lstm/cell-state',
    repl: 'lstm T=8 H=4',
    what: msg('the LSTM cell state', 'LSTM 的单元状态'),
    about: msg('the LSTM cell state', 'LSTM 的单元状态'),
    heading: [/^lstms?$|长短期记忆|long short-term memory|单元状态|细胞状态|cell state/],
    text: [/单元状态|细胞状态|cell state/],
  },
  {
    id: 'attention',
    topic: 'transformer',
    lesson: 'transformer/self-attention',
    repl: 'attn L=5 d=4',
    what: msg('scaled dot-product attention, softmax(QKᵀ/√d)V', '缩放点积注意力 softmax(QKᵀ/√d)V'),
    about: msg('self-attention', '自注意力'),
    formula: [/softmax\(q\*?k(?:t|′|')?\/√/, /softmax\(q\*?k(?:t|′|')\)/],
    heading: [/self-attention|self attention|自注意力|^attention$|注意力机制|scaled dot-product/],
    text: [/softmax\s*\(\s*qk/, /scaled dot-product attention|缩放点积/],
  },
  {
    id: 'multi-head',
    topic: 'transformer',
    lesson: 'transformer/multi-head',
    repl: 'mha L=6 E=8 h=2',
    what: msg('multi-head attention', '多头注意力'),
    about: msg('multi-head attention', '多头注意力'),
    formula: [/concat\(head/, /multihead\(/],
    heading: [/multi-head|multihead|多头注意力|多头/],
  },
  {
    id: 'positional-encoding',
    topic: 'transformer',
    lesson: 'transformer/embeddings',
    repl: 'posenc L=20 d=16',
    what: msg('the positional encoding', '位置编码公式'),
    about: msg('embeddings and positional encoding', '词嵌入与位置编码'),
    formula: [/pe_?\{?\(pos,2i(?:\+1)?\)/, /(?:sin|cos)\(pos\/10000/],
    heading: [/位置编码|位置嵌入|positional (?:encoding|embedding)|position embedding|^embeddings?$|词嵌入/],
    text: [/位置编码|位置的? ?embedding|位置嵌入|positional (?:encoding|embedding)/],
  },
  {
    id: 'transformer-overview',
    topic: 'transformer',
    lesson: 'transformer/overview',
    repl: 'net transformer',
    what: msg('the Transformer', 'Transformer'),
    about: msg('the Transformer as a whole', 'Transformer 的整体结构'),
    heading: [/^transformers?$|transformer ?整体结构|transformer (?:overview|architecture)|attention is all you need/],
  },
  {
    id: 'layer-norm',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    repl: 'layernorm [1, 2, 3, 6]',
    what: msg('layer normalization', '层归一化'),
    about: msg('Add & Norm (residual + layer normalization)', 'Add & Norm（残差连接 + 层归一化）'),
    heading: [/add ?& ?norm|layer ?norm(?:alization)?|层归一化/],
  },
  {
    id: 'encoder',
    topic: 'transformer',
    lesson: 'transformer/encoder',
    what: msg('the encoder block', '编码器（Encoder）'),
    about: msg('the Transformer encoder', 'Transformer 的编码器'),
    heading: [/^encoders?(?: block)?$|编码器|feed ?forward|前馈/],
  },
  {
    id: 'decoder',
    topic: 'transformer',
    lesson: 'transformer/decoder',
    what: msg('the decoder block', '解码器（Decoder）'),
    about: msg('the Transformer decoder', 'Transformer 的解码器'),
    heading: [/^decoders?(?: block)?$|解码器|masked (?:self-)?attention/],
  },
  {
    id: 'sigmoid',
    topic: 'dnn',
    lesson: 'dnn',
    repl: 'sigmoid [-2, -0.5, 0, 0.5, 2]',
    what: msg('the sigmoid function', 'sigmoid 函数'),
    about: msg('activation functions', '激活函数'),
    formula: [/1\/\(1\+e(?:\^|\*)?\(?-/],
  },
  {
    id: 'relu',
    topic: 'dnn',
    lesson: 'dnn',
    repl: 'relu [-2, -0.5, 0, 0.5, 2]',
    what: msg('the ReLU function', 'ReLU 函数'),
    about: msg('activation functions', '激活函数'),
    formula: [/max\(0,[a-z]\w*\)/],
  },
  {
    id: 'softmax',
    topic: 'dnn',
    lesson: 'dnn',
    repl: 'softmax [2, 1, 0.1]',
    what: msg('the softmax function', 'softmax 函数'),
    about: msg('softmax', 'softmax'),
    formula: [/\(?e\^?\(?[xz]i\)?\)?\/\(?σ/, /exp\([xz]i\)\)?\/\(?σ/],
  },
];

const SUB_BACK: Record<string, string> = {};
const SUBS = '₀₁₂₃₄₅₆₇₈₉₊₋₌₍₎ₐₑₒₓₕₖₗₘₙₚₛₜᵢⱼᵣᵤᵥ';
const SUBS_PLAIN = '0123456789+-=()aeoxhklmnpstijruv';
[...SUBS].forEach((c, i) => (SUB_BACK[c] = SUBS_PLAIN[i]));
const SUPS = '⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ᵃᵇᶜᵈᵉᶠᵍʰⁱʲᵏˡᵐⁿᵒᵖʳˢᵗᵘᵛʷˣʸᶻᵀ';
const SUPS_PLAIN = '0123456789+-=()abcdefghijklmnoprstuvwxyzt';
[...SUPS].forEach((c, i) => (SUB_BACK[c] = SUPS_PLAIN[i]));

/** A formula in a form the rules can match: Unicode, scripts flattened, lower case, no spaces, - and *. */
export function foldFormula(tex: string): string {
  return [...texToUnicode(tex)]
    .map((c) => SUB_BACK[c] ?? c)
    .join('')
    .replace(/[_{}]/g, '')
    .replace(/[−–]/g, '-')
    .replace(/[·×∗⋅•]/g, '*')
    .replace(/\s+/g, '')
    .toLowerCase();
}

export interface SectionFacts {
  /** The section's own heading. */
  heading: string;
  /** Headings above it (for context). */
  crumbs: readonly string[];
  /** The section's words, lower case. */
  text: string;
  /** TeX sources of its formulas. */
  formulas: readonly string[];
}

export interface KnownMatch {
  rule: KnownRule;
  via: 'formula' | 'heading' | 'text';
}

/** The rules a section matches, formulas first, one per lesson, at most `max`. */
export function matchKnown(s: SectionFacts, max = 2, rules: readonly KnownRule[] = KNOWN_RULES): KnownMatch[] {
  const heading = s.heading.toLowerCase().trim();
  const context = [...s.crumbs, s.heading, s.text].join(' ').toLowerCase();
  const folded = s.formulas.map(foldFormula);
  const found: KnownMatch[] = [];
  for (const via of ['formula', 'heading', 'text'] as const) {
    for (const rule of rules) {
      let hit = false;
      if (via === 'formula' && rule.formula) {
        hit = folded.some((f) => rule.formula!.some((re) => re.test(f)));
        if (hit && rule.context && !rule.context.test(context)) hit = false;
        if (hit && rule.notContext && rule.notContext.test(context)) hit = false;
      } else if (via === 'heading' && rule.heading) {
        hit = rule.heading.some((re) => re.test(heading));
      } else if (via === 'text' && rule.text) {
        hit = rule.text.some((re) => re.test(s.text));
      }
      if (hit && !found.some((m) => m.rule.lesson === rule.lesson)) found.push({ rule, via });
    }
  }
  return found.slice(0, max);
}

/** Chinese then a Latin word: a space between them ("这是 RNN 的…"). */
function zhJoin(a: string, b: string): string {
  return /^[A-Za-z0-9]/.test(b) ? `${a} ${b}` : a + b;
}

/** The offer shown under a section: the lesson, and the REPL line when `repl` is given. */
export function offerMsg(m: KnownMatch, repl: string | undefined): Msg {
  const lesson = `nnlearn lesson ${m.rule.lesson}`;
  const tryEn = repl ? `, or try \`${repl}\` in the REPL` : '';
  const tryZh = repl ? `，或在 REPL 里试试 \`${repl}\`` : '';
  if (m.via === 'formula') {
    return msg(`This is ${m.rule.what.en}: open \`${lesson}\`${tryEn}.`, `${zhJoin('这是', m.rule.what.zh)}：打开 \`${lesson}\`${tryZh}。`);
  }
  return msg(`nnlearn has a lesson on ${m.rule.about.en}: open \`${lesson}\`${tryEn}.`, `${zhJoin('nnlearn 有一课讲', m.rule.about.zh)}：打开 \`${lesson}\`${tryZh}。`);
}
