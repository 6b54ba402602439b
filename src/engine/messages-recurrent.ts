/**
 * Messages of the batched recurrent ops (rnn_sequence, lstm_sequence) and of
 * embedding (spread into ENGINE_MESSAGES; the same one-table-per-code rule applies).
 */
import { fmtShape } from './errors.js';
import { m, type Shape } from './message-kit.js';

const sh = fmtShape;

export const RECURRENT_MESSAGES = {
  'rnn-batch-rank': m<{ op: string; shape: Shape }>(
    (p) =>
      `${p.op}: input should be a batch of sequences [N, T, in] (examples, steps, features) but has shape ${sh(p.shape)}. For one sequence [T, in], add a batch dimension of 1: [1, T, in].`,
    (p) => `${p.op}：输入应为一批序列 [N, T, in]（样本、步、特征），但它的形状是 ${sh(p.shape)}。只有一个序列 [T, in] 时，请加一个大小为 1 的批次维：[1, T, in]。`,
  ),
  'embedding-weight-rank': m<{ shape: Shape }>(
    (p) => `embedding: weight should be a table [num_embeddings, embedding_dim] (one row per id) but has shape ${sh(p.shape)}.`,
    (p) => `embedding：weight 应为表 [num_embeddings, embedding_dim]（每个 id 一行），但它的形状是 ${sh(p.shape)}。`,
  ),
  'embedding-id': m<{ token: number; rows: number }>(
    (p) =>
      `embedding: id ${p.token} has no row in the table: weight has ${p.rows} row${p.rows === 1 ? '' : 's'}, so ids must be whole numbers from 0 to ${p.rows - 1}. Make the table larger (num_embeddings) or map the id into that range.`,
    (p) => `embedding：id ${p.token} 在表中没有对应的行：weight 有 ${p.rows} 行，所以 id 必须是 0 到 ${p.rows - 1} 之间的整数。请把表变大（num_embeddings），或把 id 映射到这个范围内。`,
  ),
} as const;
