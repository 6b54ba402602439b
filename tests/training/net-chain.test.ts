import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AvgPool2d, Conv2d, Dropout, Flatten, Linear, MaxPool2d, Tensor } from '../../src/engine/index.js';
import { lenetChain, digitsMlpChain } from '../../src/training/runs/digits.js';
import { buildChain, MAX_NET_PARAMETERS } from '../../src/training/runs/net-chain.js';
import { pointsChain } from '../../src/training/runs/points.js';

const points = { kind: 'points' } as const;
const digits = { kind: 'digits' } as const;

function refused(line: string, data: typeof points | typeof digits = points, classes = 2): string {
  const r = buildChain(line, data, classes, 1);
  if (r.ok) throw new Error(`expected ${line} to be refused`);
  expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
  return r.error.en;
}

describe('--net chains', () => {
  it('maps a points chain, with or without the word net, to Linear and activations', () => {
    for (const line of ['2 | fc 8 | tanh | fc 8 | tanh | fc 2', 'net 2 | fc 8 | tanh | fc 8 | tanh | fc 2']) {
      const r = buildChain(line, points, 2, 1);
      expect(r.ok).toBe(true);
      if (!r.ok) continue;
      expect(r.net.model.layers.map((m) => m.describe())).toEqual(['Linear(2 → 8)', 'Tanh', 'Linear(8 → 8)', 'Tanh', 'Linear(8 → 2)']);
      expect(r.net.text).toBe('2 → fc 8 → tanh → fc 8 → tanh → fc 2');
      expect(r.net.parameters).toBe(24 + 72 + 18);
      expect(r.net.input).toEqual({ kind: 'flat', features: 2 });
      expect(r.net.model.forward(new Tensor([3, 2])).shape).toEqual([3, 2]);
    }
  });

  it('maps LeNet-5 to Conv2d, MaxPool2d, Flatten and Linear with 61,706 parameters', () => {
    const r = buildChain(lenetChain('relu'), digits, 10, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const kinds = r.net.model.layers.map((m) => m.constructor.name);
    expect(kinds.filter((k) => k === 'Conv2d')).toHaveLength(2);
    expect(r.net.model.layers.filter((m) => m instanceof MaxPool2d)).toHaveLength(2);
    expect(r.net.model.layers.filter((m) => m instanceof Flatten)).toHaveLength(1);
    expect(r.net.parameters).toBe(61706);
    expect(r.net.input).toEqual({ kind: 'image', channels: 1, height: 28, width: 28 });
    expect(r.net.model.forward(new Tensor([2, 1, 28, 28])).shape).toEqual([2, 10]);
    const conv = r.net.model.layers[0] as Conv2d;
    expect([conv.inChannels, conv.outChannels, conv.kernelSize, conv.padding]).toEqual([1, 6, 5, 2]);
  });

  it('the digits MLP is about LeNet’s size', () => {
    const r = buildChain(digitsMlpChain('relu'), digits, 10, 1);
    expect(r.ok && r.net.parameters).toBe(61225);
    expect(r.ok && r.net.input).toEqual({ kind: 'flat', features: 784 });
  });

  it('avg pooling, dropout, and an fc straight after a conv (flattened, as the REPL counts it)', () => {
    const r = buildChain('28x28x1 | conv F=3 K=4 | relu | avgpool F=2 | dropout p=0.25 | fc 10', digits, 10, 1);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const ls = r.net.model.layers;
    expect(ls.some((m) => m instanceof AvgPool2d)).toBe(true);
    expect(ls.find((m) => m instanceof Dropout)?.describe()).toBe('Dropout(p=0.25)');
    expect(ls.findIndex((m) => m instanceof Flatten)).toBe(ls.findIndex((m) => m instanceof Linear) - 1);
    expect((ls.find((m) => m instanceof Linear) as Linear).inFeatures).toBe(4 * 13 * 13);
  });

  it('the default chains are valid for every activation', () => {
    for (const a of ['relu', 'tanh', 'sigmoid', 'linear'] as const) {
      expect(buildChain(pointsChain(16, a, 3), points, 3, 1).ok).toBe(true);
      expect(buildChain(lenetChain(a), digits, 10, 1).ok).toBe(true);
    }
  });

  it('an unknown layer gets the REPL parser’s did-you-mean', () => {
    expect(refused('2 | fc 8 | tanhh | fc 2')).toContain('"tanhh" is not a layer. Did you mean tanh?');
  });

  it('an input that does not match the data', () => {
    expect(refused('3 | fc 2')).toContain('The points have 2 inputs (x and y), so the chain starts with 2, not 3');
    expect(refused('32x32x3 | conv F=3 K=2 | fc 10', digits, 10)).toContain('The digits are 28×28 grey images, so the chain starts with 28x28x1');
  });

  it('a last layer whose outputs are not the classes', () => {
    expect(refused('2 | fc 8 | relu | fc 3')).toContain('The last layer gives 3 outputs, but the data has 2 classes: end the net with fc 2');
    expect(refused('28x28x1 | conv F=3 K=2', digits, 10)).toContain('The net ends with a 26×26×2 volume; end it with fc 10');
  });

  it('a layer the engine cannot train: batch norm, L2 pooling', () => {
    expect(refused('28x28x1 | conv F=3 K=2 | bn | relu | fc 10', digits, 10)).toContain('nnlearn cannot train batch normalisation (bn) yet');
    expect(refused('28x28x1 | pool F=2 l2 | fc 10', digits, 10)).toContain('L2 pooling is not in its engine');
  });

  it('a final softmax is refused, with the reason (the cross-entropy loss applies it)', () => {
    expect(refused('2 | fc 8 | relu | fc 2 | softmax')).toContain('Leave out the final softmax: the cross-entropy loss applies softmax');
    expect(refused('2 | fc 8 | softmax | fc 2')).toContain('softmax inside a network is not a layer nnlearn trains');
  });

  it('conv after the data is flat, a filter that does not fit, a variable, a name, a huge layer', () => {
    expect(refused('2 | fc 8 | conv F=3 | fc 2')).toContain('conv needs an image (W×H×D) but gets 8 numbers');
    expect(refused('28x28x1 | conv F=29 | fc 10', digits, 10)).toContain('a 29×29 filter does not fit the 28×28×1 input');
    expect(refused('2 | fc n | fc 2')).toContain('must be a number here, not the name n');
    expect(refused('vgg16')).toContain('--net takes a chain of layers');
    expect(refused('2 | fc 2000 | fc 2000 | fc 2')).toContain(`more than ${MAX_NET_PARAMETERS.toLocaleString('en')} parameters by layer 2 (fc 2000)`);
    expect(refused('28x28x1 | conv F=3 P=1 K=2000 | fc 10', digits, 10)).toContain('one example makes more than');
    expect(refused('2 | fc 8 | @')).toContain('--net');
  });

  it('any chain of words gives a trainable net with one output per class, or a message — never a throw', () => {
    let built = 0;
    // Mostly the right input and last layer for the data, so that many chains build and get run.
    const heads = (digitsData: boolean) => (digitsData ? ['28x28x1', '28x28x1', '784', '28x28', '2', ''] : ['2', '2', 'net 2', '3', '28x28x1', '']);
    const segments = ['fc 8', 'fc 2', 'fc 10', 'relu', 'tanh', 'sigmoid', 'dropout p=0.5', 'dropout p=1', 'flatten', 'conv F=3 K=2', 'conv F=3 P=1 K=4', 'conv F=40', 'pool F=2', 'avgpool F=2', 'pool F=2 S=1', 'pool F=2 P=1', 'bn', 'softmax', 'fc x', 'fcc 3', '', '@', 'fc 0'];
    fc.assert(
      fc.property(fc.boolean(), fc.nat(5), fc.array(fc.constantFrom(...segments), { maxLength: 6 }), fc.nat(4), (isDigits, h, middle, t) => {
        const tail = ['match', 'match', 'match', 'fc 3', ''][t];
        const last = tail === 'match' ? `fc ${isDigits ? 10 : 2}` : tail;
        const line = [heads(isDigits)[h], ...middle, ...(last ? [last] : [])].join(' | ');
        const classes = isDigits ? 10 : 2;
        const r = buildChain(line, isDigits ? digits : points, classes, 1);
        if (!r.ok) {
          expect(r.error.en.length).toBeGreaterThan(0);
          expect(r.error.zh).toMatch(/[\u4e00-\u9fff]/);
          return;
        }
        const shape = r.net.input.kind === 'flat' ? [2, r.net.input.features] : [2, r.net.input.channels, r.net.input.height, r.net.input.width];
        expect(r.net.model.forward(new Tensor(shape)).shape).toEqual([2, classes]);
        built++;
      }),
      { numRuns: 400 },
    );
    expect(built).toBeGreaterThan(20);
  });
});
