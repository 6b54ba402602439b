/**
 * trainCase on bad input: every malformed case is refused with an EngineError
 * that names what was wrong — never a crash of another kind, never a hang.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EngineError, parseTrainFile, type TrainCase, trainCase } from '../../src/engine/index.js';

const all = parseTrainFile(readFileSync(join(import.meta.dirname, '..', 'fixtures', 'train-golden.json'), 'utf8'));
const base = all.find((c) => c.id === 'mlp/regression_mse_wd')!;
const ce = all.find((c) => c.id === 'mlp/adam_weight_decay')!;

/** A copy without `expected`, two steps long, so each run is quick. */
function small(c: TrainCase): TrainCase {
  const { expected: _e, ...rest } = structuredClone(c);
  return { ...rest, batches: rest.batches.slice(0, 2) };
}

function refusal(c: TrainCase): string {
  try {
    trainCase(c);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineError);
    return (e as Error).message;
  }
  throw new Error('trainCase accepted the case');
}

describe('trainCase refuses bad cases with a message', () => {
  it('a parameter name the model does not have', () => {
    const c = small(base);
    c.params['0.weigth'] = c.params['0.weight'];
    delete c.params['0.weight'];
    expect(refusal(c)).toMatch(/no parameter "0\.weigth".*"0\.weight"/);
  });

  it('a parameter of the wrong shape', () => {
    const c = small(base);
    c.params['0.bias'] = { shape: [2], data: [0, 0] };
    expect(refusal(c)).toMatch(/"0\.bias" has shape/);
  });

  it('an output that does not match the targets (shape mismatch)', () => {
    const c = small(base);
    c.model[2] = { ...c.model[2], out: 3 };
    c.params['2.weight'] = { shape: [3, c.params['2.weight'].shape[1]], data: Array(3 * c.params['2.weight'].shape[1]).fill(0) };
    c.params['2.bias'] = { shape: [3], data: [0, 0, 0] };
    expect(refusal(c)).toMatch(/mse_loss/);
  });

  it('a class target out of range', () => {
    const c = small(ce);
    c.targets = { ...c.targets, data: c.targets.data.map((v, i) => (i === c.batches[0][0] ? 7 : v)) };
    expect(refusal(c)).toMatch(/target .* is 7.*0 to 1/);
  });

  it('a loss that becomes NaN', () => {
    const c = small(base);
    c.inputs = { ...c.inputs, data: c.inputs.data.map((v, i) => (i === c.batches[0][0] * c.inputs.shape[1] ? Number.NaN : v)) };
    expect(refusal(c)).toMatch(/training diverged: the loss of step 0 is not a number/);
  });

  it('an unknown layer type, optimizer or loss; a batch index outside the data', () => {
    let c = small(base);
    c.model[1] = { type: 'softplus' };
    expect(refusal(c)).toMatch(/layer 1 has type "softplus"/);
    c = small(base);
    c.optimizer = { type: 'rmsprop', lr: 0.1 };
    expect(refusal(c)).toMatch(/"rmsprop"/);
    c = small(base);
    c.loss = 'hinge';
    expect(refusal(c)).toMatch(/"hinge"/);
    c = small(base);
    c.batches[1] = [0, 999];
    expect(refusal(c)).toMatch(/batch 1 lists example 999/);
  });

  it('any field replaced by any JSON value: a result or an EngineError, nothing else', () => {
    const fields = ['model', 'params', 'inputs', 'targets', 'loss', 'optimizer', 'clip_grad_norm', 'batches', 'probe'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...fields), fc.jsonValue({ maxDepth: 3 }), fc.boolean(), (field, value, inLayer) => {
        const c = small(base) as unknown as Record<string, unknown>;
        if (inLayer) (c.model as Record<string, unknown>[])[0] = { ...(c.model as Record<string, unknown>[])[0], in: value };
        else c[field] = value;
        try {
          trainCase(c as unknown as TrainCase);
        } catch (e) {
          if (!(e instanceof EngineError)) throw e;
        }
      }),
      { numRuns: 300 },
    );
  });
});
