/**
 * Types shared by the REPL's math evaluator (main thread) and its worker.
 * No runtime code and no mathjs here: both sides import it.
 */

export interface Bilingual {
  en: string;
  zh: string;
}

export type MathValue =
  | { kind: 'number'; value: number }
  /** Real numbers, row-major, rank 1 to 4. */
  | { kind: 'matrix'; shape: number[]; data: number[] }
  | { kind: 'boolean'; value: boolean }
  /** Strings, complex numbers, units, functions, anything else (display = mathjs format, precision 6). */
  | { kind: 'text'; display: string };

/** A variable an evaluation assigned, with its own value (not the line's result). */
export interface Binding {
  name: string;
  value: MathValue;
  display: string;
}

export type MathOutcome =
  /** `assigned`: the name the last statement assigns (the result shown as "name = value"). */
  | { ok: true; value: MathValue; display: string; assigned?: string; bindings?: Binding[]; notice?: Bilingual }
  /** A line that failed part-way may still have assigned variables before the failure. */
  | { ok: false; error: Bilingual; bindings?: Binding[]; notice?: Bilingual };

/** How the main thread keeps one variable so it can be put back into a fresh worker. */
export type ReplayEntry =
  | { kind: 'value'; value: MathValue }
  /**
   * JSON of a complex, unit, string, big number, object, …: mathjs's own
   * types inside it are wrapped in an envelope keyed by the session's secret
   * tag (WorkerInit.replayTag), so an object the student typed that merely
   * looks like mathjs JSON ({mathjs: "Range", …}) stays a plain object.
   */
  | { kind: 'json'; json: string }
  /** Text that recreates it when evaluated, e.g. "f(a) = a ^ 2". */
  | { kind: 'def'; text: string };

export interface Limits {
  /** Largest number of elements one result may have. */
  maxElements: number;
  /** Largest number of multiply-adds one matrix product (or decomposition) may need. */
  maxCost: number;
  /** Largest number of elements all variables together may hold. */
  maxScopeElements: number;
}

export type WorkerRequest =
  | { id: number; type: 'eval'; text: string }
  | { id: number; type: 'set'; name: string; value: MathValue }
  | { id: number; type: 'replay'; entries: Array<[string, ReplayEntry]> };

export type WorkerResponse =
  | {
      id: number;
      type: 'eval';
      outcome: MathOutcome;
      /** Variables this evaluation created or changed; null = no longer replayable (drop it). */
      changes: Array<[string, ReplayEntry | null]>;
    }
  /** Sent while an evaluation runs: functions it defined (kept even if the evaluation is then stopped). */
  | { id: number; type: 'progress'; changes: Array<[string, ReplayEntry | null]> }
  | { id: number; type: 'set'; error?: string }
  | { id: number; type: 'replay'; failed: string[] };

export interface WorkerInit {
  limits: Limits;
  /** A random key chosen by the main thread once per evaluator, the same for every worker it starts; never shown. */
  replayTag?: string;
}
