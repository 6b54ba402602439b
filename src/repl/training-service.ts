/**
 * What the REPL's `train` and `experiment` commands need from the training
 * domain (and the experiments above it), as types
 * only. src/training already imports the REPL's chain parser (for --net), so
 * the REPL must never import src/training: the shells above both (the piped
 * REPL, `nnlearn run`, the interactive REPL's worker) put an implementation
 * into the context (ReplContext.training). A context without one — a bare
 * session in a test — answers `train` with a sentence, never a crash.
 */
import type { Lang, Msg } from '../i18n/index.js';

/** A JSON object (context.ts's JsonRecord, spelled out here so the two files do not import each other). */
type JsonRecord = Record<string, unknown>;

/**
 * A run as the student asked for it: the raw option strings under the names
 * src/training/runs/options.ts checks (testSplit, not test-split), plus the
 * model to save to or start from.
 */
export interface TrainRequest {
  /** The run's id; may be left out with load= (the saved model's run is used). */
  id?: string;
  options: Record<string, string>;
  save?: string;
  load?: string;
  /** pretrained=yes: start from the model that ships with nnlearn. */
  pretrained?: boolean;
}

/** Every run, grouped by topic, in the menu's order. */
export interface TrainListing {
  topics: { topic: string; title: Msg; runs: { id: string; title: Msg }[] }[];
}

/** A request that passed every check: the run's id (resolved from load= when left out) and the same request. */
export type CheckedTrain = { ok: true; id: string; request: TrainRequest } | { ok: false; error: Msg };

/** Said while a headless run trains: its header, then one epoch at a time. */
export interface TrainProgress {
  /** The header lines (what is trained, on what, how) and notes such as "Loaded …". */
  header(lines: string[]): void;
  /** One finished epoch: the line `nnlearn train --plain` prints and the object `--json` prints. */
  epoch(line: string, row: JsonRecord): void;
}

export type HeadlessTrain =
  | {
      ok: true;
      id: string;
      /** The `--json` summary object (run, model, parameters, epochs, step, losses, accuracies, lr, seconds, saved). */
      summary: JsonRecord;
      /** The closing lines: "Done in …" and where the model was saved. */
      closing: string[];
    }
  | { ok: false; error: Msg };

/** An experiment as `experiment ID quick=yes seed=N` asks for it (see src/experiments). */
export interface ExperimentRequest {
  id: string;
  /** The small variant (--quick). */
  quick?: boolean;
  seed?: number;
}

/** Every experiment, grouped by topic, in the notes' order. */
export interface ExperimentListing {
  topics: { topic: string; title: Msg; experiments: { id: string; lesson: string; title: Msg }[] }[];
}

/** A known id (the request as it will run), or the registry's did-you-mean message. */
export type CheckedExperiment = { ok: true; request: ExperimentRequest & { seed: number; quick: boolean } } | { ok: false; error: Msg };

/** Said while a headless experiment runs. */
export interface ExperimentProgress {
  /** The title, the claim, what is compared, the seed. */
  header(lines: string[]): void;
  /** A finished epoch of one run, now and then (a few lines a run): a line for people (--json prints the report only). */
  epoch(line: string): void;
}

export type HeadlessExperiment =
  | {
      ok: true;
      id: string;
      /** The report as `nnlearn experiment ID --json` prints it (Msgs in the student's language). */
      report: JsonRecord;
      /** The report as --plain prints it: each run's numbers, the verdict and its sentence. */
      lines: string[];
      holds: boolean;
    }
  | { ok: false; error: Msg };

export interface TrainingService {
  /**
   * 'live': the interactive REPL, which opens the training screen itself (the
   * command checks the request and hands it back with action 'train');
   * 'headless': the run trains inside the command, one epoch line at a time.
   */
  readonly mode: 'live' | 'headless';
  list(): Promise<TrainListing>;
  /** The checks `nnlearn train` makes before it trains, with the same messages. */
  check(request: TrainRequest, lang: Lang): Promise<CheckedTrain>;
  /** Trains to the end (headless); what the CLI's --plain/--json would print, through `progress`. */
  run(request: TrainRequest, lang: Lang, progress: TrainProgress): Promise<HeadlessTrain>;
  /** The experiments (the REPL's `experiment` alone). */
  listExperiments(): Promise<ExperimentListing>;
  /** Whether the id is an experiment, with `nnlearn experiment`'s did-you-mean message when not. */
  checkExperiment(request: ExperimentRequest, lang: Lang): Promise<CheckedExperiment>;
  /** Runs an experiment to its verdict here (headless), saying each finished epoch through `progress`. */
  runExperiment(request: ExperimentRequest, lang: Lang, progress: ExperimentProgress): Promise<HeadlessExperiment>;
}
