/**
 * The saved-model file format, without a disk: every float comes back bit for bit, and every
 * kind of damage is named (checksum, header, newer format, empty, not a model).
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeModel, encodeModel, FORMAT_VERSION, type SavedModel } from '../../../src/training/saved/format.js';

const meta = (over: Partial<SavedModel['meta']> = {}): SavedModel['meta'] => ({
  nnlearn: '1.2.3',
  savedAt: '2026-12-05T22:00:00.000Z',
  runId: 'spiral',
  options: { net: '2 | fc 8 | tanh | fc 2', lr: 0.03, seed: 7, data: '/home/学生/点.csv' },
  epoch: 3,
  step: 120,
  lastEpoch: { epoch: 3, step: 120, loss: 0.25, accuracy: 0.9, test_loss: NaN, test_accuracy: Infinity, lr: 0.03, examples_per_second: -Infinity },
  extra: { chars: ['a', '中', '\n', '😀', '\u0000', '\ufffd'] },
  ...over,
});

const bitsOf = (f: Float32Array) => Array.from(new Uint32Array(f.buffer, f.byteOffset, f.length));
const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

function roundTrip(m: SavedModel): SavedModel {
  const d = decodeModel(text(encodeModel(m)));
  if (!d.ok) throw new Error(JSON.stringify(d.problem));
  return d.model;
}

/** Every finite float32 bit pattern class: ±0, subnormals, normals, the extremes. */
const finiteF32 = fc.float({ noNaN: true, noDefaultInfinity: true });
const param = fc
  .array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 4 })
  .chain((shape) => fc.tuple(fc.constant(shape), fc.array(finiteF32, { minLength: shape.reduce((a, b) => a * b, 1), maxLength: shape.reduce((a, b) => a * b, 1) })));

describe('the saved-model format', () => {
  it('gives back every parameter bit for bit (random shapes and values, -0 and subnormals included) and the meta unchanged', () => {
    fc.assert(
      fc.property(fc.array(param, { maxLength: 5 }), (ps) => {
        const params = ps.map(([shape, values], i) => ({ name: `${i}.weight`, shape, data: Float32Array.from(values) }));
        const back = roundTrip({ meta: meta(), params });
        expect(back.params.map((p) => p.name)).toEqual(params.map((p) => p.name));
        back.params.forEach((p, i) => {
          expect(p.shape).toEqual(params[i].shape);
          expect(bitsOf(p.data)).toEqual(bitsOf(params[i].data));
        });
      }),
    );
  });

  it('keeps the hard values exactly: -0, the smallest subnormal, the largest float32, -1e-45', () => {
    const data = new Float32Array([-0, 0, 1.4e-45, -1.4e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38]);
    const back = roundTrip({ meta: meta(), params: [{ name: 'w', shape: [7], data }] });
    expect(bitsOf(back.params[0].data)).toEqual(bitsOf(data));
    expect(Object.is(back.params[0].data[0], -0)).toBe(true);
  });

  it('keeps the meta: NaN and ±Infinity in the last epoch line, non-ASCII paths and extra data', () => {
    const back = roundTrip({ meta: meta(), params: [] });
    expect(back.meta).toEqual(meta());
    expect(back.meta.lastEpoch!.test_loss).toBeNaN();
    expect(roundTrip({ meta: meta({ lastEpoch: null, extra: null }), params: [] }).meta).toEqual(meta({ lastEpoch: null, extra: null }));
  });

  it('is plain ASCII (a stray byte anywhere is damage, never text)', () => {
    const bytes = encodeModel({ meta: meta(), params: [{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }] });
    expect(bytes.every((b) => b < 0x80)).toBe(true);
    expect(text(bytes).startsWith(`nnlearn-model ${FORMAT_VERSION} sha256:`)).toBe(true);
  });

  it('is compact: 62,000 floats take about 4/3 of their 248 kB', () => {
    const data = Float32Array.from({ length: 62_000 }, (_, i) => Math.sin(i));
    const n = encodeModel({ meta: meta(), params: [{ name: 'w', shape: [62_000], data }] }).length;
    expect(n).toBeGreaterThan(62_000 * 4);
    expect(n).toBeLessThan(62_000 * 4 * 1.34 + 2_000);
  });
});

describe('a damaged file', () => {
  const good = encodeModel({ meta: meta(), params: [{ name: '0.weight', shape: [3, 2], data: new Float32Array([1, -2, 3.5, 0, -0, 1e-40]) }] });

  it('any single byte changed anywhere is caught (header or body)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: good.length - 1 }), fc.integer({ min: 1, max: 255 }), (at, x) => {
        const bad = Uint8Array.from(good);
        bad[at] ^= x;
        expect(decodeModel(text(bad)).ok).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('cut short at any length is caught', () => {
    for (let n = 0; n < good.length; n += 7) expect(decodeModel(text(good.subarray(0, n))).ok).toBe(false);
    expect(decodeModel(text(good.subarray(0, good.length - 1))).ok).toBe(false);
  });

  it('says which kind of damage: empty, not a model, newer format, checksum, unknown format number', () => {
    expect(decodeModel('')).toEqual({ ok: false, problem: { kind: 'empty' } });
    expect(decodeModel('{"weights": []}')).toEqual({ ok: false, problem: { kind: 'not-a-model' } });
    const t = text(good);
    expect(decodeModel(t.replace('nnlearn-model 1 ', 'nnlearn-model 2 '))).toEqual({ ok: false, problem: { kind: 'newer', version: 2 } });
    const sum = decodeModel(t.replace('"runId":"spiral"', '"runId":"spirak"'));
    expect(sum.ok || sum.problem).toMatchObject({ kind: 'damaged', why: { en: expect.stringMatching(/checksum/) } });
    const zero = decodeModel(t.replace('nnlearn-model 1 ', 'nnlearn-model 0 '));
    expect(zero.ok || zero.problem).toMatchObject({ kind: 'damaged', why: { en: expect.stringMatching(/format number 0/) } });
  });
});

/** A body changed and sealed again with a correct checksum: what only a hand-made or broken file would hold. */
function resealed(body: string): string {
  const b = body.endsWith('\n') ? body : body + '\n';
  return `nnlearn-model 1 sha256:${createHash('sha256').update(b).digest('hex')}\n${b}`;
}

describe('a file with a correct checksum but wrong contents', () => {
  const body = text(encodeModel({ meta: meta(), params: [{ name: 'w', shape: [2], data: new Float32Array([1, 2]) }] })).split('\n')[1];
  const field = (b: string) => {
    const d = decodeModel(resealed(b));
    return d.ok ? 'ok' : d.problem.kind === 'damaged' ? d.problem.why.en : d.problem.kind;
  };

  /** Changes the body's parameter list (as parsed JSON) and writes the body again. */
  const params = (change: (ps: { name: string; shape: number[]; data: string }[]) => unknown) => (b: string) => {
    const j = JSON.parse(b);
    change(j.params);
    return JSON.stringify(j);
  };

  it('the unchanged body resealed still loads (the test below changes only what it names)', () => {
    expect(field(body)).toBe('ok');
  });

  it.each([
    ['not JSON', (b: string) => b.slice(0, -1), /not valid JSON/],
    ['a data length that does not match the shape', (b: string) => b.replace('"shape":[2]', '"shape":[3]'), /"params\[0\]\.shape"|"params\[0\]\.data"/],
    ['a zero in the shape', (b: string) => b.replace('"shape":[2]', '"shape":[0]'), /"params\[0\]\.shape"/],
    ['a negative epoch', (b: string) => b.replace('"epoch":3,"step"', '"epoch":-3,"step"'), /"epoch"/],
    ['no run id', (b: string) => b.replace('"runId":"spiral"', '"runId":""'), /"runId"/],
    ['a date that is not one', (b: string) => b.replace(/"savedAt":"[^"]*"/, '"savedAt":"yesterday"'), /"savedAt"/],
    ['a base64 with a stray character', params((ps) => (ps[0].data = '!' + ps[0].data)), /"params\[0\]\.data"/],
    ['two parameters with one name', params((ps) => ps.push({ ...ps[0] })), /"params\[1\]\.name"/],
    ['an epoch line with a word for a number', (b: string) => b.replace('"loss":0.25', '"loss":"low"'), /"lastEpoch"/],
    ['a NaN weight', params((ps) => (ps[0].data = Buffer.from(new Float32Array([1, NaN]).buffer).toString('base64'))), /parameter w holds NaN at position 1/],
  ])('%s: damaged, naming the field', (_, change, why) => {
    const changed = change(body);
    expect(changed).not.toBe(body);
    expect(field(changed)).toMatch(why);
  });
});
