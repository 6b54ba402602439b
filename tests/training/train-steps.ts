/** A tiny training loop for the task tests (the Trainer does the same with any optimizer): Adam, one stepScope per step. */
import { Adam, backward, stepScope } from '../../src/engine/index.js';
import type { Task } from '../../src/training/task.js';

/** Trains `steps` steps (epochs as the task counts them) and returns each step's loss. */
export function trainSteps(task: Task, steps: number, lr = task.info.lr): number[] {
  const opt = new Adam(task.model.parameters(), { lr });
  const losses: number[] = [];
  let epoch = 0;
  let batches = 0;
  let i = 0;
  for (let s = 0; s < steps; s++) {
    if (i === batches) {
      batches = task.startEpoch(epoch++);
      i = 0;
    }
    const batch = i++;
    losses.push(
      stepScope(() => {
        opt.zeroGrad();
        const b = task.batchLoss(batch);
        backward(b.loss);
        opt.step();
        return b.loss.data[0];
      }),
    );
  }
  return losses;
}

export function mean(xs: readonly number[]): number {
  return xs.reduce((s, x) => s + x, 0) / xs.length;
}
