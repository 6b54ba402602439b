/** clip max=1 after grad rnn: what gradient clipping does to exploding (and vanishing) gradients. */
import { clipGradNorm } from '../../engine/ops/clip.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { ReplCommand } from '../command.js';
import { UserError, commandResult } from '../context.js';
import { optionNumber } from '../resolve.js';
import { fmtValue } from '../../i18n/numbers.js';
import { tensorJson } from '../tensors.js';
import type { Block } from '../../view/blocks.js';

export const clip: ReplCommand = {
  spec: {
    name: 'clip',
    summary: msg('gradient clipping after grad rnn, as clip_grad_norm_: all the gradients together scaled by one factor min(1, max/‖g‖)', '梯度截断（在 grad rnn 之后，同 clip_grad_norm_）：所有梯度合在一起乘以同一个系数 min(1, max/‖g‖)'),
    usage: 'clip max=1   (after grad rnn …)',
    examples: ['grad rnn T=50 gain=1.1', 'clip max=1'],
    options: [{ key: 'max', aliases: ['max_norm', 'threshold'], help: msg('the largest total norm allowed, max_norm (default 1)', '允许的最大总范数 max_norm（默认 1）') }],
  },
  run(args, ctx) {
    const last = ctx.last;
    if (last?.command !== 'grad-rnn') {
      throw new UserError(msg('clip follows grad rnn: try grad rnn T=50 gain=1.1, then clip max=1.', 'clip 要在 grad rnn 之后使用：先 grad rnn T=50 gain=1.1，再 clip max=1。'));
    }
    const r = last.data;
    const max = optionNumber(ctx, args, 'max', { what: msg('max', 'max'), min: 1e-9, max: 1e12, default: 1 })!;
    // As torch.nn.utils.clip_grad_norm_ does with a list of gradients: one total length, one common factor.
    const steps = Array.from({ length: r.T + 1 }, (_, t) => new Tensor([r.H], r.grads.data.slice(t * r.H, (t + 1) * r.H)));
    const c = clipGradNorm(steps, max);
    const clipped = c.grads.map((g) => Math.hypot(...g.data));
    const exploding = r.gain > 1;
    // grads: the T + 1 gradients clipped together (one row each), so the factor can be recomputed.
    return commandResult('clip', {
      json: () => ({ command: 'clip', ok: true, max, gain: r.gain, grads: tensorJson(r.grads), total_norm: c.totalNorm, coef: c.coef, before: r.norms, after: clipped }),
      blocks: (): Block[] => [
        { kind: 'title', text: msg(`Clipping at max = ${max} (gain ${r.gain})`, `按 max = ${max} 截断（增益 ${r.gain}）`) },
        {
          kind: 'formula',
          label: msg('All the gradients together are one vector g; if it is too long, every part is scaled by the same factor:', '把所有梯度合起来看作一个向量 g；它过长时，每一部分都乘以同一个系数：'),
          lines: ['g ← g · min(1, max / ‖g‖)', msg(`‖g‖ = ${fmtValue(c.totalNorm)}, factor = min(1, ${max}/${fmtValue(c.totalNorm)}) = ${fmtValue(c.coef)}`, `‖g‖ = ${fmtValue(c.totalNorm)}，系数 = min(1, ${max}/${fmtValue(c.totalNorm)}) = ${fmtValue(c.coef)}`)],
        },
        {
          kind: 'chart',
          label: msg('‖∂L/∂hₜ‖ before and after clipping (log scale)', '截断前后的 ‖∂L/∂hₜ‖（对数坐标）'),
          series: [
            { label: msg('before', '截断前'), values: r.norms },
            { label: msg('after', '截断后'), values: clipped },
          ],
          log: true,
          xStart: 0,
          xStep: 1,
          xLabel: 't',
        },
        {
          kind: 'text',
          text: exploding
            ? msg(
                `The whole gradient was ${fmtValue(c.totalNorm)} long, so every step's part is multiplied by ${fmtValue(c.coef)}: the update now has length ${max} and cannot throw the weights far away. The curve keeps its shape — early steps still get ${fmtValue(r.norms[0] / r.norms[r.T])}× the last step's gradient: clipping caps the size of the update, it does not rebalance the steps.`,
                `整个梯度的长度是 ${fmtValue(c.totalNorm)}，所以每一步的部分都乘以 ${fmtValue(c.coef)}：更新的长度变成 ${max}，不会再把权重甩得很远。曲线形状不变——早期步骤的梯度仍是最后一步的 ${fmtValue(r.norms[0] / r.norms[r.T])} 倍：截断限制的是更新的大小，并不会重新平衡各个时间步。`,
              )
            : msg(
                c.coef < 1
                  ? `The whole gradient (length ${fmtValue(c.totalNorm)}) is scaled by ${fmtValue(c.coef)}, every step alike: the early steps' gradients (the smallest is ${fmtValue(Math.min(...r.norms))}) get even smaller. A threshold cannot bring back a signal that has faded — and small gradients can also come from genuinely long-range structure.`
                  : `The whole gradient is only ${fmtValue(c.totalNorm)} long, not over ${max}: the factor is 1 and clipping changes nothing. The vanishing early gradients (the smallest is ${fmtValue(Math.min(...r.norms))}) stay tiny — a threshold cannot bring back a signal that has faded, and small gradients can also come from genuinely long-range structure.`,
                c.coef < 1
                  ? `整个梯度（长度 ${fmtValue(c.totalNorm)}）乘以 ${fmtValue(c.coef)}，每一步都一样：早期步骤的梯度（最小 ${fmtValue(Math.min(...r.norms))}）变得更小。阈值无法找回已经衰减的信号，而且小梯度也可能来自真实的长期依赖。`
                  : `整个梯度的长度只有 ${fmtValue(c.totalNorm)}，不超过 ${max}：系数为 1，截断什么也不改变。消失的早期梯度（最小 ${fmtValue(Math.min(...r.norms))}）仍然很小——阈值无法找回已经衰减的信号，而且小梯度也可能来自真实的长期依赖。`,
              ),
        },
      ],
    });
  },
};
