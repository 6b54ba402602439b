/**
 * One recorded op call: the registered op (its forward already ran), what it was
 * given and what it gave. backward() visits these nodes in reverse topological
 * order and calls the op's registered vjp.
 */
import type { Attrs } from '../attrs.js';
import type { Inputs, OpDef, Outputs } from '../registry.js';
import { type StepToken, stepToken } from '../step-memory.js';
import type { GradFn, Tensor } from '../tensor.js';

export class GradNode implements GradFn {
  /** The outputs in the op's order: output tensor k has gradOutputIndex k. */
  readonly outputList: readonly Tensor[];
  readonly outputNames: readonly string[];
  /** The training step whose memory holds the saved buffers (null outside one, or under the JS back end). */
  readonly step: StepToken | null = stepToken();

  get name(): string {
    return this.def.name;
  }

  /** The node that made `t` (every gradFn is a GradNode: only record.ts creates them). */
  static of(t: Tensor): GradNode | null {
    return t.gradFn as GradNode | null;
  }

  constructor(
    readonly def: OpDef,
    readonly inputs: Inputs,
    readonly attrs: Attrs,
    readonly outputs: Outputs,
    readonly saved: unknown,
  ) {
    this.outputNames = Object.keys(outputs);
    this.outputList = this.outputNames.map((n) => outputs[n]);
  }

  /** [name, tensor] of the inputs that want a gradient (leaves with requiresGrad, or results of recorded ops). */
  wantingGrad(): [string, Tensor][] {
    const skip = this.def.nonDifferentiable ?? [];
    return Object.entries(this.inputs).filter(([name, t]) => t.requiresGrad && !skip.includes(name));
  }

  parents(): Tensor[] {
    return this.wantingGrad().map(([, t]) => t);
  }
}
