/**
 * Readable names for a model's layers and parameters. The engine names
 * parameters as PyTorch does ("0.weight", "3.bias"): right for state dicts,
 * opaque to a student, who sees a Sequential as fc1, relu, fc2 … The screen's
 * gradient norms and the saved-model messages both say "fc1.weight".
 */
import { Sequential, type Module } from '../engine/index.js';

/** The layer a parameter belongs to: "3.weight" and "3.bias" → "3"; "2.self_attn.in_proj_weight" → "2"; "weight" → "". */
export function layerPrefix(paramName: string): string {
  return paramName.includes('.') ? paramName.split('.')[0] : '';
}

/** prefix → readable name: "fc1", "conv2" for the numbered layers of a Sequential, else the module path ("lstm", "head"), "model" for the root. */
export function layerNames(model: Module): Map<string, string> {
  const counts: Record<string, number> = {};
  const out = new Map<string, string>();
  for (const [name] of model.namedParameters()) {
    const prefix = layerPrefix(name);
    if (out.has(prefix)) continue;
    if (!(model instanceof Sequential) || !/^\d+$/.test(prefix)) {
      out.set(prefix, prefix || 'model');
      continue;
    }
    const d = model.layers[Number(prefix)].describe();
    const kind = d.startsWith('Linear') ? 'fc' : d.startsWith('Conv2d') ? 'conv' : d.split('(')[0].toLowerCase();
    counts[kind] = (counts[kind] ?? 0) + 1;
    out.set(prefix, `${kind}${counts[kind]}`);
  }
  return out;
}

/** "0.weight" → "fc1.weight (0.weight)" where the layer has a readable name; other names as they are. */
export function readableParam(names: ReadonlyMap<string, string>, paramName: string): string {
  const prefix = layerPrefix(paramName);
  const readable = names.get(prefix);
  if (!readable || readable === prefix || prefix === '') return paramName;
  return `${readable}${paramName.slice(prefix.length)} (${paramName})`;
}
