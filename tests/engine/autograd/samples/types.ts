import type { Attrs, Tensor } from '../../../../src/engine/index.js';
import type { GradCheckOptions } from '../../../../src/engine/autograd/gradcheck.js';

/** One point at which an op's registered vjp is checked against finite differences. */
export interface OpSample {
  op: string;
  /** What the sample covers (shown in the test name). */
  what: string;
  inputs: Record<string, Tensor>;
  attrs?: Attrs;
  opts?: GradCheckOptions;
}
