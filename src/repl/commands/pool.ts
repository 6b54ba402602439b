/**
 * pool W×H×D F= S= [max|avg|l2] [P=] [ceil]: the pooled volume, the notes'
 * formula W₂ = (W₁ − F)/S + 1 on the student's numbers, depth unchanged,
 * no parameters; ceil mode exactly as PyTorch.
 */
import { poolOutputShape, type PoolShapeAccepted } from '../../teach/index.js';
import { joinMsg, msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand, } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { argPlace, resolveVolume } from '../resolve.js';
import type { FlagSpec, OptionSpec } from '../spec.js';
import { axisFormulaLines, issuesBlocks, whd } from './conv.js';
import type { PoolConfig } from '../runs.js';
import { readPoolConfig } from './pool-config.js';
import { poolOnValues } from './pool-values.js';
import { fmtInt } from '../../i18n/numbers.js';

export const POOL_OPTIONS: readonly OptionSpec[] = [
  { key: 'F', aliases: ['kernel', 'kernel_size', 'size'], help: msg('window size F (F×F)', '窗口尺寸 F（F×F）') },
  { key: 'S', aliases: ['stride'], help: msg('stride S (default F)', '步长 S（默认等于 F）') },
  { key: 'P', aliases: ['pad', 'padding'], help: msg('padding P (default 0; at most F/2)', '填充 P（默认 0；最多 F/2）') },
];

export const POOL_FLAGS: readonly FlagSpec[] = [
  { name: 'max', group: 'kind', help: msg('max pooling (default): keep the largest number of each window', '最大池化（默认）：每个窗口取最大值') },
  { name: 'avg', aliases: ['average', 'mean'], group: 'kind', help: msg('average pooling: the mean of each window', '平均池化：每个窗口取平均') },
  { name: 'l2', aliases: ['lp'], group: 'kind', help: msg('L2-norm pooling: √(sum of squares) of each window', 'L2 范数池化：每个窗口的平方和再开方') },
  { name: 'ceil', aliases: ['ceil_mode'], help: msg("ceil mode: round up, as PyTorch's ceil_mode=True", 'ceil 模式：向上取整，同 PyTorch 的 ceil_mode=True') },
];

const KIND_NAME = {
  max: msg('max pooling', '最大池化'),
  avg: msg('average pooling', '平均池化'),
  lp: msg('L2-norm pooling', 'L2 范数池化'),
};

export function poolBlocks(e: PoolShapeAccepted, input: { width: number; height: number; depth: number }, c: PoolConfig): Block[] {
  const [D, H2, W2] = e.outShape;
  const blocks: Block[] = [
    {
      kind: 'title',
      text: msg(
        `${KIND_NAME[c.kind].en}  ${whd(input.width, input.height, input.depth)} → ${whd(W2, H2, D)}`,
        `${KIND_NAME[c.kind].zh}  ${whd(input.width, input.height, input.depth)} → ${whd(W2, H2, D)}`,
      ),
    },
    { kind: 'formula', label: msg('Output width and height:', '输出的宽和高：'), lines: axisFormulaLines(e.height, e.width) },
    { kind: 'formula', label: msg('Depth is unchanged (each slice is pooled on its own):', '深度不变（每个深度切片单独池化）：'), lines: [`D₂ = D₁ = ${D}`] },
    ...issuesBlocks(e),
    {
      kind: 'facts',
      rows: [
        { label: msg('parameters', '参数'), value: msg('0 — pooling has nothing to learn', '0 —— 池化层没有要学习的参数') },
        {
          label: msg('each output', '每个输出'),
          value:
            c.kind === 'max'
              ? msg(`the largest of an F×F = ${c.F}×${c.F} window`, `F×F = ${c.F}×${c.F} 窗口中的最大值`)
              : c.kind === 'avg'
                ? msg(`the mean of an F×F = ${c.F}×${c.F} window`, `F×F = ${c.F}×${c.F} 窗口的平均值`)
                : msg(`√(Σx²) over an F×F = ${c.F}×${c.F} window (a sum, not a mean)`, `F×F = ${c.F}×${c.F} 窗口的 √(Σx²)（是求和，不是平均）`),
        },
        { label: msg('outputs / inputs', '输出数 / 输入数'), value: `${fmtInt(W2 * H2 * D)} / ${fmtInt(input.width * input.height * input.depth)} (${Math.round((100 * W2 * H2 * D) / (input.width * input.height * input.depth))}%)` },
        { label: msg('PyTorch layout', 'PyTorch 布局'), value: `[${input.depth}, ${input.height}, ${input.width}] → [${D}, ${H2}, ${W2}]` },
      ],
    },
  ];
  return blocks;
}

export const pool: ReplCommand = {
  spec: {
    name: 'pool',
    aliases: ['maxpool', 'avgpool'],
    summary: msg('a pooling layer: output volume, formula, no parameters', '池化层：输出数据体、公式、无参数'),
    usage: 'pool W×H×D F=.. [S=F] [max|avg|l2] [P=0] [ceil]',
    examples: ['pool 32x32x16 F=2 S=2', 'pool 55x55x96 F=3 S=2', 'pool 8x8x1 F=3 S=2 ceil', 'pool 4x4x1 F=2 S=2 l2', 'let x = rand 4x4x1', 'pool x F=2 S=2 max'],
    positionals: [{ name: 'input', kind: 'volume', help: msg('an input volume W×H×D such as 32x32x16', '输入数据体 W×H×D，例如 32x32x16') }],
    options: POOL_OPTIONS,
    flags: POOL_FLAGS,
  },
  run(args, ctx, line) {
    const a = args.positionals.input;
    if (a.kind !== 'volume' && !(a.kind === 'term' && 'name' in a.term)) {
      throw new UserError(msg('pool needs a volume W×H×D here, e.g. 32x32x16.', 'pool 这里需要数据体 W×H×D，例如 32x32x16。'), a.start, a.end - a.start);
    }
    // "avgpool 8x8x1 F=2" reads as "pool … avg".
    const alias = /^\s*(maxpool|avgpool)/i.exec(line)?.[1].toLowerCase();
    if (alias === 'avgpool' && !args.flags.includes('avg')) args = { ...args, flags: [...args.flags.filter((f) => f !== 'max' && f !== 'l2'), 'avg'] };
    const c = readPoolConfig(ctx, args);
    if (a.kind !== 'volume') return poolOnValues(ctx, args, a, c);
    const input = resolveVolume(ctx, a.volume, argPlace(a));
    const e = poolOutputShape({ pool: c.kind, inC: input.depth, inH: input.height, inW: input.width, kernel: c.F, stride: c.S, padding: c.P, ceilMode: c.ceil });
    if (!e.ok) throw new UserError(joinMsg(e.errors.map((x) => x.message)));
    const [D, H2, W2] = e.outShape;
    const json = {
      command: 'pool',
      ok: true,
      pool: c.kind === 'lp' ? 'l2' : c.kind,
      input,
      output: { width: W2, height: H2, depth: D },
      params: 0,
      hyper: { F: c.F, S: c.S, P: c.P, ceil: c.ceil },
      overlapping: e.overlapping,
      formula: { width: e.width.worked, height: e.height.worked },
      exact: { width: e.width.exact, height: e.height.exact },
      pytorch: { input: [input.depth, input.height, input.width], output: [D, H2, W2] },
      warnings: e.warnings.map((w) => w.message[ctx.lang]),
      unvisited: { rows: e.height.unvisited, columns: e.width.unvisited },
    };
    return commandResult('pool', { json: () => json, blocks: () => poolBlocks(e, input, c) });
  },
};
