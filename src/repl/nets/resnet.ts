/**
 * ResNet-18 and ResNet-50 as torchvision builds them (ResNet v1.5: the
 * stride sits on the bottleneck's 3×3 conv): convs without bias, each followed
 * by BatchNorm; a 1×1 conv + BatchNorm on the shortcut when the shape changes.
 */
import { msg, type Msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { adaptiveAvgPool, built, checkAdd, groupOf, Stack, type Layer, type Shape, type Vol } from './layers.js';

type BlockKind = 'basic' | 'bottleneck';

/** One residual block: the main path, the shortcut, their sum. */
function block(input: Shape, name: string, kind: BlockKind, planes: number, stride: number): Layer {
  const expansion = kind === 'basic' ? 1 : 4;
  const outDepth = planes * expansion;
  const main = new Stack(input);
  if (kind === 'basic') {
    main.conv(`${name}.conv1`, { F: 3, S: stride, P: 1, K: planes, bias: false });
    main.bn(`${name}.bn1`);
    main.conv(`${name}.conv2`, { F: 3, P: 1, K: planes, bias: false });
    main.bn(`${name}.bn2`);
  } else {
    main.conv(`${name}.conv1`, { F: 1, K: planes, bias: false });
    main.bn(`${name}.bn1`);
    main.conv(`${name}.conv2`, { F: 3, S: stride, P: 1, K: planes, bias: false });
    main.bn(`${name}.bn2`);
    main.conv(`${name}.conv3`, { F: 1, K: outDepth, bias: false });
    main.bn(`${name}.bn3`);
  }
  const short = new Stack(input);
  const inDepth = 'depth' in input ? input.depth : 0;
  const project = stride !== 1 || inDepth !== outDepth;
  if (project) {
    short.conv(`${name}.downsample.0`, { F: 1, S: stride, K: outDepth, bias: false });
    short.bn(`${name}.downsample.1`);
  }
  checkAdd(main.shape, short.shape, name);
  const sTxt = stride !== 1 ? ` S=${stride}` : '';
  const what: Msg =
    kind === 'basic'
      ? msg(`basic 3×3 ${planes}, 3×3 ${planes}${sTxt}${project ? ' +proj' : ''}`, `基本块 3×3 ${planes}, 3×3 ${planes}${sTxt}${project ? ' +投影' : ''}`)
      : msg(`bottleneck ${planes}-${planes}-${outDepth}${sTxt}${project ? ' +proj' : ''}`, `瓶颈块 ${planes}-${planes}-${outDepth}${sTxt}${project ? ' +投影' : ''}`);
  return groupOf(name, 'block', what, main.shape, [...main.layers, ...short.layers]);
}

function resnet(kind: BlockKind, blocks: readonly number[]) {
  return () => {
    const input: Vol = { width: 224, height: 224, depth: 3 };
    const s = new Stack(input);
    s.conv('conv1', { F: 7, S: 2, P: 3, K: 64, bias: false });
    s.bn('bn1');
    s.pool('maxpool', { F: 3, S: 2, P: 1 });
    [64, 128, 256, 512].forEach((planes, stage) => {
      for (let b = 0; b < blocks[stage]; b++) {
        const stride = stage > 0 && b === 0 ? 2 : 1;
        s.add(block(s.shape, `layer${stage + 1}.${b}`, kind, planes, stride));
      }
    });
    s.add(adaptiveAvgPool(s.shape, 'avgpool', 1));
    s.fc('fc', 1000);
    return built(input, s);
  };
}

const NOT_COUNTED = msg(
  "BatchNorm has 2 learned numbers per channel (γ, β); its running mean and variance are buffers, not parameters. ReLU and the shortcut additions learn nothing. “+proj”: the shortcut is a 1×1 conv + BatchNorm because the shape changes.",
  'BatchNorm 每个通道学习 2 个数（γ、β）；它的滑动均值和方差是缓冲区，不是参数。ReLU 和捷径相加都没有参数。“+投影”：由于形状改变，捷径是 1×1 卷积 + BatchNorm。',
);

export const resnet18: NetDef = {
  id: 'resnet18',
  title: 'ResNet-18',
  aliases: ['resnet-18', 'resnet_18', 'resnet'],
  summary: msg('He 2015: 8 basic residual blocks', 'He 2015：8 个基本残差块'),
  counts: 'torchvision resnet18: convs without bias + BatchNorm (2 params per channel), downsample 1x1 conv + BN, fc 512-1000',
  variant: msg(
    "torchvision's resnet18: 224×224×3 input, conv 7×7 S=2 + max pool, four stages of two basic blocks (two 3×3 convs each), global average pool, fc 512 → 1000. Every conv has no bias and is followed by BatchNorm; one row per block.",
    'torchvision 的 resnet18：输入 224×224×3，7×7 S=2 卷积 + 最大池化，四个阶段各有两个基本块（每块两个 3×3 卷积），全局平均池化，全连接 512 → 1000。每个卷积都没有偏置，后面接 BatchNorm；每个残差块占一行。',
  ),
  notCounted: NOT_COUNTED,
  breakdown: ['layer1.0', 'layer2.0'],
  build: resnet('basic', [2, 2, 2, 2]),
};

export const resnet50: NetDef = {
  id: 'resnet50',
  title: 'ResNet-50',
  aliases: ['resnet-50', 'resnet_50'],
  summary: msg('He 2015: 16 bottleneck blocks', 'He 2015：16 个瓶颈残差块'),
  counts: 'torchvision resnet50 (v1.5, stride on the 3x3): convs without bias + BatchNorm (2 params per channel), downsample 1x1 conv + BN, fc 2048-1000',
  variant: msg(
    "torchvision's resnet50 (v1.5: the stride sits on the 3×3 conv): 224×224×3 input, conv 7×7 S=2 + max pool, stages of 3, 4, 6, 3 bottleneck blocks (1×1 → 3×3 → 1×1 convs; a row lists their filters, e.g. 64-64-256), global average pool, fc 2048 → 1000. Every conv has no bias and is followed by BatchNorm; one row per block.",
    'torchvision 的 resnet50（v1.5：步长放在 3×3 卷积上）：输入 224×224×3，7×7 S=2 卷积 + 最大池化，各阶段分别有 3、4、6、3 个瓶颈块（1×1 → 3×3 → 1×1 三个卷积；每行列出它们的滤波器个数，例如 64-64-256），全局平均池化，全连接 2048 → 1000。每个卷积都没有偏置，后面接 BatchNorm；每个残差块占一行。',
  ),
  notCounted: NOT_COUNTED,
  breakdown: ['layer1.0', 'layer2.1'],
  build: resnet('bottleneck', [3, 4, 6, 3]),
};
