/**
 * The model's answer for a drawn digit: through the training worker (as the
 * screen asks, between steps, paused or running) with the real LeNet-5, and in
 * this process for a trained MLP, which must read test digits drawn small in a
 * corner of the canvas once they are made MNIST-like. Waits are for messages.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { TrainingClient } from '../../../src/training/loop/client.js';
import type { Frame } from '../../../src/training/loop/frame.js';
import { gatherDigits, loadDigits } from '../../../src/training/data/digits.js';
import { noGrad, Tensor } from '../../../src/engine/index.js';
import { softmaxOf } from '../../../src/training/tasks/digit-predict.js';
import { mnistLike } from '../../../src/training/data/draw-preprocess.js';
import { startTrainer } from '../../../src/training/start.js';
import type { Prediction } from '../../../src/training/tasks/digit-predict.js';

const loaded = loadDigits();
if (!loaded.ok) throw new Error(loaded.error.en);
const test = loaded.digits.test;
const N = 28;
const digit = (i: number) => test.images.slice(i * N * N, (i + 1) * N * N);
/** A test digit as she might draw it: at 3/4 size, low and to the right. */
function drawnSmall(px: Uint8Array): Uint8Array {
  const out = new Uint8Array(N * N);
  for (let r = 0; r < 21; r++) for (let c = 0; c < 21; c++) out[(r + 7) * N + c + 7] = px[Math.floor((r * 4) / 3) * N + Math.floor((c * 4) / 3)];
  return out;
}
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const argmax = (xs: number[]) => xs.indexOf(Math.max(...xs));

let client: TrainingClient | null = null;
afterEach(() => client?.close());

describe('predict through the training worker', () => {
  it('LeNet-5: probabilities that sum to 1 and conv1’s six 28×28 maps, paused and while it trains', async () => {
    const frames: Frame[] = [];
    const answers: (Prediction | null)[] = [];
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise<void>((r) => waiters.push(r));
    };
    client = new TrainingClient(
      { runId: 'digits', options: { epochs: 1, seed: 1 }, paused: true },
      {
        frame: (f) => (frames.push(f), wake()),
        epoch: () => undefined,
        done: () => undefined,
        error: (e) => {
          throw new Error(e.en);
        },
        prediction: (p) => (answers.push(p), wake()),
      },
    );
    await until(() => frames.length > 0);
    client.predict(mnistLike(digit(0)));
    await until(() => answers.length === 1);
    const p = answers[0]!;
    expect(p.probs).toHaveLength(10);
    expect(sum(p.probs)).toBeCloseTo(1, 6);
    expect(p.probs.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(p.maps).toMatchObject({ kind: 'conv', side: 28, count: 6 });
    expect(p.maps.maps).toHaveLength(6);
    expect(p.maps.maps[0]).toHaveLength(28 * 28);
    // The same image twice: the same answer (eval mode, no state left behind).
    client.predict(mnistLike(digit(0)));
    await until(() => answers.length === 2);
    expect(answers[1]!.probs).toEqual(p.probs);
    // While it trains: answered between steps, from the model as it is then.
    client.send({ type: 'resume' });
    await until(() => frames.some((f) => f.stepsDone >= 3));
    client.predict(mnistLike(digit(1)));
    await until(() => answers.length === 3);
    expect(sum(answers[2]!.probs)).toBeCloseTo(1, 6);
  }, 90_000);

  it('a run that is not digits answers null', async () => {
    const answers: (Prediction | null)[] = [];
    let frames = 0;
    const waiters: (() => void)[] = [];
    const wake = () => waiters.splice(0).forEach((w) => w());
    const until = async (ok: () => boolean) => {
      while (!ok()) await new Promise<void>((r) => waiters.push(r));
    };
    client = new TrainingClient(
      { runId: 'xor', options: {}, paused: true },
      { frame: () => (frames++, wake()), epoch: () => undefined, done: () => undefined, error: () => undefined, prediction: (p) => (answers.push(p), wake()) },
    );
    await until(() => frames > 0);
    client.predict(new Uint8Array(N * N));
    await until(() => answers.length === 1);
    expect(answers[0]).toBeNull();
  }, 60_000);
});

describe('a trained model reads digits drawn on the canvas', () => {
  it('predict gives what the model gives a test image as training feeds it (grey / 255), in eval mode', async () => {
    for (const id of ['digits', 'digits-mlp']) {
      const t = await startTrainer(id, { seed: 2, epochs: 1 });
      if (!t.ok) throw new Error(t.error.en);
      for (let i = 0; i < 5; i++) t.trainer.step();
      const p = t.trainer.predict!(digit(7))!;
      const model = t.trainer.model;
      model.eval();
      const shape = id === 'digits' ? [1, 1, N, N] : [1, N * N];
      const logits = noGrad(() => model.forward(new Tensor(shape, gatherDigits(test, [7]))).data);
      model.train();
      const want = softmaxOf(logits);
      p.probs.forEach((v, k) => expect(v).toBeCloseTo(want[k], 6));
    }
  }, 60_000);

  it('digits-mlp after 300 steps: test digits drawn small in a corner, made MNIST-like, are mostly read right', async () => {
    const t = await startTrainer('digits-mlp', { seed: 1, epochs: 2 });
    if (!t.ok) throw new Error(t.error.en);
    for (let i = 0; i < 300; i++) t.trainer.step();
    let right = 0;
    let rightRaw = 0;
    const n = 40;
    for (let i = 0; i < n; i++) {
      const drawn = drawnSmall(digit(i));
      const p = t.trainer.predict!(mnistLike(drawn))!;
      expect(sum(p.probs)).toBeCloseTo(1, 6);
      expect(p.maps).toMatchObject({ kind: 'hidden', count: 77, side: 9 });
      if (argmax(p.probs) === test.labels[i]) right++;
      if (argmax(t.trainer.predict!(drawn)!.probs) === test.labels[i]) rightRaw++;
    }
    // The preprocessing is what makes the difference: unprocessed, the same drawings are read far worse.
    expect(right / n).toBeGreaterThanOrEqual(0.8);
    expect(right).toBeGreaterThan(2 * rightRaw);
  }, 120_000);
});
