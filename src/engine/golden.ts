/**
 * Checks the engine against a `nnlearn-golden/1` file (FORMAT.md, summarised in
 * tests/fixtures/README.md): every case runs through runOp and every output is compared with
 * abs(actual - expected) <= atol + rtol * abs(expected). Pure: the caller reads
 * the file and prints the report.
 */
import type { Attrs } from './attrs.js';
import { EngineError } from './errors.js';
import { engineError } from './messages.js';
import { hasOp, runOp } from './run-op.js';
import { Tensor } from './tensor.js';

export interface GoldenTensor {
  shape: number[];
  data: number[];
}

export interface GoldenCase {
  id: string;
  op: string;
  attrs?: Attrs;
  inputs?: Record<string, GoldenTensor>;
  outputs?: Record<string, GoldenTensor>;
  atol?: number;
  rtol?: number;
  error?: boolean;
  error_message?: string;
}

export interface GoldenFailure {
  id: string;
  output?: string;
  message: string;
}

export interface GoldenReport {
  passed: number;
  failed: number;
  failures: GoldenFailure[];
}

const DEFAULT_TOL = 1e-4;

/** Parses and validates the top level of a golden file. */
export function parseGoldenFile(text: string): GoldenCase[] {
  return casesOf(text, 'nnlearn-golden/1', 'golden-bad-format') as GoldenCase[];
}

/** The `cases` of a reference file whose "format" must be `format` (else the `wrongFormat` error). */
export function casesOf(text: string, format: string, wrongFormat: 'golden-bad-format' | 'train-bad-format'): unknown[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw engineError('golden-not-json', { detail: (e as Error).message });
  }
  const d = doc as { format?: unknown; cases?: unknown };
  if (!d || typeof d !== 'object' || d.format !== format) {
    throw engineError(wrongFormat, { found: String(JSON.stringify(d?.format)) });
  }
  if (!Array.isArray(d.cases)) throw engineError('golden-no-cases', {});
  return d.cases;
}

function toTensor(t: GoldenTensor, input: string): Tensor {
  if (!t || !Array.isArray(t.shape) || !Array.isArray(t.data)) {
    throw engineError('golden-not-tensor', { input });
  }
  // Inputs were rounded before torch computed, so fround(text) is torch's exact float32.
  return new Tensor(t.shape, Float32Array.from(t.data, (v) => Math.fround(Number(v))));
}

/** Runs one case; returns the failures (empty when it passed). */
export function checkCase(c: GoldenCase): GoldenFailure[] {
  const id = String(c?.id ?? '(no id)');
  if (!hasOp(c?.op)) return [{ id, message: `the engine has no op "${String(c?.op)}"` }];
  try {
    const inputs: Record<string, Tensor> = {};
    for (const [name, t] of Object.entries(c.inputs ?? {})) inputs[name] = toTensor(t, name);
    if (c.error) {
      try {
        runOp(c.op, inputs, c.attrs ?? {}, { strictAttrs: false });
      } catch (e) {
        if (e instanceof EngineError) return [];
        throw e;
      }
      return [{ id, message: `expected the configuration to be rejected (torch: ${c.error_message ?? 'error'}) but the engine accepted it` }];
    }
    const actual = runOp(c.op, inputs, c.attrs ?? {}, { strictAttrs: false });
    const failures: GoldenFailure[] = [];
    const atol = c.atol ?? DEFAULT_TOL;
    const rtol = c.rtol ?? DEFAULT_TOL;
    for (const [name, exp] of Object.entries(c.outputs ?? {})) {
      const got = actual[name];
      if (!got) {
        failures.push({ id, output: name, message: `the engine produced no output "${name}" (it gave: ${Object.keys(actual).join(', ')})` });
        continue;
      }
      const f = compareTensor(id, name, got, exp, atol, rtol);
      if (f) failures.push(f);
    }
    return failures;
  } catch (e) {
    const msg = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return [{ id, message: c.error ? `threw a non-engine error: ${msg}` : `threw ${msg}` }];
  }
}

/**
 * The failure of one output, or null when every element passes
 * abs(actual − expected) ≤ atol + rtol·abs(expected) and the shapes are equal.
 */
export function compareTensor(id: string, name: string, got: Tensor, exp: GoldenTensor, atol: number, rtol: number): GoldenFailure | null {
  const shape = exp.shape;
  if (shape.length !== got.shape.length || shape.some((n, i) => n !== got.shape[i])) {
    return { id, output: name, message: `shape [${got.shape.join(', ')}], expected [${shape.join(', ')}]` };
  }
  let worst = -1;
  let worstExcess = 0;
  for (let i = 0; i < exp.data.length; i++) {
    const e = Number(exp.data[i]);
    const a = got.data[i];
    const excess = Math.abs(a - e) - (atol + rtol * Math.abs(e));
    if (!(excess <= 0) && (worst < 0 || !(excess <= worstExcess))) {
      worst = i;
      worstExcess = Number.isNaN(excess) ? Infinity : excess;
    }
  }
  if (worst < 0) return null;
  const e = Number(exp.data[worst]);
  const a = got.data[worst];
  return {
    id,
    output: name,
    message: `worst element ${worst} (index [${unravel(worst, shape).join(', ')}]): expected ${e}, actual ${a}, |diff| ${Math.abs(a - e).toExponential(3)} > tol ${(atol + rtol * Math.abs(e)).toExponential(3)}`,
  };
}

function unravel(flat: number, shape: number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

export function checkGolden(cases: readonly GoldenCase[]): GoldenReport {
  return reportOf(cases, checkCase);
}

/** Runs `check` on every case and counts: a case passes when it has no failure. */
export function reportOf<C>(cases: readonly C[], check: (c: C) => GoldenFailure[]): GoldenReport {
  const report: GoldenReport = { passed: 0, failed: 0, failures: [] };
  for (const c of cases) {
    const f = check(c);
    if (f.length === 0) report.passed++;
    else {
      report.failed++;
      report.failures.push(...f);
    }
  }
  return report;
}
