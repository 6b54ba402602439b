/**
 * Her own weights for rnn and lstm: wx= (W_x, PyTorch weight_ih [G·H, I]),
 * wh= (W_h, weight_hh [G·H, H]) and b= (bias [G·H]), G = 1 for an RNN and 4 for an
 * LSTM (gates i, f, g, o in PyTorch's order). No b= beside her weights: the bias is 0.
 */
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { OptionSpec } from '../spec.js';
import { UserError, type ReplContext } from '../context.js';
import { lookup } from '../resolve.js';
import type { ParsedArgs } from '../spec.js';

export const RECURRENT_WEIGHT_OPTIONS: readonly OptionSpec[] = [
  { key: 'wx', aliases: ['w', 'weight_ih'], help: msg('your W_x (PyTorch weight_ih), a variable [H, I] (LSTM: [4H, I])', '你的 W_x（PyTorch 的 weight_ih），变量 [H, I]（LSTM：[4H, I]）') },
  { key: 'wh', aliases: ['u', 'weight_hh'], help: msg('your W_h (PyTorch weight_hh), a variable [H, H] (LSTM: [4H, H])', '你的 W_h（PyTorch 的 weight_hh），变量 [H, H]（LSTM：[4H, H]）') },
  { key: 'b', aliases: ['bias'], help: msg('your bias b, a variable [H] (LSTM: [4H]); 0 when you give wx= and wh= without it', '你的偏置 b，变量 [H]（LSTM：[4H]）；给了 wx= 和 wh= 而没给 b= 时为 0') },
];

export interface OwnWeights {
  weightIh: Tensor;
  weightHh: Tensor;
  bias: Tensor;
  H: number;
  I: number;
  biasFrom: 'yours' | 'zero';
}

function option(ctx: ReplContext, args: ParsedArgs, key: 'wx' | 'wh' | 'b'): { t: Tensor; name: string; at: [number, number] } | undefined {
  const o = args.options[key];
  if (!o) return undefined;
  const at: [number, number] = [o.start, o.end - o.start];
  if (!('name' in o.term)) throw new UserError(msg(`${key}= takes a variable name, e.g. let W = [[0.5, -1]] then ${key}=W.`, `${key}= 后面要写变量名，例如先 let W = [[0.5, -1]] 再写 ${key}=W。`), ...at);
  const v = lookup(ctx, o.term.name, o, key === 'b' ? '[0, 0]' : '[[0.5, -1], [1, 0]]');
  if (v.kind === 'number') return { t: new Tensor([1], [v.value]), name: o.term.name, at };
  if (v.kind !== 'tensor') throw new UserError(msg(`${o.term.name} is not a tensor.`, `${o.term.name} 不是张量。`), ...at);
  return { t: v.tensor, name: o.term.name, at };
}

/**
 * Her weights, checked against each other and (when known) the sequence's I, or null when
 * she gave none. `gates` = 1 (RNN) or 4 (LSTM); `what` names the command in messages.
 */
export function ownRecurrentWeights(ctx: ReplContext, args: ParsedArgs, gates: 1 | 4, I: number | undefined): OwnWeights | null {
  const wx = option(ctx, args, 'wx');
  const wh = option(ctx, args, 'wh');
  const b = option(ctx, args, 'b');
  if (!wx && !wh && !b) return null;
  const G = gates === 4 ? '4H' : 'H';
  if (!wx || !wh) {
    const given = (wx ?? wh ?? b)!;
    throw new UserError(msg(`Your own weights need both wx= (W_x [${G}, I]) and wh= (W_h [${G}, H]); b= is optional (0 without it).`, `使用自己的权重需要同时给出 wx=（W_x [${G}, I]）和 wh=（W_h [${G}, H]）；b= 可选（不给则为 0）。`), ...given.at);
  }
  // H comes from her W_x, I from her sequence (or W_x): an H=/I= beside them would be ignored, so refuse it.
  for (const key of ['H', 'I']) {
    const o = args.options[key];
    if (o) throw new UserError(msg(`${key}= comes from your weights (W_x is [${G}, I]); leave it out.`, `${key}= 由你的权重决定（W_x 是 [${G}, I]）；请去掉它。`), o.start, o.end - o.start);
  }
  const rows = wx.t.rank === 2 ? wx.t.shape[0] : 0;
  const H = gates === 4 ? rows / 4 : rows;
  const inSize = I ?? (wx.t.rank === 2 ? wx.t.shape[1] : 0);
  if (wx.t.rank !== 2 || !Number.isInteger(H) || H < 1 || H > 16 || wx.t.shape[1] !== inSize) {
    throw new UserError(
      msg(
        `wx (W_x, PyTorch weight_ih) must be [${G}, I]${I !== undefined ? ` with I = ${I}, the columns of your sequence` : ''}${gates === 4 ? ' (4 gates i, f, g, o stacked, so its rows are a multiple of 4)' : ''}, H at most 16; ${wx.name} has shape [${wx.t.shape.join(', ')}].`,
        `wx（W_x，PyTorch 的 weight_ih）必须是 [${G}, I]${I !== undefined ? `，I = ${I}，即你的序列的列数` : ''}${gates === 4 ? '（i、f、g、o 四个门叠在一起，所以行数是 4 的倍数）' : ''}，H 最多 16；${wx.name} 的形状是 [${wx.t.shape.join(', ')}]。`,
      ),
      ...wx.at,
    );
  }
  if (wh.t.rank !== 2 || wh.t.shape[0] !== rows || wh.t.shape[1] !== H) {
    throw new UserError(
      msg(`wh (W_h, PyTorch weight_hh) must be [${G}, H] = [${rows}, ${H}] (H = ${H} from ${wx.name}); ${wh.name} has shape [${wh.t.shape.join(', ')}].`, `wh（W_h，PyTorch 的 weight_hh）必须是 [${G}, H] = [${rows}, ${H}]（H = ${H} 由 ${wx.name} 决定）；${wh.name} 的形状是 [${wh.t.shape.join(', ')}]。`),
      ...wh.at,
    );
  }
  if (b && b.t.size !== rows) {
    throw new UserError(msg(`b must hold ${G} = ${rows} numbers (PyTorch bias [${rows}]); ${b.name} has shape [${b.t.shape.join(', ')}].`, `b 必须有 ${G} = ${rows} 个数（PyTorch 的 bias [${rows}]）；${b.name} 的形状是 [${b.t.shape.join(', ')}]。`), ...b.at);
  }
  return { weightIh: wx.t, weightHh: wh.t, bias: b ? b.t.reshape([rows]) : new Tensor([rows]), H, I: inSize, biasFrom: b ? 'yours' : 'zero' };
}

/** One line saying where the weights came from, so no number on screen is a surprise. */
export function weightsSource(own: OwnWeights | null, seed: number): ReturnType<typeof msg> {
  if (!own) return msg(`W_x, W_h and b are random with seed=${seed}; give wx=NAME wh=NAME [b=NAME] for your own.`, `W_x、W_h 和 b 是种子 seed=${seed} 的随机数；用 wx=变量名 wh=变量名 [b=变量名] 可给出自己的。`);
  if (own.biasFrom === 'zero') return msg('Your W_x (wx=) and W_h (wh=); no b= given: the bias is 0.', '使用你的 W_x（wx=）和 W_h（wh=）；没有给出 b=：偏置为 0。');
  return msg('Your W_x (wx=), W_h (wh=) and bias (b=).', '使用你的 W_x（wx=）、W_h（wh=）和偏置（b=）。');
}
