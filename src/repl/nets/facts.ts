/**
 * One source of truth for the network sizes that lessons, quiz items and
 * `net NAME` quote. A count is always tied to a variant: the REPL's tables
 * (mostly torchvision's models) are built layer by layer here; the papers'
 * own models are worked out from the layer sizes the papers give, so a
 * student can see where "60 million" and "61.1 million" each come from.
 */
import { findNet } from './index.js';

export interface NetFacts {
  id: string;
  title: string;
  /** The REPL's variant (see the NetDef's `variant`), counted layer by layer. */
  params: number;
  /** Parameters in the top-level fully connected layers. */
  fcParams: number;
  fcLayers: number;
}

const cache = new Map<string, NetFacts>();

/** Totals from the REPL's table for `net ID` (built once). */
export function netFacts(id: string): NetFacts {
  const hit = cache.get(id);
  if (hit) return hit;
  const def = findNet(id);
  if (!def) throw new Error(`no network ${id} in src/repl/nets`);
  const b = def.build();
  const fcs = b.layers.filter((l) => l.type === 'fc');
  const f: NetFacts = { id, title: def.title, params: b.params, fcParams: fcs.reduce((s, l) => s + l.params, 0), fcLayers: fcs.length };
  cache.set(id, f);
  return f;
}

export { ALEXNET_PAPER_PARAMS, ALEXNET_PAPER_ROUND } from './paper-counts.js';
