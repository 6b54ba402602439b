/** layernorm x: each row shifted to mean 0 and scaled to variance 1, with the mean and variance shown. */
import { layerNormWithStats } from '../../engine/ops/norm.js';
import { msg } from '../../i18n/index.js';
import type { ReplCommand } from '../command.js';
import { argTensor } from '../values.js';
import { tensorJson } from '../tensors.js';
import { fmtNum } from './activations.js';

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
    // One rule for the whole table: four decimals (fmtNum would print 4 beside 12.5 beside 3.5355).
    const f4 = (v: number) => (Math.abs(v) >= 1e6 ? fmtNum(v) : v.toFixed(4).replace(/^-(0\.0+)$/, '$1'));
    const row = (i: number) => [String(i), f4(r.mean.data[i]), f4(r.variance.data[i]), f4(Math.sqrt(r.variance.data[i] + 1e-5))];
    // Many rows: the first ten and the last two (the JSON has them all).
    const count = r.mean.data.length;
    const rows = count > 16 ? [...Array.from({ length: 10 }, (_, i) => row(i)), ['⋮', '⋮', '⋮', '⋮'], row(count - 2), row(count - 1)] : Array.from({ length: count }, (_, i) => row(i));
    return {
      ok: true,
      json: { command: 'layernorm', ok: true, input: tensorJson(x), mean: Array.from(r.mean.data), variance: Array.from(r.variance.data), output: tensorJson(r.output) },
      blocks: [
        { kind: 'title', text: msg(`Layer normalization over the last ${n} numbers of each row`, `对每一行的最后 ${n} 个数做层归一化`) },
        { kind: 'formula', lines: ['μ = (1/n)·Σ xᵢ     σ² = (1/n)·Σ (xᵢ − μ)²', msg('yᵢ = (xᵢ − μ) / √(σ² + ε)    (ε = 10⁻⁵; then ·γ + β, here γ = 1, β = 0)', 'yᵢ = (xᵢ − μ) / √(σ² + ε)    （ε = 10⁻⁵；之后再 ·γ + β，这里 γ = 1，β = 0）')] },
        { kind: 'matrix', label: 'x', tensor: x, precision: 2 },
        { kind: 'table', head: [msg('row', '行'), 'μ', 'σ²', '√(σ²+ε)'], rows, align: ['right', 'right', 'right', 'right'] },
        { kind: 'matrix', label: msg('y: every row now has mean 0 and variance 1', 'y：每一行的均值为 0、方差为 1'), tensor: r.output, precision: 2 },
        { kind: 'text', tone: 'muted', text: msg('The Transformer’s “Norm” in Add & Norm: each token’s vector is normalized on its own, which steadies training and speeds up convergence.', 'Transformer 中 Add & Norm 的 “Norm”：每个词的向量单独归一化，使训练更稳定、收敛更快。') },
      ],
    };
  },
};
