/**
 * Hostile library calls (issue #10): the work budget bounds time as the element
 * budget bounds memory, and every bad input — wrong data types, self-referencing
 * arrays, null tensors, budgets past what the machine holds — is an EngineError.
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  EngineError,
  MAX_RANK,
  Tensor,
  getWorkBudget,
  listOps,
  maxPool2d,
  relu,
  runOp,
  setElementBudget,
  setWorkBudget,
} from '../../src/engine/index.js';
import { registry } from '../../src/engine/ops/all.js';

afterEach(() => {
  setElementBudget();
  setWorkBudget();
});

/** Runs fn while counting Float32Arrays of at least `minLength` numbers created anywhere. */
function countBigAllocations(minLength: number, fn: () => void): number {
  const Original = globalThis.Float32Array;
  let count = 0;
  const Counting: Float32ArrayConstructor = new Proxy(Original, {
    construct(target, args, newTarget): object {
      const n = typeof args[0] === 'number' ? args[0] : (args[0] as ArrayLike<number> | undefined)?.length ?? 0;
      if (n >= minLength) count++;
      return Reflect.construct(target, args, newTarget === Counting ? target : newTarget);
    },
  });
  globalThis.Float32Array = Counting;
  try {
    fn();
  } finally {
    globalThis.Float32Array = Original;
  }
  return count;
}

function engineErrorOf(fn: () => unknown): EngineError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return e as EngineError;
  }
  throw new Error('expected an EngineError, but the call returned');
}

describe('work budget', () => {
  it('conv2d within the element budget but over the work budget throws before allocating its output', () => {
    // 3×1000×1000 input, 64 filters of 22×22: ~9·10¹⁰ multiply-adds (hours before the budget existed).
    const input = new Tensor([3, 1000, 1000]);
    const weight = new Tensor([64, 3, 22, 22]);
    let err: unknown;
    const outputSize = 64 * 979 * 979;
    const allocations = countBigAllocations(outputSize, () => {
      try {
        runOp('conv2d', { input, weight }, { stride: 1, padding: 0, dilation: 1 });
      } catch (e) {
        err = e;
      }
    });
    expect(err).toBeInstanceOf(EngineError);
    const e = err as EngineError;
    expect(e.message).toMatch(/conv2d would take about [\d,.e+]+ units of work/);
    expect(e.message).toMatch(/fewer filters \(K\), a smaller kernel \(F\), or a larger stride/);
    expect(e.zh).toMatch(/计算量预算/);
    expect(allocations).toBe(0);
  });

  it('the same conv runs once the budget allows it, and a small budget refuses a small conv', () => {
    const input = new Tensor([1, 8, 8]);
    const weight = new Tensor([2, 1, 3, 3]);
    expect(runOp('conv2d', { input, weight }).output.shape).toEqual([2, 6, 6]);
    setWorkBudget(100);
    expect(() => runOp('conv2d', { input, weight })).toThrow(EngineError);
    setWorkBudget();
    expect(getWorkBudget()).toBe(4e9);
  });

  it.each([
    ['max_pool2d', { input: new Tensor([1, 2000, 2000]) }, { kernel_size: 1000, stride: 1 }],
    ['avg_pool2d', { input: new Tensor([1, 2000, 2000]) }, { kernel_size: 1000, stride: 1 }],
    ['lp_pool2d', { input: new Tensor([1, 2000, 2000]) }, { kernel_size: 300, stride: 1, norm_type: 3 }],
    ['avg_pool2d_backward', { input: new Tensor([1, 2000, 2000]), grad_output: new Tensor([1, 1001, 1001]) }, { kernel_size: 1000, stride: 1 }],
    ['max_pool2d_backward', { input: new Tensor([1, 2000, 2000]), grad_output: new Tensor([1, 1001, 1001]) }, { kernel_size: 1000, stride: 1 }],
    ['conv2d_backward', { input: new Tensor([3, 1000, 1000]), weight: new Tensor([64, 3, 22, 22]), grad_output: new Tensor([64, 979, 979]) }, {}],
    ['linear', { input: new Tensor([4000, 4000]), weight: new Tensor([4000, 4000]) }, {}],
    ['scaled_dot_product_attention', { q: new Tensor([8000, 64]), k: new Tensor([8000, 64]), v: new Tensor([8000, 64]) }, {}],
    ['lstm', { input: new Tensor([20000, 300]), weight_ih: new Tensor([1200, 300]), weight_hh: new Tensor([1200, 300]) }, {}],
    ['rnn_bptt_grad_norms', { input: new Tensor([20000, 300]), weight_ih: new Tensor([300, 300]), weight_hh: new Tensor([300, 300]) }, {}],
  ] as const)('%s refuses work over the budget with what would make it smaller', (op, inputs, attrs) => {
    const e = engineErrorOf(() => runOp(op, inputs as Record<string, Tensor>, attrs));
    expect(e.message).toMatch(/units of work .* To make it smaller: /);
    expect(e.zh).toMatch(/要减小计算量/);
  });

  it('budgets must be positive safe integers', () => {
    for (const bad of [0, -1, 1.5, NaN, Infinity, 2 ** 60, '5' as unknown as number, 10n as unknown as number]) {
      expect(() => setWorkBudget(bad)).toThrow(EngineError);
      expect(() => setElementBudget(bad)).toThrow(EngineError);
    }
  });
});

describe('bad inputs are EngineErrors', () => {
  it('fromNested on an array that contains itself stops at the rank limit', () => {
    const a: unknown[] = [];
    a.push(a);
    const e = engineErrorOf(() => Tensor.fromNested(a as never));
    expect(e.message).toContain(`more than ${MAX_RANK} levels`);
  });

  it('strings, booleans, objects, BigInts and Symbols in the data are refused by index, not turned into NaN', () => {
    for (const bad of ['a', true, {}, null, undefined, 1n, Symbol('s')]) {
      expect(engineErrorOf(() => new Tensor([3], [1, bad as number, 3])).message).toMatch(/entry 1 is /);
      expect(engineErrorOf(() => Tensor.fromNested([[1, bad as number]])).message).toMatch(/at \[0\]\[1\]/);
    }
    expect(() => new Tensor([2], 'ab' as unknown as number[])).toThrow(EngineError);
    expect(() => new Tensor([2], new BigInt64Array(2) as unknown as number[])).toThrow(EngineError);
  });

  it('null, undefined and non-tensor inputs to runOp are EngineErrors', () => {
    expect(() => runOp('relu', { input: null as unknown as Tensor })).toThrow(EngineError);
    expect(() => runOp('relu', null as never)).toThrow(EngineError);
    expect(() => runOp('relu', { input: [1, 2] as unknown as Tensor })).toThrow(EngineError);
    expect(() => runOp(Symbol('relu') as unknown as string)).toThrow(EngineError);
    expect(() => runOp('relu', { input: new Tensor([1]) }, 'x' as never)).toThrow(EngineError);
  });

  it('a raised element budget and a tensor the machine cannot hold is an EngineError, not a RangeError', () => {
    setElementBudget(2 ** 53 - 1);
    expect(() => new Tensor([2 ** 20, 2 ** 20, 2 ** 10])).toThrow(EngineError);
    expect(() => runOp('positional_encoding', {}, { length: 2 ** 26, d_model: 2 ** 26 })).toThrow(EngineError);
  });
});

describe('NaN propagates as in PyTorch', () => {
  it('relu(NaN) is NaN; max pooling a window with NaN gives NaN', () => {
    expect(Array.from(relu(new Tensor([3], [NaN, -1, 2])).data)).toEqual([NaN, 0, 2]);
    expect(Array.from(runOp('relu', { input: new Tensor([1], [NaN]) }).output.data)).toEqual([NaN]);
    const x = new Tensor([1, 2, 2], [1, NaN, 3, 4]);
    expect(Array.from(maxPool2d(x, { kernelSize: 2 }).output.data)).toEqual([NaN]);
  });

  it.each([
    ['relu', {}],
    ['sigmoid', {}],
    ['tanh', {}],
    ['softmax', { dim: -1 }],
    ['log_softmax', { dim: -1 }],
    ['layer_norm', { normalized_shape: [3] }],
  ] as const)('%s of a row holding NaN is NaN where PyTorch gives NaN', (op, attrs) => {
    const out = runOp(op, { input: new Tensor([1, 3], [NaN, 1, 2]) }, attrs).output.data;
    expect(Number.isNaN(out[0])).toBe(true);
  });

  it('pooling, conv, linear and attention carry a NaN through to the outputs that read it', () => {
    const x = new Tensor([1, 2, 2], [NaN, 1, 2, 3]);
    expect(Number.isNaN(runOp('avg_pool2d', { input: x }, { kernel_size: 2 }).output.data[0])).toBe(true);
    expect(Number.isNaN(runOp('lp_pool2d', { input: x }, { kernel_size: 2 }).output.data[0])).toBe(true);
    expect(Number.isNaN(runOp('conv2d', { input: x, weight: new Tensor([1, 1, 2, 2], [1, 1, 1, 1]) }).output.data[0])).toBe(true);
    expect(Number.isNaN(runOp('linear', { input: new Tensor([2], [NaN, 1]), weight: new Tensor([1, 2], [0, 1]) }).output.data[0])).toBe(true);
    const q = new Tensor([2, 2], [NaN, 1, 0, 1]);
    const out = runOp('scaled_dot_product_attention', { q, k: q, v: q }).output.data;
    expect(Number.isNaN(out[0])).toBe(true);
  });

  it('clip_grad_norm with a NaN gradient gives NaN gradients (the norm is NaN, as in PyTorch)', () => {
    const r = runOp('clip_grad_norm', { g0: new Tensor([2], [NaN, 1]) }, { max_norm: 1 });
    expect(Number.isNaN(r.total_norm?.data[0] ?? NaN)).toBe(true);
  });
});

/** Anything a caller might pass: every JS value kind, including BigInt and Symbol. */
const anyValue = fc.oneof(
  fc.anything({ withBigInt: true, withBoxedValues: true, withMap: true, withSet: true, withTypedArray: true, withNullPrototype: true, maxDepth: 3 }),
  fc.constant(Symbol('s')),
  fc.constant(null),
  fc.constant(undefined),
  fc.constant(NaN),
);

function smallTensor(): fc.Arbitrary<Tensor> {
  return fc
    .array(fc.integer({ min: 1, max: 5 }), { minLength: 0, maxLength: 4 })
    .chain((shape) => {
      const n = shape.reduce((a, b) => a * b, 1);
      return fc.array(fc.oneof(fc.float({ noDefaultInfinity: false }), fc.constant(NaN)), { minLength: n, maxLength: n }).map((d) => new Tensor(shape, d));
    });
}

/** Also: every EngineError a student can meet says its message in Chinese too (shown under --lang zh). */
function onlyEngineErrors(fn: () => unknown): void {
  try {
    fn();
  } catch (e) {
    if (!(e instanceof EngineError)) throw new Error(`not an EngineError: ${(e as Error)?.name}: ${(e as Error)?.message}`);
    if (!/[\u4e00-\u9fff]/.test(e.zh ?? '')) throw new Error(`an EngineError without a Chinese message: ${e.message}`);
  }
}

describe('fast-check: any value in, a result or an EngineError out', () => {
  it('Tensor constructors', () => {
    fc.assert(
      fc.property(anyValue, anyValue, (shape, data) => {
        onlyEngineErrors(() => new Tensor(shape as number[], data as number[]));
        onlyEngineErrors(() => new Tensor([2], data as number[]));
        onlyEngineErrors(() => Tensor.fromNested(data as number));
      }),
      { numRuns: 500 },
    );
  });

  it('runOp with any inputs and attributes', () => {
    // Small budgets keep every accepted call quick; the budgets are what refuses the rest.
    setElementBudget(50_000);
    setWorkBudget(5_000_000);
    const ops = listOps().map((o) => o.name);
    const arbCall = fc.constantFrom(...ops).chain((op) => {
      const def = registry.get(op);
      const names = def.inputs === 'variadic' ? ['g0', 'g1'] : def.inputs.map((s) => s.name);
      const value = fc.oneof(smallTensor(), anyValue, fc.integer({ min: -3, max: 2000 }), fc.array(fc.integer({ min: -2, max: 2000 }), { maxLength: 3 }));
      return fc.record({
        op: fc.constant(op),
        inputs: fc.dictionary(fc.constantFrom(...names, 'extra'), fc.oneof(smallTensor(), anyValue), { maxKeys: names.length + 1 }),
        attrs: fc.dictionary(fc.constantFrom(...def.attrs, 'bogus'), value, { maxKeys: def.attrs.length }),
      });
    });
    fc.assert(
      fc.property(arbCall, ({ op, inputs, attrs }) => {
        onlyEngineErrors(() => runOp(op, inputs as Record<string, Tensor>, attrs as never));
      }),
      { numRuns: 1500 },
    );
  });
});
