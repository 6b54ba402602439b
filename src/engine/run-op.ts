import type { Attrs } from './attrs.js';
import { registry } from './ops/all.js';
import type { Outputs } from './registry.js';
import type { Tensor } from './tensor.js';

/**
 * Runs a registered op by its golden-format name, e.g.
 *   runOp('conv2d', { input, weight, bias }, { stride: 1, padding: 1, dilation: 1 })
 * and returns its outputs by name ({ output }).
 */
export function runOp(op: string, inputs: Record<string, Tensor | undefined> = {}, attrs: Attrs = {}, opts: { strictAttrs?: boolean } = {}): Outputs {
  return registry.run(op, inputs, attrs, opts);
}

export function hasOp(op: string): boolean {
  return registry.has(op);
}

export function listOps(): { name: string; summary: string }[] {
  return registry.names().map((name) => ({ name, summary: registry.get(name).summary }));
}
