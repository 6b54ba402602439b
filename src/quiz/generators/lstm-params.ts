/**
 * gen/lstm-params — parameters of a one-layer LSTM with input size I and
 * hidden size H: PyTorch's two biases per gate, 4·(H·(I + H) + 2H), or the
 * lesson's textbook form with one bias, 4·(H·(I + H) + H) (the notes give no LSTM formulas); the prompt says which. Solved by the
 * engine: the count is the size of the tensors its lstmCell accepts
 * (weight_ih [4H, I], weight_hh [4H, H], bias_ih and bias_hh [4H]).
 */
import { lstmCell } from '../../engine/ops/recurrent.js';
import { Tensor } from '../../engine/tensor.js';
import { msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { joinParas, Rng } from './common.js';
import { fmtInt } from '../../i18n/numbers.js';

export interface LstmParamsCase {
  I: number;
  H: number;
  /** true: PyTorch's b_ih and b_hh; false: one bias vector per gate. */
  twoBiases: boolean;
}

const INPUTS = [1, 2, 3, 8, 10, 16, 20, 28, 32, 50, 64, 100, 128, 256, 300];
const HIDDEN = [4, 8, 10, 16, 20, 32, 50, 64, 100, 128, 200, 256];

/** The numbers of question `seed`; the same seed always gives the same case. */
export function lstmParamsCase(seed: number): LstmParamsCase {
  const r = new Rng(seed);
  return { I: r.pick(INPUTS), H: r.pick(HIDDEN), twoBiases: r.chance(0.6) };
}

/** The tensors of nn.LSTMCell(I, H), checked by running the engine's lstmCell once. */
function lstmTensors(I: number, H: number, twoBiases: boolean): Tensor[] {
  const w = {
    weightIh: new Tensor([4 * H, I]),
    weightHh: new Tensor([4 * H, H]),
    biasIh: new Tensor([4 * H]),
    biasHh: twoBiases ? new Tensor([4 * H]) : null,
  };
  lstmCell(new Tensor([I]), new Tensor([H]), new Tensor([H]), w); // throws if a shape were wrong
  return [w.weightIh, w.weightHh, w.biasIh, ...(w.biasHh ? [w.biasHh] : [])];
}

export const lstmParams: Generator = {
  id: 'gen/lstm-params',
  topic: 'lstm',
  lesson: 'lstm/gates',
  taught: 'lstm/gates#parameters',
  title: msg('Parameters of an LSTM layer (fresh numbers)', 'LSTM 层的参数量（随机数值）'),
  make(seed: number): Question {
    const { I, H, twoBiases } = lstmParamsCase(seed);
    const tensors = lstmTensors(I, H, twoBiases);
    const answer = tensors.reduce((s, t) => s + t.size, 0);
    const block = H * (I + H);
    const biases = twoBiases ? 2 * H : H;
    const other = twoBiases ? 4 * (block + H) : 4 * (block + 2 * H);
    const formula = twoBiases ? '4·(H·(I + H) + 2H)' : '4·(H·(I + H) + H)';
    const worked = `${formula} = 4·(${H}·${I + H} + ${biases}) = 4·${fmtInt(block + biases)} = ${fmtInt(answer)}`;
    return {
      id: `${lstmParams.id}#${seed}`,
      topic: lstmParams.topic,
      lesson: lstmParams.lesson,
      kind: 'numeric',
      prompt: twoBiases
        ? msg(
            `PyTorch's nn.LSTM(input_size=${I}, hidden_size=${H}) keeps two bias vectors per gate (b_ih and b_hh). How many parameters does it have?`,
            `PyTorch 的 nn.LSTM(input_size=${I}, hidden_size=${H}) 每个门有两个偏置向量（b_ih 和 b_hh）。它有多少个参数？`,
          )
        : msg(
            `An LSTM layer has input size I=${I} and hidden size H=${H}, written with ONE bias vector per gate, σ(W·[hₜ₋₁, xₜ] + b), as in the gate formulas of lesson lstm/gates (PyTorch's nn.LSTM keeps two, b_ih and b_hh). How many parameters does it have?`,
            `一个 LSTM 层的输入维度 I=${I}，隐藏维度 H=${H}，按 lstm/gates 一课中门的公式 σ(W·[hₜ₋₁, xₜ] + b) 写法，每个门只有一个偏置向量（PyTorch 的 nn.LSTM 则有两个：b_ih 和 b_hh）。它有多少个参数？`,
          ),
      answer,
      explain: joinParas([
        msg(
          `Four blocks (gates i, f, o and candidate g), each with an H×I input matrix (${H}·${I} = ${fmtInt(H * I)}), an H×H recurrent matrix (${H}·${H} = ${fmtInt(H * H)}) and ${twoBiases ? `two biases of length H (2·${H} = ${2 * H})` : `one bias of length H (${H})`}.`,
          `共四组（门 i、f、o 和候选值 g），每组有一个 H×I 的输入矩阵（${H}·${I} = ${fmtInt(H * I)}）、一个 H×H 的循环矩阵（${H}·${H} = ${fmtInt(H * H)}）和${twoBiases ? `两个长度为 H 的偏置（2·${H} = ${2 * H}）` : `一个长度为 H 的偏置（${H}）`}。`,
        ),
        msg(`${worked}.`, `${worked}。`),
        twoBiases
          ? msg(
              `(In PyTorch: weight_ih ${4 * H}×${I}, weight_hh ${4 * H}×${H}, bias_ih and bias_hh ${4 * H} each. With one bias it would be ${fmtInt(other)}.)`,
              `（PyTorch 中：weight_ih 为 ${4 * H}×${I}，weight_hh 为 ${4 * H}×${H}，bias_ih 和 bias_hh 各 ${4 * H} 个。若只有一个偏置，则为 ${fmtInt(other)}。）`,
            )
          : msg(
              `(PyTorch's nn.LSTM keeps two biases, b_ih and b_hh, and would report ${fmtInt(other)}.)`,
              `（PyTorch 的 nn.LSTM 有两个偏置 b_ih 和 b_hh，会得到 ${fmtInt(other)}。）`,
            ),
      ]),
      hint: msg(`${formula}: one RNN-sized block per gate and candidate.`, `${formula}：每个门和候选值各一组 RNN 大小的参数。`),
    };
  },
};
