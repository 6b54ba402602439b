import { describe, expect, it } from 'vitest';
import { avgPool2d, linear, lpPool2d, maxPool2d, maxPool2dBackward, Tensor } from '../../src/engine/index.js';
import { architectures, netFacts } from '../../src/lessons/cnn/architectures.js';
import { fc } from '../../src/lessons/cnn/fc.js';
import { localResponseNorm, normalization } from '../../src/lessons/cnn/normalization.js';
import { shuffledInts } from '../../src/lessons/cnn/pool-fc-draw.js';
import { pooling } from '../../src/lessons/cnn/pooling.js';
import type { Lesson } from '../../src/lessons/types.js';
import type { Block } from '../../src/view/blocks.js';
import { plainLesson, topicIds } from './helpers.js';

const plain = (l: Lesson, lang: 'en' | 'zh', width = 80, seed = 1) => plainLesson(l, lang, { seed, width });

const mine: Lesson[] = [pooling, normalization, fc, architectures];


function demo(l: Lesson, n: number, seed = 1): Block[] {
  const s = l.steps.filter((x) => x.kind === 'demo')[n];
  return s.kind === 'demo' ? s.run({ lang: 'en', seed }) : [];
}

describe('cnn/pooling, cnn/normalization, cnn/fc, cnn/architectures', () => {
  it('are the last four of the catalog’s cnn ids', () => {
    expect(mine.map((l) => l.id)).toEqual(topicIds('cnn').slice(-4));
  });

  it('pooling and fc have a live formula', () => {
    expect(pooling.steps.some((s) => s.kind === 'formula')).toBe(true);
    expect(fc.steps.some((s) => s.kind === 'formula')).toBe(true);
  });

  it('pooling demo: max/avg/L2 and the gradient routed to the winners are the engine’s', () => {
    for (const seed of [1, 2, 3]) {
      const blocks = demo(pooling, 0, seed);
      const x = new Tensor([1, 4, 4], shuffledInts(16, seed));
      const r = maxPool2d(x, { kernelSize: 2, stride: 2 });
      const input = blocks[0];
      expect(input.kind === 'matrix' && Array.from(input.tensor.data)).toEqual(Array.from(x.data));
      // The winners are highlighted with the 'star' style from maxPool2d's indices.
      const hl = input.kind === 'matrix' ? (input.highlight as { cells: number[][]; style?: string }[]) : [];
      const stars = hl.find((h) => h.style === 'star')!;
      expect(stars.cells).toEqual(Array.from(r.indices, (i) => [Math.floor(i / 4), i % 4]));
      const table = blocks.find((b) => b.kind === 'table');
      const rows = table && table.kind === 'table' ? table.rows : [];
      const avg = avgPool2d(x, { kernelSize: 2, stride: 2 });
      const l2 = lpPool2d(x, { normType: 2, kernelSize: 2, stride: 2 });
      rows.forEach((row, k) => {
        expect(Number(row[4])).toBe(r.output.data[k]);
        expect(Number(row[5])).toBeCloseTo(avg.data[k], 2);
        expect(Number(row[6])).toBeCloseTo(l2.data[k], 2);
      });
      const g = new Tensor([1, 2, 2], [1, 2, 3, 4]);
      const gin = maxPool2dBackward(x, g, { kernelSize: 2, stride: 2 });
      const back = blocks.filter((b) => b.kind === 'matrix')[2];
      expect(back.kind === 'matrix' && Array.from(back.tensor.data)).toEqual(Array.from(gin.data));
      expect(Array.from(gin.data).filter((v) => v !== 0)).toHaveLength(4);
    }
  });

  it('pooling F=3 S=2: one window on 4×4, and the shared centre of a 5×5 collects 1+2+3+4', async () => {
    const blocks = demo(pooling, 1, 4);
    const table = blocks.find((b) => b.kind === 'table');
    expect(table && table.kind === 'table' && table.rows).toHaveLength(1);
    const text = await plain(pooling, 'en', 80, 4);
    expect(text).toContain('1 + 2 + 3 + 4 = 10');
    expect(text).toContain('Never read: row 3 and column 3');
    expect(text).toMatch(/F=3, S=2, called overlapping pooling/);
    expect(text).toContain('VAEs');
    expect(text).toContain('GANs');
  });

  it('pooling teaches ceil_mode with PyTorch’s rule (the extra window must start inside the input or the left padding)', async () => {
    const step = pooling.steps.find((s) => s.key === 'ceil-mode');
    expect(step?.kind).toBe('text');
    const text = (await plain(pooling, 'en')).replace(/\s+/g, ' ');
    expect(text).toContain('ceil_mode=True');
    expect(text).toMatch(/Rounded down: 3, and column 6 is never read\. In ceil_mode: 4/);
    expect(text).toMatch(/would start at column 5, in the right padding .* dropped: 2/s);
    const zh = (await plain(pooling, 'zh')).replace(/\s+/g, '');
    expect(zh).toContain('右侧填充区');
    // The notes' terms: 普通池化 and 重叠池化 (with the notes' 重叠汇聚 as an alias), one word for downsampling.
    expect(zh).toContain('普通池化');
    expect(zh).not.toContain('一般池化');
    expect(zh).not.toContain('降采样');
    expect(zh).not.toMatch(/少了[\d.]+倍/);
  });

  it('normalization: LRN as in AlexNet, and the Transformer pointer', async () => {
    const { out } = localResponseNorm([1, 0, 0, 0, 0]);
    expect(out[0]).toBeCloseTo(1 / (2 + 1e-4) ** 0.75, 9);
    const text = await plain(normalization, 'en');
    expect(text).toContain('transformer/encoder');
    expect(text).toMatch(/very small, if there was any at all/);
    const zh = await plain(normalization, 'zh');
    expect(zh).toContain('极其有限');
    expect(zh).toContain('抑制');
  });

  it('fc: the demo is the engine’s linear, and the conv gives the same numbers', async () => {
    const blocks = demo(fc, 0, 3);
    const m = blocks.filter((b) => b.kind === 'matrix');
    const [, flat, w, b, y] = m.map((x) => (x.kind === 'matrix' ? new Tensor(x.tensor.shape, Array.from(x.tensor.data)) : null)!);
    expect(Array.from(linear(flat, w, b).data)).toEqual(Array.from(y.data));
    const conv = demo(fc, 1, 3);
    const facts = conv.find((x) => x.kind === 'facts');
    expect(Number(facts && facts.kind === 'facts' ? facts.rows[2].value : NaN)).toBeLessThan(1e-5);
    const text = await plain(fc, 'en');
    expect(text).toContain('102,764,544');
    expect(text).toContain('1×1×4096');
  });

  it('architectures: totals come from the REPL tables', async () => {
    expect(netFacts('vgg16').params).toBe(138_357_544);
    expect(netFacts('alexnet').params).toBe(61_100_840);
    expect(netFacts('resnet18').params).toBe(11_689_512);
    const text = await plain(architectures, 'en', 120);
    for (const name of ['LeNet', 'AlexNet', 'ZF Net', 'GoogLeNet', 'VGG', 'ResNet']) expect(text).toContain(name);
    for (const year of ['1998', '2012', '2013', '2014', '2015']) expect(text).toContain(year);
    expect(text).toContain('138,357,544');
    // One number format per view: every share at one decimal (96.0% beside 95.8%), the timeline at 3 significant digits.
    expect(text).toContain('96.0%');
    expect(text).not.toMatch(/(^|\s)\d+%/m);
    expect(text).toMatch(/0\.0617M[\s\S]*61\.1M[\s\S]*6\.62M[\s\S]*138M/);
    // Every count says which variant it is: torchvision's one-GPU AlexNet, the paper's two-GPU model.
    expect(text).toContain('61,100,840');
    expect(text).toContain('60,965,224');
    expect(text).toMatch(/one-GPU/);
    expect(text).toMatch(/about\s+60\s+million/);
    // BatchNorm is Ioffe and Szegedy's; ResNet used it.
    expect(text).toContain('Ioffe and Szegedy, 2015');
    expect(text).not.toMatch(/ResNet-50 .*BatchNorm/);
    expect(await plain(architectures, 'zh', 120)).toContain('Ioffe 和 Szegedy');
    const tryStep = architectures.steps.find((s) => s.kind === 'try');
    expect(tryStep && tryStep.kind === 'try' && tryStep.command).toBe('net vgg16');
  });
});
