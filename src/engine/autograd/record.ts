/**
 * Calls a registered op and, when grad mode is on and an input requires a
 * gradient, records the call for backward. Every differentiable function of
 * the engine (functional.ts, the nn modules, the losses) goes through here, so
 * an op is written once — forward and vjp side by side in its op file.
 */
import type { Attrs } from '../attrs.js';
import { engineError } from '../messages.js';
import { registry } from '../ops/all.js';
import { type Outputs, SAVED, type SavedOutputs } from '../registry.js';
import { Tensor } from '../tensor.js';
import { isGradEnabled } from './grad-mode.js';
import { GradNode } from './node.js';

export function record(op: string, inputs: Record<string, Tensor | undefined>, attrs: Attrs = {}): Outputs {
  const outputs = registry.run(op, inputs, attrs) as SavedOutputs;
  if (!isGradEnabled()) return outputs;
  const def = registry.get(op);
  const skip = def.nonDifferentiable ?? [];
  const given: Record<string, Tensor> = {};
  let wanted = false;
  for (const [name, t] of Object.entries(inputs)) {
    if (t === undefined) continue;
    given[name] = t;
    if (t.requiresGrad && !skip.includes(name)) wanted = true;
  }
  if (!wanted) return outputs;
  if (!def.vjp) throw engineError('autograd-no-backward', { op });
  // An output must be its own tensor object: it gets its own gradFn (a view shares data only).
  const inputSet = new Set(Object.values(given));
  for (const name of Object.keys(outputs)) {
    if (inputSet.has(outputs[name])) outputs[name] = new Tensor(outputs[name].shape, outputs[name].data);
  }
  const node = new GradNode(def, given, attrs, outputs, outputs[SAVED]);
  node.outputList.forEach((t, k) => {
    t.requiresGrad = true;
    t.gradFn = node;
    t.gradOutputIndex = k;
  });
  return outputs;
}

/** The single output of an op that has one. */
export function record1(op: string, inputs: Record<string, Tensor | undefined>, attrs: Attrs = {}): Tensor {
  const out = record(op, inputs, attrs);
  const names = Object.keys(out);
  return out[names[0]];
}
