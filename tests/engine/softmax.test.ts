import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';
import { logSoftmax, logSoftmaxBackward, softmax, softmaxBackward } from '../../src/engine/ops/softmax.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, randTensor } from './gradcheck.js';

const golden = parseGoldenFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'torch-golden.json'), 'utf8'));
const cases = golden.filter((c) => c.op === 'softmax' || c.op === 'log_softmax');

describe('softmax golden (PyTorch)', () => {
  it('the fixture has softmax and log_softmax cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(2);
  });
  it.each(cases.map((c) => [c.id, c] as const))('%s matches PyTorch', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-6): void => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThanOrEqual(tol);
};

describe('softmax forward', () => {
  it('softmax [3] of [1, 2, 3] gives e^x / Σe^x', () => {
    const y = softmax(Tensor.fromNested([1, 2, 3]));
    const e = [1, 2, 3].map(Math.exp);
    const s = e[0] + e[1] + e[2];
    close(y.data, e.map((v) => v / s));
    expect(y.shape).toEqual([3]);
  });

  it('softmax [2, 2] is stable: [1000, 1001] gives the same as [0, 1], no NaN or Infinity', () => {
    const y = softmax(Tensor.fromNested([[1000, 1001], [-1000, -999]]));
    const ref = softmax(Tensor.fromNested([0, 1]));
    close(y.data.subarray(0, 2), ref.data);
    close(y.data.subarray(2, 4), ref.data);
  });

  it('log_softmax [2] of [1000, 0] is finite: [0, -1000]', () => {
    const y = logSoftmax(Tensor.fromNested([1000, 0]));
    close(y.data, [0, -1000], 1e-3);
  });

  it('log_softmax [4, 6] equals log(softmax) where softmax is not tiny', () => {
    const x = randTensor([4, 6], 3, 3);
    const a = logSoftmax(x);
    const b = softmax(x);
    close(a.data, Array.from(b.data, Math.log), 1e-5);
  });

  it('softmax over dim 0 of [3, 4] normalizes columns', () => {
    const x = randTensor([3, 4], 5, 2);
    const y = softmax(x, 0);
    for (let c = 0; c < 4; c++) {
      const col = [0, 1, 2].map((r) => x.get(r, c));
      const e = col.map(Math.exp);
      const s = e.reduce((p, q) => p + q);
      close([0, 1, 2].map((r) => y.get(r, c)), e.map((v) => v / s), 1e-6);
    }
  });

  it('softmax over the middle dim of [2, 3, 4] equals softmax of the transposed last dim', () => {
    const x = randTensor([2, 3, 4], 8, 2);
    const y = softmax(x, 1);
    const yNeg = softmax(x, -2);
    close(y.data, yNeg.data, 0);
    for (let a = 0; a < 2; a++) {
      for (let c = 0; c < 4; c++) {
        let s = 0;
        for (let b = 0; b < 3; b++) s += y.get(a, b, c);
        expect(s).toBeCloseTo(1, 6);
      }
    }
  });

  it('softmax of a scalar [] is 1', () => {
    expect(softmax(Tensor.scalar(5)).data[0]).toBe(1);
  });

  it('softmax of an all -inf row [3] is NaN like PyTorch', () => {
    const y = softmax(Tensor.fromNested([-Infinity, -Infinity, -Infinity]));
    expect(Array.from(y.data).every(Number.isNaN)).toBe(true);
  });

  it('softmax [2, 5] through runOp with dim=-1 matches the function', () => {
    const x = randTensor([2, 5], 4);
    close(runOp('softmax', { input: x }, { dim: -1 }).output.data, softmax(x).data, 0);
    close(runOp('log_softmax', { input: x }, { dim: -1 }).output.data, logSoftmax(x).data, 0);
  });
});

describe('softmax properties (fast-check)', () => {
  const rows = fc.integer({ min: 1, max: 5 }).chain((r) =>
    fc.integer({ min: 1, max: 8 }).chain((n) =>
      fc.tuple(fc.constant([r, n]), fc.array(fc.float({ min: -50, max: 50, noNaN: true }), { minLength: r * n, maxLength: r * n })),
    ),
  );

  it('every row of softmax [r, n] sums to 1 and lies in [0, 1]', () => {
    fc.assert(
      fc.property(rows, ([shape, data]) => {
        const y = softmax(new Tensor(shape, data));
        const [r, n] = shape;
        for (let i = 0; i < r; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) {
            const v = y.data[i * n + j];
            if (!(v >= 0 && v <= 1)) return false;
            s += v;
          }
          if (Math.abs(s - 1) > 1e-5) return false;
        }
        return true;
      }),
    );
  });

  it('softmax [r, n] is unchanged by adding a constant to a row', () => {
    fc.assert(
      fc.property(rows, fc.float({ min: -100, max: 100, noNaN: true }), ([shape, data], c) => {
        const a = softmax(new Tensor(shape, data));
        const b = softmax(new Tensor(shape, data.map((v) => v + c)));
        for (let i = 0; i < a.size; i++) if (Math.abs(a.data[i] - b.data[i]) > 2e-5) return false;
        return true;
      }),
    );
  });

  it('log_softmax [r, n] rows satisfy Σ exp = 1', () => {
    fc.assert(
      fc.property(rows, ([shape, data]) => {
        const y = logSoftmax(new Tensor(shape, data));
        const [r, n] = shape;
        for (let i = 0; i < r; i++) {
          let s = 0;
          for (let j = 0; j < n; j++) s += Math.exp(y.data[i * n + j]);
          if (Math.abs(s - 1) > 1e-5) return false;
        }
        return true;
      }),
    );
  });
});

describe('softmax backward (finite differences)', () => {
  it('softmaxBackward [3, 5] dim -1', () => {
    const r = gradCheck(
      { x: randTensor([3, 5], 11, 2) },
      (i) => softmax(i.x),
      (i, g) => ({ x: softmaxBackward(softmax(i.x), g) }),
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('softmaxBackward [4, 3] dim 0', () => {
    const r = gradCheck(
      { x: randTensor([4, 3], 12, 2) },
      (i) => softmax(i.x, 0),
      (i, g) => ({ x: softmaxBackward(softmax(i.x, 0), g, 0) }),
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('logSoftmaxBackward [3, 5] dim -1', () => {
    const r = gradCheck(
      { x: randTensor([3, 5], 13, 2) },
      (i) => logSoftmax(i.x),
      (i, g) => ({ x: logSoftmaxBackward(logSoftmax(i.x), g) }),
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });

  it('logSoftmaxBackward [2, 3, 4] dim 1', () => {
    const r = gradCheck(
      { x: randTensor([2, 3, 4], 14, 2) },
      (i) => logSoftmax(i.x, 1),
      (i, g) => ({ x: logSoftmaxBackward(logSoftmax(i.x, 1), g, 1) }),
    );
    expect(r.ok, JSON.stringify(r.worst)).toBe(true);
  });
});

describe('softmax errors', () => {
  it('dim=2 on a [3, 5] input is out of range, with the valid range in the message', () => {
    expect(() => softmax(randTensor([3, 5], 1), 2)).toThrow(EngineError);
    expect(() => softmax(randTensor([3, 5], 1), 2)).toThrow(/dim=2 is out of range.*\[3, 5\].*-2 to 1/);
  });
  it('dim=0.5 is rejected through runOp', () => {
    expect(() => runOp('softmax', { input: randTensor([3], 1) }, { dim: 0.5 })).toThrow(/whole number/);
  });
  it('softmaxBackward [2, 3] with grad_output [3, 2] names both shapes', () => {
    const y = softmax(randTensor([2, 3], 1));
    expect(() => softmaxBackward(y, randTensor([3, 2], 2))).toThrow(/\[3, 2\].*\[2, 3\]/);
  });
  it('an unknown attribute is refused by runOp', () => {
    expect(() => runOp('softmax', { input: randTensor([3], 1) }, { axis: -1 })).toThrow(/no attribute "axis"/);
  });
});
