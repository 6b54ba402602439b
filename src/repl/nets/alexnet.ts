/** AlexNet as torchvision builds it (the one-GPU variant), 61,100,840 parameters. */
import { msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { ALEXNET_PAPER_PARAMS } from './paper-counts.js';
import { adaptiveAvgPool, built, Stack, type Vol } from './layers.js';
import { fmtInt } from '../../i18n/numbers.js';

export const alexnet: NetDef = {
  id: 'alexnet',
  title: 'AlexNet',
  aliases: ['alex'],
  summary: msg('Krizhevsky 2012, torchvision’s one-GPU variant', 'Krizhevsky 2012，torchvision 的单 GPU 版本'),
  counts: 'torchvision alexnet: 224x224x3, 64/192/384/256/256 filters, adaptive avg pool 6x6, fc 9216-4096-4096-1000',
  variant: msg(
    "torchvision's AlexNet (the one-GPU version from Krizhevsky's 2014 “one weird trick” paper): 224×224×3 input, 64/192/384/256/256 filters, overlapping max pools F=3 S=2, adaptive average pool to 6×6, then 9216 → 4096 → 4096 → 1000 with dropout.",
    'torchvision 版 AlexNet（出自 Krizhevsky 2014 年 “one weird trick” 论文的单 GPU 版本）：输入 224×224×3，滤波器个数 64/192/384/256/256，重叠最大池化 F=3 S=2，自适应平均池化到 6×6，然后是带 dropout 的 9216 → 4096 → 4096 → 1000。',
  ),
  notCounted: msg(
    `ReLU and dropout are not listed: they keep the shape and learn nothing. The 2012 paper's two-GPU model (227×227×3 input — the paper writes 224, but 227 gives its 55×55 — 96/256/384/384/256 filters, conv2, conv4 and conv5 split between the GPUs) has about 60 million parameters, as the paper says: ${fmtInt(ALEXNET_PAPER_PARAMS)} counted from its layer sizes.`,
    `表中没有列出 ReLU 和 dropout：它们不改变形状，也没有参数。2012 年论文中的双 GPU 模型（输入 227×227×3——论文写的是 224，但 227 才能得到 55×55；滤波器 96/256/384/384/256，conv2、conv4、conv5 分在两块 GPU 上）约有 6000 万个参数，这是论文给出的数字；按论文中的各层尺寸算是 ${fmtInt(ALEXNET_PAPER_PARAMS)} 个。`,
  ),
  build() {
    const input: Vol = { width: 224, height: 224, depth: 3 };
    const s = new Stack(input);
    s.conv('conv1', { F: 11, S: 4, P: 2, K: 64 });
    s.pool('pool1', { F: 3, S: 2 });
    s.conv('conv2', { F: 5, P: 2, K: 192 });
    s.pool('pool2', { F: 3, S: 2 });
    s.conv('conv3', { F: 3, P: 1, K: 384 });
    s.conv('conv4', { F: 3, P: 1, K: 256 });
    s.conv('conv5', { F: 3, P: 1, K: 256 });
    s.pool('pool5', { F: 3, S: 2 });
    s.add(adaptiveAvgPool(s.shape, 'avgpool', 6));
    s.fc('fc6', 4096);
    s.fc('fc7', 4096);
    s.fc('fc8', 1000);
    return built(input, s);
  },
};
