/**
 * Experiment 1 (DNN): without a nonlinearity, a stack of linear layers is one
 * linear layer. Four nets on TensorFlow Playground's circles (a disc inside a
 * ring): one linear layer, three linear layers, and the same three with tanh
 * and with ReLU between them. Measured: each net's test accuracy, and — after
 * training — how far the three-layer linear net is from the single matrix
 * W₃W₂W₁ (its outputs, recomputed as one affine map, agree to float rounding):
 * the stack *is* one layer.
 *
 * Why circles and not the spiral: the spiral's tanh nets (2→32→32→2, Adam) sit
 * on a plateau near 60 % for some seeds (quick seed 3 at lr 0.02; seeds 3, 6, 8
 * at lr 0.01; 5 of 8 seeds below 90 % at lr 0.03), and ReLU failed seed 2
 * (80 %): the claim is about linearity, not about how hard the spiral is to
 * optimise. On circles no straight line does better than about 65 % (the line
 * can only cut a cap off the ring), and both activations reach 100 %.
 *
 * Measured (tsx, wasm back end): quick (400 points, 60 epochs) seeds 1–5 and
 * full (600 points, 100 epochs) seeds 1–3: tanh and ReLU 100 % on every seed;
 * the linear nets 33–66 %; collapse gap 2e-8 – 1e-7. CPU: quick 1.0–1.5 s, full 2.1–2.8 s.
 */
import { Linear, noGrad, Tensor, type Sequential } from '../../engine/index.js';
import { msg } from '../../i18n/index.js';
import type { Task } from '../../training/task.js';
import { both, finalScores, fromRun, num, pct, runById } from '../build.js';
import type { ExperimentContext, ExperimentDef, RunPlan } from '../types.js';

const CHAINS = {
  one: '2 | fc 2',
  linear: '2 | fc 32 | fc 32 | fc 2',
  tanh: '2 | fc 32 | tanh | fc 32 | tanh | fc 2',
  relu: '2 | fc 32 | relu | fc 32 | relu | fc 2',
} as const;

/** The largest |difference| between the linear stack's logits and one affine map made of its layers, over a grid of inputs. */
export function collapseGap(task: Task): number {
  const layers = (task.model as Sequential).layers.filter((m): m is Linear => m instanceof Linear);
  // W = W₃W₂W₁ and b = W₃(W₂b₁ + b₂) + b₃, built in float64.
  let W: number[][] = [[1, 0], [0, 1]];
  let b: number[] = [0, 0];
  for (const l of layers) {
    const w = l.weight.data;
    const out = l.outFeatures;
    const inn = l.inFeatures;
    const W2: number[][] = [];
    const b2: number[] = [];
    for (let o = 0; o < out; o++) {
      const row = new Array<number>(2).fill(0);
      let bo = l.bias ? l.bias.data[o] : 0;
      for (let i = 0; i < inn; i++) {
        row[0] += w[o * inn + i] * W[i][0];
        row[1] += w[o * inn + i] * W[i][1];
        bo += w[o * inn + i] * b[i];
      }
      W2.push(row);
      b2.push(bo);
    }
    W = W2;
    b = b2;
  }
  const pts: number[] = [];
  for (let i = 0; i <= 10; i++) for (let j = 0; j <= 10; j++) pts.push(-1 + i / 5, -1 + j / 5);
  const x = new Tensor([pts.length / 2, 2], Float32Array.from(pts));
  const y = noGrad(() => task.model.forward(x)).data;
  let gap = 0;
  for (let p = 0; p < pts.length / 2; p++)
    for (let o = 0; o < W.length; o++) {
      const direct = W[o][0] * pts[2 * p] + W[o][1] * pts[2 * p + 1] + b[o];
      gap = Math.max(gap, Math.abs(direct - y[p * W.length + o]));
    }
  return gap;
}

/**
 * No straight line does better than about 65 % on the disc-in-a-ring (it can only
 * cut a cap off the ring); 75 % leaves room for the sampled points' luck, and is
 * still far below what a bent boundary gets.
 */
const STRAIGHT_LINE_CEILING = 0.75;
/** The stack against W₃W₂W₁ in float64: float32 rounding through three 32-wide layers is ~1e-7; a real difference is ≫ 1e-3. */
const COLLAPSE_TOLERANCE = 1e-3;
/** A net with tanh or ReLU separates the clean disc and ring perfectly (100 % on every seed we ran); leave margin. */
const BENT_FLOOR_QUICK = 0.9;
const BENT_FLOOR_FULL = 0.95;

function plan(ctx: ExperimentContext): RunPlan[] {
  const epochs = ctx.quick ? 60 : 100;
  const points = ctx.quick ? 400 : 600;
  const run = (id: keyof typeof CHAINS, en: string, zh: string, finish?: RunPlan['finish']): RunPlan => ({
    id,
    label: msg(en, zh),
    // Adam at 0.02 (the runs' default is 0.01): every net here has settled well before the last epoch.
    build: () => fromRun('circles', { net: CHAINS[id], epochs, seed: ctx.seed, points, lr: 0.02 }),
    ...(finish ? { finish } : {}),
  });
  return [
    run('one', 'one linear layer', '一层线性层'),
    run('linear', '3 linear, no activation', '3 层线性，无激活', (task) => ({ collapse_gap: collapseGap(task) })),
    run('tanh', '3 layers with tanh', '3 层加 tanh'),
    run('relu', '3 layers with ReLU', '3 层加 ReLU'),
  ];
}

export const noNonlinearity: ExperimentDef = {
  id: 'no-nonlinearity',
  topic: 'dnn',
  lesson: 'dnn',
  title: msg('Stacked linear layers are one linear layer', '堆叠的线性层等于一层线性层'),
  claim: msg(
    'Without an activation function between them, any number of linear layers computes one linear map, so depth adds nothing: the net can only draw a straight boundary. Put tanh or ReLU between the same layers and it can bend the boundary into a closed curve round the disc.',
    '层与层之间没有激活函数时，多少层线性层算出的都只是一个线性映射，深度毫无用处：网络只能画出一条直线边界。在同样的层之间加上 tanh 或 ReLU，它就能把边界弯成围住圆盘的闭合曲线。',
  ),
  setup: msg(
    'Four nets learn to tell a disc from the ring round it: one linear layer; three linear layers (32, 32, 2) with nothing between them; the same three with tanh; with ReLU.',
    '四个网络学习区分圆盘和环绕它的圆环：一层线性层；三层线性层（32、32、2）中间什么都没有；同样三层加 tanh；加 ReLU。',
  ),
  curve: 'test_accuracy',
  predict: {
    question: msg(
      'Three linear layers of 32, 32 and 2 units with no activation between them learn to tell a disc from the ring round it. Their test accuracy ends up…',
      '三层线性层（32、32、2 个单元），中间没有激活函数，学习区分圆盘和环绕它的圆环。它的测试准确率最终……',
    ),
    choices: [
      msg('near one linear layer’s (a straight boundary)', '和一层线性层差不多（一条直线边界）'),
      msg('near the tanh net’s, just slower', '和加 tanh 的网络差不多，只是更慢'),
      msg('better than one layer, worse than tanh', '比一层好，比 tanh 差'),
    ],
    answer: 0,
    why: msg(
      'W₃(W₂(W₁x + b₁) + b₂) + b₃ is one matrix times x plus one vector: the stack is a single linear layer, whatever its depth.',
      'W₃(W₂(W₁x + b₁) + b₂) + b₃ 就是一个矩阵乘 x 再加一个向量：不管多深，这一叠都只是一层线性层。',
    ),
  },
  plan,
  measure(runs) {
    const acc = (id: string) => finalScores(runById(runs, id)).testAccuracy;
    return {
      one_layer_accuracy: acc('one'),
      linear_stack_accuracy: acc('linear'),
      tanh_accuracy: acc('tanh'),
      relu_accuracy: acc('relu'),
      collapse_gap: (runById(runs, 'linear').extra.collapse_gap as number | undefined) ?? NaN,
    };
  },
  verdict(m, _runs, ctx) {
    const one = m.one_layer_accuracy as number;
    const lin = m.linear_stack_accuracy as number;
    const tanh = m.tanh_accuracy as number;
    const relu = m.relu_accuracy as number;
    const gap = m.collapse_gap as number;
    const bent = Math.min(tanh, relu);
    const straight = Math.max(lin, one) < STRAIGHT_LINE_CEILING;
    const collapsed = gap < COLLAPSE_TOLERANCE;
    const floor = ctx.quick ? BENT_FLOOR_QUICK : BENT_FLOOR_FULL;
    const activationsWork = bent >= floor;
    const holds = straight && collapsed && activationsWork;
    const text = both((L) => {
      const p = (v: number) => (L === 'en' ? pct(v).en : pct(v).zh);
      const nums =
        L === 'en'
          ? `Test accuracy (chance 50 %): one linear layer ${p(one)}, three linear layers ${p(lin)}, with tanh ${p(tanh)}, with ReLU ${p(relu)}. The three linear layers equal one affine map to within ${num(gap)}.`
          : `测试准确率（瞎猜 50%）：一层线性层 ${p(one)}，三层线性层 ${p(lin)}，加 tanh ${p(tanh)}，加 ReLU ${p(relu)}。三层线性层与一个仿射映射相差不超过 ${num(gap)}。`;
      if (holds)
        return L === 'en'
          ? `${nums} Depth without an activation added nothing; the activations bent the boundary.`
          : `${nums}没有激活函数的深度毫无用处；激活函数让边界弯曲了。`;
      const why: string[] = [];
      const ceiling = Math.round(STRAIGHT_LINE_CEILING * 100);
      if (!straight) why.push(L === 'en' ? `a linear net reached ${ceiling} % or more, more than a straight line should` : `线性网络达到了 ${ceiling}% 以上，超出一条直线应有的水平`);
      if (!collapsed) why.push(L === 'en' ? 'the linear stack was not one affine map' : '线性堆叠不等于一个仿射映射');
      if (!activationsWork) why.push(L === 'en' ? `a net with activations stayed below ${Math.round(floor * 100)} %` : `加激活函数的网络低于 ${Math.round(floor * 100)}%`);
      return L === 'en' ? `${nums} This run does not show the claim cleanly: ${why.join('; ')}.` : `${nums}这次运行没有清楚地显示这个结论：${why.join('；')}。`;
    });
    return { holds, text };
  },
};
