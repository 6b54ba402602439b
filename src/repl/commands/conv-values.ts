/**
 * conv x F=3 …: the convolution run on the student's numbers — input,
 * kernels, output, and the first window's dot product written out. `step`
 * walks every window; `grad` shows the shared weights' gradient.
 */
import { conv2d, conv2dGeometry, conv2dWork, type Conv2dGeometry } from '../../engine/ops/conv.js';
import { convOutputShape } from '../../teach/index.js';
import { Tensor } from '../../engine/tensor.js';
import { joinMsg, msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import { UserError, commandResult, type CommandResult, type ReplContext } from '../context.js';
import type { ConvRun } from '../runs.js';
import { lookup, optionNumber } from '../resolve.js';
import type { Arg, ParsedArgs } from '../spec.js';
import { REPL_MAX_ELEMENTS, checkElements, checkWork, imageShapeText, imageVar, largestFitting, replRand, tensorJson } from '../tensors.js';
import { fmtValue } from '../../i18n/numbers.js';

function weightVar(ctx: ReplContext, args: ParsedArgs, key: 'w' | 'b'): Tensor | undefined {
  const o = args.options[key];
  if (!o) return undefined;
  if (!('name' in o.term)) throw new UserError(msg(`${key}= takes a variable name.`, `${key}= 后面要写变量名。`), o.start, o.end - o.start);
  const v = lookup(ctx, o.term.name, o, key === 'w' ? '[[1, 0], [0, 1]]' : '[0]');
  if (v.kind !== 'tensor') throw new UserError(msg(`${o.term.name} is not a tensor.`, `${o.term.name} 不是张量。`), o.start, o.end - o.start);
  return v.tensor;
}

export function convOnValues(ctx: ReplContext, args: ParsedArgs, a: Arg): CommandResult {
  const { tensor: input, name } = imageVar(ctx, a);
  const [C, H, W] = input.shape;
  let weight = weightVar(ctx, args, 'w');
  if (weight) {
    if (weight.rank === 2) weight = weight.reshape([1, 1, ...weight.shape]);
    else if (weight.rank === 3) weight = weight.reshape([1, ...weight.shape]);
    if (weight.rank !== 4 || weight.shape[1] !== C || weight.shape[2] !== weight.shape[3]) {
      throw new UserError(
        msg(
          `w must be square kernels [K, ${C}, F, F] matching the input depth ${C}; it has shape [${weight.shape.join(', ')}].`,
          `w 必须是方形卷积核 [K, ${C}, F, F]，深度要与输入深度 ${C} 一致；它的形状是 [${weight.shape.join(', ')}]。`,
        ),
        args.options.w.start,
      );
    }
  }
  const F = weight ? weight.shape[2] : optionNumber(ctx, args, 'F', { what: msg('the filter size F', '滤波器尺寸 F'), integer: true, min: 1 });
  if (F === undefined) throw new UserError(msg('conv needs the filter size: add F=3 (or give w=NAME).', 'conv 需要滤波器尺寸：加上 F=3（或给出 w=变量名）。'));
  const K = weight ? weight.shape[0] : (optionNumber(ctx, args, 'K', { what: msg('the number of filters K', '滤波器个数 K'), integer: true, min: 1, max: 512 }) ?? 1);
  const S = optionNumber(ctx, args, 'S', { what: msg('the stride S', '步长 S'), integer: true, min: 1, default: 1 })!;
  const P = optionNumber(ctx, args, 'P', { what: msg('the padding P', '填充 P'), integer: true, min: 0, default: 0 })!;
  const dilation = optionNumber(ctx, args, 'dilation', { what: msg('the dilation', '膨胀系数'), integer: true, min: 1, default: 1 })!;
  const seed = optionNumber(ctx, args, 'seed', { what: msg('the seed', '种子'), integer: true, min: 0, default: 42 })!;
  const shape = convOutputShape({ inC: C, inH: H, inW: W, outChannels: K, kernel: F, stride: S, padding: P, dilation });
  if (!shape.ok) throw new UserError(joinMsg(shape.errors.map((x) => x.message)));
  const [, OH, OW] = shape.outShape;
  const fitK = Math.floor(REPL_MAX_ELEMENTS / (OH * OW));
  checkElements(
    K * OH * OW,
    msg('The output', '输出'),
    fitK >= 1
      ? msg(`Each filter makes a ${OW}×${OH} slice: try fewer filters, K=${fitK}.`, `每个滤波器产生一个 ${OW}×${OH} 的切片：试试更少的滤波器，K=${fitK}。`)
      : msg(`Try a larger stride, e.g. S=${S + 1}, or a smaller input.`, `试试更大的步长，例如 S=${S + 1}，或更小的输入。`),
  );
  checkConvWork(name, { C, H, W, K, F, S, P, dilation }, conv2dWork, msg(`conv ${name} F=${F}`, `conv ${name} F=${F}`), '');
  weight ??= replRand([K, C, F, F], seed);
  let bias = weightVar(ctx, args, 'b');
  if (bias && bias.size !== K) throw new UserError(msg(`b must hold K=${K} numbers, one per filter.`, `b 必须有 K=${K} 个数，每个滤波器一个。`), args.options.b.start);
  // Her own kernels and no bias: the bias is 0 (as she asked for no other), never a seeded one she did not see coming.
  const biasFrom: 'yours' | 'zero' | 'seeded' = bias ? 'yours' : args.options.w ? 'zero' : 'seeded';
  bias = bias ? bias.reshape([K]) : biasFrom === 'zero' ? new Tensor([K]) : replRand([K], seed + 1);
  const output = conv2d(input, weight, bias, { stride: S, padding: P, dilation });
  const run: ConvRun = { input, weight, bias, output, stride: S, padding: P, dilation, name };
  ctx.last = { command: 'conv', data: run };
  const [, H2, W2] = output.shape;
  const blocks: Block[] = [
    { kind: 'title', text: joinMsg([msg(`conv on ${name}:`, `对 ${name} 做卷积：`), `${W}×${H}×${C} → ${W2}×${H2}×${K}`]) },
    { kind: 'volumes', items: [{ width: W, height: H, depth: C, label: name }, { width: W2, height: H2, depth: K, label: msg('output', '输出'), op: `conv F=${F} S=${S} P=${P} K=${K}` }] },
    { kind: 'matrix', label: msg(`input ${name}`, `输入 ${name}`), tensor: input, layout: 'CHW', precision: 2 },
  ];
  for (let k = 0; k < Math.min(K, 4); k++) {
    const wk = weight.reshape([K, C * F, F]);
    blocks.push({
      kind: 'matrix',
      label: msg(`filter ${k} (weights [${C}, ${F}, ${F}]), bias b${k} = ${fmtValue(bias.data[k])}`, `滤波器 ${k}（权重 [${C}, ${F}, ${F}]），偏置 b${k} = ${fmtValue(bias.data[k])}`),
      tensor: { shape: [C, F, F], data: wk.data.subarray(k * C * F * F, (k + 1) * C * F * F) },
      layout: 'CHW',
      precision: 2,
    });
  }
  if (K > 4) blocks.push({ kind: 'text', tone: 'muted', text: msg(`(${K - 4} more filters not shown)`, `（另有 ${K - 4} 个滤波器未显示）`) });
  blocks.push({ kind: 'text', tone: 'muted', text: weightsSourceText(!!args.options.w, biasFrom, seed) });
  blocks.push(
    { kind: 'matrix', label: msg('output (one depth slice per filter)', '输出（每个滤波器一个深度切片）'), tensor: output, layout: 'CHW', precision: 2 },
    { kind: 'formula', label: msg('The first output number, written out:', '第一个输出数的计算过程：'), lines: firstWindow(run) },
    {
      kind: 'facts',
      rows: [
        { label: msg('input', '输入'), value: imageShapeText(input) },
        { label: msg('weights', '权重'), value: `[${K}, ${C}, ${F}, ${F}] + bias [${K}] = ${K * (C * F * F + 1)}` },
        { label: msg('output', '输出'), value: imageShapeText(output) },
      ],
    },
    { kind: 'text', tone: 'muted', text: msg('Next: step walks every window; grad shows how the shared weights get their gradient.', '接下来：step 逐个窗口演示；grad 显示共享权重的梯度如何累加。') },
  );
  return commandResult('conv', {
    json: () => ({
      command: 'conv',
      ok: true,
      mode: 'values',
      input: tensorJson(input),
      weight: tensorJson(weight),
      bias: tensorJson(bias),
      output: tensorJson(output),
      hyper: { F, S, P, K, dilation },
      weightsFrom: args.options.w ? 'yours' : 'seeded',
      biasFrom,
      ...(args.options.w ? {} : { seed }),
      shapes: { input: { width: W, height: H, depth: C }, output: { width: W2, height: H2, depth: K }, pytorch: { input: [C, H, W], output: [K, H2, W2], weight: [K, C, F, F] } },
    }),
    blocks: () => blocks,
  });
}

/** Where the kernels and biases came from, so no number on the screen is a surprise. */
function weightsSourceText(ownKernels: boolean, biasFrom: 'yours' | 'zero' | 'seeded', seed: number): ReturnType<typeof msg> {
  if (!ownKernels && biasFrom === 'yours') return msg(`Kernels random with seed=${seed}; the biases are yours (b=).`, `卷积核是种子 seed=${seed} 的随机数；偏置是你的（b=）。`);
  if (biasFrom === 'zero') return msg('Your kernels (w=) and no b= given: the bias is 0. Add b=NAME for your own biases.', '使用你的卷积核（w=），没有给出 b=：偏置为 0。加上 b=变量名 可使用自己的偏置。');
  if (biasFrom === 'yours') return msg('Your kernels and your biases (b=).', '使用你的卷积核和你的偏置（b=）。');
  return msg(`Kernels and biases are random with seed=${seed} (the same seed gives the same numbers); give w=NAME b=NAME for your own.`, `卷积核和偏置是种子 seed=${seed} 的随机数（同一种子得到同样的数）；用 w=变量名 b=变量名 可给出自己的。`);
}

export interface ConvSettings {
  C: number;
  H: number;
  W: number;
  K: number;
  F: number;
  S: number;
  P: number;
  dilation: number;
}

/** The engine's geometry for a square-kernel conv of the REPL (throws an EngineError when the kernel does not fit). */
export function convGeometryOf(c: ConvSettings, F = c.F, K = c.K): Conv2dGeometry {
  return conv2dGeometry([c.C, c.H, c.W], [K, c.C, F, F], undefined, { stride: c.S, padding: c.P, dilation: c.dilation });
}

/**
 * Refuses a conv (or its grad: `work` = conv2dBackwardWork) that would take more than
 * a few seconds, naming the largest kernel that fits, else the number of filters, else
 * a smaller input. `then` is appended to the suggestion ("then grad").
 */
export function checkConvWork(name: string, c: ConvSettings, work: (g: Conv2dGeometry) => number, what: ReturnType<typeof msg>, then: string): void {
  const units = work(convGeometryOf(c));
  const rest = `${c.S !== 1 ? ` S=${c.S}` : ''}${c.P ? ` P=${c.P}` : ''}${c.K !== 1 ? ` K=${c.K}` : ''}`;
  const F2 = largestFitting(c.F, (f) => work(convGeometryOf(c, f)));
  const K2 = c.K > 1 ? largestFitting(c.K, (k) => work(convGeometryOf(c, c.F, k))) : undefined;
  const suffix = then ? `, then ${then}` : '';
  const suffixZh = then ? `，再 ${then}` : '';
  const tryInstead =
    F2 !== undefined
      ? msg(`Try a smaller kernel: conv ${name} F=${F2}${rest}${suffix}.`, `试试更小的卷积核：conv ${name} F=${F2}${rest}${suffixZh}。`)
      : K2 !== undefined
        ? msg(`Try fewer filters: K=${K2}${suffix}.`, `试试更少的滤波器：K=${K2}${suffixZh}。`)
        : msg(`Try a smaller input, e.g. let x = rand 64x64x1, then conv x F=3${suffix}.`, `试试更小的输入，例如 let x = rand 64x64x1，再 conv x F=3${suffixZh}。`);
  checkWork(units, what, tryInstead);
}

/** A number as a factor: negatives in parentheses, −0.5 → (−0.5). */
export function paren(v: number): string {
  return v < 0 ? `(${fmtValue(v)})` : fmtValue(v);
}

/** out[0, 0, 0] = Σ w·x + b with the numbers (zeros where the window covers padding). */
export function firstWindow(r: ConvRun): string[] {
  const [C, H, W] = r.input.shape;
  const F = r.weight.shape[2];
  const terms: string[] = [];
  let sum = 0;
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < F; i++) {
      for (let j = 0; j < F; j++) {
        const y = i * r.dilation - r.padding;
        const x = j * r.dilation - r.padding;
        const v = y >= 0 && y < H && x >= 0 && x < W ? r.input.data[(c * H + y) * W + x] : 0;
        const w = r.weight.data[((0 * C + c) * F + i) * F + j];
        sum += v * w;
        terms.push(`${paren(w)}·${paren(v)}`);
      }
    }
  }
  sum += r.bias.data[0];
  const shown = terms.length > 12 ? [...terms.slice(0, 6), '…', ...terms.slice(-3)] : terms;
  return [`y[0,0,0] = ${shown.join(' + ')} + ${paren(r.bias.data[0])}`, `         = ${fmtValue(sum)}  (engine: ${fmtValue(r.output.data[0])})`];
}
