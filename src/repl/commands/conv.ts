/**
 * conv W×H×D F= S= P= K= [dilation=]: what a conv layer does to a volume —
 * the output size with the formula worked on the student's numbers, the
 * parameters, the receptive field, and what a fully connected layer would cost.
 */
import { convOutputShape, type AxisRule, type ConvShapeAccepted } from '../../teach/index.js';
import { joinMsg, msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { argPlace, optionNumber, resolveVolume } from '../resolve.js';
import type { OptionSpec } from '../spec.js';
import { convOnValues } from './conv-values.js';
import { fmtInt } from '../../i18n/numbers.js';

export const CONV_OPTIONS: readonly OptionSpec[] = [
  { key: 'F', aliases: ['kernel', 'kernel_size'], help: msg('filter size F (F×F window)', '滤波器尺寸 F（F×F 窗口）') },
  { key: 'S', aliases: ['stride'], help: msg('stride S (default 1)', '步长 S（默认 1）') },
  { key: 'P', aliases: ['pad', 'padding'], help: msg('zero-padding P on every side (default 0)', '四周的零填充 P（默认 0）') },
  { key: 'K', aliases: ['filters', 'out'], help: msg('number of filters K = output depth (default 1)', '滤波器个数 K = 输出深度（默认 1）') },
  { key: 'dilation', aliases: ['dil'], help: msg('dilation (default 1), as in PyTorch', '膨胀系数（默认 1），同 PyTorch') },
  { key: 'seed', aliases: [], help: msg('on a variable: seed of the random weights', '作用于变量时：随机权重的种子'), onValues: true },
  { key: 'w', aliases: ['weight'], help: msg('on a variable: your own kernels (a variable)', '作用于变量时：自己给定的卷积核（变量）'), onValues: true },
  { key: 'b', aliases: ['bias'], help: msg('on a variable: your own biases (a variable)', '作用于变量时：自己给定的偏置（变量）'), onValues: true },
];

export interface ConvConfig {
  F: number;
  S: number;
  P: number;
  K: number | undefined;
  dilation: number;
}

/** W×H×D for a [C, H, W] shape, the notes' order. */
export function whd(width: number, height: number, depth: number): string {
  return `${width}×${height}×${depth}`;
}

/** The formula lines for both spatial axes; one line when they are the same. */
export function axisFormulaLines(h: AxisRule, w: AxisRule): string[] {
  const sameNumbers = h.input === w.input && h.kernel === w.kernel && h.stride === w.stride && h.padding === w.padding && h.dilation === w.dilation;
  if (sameNumbers) return [`W₂ = H₂ = ${w.formula}`, `        = ${w.worked}`];
  return [`W₂ = ${w.formula}`, `   = ${w.worked}`, `H₂ = ${h.formula.replace(/W/g, 'H')}`, `   = ${h.worked}`];
}

export function issuesBlocks(e: { warnings: { message: Msg }[]; notes: { message: Msg }[] }): Block[] {
  return [...e.warnings.map((w): Block => ({ kind: 'warning', text: w.message })), ...e.notes.map((n): Block => ({ kind: 'text', text: n.message, tone: 'muted' }))];
}

export function convBlocks(e: ConvShapeAccepted, input: { width: number; height: number; depth: number }, kGiven: boolean): Block[] {
  const [K, H2, W2] = e.outShape;
  const p = e.params;
  const blocks: Block[] = [
    {
      kind: 'title',
      text: msg(
        `conv  ${whd(input.width, input.height, input.depth)} → ${whd(W2, H2, K)}`,
        `卷积  ${whd(input.width, input.height, input.depth)} → ${whd(W2, H2, K)}`,
      ),
    },
    { kind: 'formula', label: msg('Output width and height:', '输出的宽和高：'), lines: axisFormulaLines(e.height, e.width) },
    { kind: 'formula', label: msg('Output depth:', '输出深度：'), lines: [`D₂ = K = ${K}`] },
  ];
  if (!kGiven) {
    blocks.push({
      kind: 'text',
      text: msg('No K given: the output depth is the number of filters, so this shows K=1. Add K=16 for sixteen filters.', '没有给出 K：输出深度等于滤波器个数，这里按 K=1 计算。写 K=16 表示 16 个滤波器。'),
      tone: 'muted',
    });
  }
  blocks.push(...issuesBlocks(e));
  blocks.push({
    kind: 'facts',
    rows: [
      { label: msg('weights per filter', '每个滤波器的权重'), value: joinMsg([`F·F·D₁ = ${e.height.kernel}·${e.width.kernel}·${input.depth} = ${fmtInt(p.weightsPerFilter)}`, msg('(+1 bias)', '（另加 1 个偏置）')], '  ') },
      { label: msg('parameters', '参数'), value: `K·(F·F·D₁ + 1) = ${p.worked}` },
      {
        label: msg('receptive field', '感受野'),
        value: joinMsg([
          whd(e.receptiveField.width, e.receptiveField.height, e.receptiveField.depth),
          e.width.dilation > 1
            ? msg(`(d·(F − 1) + 1 = ${e.width.span} wide with dilation d=${e.width.dilation}, reading F×F = ${e.width.kernel}×${e.height.kernel} of it; full input depth)`, `（膨胀 d=${e.width.dilation} 时跨度 d·(F − 1) + 1 = ${e.width.span}，其中只读取 F×F = ${e.width.kernel}×${e.height.kernel} 个；深度与输入相同）`)
            : msg('(F×F×D₁: full input depth)', '（F×F×D₁：深度与输入相同）'),
        ]),
      },
      { label: msg('fully connected instead', '若改用全连接'), value: msg(`${fmtInt(e.fullyConnected.total)} parameters (${ratio(e.fullyConnected.ratio)} times as many)`, `${fmtInt(e.fullyConnected.total)} 个参数（是卷积层的 ${ratio(e.fullyConnected.ratio)} 倍）`) },
      { label: msg('PyTorch layout', 'PyTorch 布局'), value: msg(
          `[${input.depth}, ${input.height}, ${input.width}] → [${K}, ${H2}, ${W2}], weight [${K}, ${input.depth}, ${e.height.kernel}, ${e.width.kernel}]`,
          `[${input.depth}, ${input.height}, ${input.width}] → [${K}, ${H2}, ${W2}]，权重 [${K}, ${input.depth}, ${e.height.kernel}, ${e.width.kernel}]`,
        ) },
    ],
  });
  blocks.push({ kind: 'text', text: e.fullyConnected.explanation, tone: 'muted' });
  return blocks;
}

function ratio(r: number): string {
  return r >= 10 ? fmtInt(Math.round(r)) : String(Math.round(r * 10) / 10);
}

export function readConvConfig(ctx: Parameters<ReplCommand['run']>[1], args: Parameters<ReplCommand['run']>[0], needF = true): ConvConfig {
  const F = optionNumber(ctx, args, 'F', { what: msg('the filter size F', '滤波器尺寸 F'), integer: true, min: 1 });
  if (F === undefined && needF) {
    throw new UserError(msg('conv needs the filter size: add F=3 (or kernel=3).', 'conv 需要滤波器尺寸：加上 F=3（或 kernel=3）。'), undefined);
  }
  return {
    F: F ?? 1,
    S: optionNumber(ctx, args, 'S', { what: msg('the stride S', '步长 S'), integer: true, min: 1, default: 1 })!,
    P: optionNumber(ctx, args, 'P', { what: msg('the padding P', '填充 P'), integer: true, min: 0, default: 0 })!,
    K: optionNumber(ctx, args, 'K', { what: msg('the number of filters K', '滤波器个数 K'), integer: true, min: 1 }),
    dilation: optionNumber(ctx, args, 'dilation', { what: msg('the dilation', '膨胀系数'), integer: true, min: 1, default: 1 })!,
  };
}

export const conv: ReplCommand = {
  spec: {
    name: 'conv',
    aliases: ['conv2d'],
    summary: msg('a convolution layer: output volume, formula, parameters', '卷积层：输出数据体、公式、参数'),
    usage: 'conv W×H×D F=.. [S=1] [P=0] [K=1] [dilation=1]   or   conv x F=.. [K=..] [seed=N | w=NAME b=NAME]',
    examples: ['conv 32x32x3 F=5 S=1 P=2 K=16', 'conv 227x227x3 F=11 S=4 K=96', 'conv 7x7x1 F=3 S=2', 'let x = rand 6x6x1 seed=7', 'conv x F=3 K=2'],
    positionals: [{ name: 'input', kind: 'volume', help: msg('an input volume W×H×D such as 32x32x3, or a variable with numbers', '输入数据体 W×H×D（例如 32x32x3），或一个存有数值的变量') }],
    options: CONV_OPTIONS,
  },
  run(args, ctx) {
    const a = args.positionals.input;
    if (a.kind === 'term' && 'name' in a.term) return convOnValues(ctx, args, a);
    for (const key of ['seed', 'w', 'b']) {
      const o = args.options[key];
      if (o) throw new UserError(msg(`${key}= applies when conv runs on a variable (conv x F=3 ${key}=…), not on a volume size.`, `${key}= 只在对变量做卷积时使用（conv x F=3 ${key}=…），不用于数据体尺寸。`), o.start, o.end - o.start);
    }
    if (a.kind !== 'volume') {
      throw new UserError(msg('conv needs a volume W×H×D here, e.g. 32x32x3.', 'conv 这里需要数据体 W×H×D，例如 32x32x3。'), a.start, a.end - a.start);
    }
    const input = resolveVolume(ctx, a.volume, argPlace(a));
    const c = readConvConfig(ctx, args);
    const e = convOutputShape({ inC: input.depth, inH: input.height, inW: input.width, outChannels: c.K ?? 1, kernel: c.F, stride: c.S, padding: c.P, dilation: c.dilation });
    if (!e.ok) throw new UserError(joinMsg(e.errors.map((x) => x.message)));
    const [K, H2, W2] = e.outShape;
    const json = {
      command: 'conv',
      ok: true,
      input,
      output: { width: W2, height: H2, depth: K },
      params: e.params.total,
      weightsPerFilter: e.params.weightsPerFilter,
      biasPerFilter: 1,
      filters: K,
      hyper: { F: c.F, S: c.S, P: c.P, K, dilation: c.dilation },
      formula: { width: e.width.worked, height: e.height.worked },
      exact: { width: e.width.exact, height: e.height.exact },
      receptiveField: { width: e.receptiveField.width, height: e.receptiveField.height, depth: e.receptiveField.depth },
      fullyConnectedParams: e.fullyConnected.total,
      pytorch: { input: [input.depth, input.height, input.width], output: [K, H2, W2], weight: [K, input.depth, c.F, c.F] },
      warnings: e.warnings.map((w) => w.message[ctx.lang]),
      unvisited: { rows: e.height.unvisited, columns: e.width.unvisited },
    };
    return commandResult('conv', { json: () => json, blocks: () => convBlocks(e, input, c.K !== undefined) });
  },
};
