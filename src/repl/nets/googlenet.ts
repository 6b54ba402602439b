/**
 * GoogLeNet (Inception v1) as torchvision builds it, without the auxiliary
 * heads: 6,624,904 parameters. Each conv is torchvision's BasicConv2d, a conv
 * without bias followed by BatchNorm.
 */
import { msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { adaptiveAvgPool, built, concatDepth, groupOf, Stack, type Layer, type Shape, type Vol } from './layers.js';

/** torchvision's BasicConv2d: conv (no bias) + BatchNorm. */
function basic(s: Stack, name: string, o: { F: number; S?: number; P?: number; K: number }): void {
  s.conv(`${name}.conv`, { ...o, bias: false });
  s.bn(`${name}.bn`);
}

function basicRow(s: Stack, name: string, o: { F: number; S?: number; P?: number; K: number }): Layer {
  return s.group(name, 'conv', `F=${o.F} S=${o.S ?? 1} P=${o.P ?? 0} K=${o.K} +BN`, (g) => basic(g, name, o));
}

const BRANCH_WHAT = ['1×1', '1×1 → 3×3', '1×1 → “5×5” (3×3)', 'max 3×3 → 1×1'];

/** Inception(in, ch1x1, ch3x3red, ch3x3, ch5x5red, ch5x5, pool_proj), torchvision's argument order. */
function inception(input: Shape, name: string, c1: number, r3: number, c3: number, r5: number, c5: number, pp: number): Layer {
  const b1 = new Stack(input);
  basic(b1, `${name}.branch1`, { F: 1, K: c1 });
  const b2 = new Stack(input);
  basic(b2, `${name}.branch2.0`, { F: 1, K: r3 });
  basic(b2, `${name}.branch2.1`, { F: 3, P: 1, K: c3 });
  const b3 = new Stack(input);
  basic(b3, `${name}.branch3.0`, { F: 1, K: r5 });
  // The paper's 5×5 branch; torchvision uses a 3×3 kernel here (a known quirk kept for its weights).
  basic(b3, `${name}.branch3.1`, { F: 3, P: 1, K: c5 });
  const b4 = new Stack(input);
  b4.pool(`${name}.branch4.pool`, { F: 3, S: 1, P: 1, ceil: true });
  basic(b4, `${name}.branch4.1`, { F: 1, K: pp });
  const out = concatDepth(input, [b1, b2, b3, b4]);
  const branches = [b1, b2, b3, b4].map((b, i) => groupOf(`${name}.branch${i + 1}`, 'block', BRANCH_WHAT[i], b.shape, b.layers));
  return groupOf(name, 'inception', `${c1} | ${r3}→${c3} | ${r5}→${c5} | ${pp}`, out, branches);
}

export const googlenet: NetDef = {
  id: 'googlenet',
  title: 'GoogLeNet',
  aliases: ['inception-v1', 'inception', 'inceptionv1', 'googlenet-v1'],
  summary: msg('Szegedy 2014: 9 inception modules', 'Szegedy 2014：9 个 inception 模块'),
  counts: 'torchvision googlenet, no aux heads: convs without bias + BatchNorm (2 params per channel), 3x3 kernel in the "5x5" branch, fc 1024-1000',
  variant: msg(
    "torchvision's googlenet without the auxiliary classifiers: 224×224×3 input; every conv has no bias and is followed by BatchNorm; max pools use ceil mode. An inception row reads 1×1 | 1×1→3×3 | 1×1→“5×5” | pool→1×1 (filters per branch; the outputs are stacked in depth). torchvision's “5×5” branch actually uses 3×3 filters.",
    'torchvision 的 googlenet，不含辅助分类器：输入 224×224×3；每个卷积都没有偏置，后面接 BatchNorm；最大池化使用 ceil 模式。inception 一行读作 1×1 | 1×1→3×3 | 1×1→“5×5” | 池化→1×1（每个分支的滤波器个数；各分支输出沿深度拼接）。torchvision 的 “5×5” 分支实际用的是 3×3 滤波器。',
  ),
  notCounted: msg(
    "BatchNorm's running mean and variance are buffers, not parameters; ReLU and dropout learn nothing. The two auxiliary classifiers used only in training (about 6.4 million more) are not counted.",
    'BatchNorm 的滑动均值和方差是缓冲区，不是参数；ReLU 和 dropout 没有参数。仅在训练时使用的两个辅助分类器（另外约 640 万个参数）没有计入。',
  ),
  breakdown: ['inception3a'],
  build() {
    const input: Vol = { width: 224, height: 224, depth: 3 };
    const s = new Stack(input);
    basicRow(s, 'conv1', { F: 7, S: 2, P: 3, K: 64 });
    s.pool('maxpool1', { F: 3, S: 2, ceil: true });
    basicRow(s, 'conv2', { F: 1, K: 64 });
    basicRow(s, 'conv3', { F: 3, P: 1, K: 192 });
    s.pool('maxpool2', { F: 3, S: 2, ceil: true });
    s.add(inception(s.shape, 'inception3a', 64, 96, 128, 16, 32, 32));
    s.add(inception(s.shape, 'inception3b', 128, 128, 192, 32, 96, 64));
    s.pool('maxpool3', { F: 3, S: 2, ceil: true });
    s.add(inception(s.shape, 'inception4a', 192, 96, 208, 16, 48, 64));
    s.add(inception(s.shape, 'inception4b', 160, 112, 224, 24, 64, 64));
    s.add(inception(s.shape, 'inception4c', 128, 128, 256, 24, 64, 64));
    s.add(inception(s.shape, 'inception4d', 112, 144, 288, 32, 64, 64));
    s.add(inception(s.shape, 'inception4e', 256, 160, 320, 32, 128, 128));
    s.pool('maxpool4', { F: 2, S: 2, ceil: true });
    s.add(inception(s.shape, 'inception5a', 256, 160, 320, 32, 128, 128));
    s.add(inception(s.shape, 'inception5b', 384, 192, 384, 48, 128, 128));
    s.add(adaptiveAvgPool(s.shape, 'avgpool', 1));
    s.fc('fc', 1000);
    return built(input, s);
  },
};
