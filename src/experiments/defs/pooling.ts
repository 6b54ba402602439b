/**
 * Experiment (CNN): what pooling buys. The same two conv layers (5×5 ×4 with
 * padding 2, then 3×3 ×8 with padding 1, ReLU after each, then fc 10) three
 * ways: no pooling; a 2×2 max pool of stride 2 after each conv (F=2, S=2, as
 * LeNet and VGG); an overlapping 3×3 max pool of stride 2 (F=3, S=2, as AlexNet).
 * Measured: the fc head's inputs and parameters and the multiply-adds per image
 * (read from the built nets, so exact), test accuracy after the last epoch, and
 * each run's seconds. Each 2×2 pool quarters the positions, so the head (28·28·8
 * inputs without pooling, 7·7·8 with two pools) shrinks 16×, 4× per pool, and
 * the second conv runs on 14×14 instead of 28×28 positions.
 *
 * Settings: Adam lr 0.004, batch 16, 3 epochs (the pooled nets have few weights
 * and need the steps). Quick: the first 1,000 training and 600 test images.
 * Full: 4,000 training, all 2,000 test images.
 * Measured (test accuracy after the last epoch, none / F=2 S=2 / F=3 S=2; CPU s
 * of the whole experiment, 2 cores shared with other work). Multiply-adds per
 * image 366,912 / 138,768 / 129,952; fc head 62,730 / 3,930 / 2,890 parameters.
 *   quick 1: 90.8 / 91.3 / 94.0 %, 4.4 s     quick 2: 91.0 / 90.7 / 91.0 %, 5.4 s
 *   quick 3: 92.7 / 90.8 / 91.3 %, 5.0 s     quick 4: 91.7 / 92.7 / 95.2 %, 4.9 s
 *   quick 5: 92.0 / 92.2 / 93.3 %, 4.6 s
 *   full 1: 94.9 / 95.7 / 96.2 %, 13.2 s     full 2: 95.7 / 96.1 / 95.8 %, 15.0 s
 *   full 3: 95.0 / 94.1 / 93.5 %, 13.0 s
 * Overlapping minus 2×2: +2.7, +0.3, +0.5, +2.5, +1.1 points (quick), +0.5, −0.3,
 * −0.6 (full): no steady sign at this size, so the verdict does not depend on it.
 * Wall seconds per run (quick 1): 6.6 / 3.6 / 4.0 — the pooled runs are faster,
 * but seconds on a shared machine are not repeatable, so only the exact
 * multiply-adds enter the verdict; the seconds are reported.
 */
import { msg, type Msg } from '../../i18n/index.js';
import type { Sequential } from '../../engine/index.js';
import { digitsChainTask } from '../../training/runs/digits.js';
import type { Task } from '../../training/task.js';
import { both, finalScores, int, pct, runById } from '../build.js';
import type { ExperimentContext, ExperimentDef, Measurements, RunPlan } from '../types.js';
import { netCost } from './pooling-cost.js';

const conv = (pool: string): string =>
  `28x28x1 | conv F=5 P=2 K=4 | relu${pool} | conv F=3 P=1 K=8 | relu${pool} | flatten | fc 10`;
export const POOLING_CHAINS = {
  none: conv(''),
  pool2: conv(' | pool F=2 S=2'),
  pool3: conv(' | pool F=3 S=2'),
} as const;
/** Pooling layers in the pooled nets. */
const POOLS = 2;

/** Each F=2, S=2 pool must shrink the head at least this much (4× exactly on even sides; 3.5 allows a pool that drops an odd edge). */
export const HEAD_FACTOR = 3.5;
/**
 * A pooled net's test accuracy may be at most this far below the unpooled one's, and the two pooled
 * nets this far apart, to be "comparable": four points. On the quick variant's 600 test images at
 * 90 % one accuracy has a standard error of 1.2 points, a difference of two about 1.7: four points
 * is about 2.4 of those. Measured differences: at most 2.7 points (see below).
 */
export const ACC_TOLERANCE = 0.04;

function task(net: string, ctx: ExperimentContext): Task {
  const built = digitsChainTask({
    net,
    optimizer: 'adam',
    lr: 0.004,
    batch: 16,
    epochs: 3,
    seed: ctx.seed,
    trainSize: ctx.quick ? 1000 : 4000,
    testSize: ctx.quick ? 600 : 2000,
  });
  if (!built.ok) throw new Error(`pooling: ${built.error.en}`);
  return built.task;
}

const costOf: RunPlan['finish'] = (t) => {
  const c = netCost(t.model as Sequential, [1, 1, 28, 28]);
  return { flattened: c.flattened, head_params: c.headParams, macs: c.macs };
};

function plan(ctx: ExperimentContext): RunPlan[] {
  const run = (id: keyof typeof POOLING_CHAINS, label: Msg): RunPlan => ({ id, label, build: () => task(POOLING_CHAINS[id], ctx), finish: costOf });
  return [
    run('none', msg('no pooling', '不池化')),
    run('pool2', msg('max pool F=2 S=2', '最大池化 F=2 S=2')),
    run('pool3', msg('overlap pool F=3 S=2', '重叠池化 F=3 S=2')),
  ];
}

export const pooling: ExperimentDef = {
  id: 'pooling',
  topic: 'cnn',
  lesson: 'cnn/pooling',
  title: msg('Pooling: fewer numbers, same accuracy', '池化：更少的数，差不多的准确率'),
  claim: msg(
    'A 2×2 max pool with stride 2 keeps the largest of every four neighbouring activations, so each pooling layer leaves a quarter of the positions. The fc layer after the convolutions then needs about a quarter of the weights per pooling layer, later layers do less work, and accuracy stays about the same, because a stroke shifted by a pixel still gives the same maximum. Overlapping windows (3×3, stride 2, as in AlexNet) shrink the maps about as much.',
    '步长为 2 的 2×2 最大池化在每四个相邻的激活值中只保留最大的一个，所以每一层池化只留下四分之一的位置。卷积之后的全连接层因此每经过一层池化就只需要约四分之一的权重，后面的层计算更少，而准确率基本不变，因为笔画平移一个像素，最大值还是一样。重叠的窗口（3×3、步长 2，AlexNet 的做法）把特征图缩小得差不多一样多。',
  ),
  setup: msg(
    'The same two conv layers (4 and 8 filters) with no pooling, with a 2×2 max pool of stride 2 after each, and with an overlapping 3×3 max pool of stride 2 after each; then fc 10.',
    '同样的两层卷积（4 个和 8 个滤波器）：不池化；每层后接步长 2 的 2×2 最大池化；每层后接步长 2 的重叠 3×3 最大池化；最后都是 fc 10。',
  ),
  curve: 'test_accuracy',
  predict: {
    question: msg(
      'Two conv layers end in 28×28×8 feature maps, flattened into fc 10. Put a 2×2 max pool of stride 2 after each conv layer. The fc layer’s weights…',
      '两层卷积最后输出 28×28×8 的特征图，展平后接 fc 10。在每层卷积后加一个步长 2 的 2×2 最大池化。全连接层的权重……',
    ),
    choices: [
      msg('shrink 16×, and test accuracy stays about the same', '减少到 1/16，测试准确率基本不变'),
      msg('shrink 4×, and test accuracy drops sharply', '减少到 1/4，测试准确率大幅下降'),
      msg('stay the same: pooling has no weights', '不变：池化没有权重'),
    ],
    answer: 0,
    why: msg(
      'Each pool halves both sides: 28×28 → 14×14 → 7×7, a quarter of the positions per pool, so the head has 7·7·8·10 weights instead of 28·28·8·10. The maximum of a small window barely moves when a stroke shifts a pixel, so little that matters is lost.',
      '每次池化把两边各减半：28×28 → 14×14 → 7×7，每层池化只剩四分之一的位置，所以头部有 7·7·8·10 个权重，而不是 28·28·8·10 个。笔画平移一个像素时，小窗口里的最大值几乎不变，所以丢掉的几乎都不重要。',
    ),
  },
  plan,
  measure(runs) {
    const get = (id: string) => {
      const r = runById(runs, id);
      return { r, e: r.extra as { flattened: number; head_params: number; macs: number }, acc: finalScores(r).testAccuracy };
    };
    const none = get('none');
    const p2 = get('pool2');
    const p3 = get('pool3');
    return {
      flattened: [none.e.flattened, p2.e.flattened, p3.e.flattened],
      head_params: [none.e.head_params, p2.e.head_params, p3.e.head_params],
      params: [none.r.parameters, p2.r.parameters, p3.r.parameters],
      macs: [none.e.macs, p2.e.macs, p3.e.macs],
      test_acc: [none.acc, p2.acc, p3.acc],
      seconds: [none.r.seconds, p2.r.seconds, p3.r.seconds].map((s) => Math.round(s * 100) / 100),
      // The head's shrink per pooling layer: (head without pooling / head with) ^ (1 / POOLS).
      head_factor_per_pool: (none.e.head_params / p2.e.head_params) ** (1 / POOLS),
      head_factor_per_pool_overlap: (none.e.head_params / p3.e.head_params) ** (1 / POOLS),
      pool2_minus_none: p2.acc - none.acc,
      pool3_minus_none: p3.acc - none.acc,
      overlap_minus_pool2: p3.acc - p2.acc,
    };
  },
  verdict(m, _runs, ctx) {
    const heads = m.head_params as number[];
    const macs = m.macs as number[];
    const acc = m.test_acc as number[];
    const secs = m.seconds as number[];
    const f2 = m.head_factor_per_pool as number;
    const f3 = m.head_factor_per_pool_overlap as number;
    const d2 = m.pool2_minus_none as number;
    const d3 = m.pool3_minus_none as number;
    const dOverlap = m.overlap_minus_pool2 as number;
    const workCut = macs[0] / macs[1];
    const n = ctx.quick ? 600 : 2000;
    const tested = int(n);
    // Is the overlapping-minus-2×2 difference within two standard errors of a difference of two accuracies on n images?
    const se = Math.sqrt((acc[1] * (1 - acc[1]) + acc[2] * (1 - acc[2])) / n);
    const withinNoise = Math.abs(dOverlap) <= 2 * se;
    const headShrinks = f2 >= HEAD_FACTOR && f3 >= HEAD_FACTOR;
    const lessWork = macs[1] < macs[0] && macs[2] < macs[0];
    const accuracyKept = d2 >= -ACC_TOLERANCE && d3 >= -ACC_TOLERANCE && Math.abs(dOverlap) <= ACC_TOLERANCE;
    const holds = headShrinks && lessWork && accuracyKept;
    const text = both((L) => {
      const p = (v: number) => (L === 'en' ? pct(v).en : pct(v).zh);
      const pts = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v * 100).toFixed(1)}`;
      const x = (v: number) => v.toFixed(1);
      const nums =
        L === 'en'
          ? `fc head: ${int(heads[0])} parameters without pooling, ${int(heads[1])} with 2×2 pools (${x(heads[0] / heads[1])}× fewer: ${x(f2)}× per pooling layer), ${int(heads[2])} with overlapping 3×3 pools (${x(f3)}× per pool). Multiply-adds per image: ${int(macs[0])}, ${int(macs[1])}, ${int(macs[2])}. Test accuracy: ${p(acc[0])}, ${p(acc[1])}, ${p(acc[2])}; overlapping minus 2×2: ${pts(dOverlap)} points. Seconds per run here (wall clock, a shared machine): ${secs.map((s) => s.toFixed(1)).join(', ')}.`
          : `全连接头部：不池化 ${int(heads[0])} 个参数，2×2 池化 ${int(heads[1])} 个（少 ${x(heads[0] / heads[1])} 倍：每层池化 ${x(f2)} 倍），重叠 3×3 池化 ${int(heads[2])} 个（每层 ${x(f3)} 倍）。每张图像的乘加次数：${int(macs[0])}、${int(macs[1])}、${int(macs[2])}。测试准确率：${p(acc[0])}、${p(acc[1])}、${p(acc[2])}；重叠减 2×2：${pts(dOverlap)} 个百分点。本机每次运行用时（秒，挂钟时间，机器与他人共用）：${secs.map((s) => s.toFixed(1)).join('、')}。`;
      if (holds)
        return L === 'en'
          ? `${nums} Pooling cut the head about 4× per layer and the multiply-adds ${x(workCut)}×, at a comparable accuracy. AlexNet found overlapping pools slightly better on ImageNet (0.4 points less top-1 error); ${withinNoise ? `here the difference is within two standard errors (${(2 * se * 100).toFixed(1)} points on ${tested} test digits), too small to tell from noise` : `here overlapping pools were ${pts(dOverlap)} points, more than two standard errors (${(2 * se * 100).toFixed(1)} points on ${tested} test digits)`}.`
          : `${nums}池化让头部每层减少约 4 倍，乘加次数减少 ${x(workCut)} 倍，准确率相当。AlexNet 在 ImageNet 上发现重叠池化略好（top-1 错误率低 0.4 个百分点）；${withinNoise ? `这里的差别在两个标准误差之内（${tested} 张测试数字上为 ${(2 * se * 100).toFixed(1)} 个百分点），分不出是否只是噪声` : `这里重叠池化相差 ${pts(dOverlap)} 个百分点，超过两个标准误差（${tested} 张测试数字上为 ${(2 * se * 100).toFixed(1)} 个百分点）`}。`;
      const why: Msg[] = [];
      if (!headShrinks) why.push(msg(`a pool shrank the head less than ${HEAD_FACTOR}× per layer`, `某种池化每层让头部减少不到 ${HEAD_FACTOR} 倍`));
      if (!lessWork) why.push(msg('a pooled net did not take fewer multiply-adds', '某个池化网络的乘加次数没有减少'));
      if (!accuracyKept) why.push(msg(`the accuracies were more than ${(ACC_TOLERANCE * 100).toFixed(0)} points apart (or a pooled net fell behind by more)`, `准确率相差超过 ${(ACC_TOLERANCE * 100).toFixed(0)} 个百分点（或某个池化网络落后更多）`));
      return L === 'en'
        ? `${nums} This run does not show the whole claim: ${why.map((w) => w.en).join('; ')}.`
        : `${nums}这次运行没有完整地显示这个结论：${why.map((w) => w.zh).join('；')}。`;
    });
    return { holds, text };
  },
};
