/**
 * Reads numeric arguments that may be a number, a [list], or a variable:
 * `softmax [2, 1, 0.1]`, `relu -3`, `relu x`. Plain lists are parsed here
 * without mathjs; lists with expressions in them go through the sandbox.
 */
import { Tensor } from '../engine/tensor.js';
import { EngineError } from '../engine/errors.js';
import { msg } from '../i18n/index.js';
import { UserError, type ReplContext, type Value } from './context.js';
import { lookup } from './resolve.js';
import type { Arg } from './spec.js';
import type { MathValue } from '../evaluator/evaluator.js';
import type { Binding } from '../evaluator/types.js';

const PLAIN_LIST = /^[\s\d.,eE+\-[\]]*$/;
const NUMBER_WORDS = new Map([
  ['NaN', NaN],
  ['Infinity', Infinity],
  ['+Infinity', Infinity],
  ['-Infinity', -Infinity],
  ['-NaN', NaN],
]);

export async function argTensor(ctx: ReplContext, a: Arg): Promise<Tensor> {
  const place = { start: a.start, end: a.end };
  if (a.kind === 'term') {
    if ('num' in a.term) return Tensor.fromNested([a.term.num]);
    // NaN and Infinity are numbers here as in PyTorch (tanh(NaN) = NaN), never variables (they are reserved).
    const literal = NUMBER_WORDS.get(a.term.name);
    if (literal !== undefined) return Tensor.fromNested([literal]);
    const v = lookup(ctx, a.term.name, place, '[2, 1, 0.1]');
    if (v.kind === 'number') return Tensor.fromNested([v.value]);
    if (v.kind === 'tensor') return v.tensor;
    throw new UserError(msg(`${a.term.name} holds ${v.display}, not numbers.`, `${a.term.name} 的值是 ${v.display}，不是数字。`), a.start, a.end - a.start);
  }
  if (a.kind === 'list') {
    if (PLAIN_LIST.test(a.text)) {
      try {
        const json = JSON.parse(a.text.replace(/(^|[^\d])\.(\d)/g, '$10.$2')) as unknown;
        return toTensor(json, place);
      } catch (e) {
        if (e instanceof UserError) throw e;
        // fall through to mathjs for anything JSON cannot read (e.g. "1e" typos get its message)
      }
    }
    const math = await ctx.math();
    const r = await math.evaluate(a.text);
    mirrorBindings(ctx, r.bindings, a.text);
    if (!r.ok) throw new UserError(r.error, a.start, a.end - a.start);
    return mathToTensor(r.value, place);
  }
  throw new UserError(msg('Expected a number, a list like [2, 1, 0.1], or a variable.', '这里需要一个数、一个列表（如 [2, 1, 0.1]）或一个变量。'), a.start);
}

function toTensor(v: unknown, place: { start: number; end: number }): Tensor {
  if (Array.isArray(v) && v.length === 0) {
    throw new UserError(msg('This list is empty: give at least one number, e.g. [2, 1, 0.1].', '这个列表是空的：请至少给一个数，例如 [2, 1, 0.1]。'), place.start, place.end - place.start);
  }
  try {
    return Tensor.fromNested(v as number[]);
  } catch (e) {
    if (e instanceof EngineError) throw new UserError(msg(e.message, e.zh ?? e.message), place.start, place.end - place.start);
    throw e;
  }
}

export function mathToTensor(v: MathValue, place: { start: number; end: number }): Tensor {
  if (v.kind === 'number') return Tensor.fromNested([v.value]);
  if (v.kind === 'matrix' && v.data.length === 0) {
    throw new UserError(
      msg(`This is an empty matrix (size ${v.shape.join('×')}): give at least one number.`, `这是一个空矩阵（尺寸 ${v.shape.join('×')}）：请至少给一个数。`),
      place.start,
      place.end - place.start,
    );
  }
  if (v.kind === 'matrix') {
    try {
      return new Tensor(v.shape, v.data);
    } catch (e) {
      if (e instanceof EngineError) throw new UserError(msg(e.message, e.zh ?? e.message), place.start, place.end - place.start);
      throw e;
    }
  }
  throw new UserError(msg('That is not a list of numbers.', '这不是一组数字。'), place.start, place.end - place.start);
}

/** A mathjs result as a REPL value: numbers, tensors, or mathjs's own text for anything else. */
export function fromMath(v: MathValue, display: string, text: string): Value {
  if (v.kind === 'number') return { kind: 'number', value: v.value };
  // An empty matrix ([], zeros(0), zeros(2, 0)) is a valid result; tensors cannot hold it, so it is kept as mathjs shows it.
  if (v.kind === 'matrix' && v.data.length === 0) return { kind: 'text', display };
  if (v.kind === 'matrix') return { kind: 'tensor', tensor: mathToTensor(v, { start: 0, end: text.length }) };
  return { kind: 'text', display };
}

/**
 * Files each variable a math line assigned under its own value in the REPL's
 * variables, so commands see what mathjs sees: in "F = 2; F + 1" F is 2.
 */
export function mirrorBindings(ctx: ReplContext, bindings: readonly Binding[] | undefined, text: string): void {
  for (const b of bindings ?? []) {
    let value: Value;
    try {
      value = fromMath(b.value, b.display, text);
    } catch {
      // A matrix the commands cannot take as a tensor: still a variable, shown as mathjs shows it.
      value = { kind: 'text', display: b.display };
    }
    ctx.vars.set(b.name, value);
  }
}
