/**
 * pool x F=2 S=2 max|avg|l2: pooling run on the student's numbers, with each
 * window's winner marked for max pooling (the only cells a gradient reaches).
 */
import { avgPool2d, lpPool2d, maxPool2d, poolGeometry, poolWork } from '../../engine/ops/pool.js';
import { poolOutputShape } from '../../teach/index.js';
import type { Tensor } from '../../engine/tensor.js';
import { joinMsg, msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { shownHighlights } from '../../view/matrix-shown.js';
import { UserError, commandResult, type CommandResult, type JsonRecord, type ReplContext } from '../context.js';
import type { Arg, ParsedArgs } from '../spec.js';
import { REPL_MAX_WORK, checkElements, checkWork, imageShapeText, imageVar, tensorJson } from '../tensors.js';
import type { PoolConfig, PoolRun } from '../runs.js';
import { fmtInt } from '../../i18n/numbers.js';

/** The pooling's window work (the same count for its gradient), from the engine's cost function. */
export function poolWorkOf(input: Tensor, c: PoolConfig): number {
  const opts = { kernelSize: c.F, stride: c.S, padding: c.kind === 'lp' ? 0 : c.P, ceilMode: c.ceil };
  return poolWork(poolGeometry(input, opts, c.kind));
}

/**
 * Refuses a pool (or its grad) that would take more than a few seconds: overlapping
 * windows (S < F) visit every number up to F² times. The suggestion is S=F (windows
 * side by side, each number read once), else a smaller window.
 */
export function checkPoolWork(input: Tensor, name: string, c: PoolConfig, then: string): void {
  const units = poolWorkOf(input, c);
  const kind = c.kind === 'max' ? '' : c.kind === 'avg' ? ' avg' : ' l2';
  const sideBySide = c.S < c.F && poolWorkOf(input, { ...c, S: c.F, P: 0 }) <= REPL_MAX_WORK;
  const suffix = then === 'pool' ? '' : `, then ${then}`;
  const suffixZh = then === 'pool' ? '' : `，再 ${then}`;
  const tryInstead = sideBySide
    ? msg(
        `With S=${c.S} the ${c.F}×${c.F} windows overlap and every number is read up to ${fmtInt(c.F * c.F)} times. Try windows side by side: pool ${name} F=${c.F} S=${c.F}${kind}${suffix}.`,
        `S=${c.S} 时 ${c.F}×${c.F} 的窗口互相重叠，每个数要被读取多达 ${fmtInt(c.F * c.F)} 次。试试让窗口并排：pool ${name} F=${c.F} S=${c.F}${kind}${suffixZh}。`,
      )
    : msg(`Try a smaller window or a larger stride, e.g. pool ${name} F=2 S=2${kind}${suffix}.`, `试试更小的窗口或更大的步长，例如 pool ${name} F=2 S=2${kind}${suffixZh}。`);
  checkWork(units, then === 'pool' ? msg(`pool ${name} F=${c.F} S=${c.S}`, `pool ${name} F=${c.F} S=${c.S}`) : msg(`${then} after this pool`, `这次池化之后的 ${then}`), tryInstead);
}

export function poolOnValues(ctx: ReplContext, args: ParsedArgs, a: Arg, c: PoolConfig): CommandResult {
  void args;
  const { tensor: input, name } = imageVar(ctx, a);
  const [C, H, W] = input.shape;
  const shape = poolOutputShape({ pool: c.kind, inC: C, inH: H, inW: W, kernel: c.F, stride: c.S, padding: c.P, ceilMode: c.ceil });
  if (!shape.ok) throw new UserError(joinMsg(shape.errors.map((x) => x.message)));
  checkElements(input.size, msg('The input', '输入'));
  const opts = { kernelSize: c.F, stride: c.S, padding: c.P, ceilMode: c.ceil };
  checkPoolWork(input, name, c, 'pool');
  let output: Tensor;
  let indices: Int32Array | null = null;
  if (c.kind === 'max') {
    const r = maxPool2d(input, opts);
    output = r.output;
    indices = r.indices;
  } else if (c.kind === 'avg') output = avgPool2d(input, opts);
  else output = lpPool2d(input, { normType: 2, kernelSize: c.F, stride: c.S, ceilMode: c.ceil });
  const run: PoolRun = { ...c, input, output, indices, name };
  ctx.last = { command: 'pool', data: run };
  // The output is made when a medium asks: the screen gets the rows it shows, a script its record.
  return commandResult('pool', { json: () => poolValuesJson(run), blocks: () => poolValuesBlocks(run, ctx.width) });
}

/** Each window's winner as a mark on its input plane: one byte per input number. */
function winnerMap(run: PoolRun): Uint8Array | null {
  if (!run.indices) return null;
  const [, H, W] = run.input.shape;
  const [, H2, W2] = run.output.shape;
  const plane = H2 * W2;
  const won = new Uint8Array(run.input.size);
  for (let i = 0; i < run.indices.length; i++) won[Math.floor(i / plane) * H * W + run.indices[i]] = 1;
  return won;
}

/** What a person sees: the input with the winners marked (only those the matrix can show, `width` wide), and the output. */
export function poolValuesBlocks(run: PoolRun, width: number): Block[] {
  const { input, output, name = 'x' } = run;
  const [C, H, W] = input.shape;
  const [, H2, W2] = output.shape;
  const won = winnerMap(run);
  const kindName = run.kind === 'max' ? msg('max pooling', '最大池化') : run.kind === 'avg' ? msg('average pooling', '平均池化') : msg('L2-norm pooling', 'L2 范数池化');
  const shown = { tensor: input, layout: 'CHW' as const };
  return [
    { kind: 'title', text: joinMsg([kindName, msg(`on ${name}:`, `作用于 ${name}：`), `${W}×${H}×${C} → ${W2}×${H2}×${C}`]) },
    {
      kind: 'matrix',
      label: won ? msg(`input ${name} — each window's winner marked`, `输入 ${name} —— 标出了每个窗口的最大值`) : msg(`input ${name}`, `输入 ${name}`),
      ...shown,
      precision: 2,
      highlight: won ? shownHighlights(shown, width, (slice, y, x) => won[(slice * H + y) * W + x] === 1, 'star') : undefined,
    },
    { kind: 'matrix', label: msg('output', '输出'), tensor: output, layout: 'CHW', precision: 2 },
    {
      kind: 'facts',
      rows: [
        { label: msg('input', '输入'), value: imageShapeText(input) },
        { label: msg('output', '输出'), value: imageShapeText(output) },
        { label: msg('parameters', '参数'), value: '0' },
      ],
    },
    {
      kind: 'text',
      tone: 'muted',
      text:
        run.kind === 'max'
          ? msg('Next: step walks every window; grad shows that the gradient reaches only the winners.', '接下来：step 逐个窗口演示；grad 显示梯度只会传给每个窗口的最大值。')
          : msg('Next: step walks every window; grad shows how the gradient is shared out.', '接下来：step 逐个窗口演示；grad 显示梯度如何分配。'),
    },
  ];
}

/** What a script gets under --json: every number in and out, and each window's winner. */
function poolValuesJson(run: PoolRun): JsonRecord {
  const { input, output, indices } = run;
  const [C, H, W] = input.shape;
  const [, H2, W2] = output.shape;
  return {
    command: 'pool',
    ok: true,
    mode: 'values',
    pool: run.kind === 'lp' ? 'l2' : run.kind,
    input: tensorJson(input),
    output: tensorJson(output),
    ...(indices ? { argmax: Array.from(indices) } : {}),
    hyper: { F: run.F, S: run.S, P: run.P, ceil: run.ceil },
    params: 0,
    shapes: { input: { width: W, height: H, depth: C }, output: { width: W2, height: H2, depth: C }, pytorch: { input: [C, H, W], output: [C, H2, W2] } },
  };
}
