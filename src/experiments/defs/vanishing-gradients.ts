/**
 * Experiment (RNN): vanishing gradients, and why clipping cannot help with them.
 * Three nets (hidden 32) remember the first of 4 symbols across 39 blank steps
 * (T = 40); the loss is read at the last step only, so ∂L/∂hₜ for t < T arrives
 * through the recurrence alone. Each runs its recurrent layer one cell op per step
 * (SequenceNet's `unrolled`), so every hₜ is a tensor whose gradient is retained
 * (retain_grad) and read inside the step, after backward. Runs: a tanh RNN; the
 * same RNN with clip_grad_norm_ to 0.05 (below its usual gradient norm, so clipping
 * acts on most steps); an LSTM (forget gates started open, chrono initialisation).
 *
 * Measured: the profile ‖∂L/∂hₜ‖, t = 1…40 (the batch's gradient, all units), on
 * the first step and on the last; the ratio ‖∂L/∂h₁‖ / ‖∂L/∂h₄₀‖; for the RNN's
 * first profile, the factor per step back of a geometric fit (log-linear least
 * squares) and its R²; how often clipping acted.
 *
 * Numbers measured (quick: 400 sequences, 3 epochs, 30 steps per run, 2.9–3.7 s CPU;
 * seeds 1–5): the RNN's ratio is 5e-12 … 2e-9 at the start and 2e-11 … 9e-10 at the
 * end, each step back multiplying it by 0.51–0.65 (R² of the log-linear fit ≥ 0.998);
 * the clipped RNN (clipping acted on 97–100 % of its steps) 2e-11 … 9e-10, within
 * half an order of magnitude of the unclipped one; the LSTM's 2e-3 … 7e-3 (its cell
 * path loses ~3 % per step; most of its drop is the last step's direct path to the
 * loss). Full (1,000 sequences, 6 epochs, 150 steps; seeds 1–3, 11.5–14.5 s CPU): the
 * same picture, and there the LSTM learns the task (100 %, 100 %, 46 %) while both
 * RNNs stay at chance (25 %).
 */
import type { Tensor } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import { both, finalScores, pct, runById } from '../build.js';
import { gradNorm, memoryRun, probed } from '../grad-probe.js';
import type { ExperimentContext, ExperimentDef, RunPlan, RunResult } from '../types.js';

export const STEPS = 40;
const HIDDEN = 32;
/** clip_grad_norm_'s max_norm for the clipped RNN: below the RNN's usual total gradient norm (≈ 0.1–0.6), so it acts. */
export const CLIP = 0.05;

/** ‖∂L/∂h₁‖ / ‖∂L/∂h_T‖ at most this counts as vanished (six orders of magnitude; measured ≈ 1e-10 for the RNN). */
export const VANISHED_RATIO = 1e-6;
/** The RNN's profile is geometric when a line fits log‖∂L/∂hₜ‖ with R² at least this. */
export const GEOMETRIC_R2 = 0.9;
/** "The same ratio": the clipped and unclipped RNNs' ratios after training within this many orders of magnitude. */
export const SAME_DECADES = 2;
/** Clipping must have acted on at least this fraction of the clipped run's steps, or the comparison says nothing. */
export const CLIP_ACTIVE_MIN = 0.5;
/** The LSTM's ratio at least this many times the RNN's (measured ≈ 1e7). */
export const LSTM_ADVANTAGE = 1e4;

const sig3 = (v: number) => Number(v.toPrecision(3));

/** Least squares of log10(values) against their index: the factor per step (10^slope) and R². */
export function geometricFit(values: readonly number[]): { factor: number; r2: number } {
  const ys = values.map((v) => Math.log10(v));
  const n = ys.length;
  if (n < 2 || ys.some((y) => !Number.isFinite(y))) return { factor: NaN, r2: NaN };
  const mx = (n - 1) / 2;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  ys.forEach((y, x) => {
    sxy += (x - mx) * (y - my);
    sxx += (x - mx) ** 2;
    syy += (y - my) ** 2;
  });
  const slope = sxy / sxx;
  return { factor: 10 ** slope, r2: syy > 0 ? (sxy * sxy) / (sxx * syy) : 1 };
}

function plan(ctx: ExperimentContext): RunPlan[] {
  const run = (id: 'rnn' | 'clipped' | 'lstm', label: RunPlan['label'], clipNorm?: number): RunPlan => {
    let steps: Tensor[] = [];
    let first: number[] | null = null;
    let last: number[] = [];
    let acted = 0;
    let count = 0;
    return {
      id,
      label,
      ...(clipNorm !== undefined ? { clipNorm } : {}),
      build: () => {
        const task = memoryRun(id, {
          cell: id === 'lstm' ? 'lstm' : 'rnn',
          steps: STEPS,
          size: ctx.quick ? 400 : 1000,
          hidden: HIDDEN,
          batch: 32,
          epochs: ctx.quick ? 3 : 6,
          lr: 0.003,
          optimizer: 'adam',
          seed: ctx.seed,
          unrolled: true,
        });
        const params = task.model.parameters();
        return probed(task, {
          afterForward: () => {
            steps = task.model.lastSteps;
            for (const h of steps) h.retainsGrad = true;
          },
          afterBackward: () => {
            const profile = steps.map((h) => gradNorm([h]));
            if (first === null) first = profile;
            last = profile;
            count++;
            if (clipNorm !== undefined && gradNorm(params) > clipNorm) acted++;
          },
        });
      },
      finish: () => ({
        profile_start: (first ?? []).map(sig3),
        profile_end: last.map(sig3),
        clipped_fraction: count > 0 ? acted / count : NaN,
      }),
    };
  };
  return [
    run('rnn', msg('RNN', 'RNN')),
    run('clipped', msg(`RNN, clip to ${CLIP}`, `RNN，截断到 ${CLIP}`), CLIP),
    run('lstm', msg('LSTM', 'LSTM')),
  ];
}

function profile(r: RunResult, which: 'profile_start' | 'profile_end'): number[] {
  return (r.extra[which] as number[] | undefined) ?? [];
}

function ratio(p: readonly number[]): number {
  return p.length > 0 ? p[0] / p[p.length - 1] : NaN;
}

/** 1.5e-10 → "1.5e-10"; 0.0023 → "2.3e-3": a ratio always in exponent form, one decimal. */
function sci(v: number): string {
  return Number.isFinite(v) ? v.toExponential(1) : String(v);
}

export const vanishingGradients: ExperimentDef = {
  id: 'vanishing-gradients',
  topic: 'rnn',
  lesson: 'rnn/gradients',
  title: msg('Vanishing gradients through time', '随时间消失的梯度'),
  claim: msg(
    'In a plain tanh RNN the gradient of a loss at the last step shrinks by about the same factor at every step back, so after 40 steps almost nothing of it reaches the first hidden state: the net cannot learn what the early steps should have kept. Gradient clipping cannot help, since it multiplies every gradient by one number; an LSTM’s cell state gives the gradient a path that barely shrinks.',
    '在普通 tanh RNN 里，最后一步损失的梯度每往回一步就缩小差不多相同的倍数，回到 40 步之前几乎什么都不剩：网络学不会早先那几步本该记住的东西。梯度截断帮不上忙，因为它只是把所有梯度乘上同一个数；LSTM 的单元状态给梯度留了一条几乎不衰减的通路。',
  ),
  setup: msg(
    `Three nets (hidden ${HIDDEN}) recall the first of ${STEPS} steps, loss at the last step only: a tanh RNN, the same RNN with clip_grad_norm_ to ${CLIP}, and an LSTM. Each hₜ keeps its gradient (retain_grad): ‖∂L/∂hₜ‖ for t = 1…${STEPS}.`,
    `三个网络（隐藏层 ${HIDDEN}）要在 ${STEPS} 步之后说出第一步的符号，只在最后一步计算损失：tanh RNN、截断梯度到 ${CLIP} 的同一个 RNN、LSTM。每个 hₜ 都保留梯度（retain_grad）：测量 t = 1…${STEPS} 的 ‖∂L/∂hₜ‖。`,
  ),
  curve: 'loss',
  predict: {
    question: msg(
      `A tanh RNN reads ${STEPS} steps and is scored at the last one only. Compared with ‖∂L/∂h_${STEPS}‖, how large is ‖∂L/∂h₁‖, and what does clip_grad_norm_ change?`,
      `一个 tanh RNN 读入 ${STEPS} 步，只在最后一步计分。和 ‖∂L/∂h_${STEPS}‖ 相比，‖∂L/∂h₁‖ 有多大？clip_grad_norm_ 又能改变什么？`,
    ),
    choices: [
      msg('about as large; clipping is not needed', '差不多大；不需要截断'),
      msg('billions of times smaller; clipping leaves that ratio as it is', '小几十亿倍；截断不改变这个比例'),
      msg('billions of times smaller; clipping evens the steps out', '小几十亿倍；截断把各步拉平'),
    ],
    answer: 1,
    why: msg(
      'Each step back multiplies the gradient by W_hhᵀ·diag(1 − hₜ²), which shrinks it here (PyTorch’s initialisation gives W_hh a spectral radius near 0.58, and tanh′ ≤ 1): 40 such factors leave about 1e-10. Clipping comes after backward and scales the whole gradient by one number, every step’s share alike.',
      '每往回一步，梯度都要乘以 W_hhᵀ·diag(1 − hₜ²)，在这里它会让梯度变小（PyTorch 的初始化让 W_hh 的谱半径约为 0.58，而 tanh′ ≤ 1）：连乘 40 次只剩约 1e-10。截断发生在反向传播之后，把整个梯度乘以同一个数，每一步的份额一视同仁。',
    ),
  },
  plan,
  figure(m) {
    // Each profile over its own last value: the three end at 1 at t = T, and the slope going left is the vanishing.
    const rel = (k: string) => {
      const v = (m[k] as number[] | undefined) ?? [];
      const last = v.at(-1) ?? NaN;
      return v.map((x) => x / last);
    };
    return {
      title: msg('‖∂L/∂hₜ‖ over t after training, relative to the last step', '训练后的 ‖∂L/∂hₜ‖ 随 t 的变化（相对于最后一步）'),
      xLabel: msg('step t', '时间步 t'),
      yLabel: msg('‖∂L/∂hₜ‖ / ‖∂L/∂h_T‖', '‖∂L/∂hₜ‖ / ‖∂L/∂h_T‖'),
      xStart: 1,
      xStep: 1,
      log: true,
      series: [
        { label: msg('RNN', 'RNN'), values: rel('rnn_profile_end') },
        { label: msg('RNN, clipped', 'RNN，截断'), values: rel('clipped_profile_end') },
        { label: msg('LSTM', 'LSTM'), values: rel('lstm_profile_end') },
      ],
    };
  },
  measure(runs) {
    const rnn = runById(runs, 'rnn');
    const clipped = runById(runs, 'clipped');
    const lstm = runById(runs, 'lstm');
    const start = profile(rnn, 'profile_start');
    const fit = geometricFit(start);
    return {
      steps: STEPS,
      rnn_profile_start: start,
      rnn_profile_end: profile(rnn, 'profile_end'),
      clipped_profile_end: profile(clipped, 'profile_end'),
      lstm_profile_end: profile(lstm, 'profile_end'),
      rnn_ratio_start: ratio(start),
      rnn_ratio_end: ratio(profile(rnn, 'profile_end')),
      clipped_ratio_end: ratio(profile(clipped, 'profile_end')),
      lstm_ratio_start: ratio(profile(lstm, 'profile_start')),
      lstm_ratio_end: ratio(profile(lstm, 'profile_end')),
      rnn_factor_per_step: 1 / fit.factor,
      rnn_fit_r2: fit.r2,
      clipped_steps_fraction: (clipped.extra.clipped_fraction as number | undefined) ?? NaN,
      rnn_accuracy: finalScores(rnn).testAccuracy,
      clipped_accuracy: finalScores(clipped).testAccuracy,
      lstm_accuracy: finalScores(lstm).testAccuracy,
    };
  },
  verdict(m) {
    const n = (k: string) => m[k] as number;
    const rnnStart = n('rnn_ratio_start');
    const rnnEnd = n('rnn_ratio_end');
    const clipEnd = n('clipped_ratio_end');
    const lstmEnd = n('lstm_ratio_end');
    const vanished = rnnStart <= VANISHED_RATIO && rnnEnd <= VANISHED_RATIO;
    const geometric = n('rnn_fit_r2') >= GEOMETRIC_R2 && n('rnn_factor_per_step') < 1;
    const clipActed = n('clipped_steps_fraction') >= CLIP_ACTIVE_MIN;
    const clipSame = clipEnd <= VANISHED_RATIO && Math.abs(Math.log10(clipEnd) - Math.log10(rnnEnd)) <= SAME_DECADES;
    const lstmKeeps = lstmEnd >= LSTM_ADVANTAGE * rnnEnd;
    const holds = vanished && geometric && clipActed && clipSame && lstmKeeps;
    const text = both((L) => {
      const en = L === 'en';
      const p = (v: number) => (en ? pct(v).en : pct(v).zh);
      const f = n('rnn_factor_per_step').toFixed(2);
      const nums = en
        ? `‖∂L/∂h₁‖ / ‖∂L/∂h_${STEPS}‖ for the RNN: ${sci(rnnStart)} at the start, ${sci(rnnEnd)} after training (each step back multiplies it by about ${f}, R² ${n('rnn_fit_r2').toFixed(3)}). Clipped to ${CLIP} (${p(n('clipped_steps_fraction'))} of its steps were cut): ${sci(clipEnd)}. LSTM: ${sci(lstmEnd)}. Test accuracy: RNN ${p(n('rnn_accuracy'))}, clipped ${p(n('clipped_accuracy'))}, LSTM ${p(n('lstm_accuracy'))} (chance 25 %)${n('lstm_accuracy') < 0.5 ? '; in this short run even the LSTM had not learnt the task yet — what it shows is the gradient that reaches the first steps, which is what lets it learn with longer training (rnn-vs-lstm)' : ''}.`
        : `RNN 的 ‖∂L/∂h₁‖ / ‖∂L/∂h_${STEPS}‖：开始时 ${sci(rnnStart)}，训练后 ${sci(rnnEnd)}（每往回一步约乘以 ${f}，R² ${n('rnn_fit_r2').toFixed(3)}）。截断到 ${CLIP}（${p(n('clipped_steps_fraction'))} 的步被截断）：${sci(clipEnd)}。LSTM：${sci(lstmEnd)}。测试准确率：RNN ${p(n('rnn_accuracy'))}，截断后 ${p(n('clipped_accuracy'))}，LSTM ${p(n('lstm_accuracy'))}（瞎猜 25%）${n('lstm_accuracy') < 0.5 ? '；这次训练很短，连 LSTM 也还没学会这个任务——这里要看的是传回前几步的梯度，正是它让 LSTM 在更长的训练中学得会（见 rnn-vs-lstm）' : ''}。`;
      if (holds)
        return en
          ? `${nums} The RNN's gradient vanished geometrically going back; clipping left the ratio just as small; the LSTM's cell kept it far larger.`
          : `${nums}RNN 的梯度往回按几何级数消失；截断后这个比例同样微小；LSTM 的单元状态让它大得多。`;
      const why: string[] = [];
      if (!vanished) why.push(en ? `the RNN's ratio was above ${sci(VANISHED_RATIO)}` : `RNN 的比例高于 ${sci(VANISHED_RATIO)}`);
      if (!(n('rnn_factor_per_step') < 1)) why.push(en ? 'its gradient did not shrink going back' : '它的梯度往回并没有变小');
      else if (!geometric) why.push(en ? `its profile was not geometric (R² below ${GEOMETRIC_R2})` : `它的衰减不是几何级数（R² 低于 ${GEOMETRIC_R2}）`);
      if (!clipActed) why.push(en ? 'clipping acted on too few steps to compare' : '截断作用的步数太少，无法比较');
      if (!clipSame) why.push(en ? 'the clipped run’s ratio was not as small' : '截断后的比例没有同样微小');
      if (!lstmKeeps) why.push(en ? `the LSTM's ratio was not ${sci(LSTM_ADVANTAGE)} times the RNN's` : `LSTM 的比例没有达到 RNN 的 ${sci(LSTM_ADVANTAGE)} 倍`);
      return en ? `${nums} This run does not show the claim cleanly: ${why.join('; ')}.` : `${nums}这次运行没有清楚地显示这个结论：${why.join('；')}。`;
    });
    return { holds, text };
  },
};
