/**
 * A pooling layer's output volume worked out step by step (REPL `pool`, the
 * pooling lessons, the quiz): the engine's size rule plus the per-axis
 * working, ceil-mode notes and overlap. Never throws: refusals come back as data.
 */
import { t } from '../engine/size-messages.js';
import { poolSize, ShapeRuleError, type PoolShapeOptions } from '../engine/size-rule.js';
import { explanationStart, refusedFields, spatialIssues, spatialText, volume } from './axis-rule.js';
import type { PoolShapeAccepted, PoolShapeExplanation } from './shape-types.js';

/** Output shape of 2-D max/average/Lp pooling, worked out step by step. Never throws: errors are returned as data. */
export function poolOutputShape(opts: PoolShapeOptions): PoolShapeExplanation {
  const size = poolSize(opts);
  const { pool, ceilMode } = size;
  const { errors, warnings, notes, inputText, height, width } = explanationStart(size);
  if (!size.ok || !height || !width || inputText === null) {
    return {
      kind: 'pool',
      pool,
      ceilMode,
      // Known only once the numbers are valid, as before the refusal.
      overlapping: size.height !== null && size.width !== null && (size.height.kernel > size.height.stride || size.width.kernel > size.width.stride),
      params: 0,
      ...refusedFields(inputText, height, width, errors, warnings, notes),
    };
  }
  const { inC, kernel, stride } = size;
  const overlapping = kernel[0] > stride[0] || kernel[1] > stride[1];
  spatialIssues(height, width, 'pool', { warnings, notes });
  const H2 = height.output;
  const W2 = width.output;
  const outputText = volume(H2, W2, inC);
  const fs = kernel[0] === kernel[1] && stride[0] === stride[1] ? `F=${kernel[0]}, S=${stride[0]}` : `F=[${kernel[0]}, ${kernel[1]}], S=[${stride[0]}, ${stride[1]}]`;
  if (overlapping) {
    notes.push({
      code: 'overlapping',
      message: t(
        `${fs}: F > S, so neighbouring windows overlap (“overlapping pooling”, as AlexNet's F=3, S=2).`,
        `${fs}：F > S，相邻窗口互相重叠（重叠池化 overlapping pooling，如 AlexNet 的 F=3, S=2）。`,
      ),
    });
  }
  const name = pool === 'max' ? t('Max pooling', '最大池化') : pool === 'avg' ? t('Average pooling', '平均池化') : t('Lp pooling', 'Lp 池化');
  const e: PoolShapeAccepted = {
    kind: 'pool',
    pool,
    ceilMode,
    overlapping,
    params: 0,
    ok: true,
    outShape: [inC, H2, W2],
    inputText,
    outputText,
    height,
    width,
    depth: {
      input: inC,
      output: inC,
      formula: 'D₂ = D₁',
      substituted: `D₂ = ${inC}`,
      explanation: t(`Depth: pooling works on each channel separately, so D₂ = D₁ = ${inC}.`, `深度：池化在每个深度切片上独立进行，所以 D₂ = D₁ = ${inC}。`),
    },
    spatial: spatialText(height, width, 'pool'),
    errors,
    warnings,
    notes,
    summary: t(
      `${name.en}: ${inputText} → ${outputText} (PyTorch shape [${inC}, ${H2}, ${W2}]), no parameters.`,
      `${name.zh}：${inputText} → ${outputText}（PyTorch 形状 [${inC}, ${H2}, ${W2}]），没有参数。`,
    ),
  };
  return e;
}

/** As poolOutputShape, but throws a ShapeRuleError (an EngineError) when the configuration is invalid. */
export function poolOutputShapeOrThrow(opts: PoolShapeOptions): PoolShapeAccepted {
  const e = poolOutputShape(opts);
  if (!e.ok) throw new ShapeRuleError(e.errors);
  return e;
}
