import { engineError } from '../messages.js';

/** A layer size (features, channels, hidden units…): a whole number ≥ 1. */
export function size(layer: string, name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) throw engineError('nn-bad-size', { layer, name, value });
  return value;
}
