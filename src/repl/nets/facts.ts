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

const conv = (f: number, inPerGroup: number, k: number): number => k * (f * f * inPerGroup + 1);
const fc = (n: number, m: number): number => n * m + m;

/**
 * AlexNet as the 2012 paper built it: 227×227×3 input, 96/256/384/384/256
 * filters, conv2, conv4 and conv5 split over two GPUs (each half sees only
 * its own GPU's half of the input depth), then 9216 → 4096 → 4096 → 1000.
 * The paper itself says "60 million parameters".
 */
export const ALEXNET_PAPER_PARAMS =
  conv(11, 3, 96) + conv(5, 48, 256) + conv(3, 256, 384) + conv(3, 192, 384) + conv(3, 192, 256) + fc(6 * 6 * 256, 4096) + fc(4096, 4096) + fc(4096, 1000);

/** The round figure the AlexNet paper gives for its two-GPU model. */
export const ALEXNET_PAPER_ROUND = 60_000_000;
