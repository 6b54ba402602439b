import { describe, expect, it } from 'vitest';
import { bucketLosses, ownBuffers, type Frame } from '../../src/training/loop/frame.js';
import { FASTEST, LR_MAX, LR_MIN, SPEEDS, TrainingLoop, type LoopEvent } from '../../src/training/loop/loop.js';
import { Linear } from '../../src/engine/index.js';
import type { EpochRow, StepReport, TaskInfo, TrainerApi } from '../../src/training/task.js';

/** A trainer that costs `msPerStep` of a fake clock per step: steps per epoch and epochs as given. */
class FakeTrainer implements TrainerApi {
  readonly info: TaskInfo;
  readonly model = new Linear(2, 2);
  lr = 0.1;
  stepsDone = 0;
  history: EpochRow[] = [];
  stepLosses: number[] = [];
  examplesPerSecond = 100;
  private readonly big = new Float32Array(1000);
  constructor(
    private readonly time: { now: number },
    readonly seed = 1,
    private readonly perEpoch = 4,
    epochs = 3,
    private readonly msPerStep = 1,
  ) {
    this.info = {
      id: 'fake',
      title: { en: 'fake', zh: '假' },
      topic: 'points',
      model: '2 → fc 2',
      parameters: 6,
      optimizer: 'sgd',
      lr: this.lr,
      batch: 1,
      epochs,
      seed,
      stepsPerEpoch: perEpoch,
      trainSize: perEpoch,
      testSize: 1,
      unit: { en: 'points', zh: '点' },
    };
  }
  get done(): boolean {
    return this.stepsDone >= this.perEpoch * this.info.epochs;
  }
  get epoch(): number {
    return Math.min(this.info.epochs, Math.floor(this.stepsDone / this.perEpoch) + 1);
  }
  get stepInEpoch(): number {
    return this.stepsDone % this.perEpoch;
  }
  setLr(lr: number): void {
    this.lr = lr;
  }
  step(): StepReport {
    if (this.done) return { loss: 0, grads: [], done: true };
    this.time.now += this.msPerStep;
    this.stepsDone++;
    const loss = 1 / this.stepsDone;
    this.stepLosses.push(loss);
    let epochEnded: EpochRow | undefined;
    if (this.stepsDone % this.perEpoch === 0) {
      epochEnded = { epoch: this.stepsDone / this.perEpoch, step: this.stepsDone, loss, accuracy: 0.5, test_loss: loss, test_accuracy: 0.5, lr: this.lr, examples_per_second: 100 };
      this.history.push(epochEnded);
    }
    return { loss, grads: [{ layer: 'fc1', norm: loss }], epochEnded, done: this.done };
  }
  views() {
    // Part of a larger buffer, as a parameter in the kernels' memory would be.
    return { filters: { size: 2, weights: [this.big.subarray(4, 8)] } };
  }
}

function setup(opts: { perEpoch?: number; epochs?: number; msPerStep?: number; paused?: boolean } = {}) {
  const time = { now: 0 };
  const events: LoopEvent[] = [];
  const seeds: number[] = [];
  const make = (seed: number) => new FakeTrainer(time, seed, opts.perEpoch ?? 4, opts.epochs ?? 3, opts.msPerStep ?? 1);
  const loop = new TrainingLoop(
    make(1),
    (seed) => {
      seeds.push(seed);
      return make(seed);
    },
    (e) => events.push(e),
    { clock: () => time.now, paused: opts.paused },
  );
  const frames = () => events.filter((e): e is Extract<LoopEvent, { type: 'frame' }> => e.type === 'frame').map((e) => e.frame);
  return { time, events, loop, seeds, frames };
}

describe('the training loop', () => {
  it('runs every epoch once, reports each epoch line in order, then done exactly once', () => {
    const { loop, events } = setup();
    for (let i = 0; i < 100 && loop.running; i++) loop.tick();
    loop.tick();
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e as { row: EpochRow }).row.epoch)).toEqual([1, 2, 3]);
    const done = events.filter((e) => e.type === 'done');
    expect(done).toHaveLength(1);
    expect((done[0] as { frame: Frame }).frame.stepsDone).toBe(12);
    expect(loop.running).toBe(false);
  });

  it('a tick trains for at most one slice, so a key waits at most that long', () => {
    const { loop, frames, time } = setup({ perEpoch: 1000, epochs: 1, msPerStep: 10 });
    loop.tick();
    // 25 ms slice at 10 ms a step: the third step crosses it.
    expect(frames().at(-1)?.stepsDone ?? 3).toBeLessThanOrEqual(3);
    expect(time.now).toBeLessThanOrEqual(30);
  });

  it('sends at most 15 frames a second while it runs', () => {
    const { loop, frames, time } = setup({ perEpoch: 100_000, epochs: 1, msPerStep: 1 });
    while (time.now < 2000) loop.tick();
    const at = frames().map((f) => f.stepsDone);
    expect(at.length).toBeGreaterThan(20);
    expect(at.length).toBeLessThanOrEqual(31);
    // one step per ms: consecutive frames are at least 1000/15 steps apart
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThanOrEqual(Math.floor(1000 / 15));
  });

  it('pause stops training; step makes exactly one step and answers with a frame; resume goes on', () => {
    const { loop, frames } = setup({ paused: true });
    loop.tick();
    expect(frames()).toHaveLength(0);
    loop.control({ type: 'step' });
    expect(frames().at(-1)).toMatchObject({ stepsDone: 1, paused: true });
    loop.control({ type: 'step' });
    expect(frames().at(-1)).toMatchObject({ stepsDone: 2, paused: true });
    loop.tick();
    expect(frames().at(-1)?.stepsDone).toBe(2);
    loop.control({ type: 'toggle' });
    expect(loop.running).toBe(true);
    loop.tick();
    loop.control({ type: 'pause' });
    expect(frames().at(-1)!.stepsDone).toBeGreaterThan(2);
  });

  it('the learning rate doubles and halves within its bounds, and the frame shows it at once', () => {
    const { loop, frames } = setup({ paused: true });
    loop.control({ type: 'lr', factor: 2 });
    expect(frames().at(-1)!.lr).toBeCloseTo(0.2);
    loop.control({ type: 'lr', factor: 0.5 });
    loop.control({ type: 'lr', factor: 0.5 });
    expect(frames().at(-1)!.lr).toBeCloseTo(0.05);
    for (let i = 0; i < 40; i++) loop.control({ type: 'lr', factor: 2 });
    expect(frames().at(-1)!.lr).toBe(LR_MAX);
    for (let i = 0; i < 80; i++) loop.control({ type: 'lr', factor: 0.5 });
    expect(frames().at(-1)!.lr).toBe(LR_MIN);
  });

  it('slower limits the steps per second; faster goes back to full speed', () => {
    const { loop, frames, time } = setup({ perEpoch: 100_000, epochs: 1 });
    for (let i = 0; i < FASTEST - 2; i++) loop.control({ type: 'slower' });
    expect(frames().at(-1)!.speed).toBe(SPEEDS[2]);
    const before = frames().at(-1)!.stepsDone;
    // 10 steps/s: over one fake second of ticks, about ten steps
    const until = time.now + 1000;
    while (time.now < until) {
      loop.tick();
      time.now += 5;
    }
    loop.control({ type: 'pause' });
    const made = frames().at(-1)!.stepsDone - before;
    expect(made).toBeGreaterThanOrEqual(9);
    expect(made).toBeLessThanOrEqual(11);
    for (let i = 0; i < 10; i++) loop.control({ type: 'faster' });
    expect(frames().at(-1)!.speed).toBe(Infinity);
  });

  it('reset starts again from a fresh run with the new seed', () => {
    const { loop, frames, seeds } = setup();
    for (let i = 0; i < 100 && loop.running; i++) loop.tick();
    loop.control({ type: 'reset', seed: 42 });
    expect(seeds).toEqual([42]);
    expect(frames().at(-1)).toMatchObject({ stepsDone: 0, done: false, history: [] });
    expect(loop.running).toBe(true);
  });

  it('a frame survives a structured clone, and carries no view of a larger buffer', () => {
    const { loop, frames } = setup({ paused: true });
    loop.control({ type: 'step' });
    const f = frames().at(-1)!;
    const w = f.views.filters!.weights[0];
    expect(w.buffer.byteLength).toBe(w.byteLength);
    expect(structuredClone(f)).toEqual(f);
  });
});

describe('bucketLosses', () => {
  it('keeps every loss while they fit, then averages power-of-two buckets', () => {
    expect(bucketLosses([1, 2, 3], 4)).toEqual({ losses: [1, 2, 3], every: 1 });
    expect(bucketLosses([1, 3, 5, 7, 9], 4)).toEqual({ losses: [2, 6, 9], every: 2 });
    const many = Array.from({ length: 10_000 }, (_, i) => i);
    const b = bucketLosses(many, 240);
    expect(b.losses.length).toBeLessThanOrEqual(240);
    expect(b.every).toBe(64);
    expect(b.losses[0]).toBe(31.5);
  });

  it('ownBuffers copies views of larger buffers and leaves whole ones', () => {
    const whole = new Float32Array(4);
    const part = new Float32Array(100).subarray(10, 14);
    const out = ownBuffers({ a: whole, b: [part], c: 'x', d: 3 });
    expect(out.a).toBe(whole);
    expect(out.b[0]).not.toBe(part);
    expect(out.b[0].buffer.byteLength).toBe(16);
    expect(out).toMatchObject({ c: 'x', d: 3 });
  });
});
