/**
 * Layer normalization (PyTorch's F.layer_norm): every "row" — the last
 * len(normalized_shape) dimensions of the input — is shifted to mean 0 and
 * scaled to variance 1 (biased variance, divide by N), then multiplied by
 * `weight` and shifted by `bias` elementwise. Statistics in float64.
 */
import { type Attrs, floatAttr, intListAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import { type OpDef, withSaved } from '../registry.js';
import { allocate, Tensor } from '../tensor.js';
import { wasmLayerNorm, wasmLayerNormBackward } from '../wasm-elementwise.js';

export interface LayerNormStats {
  output: Tensor;
  /** Per-row mean, shape = the input's leading dims (the ones not normalized); [] when there are none. */
  mean: Tensor;
  /** Per-row biased variance (divided by N), same shape as `mean`. */
  variance: Tensor;
  /** Per-row 1/sqrt(variance + eps), same shape as `mean`. */
  rstd: Tensor;
}

export interface LayerNormGrads {
  gradInput: Tensor;
  /** Shape normalized_shape; null when no weight was given. */
  gradWeight: Tensor | null;
  /** Shape normalized_shape: Σ over rows of grad_output (the same whether or not a bias was used). */
  gradBias: Tensor;
}

interface Plan {
  rows: number;
  n: number;
  lead: number[];
}

function plan(x: Tensor, normalizedShape: readonly number[], weight: Tensor | null | undefined, bias: Tensor | null | undefined): Plan {
  const ns = normalizedShape;
  if (!Array.isArray(ns) || ns.length === 0) {
    throw engineError('ln-shape-empty', { example: x.shape[x.rank - 1] ?? 8 });
  }
  for (const n of ns) {
    if (!Number.isInteger(n) || n < 1) throw engineError('ln-shape-not-positive', { ns });
  }
  const k = ns.length;
  const trailing = x.shape.slice(x.rank - k);
  if (x.rank < k || trailing.some((n, i) => n !== ns[i])) {
    throw engineError('ln-input-mismatch', { ns, shape: x.shape });
  }
  for (const [t, what] of [
    [weight, 'weight'],
    [bias, 'bias'],
  ] as const) {
    if (t && (t.rank !== k || t.shape.some((n, i) => n !== ns[i]))) {
      throw engineError('ln-param-mismatch', { param: what, shape: t.shape, ns });
    }
  }
  const n = ns.reduce((a, b) => a * b, 1);
  const lead = x.shape.slice(0, x.rank - k);
  return { rows: x.size / n, n, lead };
}

function checkEps(eps: number): void {
  if (!Number.isFinite(eps) || eps < 0) throw engineError('ln-bad-eps', { eps });
}

/** Mean, biased variance and 1/sqrt(variance + eps) of src[o … o + n), as the forward and the backward both need them. */
function rowStats(src: Float32Array, o: number, n: number, eps: number): { mu: number; v: number; rstd: number } {
  let s = 0;
  for (let j = 0; j < n; j++) s += src[o + j];
  const mu = s / n;
  let v = 0;
  for (let j = 0; j < n; j++) {
    const d = src[o + j] - mu;
    v += d * d;
  }
  v /= n;
  return { mu, v, rstd: 1 / Math.sqrt(v + eps) };
}

/** Per-row statistics in float64: what the forward computes and the vjp reuses (saved, not recomputed). */
interface RowStats {
  mean: Float64Array;
  variance: Float64Array;
  rstd: Float64Array;
}

/** Normalizes every row of n numbers of src into out (then × weight, + bias) and returns the row statistics. */
function normalizeRows(src: Float32Array, rows: number, n: number, w: Float32Array | null, b: Float32Array | null, eps: number, out: Float32Array): RowStats {
  const mean = new Float64Array(rows);
  const variance = new Float64Array(rows);
  const rstdAll = new Float64Array(rows);
  // Arrays in the kernels' memory: the WebAssembly twin of the loop below.
  if (wasmLayerNorm(src, rows, n, w, b, eps, out, mean, variance, rstdAll)) return { mean, variance, rstd: rstdAll };
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    const { mu, v, rstd } = rowStats(src, o, n, eps);
    for (let j = 0; j < n; j++) {
      let y = (src[o + j] - mu) * rstd;
      if (w) y *= w[j];
      if (b) y += b[j];
      out[o + j] = y;
    }
    mean[r] = mu;
    variance[r] = v;
    rstdAll[r] = rstd;
  }
  return { mean, variance, rstd: rstdAll };
}

/**
 * Layer norm that also returns the per-row mean and variance (for display).
 * `weight`/`bias` may be omitted (elementwise_affine=False).
 */
export function layerNormWithStats(
  x: Tensor,
  normalizedShape: readonly number[],
  weight?: Tensor | null,
  bias?: Tensor | null,
  eps = 1e-5,
): LayerNormStats {
  checkEps(eps);
  const { rows, n, lead } = plan(x, normalizedShape, weight, bias);
  checkElementwise('layer_norm', x.size);
  const out = allocate(x.size);
  const st = normalizeRows(x.data, rows, n, weight ? weight.data : null, bias ? bias.data : null, eps, out);
  return {
    output: new Tensor(x.shape, out),
    mean: new Tensor(lead, Float32Array.from(st.mean)),
    variance: new Tensor(lead, Float32Array.from(st.variance)),
    rstd: new Tensor(lead, Float32Array.from(st.rstd)),
  };
}

/** (x − mean)/sqrt(var + eps) · weight + bias over the last len(normalizedShape) dims. */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  return layerNormWithStats(x, normalizedShape, weight, bias, eps).output;
}

/**
 * THE backward of layer norm (the op's vjp and layerNormBackward both run it). With
 * x̂ = (x − μ)·rstd and ĝ = g ⊙ weight, per row of N:
 *   dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)),  dweight = Σ_rows g ⊙ x̂,  dbias = Σ_rows g.
 * dweight and dbias are summed in float64 (a long sum over every row of the batch).
 */
function backwardRows(src: Float32Array, g: Float32Array, w: Float32Array | null, rows: number, n: number, mean: Float64Array, rstdAll: Float64Array): { dx: Float32Array; dw: Float64Array; db: Float64Array } {
  const dx = allocate(rows * n);
  const dw = new Float64Array(n);
  const db = new Float64Array(n);
  if (wasmLayerNormBackward(src, g, w, rows, n, mean, rstdAll, dx, dw, db)) return { dx, dw, db };
  const xhat = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    const mu = mean[r];
    const rstd = rstdAll[r];
    let sg = 0;
    let sgx = 0;
    for (let j = 0; j < n; j++) {
      const xh = (src[o + j] - mu) * rstd;
      xhat[j] = xh;
      const gj = g[o + j];
      const gh = w ? gj * w[j] : gj;
      sg += gh;
      sgx += gh * xh;
      dw[j] += gj * xh;
      db[j] += gj;
    }
    const mg = sg / n;
    const mgx = sgx / n;
    for (let j = 0; j < n; j++) {
      const gh = w ? g[o + j] * w[j] : g[o + j];
      dx[o + j] = rstd * (gh - mg - xhat[j] * mgx);
    }
  }
  return { dx, dw, db };
}

/** Backward of layer norm for a given grad_output (statistics recomputed from x); see backwardRows. */
export function layerNormBackward(
  x: Tensor,
  normalizedShape: readonly number[],
  weight: Tensor | null | undefined,
  gradOutput: Tensor,
  eps = 1e-5,
): LayerNormGrads {
  checkEps(eps);
  const { rows, n } = plan(x, normalizedShape, weight, null);
  if (gradOutput.rank !== x.rank || gradOutput.shape.some((s, i) => s !== x.shape[i])) {
    throw engineError('ln-grad-mismatch', { got: gradOutput.shape, want: x.shape });
  }
  checkElementwise('layer_norm backward', x.size, 2);
  const st = normalizeRows(x.data, rows, n, null, null, eps, allocate(x.size));
  const { dx, dw, db } = backwardRows(x.data, gradOutput.data, weight ? weight.data : null, rows, n, st.mean, st.rstd);
  const ns = [...normalizedShape];
  return {
    gradInput: new Tensor(x.shape, dx),
    gradWeight: weight ? new Tensor(ns, Float32Array.from(dw)) : null,
    gradBias: new Tensor(ns, Float32Array.from(db)),
  };
}

function normalizedShapeOf(x: Tensor, attrs: Attrs): number[] {
  return attrs.normalized_shape === undefined ? [x.shape[x.rank - 1] ?? 1] : intListAttr(attrs, 'normalized_shape', { min: 1 });
}

/** The forward keeps each row's mean and 1/σ (float64) for the vjp. */
function runLayerNorm(inputs: Readonly<Record<string, Tensor>>, attrs: Attrs): Record<string, Tensor> {
  const x = inputs.input;
  const ns = normalizedShapeOf(x, attrs);
  const eps = floatAttr(attrs, 'eps', { default: 1e-5, min: 0 });
  checkEps(eps);
  const { rows, n } = plan(x, ns, inputs.weight, inputs.bias);
  checkElementwise('layer_norm', x.size);
  const out = allocate(x.size);
  const st = normalizeRows(x.data, rows, n, inputs.weight?.data ?? null, inputs.bias?.data ?? null, eps, out);
  return withSaved({ output: new Tensor(x.shape, out) }, { mean: st.mean, rstd: st.rstd } satisfies LayerNormSaved);
}

interface LayerNormSaved {
  mean: Float64Array;
  rstd: Float64Array;
}

const vjpLayerNorm: OpDef['vjp'] = (ctx, grads) => {
  const { input: x, weight, bias } = ctx.inputs;
  const { rows, n } = plan(x, normalizedShapeOf(x, ctx.attrs), weight, bias);
  const saved = ctx.saved as LayerNormSaved;
  const { dx, dw, db } = backwardRows(x.data, grads.output.data, weight?.data ?? null, rows, n, saved.mean, saved.rstd);
  const out: Record<string, Tensor> = { input: new Tensor(x.shape, dx) };
  if (weight) out.weight = new Tensor(weight.shape, Float32Array.from(dw));
  if (bias) out.bias = new Tensor(bias.shape, Float32Array.from(db));
  return out;
};

export const normOps: OpDef[] = [
  {
    name: 'layer_norm',
    summary: '(x − mean)/sqrt(var + eps)·weight + bias over the last len(normalized_shape) dims',
    inputs: [{ name: 'input' }, { name: 'weight', optional: true }, { name: 'bias', optional: true }],
    attrs: ['normalized_shape', 'eps'],
    outputs: ['output'],
    run: runLayerNorm,
    vjp: vjpLayerNorm,
  },
];
