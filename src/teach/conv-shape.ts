/**
 * A conv layer's output volume worked out step by step, as the REPL's `conv`,
 * the CNN lessons and the quiz print it: the engine's size rule plus the
 * per-axis working, depth, parameter count, receptive field and the fully
 * connected layer it replaces. Never throws: refusals come back as data.
 */
import { fmtInt, t } from '../engine/size-messages.js';
import { convSize, ShapeRuleError, type ConvShapeOptions } from '../engine/size-rule.js';
import { explanationStart, refusedFields, spatialIssues, spatialText, volume } from './axis-rule.js';
import type { ConvShapeAccepted, ConvShapeExplanation } from './shape-types.js';

/** Output shape of a 2-D convolution, worked out step by step. Never throws: errors are returned as data. */
export function convOutputShape(opts: ConvShapeOptions): ConvShapeExplanation {
  const size = convSize(opts);
  const { errors, warnings, notes, inputText, height, width } = explanationStart(size);
  if (!size.ok || !height || !width || inputText === null) {
    return {
      kind: 'conv',
      ...refusedFields(inputText, height, width, errors, warnings, notes),
      params: null,
      receptiveField: null,
      fullyConnected: null,
      multiplyAdds: null,
    };
  }
  const { inC, inH, inW, outChannels: K, stride, padding, dilation } = size;
  spatialIssues(height, width, 'conv', { warnings, notes });
  const H2 = height.output;
  const W2 = width.output;
  const outputText = volume(H2, W2, K);
  if (stride[0] === 1 && stride[1] === 1 && H2 === inH && W2 === inW) {
    const pText = padding[0] === padding[1] ? `P = ${padding[0]}` : `P = [${padding[0]}, ${padding[1]}]`;
    const rule = dilation[0] > 1 || dilation[1] > 1 ? 'd·(F − 1)/2' : '(F − 1)/2';
    notes.push({
      code: 'same-padding',
      message: t(
        `${pText} = ${rule} keeps the size (“same” padding): ${inH}×${inW} in, ${H2}×${W2} out.`,
        `${pText} = ${rule} 让尺寸保持不变（“same” 填充）：输入 ${inH}×${inW}，输出 ${H2}×${W2}。`,
      ),
    });
  }
  const [Fh, Fw] = size.kernel;
  const fText = `${Fh}·${Fw}`;
  const weightsPerFilter = Fh * Fw * inC;
  const perFilter = weightsPerFilter + 1;
  const total = K * perFilter;
  const dilated = height.span !== Fh || width.span !== Fw;
  const rfText = volume(height.span, width.span, inC);
  const inputs = inH * inW * inC;
  const outputs = H2 * W2 * K;
  const fcWeights = inputs * outputs;
  const fcTotal = fcWeights + outputs;
  const ratio = fcTotal / total;
  const ratioText = ratio >= 10 ? fmtInt(Math.round(ratio)) : (Math.round(ratio * 10) / 10).toString();
  const multiplyAdds = outputs * weightsPerFilter;
  if (!Number.isSafeInteger(fcTotal) || !Number.isSafeInteger(multiplyAdds)) {
    warnings.push({ code: 'huge-count', message: t('Some counts exceed 2^53 and are shown rounded.', '部分计数超过 2^53，显示的是近似值。') });
  }
  const e: ConvShapeAccepted = {
    kind: 'conv',
    ok: true,
    outShape: [K, H2, W2],
    inputText,
    outputText,
    height,
    width,
    depth: {
      input: inC,
      output: K,
      formula: 'D₂ = K',
      substituted: `D₂ = ${K}`,
      explanation: t(
        `Depth: each of the K=${K} filters produces one output channel, so D₂ = K = ${K}; every filter spans the full input depth D_in=${inC}.`,
        `深度：K=${K} 个滤波器各产生一个输出通道，所以 D₂ = K = ${K}；每个滤波器在深度方向覆盖全部输入深度 D_in=${inC}。`,
      ),
    },
    spatial: spatialText(height, width, 'conv'),
    errors,
    warnings,
    notes,
    summary: t(
      `Output volume: ${inputText} → ${outputText} (PyTorch shape [${K}, ${H2}, ${W2}]), ${fmtInt(total)} parameters.`,
      `输出数据体：${inputText} → ${outputText}（PyTorch 形状 [${K}, ${H2}, ${W2}]），共 ${fmtInt(total)} 个参数。`,
    ),
    params: {
      weightsPerFilter,
      biasPerFilter: 1,
      perFilter,
      filters: K,
      total,
      formula: 'K·(F·F·D_in + 1)',
      worked: `${K}·(${fText}·${inC} + 1) = ${K}·${fmtInt(perFilter)} = ${fmtInt(total)}`,
      explanation: t(
        `Parameters: each filter has F·F·D_in = ${fText}·${inC} = ${fmtInt(weightsPerFilter)} ${weightsPerFilter === 1 ? 'weight' : 'weights'} + 1 bias = ${fmtInt(perFilter)}; ` +
          `K=${K} ${K === 1 ? 'filter' : 'filters'} → ${K}·${fmtInt(perFilter)} = ${fmtInt(total)} parameters.`,
        `参数：每个滤波器有 F·F·D_in = ${fText}·${inC} = ${fmtInt(weightsPerFilter)} 个权重 + 1 个偏置 = ${fmtInt(perFilter)} 个参数；` +
          `K=${K} 个滤波器 → ${K}·${fmtInt(perFilter)} = ${fmtInt(total)} 个参数。`,
      ),
    },
    receptiveField: {
      height: height.span,
      width: width.span,
      depth: inC,
      taps: weightsPerFilter,
      text: rfText,
      explanation: dilated
        ? t(
            `Receptive field: each output neuron spans a ${rfText} block of the input but reads only ${Fh}×${Fw}×${inC} of it (dilation): local in space, full in depth.`,
            `感受野：每个输出神经元覆盖输入中 ${rfText} 的区域，但（因为膨胀）只读取其中 ${Fh}×${Fw}×${inC} 个数：空间上是局部的，深度上是完整的。`,
          )
        : t(
            `Receptive field: each output neuron looks at a ${rfText} block of the input (F×F×D_in): local in space, full in depth.`,
            `感受野：每个输出神经元只连接输入中一个 ${rfText} 的区域（F×F×D_in）：空间上是局部的，深度上与输入深度相同。`,
          ),
    },
    fullyConnected: {
      inputs,
      outputs,
      weights: fcWeights,
      biases: outputs,
      total: fcTotal,
      ratio,
      explanation: t(
        `A fully connected layer producing the same ${outputText} = ${fmtInt(outputs)} outputs from all ${inputText} = ${fmtInt(inputs)} inputs ` +
          `would need ${fmtInt(inputs)}·${fmtInt(outputs)} + ${fmtInt(outputs)} = ${fmtInt(fcTotal)} parameters, ${ratioText} times as many as this conv layer's ${fmtInt(total)}: ` +
          `the conv layer connects each neuron only to a small region and shares each filter's weights across all positions.`,
        `若用全连接层从全部 ${inputText} = ${fmtInt(inputs)} 个输入产生同样的 ${outputText} = ${fmtInt(outputs)} 个输出，` +
          `需要 ${fmtInt(inputs)}·${fmtInt(outputs)} + ${fmtInt(outputs)} = ${fmtInt(fcTotal)} 个参数，是这个卷积层 ${fmtInt(total)} 个参数的 ${ratioText} 倍：` +
          `卷积层的每个神经元只连接一小块区域，并且同一个滤波器的权重在所有位置共享。`,
      ),
    },
    multiplyAdds,
  };
  return e;
}

/** As convOutputShape, but throws a ShapeRuleError (an EngineError) when the configuration is invalid. */
export function convOutputShapeOrThrow(opts: ConvShapeOptions): ConvShapeAccepted {
  const e = convOutputShape(opts);
  if (!e.ok) throw new ShapeRuleError(e.errors);
  return e;
}
