/** VGG16 (configuration D) as torchvision builds it, without BatchNorm: 138,357,544 parameters. */
import { msg } from '../../i18n/index.js';
import type { NetDef } from './def.js';
import { adaptiveAvgPool, built, Stack, type Vol } from './layers.js';

/** Filters per conv, "M" a 2×2 max pool: configuration D of the paper. */
const CONFIG_D: readonly (number | 'M')[] = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'];

export const vgg16: NetDef = {
  id: 'vgg16',
  title: 'VGG16',
  aliases: ['vgg', 'vgg-16', 'vgg_16'],
  summary: msg('Simonyan & Zisserman 2014: 13 conv 3×3 + 3 fc', 'Simonyan、Zisserman 2014：13 个 3×3 卷积层 + 3 个全连接层'),
  counts: 'torchvision vgg16, no BN',
  variant: msg(
    "torchvision's vgg16 (configuration D, no BatchNorm): 224×224×3 input, 3×3 convs with P=1 (size kept), 2×2 max pools S=2 (size halved), then 25088 → 4096 → 4096 → 1000.",
    'torchvision 的 vgg16（配置 D，不带 BatchNorm）：输入 224×224×3，3×3 卷积 P=1（尺寸不变），2×2 最大池化 S=2（尺寸减半），然后是 25088 → 4096 → 4096 → 1000。',
  ),
  notCounted: msg(
    'ReLU and dropout are not listed (no parameters). Most parameters sit in fc6: 7·7·512·4096 + 4096 = 102,764,544 of the 138 million.',
    '表中没有列出 ReLU 和 dropout（没有参数）。大部分参数在 fc6：1.38 亿个参数中有 7·7·512·4096 + 4096 = 102,764,544 个。',
  ),
  build() {
    const input: Vol = { width: 224, height: 224, depth: 3 };
    const s = new Stack(input);
    let stage = 1;
    let i = 1;
    for (const c of CONFIG_D) {
      if (c === 'M') {
        s.pool(`pool${stage}`, { F: 2, S: 2 });
        stage++;
        i = 1;
      } else s.conv(`conv${stage}_${i++}`, { F: 3, P: 1, K: c });
    }
    s.add(adaptiveAvgPool(s.shape, 'avgpool', 7));
    s.fc('fc6', 4096);
    s.fc('fc7', 4096);
    s.fc('fc8', 1000);
    return built(input, s);
  },
};
