/** Shared by the question-bank tests: every text of a question, and the variables a formula uses. */
import type { MathNode } from 'mathjs';
import { expect } from 'vitest';
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

const ID_RE = /^[a-z0-9-]+(\/[a-z0-9-]+)+$/;

/** Ids are unique, well-formed, and live under their lesson ("cnn/pooling/…"). */
export function expectWellFormedIds(all: readonly Question[]): void {
  const ids = all.map((q) => q.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const q of all) {
    expect(q.id, q.id).toMatch(ID_RE);
    expect(q.id.startsWith(q.lesson + '/'), q.id).toBe(true);
  }
}
