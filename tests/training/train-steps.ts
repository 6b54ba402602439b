/** A tiny training loop for the task tests (the Trainer does the same with any optimizer): Adam, one stepScope per step. */
import { Adam, backward, stepScope } from '../../src/engine/index.js';
import type { Task } from '../../src/training/task.js';

export class LocalLoop {
  private readonly opt: Adam;
  private epoch = 0;
  private batches = 0;
  private next = 0;
  constructor(
    readonly task: Task,
    lr = task.info.lr,
  ) {
    this.opt = new Adam(task.model.parameters(), { lr });
  }
  /** Trains `count` steps, starting epochs as they run out; returns each step's loss. */
  steps(count: number): number[] {
    const losses: number[] = [];
    for (let s = 0; s < count; s++) {
      if (this.next === this.batches) {
        this.batches = this.task.startEpoch(this.epoch++);
        this.next = 0;
      }
      const batch = this.next++;
      losses.push(
        stepScope(() => {
          this.opt.zeroGrad();
          const b = this.task.batchLoss(batch);
          backward(b.loss);
          this.opt.step();
          return b.loss.data[0];
        }),
      );
    }
    return losses;
  }
}

/** Trains `steps` steps of a fresh loop and returns each step's loss. */
export function trainSteps(task: Task, steps: number, lr = task.info.lr): number[] {
  return new LocalLoop(task, lr).steps(steps);
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
