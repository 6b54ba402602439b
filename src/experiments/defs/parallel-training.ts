/**
 * Experiment (Transformer, lesson transformer/summary): a Transformer trains in
 * parallel far better than an RNN. A plain RNN (hidden 96) and a tiny
 * Transformer (d 32, 2 layers; about the same number of weights) learn the
 * lessons' characters in windows of T = 16, 32, 64, 128, each step the same
 * 512 characters (32 windows of 16 … 4 of 128), two epochs over the same text.
 * (The lessons' prose: the caller loads it first, await loadLessonCorpus().)
 *
 * What decides the claim is deterministic: the longest chain of ops in the
 * graph autograd records for one forward (longestChain). Ops on one chain wait
 * for each other; ops off it could run at the same time on parallel hardware.
 * The RNN's chain has one op per time step (T + 5: its state at t needs its
 * state at t − 1; the engine fuses the steps into one rnn_sequence op, so the
 * chain is counted on the same RNN run one rnn_cell op per step —
 * stepwiseForward, same outputs), the Transformer's is 19 at every T: each
 * layer handles all positions in one matrix product.
 *
 * The wall time per epoch is measured and reported, never asserted. On one CPU
 * thread the short chain buys nothing: every op still runs one after another,
 * and the Transformer's attention work per character grows with T (T² scores
 * per window). Measured here: chains RNN 21, 37, 69, 133 and Transformer 19 at
 * T = 16, 32, 64, 128 on every seed (they do not depend on it); ms per epoch
 * (wall clock on a machine shared with other jobs, so only roughly comparable):
 *   quick seed 1: RNN 246, 239, 229, 175; Transformer 711, 435, 559, 769; 2.2 CPU s
 *   (seeds 2–5 alike: the RNN flat, the Transformer 2–4× slower; 2.1–3.0 CPU s)
 *   full  seed 1: RNN 781, 808, 878, 846; Transformer 2659, 1740, 2099, 3330; 6.4 CPU s
 *         seed 2: RNN 561, 614, 563, 682; Transformer 1851, 1354, 1693, 2590; 6.0 CPU s
 *         seed 3: RNN 373, 335, 390, 344; Transformer 1127, 796, 1033, 1510; 4.8 CPU s
 * The RNN's time per epoch stays flat (same characters, same work, whatever T);
 * the Transformer's grows from T = 32 on with its attention, and T = 16 costs more
 * than 32 (32 windows × 4 heads of tiny products, each with its own overhead).
 */
import { Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import { lessonText, loadLessonCorpus } from '../../training/data/lesson-text.js';
import { corpusOf, type Corpus } from '../../training/data/text.js';
import { SequenceNet } from '../../training/models/sequence-net.js';
import type { Task } from '../../training/task.js';
import { TextTask } from '../../training/tasks/text.js';
import { both, num, runById } from '../build.js';
import type { ExperimentContext, ExperimentDef, RunPlan, RunResult } from '../types.js';
import { longestChain, stepwiseForward } from './parallel-training-depth.js';

export const LENGTHS = [16, 32, 64, 128] as const;
/** Characters per step at every T (batch = this / T), so an epoch is the same text and the same number of steps. */
const CHARS_PER_STEP = 512;
const RNN_HIDDEN = 96;
const TRANSFORMER_D = 32;
const LR = 0.003;
/**
 * Two epochs: the time per epoch is the trainer's speed over its last 20 steps, which in the
 * full variant (16 steps an epoch) leaves out the first steps, where the engine warms up.
 */
const EPOCHS = 2;

/**
 * Each extra time step must add at least one op to the RNN's chain (it cannot start step t
 * before step t − 1 is done); measured: exactly one (an rnn_cell).
 */
export const RNN_OPS_PER_STEP = 1;
/** At the longest T the RNN's chain must be at least this many times the Transformer's (measured ~7×). */
export const CHAIN_RATIO = 3;

function corpusFor(ctx: ExperimentContext): Corpus {
  // quick: 4 steps an epoch; full: 16. A tenth more for the test split (≥ one window of 128).
  const train = (ctx.quick ? 4 : 16) * CHARS_PER_STEP;
  return corpusOf(lessonText('en').slice(0, Math.ceil(train / 0.9) + 1), msg('the first lessons (English)', '前几课（英文）'));
}

const id = (cell: 'rnn' | 'transformer', T: number) => `${cell === 'rnn' ? 'rnn' : 'tf'}-${T}`;

function plan(ctx: ExperimentContext): RunPlan[] {
  const corpus = corpusFor(ctx);
  const runs: RunPlan[] = [];
  for (const T of LENGTHS) {
    for (const cell of ['rnn', 'transformer'] as const) {
      runs.push({
        id: id(cell, T),
        label: cell === 'rnn' ? msg(`RNN, T = ${T}`, `RNN，T = ${T}`) : msg(`Transformer, T = ${T}`, `Transformer，T = ${T}`),
        build: (): Task =>
          new TextTask(
            corpus,
            { id: `text-${cell}`, cell, hidden: cell === 'rnn' ? RNN_HIDDEN : TRANSFORMER_D, window: T, batch: CHARS_PER_STEP / T, epochs: EPOCHS, lr: LR, optimizer: 'adam', seed: ctx.seed, testSplit: 0.1 },
            msg('Time per epoch as T grows', '随 T 增长的每轮时间'),
          ),
      });
    }
  }
  return runs;
}

/** The longest chain of ops of one forward over a window of T characters (a fresh model: the chain is the architecture's, not the weights'). */
export function chainOf(cell: 'rnn' | 'transformer', T: number, vocab: number, seed: number): number {
  const net = new SequenceNet({ cell, hidden: cell === 'rnn' ? RNN_HIDDEN : TRANSFORMER_D, input: { kind: 'tokens', vocab }, outputs: vocab, seed });
  const x = new Tensor([1, T], Float32Array.from({ length: T }, (_, t) => t % vocab));
  return longestChain(cell === 'rnn' ? stepwiseForward(net, x) : net.forward(x));
}

/** Milliseconds of training steps for one epoch: the epoch's characters at the trainer's measured speed over its last steps (evaluation and set-up not counted). */
function epochMs(r: RunResult): number {
  const h = r.history.at(-1);
  if (!h || !(h.examples_per_second > 0)) return NaN;
  return (1000 * r.info.stepsPerEpoch * CHARS_PER_STEP) / h.examples_per_second;
}

export const parallelTraining: ExperimentDef = {
  id: 'parallel-training',
  topic: 'transformer',
  lesson: 'transformer/summary',
  title: msg('An RNN waits for itself; a Transformer does not', 'RNN 要等自己，Transformer 不用'),
  claim: msg(
    'An RNN cannot compute its state at step t before the one at step t − 1, so a window of T characters is T steps one after another, however many processors there are. A Transformer computes every position of a layer in one matrix product: its longest chain of operations does not grow with T, which is what lets parallel hardware train it fast.',
    'RNN 在算出第 t − 1 步的状态之前，不能算第 t 步，所以一个 T 个字符的窗口就是 T 个先后相接的步骤，处理器再多也没用。Transformer 一层里所有位置用一次矩阵乘法算完：它最长的运算链不随 T 增长，这正是并行硬件能快速训练它的原因。',
  ),
  setup: msg(
    'A plain RNN (hidden 96) and a tiny Transformer (d 32, 2 layers), of about the same size, train two epochs on the same text in windows of T = 16, 32, 64 and 128. Counted: the longest chain of operations in each one’s graph; timed: each epoch on this machine.',
    '一个普通 RNN（隐藏层 96）和一个大小相近的微型 Transformer（d 32，2 层）在同样的文本上各训练两轮，窗口长度 T = 16、32、64、128。统计每个模型计算图中最长的运算链，并记录每轮在本机上的用时。',
  ),
  predict: {
    question: msg(
      'The window grows from 16 to 128 characters. How does the longest chain of operations (each waiting for the previous) in one forward pass change?',
      '窗口从 16 个字符增长到 128 个。一次前向传播中最长的运算链（每个运算都要等前一个）如何变化？',
    ),
    choices: [
      msg('The RNN’s grows by one link per character; the Transformer’s stays the same', 'RNN 的每多一个字符就多一环；Transformer 的不变'),
      msg('Both grow by one link per character', '两者都是每多一个字符就多一环'),
      msg('The Transformer’s grows faster: attention compares every pair', 'Transformer 的增长更快：注意力要比较每一对位置'),
    ],
    answer: 0,
    why: msg(
      'The RNN’s state at step t needs the state at t − 1: one more step, one more link in the chain. Attention compares all T² pairs — more work as T grows — but in one matrix product, not in a longer chain.',
      'RNN 第 t 步的状态需要第 t − 1 步的状态：多一步，链就多一环。注意力要比较全部 T² 对位置——T 越大，工作量越大——但这是在一次矩阵乘法里完成的，链并不变长。',
    ),
  },
  prepare: loadLessonCorpus,
  plan,
  measure(runs, ctx) {
    const vocab = corpusFor(ctx).vocab.chars.length;
    const round = (v: number) => Math.round(v * 10) / 10;
    return {
      lengths: [...LENGTHS],
      rnn_chain: LENGTHS.map((T) => chainOf('rnn', T, vocab, ctx.seed)),
      transformer_chain: LENGTHS.map((T) => chainOf('transformer', T, vocab, ctx.seed)),
      rnn_epoch_ms: LENGTHS.map((T) => round(epochMs(runById(runs, id('rnn', T))))),
      transformer_epoch_ms: LENGTHS.map((T) => round(epochMs(runById(runs, id('transformer', T))))),
      rnn_parameters: runById(runs, id('rnn', LENGTHS[0])).parameters,
      transformer_parameters: runById(runs, id('transformer', LENGTHS[0])).parameters,
    };
  },
  verdict(m) {
    const Ts = m.lengths as number[];
    const rc = m.rnn_chain as number[];
    const tc = m.transformer_chain as number[];
    const rt = m.rnn_epoch_ms as number[];
    const tt = m.transformer_epoch_ms as number[];
    const last = Ts.length - 1;
    const perStep = (rc[last] - rc[0]) / (Ts[last] - Ts[0]);
    const rnnGrows = perStep >= RNN_OPS_PER_STEP;
    const tfFlat = tc.every((c) => c === tc[0]);
    const longer = rc[last] >= CHAIN_RATIO * tc[last];
    const holds = rnnGrows && tfFlat && longer;
    const fasterAt = Ts.filter((_, k) => tt[k] < rt[k]);
    const text = both((L) => {
      const en = L === 'en';
      const list = (xs: number[]) => xs.join(en ? ', ' : '、');
      const nums = en
        ? `Longest chain of operations at T = ${list(Ts)}: RNN ${list(rc)}, Transformer ${list(tc)}.`
        : `T = ${list(Ts)} 时最长的运算链：RNN ${list(rc)}，Transformer ${list(tc)}。`;
      const clock = en
        ? `Time per epoch on this machine: RNN ${list(rt)} ms, Transformer ${list(tt)} ms; the Transformer was ${fasterAt.length === 0 ? 'not faster at any T' : fasterAt.length === Ts.length ? 'faster at every T' : `faster at T = ${list(fasterAt)} only`}. Here every operation runs one after another on one thread, and attention’s work per character grows with T, so the clock need not favour it: the short chain becomes speed on hardware that runs the operations of one step at the same time (a GPU).`
        : `本机上每轮用时：RNN ${list(rt)} 毫秒，Transformer ${list(tt)} 毫秒；Transformer ${fasterAt.length === 0 ? '在所有 T 上都不更快' : fasterAt.length === Ts.length ? '在每个 T 上都更快' : `只在 T = ${list(fasterAt)} 时更快`}。这里所有运算都在一个线程上依次执行，而注意力每个字符的工作量随 T 增长，所以时钟不一定偏向它：只有在能同时执行同一步中许多运算的硬件（GPU）上，短的运算链才变成速度。`;
      if (holds)
        return en
          ? `${nums} Each extra character of the window adds ${num(perStep)} operation${perStep === 1 ? '' : 's'} to the RNN’s chain; the Transformer’s does not grow. ${clock} (Two epochs teach neither model much: the test accuracies are not the point here, the chains are.)`
          : `${nums}窗口每多一个字符，RNN 的链就多 ${num(perStep)} 个运算；Transformer 的链不变长。${clock}（两轮训练让两个模型都学不到多少：这里要看的不是测试准确率，而是运算链。）`;
      const why: string[] = [];
      if (!rnnGrows) why.push(en ? `the RNN's chain grew by only ${perStep.toFixed(2)} operations per step` : `RNN 的链每步只增长了 ${perStep.toFixed(2)} 个运算`);
      if (!tfFlat) why.push(en ? "the Transformer's chain changed with T" : 'Transformer 的链随 T 变化了');
      if (!longer) why.push(en ? `at T = ${Ts[last]} the RNN's chain was not ${CHAIN_RATIO}× the Transformer's` : `T = ${Ts[last]} 时 RNN 的链不到 Transformer 的 ${CHAIN_RATIO} 倍`);
      return en ? `${nums} This run does not show the claim cleanly: ${why.join('; ')}. ${clock}` : `${nums}这次运行没有清楚地显示这个结论：${why.join('；')}。${clock}`;
    });
    return { holds, text };
  },
};
