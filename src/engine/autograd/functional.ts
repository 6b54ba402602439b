/**
 * The differentiable functions (torch.nn.functional style). Each records one
 * registered op, so its backward is the op's vjp; the modules in nn/ and the
 * losses are written with these.
 */
import type { Attrs } from '../attrs.js';
import { Tensor } from '../tensor.js';
import { record1 } from './record.js';

const variadic = (ts: readonly Tensor[]): Record<string, Tensor> => Object.fromEntries(ts.map((t, k) => [`x${k}`, t]));

export const add = (a: Tensor, b: Tensor): Tensor => record1('add', { a, b });
export const sub = (a: Tensor, b: Tensor): Tensor => record1('sub', { a, b });
export const mul = (a: Tensor, b: Tensor): Tensor => record1('mul', { a, b });
export const div = (a: Tensor, b: Tensor): Tensor => record1('div', { a, b });
/** a · scalar, a + scalar: the number becomes a constant tensor (no gradient). */
export const scale = (a: Tensor, k: number): Tensor => mul(a, Tensor.scalar(k));
export const matmul = (a: Tensor, b: Tensor): Tensor => record1('matmul', { a, b });

export const exp = (input: Tensor): Tensor => record1('exp', { input });
export const log = (input: Tensor): Tensor => record1('log', { input });
export const sqrt = (input: Tensor): Tensor => record1('sqrt', { input });
export const pow = (input: Tensor, exponent: number): Tensor => record1('pow', { input }, { exponent });
export const relu = (input: Tensor): Tensor => record1('relu', { input });
export const tanh = (input: Tensor): Tensor => record1('tanh', { input });
export const sigmoid = (input: Tensor): Tensor => record1('sigmoid', { input });
export const gelu = (input: Tensor): Tensor => record1('gelu', { input });
export const softmax = (input: Tensor, dim = -1): Tensor => record1('softmax', { input }, { dim });
export const logSoftmax = (input: Tensor, dim = -1): Tensor => record1('log_softmax', { input }, { dim });

type Dims = number | readonly number[] | null;
export const sum = (input: Tensor, dim: Dims = null, keepdim = false): Tensor => record1('sum', { input }, { dim, keepdim });
export const mean = (input: Tensor, dim: Dims = null, keepdim = false): Tensor => record1('mean', { input }, { dim, keepdim });

export const reshape = (input: Tensor, shape: readonly number[]): Tensor => record1('reshape', { input }, { shape });
export const permute = (input: Tensor, dims: readonly number[]): Tensor => record1('permute', { input }, { dims });
export const transpose = (input: Tensor, dim0: number, dim1: number): Tensor => record1('transpose', { input }, { dim0, dim1 });
export const slice = (input: Tensor, dim: number, start: number, end: number): Tensor => record1('slice', { input }, { dim, start, end });
export const concat = (tensors: readonly Tensor[], dim = 0): Tensor => record1('concat', variadic(tensors), { dim });
export const stack = (tensors: readonly Tensor[], dim = 0): Tensor => record1('stack', variadic(tensors), { dim });
export const indexSelect = (input: Tensor, dim: number, index: Tensor): Tensor => record1('index_select', { input, index }, { dim });

export const linear = (input: Tensor, weight: Tensor, bias?: Tensor): Tensor => record1('linear', { input, weight, bias });
export const dropout = (input: Tensor, p: number, training: boolean, seed: number): Tensor => record1('dropout', { input }, { p, training, seed });

/** Mean cross entropy over positions; classes are the last dimension of `logits`. */
export const crossEntropy = (logits: Tensor, target: Tensor): Tensor => record1('cross_entropy', { input: logits, target });
export const mseLoss = (input: Tensor, target: Tensor): Tensor => record1('mse_loss', { input, target });

/** Any registered op with one output, by name (for ops without a wrapper above). */
export const op = (name: string, inputs: Record<string, Tensor | undefined>, attrs: Attrs = {}): Tensor => record1(name, inputs, attrs);
