/**
 * The longest chain of ops in a recorded graph (helpers the parallel-training
 * experiment alone needs). Ops on one chain must run one after another, each
 * waiting for the last one's result; ops on different chains could run at the
 * same time. So the chain's length, not the number of ops, is what no amount
 * of parallel hardware can shorten.
 */
import { GradNode } from '../../engine/autograd/node.js';
import { F, type Tensor } from '../../engine/index.js';
import type { SequenceNet } from '../../training/models/sequence-net.js';

/**
 * Ops on the longest path from any leaf (a parameter, an input) to `out`, in the graph
 * autograd recorded for it: 1 + the longest of the op's inputs' chains. Throws when `out`
 * was not recorded (made under noGrad, or from tensors that need no gradient).
 */
export function longestChain(out: Tensor): number {
  const root = GradNode.of(out);
  if (!root) throw new Error('longestChain: the tensor has no recorded op (grad mode off, or nothing needs a gradient)');
  const depth = new Map<GradNode, number>();
  // Iterative post-order: an unrolled RNN's chain is as long as its sequence.
  const stack: GradNode[] = [root];
  while (stack.length > 0) {
    const node = stack[stack.length - 1];
    if (depth.has(node)) {
      stack.pop();
      continue;
    }
    let ready = true;
    let deepest = 0;
    for (const p of node.parents()) {
      const pn = GradNode.of(p);
      if (!pn) continue;
      const d = depth.get(pn);
      if (d === undefined) {
        ready = false;
        stack.push(pn);
      } else deepest = Math.max(deepest, d);
    }
    if (ready) {
      depth.set(node, deepest + 1);
      stack.pop();
    }
  }
  return depth.get(root)!;
}

/** Recorded ops in the graph of `out` (every node reachable from it). */
export function opCount(out: Tensor): number {
  const root = GradNode.of(out);
  if (!root) return 0;
  const seen = new Set<GradNode>([root]);
  const todo = [root];
  while (todo.length > 0) {
    for (const p of todo.pop()!.parents()) {
      const pn = GradNode.of(p);
      if (pn && !seen.has(pn)) {
        seen.add(pn);
        todo.push(pn);
      }
    }
  }
  return seen.size;
}

/**
 * A recurrent SequenceNet's outputs [N, T, outputs], its RNN run one rnn_cell op per step
 * instead of the one rnn_sequence op its forward() records. The engine fuses the T steps
 * into one op for speed, which hides them from the graph; the steps are still one after
 * another, each needing the last one's state, and here each is an op of its own. The
 * results are the same numbers as forward()'s.
 */
export function stepwiseForward(model: SequenceNet, x: Tensor): Tensor {
  const rnn = model.recurrent;
  if (!rnn || !model.embed || model.spec.cell !== 'rnn') throw new Error('stepwiseForward: a token RNN only');
  const inputs = model.embed.forward(x); // [N, T, E]
  const [N, T, E] = inputs.shape;
  let h: Tensor | undefined;
  const states: Tensor[] = [];
  for (let t = 0; t < T; t++) {
    const xt = F.reshape(F.slice(inputs, 1, t, t + 1), [N, E]);
    h = F.op(
      'rnn_cell',
      { input: xt, hidden: h, weight_ih: rnn.weight_ih_l0, weight_hh: rnn.weight_hh_l0, bias_ih: rnn.bias_ih_l0, bias_hh: rnn.bias_hh_l0 },
      { nonlinearity: (rnn as { nonlinearity?: string }).nonlinearity ?? 'tanh' },
    );
    states.push(h);
  }
  return model.head(F.stack(states, 1));
}
