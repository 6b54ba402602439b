/** clip max=1 after grad rnn: what gradient clipping does to exploding (and vanishing) gradients. */
import { clipGradNorm } from '../../engine/ops/clip.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { ReplCommand } from '../command.js';
import { UserError } from '../context.js';
import { optionNumber } from '../resolve.js';
import { fmtNum } from './activations.js';
import type { RnnGradRun } from './grad.js';

export const clip: ReplCommand = {
  spec: {
    name: 'clip',
    summary: msg('gradient clipping, after grad rnn: rescale any gradient longer than max', '梯度截断（在 grad rnn 之后）：把超过 max 的梯度缩短到 max'),
    usage: 'clip max=1   (after grad rnn …)',
    examples: ['grad rnn T=50 gain=1.1', 'clip max=1'],
    options: [{ key: 'max', aliases: ['max_norm', 'threshold'], help: msg('the largest norm allowed (default 1)', '允许的最大范数（默认 1）') }],
  },
  run(args, ctx) {
    const last = ctx.last;
    if (last?.command !== 'grad-rnn') {
      throw new UserError(msg('clip follows grad rnn: try grad rnn T=50 gain=1.1, then clip max=1.', 'clip 要在 grad rnn 之后使用：先 grad rnn T=50 gain=1.1，再 clip max=1。'));
    }
    const r = last.data as RnnGradRun;
    const max = optionNumber(ctx, args, 'max', { what: msg('max', 'max'), min: 1e-9, max: 1e12, default: 1 })!;
    const clipped: number[] = [];
    let changed = 0;
    for (let t = 0; t < r.T; t++) {
      const g = new Tensor([r.H], r.grads.data.subarray(t * r.H, (t + 1) * r.H));
      const c = clipGradNorm([g], max);
      if (c.coef < 1) changed++;
      clipped.push(Math.hypot(...c.grads[0].data));
    }
    const exploding = r.gain > 1;
    return {
      ok: true,
      json: { command: 'clip', ok: true, max, gain: r.gain, before: r.norms, after: clipped, clipped_steps: changed },
      blocks: [
        { kind: 'title', text: msg(`Clipping at max = ${max} (gain ${r.gain})`, `按 max = ${max} 截断（增益 ${r.gain}）`) },
        {
          kind: 'formula',
          label: msg('Each step’s gradient g is rescaled when it is too long:', '每一步的梯度 g 过长时被等比缩短：'),
          lines: ['g ← g · min(1, max / ‖g‖)'],
        },
        {
          kind: 'chart',
          label: msg('‖∂L/∂hₜ‖ before and after clipping (log scale)', '截断前后的 ‖∂L/∂hₜ‖（对数坐标）'),
          series: [
            { label: msg('before', '截断前'), values: r.norms },
            { label: msg('after', '截断后'), values: clipped },
          ],
          log: true,
          xLabel: 't',
        },
        {
          kind: 'text',
          text: exploding
            ? msg(
                `${changed} of ${r.T} steps were longer than ${max} and were cut back; the direction is kept, only the length shrinks, so a huge update can no longer throw the weights far away.`,
                `${r.T} 步中有 ${changed} 步超过 ${max} 被截短；方向不变，只缩短长度，所以不会再出现把权重甩得很远的巨大更新。`,
              )
            : msg(
                `${changed} of ${r.T} steps were touched. Clipping only shortens long gradients: the vanishing ones (down to ${fmtNum(Math.min(...r.norms))}) stay tiny — a threshold cannot bring back a signal that has faded, and small gradients can also come from genuinely long-range structure.`,
                `${r.T} 步中只有 ${changed} 步受影响。截断只会缩短过长的梯度：消失的梯度（小到 ${fmtNum(Math.min(...r.norms))}）仍然很小——阈值无法找回已经衰减的信号，而且小梯度也可能来自真实的长期依赖。`,
              ),
        },
      ],
    };
  },
};
