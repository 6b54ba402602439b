/** Shared by the question-bank tests: every text of a question, and the variables a formula uses. */
import type { MathNode } from 'mathjs';
import type { Msg } from '../../src/i18n/index.js';
import type { Question } from '../../src/quiz/types.js';

export function texts(q: Question): Msg[] {
  const out: Msg[] = [q.prompt, q.explain];
  if (q.hint) out.push(q.hint);
  if (q.kind === 'choice') out.push(...q.options);
  if (q.kind === 'order') out.push(...q.items);
  return out;
}

/** Symbols of an expression that are variables (not function names such as exp, sqrt or tanh). */
export function variables(node: MathNode): Set<string> {
  const names = new Set<string>();
  node.traverse((n, path, parent) => {
    if (n.type !== 'SymbolNode') return;
    if (parent && parent.type === 'FunctionNode' && path === 'fn') return;
    names.add((n as unknown as { name: string }).name);
  });
  return names;
}
