/**
 * Reverse-mode differentiation over the recorded graph (loss.backward()).
 *
 * Nodes are visited in reverse topological order, so a tensor used twice (a
 * shared weight, a residual branch) has received the gradient of every use
 * before its own op passes it on — the classic micrograd bug is visiting a
 * node before all its consumers are done. Leaves accumulate into `.grad`
 * across calls, as in PyTorch (the optimizer's zeroGrad() clears them).
 */
import { engineError } from '../messages.js';
import { allocate, Tensor } from '../tensor.js';
import { GradNode } from './node.js';

/** Nodes reachable from `root`, each after every node that consumes its outputs. */
function reverseTopological(root: GradNode): GradNode[] {
  const order: GradNode[] = [];
  const seen = new Set<GradNode>([root]);
  // Iterative depth-first search (a long recurrence must not overflow the JS stack).
  const stack: { node: GradNode; next: number; parents: Tensor[] }[] = [{ node: root, next: 0, parents: root.parents() }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.parents.length) {
      const p = GradNode.of(top.parents[top.next++]);
      if (p && !seen.has(p)) {
        seen.add(p);
        stack.push({ node: p, next: 0, parents: p.parents() });
      }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  return order.reverse();
}

function sameShape(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((n, i) => n === b[i]);
}

function addInto(target: Float32Array, g: Float32Array): void {
  for (let i = 0; i < target.length; i++) target[i] += g[i];
}

/**
 * Computes d(root)/d(leaf) for every leaf with requiresGrad reachable from root and
 * adds it to leaf.grad. `gradient` is d(final)/d(root); omitted, root must be a
 * single number (a loss) and the seed is 1.
 */
export function backward(root: Tensor, gradient?: Tensor): void {
  if (!root.requiresGrad) throw engineError('autograd-no-graph', { shape: root.shape });
  if (gradient === undefined && root.size !== 1) throw engineError('autograd-not-scalar', { shape: root.shape });
  if (gradient !== undefined && !sameShape(gradient.shape, root.shape)) {
    throw engineError('autograd-seed-shape', { want: root.shape, got: gradient.shape });
  }
  const seed = gradient ?? new Tensor(root.shape, Float32Array.of(1));
  const rootNode = GradNode.of(root);
  if (!rootNode) {
    accumulateLeaf(root, seed);
    return;
  }
  const pending = new Map<Tensor, Tensor>([[root, seed]]);
  for (const node of reverseTopological(rootNode)) {
    let any = false;
    const gradOutputs: Record<string, Tensor> = {};
    node.outputList.forEach((t, k) => {
      const g = pending.get(t);
      if (g) {
        any = true;
        pending.delete(t);
        if (t.retainsGrad) accumulateLeaf(t, g);
      }
      gradOutputs[node.outputNames[k]] = g ?? new Tensor(t.shape);
    });
    if (!any) continue;
    if (node.step?.ended) throw engineError('memory-step-graph-freed', { op: node.def.name });
    const grads = node.def.vjp!({ inputs: node.inputs, attrs: node.attrs, outputs: node.outputs, saved: node.saved }, gradOutputs);
    for (const [name, input] of node.wantingGrad()) {
      const g = grads[name];
      if (!g) continue;
      if (!sameShape(g.shape, input.shape)) {
        throw engineError('autograd-grad-shape', { op: node.def.name, input: name, want: input.shape, got: g.shape });
      }
      if (!input.gradFn) {
        accumulateLeaf(input, g);
        continue;
      }
      const had = pending.get(input);
      if (had) addInto(had.data, g.data);
      else pending.set(input, copyOf(g));
    }
  }
}

/** A copy to sum a non-leaf's gradients into: in the step's memory (allocate), as the vjps' own outputs. */
function copyOf(g: Tensor): Tensor {
  const d = allocate(g.size, g.shape);
  d.set(g.data);
  return new Tensor(g.shape, d);
}

/** A leaf's .grad outlives the step (the optimizer and the student read it after): an ordinary array, never the step's memory. */
function accumulateLeaf(leaf: Tensor, g: Tensor): void {
  if (leaf.grad) addInto(leaf.grad.data, g.data);
  else leaf.grad = new Tensor(leaf.shape, new Float32Array(g.data));
}
