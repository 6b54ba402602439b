/**
 * Training steps' memory (src/engine/step-memory.ts) under the WebAssembly back end: tensors
 * made inside stepScope live in the kernels' memory and are given back when the step ends.
 * The back end is chosen here (setGemmBackend), so these run the same with or without
 * NNLEARN_ENGINE=wasm; the kernels load from the build (the test run's global setup).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as F from '../../src/engine/autograd/functional.js';
import { backward } from '../../src/engine/autograd/backward.js';
import { EngineError } from '../../src/engine/errors.js';
import { gemm, gemmReference, setGemmBackend } from '../../src/engine/gemm.js';
import { limitHeapForTests } from '../../src/engine/kernels/wasm-heap.js';
import { wasmGemm, wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { inKernelMemory, kernelModule, MIN_RESERVE_BYTES } from '../../src/engine/kernels/wasm-module.js';
import { operandCounts } from '../../src/engine/kernels/wasm-operands.js';
import { colBuffer } from '../../src/engine/ops/conv-columns.js';
import { PositionalEncoding } from '../../src/engine/nn/index.js';
import type { Module } from '../../src/engine/nn/module.js';
import { Adam } from '../../src/engine/optim/adam.js';
import type { Optimizer } from '../../src/engine/optim/optimizer.js';
import { SGD } from '../../src/engine/optim/sgd.js';
import { inStepScope, stepMemoryStats, stepScope } from '../../src/engine/step-memory.js';
import { allocate, Tensor } from '../../src/engine/tensor.js';
import { data, lenetish, mlp } from '../helpers/small-models.js';
import { GEMM_ALL_OPTIONS, GEMM_BASE, type GemmCase, gemmOperands } from '../helpers/gemm-cases.js';

interface Run {
  losses: number[];
  params: Float32Array[];
  /** The heap's high-water mark after each step (undefined before the kernels load). */
  highWater: (number | undefined)[];
}

/** `steps` steps of model → cross entropy → backward → optimizer on a fixed batch, each in a stepScope unless `scoped` is false. */
function train(model: Module, x: Tensor, y: Tensor, opt: (ps: Tensor[]) => Optimizer, steps: number, scoped = true): Run {
  const o = opt(model.parameters());
  const run: Run = { losses: [], params: [], highWater: [] };
  const step = (): number => {
    o.zeroGrad();
    const loss = F.crossEntropy(model.forward(x), y);
    backward(loss);
    o.step();
    return loss.data[0];
  };
  for (let s = 0; s < steps; s++) {
    run.losses.push(scoped ? stepScope(step) : step());
    run.highWater.push(stepMemoryStats().heap?.highWaterBytes);
  }
  run.params = model.parameters().map((p) => new Float32Array(p.data));
  return run;
}

const imageBatch = (): { x: Tensor; y: Tensor } => ({ x: new Tensor([8, 1, 12, 12], data(8 * 144, 1)), y: new Tensor([8], [0, 1, 2, 0, 1, 2, 0, 1]) });
const pointBatch = (): { x: Tensor; y: Tensor } => ({ x: new Tensor([40, 6], data(240, 2)), y: new Tensor([40], Array.from({ length: 40 }, (_, i) => i % 3)) });

describe('stepScope under the WebAssembly back end', () => {
  beforeAll(() => setGemmBackend('wasm'));
  afterAll(() => setGemmBackend(undefined));
  afterEach(() => limitHeapForTests(undefined));

  it('loads the kernels (so the rest really runs in their memory)', () => {
    expect(wasmKernelStatus()).toEqual({ ok: true });
  });

  it('300 LeNet-like steps: tensors live in the heap, nothing is left after each step, and the high-water mark stays flat after step 2', () => {
    const { x, y } = imageBatch();
    const before = stepMemoryStats().blocks;
    const run = train(lenetish(), x, y, (ps) => new SGD(ps, { lr: 0.05, momentum: 0.9 }), 300);
    expect(stepMemoryStats().blocks - before).toBeGreaterThan(300 * 10);
    expect(stepMemoryStats().liveBlocks).toBe(0);
    const hw = run.highWater as number[];
    expect(hw[1]).toBeGreaterThan(0);
    expect(hw.slice(2).every((h) => h === hw[1])).toBe(true);
    expect(run.losses[299]).toBeLessThan(run.losses[0]);
  });

  it('300 MLP steps with Adam: the same flat high-water mark', () => {
    const { x, y } = pointBatch();
    const run = train(mlp(), x, y, (ps) => new Adam(ps, { lr: 0.01 }), 300);
    const hw = run.highWater as number[];
    expect(hw.slice(2).every((h) => h === hw[1])).toBe(true);
    expect(stepMemoryStats().liveBlocks).toBe(0);
  });

  it('trains to the same numbers, bit for bit, as without stepScope (parameters, grads and optimizer state survive the steps)', () => {
    const { x, y } = imageBatch();
    const sgd = (ps: Tensor[]): Optimizer => new SGD(ps, { lr: 0.05, momentum: 0.9 });
    const scoped = train(lenetish(), x, y, sgd, 12);
    const plain = train(lenetish(), x, y, sgd, 12, false);
    expect(scoped.losses).toEqual(plain.losses);
    expect(scoped.params).toEqual(plain.params);
    const p = pointBatch();
    const adam = (ps: Tensor[]): Optimizer => new Adam(ps, { lr: 0.01 });
    expect(train(mlp(), p.x, p.y, adam, 12)).toMatchObject({ losses: train(mlp(), p.x, p.y, adam, 12, false).losses });
  });

  it('what a module keeps across forwards survives the steps: PositionalEncoding’s table', () => {
    const pe = new PositionalEncoding();
    const x = new Tensor([2, 16, 32], data(2 * 16 * 32, 9));
    const first = stepScope(() => pe.forward(x).clone());
    const second = stepScope(() => pe.forward(x).clone());
    expect(second.data).toEqual(first.data);
  });

  // .grad stays an ordinary array on purpose: zeroGrad drops it each step, and a fresh heap block
  // per step would pile up (finalizers never run inside a synchronous loop); the optimizer copies
  // it into a persistent block of its own instead (param-memory-wasm.test.ts).
  it('a parameter’s .grad made in a step is readable after it (an ordinary array, not the step’s memory)', () => {
    const model = mlp();
    const { x, y } = pointBatch();
    stepScope(() => backward(F.crossEntropy(model.forward(x), y)));
    for (const p of model.parameters()) {
      expect(p.grad).not.toBeNull();
      expect(inKernelMemory(p.grad!.data)).toBe(false);
      expect(p.grad!.data.some((v) => v !== 0)).toBe(true);
    }
  });

  it('a tensor read after its step ended throws memory-step-freed; a clone made inside survives', () => {
    let kept: Tensor | undefined;
    let copy: Tensor | undefined;
    stepScope(() => {
      kept = F.relu(new Tensor([32, 32], data(1024, 5)));
      expect(inKernelMemory(kept.data)).toBe(true);
      copy = kept.clone();
    });
    const err = ((): unknown => {
      try {
        return kept!.data;
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(EngineError);
    expect((err as EngineError).code).toBe('memory-step-freed');
    expect((err as EngineError).message).toMatch(/made inside a training step.*\.clone\(\)/s);
    expect(() => kept!.reshape([1024])).toThrow(/training step/);
    expect(copy!.data).toEqual(F.relu(new Tensor([32, 32], data(1024, 5))).data);
  });

  it('backward() over a graph recorded in an ended step refuses (memory-step-graph-freed) instead of reading reused memory', () => {
    const model = mlp();
    const { x, y } = pointBatch();
    const loss = stepScope(() => F.crossEntropy(model.forward(x), y));
    expect(loss.size).toBe(1); // a scalar: an ordinary array, still readable
    expect(() => backward(loss)).toThrow(expect.objectContaining({ code: 'memory-step-graph-freed' }));
    // inside the step, as trainCase does it, it works
    stepScope(() => backward(F.crossEntropy(model.forward(x), y)));
    expect(model.parameters()[0].grad).not.toBeNull();
  });

  it('frees what a step allocated when it throws, and restores the outer scope', () => {
    let made: Tensor | undefined;
    expect(() =>
      stepScope(() => {
        made = new Tensor([1000]);
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect(inStepScope()).toBe(false);
    expect(stepMemoryStats().liveBlocks).toBe(0);
    expect(() => made!.data).toThrow(/training step/);
  });

  it('nested scopes: the inner one frees only its own tensors', () => {
    stepScope(() => {
      const outer = new Tensor([500]);
      outer.data.fill(7);
      let inner: Tensor | undefined;
      stepScope(() => {
        inner = F.add(outer, outer);
        expect(stepMemoryStats().liveBlocks).toBe(2);
      });
      expect(() => inner!.data).toThrow(/training step/);
      expect(outer.data.every((v) => v === 7)).toBe(true);
      expect(stepMemoryStats().liveBlocks).toBe(1);
      // The freed block is reused, zeroed, by the next allocation of its size.
      expect(new Tensor([500]).data.every((v) => v === 0)).toBe(true);
    });
    expect(stepMemoryStats().liveBlocks).toBe(0);
  });

  it('the kernels’ memory was reserved once at load and never grows (views over it never detach)', () => {
    const mod = kernelModule()!;
    expect(mod.memory.buffer).toBe(mod.buffer);
    expect(mod.buffer.byteLength).toBeGreaterThanOrEqual(MIN_RESERVE_BYTES);
    expect(mod.end).toBe(mod.buffer.byteLength);
    expect(mod.heap).toBeGreaterThanOrEqual(mod.scratchEnd);
  });

  it('conv2d’s reused buffers move into the kernels’ memory under the wasm back end; a bigger one under JS is an ordinary array', () => {
    expect(inKernelMemory(colBuffer(10))).toBe(true);
    setGemmBackend('js');
    try {
      expect(inKernelMemory(colBuffer(colBuffer(0).length + 1))).toBe(false);
    } finally {
      setGemmBackend('wasm');
    }
    expect(inKernelMemory(colBuffer(10))).toBe(true);
  });

  it('small tensors and tensors made outside any step stay ordinary arrays', () => {
    expect(inKernelMemory(new Tensor([1000]).data)).toBe(false);
    stepScope(() => expect(inKernelMemory(new Tensor([10]).data)).toBe(false));
  });

  it('a view of the kernels’ memory that no step handed out is copied, not wrapped', () => {
    stepScope(() => {
      const block = allocate(1000);
      const t = new Tensor([10], block.subarray(0, 10));
      block[0] = 5;
      expect(t.data[0]).toBe(0);
    });
  });

  it('a full heap falls back to ordinary arrays and trains to the same numbers', () => {
    const { x, y } = imageBatch();
    const sgd = (ps: Tensor[]): Optimizer => new SGD(ps, { lr: 0.05 });
    const plain = train(lenetish(), x, y, sgd, 6, false);
    limitHeapForTests(16 * 1024); // room for a few blocks only
    const before = stepMemoryStats().fallbacks;
    const full = train(lenetish(), x, y, sgd, 6);
    expect(stepMemoryStats().fallbacks - before).toBeGreaterThan(0);
    expect(full.losses).toEqual(plain.losses);
    expect(full.params).toEqual(plain.params);
  });

  it('under the JS back end a step allocates ordinary arrays: its tensors stay readable', () => {
    setGemmBackend('js');
    try {
      let t: Tensor | undefined;
      stepScope(() => {
        t = new Tensor([1000]);
      });
      expect(inKernelMemory(t!.data)).toBe(false);
      expect(t!.data.length).toBe(1000);
    } finally {
      setGemmBackend('wasm');
    }
  });
});

describe('the GEMM reads operands in the kernels’ memory in place', () => {
  beforeAll(() => setGemmBackend('wasm'));
  afterAll(() => setGemmBackend(undefined));

  /** The case's operands copied into blocks of the step's memory (same offsets and strides). */
  function inHeap(g: ReturnType<typeof gemmOperands>['fast']): typeof g {
    const move = (a: Float32Array): Float32Array => {
      const b = allocate(a.length);
      b.set(a);
      expect(inKernelMemory(b)).toBe(a.length >= 256);
      return b;
    };
    return { ...g, A: move(g.A), B: move(g.B), C: move(g.C) };
  }

  const cases: GemmCase[] = [
    { ...GEMM_BASE, M: 40, N: 50, K: 60 },
    { ...GEMM_BASE, ...GEMM_ALL_OPTIONS, M: 33, N: 17, K: 129, transA: true },
    { ...GEMM_BASE, ...GEMM_ALL_OPTIONS, M: 130, N: 70, K: 260, transB: true, seed: 8 },
    { ...GEMM_BASE, M: 7, N: 300, K: 40, transA: true, transB: true, accumulate: true, seed: 2 },
  ];

  it.each(cases)('M=$M N=$N K=$K transA=$transA transB=$transB accumulate=$accumulate: same numbers as the copy path, bit for bit, nothing copied', (c) => {
    const copied = gemmOperands(c);
    const ref = gemmOperands(c).ref;
    expect(wasmGemm(copied.fast)).toBe(true);
    gemmReference(ref);
    stepScope(() => {
      const placed = inHeap(gemmOperands(c).fast);
      const before = operandCounts();
      expect(wasmGemm(placed)).toBe(true);
      const after = operandCounts();
      expect(after.placed - before.placed).toBe(3);
      expect(after.copied - before.copied).toBe(0);
      expect(placed.C).toEqual(copied.fast.C);
      // and it is a product at all: within float32 rounding of the float64 reference
      const worst = Math.max(...placed.C.map((v, i) => Math.abs(v - ref.C[i])));
      expect(worst).toBeLessThan(1e-3);
    });
  });

  it('mixes: A in place, B and C copied, through gemm()', () => {
    const c: GemmCase = { ...GEMM_BASE, ...GEMM_ALL_OPTIONS, M: 64, N: 48, K: 80 };
    const copied = gemmOperands(c).fast;
    gemm(copied);
    stepScope(() => {
      const g = gemmOperands(c).fast;
      const A = allocate(g.A.length);
      A.set(g.A);
      const before = operandCounts();
      gemm({ ...g, A });
      expect(operandCounts().copied - before.copied).toBe(2);
      expect(g.C).toEqual(copied.C);
    });
  });
});
