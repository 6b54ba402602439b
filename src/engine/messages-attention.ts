/**
 * Messages of the batched attention ops and the transformer layers (spread into
 * ENGINE_MESSAGES; the same one-table-per-code rule applies).
 */
import { fmtShape } from './errors.js';
import { m, type Shape } from './message-kit.js';

const sh = fmtShape;

export const ATTENTION_MESSAGES = {
  'attn-rank': m<{ op: string; name: string; shape: Shape }>(
    (p) =>
      `${p.op}: ${p.name} has shape ${sh(p.shape)}, but it must be one sequence [positions, features] (2 dimensions) ` +
      `or a batch of them [N, positions, features] (3 dimensions, batch first).`,
    (p) => `${p.op}：${p.name} 的形状是 ${sh(p.shape)}，但它必须是一个序列 [位置数, 特征数]（2 维），或一批序列 [N, 位置数, 特征数]（3 维，批次在前）。`,
  ),
  'attn-batch-mismatch': m<{ op: string; first: string; firstShape: Shape; name: string; shape: Shape }>(
    (p) =>
      `${p.op}: ${p.first} ${sh(p.firstShape)} and ${p.name} ${sh(p.shape)} do not belong to the same batch: ` +
      `either all operands have the batch dimension N in front, with the same N, or none has it.`,
    (p) => `${p.op}：${p.first} ${sh(p.firstShape)} 与 ${p.name} ${sh(p.shape)} 不属于同一批：要么所有输入的最前面都有同样大小 N 的批次维，要么都没有。`,
  ),
  'attn-mask-shape': m<{ op: string; shape: Shape; want: Shape }>(
    (p) =>
      `${p.op}: key_padding_mask has shape ${sh(p.shape)} but must be ${sh(p.want)}: one number per key of each example, ` +
      `1 for a padding key that no query may attend to, 0 for a real one.`,
    (p) => `${p.op}：key_padding_mask 的形状是 ${sh(p.shape)}，但必须是 ${sh(p.want)}：每个样本的每个键一个数，1 表示填充（任何查询都不能关注它），0 表示真实的键。`,
  ),
};
