/**
 * The digits runs: LeNet-5 (as in bench/training/lenet.ts: conv 5×5 ×6 padding 2,
 * ReLU, max pool 2, conv 5×5 ×16, ReLU, max pool 2, fc 120, fc 84, fc 10) and, for
 * comparison, an MLP of about the same size (784 → 77 → 10: 61,225 parameters
 * against LeNet's 61,706) on the shipped MNIST subset (10,000 training and 2,000
 * test images). --activation swaps the hidden activations; --net any chain from
 * 28x28x1 (or 784).
 *
 * Defaults, measured (2 shared cores under a load average of 7–9, wasm kernels, tsx):
 * LeNet-5 with Adam lr 0.003, batch 32, 6 epochs, seeds 1/2/3: ≥ 95 % test accuracy at
 * 5.8/16.4/9.2 s, ≥ 97 % at 19.4/26.9/22.4 s, 97.8/97.9/97.8 % at the end (56.7/60.4/26.8 s;
 * the spread is the machine's load, an unloaded machine trains about three times faster).
 * The MLP with Adam lr 0.002, batch 32, 8 epochs: about 94.5 % in 11 s — it sees pixels,
 * not strokes, and that is the comparison the run is for.
 */
import { msg, type Msg } from '../../i18n/index.js';
import { DIGIT_CLASSES, firstImages, loadDigits, type Digits } from '../data/digits.js';
import type { ActivationName, OptimizerName, TrainOptions } from '../task.js';
import { digitsTask } from '../tasks/digits.js';
import { buildChain, checkBatchFits } from './net-chain.js';
import type { BuildResult, RunDef } from './run-def.js';

const act = (a: ActivationName): string => (a === 'linear' ? '' : ` | ${a}`);

export function lenetChain(a: ActivationName): string {
  return `28x28x1 | conv F=5 P=2 K=6${act(a)} | pool F=2 | conv F=5 K=16${act(a)} | pool F=2 | flatten | fc 120${act(a)} | fc 84${act(a)} | fc ${DIGIT_CLASSES}`;
}

export function digitsMlpChain(a: ActivationName): string {
  return `784 | fc 77${act(a)} | fc ${DIGIT_CLASSES}`;
}

/** The digits are read once per process (about 70 ms) and shared by every run: no run writes to them. */
let cached: Digits | undefined;

function sharedDigits(): { ok: true; digits: Digits } | { ok: false; error: Msg } {
  if (!cached) {
    const loaded = loadDigits();
    if (!loaded.ok) return loaded;
    cached = loaded.digits;
  }
  return { ok: true, digits: cached };
}

/** What digitsChainTask builds: a --net chain trained on the first `trainSize` training images (all by default). */
export interface DigitsChainOptions {
  net: string;
  optimizer: OptimizerName;
  lr: number;
  batch: number;
  epochs: number;
  seed: number;
  /** Train on the first this many of the 10,000 training images (a quick variant's smaller set). */
  trainSize?: number;
  /** Test on the first this many of the 2,000 test images. */
  testSize?: number;
}

/**
 * A digits task for a chain on part of the data: for code that sets its own
 * sizes (an experiment's quick variant), not a student's option. Same result
 * type as a run's build: a refused chain or size is a message.
 */
export function digitsChainTask(o: DigitsChainOptions): BuildResult {
  const shared = sharedDigits();
  if (!shared.ok) return shared;
  const all = shared.digits;
  const trainSize = o.trainSize ?? all.train.count;
  const testSize = o.testSize ?? all.test.count;
  for (const [n, most, what] of [[trainSize, all.train.count, 'trainSize'], [testSize, all.test.count, 'testSize']] as const) {
    if (!Number.isInteger(n) || n < 1 || n > most) return { ok: false, error: msg(`${what} must be a whole number from 1 to ${most}; got ${n}.`, `${what} 必须是 1 到 ${most} 的整数，现在是 ${n}。`) };
  }
  const digits: Digits = { ...all, train: firstImages(all.train, trainSize), test: firstImages(all.test, testSize) };
  const built = buildChain(o.net, { kind: 'digits' }, DIGIT_CLASSES, o.seed);
  if (!built.ok) return built;
  const tooBig = checkBatchFits(built.net, o.batch);
  if (tooBig) return { ok: false, error: tooBig };
  const title = msg('Handwritten digits', '手写数字');
  return { ok: true, task: digitsTask({ id: 'digits', title, digits, net: built.net, optimizer: o.optimizer, lr: o.lr, batch: o.batch, epochs: o.epochs, seed: o.seed }) };
}

function digitsRun(id: string, title: RunDef['title'], summary: RunDef['summary'], chain: (a: ActivationName) => string, name: (chainText: string) => string, defaults: TrainOptions): RunDef {
  return {
    id,
    topic: 'digits',
    title,
    summary,
    defaults: { optimizer: 'adam', seed: 1, activation: 'relu', ...defaults },
    accepts: ['net', 'lr', 'optimizer', 'batch', 'epochs', 'seed', 'activation'],
    build(o): BuildResult {
      const shared = sharedDigits();
      if (!shared.ok) return shared;
      const built = buildChain(o.net ?? chain(o.activation!), { kind: 'digits' }, DIGIT_CLASSES, o.seed!);
      if (!built.ok) return built;
      const tooBig = checkBatchFits(built.net, o.batch!);
      if (tooBig) return { ok: false, error: tooBig };
      // The header's one line: the default net by its name, a student's chain as typed.
      const modelText = o.net === undefined ? name(built.net.text) : undefined;
      const task = digitsTask({ id, title, digits: shared.digits, net: built.net, optimizer: o.optimizer!, lr: o.lr!, batch: o.batch!, epochs: o.epochs!, seed: o.seed!, modelText });
      return { ok: true, task };
    },
  };
}

export const digitsRuns: readonly RunDef[] = [
  digitsRun(
    'digits',
    msg('Handwritten digits with LeNet-5', '用 LeNet-5 识别手写数字'),
    msg('LeNet-5 learns 10,000 MNIST digits and is tested on 2,000 others: watch its filters form.', 'LeNet-5 学习 10,000 张 MNIST 手写数字，并在另外 2,000 张上测试：看它的滤波器成形。'),
    lenetChain,
    () => 'LeNet-5',
    { lr: 0.003, batch: 32, epochs: 6 },
  ),
  digitsRun(
    'digits-mlp',
    msg('Handwritten digits with an MLP', '用 MLP 识别手写数字'),
    msg('An MLP of LeNet-5’s size on the same digits: it sees pixels, not shapes — compare the two.', '与 LeNet-5 参数量相当的 MLP 学习同样的数字：它看到的是像素而不是形状——比较两者。'),
    digitsMlpChain,
    (text) => `MLP ${text}`,
    { lr: 0.002, batch: 32, epochs: 8 },
  ),
];
