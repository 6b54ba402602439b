/**
 * Trains an experiment's runs side by side: one optimizer step of each
 * unfinished run in turn, so their curves grow together on the screen and a
 * run's clock counts only its own steps (the parallel-training experiment
 * compares those). A run whose loss stops being a finite number is stopped
 * there and marked diverged — that is a result, not an error.
 *
 * The same runner serves --plain/--json (in this thread) and the live screen
 * (in a worker, worker.ts): it is synchronous and knows nothing of either.
 */
import { noGrad } from '../engine/index.js';
import { Trainer } from '../training/trainer.js';
import type { Task } from '../training/task.js';
import type { ExperimentContext, ExperimentDef, ExperimentReport, RunPlan, RunResult } from './types.js';

/** The loss curve a frame carries per run: at most this many points (older steps are averaged together). */
export const FRAME_POINTS = 200;

interface LiveRun {
  plan: RunPlan;
  task: Task;
  trainer: Trainer;
  ms: number;
  diverged: boolean;
  losses: number[];
  extra: RunResult['extra'] | null;
}

/** One run as the screen draws it. */
export interface RunFrame {
  id: string;
  label: RunPlan['label'];
  model: string;
  parameters: number;
  epoch: number;
  epochs: number;
  steps: number;
  /** Steps of the whole run (epochs × steps per epoch). */
  totalSteps: number;
  done: boolean;
  diverged: boolean;
  /** The step losses, averaged into at most FRAME_POINTS points. */
  losses: number[];
  /** Test accuracy after each finished epoch (NaN where the run has none). */
  testAccuracy: number[];
  /** The training split's loss as evaluated after each finished epoch (what the verdicts quote as the training loss). */
  trainLoss: number[];
  seconds: number;
}

export interface ExperimentFrame {
  experiment: string;
  runs: RunFrame[];
  /** Seconds since the experiment started. */
  seconds: number;
  done: boolean;
}

/** Averages `values` into at most `points` buckets of equal width (the last ones are never dropped). */
export function squeeze(values: readonly number[], points = FRAME_POINTS): number[] {
  if (values.length <= points) return values.slice();
  const out: number[] = [];
  for (let k = 0; k < points; k++) {
    const a = Math.floor((k * values.length) / points);
    const b = Math.floor(((k + 1) * values.length) / points);
    let s = 0;
    for (let i = a; i < b; i++) s += values[i];
    out.push(s / (b - a));
  }
  return out;
}

export class ExperimentRunner {
  private readonly runs: LiveRun[];
  private next = 0;
  private readonly started: number;

  constructor(
    readonly def: ExperimentDef,
    readonly ctx: ExperimentContext,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.started = clock();
    this.runs = def.plan(ctx).map((plan) => {
      const t0 = clock();
      const task = plan.build();
      const trainer = new Trainer(task, { clipNorm: plan.clipNorm, clock });
      return { plan, task, trainer, ms: clock() - t0, diverged: false, losses: [], extra: null };
    });
    const ids = new Set(this.runs.map((r) => r.plan.id));
    if (ids.size !== this.runs.length) throw new Error(`experiment ${def.id}: two runs share an id`);
  }

  get done(): boolean {
    return this.runs.every((r) => r.extra !== null);
  }

  /** One step of the next unfinished run (round robin); a run that just finished is given its finish(). */
  step(): void {
    const n = this.runs.length;
    for (let k = 0; k < n; k++) {
      const r = this.runs[(this.next + k) % n];
      if (r.extra !== null) continue;
      this.next = (this.next + k + 1) % n;
      const t0 = this.clock();
      if (!r.trainer.done && !r.diverged) {
        const report = r.trainer.step();
        r.losses.push(report.loss);
        if (!Number.isFinite(report.loss)) r.diverged = true;
      }
      if (r.trainer.done || r.diverged) r.extra = this.finish(r);
      r.ms += this.clock() - t0;
      return;
    }
  }

  /** Steps until every run is done; `onStep` hears each step (a --plain line, a worker's frame). */
  runToEnd(onStep?: () => void): void {
    while (!this.done) {
      this.step();
      onStep?.();
    }
  }

  private finish(r: LiveRun): RunResult['extra'] {
    if (!r.plan.finish) return {};
    const model = r.task.model;
    model.eval();
    try {
      return noGrad(() => r.plan.finish!(r.task, r.trainer));
    } finally {
      model.train();
    }
  }

  frame(): ExperimentFrame {
    return {
      experiment: this.def.id,
      seconds: (this.clock() - this.started) / 1000,
      done: this.done,
      runs: this.runs.map((r) => {
        const i = r.trainer.info;
        return {
          id: r.plan.id,
          label: r.plan.label,
          model: i.model,
          parameters: i.parameters,
          epoch: r.trainer.epoch,
          epochs: i.epochs,
          steps: r.trainer.stepsDone,
          totalSteps: i.epochs * i.stepsPerEpoch,
          done: r.extra !== null,
          diverged: r.diverged,
          losses: squeeze(r.losses),
          testAccuracy: r.trainer.history.map((h) => h.test_accuracy),
          trainLoss: r.trainer.history.map((h) => h.loss),
          seconds: r.ms / 1000,
        };
      }),
    };
  }

  results(): RunResult[] {
    return this.runs.map((r) => ({
      id: r.plan.id,
      label: r.plan.label,
      info: r.trainer.info,
      parameters: r.trainer.info.parameters,
      history: r.trainer.history,
      losses: r.losses,
      steps: r.trainer.stepsDone,
      seconds: r.ms / 1000,
      diverged: r.diverged,
      extra: r.extra ?? {},
    }));
  }

  /** The measurements and the verdict (once every run is done). */
  report(): ExperimentReport {
    if (!this.done) throw new Error(`experiment ${this.def.id}: report() before every run finished`);
    const results = this.results();
    const measurements = this.def.measure(results, this.ctx);
    const verdict = this.def.verdict(measurements, results, this.ctx);
    return {
      experiment: this.def.id,
      title: this.def.title,
      claim: this.def.claim,
      seed: this.ctx.seed,
      quick: this.ctx.quick,
      runs: results.map((r) => ({
        id: r.id,
        label: r.label,
        model: r.info.model,
        parameters: r.parameters,
        steps: r.steps,
        epochs: r.history.length,
        seconds: Math.round(r.seconds * 100) / 100,
        diverged: r.diverged,
        final: r.history.at(-1) ?? null,
      })),
      measurements,
      verdict,
      seconds: Math.round((this.clock() - this.started) / 10) / 100,
    };
  }
}

/** Loads what the experiment's runs need (its prepare()), then runs it to its report in this thread. */
export async function runExperimentAsync(def: ExperimentDef, ctx: ExperimentContext, onStep?: (r: ExperimentRunner) => void): Promise<ExperimentReport> {
  await def.prepare?.();
  return runExperiment(def, ctx, onStep);
}

/** Runs one experiment to its report in this thread (its prepare() already awaited, where it has one). */
export function runExperiment(def: ExperimentDef, ctx: ExperimentContext, onStep?: (r: ExperimentRunner) => void): ExperimentReport {
  const runner = new ExperimentRunner(def, ctx);
  runner.runToEnd(onStep && (() => onStep(runner)));
  return runner.report();
}
