/**
 * Checks trainCase against the `expected` of nnlearn-train/1 cases: every loss,
 * every step-0 gradient, every final parameter and the probe outputs, element
 * by element with the case's atol/rtol.
 */
import { compareTensor, type GoldenFailure, type GoldenReport, type GoldenTensor, reportOf } from '../golden.js';
import { Tensor } from '../tensor.js';
import type { TrainCase } from './case-format.js';
import { trainCase } from './train-case.js';

const DEFAULT_TOL = 2e-4;

export function checkTrainCase(c: TrainCase): GoldenFailure[] {
  const id = String(c?.id ?? '(no id)');
  const exp = c?.expected;
  if (!exp) return [{ id, message: 'the case has no "expected" field to compare with' }];
  try {
    const got = trainCase(c);
    const atol = c.atol ?? DEFAULT_TOL;
    const rtol = c.rtol ?? DEFAULT_TOL;
    const failures: GoldenFailure[] = [];
    const one = (name: string, t: Tensor | undefined, e: GoldenTensor): void => {
      if (!t) {
        failures.push({ id, output: name, message: `the engine produced no "${name}"` });
        return;
      }
      const f = compareTensor(id, name, t, e, atol, rtol);
      if (f) failures.push(f);
    };
    one('losses', got.losses, exp.losses);
    for (const [n, e] of Object.entries(exp.grads_step0 ?? {})) one(`grads_step0.${n}`, got.grads_step0[n], e);
    for (const [n, e] of Object.entries(exp.final_params ?? {})) one(`final_params.${n}`, got.final_params[n], e);
    one('probe_outputs', got.probe_outputs, exp.probe_outputs);
    return failures;
  } catch (e) {
    return [{ id, message: `threw ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}` }];
  }
}

export function checkTrainGolden(cases: readonly TrainCase[]): GoldenReport {
  return reportOf(cases, checkTrainCase);
}
