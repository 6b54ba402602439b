import stringWidth from 'string-width';
import { afterAll, describe, expect, it } from 'vitest';
import { createSession } from '../../src/repl/session.js';
import { renderBlocks } from '../../src/view/render-text.js';
import { makeTheme } from '../../src/view/style.js';

const session = createSession({ lang: 'en' });
afterAll(() => session.close());
const run = (line: string) => session.exec(line);

describe('conv', () => {
  it('conv 32x32x3 F=5 S=1 P=2 K=16 → 32×32×16 with 1,216 parameters', async () => {
    const r = await run('conv 32x32x3 F=5 S=1 P=2 K=16');
    expect(r.ok).toBe(true);
    expect(r.json()).toMatchObject({
      command: 'conv',
      ok: true,
      input: { width: 32, height: 32, depth: 3 },
      output: { width: 32, height: 32, depth: 16 },
      params: 1216,
      weightsPerFilter: 75,
      biasPerFilter: 1,
      receptiveField: { width: 5, height: 5, depth: 3 },
      fullyConnectedParams: 3072 * 16384 + 16384,
      pytorch: { input: [3, 32, 32], output: [16, 32, 32], weight: [16, 3, 5, 5] },
    });
    const text = renderBlocks(r.blocks(), { lang: 'en', width: 80, theme: makeTheme(0) }).join('\n');
    expect(text).toContain('(32 − 5 + 2·2)/1 + 1');
    expect(text).toContain('1,216');
  });

  it('conv without K says the depth is the number of filters and uses K=1', async () => {
    const r = await run('conv 32x32x3 F=5 S=1 P=2');
    expect(r.json()).toMatchObject({ output: { depth: 1 }, params: 76 });
    const text = renderBlocks(r.blocks(), { lang: 'en', width: 80, theme: makeTheme(0) }).join('\n');
    expect(text).toMatch(/No K given: the output depth is the number of filters/);
  });

  it('conv 7x7x1 F=2 S=2 floors 3.5 to 3 and names the row never visited', async () => {
    const r = await run('conv 7x7x1 F=2 S=2');
    expect(r.json()).toMatchObject({ output: { width: 3, height: 3 }, exact: { width: 3.5 }, unvisited: { rows: [6], columns: [6] } });
    expect((r.json().warnings as string[]).join(' ')).toMatch(/PyTorch rounds down to 3/);
  });

  it('conv 227x227x3 F=11 S=4 K=96 (AlexNet) → 55×55×96', async () => {
    const r = await run('conv 227x227x3 F=11 S=4 K=96');
    expect(r.json()).toMatchObject({ output: { width: 55, height: 55, depth: 96 }, params: 34944 });
  });

  it('non-square volumes keep W×H×D order: conv 64x32x3 F=3 → 62×30×1, PyTorch [1, 30, 62]', async () => {
    const r = await run('conv 64x32x3 F=3');
    expect(r.json()).toMatchObject({ input: { width: 64, height: 32, depth: 3 }, output: { width: 62, height: 30, depth: 1 }, pytorch: { output: [1, 30, 62] } });
  });

  it('dilation follows PyTorch: conv 9x9x1 F=3 dilation=2 → 5×5', async () => {
    const r = await run('conv 9x9x1 F=3 dilation=2');
    expect(r.json()).toMatchObject({ output: { width: 5, height: 5 } });
  });

  it('an impossible conv is a clear error: conv 4x4x1 F=5', async () => {
    const r = await run('conv 4x4x1 F=5');
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(/larger than the padded input/);
  });

  it.each([
    ['conv 32x32x3 F=0', /at least 1/],
    ['conv 32x32x3 F=2.5', /whole number/],
    ['conv 32x32x3 F=3 S=-1', /at least 1/],
    ['conv 0x32x3 F=3', /at least 1/],
    ['conv Wx227x3 F=11', /W is not defined/],
  ])('%s → %s', async (line, re) => {
    const r = await run(line);
    expect(r.ok).toBe(false);
    expect(r.json().error).toMatch(re);
  });

  it('conv 100000x100000x3 F=3 is answered from the shape rule alone', async () => {
    const r = await run('conv 100000x100000x3 F=3');
    expect(r.json()).toMatchObject({ ok: true, output: { width: 99998, height: 99998, depth: 1 } });
  });
});

describe('pool', () => {
  it('pool 32x32x16 F=2 S=2 → 16×16×16, zero parameters', async () => {
    const r = await run('pool 32x32x16 F=2 S=2');
    expect(r.json()).toMatchObject({ command: 'pool', ok: true, pool: 'max', output: { width: 16, height: 16, depth: 16 }, params: 0, overlapping: false });
  });

  it('pool 55x55x96 F=3 S=2 is overlapping pooling → 27×27×96', async () => {
    const r = await run('pool 55x55x96 F=3 S=2');
    expect(r.json()).toMatchObject({ output: { width: 27, height: 27, depth: 96 }, overlapping: true });
    const text = renderBlocks(r.blocks(), { lang: 'en', width: 80, theme: makeTheme(0) }).join('\n');
    expect(text).toMatch(/overlapping pooling/);
  });

  it('ceil mode as PyTorch: pool 8x8x1 F=3 S=2 ceil → 4×4; pool 5x5x1 F=2 S=2 P=1 ceil → 3×3 (last window dropped)', async () => {
    expect((await run('pool 8x8x1 F=3 S=2 ceil')).json()).toMatchObject({ output: { width: 4, height: 4 } });
    expect((await run('pool 5x5x1 F=2 S=2 P=1 ceil')).json()).toMatchObject({ output: { width: 3, height: 3 } });
  });

  it('pad more than F/2 is refused: pool 5x5x1 F=2 S=2 P=2', async () => {
    const r = await run('pool 5x5x1 F=2 S=2 P=2');
    expect(r.ok).toBe(false);
  });

  it('avg and l2 flags', async () => {
    expect((await run('pool 4x4x1 F=2 avg')).json()).toMatchObject({ pool: 'avg', output: { width: 2 } });
    expect((await run('pool 4x4x1 F=2 l2')).json()).toMatchObject({ pool: 'l2' });
  });
});

describe('fc and activations', () => {
  it('fc 4096 -> 1000 has 4,097,000 parameters', async () => {
    expect((await run('fc 4096 -> 1000')).json()).toMatchObject({ params: 4097000, weights: 4096000, biases: 1000 });
  });

  it('fc 7x7x512 -> 4096 flattens the volume (VGG16 fc6)', async () => {
    expect((await run('fc 7x7x512 -> 4096')).json()).toMatchObject({ params: 102764544 });
  });

  it('softmax [2, 1, 0.1] sums to 1 and shows the exponentials', async () => {
    const r = await run('softmax [2, 1, 0.1]');
    const out = (r.json().output as { data: number[] }).data;
    expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
    expect(out[0]).toBeCloseTo(Math.exp(2) / (Math.exp(2) + Math.exp(1) + Math.exp(0.1)), 6);
    expect(r.json().sum).toBeCloseTo(1 + Math.exp(-1) + Math.exp(-1.9), 6);
  });

  it('relu -3 → 0; sigmoid 0 → 0.5; tanh [0] → 0', async () => {
    expect((await run('relu -3')).json()).toMatchObject({ output: { data: [0] } });
    expect((await run('sigmoid 0')).json()).toMatchObject({ output: { data: [0.5] } });
    expect((await run('tanh [0]')).json()).toMatchObject({ output: { data: [0] } });
  });
});

describe('session', () => {
  it('let W = 227 then conv Wx227x3 F=11 S=4 without mathjs', async () => {
    const s = createSession({ lang: 'en' });
    let mathLoaded = false;
    const original = s.ctx.math;
    s.ctx.math = () => {
      mathLoaded = true;
      return original();
    };
    expect((await s.exec('let W = 227')).ok).toBe(true);
    expect((await s.exec('conv Wx227x3 F=11 S=4 K=96')).json()).toMatchObject({ output: { width: 55, height: 55, depth: 96 } });
    expect(mathLoaded).toBe(false);
    s.close();
  });

  it('help and help conv', async () => {
    expect((await run('help')).json().commands).toContain('conv');
    expect((await run('help conv')).json()).toMatchObject({ topic: 'conv' });
    expect((await run('help comv')).json().error).toMatch(/Did you mean conv/);
  });

  it('in Chinese every line fits 80 columns', async () => {
    const zh = createSession({ lang: 'zh' });
    for (const line of ['conv 32x32x3 F=5 S=1 P=2 K=16', 'conv 7x7x1 F=2 S=2', 'pool 8x8x1 F=3 S=2 ceil', 'conv 4x4x1 F=5', 'help', 'help pool', 'fc 4096 -> 1000']) {
      const r = await zh.exec(line);
      const lines = renderBlocks(r.blocks(), { lang: 'zh', width: 80, theme: makeTheme(0) });
      for (const l of lines) expect(stringWidth(l), l).toBeLessThanOrEqual(80);
      expect(lines.join('')).toMatch(/[\u4e00-\u9fff]/);
    }
    zh.close();
  });
});
