/**
 * What the two gradient experiments (exploding-gradients, vanishing-gradients)
 * share: a sequence task built with fixed settings, a Task wrapper that reads
 * gradients inside each step (after backward, before clipping and the update:
 * Task.afterBackward), and the norms they read.
 */
import type { Tensor } from '../engine/index.js';
import { msg } from '../i18n/index.js';
import { memory } from '../training/data/memory.js';
import type { BatchLoss, Task } from '../training/task.js';
import { SequenceRunTask, type SequenceTaskSettings } from '../training/tasks/sequence.js';

/** A sequence run's settings (its id aside), plus the memory task's shape. */
export interface MemoryRunSettings extends Omit<SequenceTaskSettings, 'id' | 'transformer'> {
  /** Steps of each sequence: the symbol, then steps − 1 blanks (the answer is read at the last step). */
  steps: number;
  /** Sequences, train and test together (a fifth are kept for testing). */
  size: number;
}

/** The memory task (see the first of 4 symbols, answer after a gap) as a SequenceRunTask with these settings. */
export function memoryRun(id: string, s: MemoryRunSettings): SequenceRunTask {
  const data = memory.make({ steps: s.steps - 1, size: s.size, seed: s.seed });
  if (!data.ok) throw new Error(`experiment run ${id}: ${data.error.en}`);
  const { cell, hidden, batch, epochs, lr, optimizer, seed } = s;
  return new SequenceRunTask(
    data.value,
    { id, cell, hidden, batch, epochs, lr, optimizer, seed, ...(s.unrolled ? { unrolled: true } : {}) },
    msg(`Remember the first symbol (${cell.toUpperCase()})`, `记住第一个符号（${cell.toUpperCase()}）`),
    ['A', 'B', 'C', 'D', '·'],
  );
}

export interface ProbeHooks {
  /** After the batch's forward (the graph exists, backward has not run): e.g. mark tensors to retain their gradient. */
  afterForward?(b: BatchLoss): void;
  /** After backward, before clipping and the update: read the gradients. */
  afterBackward(): void;
}

/** `task` with hooks inside each step; everything else is the task's own. */
export function probed(task: Task, hooks: ProbeHooks): Task {
  return {
    info: task.info,
    model: task.model,
    startEpoch: (epoch) => task.startEpoch(epoch),
    batchLoss: (i) => {
      const b = task.batchLoss(i);
      hooks.afterForward?.(b);
      return b;
    },
    afterBackward: () => {
      task.afterBackward?.();
      hooks.afterBackward();
    },
    evaluate: () => task.evaluate(),
    views: () => task.views(),
  };
}

/** √(Σ g²) over every entry of the tensors' gradients (float64): clip_grad_norm_'s total norm, or ‖∂L/∂hₜ‖ of one step. */
export function gradNorm(tensors: readonly Tensor[]): number {
  let s = 0;
  for (const t of tensors) {
    if (!t.grad) continue;
    const g = t.grad.data;
    for (let i = 0; i < g.length; i++) s += g[i] * g[i];
  }
  return Math.sqrt(s);
}
