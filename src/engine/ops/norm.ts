/**
 * Layer normalization (PyTorch's F.layer_norm): every "row" — the last
 * len(normalized_shape) dimensions of the input — is shifted to mean 0 and
 * scaled to variance 1 (biased variance, divide by N), then multiplied by
 * `weight` and shifted by `bias` elementwise. Statistics in float64.
 */
import { type Attrs, floatAttr, intListAttr } from '../attrs.js';
import { checkElementwise } from '../budget.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { Tensor } from '../tensor.js';

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
  const src = x.data;
  const w = weight ? weight.data : null;
  const b = bias ? bias.data : null;
  const out = new Float32Array(x.size);
  const mean = new Float32Array(rows);
  const variance = new Float32Array(rows);
  const rstdOut = new Float32Array(rows);
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
    rstdOut[r] = rstd;
  }
  return {
    output: new Tensor(x.shape, out),
    mean: new Tensor(lead, mean),
    variance: new Tensor(lead, variance),
    rstd: new Tensor(lead, rstdOut),
  };
}

/** (x − mean)/sqrt(var + eps) · weight + bias over the last len(normalizedShape) dims. */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], weight?: Tensor | null, bias?: Tensor | null, eps = 1e-5): Tensor {
  return layerNormWithStats(x, normalizedShape, weight, bias, eps).output;
}

/**
 * Backward of layer norm. With x̂ = (x − μ)·rstd and ĝ = g ⊙ weight, per row of N:
 *   dx = rstd · (ĝ − mean(ĝ) − x̂ · mean(ĝ ⊙ x̂)),  dweight = Σ_rows g ⊙ x̂,  dbias = Σ_rows g.
 */
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
  const src = x.data;
  const g = gradOutput.data;
  const w = weight ? weight.data : null;
  const dx = new Float32Array(x.size);
  const dw = new Float64Array(n);
  const db = new Float64Array(n);
  const xhat = new Float64Array(n);
  for (let r = 0; r < rows; r++) {
    const o = r * n;
    const { mu, rstd } = rowStats(src, o, n, eps);
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
  const ns = [...normalizedShape];
  return {
    gradInput: new Tensor(x.shape, dx),
    gradWeight: weight ? new Tensor(ns, Float32Array.from(dw)) : null,
    gradBias: new Tensor(ns, Float32Array.from(db)),
  };
}

function runLayerNorm(inputs: Readonly<Record<string, Tensor>>, attrs: Attrs): Record<string, Tensor> {
  const x = inputs.input;
  const ns = attrs.normalized_shape === undefined ? [x.shape[x.rank - 1] ?? 1] : intListAttr(attrs, 'normalized_shape', { min: 1 });
  const eps = floatAttr(attrs, 'eps', { default: 1e-5, min: 0 });
  return { output: layerNorm(x, ns, inputs.weight, inputs.bias, eps) };
}

export const normOps: OpDef[] = [
  {
    name: 'layer_norm',
    summary: '(x − mean)/sqrt(var + eps)·weight + bias over the last len(normalized_shape) dims',
    inputs: [{ name: 'input' }, { name: 'weight', optional: true }, { name: 'bias', optional: true }],
    attrs: ['normalized_shape', 'eps'],
    outputs: ['output'],
    run: runLayerNorm,
  },
];
