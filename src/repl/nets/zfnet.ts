/**
 * ZF Net (Zeiler & Fergus 2013), as drawn in the paper's Figure 3: AlexNet
 * with a 7×7 stride-2 first layer, on one GPU (dense connections).
 */
import { msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { built, Stack, type Vol } from './layers.js';

export const zfnet: NetDef = {
  id: 'zfnet',
  title: 'ZF Net',
  aliases: ['zf', 'zf-net', 'zeiler-fergus'],
  summary: msg('Zeiler & Fergus 2013: AlexNet, 7×7 S=2 first', 'Zeiler、Fergus 2013：首层 7×7 S=2'),
  counts: 'Zeiler & Fergus 2013 Fig. 3: 224x224x3, conv7/2-96, pool3/2 P=1, conv5/2-256, pool3/2 P=1, conv3-384, conv3-384, conv3-256, pool3/2, fc 9216-4096-4096-1000, dense (one GPU)',
  variant: msg(
    "ZF Net as in the paper's Figure 3: 224×224×3 input, conv 7×7 S=2 ×96 → 110×110, max pool 3×3 S=2 → 55×55, conv 5×5 S=2 ×256 → 26×26, max pool → 13×13, three 3×3 convs (384, 384, 256), max pool → 6×6×256, then 9216 → 4096 → 4096 → 1000. Paddings (P=1 for conv1 and the first two pools) are chosen to reproduce the figure's sizes; every layer is dense (one GPU).",
    'ZF Net，按论文图 3：输入 224×224×3，卷积 7×7 S=2 ×96 → 110×110，3×3 S=2 最大池化 → 55×55，卷积 5×5 S=2 ×256 → 26×26，最大池化 → 13×13，三个 3×3 卷积（384、384、256），最大池化 → 6×6×256，然后 9216 → 4096 → 4096 → 1000。填充（conv1 和前两个池化层 P=1）是为了得到图中的尺寸；所有层都是稠密连接（单 GPU）。',
  ),
  notCounted: msg(
    'ReLU, dropout and the contrast normalization after the first two layers learn nothing and are not listed. Counts for ZF Net vary with the variant; this one is about 62 million.',
    'ReLU、dropout 以及前两层之后的对比度归一化都没有参数，表中没有列出。ZF Net 的参数量随版本不同而不同；这个版本约 6200 万。',
  ),
  build() {
    const input: Vol = { width: 224, height: 224, depth: 3 };
    const s = new Stack(input);
    s.conv('conv1', { F: 7, S: 2, P: 1, K: 96 });
    s.pool('pool1', { F: 3, S: 2, P: 1 });
    s.conv('conv2', { F: 5, S: 2, K: 256 });
    s.pool('pool2', { F: 3, S: 2, P: 1 });
    s.conv('conv3', { F: 3, P: 1, K: 384 });
    s.conv('conv4', { F: 3, P: 1, K: 384 });
    s.conv('conv5', { F: 3, P: 1, K: 256 });
    s.pool('pool5', { F: 3, S: 2 });
    s.fc('fc6', 4096);
    s.fc('fc7', 4096);
    s.fc('fc8', 1000);
    return built(input, s);
  },
};
