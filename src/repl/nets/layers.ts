/**
 * A small layer algebra for `net`: every layer is a function from the shape
 * that comes in to the shape that goes out plus its parameter count. Conv and
 * pool sizes come from the engine's shape rules (convOutputShape,
 * poolOutputShape), so no output size or count is ever typed in by hand.
 * Volumes are written W×H×D, the notes' order.
 */
import { convOutputShape, poolOutputShape, type PoolKind, type ReceptiveFieldLayer } from '../../teach/index.js';
import { joinMsg, msg, type Msg } from '../../i18n/index.js';
import type { Cell } from '../../view/blocks.js';
import { fmtInt } from '../../i18n/numbers.js';

/** A volume, W×H×D as in the notes. */
export interface Vol {
  width: number;
  height: number;
  depth: number;
}

/** A sequence of vectors (the transformer): `tokens` is a symbol such as "n". */
export interface Seq {
  tokens: string;
  features: number;
}

export type Shape = Vol | Seq;

export function isVol(s: Shape): s is Vol {
  return 'depth' in s;
}

/** "224×224×3" or "n×512". */
export function shapeText(s: Shape): string {
  return isVol(s) ? `${s.width}×${s.height}×${s.depth}` : `${s.tokens}×${s.features}`;
}

export function shapeJson(s: Shape): Record<string, unknown> {
  return isVol(s) ? { width: s.width, height: s.height, depth: s.depth } : { tokens: s.tokens, features: s.features };
}

export type LayerType =
  | 'conv'
  | 'pool'
  | 'bn'
  | 'relu'
  | 'sigmoid'
  | 'tanh'
  | 'softmax'
  | 'dropout'
  | 'flatten'
  | 'fc'
  | 'block'
  | 'inception'
  | 'embedding'
  | 'posenc'
  | 'attention'
  | 'ffn'
  | 'layernorm'
  | 'encoder'
  | 'decoder';

/** One layer (or one group of layers) with what comes out and what it learns. */
export interface Layer {
  name: string;
  type: LayerType;
  /** A short description: "F=3 S=1 P=1 K=64", "max F=2 S=2", "9216 → 4096". */
  what: Cell;
  output: Shape;
  params: number;
  /** For groups (a ResNet block, an inception module): the layers inside. */
  parts?: Layer[];
  /** Conv and pool layers: how they grow the receptive field. */
  rf?: ReceptiveFieldLayer[];
  /** Engine warnings (e.g. the formula did not divide evenly). */
  warnings?: Msg[];
}

/** A layer that does not fit its input; `text` is the engine's bilingual reason. */
export class LayerError extends Error {
  constructor(readonly text: Msg) {
    super(text.en);
  }
}

function needVol(s: Shape, what: string): Vol {
  if (!isVol(s)) throw new LayerError(msg(`${what} needs a volume W×H×D as input, not a sequence ${shapeText(s)}.`, `${what} 的输入必须是数据体 W×H×D，而不是序列 ${shapeText(s)}。`));
  return s;
}

export interface ConvOpts {
  F: number;
  S?: number;
  P?: number;
  K: number;
  dilation?: number;
  /** Default true; torchvision's ResNet and GoogLeNet convs have none (BatchNorm follows). */
  bias?: boolean;
}

export function conv(input: Shape, name: string, o: ConvOpts): Layer {
  const v = needVol(input, 'conv');
  const S = o.S ?? 1;
  const P = o.P ?? 0;
  const dilation = o.dilation ?? 1;
  const e = convOutputShape({ inC: v.depth, inH: v.height, inW: v.width, outChannels: o.K, kernel: o.F, stride: S, padding: P, dilation });
  if (!e.ok) throw new LayerError(joinMsg(e.errors.map((x) => x.message)));
  const [K, H2, W2] = e.outShape;
  const bias = o.bias ?? true;
  // The engine counts K·(F·F·D + 1); without bias the K biases go.
  const params = bias ? e.params.total : e.params.total - e.params.filters;
  return {
    name,
    type: 'conv',
    what: `F=${o.F} S=${S} P=${P} K=${K}${dilation > 1 ? ` dil=${dilation}` : ''}`,
    output: { width: W2, height: H2, depth: K },
    params,
    rf: [{ kind: 'conv', kernel: o.F, stride: S, dilation, label: name }],
    warnings: e.warnings.map((w) => w.message),
  };
}

export interface PoolOpts {
  F: number;
  S?: number;
  P?: number;
  kind?: PoolKind;
  ceil?: boolean;
}

export const POOL_WORD: Record<PoolKind, string> = { max: 'max', avg: 'avg', lp: 'l2' };

export function pool(input: Shape, name: string, o: PoolOpts): Layer {
  const v = needVol(input, 'pool');
  const kind = o.kind ?? 'max';
  const S = o.S ?? o.F;
  const P = o.P ?? 0;
  const e = poolOutputShape({ pool: kind, inC: v.depth, inH: v.height, inW: v.width, kernel: o.F, stride: S, padding: P, ceilMode: o.ceil ?? false });
  if (!e.ok) throw new LayerError(joinMsg(e.errors.map((x) => x.message)));
  const [D, H2, W2] = e.outShape;
  return {
    name,
    type: 'pool',
    what: `${POOL_WORD[kind]} F=${o.F} S=${S}${P ? ` P=${P}` : ''}${o.ceil ? ' ceil' : ''}`,
    output: { width: W2, height: H2, depth: D },
    params: 0,
    rf: [{ kind: 'pool', kernel: o.F, stride: S, label: name }],
    warnings: e.warnings.map((w) => w.message),
  };
}

/**
 * PyTorch's AdaptiveAvgPool2d to size×size. When the input divides evenly it
 * is an ordinary average pool with F = S = W/size, worked out by the engine.
 */
export function adaptiveAvgPool(input: Shape, name: string, size: number): Layer {
  const v = needVol(input, 'pool');
  if (v.width % size === 0 && v.height % size === 0 && v.width === v.height) {
    const F = v.width / size;
    const l = pool(v, name, { F, S: F, kind: 'avg' });
    return { ...l, what: `adaptive avg → ${size}×${size}` };
  }
  return { name, type: 'pool', what: `adaptive avg → ${size}×${size}`, output: { width: size, height: size, depth: v.depth }, params: 0 };
}

/** BatchNorm: a learned scale γ and shift β per channel (running statistics are buffers). */
export function batchNorm(input: Shape, name: string): Layer {
  const v = needVol(input, 'batchnorm');
  return { name, type: 'bn', what: msg('BatchNorm γ, β', 'BatchNorm γ、β'), output: v, params: 2 * v.depth };
}

export function activation(input: Shape, name: string, type: 'relu' | 'sigmoid' | 'tanh' | 'softmax' | 'dropout'): Layer {
  return { name, type, what: type, output: input, params: 0 };
}

/** W×H×D → 1×1×(W·H·D): the numbers are only rearranged. */
export function flatten(input: Shape, name: string): Layer {
  const v = needVol(input, 'flatten');
  return { name, type: 'flatten', what: `${shapeText(v)} → ${fmtInt(features(v))}`, output: { width: 1, height: 1, depth: features(v) }, params: 0 };
}

export function features(v: Vol): number {
  return v.width * v.height * v.depth;
}

/**
 * A fully connected layer: the volume is flattened, every one of the N
 * outputs sees all inputs. Output 1×1×N, as the notes write 32×32×3 → 1×1×10.
 * On a sequence it acts on each position (the transformer's projections).
 */
export function fc(input: Shape, name: string, N: number, bias = true): Layer {
  const nIn = isVol(input) ? features(input) : input.features;
  const output: Shape = isVol(input) ? { width: 1, height: 1, depth: N } : { tokens: input.tokens, features: N };
  return { name, type: 'fc', what: `${fmtInt(nIn)} → ${fmtInt(N)}`, output, params: nIn * N + (bias ? N : 0) };
}

/** Runs layers one after another from a starting shape, keeping the rows. */
export class Stack {
  readonly layers: Layer[] = [];
  constructor(public shape: Shape) {}

  add(l: Layer): Layer {
    this.layers.push(l);
    this.shape = l.output;
    return l;
  }

  get vol(): Vol {
    return needVol(this.shape, 'this layer');
  }

  get params(): number {
    return this.layers.reduce((a, l) => a + l.params, 0);
  }

  conv(name: string, o: ConvOpts): Layer {
    return this.add(conv(this.shape, name, o));
  }
  pool(name: string, o: PoolOpts): Layer {
    return this.add(pool(this.shape, name, o));
  }
  bn(name: string): Layer {
    return this.add(batchNorm(this.shape, name));
  }
  fc(name: string, N: number, bias = true): Layer {
    return this.add(fc(this.shape, name, N, bias));
  }

  /** A group of layers shown as one row, with its parts kept for the breakdown. */
  group(name: string, type: LayerType, what: Cell, build: (s: Stack) => void): Layer {
    const s = new Stack(this.shape);
    build(s);
    return this.add(groupOf(name, type, what, s.shape, s.layers));
  }
}

export function groupOf(name: string, type: LayerType, what: Cell, output: Shape, parts: Layer[]): Layer {
  return { name, type, what, output, params: parts.reduce((a, l) => a + l.params, 0), parts };
}

/** Branches that all read the same input, concatenated along the depth (inception). */
export function concatDepth(input: Shape, branches: Stack[]): Vol {
  const outs = branches.map((b) => b.vol);
  const first = outs[0];
  for (const o of outs) {
    if (o.width !== first.width || o.height !== first.height) {
      throw new LayerError(
        msg(
          `Branches of different sizes cannot be concatenated: ${outs.map((x) => shapeText(x)).join(', ')} (input ${shapeText(input)}).`,
          `尺寸不同的分支无法拼接：${outs.map((x) => shapeText(x)).join('、')}（输入 ${shapeText(input)}）。`,
        ),
      );
    }
  }
  return { width: first.width, height: first.height, depth: outs.reduce((a, o) => a + o.depth, 0) };
}

/** The shortcut's shape must equal the main path's for the addition. */
export function checkAdd(a: Shape, b: Shape, where: string): void {
  if (shapeText(a) !== shapeText(b)) {
    throw new LayerError(msg(`${where}: cannot add ${shapeText(a)} and ${shapeText(b)}.`, `${where}：${shapeText(a)} 与 ${shapeText(b)} 无法相加。`));
  }
}

/** A built network: its input, its rows (possibly groups) and the total. */
export interface BuiltNet {
  input: Shape;
  output: Shape;
  layers: Layer[];
  params: number;
}

export function built(input: Shape, s: Stack): BuiltNet {
  return { input, output: s.shape, layers: s.layers, params: s.params };
}

/** A group's parameters as a sum: "layer2.0 = 73,728 + 256 + … = 230,144". */
export function breakdownLine(l: Layer): string {
  const parts = (l.parts ?? []).filter((p) => p.params > 0);
  return `${l.name} = ${parts.map((p) => fmtInt(p.params)).join(' + ')} = ${fmtInt(l.params)}`;
}
