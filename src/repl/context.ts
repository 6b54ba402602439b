/**
 * Everything a command may read or change, passed explicitly so commands run
 * headless (tests, `nnlearn run`, piped stdin) exactly as in the Ink REPL.
 */
import type { Lang, Msg } from '../i18n/index.js';
import type { Tensor } from '../engine/tensor.js';
import type { Block } from '../view/blocks.js';
import type { MathEvaluator } from '../evaluator/evaluator.js';
import type { LastRun } from './runs.js';
import type { ExperimentRequest, TrainingService, TrainRequest } from './training-service.js';

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
  /** The last result that later commands (step, grad, clip) may act on. */
  last?: LastRun;
  /** Terminal width for views; 80 when unknown. */
  width: number;
  /** Pushes a REPL variable into mathjs's scope once mathjs is running. */
  syncVar?(name: string, value: Value): Promise<void>;
  /** The training domain, given by the shell that made this context (absent: `train` says it is not available). */
  training?: TrainingService;
  /**
   * Output written while a command still runs (train's epoch lines), by the
   * shell that prints results; absent, the command keeps it for its result.
   * A line without `json` is for people only (not written under --json).
   */
  progress?(p: { text: string; json?: JsonRecord }): void;
}

/** A command's record for scripts (--json): one JSON object per line. */
export type JsonRecord = Record<string, unknown>;

/**
 * What every command returns: whether it worked and what it computed, with
 * the output for each medium built only when that medium asks — the JSON
 * record under --json, the Blocks for a screen or plain text. A 1000×1000
 * pool prints a few rows; its million-number JSON record is never built
 * unless a script asked for it.
 */
export interface CommandResult {
  ok: boolean;
  /** The command's name, as in its JSON record ('none' for an empty line, 'parse' for a line not understood). */
  command: string;
  /** The JSON record for scripts, built on call (and once: later calls return the same record). */
  json(): JsonRecord;
  /** Blocks for people, built on call (and once). */
  blocks(): Block[];
  /** Side effects for the REPL shell itself. */
  action?: 'exit' | 'clear' | 'stepper' | 'train' | 'experiment';
  /** With action 'train': the checked run the interactive REPL opens on its training screen. */
  train?: TrainRequest & { id: string };
  /** With action 'experiment': the checked experiment the interactive REPL opens on its live screen. */
  experiment?: ExperimentRequest;
  /** With action 'stepper': what the interactive sliding-window stepper walks. */
  stepper?: {
    config: import('../view/stepper/state.js').StepperConfig;
    data: import('../view/stepper/frame.js').StepperData;
    /** conv: every filter, so the stepper can switch between them; `filter` is the one shown first. */
    filters?: import('../view/stepper/frame.js').StepperData[];
    filter?: number;
  };
  /** The variable the line set (let, a math assignment) and the seed rand drew: how to replay it elsewhere. */
  binds?: { name: string; seed?: number };
}

/** A producer that runs at most once, however often it is asked. */
function once<T>(make: () => T): () => T {
  let made = false;
  let value: T;
  return () => {
    if (!made) {
      value = make();
      made = true;
    }
    return value;
  };
}

/**
 * A command's result from its producers: `json` and `blocks` run only when a
 * medium asks for them, each at most once.
 */
export function commandResult(
  command: string,
  produce: { json: () => JsonRecord; blocks: () => Block[] },
  extra: Pick<CommandResult, 'action' | 'stepper' | 'binds' | 'train' | 'experiment'> & { ok?: boolean } = {},
): CommandResult {
  const { ok = true, ...rest } = extra;
  return { ok, command, json: once(produce.json), blocks: once(produce.blocks), ...rest };
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
