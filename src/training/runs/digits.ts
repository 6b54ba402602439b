// placeholder
import type { RunDef } from './run-def.js';
export const digitsRuns: readonly RunDef[] = [];
