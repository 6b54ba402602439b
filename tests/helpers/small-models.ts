/**
 * Small seeded models and inputs shared by the tests of training-step memory
 * (step-memory-wasm, param-memory-wasm): a LeNet-like CNN and an MLP.
 */
import { Conv2d, Flatten, Linear, MaxPool2d, ReLU, Sequential } from '../../src/engine/nn/index.js';
import { seeded } from '../../src/engine/nn/init.js';
import type { Module } from '../../src/engine/nn/module.js';
import { mulberry32 } from '../../src/engine/random.js';

/** n seeded numbers in [−1, 1). */
export function data(n: number, seed: number): Float32Array {
  const r = mulberry32(seed);
  return Float32Array.from({ length: n }, () => r() * 2 - 1);
}

/** conv 1→4 (pad 1), pool, conv 4→8, pool, 32→16→3: a LeNet in miniature for [N, 1, 10, 10] inputs. */
export function lenetish(): Module {
  const g = seeded(3);
  return new Sequential([
    new Conv2d(1, 4, 3, { padding: 1, rng: g }),
    ReLU(),
    new MaxPool2d(2),
    new Conv2d(4, 8, 3, { rng: g }),
    ReLU(),
    new MaxPool2d(2),
    new Flatten(),
    new Linear(8 * 2 * 2, 16, { rng: g }),
    ReLU(),
    new Linear(16, 3, { rng: g }),
  ]);
}

/** 6 → 64 → 64 → 3. */
export function mlp(): Module {
  const g = seeded(4);
  return new Sequential([new Linear(6, 64, { rng: g }), ReLU(), new Linear(64, 64, { rng: g }), ReLU(), new Linear(64, 3, { rng: g })]);
}
