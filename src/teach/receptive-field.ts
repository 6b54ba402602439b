/**
 * Receptive field growth through a stack of conv/pool layers, worked out for
 * the CNN lessons, the REPL's `net` and the quiz.
 */
import { describeValue, LABELS as L, t } from '../engine/size-messages.js';
import { checkPair, isAbsent, ShapeRuleError, type LocalizedText, type Size2, type SizeIssue } from '../engine/size-rule.js';

export interface ReceptiveFieldLayer {
  kind: 'conv' | 'pool';
  kernel: Size2;
  /** Default: 1 for conv, the kernel for pool. */
  stride?: Size2 | null;
  /** Default 1 (conv only). */
  dilation?: Size2 | null;
  /** Optional name shown in the steps, e.g. "conv1". */
  label?: string;
}

export interface ReceptiveFieldStep {
  index: number;
  kind: 'conv' | 'pool';
  label: string;
  kernel: [number, number];
  stride: [number, number];
  dilation: [number, number];
  /** Receptive field [h, w] in input pixels after this layer. */
  receptiveField: [number, number];
  /** Distance in input pixels between neighbouring outputs of this layer, [h, w]. */
  jump: [number, number];
  /** "r = 3 + (3 − 1)·1·1 = 5" (height; both axes when they differ). */
  worked: string;
}

export interface ReceptiveFieldResult {
  /** [h, w] of the last layer's neurons, in input pixels. */
  receptiveField: [number, number];
  jump: [number, number];
  steps: ReceptiveFieldStep[];
  explanation: LocalizedText;
}

/**
 * Receptive field growth through stacked conv/pool layers, starting from r = 1, jump = 1:
 * r += (k − 1)·jump·d; jump *= s. Throws a ShapeRuleError for invalid layers.
 */
export function receptiveFieldAfter(layers: readonly ReceptiveFieldLayer[]): ReceptiveFieldResult {
  const errors: SizeIssue[] = [];
  if (!Array.isArray(layers) || layers.length === 0) {
    throw new ShapeRuleError([
      { code: 'missing', message: t('Give at least one layer to follow the receptive field through.', '请至少给出一层，才能计算感受野的增长。') },
    ]);
  }
  let r: [number, number] = [1, 1];
  let jump: [number, number] = [1, 1];
  const steps: ReceptiveFieldStep[] = [];
  layers.forEach((layer, index) => {
    const kind = layer?.kind === 'pool' ? 'pool' : 'conv';
    const before = errors.length;
    if (layer?.kind !== 'conv' && layer?.kind !== 'pool') {
      errors.push({
        code: 'bad-pool',
        message: t(`Layer ${index + 1} must be "conv" or "pool", got ${describeValue(layer?.kind)}.`, `第 ${index + 1} 层必须是 "conv" 或 "pool"，得到的是 ${describeValue(layer?.kind)}。`),
      });
    }
    const kernel = checkPair(layer?.kernel, kind === 'conv' ? L.convKernel : L.poolKernel, 1, null, errors);
    const stride = kind === 'pool' && isAbsent(layer?.stride) ? kernel : checkPair(layer?.stride, L.stride, 1, [1, 1], errors);
    const dilation = checkPair(layer?.dilation, L.dilation, 1, [1, 1], errors);
    if (errors.length > before || !kernel || !stride || !dilation) return;
    const prev = r;
    const prevJump = jump;
    r = [prev[0] + (kernel[0] - 1) * prevJump[0] * dilation[0], prev[1] + (kernel[1] - 1) * prevJump[1] * dilation[1]];
    jump = [prevJump[0] * stride[0], prevJump[1] * stride[1]];
    const one = (i: 0 | 1): string => `${prev[i]} + (${kernel[i]} − 1)·${prevJump[i]}·${dilation[i]} = ${r[i]}`;
    const worked = r[0] === r[1] && kernel[0] === kernel[1] && prevJump[0] === prevJump[1] && dilation[0] === dilation[1] && prev[0] === prev[1]
      ? `r = ${one(0)}`
      : `r_h = ${one(0)}; r_w = ${one(1)}`;
    steps.push({
      index,
      kind,
      label: layer.label ?? `${kind}${index + 1}`,
      kernel,
      stride,
      dilation,
      receptiveField: [...r],
      jump: [...jump],
      worked,
    });
  });
  if (errors.length) throw new ShapeRuleError(errors);
  const rf = r[0] === r[1] ? `${r[0]}×${r[0]}` : `${r[0]}×${r[1]}`;
  return {
    receptiveField: r,
    jump,
    steps,
    explanation: t(
      `After ${steps.length} ${steps.length === 1 ? 'layer' : 'layers'} (r ← r + (F − 1)·d·jump, jump ← jump·S, with dilation d = 1 unless set) one neuron sees a ${rf} region of the input; ` +
        `neighbouring neurons are ${jump[0] === jump[1] ? jump[0] : `${jump[0]}×${jump[1]}`} input pixels apart.`,
      `经过 ${steps.length} 层（r ← r + (F − 1)·d·jump，jump ← jump·S；膨胀率 d 未设置时为 1）后，一个神经元的感受野是输入中 ${rf} 的区域；` +
        `相邻神经元在输入上相隔 ${jump[0] === jump[1] ? jump[0] : `${jump[0]}×${jump[1]}`} 个像素。`,
    ),
  };
}
