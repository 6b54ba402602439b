/**
 * LeNet-5 in its modern form: conv-pool-conv-pool-fc120-fc84-fc10 on a
 * 32×32×1 image, 61,706 parameters.
 */
import { msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { built, Stack, type Vol } from './layers.js';

export const lenet5: NetDef = {
  id: 'lenet5',
  title: 'LeNet-5',
  aliases: ['lenet', 'lenet-5'],
  summary: msg('LeCun 1998: digits, 2 conv + 3 fc', 'LeCun 1998：手写数字，2 个卷积层 + 3 个全连接层'),
  counts: 'modern LeNet-5: 32x32x1, conv5-6, maxpool2, conv5-16, maxpool2, fc 120-84-10',
  variant: msg(
    'The modern LeNet-5 (as in most courses): 32×32×1 input, conv 5×5×6, max pool 2×2, conv 5×5×16 with every map connected, max pool 2×2, fully connected 120 → 84 → 10.',
    '现代版 LeNet-5（多数课程使用的版本）：输入 32×32×1，卷积 5×5×6，2×2 最大池化，卷积 5×5×16（与所有特征图全连接），2×2 最大池化，全连接 120 → 84 → 10。',
  ),
  notCounted: msg(
    "Activations and pooling have no parameters. The 1998 original differs: its subsampling layers learn 2 numbers per map, C3 connects each map to only some of S2's maps, and the output is an RBF layer — about 60,000 trainable parameters in the paper.",
    '激活函数和池化层没有参数。1998 年的原版有所不同：下采样层每张特征图学习 2 个数，C3 的每张特征图只连接 S2 的部分特征图，输出层是 RBF 层——论文中约有 60,000 个可训练参数。',
  ),
  build() {
    const input: Vol = { width: 32, height: 32, depth: 1 };
    const s = new Stack(input);
    s.conv('c1', { F: 5, K: 6 });
    s.pool('s2', { F: 2, S: 2 });
    s.conv('c3', { F: 5, K: 16 });
    s.pool('s4', { F: 2, S: 2 });
    s.fc('f5', 120);
    s.fc('f6', 84);
    s.fc('output', 10);
    return built(input, s);
  },
};
