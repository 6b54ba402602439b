/**
 * Messages of the training step's memory (step-memory.ts), spread into ENGINE_MESSAGES.
 */
import { fmtShape } from './errors.js';
import { m, type Shape } from './message-kit.js';

const sh = fmtShape;

export const MEMORY_MESSAGES = {
  'memory-step-freed': m<{ shape: Shape }>(
    (p) => `This tensor ${sh(p.shape)} was made inside a training step (stepScope) and its memory was given back when the step ended, so its numbers are gone. Keep what you need before the step ends: read the numbers you want inside it, or keep a copy with .clone().`,
    (p) => `这个张量 ${sh(p.shape)} 是在一个训练步（stepScope）里创建的，训练步结束时它的内存已被归还，所以它的数值已经不在了。请在训练步结束之前保留需要的东西：在步内读取需要的数值，或用 .clone() 保留一份副本。`,
  ),
  'memory-step-graph-freed': m<{ op: string }>(
    (p) => `backward(): the ${p.op} in this graph was computed inside a training step (stepScope) that has ended, and what its backward needs was given back with the step. Call backward() inside the same stepScope as the forward pass.`,
    (p) => `backward()：这个计算图中的 ${p.op} 是在一个已经结束的训练步（stepScope）里计算的，它反向传播需要的数据已随训练步归还。请在与前向传播相同的 stepScope 内调用 backward()。`,
  ),
} as const;
