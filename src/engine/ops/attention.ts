import type { OpDef } from '../registry.js';

// Placeholder: filled in by the op family's implementation.
export const attentionOps: OpDef[] = [];
