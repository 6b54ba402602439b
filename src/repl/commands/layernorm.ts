/** layernorm x: each row shifted to mean 0 and scaled to variance 1, with the mean and variance shown. */
import { layerNormWithStats } from '../../engine/ops/norm.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Tensor } from '../../engine/tensor.js';
import type { ReplCommand } from '../command.js';
import { argTensor } from '../values.js';
import { tensorJson } from '../tensors.js';
import { fmtValue } from '../../i18n/numbers.js';
import { commandResult } from '../context.js';
import type { Block } from '../../view/blocks.js';

/**
 * What y's rows really have, computed from y: a constant row (σ² = 0) comes out all 0 with
 * variance 0, and a row with σ² near ε has variance σ²/(σ²+ε) below 1.
 */
export function outputLabel(y: Tensor, n: number): Msg {
  const rows = y.size / n;
  const off: number[] = [];
  let meanOff = false;
  for (let i = 0; i < rows; i++) {
    const d = y.data.subarray(i * n, (i + 1) * n);
    let m = 0;
    for (const v of d) m += v;
    m /= n;
    let v2 = 0;
    for (const v of d) v2 += (v - m) ** 2;
    v2 /= n;
    if (!(Math.abs(m) < 5e-3)) meanOff = true;
    if (!(Math.abs(v2 - 1) < 5e-3)) off.push(i);
  }
  if (!meanOff && off.length === 0) return msg(rows === 1 ? 'y: the row now has mean 0 and variance 1' : 'y: every row now has mean 0 and variance 1', rows === 1 ? 'y：这一行的均值为 0、方差为 1' : 'y：每一行的均值为 0、方差为 1');
  const list = off.length > 6 ? `${off.slice(0, 6).join(', ')}, …` : off.join(', ');
  if (meanOff) return msg('y = (x − μ)/√(σ² + ε): some rows hold ∞ or NaN, so their mean and variance are not 0 and 1', 'y = (x − μ)/√(σ² + ε)：有些行含 ∞ 或 NaN，均值和方差不是 0 和 1');
  return msg(
    `y: mean 0 in every row; variance σ²/(σ²+ε) is not 1 in row ${list} (its numbers are (nearly) equal)`,
    `y：每一行均值为 0；方差 σ²/(σ²+ε) 在第 ${list} 行不是 1（该行的数（几乎）相等）`,
  );
}

export const layernorm: ReplCommand = {
  spec: {
    name: 'layernorm',
    aliases: ['ln'],
    summary: msg('layer normalization of each row: mean 0, variance 1', '对每一行做层归一化：均值 0，方差 1'),
    usage: 'layernorm VALUE   (a list, a matrix or a variable; each row is one token)',
    examples: ['layernorm [1, 2, 3, 6]', 'let x = rand 4x6', 'layernorm x'],
    positionals: [{ name: 'x', kind: 'value', help: msg('a list, a matrix or a variable', '一个列表、矩阵或变量') }],
  },
  async run(args, ctx) {
    let x = await argTensor(ctx, args.positionals.x);
    if (x.rank === 3 && x.shape[0] === 1) x = x.reshape([x.shape[1], x.shape[2]]);
    const n = x.shape[x.rank - 1];
    const r = layerNormWithStats(x, [n]);
    // One rule for the whole table: four decimals (fmtValue would print 4 beside 12.5 beside 3.5355).
    const f4 = (v: number) => (Math.abs(v) >= 1e6 ? fmtValue(v) : v.toFixed(4).replace(/^-(0\.0+)$/, '$1'));
    const row = (i: number) => [String(i), f4(r.mean.data[i]), f4(r.variance.data[i]), f4(Math.sqrt(r.variance.data[i] + 1e-5))];
    // Many rows: the first ten and the last two (the JSON has them all).
    const count = r.mean.data.length;
    const rows = count > 16 ? [...Array.from({ length: 10 }, (_, i) => row(i)), ['⋮', '⋮', '⋮', '⋮'], row(count - 2), row(count - 1)] : Array.from({ length: count }, (_, i) => row(i));
    return commandResult('layernorm', {
      json: () => ({ command: 'layernorm', ok: true, input: tensorJson(x), mean: Array.from(r.mean.data), variance: Array.from(r.variance.data), output: tensorJson(r.output) }),
      blocks: (): Block[] => [
        { kind: 'title', text: msg(`Layer normalization over the last ${n} numbers of each row`, `对每一行的最后 ${n} 个数做层归一化`) },
        { kind: 'formula', lines: ['μ = (1/n)·Σ xᵢ     σ² = (1/n)·Σ (xᵢ − μ)²', msg('yᵢ = (xᵢ − μ) / √(σ² + ε)    (ε = 10⁻⁵; then ·γ + β, here γ = 1, β = 0)', 'yᵢ = (xᵢ − μ) / √(σ² + ε)    （ε = 10⁻⁵；之后再 ·γ + β，这里 γ = 1，β = 0）')] },
        { kind: 'matrix', label: 'x', tensor: x, precision: 2 },
        { kind: 'table', head: [msg('row', '行'), 'μ', 'σ²', '√(σ²+ε)'], rows, align: ['right', 'right', 'right', 'right'] },
        { kind: 'matrix', label: outputLabel(r.output, n), tensor: r.output, precision: 2 },
        { kind: 'text', tone: 'muted', text: msg('The Transformer’s “Norm” in Add & Norm: each token’s vector is normalized on its own, which steadies training and speeds up convergence.', 'Transformer 中 Add & Norm 的 “Norm”：每个词的向量单独归一化，使训练更稳定、收敛更快。') },
      ],
    });
  },
};
