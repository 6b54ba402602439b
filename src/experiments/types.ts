/**
 * An experiment is data, as a lesson is: the notes' claim in our words, the
 * runs that test it, what is measured from them, and how the verdict follows
 * from the measurements. Nothing in it is canned: the verdict's sentence is
 * written from the numbers the runs produced, and says so when a run does not
 * support the claim.
 *
 * One file per experiment in defs/, one line in registry.ts. The runner
 * (runner.ts) trains the runs side by side, one optimizer step each in turn,
 * so the live screen's curves grow together and each run's time is its own.
 */
import type { Msg } from '../i18n/index.js';
import type { JsonValue } from '../training/json-value.js';
import type { EpochRow, Task, TaskInfo, TrainerApi } from '../training/task.js';

/** The five topics of the notes, as the lessons name them. */
export type ExperimentTopic = 'dnn' | 'cnn' | 'rnn' | 'lstm' | 'transformer';

export interface ExperimentContext {
  /** Seeds the data and every run's first weights (runs of one experiment may add their own offsets). */
  seed: number;
  /** The small variant (tests, --quick): ≤ 10 s here, the same claim on less data or fewer steps. */
  quick: boolean;
}

/** One of the networks an experiment trains. */
export interface RunPlan {
  /** Short, stable, unique within the experiment: 'linear', 'tanh', 'lstm-T40'. The JSON's run id. */
  id: string;
  /** The legend's words: 'no activation', 'LSTM, T = 40'. Short: the screen gives it about 20 columns. */
  label: Msg;
  /** Builds the run's task (model, data, loss, epochs). Called once, when the experiment starts. */
  build(): Task;
  /** clip_grad_norm_ to this total norm before every update (the exploding-gradient experiment). */
  clipNorm?: number;
  /**
   * After training: numbers the trained run adds to its result's `extra`
   * (a gate's values over time, a generated sample, a gradient profile…),
   * read by the experiment's measure(). Called in eval mode, outside any step.
   */
  finish?(task: Task, trainer: TrainerApi): Record<string, JsonValue>;
}

/** What one run did, as measure() and the report see it. */
export interface RunResult {
  id: string;
  label: Msg;
  info: TaskInfo;
  parameters: number;
  /** One row per finished epoch (train and test scores). */
  history: readonly EpochRow[];
  /** The training loss of every step. */
  losses: readonly number[];
  steps: number;
  /** Seconds this run's own steps and evaluations took (the others' do not count). */
  seconds: number;
  /** The loss became NaN or infinite: the run was stopped there. */
  diverged: boolean;
  /** finish()'s numbers. */
  extra: Record<string, JsonValue>;
}

/** Named numbers (or short lists, or words) the verdict is computed from; the JSON's "measurements". */
export type Measurements = Record<string, JsonValue>;

export interface Verdict {
  /** Whether these runs support the claim. */
  holds: boolean;
  /** What happened, with the numbers: "LSTM 97 % at T = 40; RNN 34 % (chance 25 %)". When it does not hold, says so. */
  text: Msg;
}

/** A multiple-choice question asked before she runs the experiment (the quiz's "predict the outcome"). */
export interface Prediction {
  question: Msg;
  choices: readonly Msg[];
  /** Index of the choice the experiment bears out. */
  answer: number;
  /** Why, in a sentence or two (shown after she answers, with the command that shows it). */
  why: Msg;
}

export interface ExperimentDef {
  /** 'no-nonlinearity', 'rnn-vs-lstm': kebab case, what she types after `nnlearn experiment`. */
  id: string;
  topic: ExperimentTopic;
  /** The lesson that links to it (its id, as `nnlearn lesson` takes it): 'dnn/layer'. */
  lesson: string;
  title: Msg;
  /** The notes' point, in our words: what the runs will test. */
  claim: Msg;
  /** What is compared, in one or two sentences: shown above the curves before the verdict exists. */
  setup: Msg;
  /** What the screen plots for each run as it trains. 'loss' (the step losses) unless said. */
  curve?: 'loss' | 'test_accuracy';
  predict: Prediction;
  /** Loads what plan() reads and cannot load synchronously (the lessons' text for a character model); awaited first. */
  prepare?(): Promise<void>;
  /** The runs for this seed and variant. */
  plan(ctx: ExperimentContext): RunPlan[];
  /**
   * A picture of the result, where the runs' curves are not it (the vanishing gradient's ‖∂L/∂hₜ‖ over t):
   * drawn in place of the curves once the runs are done, and printed by --plain.
   */
  figure?(m: Measurements): ExperimentFigure | undefined;
  /** The numbers the verdict is computed from (also printed by --plain and --json). */
  measure(runs: readonly RunResult[], ctx: ExperimentContext): Measurements;
  /** The verdict from the measurements (never a fixed sentence: the numbers go in). */
  verdict(m: Measurements, runs: readonly RunResult[], ctx: ExperimentContext): Verdict;
}

/** A chart of the measurements: one line per series over a shared x axis (x = xStart + i·xStep). */
export interface ExperimentFigure {
  title: Msg;
  xLabel: Msg;
  yLabel: Msg;
  xStart?: number;
  xStep?: number;
  /** log₁₀ y axis (values spanning many decades). */
  log?: boolean;
  series: { label: Msg; values: number[] }[];
}

/** What `--json` prints and the screen's last frame carries. */
export interface ExperimentReport {
  experiment: string;
  title: Msg;
  claim: Msg;
  seed: number;
  quick: boolean;
  runs: {
    id: string;
    label: Msg;
    model: string;
    parameters: number;
    steps: number;
    epochs: number;
    seconds: number;
    diverged: boolean;
    final: EpochRow | null;
  }[];
  measurements: Measurements;
  verdict: Verdict;
  seconds: number;
}
