/**
 * net NAME: a famous network layer by layer (output volume, parameters), with
 * totals that match the published counts.
 * net CHAIN: `net 32x32x3 | conv F=5 P=2 K=16 | relu | pool F=2 S=2 | fc 10`,
 * the student's own network worked out with the same shape rules, with a
 * running total and the receptive field of the last layer's neurons.
 */
import { receptiveFieldAfter, type ReceptiveFieldLayer } from '../../teach/index.js';
import { msg, tr, type Lang, type Msg } from '../../i18n/index.js';
import type { Block, Cell } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult, type ReplContext } from '../context.js';
import { lex, type Token } from '../lexer.js';
import { NET_NAMES, NETS, findNet, type NetDef } from '../nets/index.js';
import {
  activation,
  batchNorm,
  breakdownLine,
  conv as convLayer,
  fc as fcLayer,
  flatten,
  LayerError,
  pool as poolLayer,
  shapeJson,
  shapeText,
  type BuiltNet,
  type Layer,
  type Shape,
  type Vol,
} from '../nets/layers.js';
import { fail, parseArgs } from '../parser.js';
import { argPlace, resolveNumber, resolveVolume, optionNumber } from '../resolve.js';
import { isFailure, type CommandSpec, type ParsedArgs, type ParseFailure } from '../spec.js';
import { suggest } from '../suggest.js';
import { parseVolume, type VolumeTerm } from '../terms.js';
import { conv, readConvConfig } from './conv.js';
import { bytes } from './fc.js';
import { readPoolConfig } from './pool-config.js';
import { pool } from './pool.js';
import { fmtCount, fmtInt } from '../../i18n/numbers.js';

export { NET_NAMES, NET_NAME_GROUPS } from '../nets/index.js';

// ---------------------------------------------------------------------------
// Grammar

/** The layers a chain may use, by the word that starts a segment. */
type ChainKind = 'conv' | 'pool' | 'fc' | 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'bn' | 'flatten' | 'dropout';

const LAYER_WORDS: Record<string, ChainKind> = {
  conv: 'conv',
  conv2d: 'conv',
  pool: 'pool',
  maxpool: 'pool',
  avgpool: 'pool',
  fc: 'fc',
  linear: 'fc',
  dense: 'fc',
  relu: 'relu',
  sigmoid: 'sigmoid',
  tanh: 'tanh',
  softmax: 'softmax',
  bn: 'bn',
  batchnorm: 'bn',
  flatten: 'flatten',
  dropout: 'dropout',
};

/** The words a chain segment may start with (Tab completion after "|"). */
export const CHAIN_LAYER_WORDS: readonly string[] = Object.keys(LAYER_WORDS);

const plain = (name: string, summary: Msg): CommandSpec => ({ name, summary, usage: name, examples: [name] });

/** Each segment's grammar: the conv and pool commands' options without the input volume. */
const SEGMENT_SPECS: Record<ChainKind, CommandSpec> = {
  conv: { ...conv.spec, aliases: [], positionals: [], usage: 'conv F=.. [S=1] [P=0] [K=1] [dilation=1]', examples: ['conv F=5 P=2 K=16'] },
  pool: { ...pool.spec, aliases: [], positionals: [], usage: 'pool F=.. [S=F] [P=0] [max|avg|l2] [ceil]', examples: ['pool F=2 S=2'] },
  fc: {
    name: 'fc',
    summary: msg('a fully connected layer with N outputs', '有 N 个输出的全连接层'),
    usage: 'fc N',
    examples: ['fc 10'],
    positionals: [{ name: 'out', kind: 'number', help: msg('the number of outputs N, e.g. fc 10', '输出个数 N，例如 fc 10') }],
  },
  relu: plain('relu', msg('ReLU, shape unchanged', 'ReLU，形状不变')),
  sigmoid: plain('sigmoid', msg('sigmoid, shape unchanged', 'sigmoid，形状不变')),
  tanh: plain('tanh', msg('tanh, shape unchanged', 'tanh，形状不变')),
  softmax: plain('softmax', msg('softmax, shape unchanged', 'softmax，形状不变')),
  bn: plain('bn', msg('BatchNorm: 2 learned numbers per channel', 'BatchNorm：每个通道学习 2 个数')),
  flatten: plain('flatten', msg('flatten W×H×D into 1×1×(W·H·D)', '把 W×H×D 展平成 1×1×(W·H·D)')),
  dropout: {
    name: 'dropout',
    summary: msg('dropout, shape unchanged', 'dropout，形状不变'),
    usage: 'dropout [p=0.5]',
    examples: ['dropout p=0.5'],
    options: [{ key: 'p', aliases: [], help: msg('the probability of dropping a number (default 0.5)', '丢弃每个数的概率（默认 0.5）') }],
  },
};

export interface ChainSegment {
  kind: ChainKind;
  /** The word as typed: conv, maxpool, dense … */
  word: string;
  args: ParsedArgs;
  start: number;
  end: number;
}

export type NetRequest =
  | { mode: 'list' }
  | { mode: 'name'; word: string; start: number; end: number }
  | { mode: 'chain'; input: VolumeTerm; start: number; end: number; segments: ChainSegment[] };

/** ParsedArgs as the generic parser makes them, plus the chain `net` parsed. */
export interface NetArgs extends ParsedArgs {
  net: NetRequest;
}

const CHAIN_EXAMPLE = 'net 32x32x3 | conv F=5 P=2 K=16 | relu | pool F=2 S=2 | fc 10';

function segmentsOf(tokens: Token[]): { tokens: Token[]; pipe?: Token }[] {
  const groups: { tokens: Token[]; pipe?: Token }[] = [{ tokens: [] }];
  for (const t of tokens) {
    if (t.kind === 'pipe') groups.push({ tokens: [], pipe: t });
    else groups[groups.length - 1].tokens.push(t);
  }
  return groups;
}

export function parseNet(tokens: Token[], line: string): NetRequest | ParseFailure {
  if (tokens.length === 0) return { mode: 'list' };
  const groups = segmentsOf(tokens);
  const head = groups[0].tokens;
  if (head.length === 0) {
    const at = groups[1]?.pipe ?? tokens[0];
    return fail(
      msg(`A chain starts with the input volume W×H×D before the first "|", e.g. ${CHAIN_EXAMPLE}`, `层链的第一个 “|” 之前要先写输入数据体 W×H×D，例如 ${CHAIN_EXAMPLE}`),
      at.start,
    );
  }
  const first = head[0];
  let volume = first.kind === 'chunk' ? parseVolume(first.text) : null;
  // A plain number starts a fully connected chain (net 784 | fc 100 | relu | fc 10): N inputs = a 1×1×N volume.
  if (!volume && groups.length > 1 && first.kind === 'chunk' && /^\d+$/.test(first.text)) {
    volume = { width: { num: 1, text: '1' }, height: { num: 1, text: '1' }, depth: { num: Number(first.text), text: first.text }, text: first.text };
  }
  if (groups.length === 1) {
    // "alexnet" and "resnext" also read as volumes of variables (ale × net); without a "|" a word is a name.
    const numeric = volume && [volume.width, volume.height, volume.depth].some((t) => t !== null && 'num' in t);
    if (first.kind !== 'chunk') {
      return fail(msg(`net needs a network name or a chain. Usage: ${net.spec.usage}`, `net 需要一个网络名或一条层链。用法：${net.spec.usage}`), first.start, first.text.length);
    }
    if (head.length > 1) {
      const extra = head[1];
      return fail(
        numeric
          ? msg(`Separate the layers with "|": ${CHAIN_EXAMPLE}`, `层与层之间用 “|” 分隔：${CHAIN_EXAMPLE}`)
          : msg(
              `net ${first.text} takes nothing after the name. To describe your own network, start with an input volume: ${CHAIN_EXAMPLE}`,
              `net ${first.text} 的名字后面不需要其他内容。要描述自己的网络，请从输入数据体开始：${CHAIN_EXAMPLE}`,
            ),
        extra.start,
        extra.text.length,
      );
    }
    if (numeric && !findNet(first.text)) {
      return fail(
        msg(`Add layers after the input volume, each after a "|": ${CHAIN_EXAMPLE}`, `请在输入数据体后面加上层，每层前面写一个 “|”：${CHAIN_EXAMPLE}`),
        line.length,
      );
    }
    return { mode: 'name', word: first.text, start: first.start, end: first.end };
  }
  if (!volume || head.length > 1) {
    const bad = !volume ? first : head[1];
    const named = first.kind === 'chunk' && !volume && findNet(first.text);
    return fail(
      named
        ? msg(
            `A chain starts with an input volume, not a named network: e.g. ${CHAIN_EXAMPLE}. To see ${first.text}, type net ${first.text}.`,
            `层链要从输入数据体开始，而不是从已命名的网络开始：例如 ${CHAIN_EXAMPLE}。要查看 ${first.text}，请输入 net ${first.text}。`,
          )
        : !volume
          ? msg(
              `"${first.text}" is not a volume. A chain starts with the input W×H×D as in the notes, e.g. ${CHAIN_EXAMPLE}`,
              `“${first.text}”不是数据体尺寸。层链要从按笔记写法的输入 宽×高×深 开始，例如 ${CHAIN_EXAMPLE}`,
            )
          : msg(`Only the input volume comes before the first "|"; put each layer after its own "|".`, `第一个 “|” 之前只能写输入数据体；每一层都要写在各自的 “|” 后面。`),
      bad.start,
      bad.text.length,
    );
  }
  const segments: ChainSegment[] = [];
  for (let g = 1; g < groups.length; g++) {
    const { tokens: ts, pipe } = groups[g];
    if (ts.length === 0) {
      return fail(
        msg(`Nothing after this "|": add a layer such as relu, pool F=2 or conv F=3 K=16.`, `这个 “|” 后面没有内容：请加上一层，例如 relu、pool F=2 或 conv F=3 K=16。`),
        pipe!.start,
      );
    }
    const w = ts[0];
    const kind = w.kind === 'chunk' ? LAYER_WORDS[w.text.toLowerCase()] : undefined;
    if (!kind) {
      const close = w.kind === 'chunk' ? suggest(w.text, CHAIN_LAYER_WORDS) : [];
      return fail(
        msg(
          `"${w.text}" is not a layer.${close.length ? ` Did you mean ${close.join(' or ')}?` : ''} Layers: conv, pool, fc, relu, sigmoid, tanh, softmax, bn, flatten, dropout.`,
          `“${w.text}”不是一种层。${close.length ? `你是不是想写 ${close.join(' 或 ')}？` : ''}可用的层：conv、pool、fc、relu、sigmoid、tanh、softmax、bn、flatten、dropout。`,
        ),
        w.start,
        w.text.length,
      );
    }
    const end = ts[ts.length - 1].end;
    // The segment's own slice of the line: a missing argument points at its end, not the line's.
    const parsed = parseArgs(SEGMENT_SPECS[kind], ts.slice(1), line.slice(0, end));
    if (isFailure(parsed)) return parsed;
    const word = w.text.toLowerCase();
    if (word === 'avgpool') parsed.flags = [...parsed.flags.filter((f) => f !== 'max' && f !== 'l2'), 'avg'];
    segments.push({ kind, word, args: parsed, start: w.start, end });
  }
  return { mode: 'chain', input: volume, start: first.start, end: first.end, segments };
}

function netParse(tokens: Token[], line: string): NetArgs | ParseFailure {
  const r = parseNet(tokens, line);
  if (isFailure(r)) return r;
  return { positionals: {}, options: {}, flags: [], net: r };
}

// ---------------------------------------------------------------------------
// Views

const NOT_SAFE = msg('Some counts exceed 2^53 and are shown rounded.', '部分计数超过 2^53，显示的是近似值。');

function layerJson(l: Layer, lang: Lang): Record<string, unknown> {
  return {
    name: l.name,
    type: l.type,
    what: tr(lang, l.what),
    output: shapeJson(l.output),
    params: l.params,
    ...(l.parts ? { parts: l.parts.map((p) => layerJson(p, lang)) } : {}),
  };
}

/** "layer2.0.conv1" → "conv1" inside the breakdown of layer2.0. */
function shortName(group: string, name: string): string {
  return name.startsWith(group + '.') ? name.slice(group.length + 1) : name;
}

function breakdownBlocks(net: BuiltNet, names: readonly string[]): Block[] {
  const blocks: Block[] = [];
  for (const n of names) {
    const l = net.layers.find((x) => x.name === n);
    if (!l?.parts) continue;
    const parts = l.parts.filter((p) => p.params > 0).map((p) => shortName(l.name, p.name));
    blocks.push({ kind: 'formula', label: msg(`${l.name}: ${parts.join(' + ')}`, `${l.name}：${parts.join(' + ')}`), lines: [breakdownLine(l)] });
  }
  return blocks;
}

const NAME_HEAD: Cell[] = [msg('layer', '层'), msg('what', '说明'), msg('output', '输出'), msg('parameters', '参数')];

function namedBlocks(def: NetDef, net: BuiltNet): Block[] {
  const rows: Cell[][] = [[msg('input', '输入'), '', shapeText(net.input), '']];
  for (const l of net.layers) rows.push([l.name, l.what, shapeText(l.output), fmtInt(l.params)]);
  const facts: { label: Cell; value: Cell }[] = [
    { label: msg('parameters', '参数'), value: fmtInt(net.params) },
    { label: msg('float32 memory', 'float32 内存'), value: bytes(net.params * 4) },
  ];
  if (def.published) facts.push({ label: msg('in the paper', '论文中'), value: def.published });
  return [
    { kind: 'title', text: msg(`${def.title} — ${fmtInt(net.params)} parameters`, `${def.title} —— 共 ${fmtInt(net.params)} 个参数`) },
    { kind: 'text', text: def.variant, tone: 'muted' },
    { kind: 'table', head: NAME_HEAD, rows, align: ['left', 'left', 'right', 'right'], foot: [msg('total', '合计'), '', shapeText(net.output), fmtInt(net.params)] },
    ...breakdownBlocks(net, def.breakdown ?? []),
    { kind: 'facts', rows: facts },
    { kind: 'text', text: def.notCounted, tone: 'muted' },
  ];
}

function runNamed(def: NetDef, ctx: ReplContext) {
  const net = def.build();
  const json = {
    command: 'net',
    ok: true,
    name: def.id,
    title: def.title,
    params: net.params,
    input: shapeJson(net.input),
    output: shapeJson(net.output),
    layers: net.layers.map((l) => layerJson(l, ctx.lang)),
    counts: def.counts,
  };
  return commandResult('net', { json: () => json, blocks: () => namedBlocks(def, net) });
}

function runList(ctx: ReplContext) {
  const built = NETS.map((d) => ({ d, n: d.build() }));
  const blocks: Block[] = [
    { kind: 'title', text: msg('Networks net knows', 'net 认识的网络') },
    {
      kind: 'table',
      head: [msg('name', '名字'), msg('what', '说明'), msg('parameters', '参数')],
      rows: built.map(({ d, n }) => [d.id, d.summary, fmtInt(n.params)]),
      align: ['left', 'left', 'right'],
    },
    {
      kind: 'text',
      text: msg(`Type net NAME for the layers, e.g. net vgg16. Or describe your own: ${CHAIN_EXAMPLE}`, `输入 net 名字 查看各层，例如 net vgg16。也可以描述自己的网络：${CHAIN_EXAMPLE}`),
      tone: 'muted',
    },
  ];
  const json = { command: 'net', ok: true, networks: built.map(({ d, n }) => ({ name: d.id, title: d.title, params: n.params, summary: tr(ctx.lang, d.summary) })) };
  return commandResult('net', { json: () => json, blocks: () => blocks });
}

// ---------------------------------------------------------------------------
// The chain

interface ChainRow {
  layer: Layer;
  /** As shown: "conv F=5 S=1 P=2 K=16". */
  label: string;
  total: number;
  /** Receptive field [h, w] of this layer's neurons in input pixels; null once every neuron sees everything. */
  rf: [number, number] | null;
  hyper?: Record<string, unknown>;
}

function buildSegment(seg: ChainSegment, input: Shape, name: string, ctx: ReplContext): { layer: Layer; hyper?: Record<string, unknown>; note?: Msg } {
  const a = seg.args;
  switch (seg.kind) {
    case 'conv': {
      if (!a.options.F) throw new UserError(msg('conv needs the filter size: add F=3 (or kernel=3).', 'conv 需要滤波器尺寸：加上 F=3（或 kernel=3）。'), seg.start, seg.end - seg.start);
      const c = readConvConfig(ctx, a);
      const layer = convLayer(input, name, { F: c.F, S: c.S, P: c.P, K: c.K ?? 1, dilation: c.dilation });
      return {
        layer,
        hyper: { F: c.F, S: c.S, P: c.P, K: c.K ?? 1, dilation: c.dilation },
        note: c.K === undefined ? msg(`${name} has no K, so it has one filter (output depth 1); add K=16 for sixteen.`, `${name} 没有给出 K，所以只有 1 个滤波器（输出深度 1）；写 K=16 表示 16 个。`) : undefined,
      };
    }
    case 'pool': {
      if (!a.options.F) throw new UserError(msg('pool needs the window size: add F=2 (or kernel=2).', 'pool 需要窗口尺寸：加上 F=2（或 kernel=2）。'), seg.start, seg.end - seg.start);
      const c = readPoolConfig(ctx, a);
      return { layer: poolLayer(input, name, { F: c.F, S: c.S, P: c.P, kind: c.kind, ceil: c.ceil }), hyper: { F: c.F, S: c.S, P: c.P, pool: c.kind === 'lp' ? 'l2' : c.kind, ceil: c.ceil } };
    }
    case 'fc': {
      const out = a.positionals.out;
      if (!out || out.kind !== 'term') throw new UserError(msg('fc needs the number of outputs: fc 10.', 'fc 需要输出个数：fc 10。'), seg.start, seg.end - seg.start);
      const N = resolveNumber(ctx, out.term, { what: msg('the number of outputs N', '输出个数 N'), integer: true, min: 1 }, argPlace(out));
      return { layer: fcLayer(input, name, N), hyper: { N } };
    }
    case 'bn':
      return { layer: batchNorm(input, name) };
    case 'flatten':
      return { layer: flatten(input, name) };
    case 'dropout': {
      const p = optionNumber(ctx, a, 'p', { what: msg('the dropout probability p', 'dropout 概率 p'), min: 0, max: 1, default: 0.5 })!;
      return { layer: { ...activation(input, name, 'dropout'), what: `p=${p}` }, hyper: { p } };
    }
    default:
      return { layer: activation(input, name, seg.kind) };
  }
}

function segmentLabel(seg: ChainSegment, l: Layer): string {
  const what = tr('en', l.what);
  switch (seg.kind) {
    case 'conv':
      return `conv ${what}`;
    case 'pool':
      return `pool ${what}`;
    case 'fc':
      return `fc ${what}`;
    case 'bn':
      return 'batchnorm';
    case 'dropout':
      return `dropout ${what}`;
    default:
      return seg.kind;
  }
}

/** Exact with digit groups while exact; beyond 2^53 a rounded 1.000e+24 (keeps the table narrow). */
function count(n: number): string {
  return Number.isSafeInteger(n) ? fmtInt(n) : `≈${n.toExponential(3)}`;
}

function rfText(rf: [number, number] | null, lang: Lang): string {
  if (!rf) return lang === 'en' ? 'all' : '全部';
  return `${rf[1]}×${rf[0]}`;
}

function runChain(req: Extract<NetRequest, { mode: 'chain' }>, ctx: ReplContext, line: string) {
  const input = resolveVolume(ctx, req.input, { start: req.start, end: req.end });
  const counters: Record<string, number> = {};
  const rows: ChainRow[] = [];
  const notes: Msg[] = [];
  const warnings: Msg[] = [];
  const rfLayers: ReceptiveFieldLayer[] = [];
  let shape: Shape = input;
  let total = 0;
  let rf: [number, number] | null = [1, 1];
  let jump: [number, number] = [1, 1];
  req.segments.forEach((seg, i) => {
    const typed = line.slice(seg.start, seg.end);
    const type = seg.kind;
    counters[type] = (counters[type] ?? 0) + 1;
    const name = `${type}${counters[type]}`;
    let built: ReturnType<typeof buildSegment>;
    try {
      built = buildSegment(seg, shape, name, ctx);
    } catch (e) {
      if (e instanceof LayerError) {
        throw new UserError(
          msg(
            `Layer ${i + 1} (${typed}) does not fit its ${shapeText(shape)} input: ${e.text.en}`,
            `第 ${i + 1} 层（${typed}）与它的输入 ${shapeText(shape)} 不匹配：${e.text.zh}`,
          ),
          seg.start,
          seg.end - seg.start,
        );
      }
      throw e;
    }
    const { layer } = built;
    if (built.note) notes.push(built.note);
    for (const w of layer.warnings ?? []) warnings.push(msg(`${name} (${typed}): ${w.en}`, `${name}（${typed}）：${w.zh}`));
    total += layer.params;
    if (layer.rf && rf) {
      rfLayers.push(...layer.rf);
      const r = receptiveFieldAfter(rfLayers);
      rf = r.receptiveField;
      jump = r.jump;
    } else if (layer.type === 'fc') {
      // Every output of a fully connected layer reads the whole input (flatten only rearranges).
      rf = null;
    }
    rows.push({ layer, label: segmentLabel(seg, layer), total, rf, hyper: built.hyper });
    shape = layer.output;
  });
  const output = shape as Vol;
  const lastRf = rows[rows.length - 1].rf;
  const lastConvPool = [...rows].reverse().find((r) => r.layer.rf);
  const rfFact: Msg = lastRf
    ? msg(
        `${rfText(lastRf, 'en')} of the ${input.width}×${input.height} input (neighbouring neurons ${jump[1] === jump[0] ? jump[0] : `${jump[1]}×${jump[0]}`} pixels apart)`,
        `输入 ${input.width}×${input.height} 中的 ${rfText(lastRf, 'zh')} 区域（相邻神经元在输入上相隔 ${jump[1] === jump[0] ? jump[0] : `${jump[1]}×${jump[0]}`} 个像素）`,
      )
    : msg(
        `the whole ${shapeText(input)} input: after a fully connected layer every number depends on all of it${lastConvPool ? ` (the last conv/pool, ${lastConvPool.layer.name}, sees ${rfText(lastConvPool.rf, 'en')})` : ''}`,
        `整个 ${shapeText(input)} 输入：经过全连接层后，每个数都依赖全部输入${lastConvPool ? `（最后一个卷积/池化层 ${lastConvPool.layer.name} 的感受野是 ${rfText(lastConvPool.rf, 'zh')}）` : ''}`,
      );

  const tableRows: Cell[][] = [['', msg('input', '输入'), shapeText(input), '1×1', '', '']];
  rows.forEach((r, i) => tableRows.push([String(i + 1), r.label, shapeText(r.layer.output), msg(rfText(r.rf, 'en'), rfText(r.rf, 'zh')), count(r.layer.params), count(r.total)]));
  const blocks: Block[] = [
    {
      kind: 'title',
      text: msg(
        `Your network  ${shapeText(input)} → ${shapeText(output)}, ${count(total)} parameters`,
        `你的网络  ${shapeText(input)} → ${shapeText(output)}，共 ${count(total)} 个参数`,
      ),
    },
    {
      kind: 'table',
      head: ['#', msg('layer', '层'), msg('output', '输出'), msg('RF', '感受野'), msg('params', '参数'), msg('total', '累计')],
      rows: tableRows,
      align: ['right', 'left', 'right', 'right', 'right', 'right'],
      foot: ['', msg('total', '合计'), shapeText(output), '', count(total), ''],
    },
    ...warnings.map((w): Block => ({ kind: 'warning', text: w })),
    ...(Number.isSafeInteger(total) ? [] : [{ kind: 'warning', text: NOT_SAFE } as Block]),
    {
      kind: 'facts',
      rows: [
        { label: msg('parameters', '参数'), value: fmtCount(total) },
        { label: msg('float32 memory', 'float32 内存'), value: bytes(total * 4) },
        { label: msg(`receptive field (${rows[rows.length - 1].layer.name})`, `感受野（${rows[rows.length - 1].layer.name}）`), value: rfFact },
      ],
    },
    ...notes.map((n): Block => ({ kind: 'text', text: n, tone: 'muted' })),
    {
      kind: 'text',
      text: msg(
        'Counted: conv K·(F·F·D₁ + 1), fc N·(inputs + 1) after flattening, bn 2·D (γ, β; running statistics are buffers). Activations, pooling, flatten and dropout learn nothing. RF: the input region (W×H) one neuron sees.',
        '计数方式：卷积 K·(F·F·D₁ + 1)，全连接（先展平）N·(输入个数 + 1)，bn 2·D（γ、β；滑动统计量是缓冲区）。激活函数、池化、展平和 dropout 没有参数。感受野：一个神经元能看到的输入区域（W×H）。',
      ),
      tone: 'muted',
    },
  ];
  const json = {
    command: 'net',
    ok: true,
    name: 'custom',
    params: total,
    input: shapeJson(input),
    output: shapeJson(output),
    layers: rows.map((r) => ({
      name: r.layer.name,
      type: r.layer.type,
      what: r.label,
      output: shapeJson(r.layer.output),
      params: r.layer.params,
      total: r.total,
      receptiveField: r.rf ? { width: r.rf[1], height: r.rf[0] } : 'all',
      ...(r.hyper ? { hyper: r.hyper } : {}),
    })),
    receptiveField: lastRf ? { width: lastRf[1], height: lastRf[0], jump: { width: jump[1], height: jump[0] } } : 'all',
    counts: 'custom chain: conv K*(F*F*D+1), fc N*(inputs+1), bn 2*D; activations, pooling, flatten, dropout 0',
    warnings: warnings.map((w) => tr(ctx.lang, w)),
  };
  return commandResult('net', { json: () => json, blocks: () => blocks });
}

// ---------------------------------------------------------------------------

export const net: ReplCommand = {
  spec: {
    name: 'net',
    aliases: ['arch'],
    summary: msg('a whole network: layer by layer, or your own chain of layers', '整个网络：逐层查看，或搭建自己的层链'),
    usage: 'net [NAME]   |   net W×H×D | LAYER | LAYER …',
    examples: ['net', 'net vgg16', 'net resnet50', 'net transformer', CHAIN_EXAMPLE, 'net 28x28x1 | conv F=3 K=8 | bn | relu | pool F=2 | flatten | fc 10'],
    positionals: [
      { name: 'name', kind: 'word', optional: true, help: msg('a network name; net alone lists them', '网络名；只输入 net 会列出全部') },
      {
        name: 'chain',
        kind: 'word',
        optional: true,
        help: msg('W×H×D, then "| layer" each: conv, pool, fc N, relu, bn, flatten…', '先写 W×H×D，每层前加 “|”：conv、pool、fc N、relu、bn、flatten…'),
      },
    ],
    parse: netParse,
  },
  run(args, ctx, line) {
    let req = (args as Partial<NetArgs>).net;
    if (!req) {
      // Parsed elsewhere: read the line again (the parser is pure).
      const r = parseNet(lex(line).slice(1), line);
      if (isFailure(r)) throw new UserError(r.error, r.column, r.length);
      req = r;
    }
    if (req.mode === 'list') return runList(ctx);
    if (req.mode === 'chain') return runChain(req, ctx, line);
    const def = findNet(req.word);
    if (!def) {
      const close = suggest(req.word, NET_NAMES);
      throw new UserError(
        msg(
          `Unknown network "${req.word}".${close.length ? ` Did you mean ${close.join(' or ')}?` : ''} Known: ${NETS.map((n) => n.id).join(', ')}. Or describe your own: ${CHAIN_EXAMPLE}`,
          `未知网络“${req.word}”。${close.length ? `你是不是想输入 ${close.join(' 或 ')}？` : ''}已知网络：${NETS.map((n) => n.id).join('、')}。也可以描述自己的网络：${CHAIN_EXAMPLE}`,
        ),
        req.start,
        req.end - req.start,
      );
    }
    return runNamed(def, ctx);
  },
};
