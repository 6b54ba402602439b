/**
 * relu, sigmoid, tanh and softmax on a number, a list or a variable, with the
 * intermediate numbers (softmax's exponentials and their sum) written out.
 */
import { runOp } from '../../engine/run-op.js';
import type { Tensor } from '../../engine/tensor.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Block } from '../../view/blocks.js';
import type { ReplCommand } from '../command.js';
import { argTensor } from '../values.js';
import { fmtValue } from '../../i18n/numbers.js';
import { commandResult } from '../context.js';

const SHOW = 12; // values listed one per row; longer inputs are summarized

interface ActivationDef {
  name: 'relu' | 'sigmoid' | 'tanh' | 'softmax';
  summary: Msg;
  formula: string;
  note: Msg;
}

const DEFS: ActivationDef[] = [
  {
    name: 'relu',
    summary: msg('ReLU: max(0, x) on each number', 'ReLU：对每个数取 max(0, x)'),
    formula: 'ReLU(x) = max(0, x)',
    note: msg('Negative numbers become 0; positive ones pass unchanged.', '负数变成 0，正数原样通过。'),
  },
  {
    name: 'sigmoid',
    summary: msg('sigmoid σ(x) = 1/(1+e^−x), squashes into (0, 1)', 'sigmoid σ(x) = 1/(1+e^−x)，压缩到 (0, 1)'),
    formula: 'σ(x) = 1 / (1 + e^−x)',
    note: msg('Every output lies between 0 and 1: LSTM gates use it as "how open".', '输出都在 0 和 1 之间：LSTM 的门用它表示“开多大”。'),
  },
  {
    name: 'tanh',
    summary: msg('tanh, squashes into (−1, 1)', 'tanh，压缩到 (−1, 1)'),
    formula: 'tanh(x) = (eˣ − e^−x) / (eˣ + e^−x)',
    note: msg('Outputs lie between −1 and 1; the RNN cell applies it to its new state.', '输出在 −1 和 1 之间；RNN 单元用它计算新的状态。'),
  },
  {
    name: 'softmax',
    summary: msg('softmax: scores → probabilities that sum to 1', 'softmax：把分数变成和为 1 的概率'),
    formula: 'softmax(x)ᵢ = e^xᵢ / Σⱼ e^xⱼ',
    note: msg(
      'Subtracting the largest score first changes nothing in the result but keeps e^x from overflowing.',
      '先减去最大的分数不会改变结果，却能避免 e^x 溢出。',
    ),
  },
];

/**
 * A number in a computed column: always 4 decimals, so a column never mixes
 * 0.659 with 0.2424, and a real minus sign as in the formulas; extremes in
 * exponent form (4.54e−5) rather than a misleading 0.0000.
 */
function cell(v: number): string {
  const s = Number.isFinite(v) && v !== 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-4) ? v.toExponential(2) : Number.isFinite(v) ? v.toFixed(4) : fmtValue(v);
  return s.replace(/-/g, '−');
}

/** An input as typed (shortest form, at most 4 decimals), with a real minus sign. */
const typed = (v: number): string => fmtValue(v).replace(/-/g, '−');

/**
 * min … max without spreading (large tensors would overflow the call stack). NaN has no
 * place in an order, so it is counted apart; all NaN has no range at all.
 */
function range(d: Float32Array): Msg | string {
  let lo = Infinity;
  let hi = -Infinity;
  let nan = 0;
  for (const v of d) {
    if (Number.isNaN(v)) nan++;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (nan === d.length) return msg('none: every number is NaN (undefined)', '无：每个数都是 NaN（未定义）');
  const r = `${fmtValue(lo)} … ${fmtValue(hi)}`;
  return nan ? msg(`${r}, and ${nan} NaN (undefined)`, `${r}，另有 ${nan} 个 NaN（未定义）`) : r;
}

function rowsWithNaN(d: Float32Array, n: number): number {
  let count = 0;
  for (let i = 0; i < d.length; i += n) if (d.subarray(i, i + n).some(Number.isNaN)) count++;
  return count;
}

/** Why some outputs are NaN, from the inputs that made them (∞ − ∞ and ∞/∞ have no value). */
function undefinedNote(name: ActivationDef['name'], x: Float32Array, y: Float32Array): Msg | undefined {
  let outNaN = 0;
  for (const v of y) if (Number.isNaN(v)) outNaN++;
  if (!outNaN) return undefined;
  let inNaN = 0;
  let inInf = 0;
  for (const v of x) {
    if (Number.isNaN(v)) inNaN++;
    else if (!Number.isFinite(v)) inInf++;
  }
  const all = outNaN === y.length;
  const what = all ? msg('The output is undefined (every number is NaN)', '输出没有定义（每个数都是 NaN）') : msg(`${outNaN} output number${outNaN === 1 ? ' is' : 's are'} undefined (NaN)`, `有 ${outNaN} 个输出没有定义（NaN）`);
  const why: Msg =
    name === 'softmax' && inInf
      ? msg(
          'the input holds ∞: softmax subtracts the row’s largest number (∞ − ∞ has no value) and divides by a sum that is ∞ (∞/∞ has no value), so every number of that row is NaN.',
          '输入中有 ∞：softmax 要减去该行最大的数（∞ − ∞ 没有定义），再除以为 ∞ 的总和（∞/∞ 没有定义），所以该行每个数都是 NaN。',
        )
      : inNaN
        ? msg(`the input holds ${inNaN} NaN, and any arithmetic with NaN gives NaN${name === 'softmax' ? ' (softmax sums its row, so the whole row is NaN)' : ''}.`, `输入中有 ${inNaN} 个 NaN，任何与 NaN 的运算结果都是 NaN${name === 'softmax' ? '（softmax 要对整行求和，所以整行都是 NaN）' : ''}。`)
        : msg('the input holds ∞, and ∞ − ∞ or ∞/∞ has no value.', '输入中有 ∞，而 ∞ − ∞ 或 ∞/∞ 没有定义。');
  return msg(`${what.en}: ${why.en}`, `${what.zh}：${why.zh}`);
}

function tensorJson(t: Tensor) {
  return { shape: [...t.shape], data: Array.from(t.data) };
}

function makeCommand(def: ActivationDef): ReplCommand {
  return {
    spec: {
      name: def.name,
      summary: def.summary,
      usage: `${def.name} VALUE   (a number, a list such as [2, 1, 0.1], or a variable)`,
      examples: def.name === 'softmax' ? ['softmax [2, 1, 0.1]'] : [`${def.name} [-2, -0.5, 0, 0.5, 2]`],
      positionals: [{ name: 'x', kind: 'value', help: msg('a number, a list or a variable', '一个数、一个列表或一个变量') }],
    },
    async run(args, ctx) {
      const x = await argTensor(ctx, args.positionals.x);
      const attrs = def.name === 'softmax' ? { dim: -1 } : {};
      const y = runOp(def.name, { input: x }, attrs).output;
      const blocks: Block[] = [{ kind: 'title', text: def.summary }, { kind: 'formula', lines: [def.formula] }];
      // The softmax's worked steps for a short list; the record itself is built only under --json.
      const steps: Record<string, unknown> = {};
      if (x.size <= SHOW && x.rank <= 1) {
        if (def.name === 'softmax') {
          const max = Math.max(...x.data);
          const exps = Array.from(x.data, (v) => Math.exp(v - max));
          const sum = exps.reduce((a, b) => a + b, 0);
          steps.exp = exps;
          steps.sum = sum;
          blocks.push({
            kind: 'table',
            head: ['x', max < 0 ? `e^(x + ${typed(-max)})` : `e^(x − ${typed(max)})`, msg('÷ sum', '÷ 总和')],
            align: ['right', 'right', 'right'],
            rows: exps.map((e, i) => [typed(x.data[i]), cell(e), cell(y.data[i])]),
            foot: [msg('sum', '总和'), cell(sum), cell(Array.from(y.data).reduce((a, b) => a + b, 0))],
          });
        } else {
          blocks.push({
            kind: 'table',
            head: ['x', `${def.name}(x)`],
            align: ['right', 'right'],
            // ReLU returns its input or 0, so it is shown as typed; sigmoid and tanh compute new numbers, shown at 4 decimals.
            rows: Array.from(x.data, (v, i) => [typed(v), def.name === 'relu' ? typed(y.data[i]) : cell(y.data[i])]),
          });
        }
      } else {
        if (def.name === 'softmax' && x.rank >= 2) {
          // Stated only as far as the numbers bear it out: a row with NaN sums to nothing.
          const rows = x.size / x.shape[x.rank - 1];
          const nanRows = rowsWithNaN(y.data, x.shape[x.rank - 1]);
          blocks.push({
            kind: 'text',
            text: nanRows === 0
              ? msg(rows === 1 ? 'Along the last axis: the row becomes probabilities that sum to 1.' : `Along the last axis: each of the ${rows} rows becomes probabilities that sum to 1.`, rows === 1 ? '沿最后一个维度：这一行变成和为 1 的概率。' : `沿最后一个维度：${rows} 行中的每一行都变成和为 1 的概率。`)
              : msg(`Along the last axis: ${rows === 1 ? 'the row becomes' : `each of the ${rows} rows becomes`} probabilities that sum to 1, except ${nanRows} row${nanRows === 1 ? '' : 's'} of NaN (see below).`, `沿最后一个维度：${rows === 1 ? '这一行' : `${rows} 行中的每一行`}都变成和为 1 的概率，除了 ${nanRows} 行 NaN（见下文）。`),
          });
        }
        // Small matrices are shown whole; large ones are summarized by their ranges below.
        if (x.size <= 400) blocks.push({ kind: 'matrix', label: 'x', tensor: x, precision: 2 }, { kind: 'matrix', label: `${def.name}(x)`, tensor: y, precision: 4 });
        blocks.push({
          kind: 'facts',
          rows: [
            { label: msg('shape', '形状'), value: `[${x.shape.join(', ')}]` },
            { label: msg('input range', '输入范围'), value: range(x.data) },
            { label: msg('output range', '输出范围'), value: range(y.data) },
          ],
        });
      }
      const undefinedWhy = undefinedNote(def.name, x.data, y.data);
      if (undefinedWhy) blocks.push({ kind: 'warning', text: undefinedWhy });
      blocks.push({ kind: 'text', text: def.note, tone: 'muted' });
      return commandResult(def.name, { json: () => ({ command: def.name, ok: true, input: tensorJson(x), output: tensorJson(y), ...steps }), blocks: () => blocks });
    },
  };
}

export const [relu, sigmoid, tanh, softmax] = DEFS.map(makeCommand);
