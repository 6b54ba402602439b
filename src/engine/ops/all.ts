/**
 * The explicit op registry: every op file exports its definitions and is
 * listed here once. Adding an op = writing its file + one line below.
 */
import { OpRegistry } from '../registry.js';
import { activationOps } from './activations.js';

export const registry = new OpRegistry([
  ...activationOps,
]);
