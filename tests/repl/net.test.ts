import fc from 'fast-check';
import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/i18n/index.js';
import { net, NET_NAMES } from '../../src/repl/commands/net.js';
import { UserError, type CommandResult, type ReplContext, type Value } from '../../src/repl/context.js';
import { NETS, findNet } from '../../src/repl/nets/index.js';
import { parseLine } from '../../src/repl/parser.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

function makeCtx(lang: Lang = 'en', vars: [string, number][] = []): ReplContext {
  return {
    lang,
    vars: new Map<string, Value>(vars.map(([k, v]) => [k, { kind: 'number', value: v }])),
    width: 80,
    math: async () => {
      throw new Error('no math in these tests');
    },
  };
}

async function run(line: string, ctx = makeCtx()): Promise<CommandResult> {
  const p = parseLine(line, [net.spec]);
  if (p.kind !== 'command') throw new Error(`did not parse: ${JSON.stringify(p)}`);
  return net.run(p.args, ctx, line);
}

/** The UserError a line raises (parse failures come back as UserErrors too, with their column). */
async function userError(line: string, ctx = makeCtx()): Promise<UserError> {
  const p = parseLine(line, [net.spec]);
  if (p.kind === 'error') return new UserError(p.error, p.column, p.length);
  if (p.kind !== 'command') throw new Error(`not a command: ${line}`);
  try {
    await net.run(p.args, ctx, line);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`expected an error for: ${line}`);
}

function lines(r: CommandResult, lang: Lang): string[] {
  return renderBlocks(r.blocks(), { lang, width: 80, theme: makeTheme(0) });
}

type LayerJson = { name: string; type: string; output: Record<string, unknown>; params: number; total?: number; parts?: LayerJson[] };

const IMAGENET: [string, number][] = [
  ['alexnet', 61_100_840],
  ['vgg16', 138_357_544],
  ['resnet18', 11_689_512],
  ['resnet50', 25_557_032],
  ['googlenet', 6_624_904],
  ['zfnet', 62_357_608],
];

describe('net NAME: totals match the published counts', () => {
  it.each(IMAGENET)('%s has %i parameters and ends in 1×1×1000', async (name, total) => {
    const r = await run(`net ${name}`);
    expect(r.ok).toBe(true);
    expect(r.json().command).toBe('net');
    expect(r.json().name).toBe(name);
    expect(r.json().params).toBe(total);
    expect(r.json().input).toEqual({ width: 224, height: 224, depth: 3 });
    expect(r.json().output).toEqual({ width: 1, height: 1, depth: 1000 });
    const layers = r.json().layers as LayerJson[];
    expect(layers.reduce((a, l) => a + l.params, 0)).toBe(total);
    expect(layers[layers.length - 1].output).toEqual({ width: 1, height: 1, depth: 1000 });
    expect(typeof r.json().counts).toBe('string');
    // Groups add up to their parts.
    const check = (l: LayerJson): void => {
      if (!l.parts) return;
      expect(l.parts.reduce((a, p) => a + p.params, 0)).toBe(l.params);
      l.parts.forEach(check);
    };
    layers.forEach(check);
  });

  it('AlexNet: 61,100,840 with torchvision shapes', async () => {
    const r = await run('net alexnet');
    const layers = r.json().layers as LayerJson[];
    const by = (n: string) => layers.find((l) => l.name === n)!;
    expect(r.json().params).toBe(61_100_840);
    expect(by('conv1').output).toEqual({ width: 55, height: 55, depth: 64 });
    expect(by('conv1').params).toBe(23_296);
    expect(by('pool5').output).toEqual({ width: 6, height: 6, depth: 256 });
    expect(by('fc6').params).toBe(9216 * 4096 + 4096);
  });

  it('VGG16: 138,357,544 (torchvision vgg16, no BN)', async () => {
    const r = await run('net vgg16');
    expect(r.json().params).toBe(138_357_544);
    expect(r.json().counts).toBe('torchvision vgg16, no BN');
    const layers = r.json().layers as LayerJson[];
    expect(layers[0]).toMatchObject({ name: 'conv1_1', type: 'conv', output: { width: 224, height: 224, depth: 64 }, params: 1792 });
    expect(layers.filter((l) => l.type === 'conv')).toHaveLength(13);
    expect(layers.filter((l) => l.type === 'fc')).toHaveLength(3);
  });

  it('ResNet-18: 11,689,512, one row per basic block', async () => {
    const r = await run('net resnet18');
    expect(r.json().params).toBe(11_689_512);
    const layers = r.json().layers as LayerJson[];
    expect(layers.filter((l) => l.type === 'block')).toHaveLength(8);
    const l20 = layers.find((l) => l.name === 'layer2.0')!;
    expect(l20.output).toEqual({ width: 28, height: 28, depth: 128 });
    // conv 3×3 64→128 + BN + conv 3×3 128→128 + BN + downsample 1×1 64→128 + BN
    expect(l20.params).toBe(73_728 + 256 + 147_456 + 256 + 8_192 + 256);
  });

  it('ResNet-50: 25,557,032, 16 bottleneck blocks', async () => {
    const r = await run('net resnet50');
    expect(r.json().params).toBe(25_557_032);
    const layers = r.json().layers as LayerJson[];
    expect(layers.filter((l) => l.type === 'block')).toHaveLength(16);
    expect(layers.find((l) => l.name === 'layer4.2')!.output).toEqual({ width: 7, height: 7, depth: 2048 });
  });

  it('GoogLeNet: 6,624,904, one row per inception module', async () => {
    const r = await run('net googlenet');
    expect(r.json().params).toBe(6_624_904);
    const layers = r.json().layers as LayerJson[];
    expect(layers.filter((l) => l.type === 'inception')).toHaveLength(9);
    expect(layers.find((l) => l.name === 'inception3a')!.output).toEqual({ width: 28, height: 28, depth: 256 });
    expect(layers.find((l) => l.name === 'inception5b')!.output).toEqual({ width: 7, height: 7, depth: 1024 });
  });

  it('LeNet-5: the modern variant, 61,706 parameters, 32×32×1 → 1×1×10', async () => {
    const r = await run('net lenet5');
    expect(r.json().params).toBe(61_706);
    expect(r.json().input).toEqual({ width: 32, height: 32, depth: 1 });
    expect(r.json().output).toEqual({ width: 1, height: 1, depth: 10 });
    expect(String(r.json().counts)).toMatch(/modern/);
  });

  it('ZF Net: the paper-figure variant, 62,357,608 parameters', async () => {
    const r = await run('net zfnet');
    expect(r.json().params).toBe(62_357_608);
    const layers = r.json().layers as LayerJson[];
    expect(layers.find((l) => l.name === 'conv1')!.output).toEqual({ width: 110, height: 110, depth: 96 });
    expect(layers.find((l) => l.name === 'pool2')!.output).toEqual({ width: 13, height: 13, depth: 256 });
  });

  it('Transformer base: 63,082,496 counted, and the paper’s 65M is a discrepancy explained by what is counted, not a rounding', async () => {
    const r = await run('net transformer-base');
    expect(r.json().params).toBe(63_082_496);
    expect(r.json().output).toEqual({ tokens: 'm', features: 37000 });
    const layers = r.json().layers as LayerJson[];
    expect(layers.find((l) => l.name === 'encoder.0')!.params).toBe(3_152_384);
    expect(layers.find((l) => l.name === 'decoder.5')!.params).toBe(4_204_032);
    expect(layers.find((l) => l.name === 'embedding')!.params).toBe(37000 * 512);
    const en = lines(r, 'en').join('\n');
    expect(en).toMatch(/65M/);
    expect(en).not.toMatch(/paper rounds/);
    // The breakdown the text quotes is the table's own: embedding + layers = total.
    expect(en).toContain('18,944,000');
    expect(en).toContain('44,138,496');
    expect(18_944_000 + 44_138_496).toBe(r.json().params);
    expect(lines(r, 'zh').join('\n')).toMatch(/6500 万/);
  });

  it('accepts aliases in any case and with dashes', async () => {
    for (const [alias, id] of [
      ['lenet', 'lenet5'],
      ['LeNet-5', 'lenet5'],
      ['vgg', 'vgg16'],
      ['VGG-16', 'vgg16'],
      ['resnet-18', 'resnet18'],
      ['ResNet_50', 'resnet50'],
      ['inception-v1', 'googlenet'],
      ['transformer', 'transformer-base'],
      ['zf', 'zfnet'],
    ]) {
      expect(findNet(alias)?.id, alias).toBe(id);
      expect((await run(`net ${alias}`)).json().name).toBe(id);
    }
    expect((await run('arch vgg16')).json().params).toBe(138_357_544);
  });

  it('exports every accepted name, canonical names first', () => {
    expect(NET_NAMES.slice(0, NETS.length)).toEqual(['lenet5', 'alexnet', 'zfnet', 'vgg16', 'googlenet', 'resnet18', 'resnet50', 'transformer-base']);
    for (const n of NET_NAMES) expect(findNet(n), n).toBeDefined();
  });

  it('an unknown name suggests the closest, pointing at the word', async () => {
    const e = await userError('net resnt18');
    expect(e.column).toBe(4);
    expect(e.length).toBe(7);
    expect(e.text.en).toMatch(/Unknown network "resnt18"\. Did you mean resnet18/);
    expect(e.text.zh).toMatch(/未知网络“resnt18”/);
    // "alexnet" contains an x but is a name, not a volume of variables.
    expect((await run('net alexnet')).json().name).toBe('alexnet');
    expect((await userError('net resnext')).text.en).toMatch(/Did you mean/);
  });

  it('net alone lists the networks with their totals', async () => {
    const r = await run('net');
    const list = r.json().networks as { name: string; params: number }[];
    expect(list.map((n) => n.name)).toEqual(NETS.map((n) => n.id));
    expect(list.find((n) => n.name === 'vgg16')!.params).toBe(138_357_544);
  });
});

describe('net views fit 80 columns', () => {
  const names = [...NETS.map((n) => n.id)];
  it.each(names)('%s renders within 80 columns in English and Chinese, with no truncated cell', async (name) => {
    for (const lang of ['en', 'zh'] as const) {
      const r = await run(`net ${name}`, makeCtx(lang));
      const out = lines(r, lang);
      for (const l of out) expect(stringWidth(l), `${lang}: ${l}`).toBeLessThanOrEqual(80);
      // Table rows (indented two spaces) are never cut short with "…".
      const table = r.blocks().find((b) => b.kind === 'table');
      expect(table).toBeDefined();
      const rendered = renderBlocks([table!], { lang, width: 80, theme: makeTheme(0) });
      for (const l of rendered) expect(l, `${lang}: ${l}`).not.toContain('…');
    }
  });

  it('the list and a chain render within 80 columns', async () => {
    for (const lang of ['en', 'zh'] as const) {
      for (const line of ['net', 'net 32x32x3 | conv F=5 P=2 K=16 | relu | pool F=2 S=2 | fc 10', 'net 224x224x3 | conv F=11 S=4 P=2 K=64 | bn | relu | pool F=3 S=2 | flatten | dropout | fc 4096 | softmax']) {
        const r = await run(line, makeCtx(lang));
        for (const l of lines(r, lang)) expect(stringWidth(l), `${lang}: ${l}`).toBeLessThanOrEqual(80);
      }
    }
  });
});

describe('net CHAIN', () => {
  it('works the notes example layer by layer with a running total', async () => {
    const r = await run('net 32x32x3 | conv F=5 P=2 K=16 | relu | pool F=2 S=2 | fc 10');
    expect(r.json()).toMatchObject({ command: 'net', ok: true, name: 'custom', input: { width: 32, height: 32, depth: 3 }, output: { width: 1, height: 1, depth: 10 } });
    const layers = r.json().layers as (LayerJson & { receptiveField: unknown })[];
    expect(layers.map((l) => l.type)).toEqual(['conv', 'relu', 'pool', 'fc']);
    expect(layers.map((l) => l.output)).toEqual([
      { width: 32, height: 32, depth: 16 },
      { width: 32, height: 32, depth: 16 },
      { width: 16, height: 16, depth: 16 },
      { width: 1, height: 1, depth: 10 },
    ]);
    expect(layers.map((l) => l.params)).toEqual([16 * (5 * 5 * 3 + 1), 0, 0, 16 * 16 * 16 * 10 + 10]);
    expect(layers.map((l) => l.total)).toEqual([1216, 1216, 1216, 42_186]);
    expect(r.json().params).toBe(42_186);
    expect(layers[2].receptiveField).toEqual({ width: 6, height: 6 });
    expect(r.json().receptiveField).toBe('all');
    const text = lines(r, 'en').join('\n');
    expect(text).toMatch(/42,186/);
    expect(text).toMatch(/pool1, sees 6×6/);
  });

  it('reports the receptive field of the last layer from the engine rule', async () => {
    const r = await run('net 7x7x1 | conv F=3 S=2 K=2 | pool F=3 S=2 | relu');
    expect(r.json().receptiveField).toEqual({ width: 7, height: 7, jump: { width: 4, height: 4 } });
    expect(r.json().output).toEqual({ width: 1, height: 1, depth: 2 });
  });

  it('counts bn as 2·D and flatten as 1×1×(W·H·D); avgpool reads as pool avg', async () => {
    const r = await run('net 28x28x1 | conv F=3 K=8 | batchnorm | relu | avgpool F=2 | flatten | fc 10');
    const layers = r.json().layers as (LayerJson & { hyper?: Record<string, unknown> })[];
    expect(layers[1]).toMatchObject({ type: 'bn', params: 16 });
    expect(layers[3].hyper).toMatchObject({ pool: 'avg', F: 2, S: 2 });
    expect(layers[4].output).toEqual({ width: 1, height: 1, depth: 13 * 13 * 8 });
    expect(layers[5].params).toBe(13 * 13 * 8 * 10 + 10);
  });

  it('resolves variables in the volume and the options', async () => {
    const r = await run('net Wx32x3 | conv F=F1 P=1 K=K1 | fc N', makeCtx('en', [['W', 32], ['F1', 3], ['K1', 4], ['N', 5]]));
    expect(r.json().input).toEqual({ width: 32, height: 32, depth: 3 });
    expect((r.json().layers as LayerJson[])[0].params).toBe(4 * (3 * 3 * 3 + 1));
    expect(r.json().output).toEqual({ width: 1, height: 1, depth: 5 });
    const e = await userError('net 32x32x3 | conv F=Q K=2');
    expect(e.column).toBe(19);
    expect(e.text.en).toMatch(/Q is not defined/);
  });

  it('a layer that does not fit names the segment, with the engine reason in both languages', async () => {
    const line = 'net 32x32x3 | conv F=5 K=16 | pool F=2 S=2 | pool F=20';
    const e = await userError(line);
    expect(e.column).toBe(line.indexOf('pool F=20'));
    expect(e.length).toBe('pool F=20'.length);
    expect(e.text.en).toMatch(/^Layer 3 \(pool F=20\) does not fit its 14×14×16 input: /);
    expect(e.text.zh).toMatch(/^第 3 层（pool F=20）与它的输入 14×14×16 不匹配：/);
    const e2 = await userError('net 32x32x3 | fc 10 | conv F=3');
    expect(e2.text.en).toMatch(/Layer 2 \(conv F=3\) does not fit its 1×1×10 input/);
  });

  it('parse errors point at the right column of the whole line', async () => {
    const cases: [string, string][] = [
      ['net 32x32x3 | conv F=5 Q=2', 'Q'],
      ['net 32x32x3 | comv F=5', 'comv'],
      ['net 32x32x3 | relu 3', '3'],
      ['net 32x32x3 | pool F=2 max avg', 'avg'],
      ['net 32x32x3 conv F=5', 'conv'],
      ['net vgg16 | relu', 'vgg16'],
      ['net abc+1 | relu', 'abc+1'],
    ];
    for (const [line, at] of cases) {
      const e = await userError(line);
      expect(e.column, line).toBe(line.lastIndexOf(at));
      expect(e.text.zh.length, line).toBeGreaterThan(0);
    }
    expect((await userError('net 32x32x3 | comv F=5')).text.en).toMatch(/Did you mean conv/);
    // A missing fc size points at the end of its own segment, not the line's.
    const line = 'net 32x32x3 | fc | relu';
    expect((await userError(line)).column).toBe(line.indexOf('fc') + 2);
    // Empty segments point at their "|".
    expect((await userError('net 32x32x3 | relu |')).column).toBe('net 32x32x3 | relu '.length);
    expect((await userError('net 32x32x3 || relu')).column).toBe('net 32x32x3 '.length);
    // conv without F names its segment.
    const noF = 'net 8x8x1 | conv K=2';
    const e = await userError(noF);
    expect(e.column).toBe(noF.indexOf('conv'));
    expect(e.text.en).toMatch(/F=3/);
  });

  it('a volume alone asks for layers', async () => {
    const e = await userError('net 32x32x3');
    expect(e.text.en).toMatch(/Add layers/);
  });

  it('matches K·(F·F·D + 1) and the notes formula on random conv/pool chains', async () => {
    const layer = fc.oneof(
      fc.record({ kind: fc.constant('conv' as const), F: fc.integer({ min: 1, max: 5 }), S: fc.integer({ min: 1, max: 2 }), P: fc.integer({ min: 0, max: 2 }), K: fc.integer({ min: 1, max: 8 }) }),
      fc.record({ kind: fc.constant('pool' as const), F: fc.integer({ min: 1, max: 3 }), S: fc.integer({ min: 1, max: 3 }) }),
      fc.constant({ kind: 'relu' as const }),
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 1, max: 4 }), fc.array(layer, { minLength: 1, maxLength: 5 }), async (size, depth, chain) => {
        let w = size;
        let d = depth;
        let params = 0;
        for (const l of chain) {
          if (l.kind === 'conv') {
            if (w + 2 * l.P < l.F) return; // would not fit: covered by the error tests
            params += l.K * (l.F * l.F * d + 1);
            w = Math.floor((w - l.F + 2 * l.P) / l.S) + 1;
            d = l.K;
          } else if (l.kind === 'pool') {
            if (w < l.F) return;
            w = Math.floor((w - l.F) / l.S) + 1;
          }
        }
        const segs = chain.map((l) => (l.kind === 'conv' ? `conv F=${l.F} S=${l.S} P=${l.P} K=${l.K}` : l.kind === 'pool' ? `pool F=${l.F} S=${l.S}` : 'relu'));
        const r = await run(`net ${size}x${size}x${depth} | ${segs.join(' | ')}`);
        expect(r.json().params).toBe(params);
        expect(r.json().output).toEqual({ width: w, height: w, depth: d });
      }),
      { numRuns: 150 },
    );
  });
});

describe('net chains of fully connected layers', () => {
  it('net 784 | fc 100 | relu | fc 10 starts from 784 inputs (a 1×1×784 volume): 79,510 parameters', async () => {
    const { createSession } = await import('../../src/repl/session.js');
    const s = createSession({ lang: 'en' });
    const r = await s.exec('net 784 | fc 100 | relu | fc 10');
    expect(r.ok).toBe(true);
    expect(r.json()).toMatchObject({ params: 784 * 100 + 100 + 100 * 10 + 10, output: { width: 1, height: 1, depth: 10 } });
    s.close();
  });
});
