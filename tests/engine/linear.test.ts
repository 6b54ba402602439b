import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '../../src/engine/errors.js';
import { checkCase, parseGoldenFile } from '../../src/engine/golden.js';
import { linear, linearBackward, matmul } from '../../src/engine/ops/linear.js';
import { runOp } from '../../src/engine/run-op.js';
import { Tensor } from '../../src/engine/tensor.js';
import { gradCheck, randTensor } from './gradcheck.js';

const fixtures = join(import.meta.dirname, '..', 'fixtures');
const golden = parseGoldenFile(readFileSync(join(fixtures, 'torch-golden.json'), 'utf8')).filter((c) => c.op === 'linear' || c.op === 'linear_backward');

describe('linear golden cases (PyTorch)', () => {
  it('the fixture has linear and linear_backward cases', () => {
    expect(golden.some((c) => c.op === 'linear')).toBe(true);
    expect(golden.some((c) => c.op === 'linear_backward')).toBe(true);
  });
  it.each(golden.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    expect(checkCase(c)).toEqual([]);
  });
});

/** y[r, o] = Σ_i x[r, i] w[o, i] + b[o], in float64. */
function directLinear(x: Tensor, w: Tensor, b?: Tensor): Float64Array {
  const [outF, inF] = w.shape;
  const rows = x.size / inF;
  const y = new Float64Array(rows * outF);
  for (let r = 0; r < rows; r++) {
    for (let o = 0; o < outF; o++) {
      let s = b ? b.data[o] : 0;
      for (let i = 0; i < inF; i++) s += x.data[r * inF + i] * w.data[o * inF + i];
      y[r * outF + o] = s;
    }
  }
  return y;
}

describe('linear forward', () => {
  it.each([
    [[2, 4], 3, true],
    [[1, 7], 5, false],
    [[33, 65], 17, true], // blocked gemm path with edge tiles
    [[4], 3, true], // single vector
    [[2, 3, 5], 4, true], // extra leading dimension
  ] as const)('linear x=%j out=%i bias=%s', (xShape, outF, withBias) => {
    const x = randTensor([...xShape], 1);
    const inF = xShape[xShape.length - 1];
    const w = randTensor([outF, inF], 2);
    const b = withBias ? randTensor([outF], 3) : undefined;
    const y = linear(x, w, b);
    expect(y.shape).toEqual([...xShape.slice(0, -1), outF]);
    const ref = directLinear(x, w, b);
    for (let i = 0; i < ref.length; i++) expect(y.data[i]).toBeCloseTo(ref[i], 5);
  });

  it('runOp("linear") works without a bias', () => {
    const x = randTensor([3, 4], 1);
    const w = randTensor([2, 4], 2);
    const y = runOp('linear', { input: x, weight: w }).output;
    expect([...y.data]).toEqual([...linear(x, w).data]);
  });
});

describe('linear_backward: finite differences', () => {
  it.each([
    ['linear_backward x=[3,4] w=[5,4] with bias', [3, 4], 5, true],
    ['linear_backward x=[1,6] w=[2,6] no bias', [1, 6], 2, false],
    ['linear_backward x=[9,13] w=[11,13] with bias', [9, 13], 11, true],
    ['linear_backward x=[4] w=[3,4] (vector input)', [4], 3, true],
    ['linear_backward x=[2,3,4] w=[5,4] (leading dims)', [2, 3, 4], 5, true],
  ] as const)('%s', (_name, xShape, outF, withBias) => {
    const inF = xShape[xShape.length - 1];
    const inputs: Record<string, Tensor> = { input: randTensor([...xShape], 4), weight: randTensor([outF, inF], 5) };
    if (withBias) inputs.bias = randTensor([outF], 6);
    const result = gradCheck(
      inputs,
      (i) => linear(i.input, i.weight, i.bias),
      (i, gy) => {
        const g = linearBackward(i.input, i.weight, i.bias, gy);
        const out: Record<string, Tensor> = { input: g.gradInput, weight: g.gradWeight };
        if (withBias) out.bias = g.gradBias;
        return out;
      },
    );
    expect(result.ok, JSON.stringify(result.worst)).toBe(true);
  });

  it('runOp("linear_backward") returns grad_input, grad_weight, grad_bias', () => {
    const out = runOp('linear_backward', { input: randTensor([3, 4], 1), weight: randTensor([2, 4], 2), bias: randTensor([2], 3), grad_output: randTensor([3, 2], 4) });
    expect(out.grad_input.shape).toEqual([3, 4]);
    expect(out.grad_weight.shape).toEqual([2, 4]);
    expect(out.grad_bias.shape).toEqual([2]);
  });
});

describe('linear errors', () => {
  it('input features ≠ in_features: x=[2,5] w=[3,4]', () => {
    const f = () => linear(randTensor([2, 5], 1), randTensor([3, 4], 2));
    expect(f).toThrow(EngineError);
    expect(f).toThrow(/input has 5 features \(last dimension of \[2, 5\]\) but the weight \[3, 4\] expects 4/);
  });
  it('bias of the wrong length: b=[4] for out=3', () => {
    expect(() => linear(randTensor([2, 4], 1), randTensor([3, 4], 2), randTensor([4], 3))).toThrow(/bias should hold one number per output feature, shape \[3\], but it has shape \[4\]/);
  });
  it('weight that is not a matrix: w=[3,4,1]', () => {
    expect(() => linear(randTensor([2, 4], 1), randTensor([3, 4, 1], 2))).toThrow(/weight should be a matrix \[out_features, in_features\]/);
  });
  it('scalar input', () => {
    expect(() => linear(Tensor.scalar(1), randTensor([3, 1], 2))).toThrow(/not a single number/);
  });
  it('grad_output of the wrong shape: dY=[2,4] for output [2,3]', () => {
    expect(() => linearBackward(randTensor([2, 4], 1), randTensor([3, 4], 2), undefined, randTensor([2, 4], 3))).toThrow(/grad_output should have the output's shape \[2, 3\] but has shape \[2, 4\]/);
  });
});

describe('matmul (2-D)', () => {
  it('matmul [2,3]·[3,2] by hand', () => {
    const a = Tensor.fromNested([[1, 2, 3], [4, 5, 6]]);
    const b = Tensor.fromNested([[7, 8], [9, 10], [11, 12]]);
    expect(matmul(a, b).toNested()).toEqual([[58, 64], [139, 154]]);
  });
  it.each([
    [1, 1, 1],
    [1, 9, 5],
    [9, 1, 5],
    [37, 41, 43],
    [64, 64, 300],
  ])('matmul [%i,%i]·[%i,…] equals the triple loop', (M, K, N) => {
    const a = randTensor([M, K], 7);
    const b = randTensor([K, N], 8);
    const c = matmul(a, b);
    expect(c.shape).toEqual([M, N]);
    for (let i = 0; i < M; i++) {
      for (let j = 0; j < N; j++) {
        let s = 0;
        for (let k = 0; k < K; k++) s += a.data[i * K + k] * b.data[k * N + j];
        expect(Math.abs(c.data[i * N + j] - s)).toBeLessThan(1e-5 * (1 + Math.abs(s)));
      }
    }
  });
  it('mismatched inner sizes [2,3]·[4,5]', () => {
    const f = () => matmul(randTensor([2, 3], 1), randTensor([4, 5], 2));
    expect(f).toThrow(EngineError);
    expect(f).toThrow(/inner sizes do not match: \[2, 3\] · \[4, 5\]\. The first matrix has 3 columns but the second has 4 rows/);
  });
  it('errors also carry a Simplified Chinese message (EngineError.zh)', () => {
    try {
      matmul(randTensor([2, 3], 1), randTensor([4, 5], 2));
      expect.unreachable();
    } catch (e) {
      expect((e as EngineError).zh).toMatch(/内侧维度不匹配.*3 列.*4 行/);
    }
  });
  it('non-matrix operands', () => {
    expect(() => matmul(randTensor([3], 1), randTensor([3, 2], 2))).toThrow(/first operand has shape \[3\] \(1 dimension\)/);
    expect(() => matmul(randTensor([2, 3], 1), randTensor([3, 2, 1], 2))).toThrow(/second operand has shape \[3, 2, 1\]/);
  });
});
