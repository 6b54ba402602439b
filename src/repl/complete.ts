/**
 * Tab completion, pure: given the line up to the cursor, what could the word
 * being typed become? Commands first, then that command's options (F=, S=…)
 * and flags (max, avg, ceil…), then variable names and net names.
 */
import { CHAIN_LAYER_WORDS } from './commands/net.js';
import { findSpec } from './parser.js';
import type { CommandSpec } from './spec.js';

export interface Completion {
  /** Start column of the word being replaced. */
  start: number;
  /** Candidates, each the full replacement for the word. */
  candidates: string[];
  /** The longest common prefix of the candidates (what one Tab inserts). */
  common: string;
}

export function complete(
  before: string,
  specs: readonly CommandSpec[],
  vars: readonly string[],
  /** Words a command takes; a group is several names of one thing (a network's aliases), offered once. */
  extraWords: (command: string) => readonly (string | readonly string[])[] = () => [],
): Completion {
  const m = /([A-Za-z_][A-Za-z0-9_\-]*)?$/.exec(before)!;
  const word = m[1] ?? '';
  const start = before.length - word.length;
  const head = before.slice(0, start);
  const lowerWord = word.toLowerCase();
  const oneOf = (w: string | readonly string[]): string[] => {
    if (typeof w === 'string') return [w];
    const hit = w.find((x) => x.toLowerCase().startsWith(lowerWord) && x !== word);
    return hit ? [hit] : [];
  };
  let pool: string[];
  if (head.trim() === '') {
    pool = [...specs.flatMap((s) => [s.name]), ...vars];
  } else {
    const cmdWord = /^\s*([A-Za-z_][A-Za-z0-9_\-]*)/.exec(before)?.[1] ?? '';
    const spec = findSpec(specs, cmdWord);
    // After "|" in a net chain, layer commands are what can come next.
    if (/\|\s*$/.test(head)) pool = [...CHAIN_LAYER_WORDS];
    else if (spec) {
      const used = new Set([...before.matchAll(/([A-Za-z]+)\s*=/g)].map((x) => x[1].toLowerCase()));
      // After a literal size (conv 32x32x3 …) the options that need numbers (w=, b=, seed=) do not apply,
      // and the input is already given: no variable names either (except as an option's value, after "=").
      const literalSize = /^\s*\S+\s+\d+[x×]\d+([x×]\d+)?\s/i.test(head);
      const afterEq = /=\s*$/.test(head);
      pool = afterEq
        ? [...vars]
        : [
            ...(spec.options ?? []).filter((o) => !used.has(o.key.toLowerCase()) && !(literalSize && o.onValues)).map((o) => `${o.key}=`),
            ...(spec.flags ?? []).map((f) => f.name),
            ...extraWords(spec.name).flatMap(oneOf),
            ...(literalSize ? [] : vars),
          ];
      if (spec.name === 'help') pool = specs.map((s) => s.name);
    } else pool = [...vars];
  }
  const lower = word.toLowerCase();
  const candidates = [...new Set(pool.filter((c) => c.toLowerCase().startsWith(lower) && c !== word))].sort();
  return { start, candidates, common: commonPrefix(candidates, word) };
}

function commonPrefix(list: string[], word: string): string {
  if (list.length === 0) return word;
  let p = list[0];
  for (const c of list.slice(1)) {
    let i = 0;
    while (i < p.length && i < c.length && p[i].toLowerCase() === c[i].toLowerCase()) i++;
    p = p.slice(0, i);
  }
  return p.length >= word.length ? p : word;
}
