/**
 * gen/lstm-step — one LSTM step on small numbers. The pre-activations
 * z_i, z_f, z_g, z_o are given directly (chosen so the gates are clearly open
 * or closed); the question asks which gate is most open / most closed, or the
 * new cell state cₜ (H = 1 or one of the two numbers when H = 2), or hₜ. Computed with the
 * engine's lstmCell: x = [1] and weight_ih = the pre-activations, so
 * z = weight_ih·x exactly.
 */
import { lstmCell, type LstmCellResult } from '../../engine/ops/recurrent.js';
import { Tensor } from '../../engine/tensor.js';
import { msg, type Msg } from '../../i18n/index.js';
import type { Generator, Question } from '../types.js';
import { fmtNum, fmtVec, joinParas, paren, Rng } from './common.js';

export type LstmStepAsk = 'most-open' | 'most-closed' | 'c' | 'h';

export interface LstmStepCase {
  ask: LstmStepAsk;
  /** Hidden size: 1, or 2 for some cell-state questions. */
  H: number;
  /** Pre-activations, H numbers each. */
  zi: number[];
  zf: number[];
  zg: number[];
  zo: number[];
  /** cₜ₋₁ */
  cPrev: number[];
  /** Which of the H numbers is asked about (0-based; 0 when H = 1). */
  unit: number;
}

const PRE = [-4, -3, -2.5, -2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, 2.5, 3, 4];

/** The gates i, f, o in that order, with their names. */
export const GATE_NAMES: readonly Msg[] = [
  msg('the input gate i', '输入门 i'),
  msg('the forget gate f', '遗忘门 f'),
  msg('the output gate o', '输出门 o'),
];

/** The numbers of question `seed`; the same seed always gives the same case. */
export function lstmStepCase(seed: number): LstmStepCase {
  const r = new Rng(seed);
  const u = r.float();
  const ask: LstmStepAsk = u < 0.25 ? 'most-open' : u < 0.45 ? 'most-closed' : u < 0.85 ? 'c' : 'h';
  const H = ask === 'c' && r.chance(0.4) ? 2 : 1;
  const vec = (): number[] => Array.from({ length: H }, () => r.pick(PRE));
  let zi = vec();
  let zf = vec();
  let zo = vec();
  if (ask === 'most-open' || ask === 'most-closed') {
    // three pre-activations whose extreme one stands out by at least 1.5
    for (let tries = 0; tries < 100; tries++) {
      const v = [r.pick(PRE), r.pick(PRE), r.pick(PRE)];
      const sorted = [...v].sort((a, b) => a - b);
      const gap = ask === 'most-open' ? sorted[2] - sorted[1] : sorted[1] - sorted[0];
      if (gap >= 1.5) {
        [zi, zf, zo] = v.map((x) => [x]);
        break;
      }
      if (tries === 99) [zi, zf, zo] = [[3], [-1], [0]];
    }
  }
  const zg = vec();
  const cPrev = Array.from({ length: H }, () => fmtRound(r.int(-15, 15) / 10));
  const unit = H === 2 ? r.int(0, 1) : 0;
  return { ask, H, zi, zf, zg, zo, cPrev, unit };
}

function fmtRound(v: number): number {
  return Math.round(v * 10) / 10;
}

/** One engine step: input x = [1], weight_ih = the stacked pre-activations [i; f; g; o], no recurrent part. */
export function runStep(c: LstmStepCase): LstmCellResult {
  const H = c.H;
  const weightIh = new Tensor([4 * H, 1], [...c.zi, ...c.zf, ...c.zg, ...c.zo]);
  const weightHh = new Tensor([4 * H, H]);
  return lstmCell(new Tensor([1], [1]), new Tensor([H]), new Tensor([H], c.cPrev), { weightIh, weightHh });
}

const sigma = (z: number): string => `σ(${fmtNum(z)})`;

export const lstmStep: Generator = {
  id: 'gen/lstm-step',
  topic: 'lstm',
  lesson: 'lstm/gates',
  taught: 'lstm/gates#gates-demo',
  title: msg('One LSTM step (fresh numbers)', 'LSTM 单步计算（随机数值）'),
  make(seed: number): Question {
    const c = lstmStepCase(seed);
    const res = runStep(c);
    const k = c.unit;
    const i = res.inputGate.data[k];
    const f = res.forgetGate.data[k];
    const g = res.cellGate.data[k];
    const o = res.outputGate.data[k];
    const cNew = res.cNext.data[k];
    const hNew = res.hNext.data[k];
    const zi = c.zi[k];
    const zf = c.zf[k];
    const zg = c.zg[k];
    const zo = c.zo[k];
    const cp = c.cPrev[k];
    const base = { id: `${lstmStep.id}#${seed}`, topic: lstmStep.topic, lesson: lstmStep.lesson };
    const gateLine = msg(
      `i = ${sigma(zi)} = ${fmtNum(i)}, f = ${sigma(zf)} = ${fmtNum(f)}, o = ${sigma(zo)} = ${fmtNum(o)}`,
      `i = ${sigma(zi)} = ${fmtNum(i)}，f = ${sigma(zf)} = ${fmtNum(f)}，o = ${sigma(zo)} = ${fmtNum(o)}`,
    );
    if (c.ask === 'most-open' || c.ask === 'most-closed') {
      const vals = [i, f, o];
      const open = c.ask === 'most-open';
      const answer = open ? vals.indexOf(Math.max(...vals)) : vals.indexOf(Math.min(...vals));
      const meaning = open
        ? [
            msg('it writes most of the candidate g into the cell', '它把大部分候选值 g 写入单元状态'),
            msg('it keeps most of the old cell state', '它保留大部分旧的单元状态'),
            msg('it shows most of tanh(cₜ) as hₜ', '它把大部分 tanh(cₜ) 作为 hₜ 输出'),
          ]
        : [
            msg('it writes almost nothing new into the cell', '它几乎不往单元状态里写入新内容'),
            msg('it forgets most of the old cell state', '它把大部分旧的单元状态忘掉'),
            msg('it hides most of the cell state from hₜ', '它让 hₜ 几乎看不到单元状态'),
          ];
      return {
        ...base,
        kind: 'choice',
        prompt: msg(
          `At one time step, an LSTM with hidden size H = 1 gets the gate pre-activations z_i = ${fmtNum(zi)}, z_f = ${fmtNum(zf)}, z_o = ${fmtNum(zo)}. Which gate is the most ${open ? 'open' : 'closed'}?`,
          `某隐藏层大小 H = 1 的 LSTM 在一个时间步中，各门激活前的值为 z_i = ${fmtNum(zi)}、z_f = ${fmtNum(zf)}、z_o = ${fmtNum(zo)}。哪个门${open ? '开得最大' : '关得最紧'}？`,
        ),
        options: [...GATE_NAMES],
        answer,
        explain: joinParas([
          msg(`The sigmoid squashes each pre-activation into (0, 1): ${gateLine.en}.`, `sigmoid 把每个激活前的值压到 (0, 1) 之间：${gateLine.zh}。`),
          msg(
            `${capitalize(GATE_NAMES[answer].en)} is ${open ? 'closest to 1 (most open)' : 'closest to 0 (most closed)'}: ${meaning[answer].en}.`,
            `${GATE_NAMES[answer].zh} ${open ? '最接近 1（开得最大）' : '最接近 0（关得最紧）'}：${meaning[answer].zh}。`,
          ),
        ]),
        hint: msg('σ is increasing: the largest pre-activation gives the gate closest to 1.', 'σ 是单调递增的：激活前的值越大，门越接近 1。'),
      };
    }
    const given =
      c.H === 1
        ? msg(
            `At one time step, an LSTM with hidden size H = 1 gets the pre-activations z_i = ${fmtNum(zi)}, z_f = ${fmtNum(zf)}, z_g = ${fmtNum(zg)}, z_o = ${fmtNum(zo)} (input gate, forget gate, candidate, output gate); its old cell state is cₜ₋₁ = ${fmtNum(cp)}.`,
            `某隐藏层大小 H = 1 的 LSTM 在一个时间步中，激活前的值为 z_i = ${fmtNum(zi)}、z_f = ${fmtNum(zf)}、z_g = ${fmtNum(zg)}、z_o = ${fmtNum(zo)}（依次为输入门、遗忘门、候选值、输出门），旧的单元状态 cₜ₋₁ = ${fmtNum(cp)}。`,
          )
        : msg(
            `At one time step, an LSTM layer with hidden size H = 2 gets the pre-activations z_i = ${fmtVec(c.zi)}, z_f = ${fmtVec(c.zf)}, z_g = ${fmtVec(c.zg)}, z_o = ${fmtVec(c.zo)}; cₜ₋₁ = ${fmtVec(c.cPrev)}.`,
            `某隐藏层大小 H = 2 的 LSTM 层在一个时间步中，激活前的值为 z_i = ${fmtVec(c.zi)}、z_f = ${fmtVec(c.zf)}、z_g = ${fmtVec(c.zg)}、z_o = ${fmtVec(c.zo)}；cₜ₋₁ = ${fmtVec(c.cPrev)}。`,
          );
    const unitEn = c.H === 2 ? `${k === 0 ? 'the first' : 'the second'} number of ` : '';
    const unitZh = c.H === 2 ? `（第 ${k + 1} 个分量）` : '';
    const fc = f * cp;
    const ig = i * g;
    const cLine = msg(
      `${c.H === 2 ? `${k === 0 ? 'First' : 'Second'} number: the` : 'The'} gates are i = ${sigma(zi)} = ${fmtNum(i)} and f = ${sigma(zf)} = ${fmtNum(f)}; the candidate is g = tanh(${fmtNum(zg)}) = ${fmtNum(g)}. ` +
        `cₜ = f·cₜ₋₁ + i·g = ${fmtNum(f)}·${paren(cp)} + ${fmtNum(i)}·${paren(g)} = ${fmtNum(fc)} + ${paren(ig)} = ${fmtNum(cNew)}.`,
      `${c.H === 2 ? `第 ${k + 1} 个分量：` : ''}两个门为 i = ${sigma(zi)} = ${fmtNum(i)}，f = ${sigma(zf)} = ${fmtNum(f)}；候选值 g = tanh(${fmtNum(zg)}) = ${fmtNum(g)}。` +
        `代入 cₜ = f·cₜ₋₁ + i·g：${fmtNum(f)}·${paren(cp)} + ${fmtNum(i)}·${paren(g)} = ${fmtNum(fc)} + ${paren(ig)} = ${fmtNum(cNew)}。`,
    );
    if (c.ask === 'c') {
      return {
        ...base,
        kind: 'numeric',
        prompt: joinParas([
          given,
          msg(`What is ${unitEn}the new cell state cₜ? (2 decimal places)`, `新的单元状态 cₜ${unitZh}是多少？（保留 2 位小数）`),
        ]),
        answer: cNew,
        tolerance: 0.01,
        explain: cLine,
        hint: msg('cₜ = σ(z_f)·cₜ₋₁ + σ(z_i)·tanh(z_g).', '用公式 cₜ = σ(z_f)·cₜ₋₁ + σ(z_i)·tanh(z_g)。'),
      };
    }
    return {
      ...base,
      kind: 'numeric',
      prompt: joinParas([given, msg(`What is ${unitEn}the new hidden state hₜ? (2 decimal places)`, `新的隐藏状态 hₜ${unitZh}是多少？（保留 2 位小数）`)]),
      answer: hNew,
      tolerance: 0.01,
      explain: joinParas([
        cLine,
        msg(
          `Then o = ${sigma(zo)} = ${fmtNum(o)} and hₜ = o·tanh(cₜ) = ${fmtNum(o)}·tanh(${fmtNum(cNew)}) = ${fmtNum(o)}·${paren(Math.tanh(cNew))} = ${fmtNum(hNew)}.`,
          `再算 o = ${sigma(zo)} = ${fmtNum(o)}，hₜ = o·tanh(cₜ) = ${fmtNum(o)}·tanh(${fmtNum(cNew)}) = ${fmtNum(o)}·${paren(Math.tanh(cNew))} = ${fmtNum(hNew)}。`,
        ),
      ]),
      hint: msg('First cₜ = f·cₜ₋₁ + i·g, then hₜ = o·tanh(cₜ).', '先算 cₜ = f·cₜ₋₁ + i·g，再算 hₜ = o·tanh(cₜ)。'),
    };
  },
};

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
