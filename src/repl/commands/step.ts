/**
 * step — after conv x … or pool x …: the sliding window walked over the
 * (padded) input, one output cell at a time. Interactive: the stepper (←/→,
 * space, a to play); printed: the first windows and the last, plus every
 * window's value in JSON.
 */
import { conv2d } from '../../engine/ops/conv.js';
import { avgPool2d, lpPool2d, maxPool2d } from '../../engine/ops/pool.js';
import { Tensor } from '../../engine/tensor.js';
import { fmtInt, msg } from '../../i18n/index.js';
import type { Block } from '../../ui/blocks.js';
import { computeWindow, renderStepperFrame, type StepperData } from '../../ui/stepper/frame.js';
import { initStepper, stepperReducer, type StepperConfig } from '../../ui/stepper/state.js';
import { makeTheme } from '../../ui/style.js';
import type { ReplCommand } from '../command.js';
import { UserError } from '../context.js';
import type { ConvRun } from './conv-values.js';
import type { PoolRun } from './pool-values.js';

/** One input plane and its own output from the engine, so every number shown agrees with it. */
export function stepperFor(last: { command: string; data: unknown }): { config: StepperConfig; data: StepperData; note: ReturnType<typeof msg> | null } {
  if (last.command === 'conv') {
    const r = last.data as ConvRun;
    const [C, H, W] = r.input.shape;
    const F = r.weight.shape[2];
    const plane = new Tensor([1, H, W], r.input.data.subarray(0, H * W));
    const kernel = new Tensor([1, 1, F, F], r.weight.data.subarray(0, F * F));
    const bias = new Tensor([1], [r.bias.data[0]]);
    const output = conv2d(plane, kernel, bias, { stride: r.stride, padding: r.padding, dilation: r.dilation });
    return {
      config: { op: 'conv', H, W, F, S: r.stride, P: r.padding, dilation: r.dilation },
      data: { input: plane, weight: kernel, bias: r.bias.data[0], output },
      note:
        C > 1
          ? msg(`Shown: depth slice 0 of the input with filter 0's matching ${F}×${F} slice (the full filter adds all ${C} slices).`, `显示的是输入的第 0 个深度切片和滤波器 0 对应的 ${F}×${F} 切片（完整的滤波器会把 ${C} 个切片加起来）。`)
          : r.weight.shape[0] > 1
            ? msg(`Shown: filter 0 (each of the ${r.weight.shape[0]} filters slides over the input the same way).`, `显示的是滤波器 0（${r.weight.shape[0]} 个滤波器都以同样方式在输入上滑动）。`)
            : null,
    };
  }
  const r = last.data as PoolRun;
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
function stepSize(last: { command: string; data: unknown }): { H: number; W: number; F: number; n: number } {
  const r = last.data as ConvRun | PoolRun;
  const [, H, W] = r.input.shape;
  const [, H2, W2] = r.output.shape;
  const F = last.command === 'conv' ? (r as ConvRun).weight.shape[2] : (r as PoolRun).F;
  return { H, W, F, n: H2 * W2 };
}

/** What step draws at most: the input plane (500×500), the windows (a 100×100 output) and the numbers they read together. */
export const STEP_MAX_PLANE = 250_000;
export const STEP_MAX_WINDOWS = 10_000;
export const STEP_MAX_TERMS = 250_000;

export const step: ReplCommand = {
  spec: {
    name: 'step',
    summary: msg('walk the sliding window of the last conv/pool, one output at a time', '逐个窗口演示上一次 conv/pool 的滑动窗口'),
    usage: 'step   (after conv x … or pool x …)',
    examples: ['let x = rand 5x5x1', 'conv x F=3 S=2 P=1', 'step'],
  },
  run(_args, ctx) {
    const last = ctx.last;
    if (!last || (last.command !== 'conv' && last.command !== 'pool')) {
      throw new UserError(msg('step follows a conv or pool on numbers: let x = rand 5x5x1, then conv x F=3 S=2 P=1, then step.', 'step 要在对数值做 conv 或 pool 之后使用：先 let x = rand 5x5x1，再 conv x F=3 S=2 P=1，然后 step。'));
    }
    // Sized from the last run's shapes before anything is recomputed or laid out:
    // a 2000×2000 input has four million windows, and listing them would take minutes.
    const { H, W, F, n } = stepSize(last);
    if (H * W > STEP_MAX_PLANE || n > STEP_MAX_WINDOWS || n * F * F > STEP_MAX_TERMS) {
      // step draws the plane and writes out every window (and --json lists them): this much would take minutes.
      throw new UserError(
        msg(
          `That is too much for step, which draws the input and writes out every window: here a ${W}×${H} input and ${fmtInt(n)} windows of ${F}×${F}. step takes inputs of up to ${fmtInt(STEP_MAX_PLANE)} numbers, ${fmtInt(STEP_MAX_WINDOWS)} windows and ${fmtInt(STEP_MAX_TERMS)} window numbers in all. Try a smaller input, e.g. let x = rand 8x8x1 then conv x F=3.`,
          `这对 step 来说太大了：step 会画出输入并写出每一个窗口，这里输入是 ${W}×${H}，有 ${fmtInt(n)} 个 ${F}×${F} 的窗口。step 最多处理 ${fmtInt(STEP_MAX_PLANE)} 个数的输入、${fmtInt(STEP_MAX_WINDOWS)} 个窗口、窗口里共 ${fmtInt(STEP_MAX_TERMS)} 个数。请用更小的输入，例如 let x = rand 8x8x1，再 conv x F=3。`,
        ),
      );
    }
    const { config, data, note } = stepperFor(last);
    let state = initStepper(config);
    const windows = state.positions.map((p) => {
      const w = computeWindow(state.geometry, data, p);
      return { oy: p.oy, ox: p.ox, computed: w.computed, engine: w.engine };
    });
    const frames: Block[] = [];
    const show = n <= 3 ? [...Array(n).keys()] : [0, 1, n - 1];
    for (const i of show) {
      state = stepperReducer(state, { type: 'jump', index: i });
      if (i === n - 1 && n > 3) frames.push({ kind: 'text', tone: 'muted', text: msg(`… windows 3 to ${n - 1} …`, `…… 第 3 到第 ${n - 1} 个窗口 ……`) });
      frames.push({ kind: 'raw', lines: renderStepperFrame(state, data, { lang: ctx.lang, width: Math.min(ctx.width, 120), theme: makeTheme() }) });
    }
    const blocks: Block[] = [
      { kind: 'title', text: msg(`Sliding window: ${n} windows`, `滑动窗口：共 ${n} 个窗口`) },
      ...(note ? [{ kind: 'text' as const, tone: 'muted' as const, text: note }] : []),
      ...frames,
      { kind: 'text', tone: 'muted', text: msg('In the interactive REPL (nnlearn repl), step lets you walk every window: ←/→ or space, a to play, q to leave.', '在交互式 REPL（nnlearn repl）中，step 可以逐个查看每个窗口：←/→ 或空格，a 自动播放，q 退出。') },
    ];
    return { ok: true, json: { command: 'step', ok: true, op: config.op, windows }, blocks, action: 'stepper', stepper: { config, data } };
  },
};
