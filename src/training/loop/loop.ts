/**
 * The training loop as the student controls it: run, pause, one step at a
 * time, slower or faster, learning rate ×2 or ÷2, start again with a new seed.
 * It knows nothing of threads or screens: the worker (worker.ts) calls tick()
 * whenever its event loop is free and forwards what emit() reports; tests call
 * tick() by hand with a fake clock. A tick trains for at most `sliceMs`, so a
 * key waits at most one slice (well under the 100 ms the screen promises), and
 * a frame goes out at most every `frameMs` (15 frames/s by default), because
 * building the views costs a forward pass over the figure's grid.
 */
import type { EpochRow, LayerGrad, TrainerApi } from '../task.js';
import type { StepDetail } from '../inspect/types.js';
import { makeFrame, type Frame } from './frame.js';

/** How fast training goes: steps per second, or as fast as the machine can. */
export const SPEEDS = [1, 3, 10, 30, 100, Infinity] as const;
export const FASTEST = SPEEDS.length - 1;

export type Control =
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'toggle' }
  /** One optimizer step (pauses first if running); `inspect`: also send the step opened up (an 'inspect' event). */
  | { type: 'step'; inspect?: boolean }
  | { type: 'faster' }
  | { type: 'slower' }
  /** Multiply the learning rate (×2, ×0.5), within [1e-6, 10]. */
  | { type: 'lr'; factor: number }
  /** Start again from fresh weights with this seed. */
  | { type: 'reset'; seed: number };

export type LoopEvent =
  | { type: 'frame'; frame: Frame }
  | { type: 'epoch'; row: EpochRow }
  | { type: 'done'; frame: Frame }
  /** The step the screen asked to open (a 'step' control with inspect). */
  | { type: 'inspect'; detail: StepDetail };

export interface LoopOptions {
  clock?: () => number;
  frameMs?: number;
  sliceMs?: number;
  /** Starts paused (the screen's "press space to start" is not wanted; tests use it). */
  paused?: boolean;
  /** The speed to start at: an index into SPEEDS (default the fastest). */
  speed?: number;
}

export const LR_MIN = 1e-6;
export const LR_MAX = 10;

export class TrainingLoop {
  private trainer: TrainerApi;
  private paused: boolean;
  private speed: number = FASTEST;
  private lastFrame = -Infinity;
  /** When the next step may run at a limited speed. */
  private nextStepAt = 0;
  private finished = false;
  /** The last step's per-layer gradient norms (the trainer reports them per step only). */
  private grads: LayerGrad[] = [];
  private readonly clock: () => number;
  private readonly frameMs: number;
  private readonly sliceMs: number;

  constructor(
    trainer: TrainerApi,
    /** Builds the run again from fresh weights (reset with a new seed). */
    private readonly rebuild: (seed: number) => TrainerApi,
    private readonly emit: (e: LoopEvent) => void,
    opts: LoopOptions = {},
  ) {
    this.trainer = trainer;
    this.clock = opts.clock ?? (() => performance.now());
    this.frameMs = opts.frameMs ?? 1000 / 15;
    this.sliceMs = opts.sliceMs ?? 25;
    this.paused = opts.paused ?? false;
    this.speed = Math.max(0, Math.min(FASTEST, opts.speed ?? FASTEST));
  }

  /** The run now (a reset builds another). */
  get current(): TrainerApi {
    return this.trainer;
  }

  get state(): { paused: boolean; speed: number; done: boolean } {
    return { paused: this.paused, speed: this.speed, done: this.trainer.done };
  }

  /** Whether tick() has training to do now (false while paused or once done). */
  get running(): boolean {
    return !this.paused && !this.trainer.done;
  }

  /** Milliseconds until a limited speed allows the next step (0 when it may run now). */
  waitMs(): number {
    return Math.max(0, this.nextStepAt - this.clock());
  }

  control(c: Control): void {
    switch (c.type) {
      case 'pause':
        this.paused = true;
        break;
      case 'resume':
        this.paused = false;
        break;
      case 'toggle':
        this.paused = !this.paused;
        break;
      case 'step':
        this.paused = true;
        this.stepOnce(c.inspect === true);
        break;
      case 'faster':
        this.speed = Math.min(FASTEST, this.speed + 1);
        this.nextStepAt = 0;
        break;
      case 'slower':
        this.speed = Math.max(0, this.speed - 1);
        break;
      case 'lr': {
        const lr = Math.min(LR_MAX, Math.max(LR_MIN, this.trainer.lr * c.factor));
        this.trainer.setLr(lr);
        break;
      }
      case 'reset':
        this.trainer = this.rebuild(c.seed);
        this.finished = false;
        this.grads = [];
        this.nextStepAt = 0;
        break;
    }
    // Every control is answered with a frame at once: the screen shows the change without waiting.
    this.sendFrame();
  }

  /**
   * The run as it stands, without the figures: what the screen shows the
   * moment the run is built (its header, the empty curves). The figures cost a
   * forward pass over their grids and follow in the next frame.
   */
  announce(): void {
    this.lastFrame = this.clock();
    this.emit({ type: 'frame', frame: this.makeFrame(false) });
  }

  /** Trains for up to one slice (or one step at a limited speed); sends the frames and epochs that are due. */
  tick(): void {
    if (!this.running) return;
    const start = this.clock();
    const limit = SPEEDS[this.speed];
    do {
      if (Number.isFinite(limit)) {
        if (start < this.nextStepAt) break;
        this.nextStepAt = start + 1000 / limit;
        this.stepOnce();
        break;
      }
      this.stepOnce();
    } while (!this.trainer.done && this.clock() - start < this.sliceMs);
    if (this.trainer.done) return this.finish();
    if (this.clock() - this.lastFrame >= this.frameMs) this.sendFrame();
  }

  private stepOnce(inspect = false): void {
    if (this.trainer.done) return this.finish();
    const r = inspect ? this.trainer.step({ inspect: true }) : this.trainer.step();
    this.grads = r.grads;
    if (r.detail) this.emit({ type: 'inspect', detail: r.detail });
    if (r.epochEnded) this.emit({ type: 'epoch', row: r.epochEnded });
    if (r.done) this.finish();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.emit({ type: 'done', frame: this.makeFrame() });
  }

  private makeFrame(views = true): Frame {
    return makeFrame(this.trainer, { ...this.state, speed: SPEEDS[this.speed], grads: this.grads }, views);
  }

  private sendFrame(): void {
    this.lastFrame = this.clock();
    this.emit({ type: 'frame', frame: this.makeFrame() });
  }
}
