/**
 * Everything a command may read or change, passed explicitly so commands run
 * headless (tests, `nnlearn run`, piped stdin) exactly as in the Ink REPL.
 */
import type { Lang, Msg } from '../i18n/index.js';
import type { Tensor } from '../engine/tensor.js';
import type { Block } from '../view/blocks.js';
import type { MathEvaluator } from '../evaluator/evaluator.js';

/** A value bound with let: numbers, tensors (matrices, volumes), or anything else mathjs made. */
export type Value =
  | { kind: 'number'; value: number }
  | { kind: 'tensor'; tensor: Tensor; source?: string }
  | { kind: 'text'; display: string };

export interface ReplContext {
  lang: Lang;
  vars: Map<string, Value>;
  /** mathjs in its sandbox, loaded on first use only (start-up stays fast). */
  math(): Promise<MathEvaluator>;
  /** The last result that later commands (step, grad) may act on. */
  last?: { command: string; data: unknown };
  /** Terminal width for views; 80 when unknown. */
  width: number;
  /** Pushes a REPL variable into mathjs's scope once mathjs is running. */
  syncVar?(name: string, value: Value): Promise<void>;
}

/** What every command returns: a JSON record for scripts and Blocks for people. */
export interface CommandResult {
  ok: boolean;
  json: Record<string, unknown>;
  blocks: Block[];
  /** Side effects for the REPL shell itself. */
  action?: 'exit' | 'clear' | 'stepper';
  /** With action 'stepper': what the interactive sliding-window stepper walks. */
  stepper?: {
    config: import('../view/stepper/state.js').StepperConfig;
    data: import('../view/stepper/frame.js').StepperData;
    /** conv: every filter, so the stepper can switch between them; `filter` is the one shown first. */
    filters?: import('../view/stepper/frame.js').StepperData[];
    filter?: number;
  };
}

/** An error in what the student typed; `column` points into the line when known. */
export class UserError extends Error {
  constructor(
    readonly text: Msg,
    readonly column?: number,
    readonly length?: number,
  ) {
    super(text.en);
  }
}
