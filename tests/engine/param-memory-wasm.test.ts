/**
 * Parameters and optimizer state in the kernels' memory (optim/optimizer.ts, step-memory.ts
 * persistentAlloc): under the WebAssembly back end the first optimizer step after the kernels
 * loaded moves them there, so the optimizer's SIMD kernels run and the GEMMs read weights in
 * place; the numbers are the same, bit for bit, as with everything in ordinary arrays.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as F from '../../src/engine/autograd/functional.js';
import { backward } from '../../src/engine/autograd/backward.js';
import { setGemmBackend } from '../../src/engine/gemm.js';
import { kernelAddress } from '../../src/engine/kernels/wasm-address.js';
import { heapStats } from '../../src/engine/kernels/wasm-heap.js';
import { wasmKernelStatus } from '../../src/engine/kernels/wasm-gemm.js';
import { operandCounts } from '../../src/engine/kernels/wasm-operands.js';
import { Flatten, Linear, ReLU, Sequential } from '../../src/engine/nn/basic.js';
import { Embedding, LayerNorm } from '../../src/engine/nn/index.js';
import { seeded } from '../../src/engine/nn/init.js';
import type { Module } from '../../src/engine/nn/module.js';
import { Adam, AdamW } from '../../src/engine/optim/adam.js';
import type { Optimizer } from '../../src/engine/optim/optimizer.js';
import { SGD } from '../../src/engine/optim/sgd.js';
import { persistentAlloc, stepMemoryStats, stepScope, useStepHeap } from '../../src/engine/step-memory.js';
import { allocate, Tensor } from '../../src/engine/tensor.js';
import { data, lenetish, mlp } from '../helpers/small-models.js';
import { optimizerKernelCalls } from '../../src/engine/wasm-elementwise.js';

/** Token ids → Embedding → LayerNorm → flatten → Linear: an Embedding's rows and a LayerNorm's weights in the heap. */
function embedder(): Module {
  const g = seeded(5);
  return new Sequential([new Embedding(20, 16, { rng: g }), new LayerNorm(16), new Flatten(), new Linear(4 * 16, 3, { rng: g })]);
}

const images = { x: new Tensor([8, 1, 12, 12], data(8 * 144, 1)), y: new Tensor([8], [0, 1, 2, 0, 1, 2, 0, 1]) };
const points = { x: new Tensor([40, 6], data(240, 2)), y: new Tensor([40], Array.from({ length: 40 }, (_, i) => i % 3)) };
const tokens = { x: new Tensor([10, 4], Array.from({ length: 40 }, (_, i) => (i * 7) % 20)), y: new Tensor([10], Array.from({ length: 10 }, (_, i) => i % 3)) };

interface Run {
  losses: number[];
  params: Float32Array[];
  model: Module;
  opt: Optimizer;
}

/** `steps` training steps (zeroGrad, forward, cross entropy, backward, step), each in a stepScope as trainCase runs them. */
function train(model: Module, batch: { x: Tensor; y: Tensor }, make: (ps: Tensor[]) => Optimizer, steps: number, each?: (s: number) => void): Run {
  const opt = make(model.parameters());
  const losses: number[] = [];
  for (let s = 0; s < steps; s++) {
    losses.push(
      stepScope(() => {
        opt.zeroGrad();
        const loss = F.crossEntropy(model.forward(batch.x), batch.y);
        backward(loss);
        opt.step();
        return loss.data[0];
      }),
    );
    each?.(s);
  }
  return { losses, params: model.parameters().map((p) => new Float32Array(p.data)), model, opt };
}

/** The same run with every array ordinary (useStepHeap(false): no step memory, nothing moved). */
function trainInOrdinaryArrays(...args: Parameters<typeof train>): Run {
  useStepHeap(false);
  try {
    return train(...args);
  } finally {
    useStepHeap(true);
  }
}

const inHeap = (a: Float32Array): boolean => kernelAddress(a) >= 0;

const sgd = (ps: Tensor[]): Optimizer => new SGD(ps, { lr: 0.05, momentum: 0.9, weightDecay: 1e-3 });
const adam = (ps: Tensor[]): Optimizer => new Adam(ps, { lr: 0.01, weightDecay: 1e-3 });
const adamw = (ps: Tensor[]): Optimizer => new AdamW(ps, { lr: 0.01 });

describe('parameters and optimizer state in the kernels’ memory (wasm back end)', () => {
  beforeAll(() => setGemmBackend('wasm'));
  afterAll(() => setGemmBackend(undefined));
  afterEach(() => useStepHeap(true));

  it('loads the kernels (so the rest really runs in their memory)', () => {
    expect(wasmKernelStatus()).toEqual({ ok: true });
  });

  it('nothing moves when a model and its optimizer are made; after the first step the parameters and the state are in the heap', () => {
    const model = lenetish();
    const opt = sgd(model.parameters());
    expect(model.parameters().some((p) => inHeap(p.data))).toBe(false);
    expect(opt.inKernelMemory).toBe(false);
    train(model, images, () => opt, 1);
    expect(opt.inKernelMemory).toBe(true);
    expect(model.parameters().every((p) => inHeap(p.data))).toBe(true);
    expect(opt.stateArrays().length).toBe(model.parameters().length);
    expect(opt.stateArrays().every(inHeap)).toBe(true);
    // .grad stays an ordinary array (zeroGrad drops it each step; the optimizer copies it into a block of its own)
    expect(model.parameters().every((p) => p.grad !== null && !inHeap(p.grad.data))).toBe(true);
    // a reshape of a moved parameter shares its numbers (not a copy)
    const w = model.parameters()[0];
    expect(w.reshape([w.size]).data).toBe(w.data);
  });

  it.each([
    ['SGD momentum + weight decay', 'sgdMomentum', sgd],
    ['Adam + weight decay', 'adam', adam],
    ['AdamW', 'adam', adamw],
  ] as const)('%s: the optimizer kernel runs for every parameter on every step', (_, kind, make) => {
    const model = mlp();
    const before = optimizerKernelCalls()[kind];
    train(model, points, make, 20);
    expect(optimizerKernelCalls()[kind] - before).toBe(20 * model.parameters().length);
  });

  it.each([
    ['LeNet-like, SGD momentum + weight decay', lenetish, images, sgd],
    ['MLP, Adam + weight decay', mlp, points, adam],
    ['MLP, AdamW', mlp, points, adamw],
    ['Embedding + LayerNorm + Linear, AdamW', embedder, tokens, adamw],
  ] as const)('%s: 50 steps give the same losses and parameters, bit for bit, as ordinary arrays', (_, model, batch, make) => {
    const heap = train(model(), batch, make, 50);
    const plain = trainInOrdinaryArrays(model(), batch, make, 50);
    expect(heap.opt.inKernelMemory).toBe(true);
    expect(heap.model.parameters().every((p) => inHeap(p.data))).toBe(true);
    expect(plain.opt.inKernelMemory).toBe(false);
    expect(plain.model.parameters().some((p) => inHeap(p.data))).toBe(false);
    expect(heap.losses).toEqual(plain.losses);
    expect(heap.params).toEqual(plain.params);
    expect(heap.losses[49]).toBeLessThan(heap.losses[0]);
  });

  it('the GEMMs read the moved weights in place: a step whose input is in the heap copies no operand', () => {
    // every tensor of the step at least HEAP_MIN_FLOATS (smaller ones are ordinary arrays, copied)
    const g = seeded(6);
    const model = new Sequential([new Linear(6, 64, { rng: g }), ReLU(), new Linear(64, 8, { rng: g })]);
    const x = new Tensor([64, 6], data(64 * 6, 7));
    const y = new Tensor([64], Array.from({ length: 64 }, (_, i) => i % 8));
    const opt = adam(model.parameters());
    const copiesInStep = (): number =>
      stepScope(() => {
        const xs = allocate(x.size);
        xs.set(x.data);
        const before = operandCounts().copied;
        opt.zeroGrad();
        backward(F.crossEntropy(model.forward(new Tensor(x.shape, xs)), y));
        opt.step();
        return operandCounts().copied - before;
      });
    expect(copiesInStep()).toBeGreaterThan(0); // first step: the weights were still ordinary arrays
    expect(copiesInStep()).toBe(0);
  });

  it('300 steps keep the heap flat: the persistent blocks are made once, on the first step', () => {
    const hw: number[] = [];
    const persistent: number[] = [];
    train(mlp(), points, adamw, 300, () => {
      hw.push(heapStats()!.highWaterBytes);
      persistent.push(stepMemoryStats().persistentBlocks);
    });
    expect(hw.slice(2).every((h) => h === hw[1])).toBe(true);
    expect(persistent.every((n) => n === persistent[0])).toBe(true);
    expect(stepMemoryStats().liveBlocks).toBe(0);
  });

  it('a model and optimizer dropped and collected give their blocks back (real garbage collection)', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const collect = async (): Promise<void> => {
      for (let i = 0; i < 5; i++) {
        gc();
        await new Promise((r) => setTimeout(r, 10));
      }
    };
    await collect(); // what earlier tests dropped
    const before = { persistent: stepMemoryStats().persistentBlocks, live: heapStats()!.liveBlocks };
    const n = lenetish().parameters().length;
    (() => void train(lenetish(), images, sgd, 2))();
    // each parameter, its velocity, the block its gradient is copied into
    expect(stepMemoryStats().persistentBlocks - before.persistent).toBe(3 * n);
    expect(heapStats()!.liveBlocks - before.live).toBe(3 * n);
    await collect();
    expect(stepMemoryStats().persistentBlocks).toBe(before.persistent);
    expect(heapStats()!.liveBlocks).toBe(before.live);
  });
});

describe('under the JS back end nothing moves', () => {
  beforeAll(() => setGemmBackend('js'));
  afterAll(() => setGemmBackend(undefined));

  it('parameters and state stay ordinary arrays, the optimizer kernels never run', () => {
    const before = optimizerKernelCalls();
    const run = train(mlp(), points, adam, 5);
    expect(run.opt.inKernelMemory).toBe(false);
    expect(run.model.parameters().some((p) => inHeap(p.data))).toBe(false);
    expect(run.opt.stateArrays().some(inHeap)).toBe(false);
    expect(optimizerKernelCalls()).toEqual(before);
    expect(persistentAlloc(1000)).toBeUndefined();
  });
});
