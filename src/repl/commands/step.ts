/**
 * step — after conv x … or pool x …: the sliding window walked over the
 * (padded) input, one output cell at a time. Interactive: the stepper (←/→,
 * space, a to play); printed: the first windows and the last, plus every
 * window's value in JSON.
 */
import { avgPool2d, lpPool2d, maxPool2d } from '../../engine/ops/pool.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { computeWindow, type StepperData } from '../../view/stepper/frame.js';
import { initStepper, stepperReducer, type StepperConfig } from '../../view/stepper/state.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { optionNumber } from '../resolve.js';
import type { ConvRun, WindowRun } from '../runs.js';
import { fmtInt } from '../../i18n/numbers.js';

/** One conv filter over every input channel, with that filter's output plane from the engine's own run. */
export function convFilterData(r: ConvRun, k: number): StepperData {
  const [C, , ] = r.input.shape;
  const [K, , F] = r.weight.shape;
  const [, OH, OW] = r.output.shape;
  return {
    input: r.input,
    channels: C,
    weight: new Tensor([C, F, F], r.weight.data.subarray(k * C * F * F, (k + 1) * C * F * F)),
    bias: r.bias.data[k],
    filter: { index: k, count: K },
    output: new Tensor([OH, OW], r.output.data.subarray(k * OH * OW, (k + 1) * OH * OW)),
  };
}

/**
 * What step walks: for conv, filter k (every input channel summed, as the layer does) and
 * all the filters for the stepper's keys; for a pool, one plane (each is pooled alone).
 */
export function stepperFor(last: WindowRun, k = 0): { config: StepperConfig; data: StepperData; filters?: StepperData[]; note: ReturnType<typeof msg> | null } {
  if (last.command === 'conv') {
    const r = last.data;
    const [C, H, W] = r.input.shape;
    const [K, , F] = r.weight.shape;
    const notes: string[][] = [];
    if (K > 1) notes.push([`Filter ${k} of 0…${K - 1} (step k=N for another; f/F switch filters in the stepper).`, `滤波器 ${k}（共 0…${K - 1}；用 step k=N 查看其他滤波器；步进器中按 f/F 切换）。`]);
    if (C > 1) notes.push([`Each window adds all ${C} input channels: y = Σ over channels of w·x, + b (c/C switch the channel drawn).`, `每个窗口把 ${C} 个输入通道相加：y = 各通道 w·x 之和 + b（按 c/C 切换所画的通道）。`]);
    return {
      config: { op: 'conv', H, W, F, S: r.stride, P: r.padding, dilation: r.dilation },
      data: convFilterData(r, k),
      filters: Array.from({ length: K }, (_, i) => convFilterData(r, i)),
      note: notes.length ? msg(notes.map((n) => n[0]).join(' '), notes.map((n) => n[1]).join('')) : null,
    };
  }
  const r = last.data;
  const [C, H, W] = r.input.shape;
  const plane = new Tensor([1, H, W], r.input.data.subarray(0, H * W));
  const opts = { kernelSize: r.F, stride: r.S, padding: r.P, ceilMode: r.ceil };
  const output = r.kind === 'max' ? maxPool2d(plane, opts).output : r.kind === 'avg' ? avgPool2d(plane, opts) : lpPool2d(plane, { normType: 2, kernelSize: r.F, stride: r.S, ceilMode: r.ceil });
  return {
    config: { op: r.kind === 'lp' ? 'l2' : r.kind, H, W, F: r.F, S: r.S, P: r.P, ceilMode: r.ceil },
    data: { input: plane, output },
    note: C > 1 ? msg(`Shown: depth slice 0 (each of the ${C} slices is pooled the same way).`, `显示的是第 0 个深度切片（${C} 个切片都以同样方式池化）。`) : null,
  };
}

/** The input plane, the window size and the number of windows step would walk, from the last run's shapes. */
function stepSize(last: WindowRun): { H: number; W: number; F: number; C: number; n: number } {
  const r = last.data;
  const [, H, W] = r.input.shape;
  const [, H2, W2] = r.output.shape;
  const F = last.command === 'conv' ? last.data.weight.shape[2] : last.data.F;
  // A conv window reads F×F numbers in every input channel.
  const C = last.command === 'conv' ? r.input.shape[0] : 1;
  return { H, W, F, C, n: H2 * W2 };
}

/** What step draws at most: the input plane (500×500), the windows (a 100×100 output) and the numbers they read together. */
export const STEP_MAX_PLANE = 250_000;
export const STEP_MAX_WINDOWS = 10_000;
export const STEP_MAX_TERMS = 250_000;

export const step: ReplCommand = {
  spec: {
    name: 'step',
    summary: msg('walk the sliding window of the last conv/pool, one output at a time', '逐个窗口演示上一次 conv/pool 的滑动窗口'),
    usage: 'step [k=N]   (after conv x … or pool x …; k: which filter of a conv, default 0)',
    examples: ['let x = rand 5x5x1', 'conv x F=3 S=2 P=1', 'step', 'step k=1'],
    options: [{ key: 'k', aliases: ['filter'], help: msg('which filter of the last conv to walk (0 = the first)', '要演示上一次 conv 的哪个滤波器（0 = 第一个）') }],
  },
  run(args, ctx) {
    const last = ctx.last;
    if (!last || (last.command !== 'conv' && last.command !== 'pool')) {
      throw new UserError(msg('step follows a conv or pool on numbers: let x = rand 5x5x1, then conv x F=3 S=2 P=1, then step.', 'step 要在对数值做 conv 或 pool 之后使用：先 let x = rand 5x5x1，再 conv x F=3 S=2 P=1，然后 step。'));
    }
    // Sized from the last run's shapes before anything is recomputed or laid out:
    // a 2000×2000 input has four million windows, and listing them would take minutes.
    const { H, W, F, C, n } = stepSize(last);
    if (H * W * C > STEP_MAX_PLANE || n > STEP_MAX_WINDOWS || n * F * F * C > STEP_MAX_TERMS) {
      // step draws the plane and writes out every window (and --json lists them): this much would take minutes.
      throw new UserError(
        msg(
          `That is too much for step, which draws the input and writes out every window: here a ${W}×${H} input and ${fmtInt(n)} windows of ${F}×${F}. step takes inputs of up to ${fmtInt(STEP_MAX_PLANE)} numbers, ${fmtInt(STEP_MAX_WINDOWS)} windows and ${fmtInt(STEP_MAX_TERMS)} window numbers in all. Try a smaller input, e.g. let x = rand 8x8x1 then conv x F=3.`,
          `这对 step 来说太大了：step 会画出输入并写出每一个窗口，这里输入是 ${W}×${H}，有 ${fmtInt(n)} 个 ${F}×${F} 的窗口。step 最多处理 ${fmtInt(STEP_MAX_PLANE)} 个数的输入、${fmtInt(STEP_MAX_WINDOWS)} 个窗口、窗口里共 ${fmtInt(STEP_MAX_TERMS)} 个数。请用更小的输入，例如 let x = rand 8x8x1，再 conv x F=3。`,
        ),
      );
    }
    const K = last.command === 'conv' ? last.data.weight.shape[0] : 1;
    const kOpt = args.options.k;
    if (kOpt && last.command !== 'conv') throw new UserError(msg('k= chooses a conv filter; a pool has no filters (each plane is pooled alone).', 'k= 用来选择卷积的滤波器；池化没有滤波器（每个平面单独池化）。'), kOpt.start, kOpt.end - kOpt.start);
    const k = optionNumber(ctx, args, 'k', { what: msg('the filter number k', '滤波器编号 k'), integer: true, min: 0, max: K - 1, default: 0 })!;
    const { config, data, filters, note } = stepperFor(last, k);
    let state = initStepper(config);
    // Every window's value, worked out only for a --json record.
    const first = state;
    const windows = () =>
      first.positions.map((p) => {
        const w = computeWindow(first.geometry, data, p);
        return { oy: p.oy, ox: p.ox, computed: w.computed, engine: w.engine };
      });
    const frames: Block[] = [];
    const show = n <= 3 ? [...Array(n).keys()] : [0, 1, n - 1];
    for (const i of show) {
      state = stepperReducer(state, { type: 'jump', index: i });
      // Windows 3 … n−1 (1-based) are skipped; with four windows that is window 3 alone.
      if (i === n - 1 && n > 3) frames.push({ kind: 'text', tone: 'muted', text: n === 4 ? msg('… window 3 …', '…… 第 3 个窗口 ……') : msg(`… windows 3 to ${n - 1} …`, `…… 第 3 到第 ${n - 1} 个窗口 ……`) });
      // The frame is drawn by the medium that prints it, for its width and colours.
      frames.push({ kind: 'stepper', state, data });
    }
    const blocks: Block[] = [
      { kind: 'title', text: msg(n === 1 ? 'Sliding window: 1 window' : `Sliding window: ${n} windows`, `滑动窗口：共 ${n} 个窗口`) },
      ...(note ? [{ kind: 'text' as const, tone: 'muted' as const, text: note }] : []),
      ...frames,
      { kind: 'text', tone: 'muted', text: msg('In the interactive REPL (nnlearn repl), step lets you walk every window: ←/→ or space, a to play, q, Esc, Ctrl+C or Ctrl+D to leave.', '在交互式 REPL（nnlearn repl）中，step 可以逐个查看每个窗口：←/→ 或空格，a 自动播放，q、Esc、Ctrl+C 或 Ctrl+D 退出。') },
    ];
    return commandResult('step', { json: () => ({ command: 'step', ok: true, op: config.op, ...(config.op === 'conv' ? { filter: k, filters: K, channels: data.channels ?? 1 } : {}), windows: windows() }), blocks: () => blocks }, { action: 'stepper', stepper: { config, data, filters, filter: k } });
  },
};
