/**
 * Shape-only ops of the golden format: conv_output_shape and pool_output_shape
 * give out_shape = [C, H, W] as a tensor, or throw a ShapeRuleError (an
 * EngineError) exactly where PyTorch raises. The rule lives in size-rule.ts.
 */
import type { Attrs } from '../attrs.js';
import { boolAttr, requiredSizeAttr, showAttr, sizeAttr } from '../attrs.js';
import { engineError } from '../messages.js';
import type { OpDef } from '../registry.js';
import { convSizeOrThrow, poolSizeOrThrow, type PoolKind } from '../size-rule.js';
import { Tensor } from '../tensor.js';

/** A count as given (validated by size-rule.ts, which explains NaN, fractions, zero…). */
function countAttr(attrs: Attrs, name: string): number {
  const v = attrs[name];
  if (v === undefined || v === null) throw engineError('attr-missing-int', { name });
  if (typeof v === 'number') return v;
  if (Array.isArray(v) && v.length === 1 && typeof v[0] === 'number') return v[0];
  throw engineError('attr-not-int', { name, shown: showAttr(v) });
}

function shapeTensor(s: readonly [number, number, number]): Tensor {
  return new Tensor([3], [s[0], s[1], s[2]]);
}

export const shapeOps: OpDef[] = [
  {
    name: 'conv_output_shape',
    summary: 'output [C, H, W] of a conv layer: ⌊(W + 2P − D·(F−1) − 1)/S⌋ + 1, C = K',
    inputs: [],
    attrs: ['in_c', 'in_h', 'in_w', 'out_channels', 'kernel_size', 'stride', 'padding', 'dilation'],
    outputs: ['out_shape'],
    run: (_i, a) => {
      const e = convSizeOrThrow({
        inC: countAttr(a, 'in_c'),
        inH: countAttr(a, 'in_h'),
        inW: countAttr(a, 'in_w'),
        outChannels: countAttr(a, 'out_channels'),
        kernel: requiredSizeAttr(a, 'kernel_size'),
        stride: sizeAttr(a, 'stride'),
        padding: sizeAttr(a, 'padding'),
        dilation: sizeAttr(a, 'dilation'),
      });
      return { out_shape: shapeTensor(e.outShape) };
    },
  },
  {
    name: 'pool_output_shape',
    summary: 'output [C, H, W] of a pooling layer: ⌊(W − F + 2P)/S⌋ + 1 (⌈⌉ with ceil_mode), C unchanged',
    inputs: [],
    attrs: ['pool', 'in_c', 'in_h', 'in_w', 'kernel_size', 'stride', 'padding', 'ceil_mode'],
    outputs: ['out_shape'],
    run: (_i, a) => {
      const pool = a.pool ?? 'max';
      if (pool !== 'max' && pool !== 'avg' && pool !== 'lp') {
        throw engineError('attr-bad-pool', { shown: showAttr(pool) });
      }
      const e = poolSizeOrThrow({
        pool: pool as PoolKind,
        inC: countAttr(a, 'in_c'),
        inH: countAttr(a, 'in_h'),
        inW: countAttr(a, 'in_w'),
        kernel: requiredSizeAttr(a, 'kernel_size'),
        stride: sizeAttr(a, 'stride'),
        padding: sizeAttr(a, 'padding'),
        ceilMode: boolAttr(a, 'ceil_mode', false),
      });
      return { out_shape: shapeTensor(e.outShape) };
    },
  },
];
